"""The enhancement's resources: tags, URLs, messages, the files served."""
import json
import os
import re
import unittest

import zope.component
import zope.component.hooks
import zope.interface
import zope.testbrowser.wsgi
from zope.i18n.interfaces import INegotiator
from zope.i18n.interfaces import ITranslationDomain
from zope.i18n.negotiator import negotiator
from zope.i18n.simpletranslationdomain import SimpleTranslationDomain
from zope.publisher.browser import TestRequest
from zope.traversing.interfaces import IContainmentRoot

import formlib.keywordwidget
from formlib.keywordwidget.resources import SCRIPTS
from formlib.keywordwidget.resources import STYLESHEETS
from formlib.keywordwidget.testing import FUNCTIONAL_LAYER
from formlib.keywordwidget.testing import ZCML_LAYER
from formlib.keywordwidget.testing import ZOPE_DEMO_LAYER
from formlib.keywordwidget.testing import log_in


STATIC = os.path.join(os.path.dirname(formlib.keywordwidget.__file__),
                      'static')
TOM_SELECT_VERSION = '2.6.2'


def render_resources(request):
    from formlib.keywordwidget.resources import render_resources
    return render_resources(request)


def messages_in(html):
    """The JSON of the messages block in rendered tags, decoded."""
    block = re.search(
        '<script type="application/json"'
        ' id="formlib-keywordwidget-messages">(.*?)</script>', html)
    return json.loads(block.group(1))


@zope.interface.implementer(IContainmentRoot)
class Root:
    """The root of a site's URLs."""


class Site:
    """A site below the root, with the global registry as its own."""

    __name__ = 'site'
    __parent__ = Root()

    def getSiteManager(self):
        return zope.component.getGlobalSiteManager()


class RenderResourcesTests(unittest.TestCase):

    layer = ZCML_LAYER

    def test_links_stylesheets_and_defers_scripts(self):
        html = render_resources(TestRequest())
        base = 'http://127.0.0.1/++resource++formlib.keywordwidget/'
        self.assertEqual([
            base + 'tom-select/tom-select.min.css',
            base + 'keywordwidget.css',
        ], re.findall('<link rel="stylesheet" href="([^"]+)" />', html))
        self.assertEqual([
            base + 'tom-select/tom-select.complete.min.js',
            base + 'keywordwidget-text.js',
            base + 'keywordwidget-chips.js',
            base + 'keywordwidget-search.js',
            base + 'keywordwidget-typing.js',
            base + 'keywordwidget-history.js',
            base + 'keywordwidget.js',
        ], re.findall('<script defer="defer" src="([^"]+)"></script>', html))

    def test_second_widget_on_the_page_gets_nothing(self):
        request = TestRequest()
        render_resources(request)
        self.assertEqual('', render_resources(request))

    def test_every_request_gets_its_own_tags(self):
        render_resources(TestRequest())
        self.assertIn('keywordwidget.js', render_resources(TestRequest()))

    def test_urls_are_based_on_the_site(self):
        zope.component.hooks.setSite(Site())
        self.addCleanup(zope.component.hooks.setSite, None)
        html = render_resources(TestRequest())
        self.assertIn(
            'href="http://127.0.0.1/site/++resource++formlib.keywordwidget/'
            'keywordwidget.css"', html)

    def test_urls_are_escaped(self):
        request = TestRequest()
        request.setApplicationServer('a"b.example')
        html = render_resources(request)
        self.assertNotIn('a"b', html)
        self.assertIn('a&quot;b.example', html)

    def test_messages_for_the_script_are_english_by_default(self):
        messages = messages_in(render_resources(TestRequest()))
        self.assertEqual({
            'add': 'Add ${keyword}',
            'chosen': '\u201c${keyword}\u201d is already chosen.',
            'failed': 'The search failed. Keep typing to search again.',
            'loading': 'Searching\u2026',
            'noResults': 'No results',
            'notAvailable': 'Not available for selection: ${keywords}',
            'remove': 'Remove ${keyword}',
            'search': 'Type to search',
            'typed': 'Add keywords, one per line',
        }, messages)


class TranslatedMessagesTests(unittest.TestCase):

    layer = ZCML_LAYER

    def setUp(self):
        registry = zope.component.getGlobalSiteManager()
        domain = SimpleTranslationDomain('formlib.keywordwidget', {
            ('de', 'No results'): 'Keine Treffer',
            ('de', 'Add ${keyword}'): '${keyword} hinzuf\u00fcgen',
            ('de', 'Remove ${keyword}'): '</script><script>alert(1)//',
        })
        registry.registerUtility(
            domain, ITranslationDomain, 'formlib.keywordwidget')
        registry.registerUtility(negotiator, INegotiator)
        self.addCleanup(
            registry.unregisterUtility, domain, ITranslationDomain,
            'formlib.keywordwidget')
        self.addCleanup(registry.unregisterUtility, negotiator, INegotiator)

    def render(self):
        return render_resources(TestRequest(HTTP_ACCEPT_LANGUAGE='de'))

    def test_messages_are_translated_for_the_request(self):
        messages = messages_in(self.render())
        self.assertEqual('Keine Treffer', messages['noResults'])
        self.assertEqual('${keyword} hinzuf\u00fcgen', messages['add'])

    def test_translation_cannot_end_the_script_block(self):
        html = self.render()
        # The messages block and the scripts, each closed once.
        self.assertEqual(1 + len(SCRIPTS), html.count('</script>'))
        self.assertEqual(
            '</script><script>alert(1)//', messages_in(html)['remove'])


class ServedFilesTests(unittest.TestCase):
    """The files the tags point to, fetched from the test app."""

    layer = FUNCTIONAL_LAYER

    def setUp(self):
        self.browser = zope.testbrowser.wsgi.Browser(
            wsgi_app=self.layer.make_wsgi_app())
        self.browser.handleErrors = False

    def resource_urls(self):
        self.browser.open('http://localhost/article/@@edit')
        return re.findall(
            r'(?:href|src)="([^"]*\+\+resource\+\+formlib\.keywordwidget/'
            r'[^"]+)"', self.browser.contents)

    def test_every_resource_on_the_edit_page_is_served(self):
        urls = self.resource_urls()
        self.assertEqual(len(STYLESHEETS) + len(SCRIPTS), len(urls))
        for url in urls:
            self.browser.open(url)
            self.assertEqual('200 Ok', self.browser.headers['status'])

    def test_scripts_and_stylesheets_have_their_content_types(self):
        types = {}
        for url in self.resource_urls():
            self.browser.open(url)
            types[url.rsplit('.', 1)[1]] = (
                self.browser.headers['content-type'].split(';')[0])
        self.assertEqual(
            {'js': 'text/javascript', 'css': 'text/css'}, types)

    def test_served_script_is_the_file_in_static(self):
        self.browser.open('http://localhost/++resource++formlib.keywordwidget/'
                          'keywordwidget.js')
        with open(os.path.join(STATIC, 'keywordwidget.js'), 'rb') as script:
            self.assertEqual(script.read(), self.browser.contents)


class ZopeResourcesTests(unittest.TestCase):
    """The same resources inside Zope, on the demo site."""

    layer = ZOPE_DEMO_LAYER

    def setUp(self):
        from zope.testbrowser.browser import Browser
        self.browser = Browser(wsgi_app=self.layer.wsgi_app)

    def resource_urls(self):
        log_in(self.browser, 'editor')
        self.browser.open('http://localhost/article/@@edit')
        return re.findall(
            r'(?:href|src)="([^"]*\+\+resource\+\+formlib\.keywordwidget/'
            r'[^"]+)"', self.browser.contents)

    def test_urls_are_based_on_the_zope_root(self):
        self.assertEqual([
            'http://localhost/++resource++formlib.keywordwidget/' + path
            for path in STYLESHEETS + SCRIPTS], self.resource_urls())

    def test_zope_serves_every_resource(self):
        for url in self.resource_urls():
            self.browser.open(url)
            self.assertEqual('200 OK', self.browser.headers['status'])


class VendoredTomSelectTests(unittest.TestCase):

    def read(self, name):
        with open(os.path.join(STATIC, 'tom-select', name)) as file:
            return file.read()

    def test_script_is_the_recorded_version(self):
        self.assertIn('Tom Select v%s\n' % TOM_SELECT_VERSION,
                      self.read('tom-select.complete.min.js'))

    def test_version_file_names_the_version(self):
        self.assertEqual(
            'tom-select %s from the npm registry\n' % TOM_SELECT_VERSION,
            self.read('VERSION.txt'))

    def test_licence_is_vendored_too(self):
        self.assertIn('Apache License', self.read('LICENSE'))

    def test_makefile_refreshes_the_same_version(self):
        makefile = os.path.join(
            os.path.dirname(__file__), '..', '..', '..', '..', 'Makefile')
        with open(makefile) as file:
            self.assertIn(
                'TOM_SELECT_VERSION = %s\n' % TOM_SELECT_VERSION, file.read())
