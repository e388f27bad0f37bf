import unittest

import zope.component
import zope.interface
import zope.schema
from zope.formlib.interfaces import IDisplayWidget
from zope.formlib.interfaces import IInputWidget
from zope.publisher.browser import TestRequest

from formlib.keywordwidget.interfaces import IHaveSelectableKeywords
from formlib.keywordwidget.testing import ZCML_LAYER


VALUES = ['Python', 'Zope']


@zope.interface.provider(zope.schema.interfaces.IContextSourceBinder)
def binder(context):
    return zope.schema.vocabulary.SimpleVocabulary.fromValues(VALUES)


def field(kind=zope.schema.List, marked=True, **choice):
    choice = choice or {'values': VALUES}
    result = kind(__name__='keywords',
                  value_type=zope.schema.Choice(**choice))
    if marked:
        zope.interface.alsoProvides(result, IHaveSelectableKeywords)
    return result.bind(object())


class RegistrationTests(unittest.TestCase):
    """Which widget formlib's lookup gives each kind of field."""

    layer = ZCML_LAYER

    def lookup(self, field, interface):
        return zope.component.getMultiAdapter(
            (field, TestRequest()), interface)

    def assertWidgets(self, field, edit, display):
        self.assertIsInstance(self.lookup(field, IInputWidget), edit)
        self.assertIsInstance(self.lookup(field, IDisplayWidget), display)

    def test_marked_list_of_choice_gets_keyword_widgets(self):
        from formlib.keywordwidget.widget import KeywordDisplayWidget
        from formlib.keywordwidget.widget import KeywordInputWidget
        self.assertWidgets(
            field(), KeywordInputWidget, KeywordDisplayWidget)

    def test_marked_set_of_choice_gets_keyword_widgets(self):
        from formlib.keywordwidget.widget import KeywordDisplayWidget
        from formlib.keywordwidget.widget import KeywordInputWidget
        self.assertWidgets(
            field(zope.schema.Set), KeywordInputWidget, KeywordDisplayWidget)

    def test_marked_field_with_named_vocabulary_gets_keyword_widgets(self):
        from formlib.keywordwidget.widget import KeywordInputWidget
        marked = field(vocabulary='formlib.keywordwidget.tests.keywords')
        self.assertIsInstance(
            self.lookup(marked, IInputWidget), KeywordInputWidget)

    def test_marked_field_with_source_binder_gets_keyword_widgets(self):
        from formlib.keywordwidget.widget import KeywordInputWidget
        widget = self.lookup(field(source=binder), IInputWidget)
        self.assertIsInstance(widget, KeywordInputWidget)
        self.assertIn('<option value="Zope">Zope</option>', widget())

    def test_unmarked_list_keeps_formlib_widgets(self):
        from zope.formlib.itemswidgets import ItemsMultiDisplayWidget
        from zope.formlib.itemswidgets import OrderedMultiSelectWidget
        self.assertWidgets(
            field(marked=False), OrderedMultiSelectWidget,
            ItemsMultiDisplayWidget)

    def test_unmarked_set_keeps_formlib_widgets(self):
        from zope.formlib.itemswidgets import ItemsMultiDisplayWidget
        from zope.formlib.itemswidgets import MultiSelectSetWidget
        self.assertWidgets(
            field(zope.schema.Set, marked=False), MultiSelectSetWidget,
            ItemsMultiDisplayWidget)

    def test_marker_wins_under_strict_resolution_order(self):
        from unittest import mock

        from zope.interface.ro import C3

        from formlib.keywordwidget.widget import KeywordInputWidget
        with mock.patch.object(C3, 'STRICT_IRO', True):
            marked = field()
            resolution_order = marked.__provides__.__sro__
            self.assertIs(IHaveSelectableKeywords, resolution_order[1])
            self.assertIsInstance(
                self.lookup(marked, IInputWidget), KeywordInputWidget)

    def test_marker_survives_binding(self):
        unbound = zope.schema.List(
            __name__='keywords',
            value_type=zope.schema.Choice(values=VALUES))
        zope.interface.alsoProvides(unbound, IHaveSelectableKeywords)
        self.assertTrue(
            IHaveSelectableKeywords.providedBy(unbound.bind(object())))


class KeywordManagerRegistrationTests(unittest.TestCase):
    """Where the keyword manager is, and who may use it (ZTK)."""

    layer = ZCML_LAYER

    def manager_of(self, *provided):
        site = type('Site', (), {})()
        zope.interface.alsoProvides(site, *provided)
        return zope.component.queryMultiAdapter(
            (site, TestRequest()), name='manage-keywords')

    def test_a_site_and_the_root_have_it(self):
        from zope.component.interfaces import ISite
        from zope.location.interfaces import IRoot

        from formlib.keywordwidget.managerview import KeywordManager
        for provided in (ISite, IRoot):
            self.assertIsInstance(self.manager_of(provided), KeywordManager)

    def test_other_objects_do_not(self):
        self.assertIsNone(self.manager_of())

    def test_it_needs_the_permission_to_manage_keywords(self):
        from zope.location.interfaces import IRoot
        from zope.security.checker import getCheckerForInstancesOf
        view = self.manager_of(IRoot)
        checker = getCheckerForInstancesOf(type(view))
        self.assertEqual(checker.permission_id('__call__'),
                         'formlib.keywordwidget.ManageKeywords')
