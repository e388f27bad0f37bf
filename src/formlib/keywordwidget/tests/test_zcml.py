import subprocess
import sys
import unittest

import zope.component
import zope.component.testing
import zope.configuration.xmlconfig
import zope.interface
import zope.schema
from zope.formlib.interfaces import IDisplayWidget
from zope.formlib.interfaces import IInputWidget
from zope.formlib.widget import DisplayWidget
from zope.formlib.widget import SimpleInputWidget
from zope.publisher.browser import TestRequest
from zope.publisher.interfaces.browser import IBrowserRequest


class IHaveColour(zope.interface.Interface):
    """A marker of the test's own."""


class ISpecialLayer(IBrowserRequest):
    """A request layer."""


class ColourInputWidget(SimpleInputWidget):
    """Edit widget for the test marker."""


class ColourDisplayWidget(DisplayWidget):
    """Display widget for the test marker."""


CONFIG = '''
<configure
    xmlns="http://namespaces.zope.org/zope"
    xmlns:formlib="http://namespaces.zope.org/formlib">
  <include package="formlib.keywordwidget" file="meta.zcml" />
  <formlib:widgets
      for="formlib.keywordwidget.tests.test_zcml.IHaveColour"
      edit="formlib.keywordwidget.tests.test_zcml.ColourInputWidget"
      display="formlib.keywordwidget.tests.test_zcml.ColourDisplayWidget"
      %s
      />
</configure>
'''


def colour_field():
    field = zope.schema.TextLine(__name__='colour')
    zope.interface.alsoProvides(field, IHaveColour)
    return field


class WidgetsDirectiveTests(unittest.TestCase):

    def setUp(self):
        zope.component.testing.setUp(self)

    def tearDown(self):
        zope.component.testing.tearDown(self)

    def load(self, extra=''):
        zope.configuration.xmlconfig.string(CONFIG % extra)

    def lookup(self, interface, request=None):
        return zope.component.queryMultiAdapter(
            (colour_field(), request or TestRequest()), interface)

    def test_registers_edit_widget_for_marker(self):
        self.load()
        self.assertIsInstance(self.lookup(IInputWidget), ColourInputWidget)

    def test_registers_display_widget_for_marker(self):
        self.load()
        self.assertIsInstance(
            self.lookup(IDisplayWidget), ColourDisplayWidget)

    def test_widgets_are_not_security_proxied(self):
        self.load()
        self.assertIs(type(self.lookup(IInputWidget)), ColourInputWidget)

    def test_layer_narrows_the_registration(self):
        self.load('layer="formlib.keywordwidget.tests.test_zcml.'
                  'ISpecialLayer"')
        self.assertIsNone(self.lookup(IInputWidget))
        request = TestRequest()
        zope.interface.alsoProvides(request, ISpecialLayer)
        self.assertIsInstance(
            self.lookup(IInputWidget, request), ColourInputWidget)


class PackageConfigurationTests(unittest.TestCase):
    """``<include package="formlib.keywordwidget" />`` is all an app needs."""

    def setUp(self):
        zope.component.testing.setUp(self)

    def tearDown(self):
        zope.component.testing.tearDown(self)

    def include_package(self):
        zope.configuration.xmlconfig.string(
            '<configure xmlns="http://namespaces.zope.org/zope">'
            '<include package="formlib.keywordwidget" /></configure>')

    def keywords_field(self):
        from formlib.keywordwidget import IHaveSelectableKeywords
        field = zope.schema.List(
            __name__='keywords',
            value_type=zope.schema.Choice(values=['Zope']))
        zope.interface.alsoProvides(field, IHaveSelectableKeywords)
        return field

    def test_configure_zcml_alone_registers_both_widgets(self):
        from formlib.keywordwidget.widget import KeywordDisplayWidget
        from formlib.keywordwidget.widget import KeywordInputWidget
        self.include_package()
        field, request = self.keywords_field(), TestRequest()
        self.assertIsInstance(
            zope.component.getMultiAdapter((field, request), IInputWidget),
            KeywordInputWidget)
        self.assertIsInstance(
            zope.component.getMultiAdapter((field, request), IDisplayWidget),
            KeywordDisplayWidget)

    def test_configure_zcml_alone_translates_for_the_browser(self):
        self.include_package()
        widget = zope.component.getMultiAdapter(
            (self.keywords_field(), TestRequest(HTTP_ACCEPT_LANGUAGE='de')),
            IDisplayWidget)
        self.assertIn('(keine)', widget())

    def test_negotiator_of_the_app_is_kept(self):
        # As in Zope, which registers its own.
        from zope.i18n.interfaces import INegotiator
        negotiator = object()
        zope.component.provideUtility(negotiator, INegotiator)
        self.include_package()
        self.assertIs(negotiator, zope.component.getUtility(INegotiator))

    def test_configure_zcml_alone_includes_zope_formlib(self):
        from zope.formlib.textwidgets import TextWidget
        self.include_package()
        self.assertIsInstance(
            zope.component.getMultiAdapter(
                (zope.schema.TextLine(__name__='title'), TestRequest()),
                IInputWidget),
            TextWidget)


# Loads a Zope application's configuration, as Zope2.App's site.zcml does,
# then looks the edit widget of a marked field up.
ZOPE_CONFIGURATION = """
import sys
import zope.component
import zope.configuration.xmlconfig
import zope.interface
import zope.schema
from zope.formlib.interfaces import IInputWidget
from zope.publisher.browser import TestRequest
from formlib.keywordwidget import IHaveSelectableKeywords

zope.configuration.xmlconfig.string(
    '<configure xmlns="http://namespaces.zope.org/zope">'
    '<include package="Zope2.App" />%s</configure>' % sys.argv[1])
field = zope.schema.List(
    __name__='keywords', value_type=zope.schema.Choice(values=['Zope']))
zope.interface.alsoProvides(field, IHaveSelectableKeywords)
print(type(zope.component.getMultiAdapter(
    (field, TestRequest()), IInputWidget)).__name__)
"""

KEYWORDWIDGET = '<include package="formlib.keywordwidget" />'
FIVE_FORMLIB = '<include package="five.formlib" />'


class ZopeConfigurationTests(unittest.TestCase):
    """In a Zope application the package's ZCML loads in any order.

    Each configuration loads in a process of its own: Zope's configuration
    fills global registries.
    """

    def assertLoads(self, includes):
        result = subprocess.run(
            [sys.executable, '-c', ZOPE_CONFIGURATION, includes],
            capture_output=True, text=True)
        self.assertEqual(
            'KeywordInputWidget', result.stdout.strip(), result.stderr)

    def test_before_five_formlib(self):
        self.assertLoads(KEYWORDWIDGET + FIVE_FORMLIB)

    def test_after_five_formlib(self):
        self.assertLoads(FIVE_FORMLIB + KEYWORDWIDGET)

    def test_alone(self):
        self.assertLoads(KEYWORDWIDGET)

    def test_as_z3c_autoinclude_loads_it(self):
        # Every plugin's meta.zcml first, its configure.zcml later.
        self.assertLoads(
            '<include package="formlib.keywordwidget" file="meta.zcml" />'
            + FIVE_FORMLIB + KEYWORDWIDGET)

    def test_z3c_autoinclude_entry_point_is_declared(self):
        from importlib.metadata import distribution
        entry_points = distribution('formlib.keywordwidget').entry_points
        self.assertEqual(
            [('target', 'plone')],
            [(entry_point.name, entry_point.value)
             for entry_point in entry_points
             if entry_point.group == 'z3c.autoinclude.plugin'])
