"""Run in a virtualenv that has only the wheel installed: does it work?"""
import pathlib

import zope.component
import zope.configuration.xmlconfig
import zope.interface
import zope.schema
from zope.formlib.interfaces import IInputWidget
from zope.publisher.browser import TestRequest

import formlib.keywordwidget


package = pathlib.Path(formlib.keywordwidget.__file__).parent
for shipped in ('configure.zcml', 'meta.zcml', 'layout.pt',
                'static/keywordwidget.js', 'static/keywordwidget.css',
                'static/tom-select/tom-select.complete.min.js',
                'static/tom-select/LICENSE',
                'locales/de/LC_MESSAGES/formlib.keywordwidget.mo'):
    assert (package / shipped).is_file(), 'not in the wheel: ' + shipped
# The benchmarks are the test rig, not the product: they stay in the sdist.
rig = sorted(path.name for path in package.rglob('*bench*'))
assert not rig, 'benchmark code in the wheel: %s' % rig

zope.configuration.xmlconfig.string(
    '<configure xmlns="http://namespaces.zope.org/zope">'
    '<include package="formlib.keywordwidget" /></configure>')
field = zope.schema.List(
    __name__='keywords',
    value_type=zope.schema.Choice(values=['Python', 'Zope']))
zope.interface.alsoProvides(
    field, formlib.keywordwidget.IHaveSelectableKeywords)
request = TestRequest(HTTP_ACCEPT_LANGUAGE='de', form={
    'field.keywords-empty-marker': '1', 'field.keywords': ['Zope', 'x']})
widget = zope.component.getMultiAdapter((field, request), IInputWidget)
assert '<option value="Python">Python</option>' in widget(), widget()
assert not widget.hasValidInput()
assert 'Nicht zur Auswahl' in widget.error(), widget.error()
print('The installed wheel works.')
