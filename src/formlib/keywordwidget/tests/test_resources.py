"""The enhancement's resources: tags, URLs, messages, the files served."""
import gzip
import json
import os
import re
import unittest

import zope.component
import zope.component.hooks
import zope.interface
import webob
import zope.testbrowser.wsgi
from zope.i18n.interfaces import INegotiator
from zope.i18n.interfaces import ITranslationDomain
from zope.i18n.negotiator import negotiator
from zope.i18n.simpletranslationdomain import SimpleTranslationDomain
from zope.publisher.browser import TestRequest
from zope.traversing.interfaces import IContainmentRoot

import formlib.keywordwidget
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

    def test_links_one_stylesheet_and_defers_one_script(self):
        from formlib.keywordwidget.bundles import bundle
        html = render_resources(TestRequest())
        base = 'http://127.0.0.1/@@keywordwidget-static/'
        self.assertEqual(
            [base + bundle('keywordwidget.css').digest + '/keywordwidget.css'],
            re.findall('<link rel="stylesheet" href="([^"]+)" />', html))
        self.assertEqual(
            [base + bundle('keywordwidget.js').digest + '/keywordwidget.js'],
            re.findall('<script defer="defer" src="([^"]+)"></script>', html))

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
            'href="http://127.0.0.1/site/@@keywordwidget-static/', html)

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
            'added': 'Added ${keywords}.',
            'chosen': '\u201c${keyword}\u201d is already chosen.',
            'chosenCount': '${count} keywords are already chosen.',
            'counted': '${keyword}, uses: ${count}',
            'failed': 'The search failed. Keep typing to search again.',
            'keywordCount': '${count} keywords',
            'loading': 'Searching\u2026',
            'moved': 'Moved ${keyword} to position ${position} of ${count}.',
            'noResults': 'No results',
            'notAccepted': '(not accepted)',
            'notAvailable': 'Not available for selection: ${keywords}',
            'remove': 'Remove ${keyword}',
            'removed': 'Removed ${keywords}.',
            'search': 'Type to search',
            'suggestions': 'Suggestions: ${count}',
            'tooLong': 'Too long to search: at most ${max} characters.',
            'typed': 'Add keywords, one per line',
            'unavailable': '(unavailable)',
            'unchecked':
                'Kept as typed, to be checked when saving: ${keywords}',
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
        # The messages block and two scripts, each closed once.
        self.assertEqual(2, html.count('</script>'))
        self.assertEqual(
            '</script><script>alert(1)//', messages_in(html)['remove'])


def read_static(path):
    with open(os.path.join(STATIC, path), 'rb') as file:
        return file.read()


class BundleTests(unittest.TestCase):
    """What the bundles hold."""

    def bundle(self, name):
        from formlib.keywordwidget.bundles import bundle
        return bundle(name)

    def test_script_bundle_runs_tom_select_before_ours(self):
        body = self.bundle('keywordwidget.js').body
        tom_select = 'Tom Select v%s' % TOM_SELECT_VERSION
        self.assertLess(body.index(tom_select.encode()),
                        body.index(read_static('keywordwidget.js').rstrip()))

    def test_scripts_are_kept_apart_by_a_semicolon(self):
        body = self.bundle('keywordwidget.js').body
        self.assertIn(
            b';\n' + read_static('keywordwidget.js')[:20], body)

    def test_source_map_comments_of_files_we_do_not_ship_are_gone(self):
        self.assertNotIn(b'sourceMappingURL',
                         self.bundle('keywordwidget.js').body)

    def test_stylesheet_bundle_lets_ours_override_tom_selects(self):
        body = self.bundle('keywordwidget.css').body
        self.assertLess(
            body.index(read_static('tom-select/tom-select.min.css').rstrip()),
            body.index(read_static('keywordwidget.css').rstrip()))

    def test_gzipped_body_is_the_body(self):
        served = self.bundle('keywordwidget.js')
        self.assertEqual(served.body, gzip.decompress(served.gzipped))
        self.assertLess(len(served.gzipped), len(served.body) / 2)

    def test_digest_follows_the_content(self):
        from formlib.keywordwidget.bundles import Bundle
        served = self.bundle('keywordwidget.css')
        self.assertEqual(
            served.digest,
            Bundle('x', 'text/css',
                   ['tom-select/tom-select.min.css', 'keywordwidget.css']
                   ).digest)
        self.assertNotEqual(
            served.digest,
            Bundle('x', 'text/css', ['keywordwidget.css']).digest)


class AcceptsGzipTests(unittest.TestCase):

    def accepts(self, header):
        from formlib.keywordwidget.bundles import accepts_gzip
        return accepts_gzip(TestRequest(HTTP_ACCEPT_ENCODING=header))

    def test_browsers_accept_gzip(self):
        self.assertTrue(self.accepts('gzip, deflate, br, zstd'))

    def test_no_header_gets_no_gzip(self):
        self.assertFalse(self.accepts(''))

    def test_other_codings_get_no_gzip(self):
        self.assertFalse(self.accepts('br, deflate'))

    def test_gzip_refused_with_quality_zero(self):
        self.assertFalse(self.accepts('br, gzip;q=0'))

    def test_wildcard_accepts_gzip(self):
        self.assertTrue(self.accepts('*'))

    def test_gzip_named_wins_over_a_refused_wildcard(self):
        self.assertTrue(self.accepts('*;q=0, gzip'))

    def test_gzip_refused_by_name_despite_the_wildcard(self):
        self.assertFalse(self.accepts('gzip;q=0, *'))

    def test_quality_with_spaces_and_other_parameters(self):
        self.assertFalse(self.accepts('gzip ; level=9 ; Q = 0.000'))
        self.assertTrue(self.accepts('gzip; q=0.001'))

    def test_unreadable_quality_gets_the_plain_body(self):
        self.assertFalse(self.accepts('gzip;q=high'))


class ServedBundlesTests(unittest.TestCase):
    """The bundles the tags point to, fetched from the test app."""

    layer = FUNCTIONAL_LAYER

    def setUp(self):
        self.browser = self.make_browser()

    def make_browser(self):
        browser = zope.testbrowser.wsgi.Browser(
            wsgi_app=self.layer.make_wsgi_app())
        browser.handleErrors = False
        return browser

    def edit_page(self):
        self.browser.open('http://localhost/article/@@edit')

    def bundle_urls(self):
        self.edit_page()
        return re.findall(
            r'(?:href|src)="([^"]*/@@keywordwidget-static/[^"]+)"',
            self.browser.contents)

    def fetch(self, url, **headers):
        """The response as sent: zope.testbrowser would decode gzip."""
        request = webob.Request.blank(url, headers={
            name.replace('_', '-'): value for name, value in headers.items()})
        return request.get_response(self.wsgi_app())

    def wsgi_app(self):
        return self.layer.make_wsgi_app()

    def test_the_page_links_two_bundles(self):
        self.assertEqual(
            ['keywordwidget.css', 'keywordwidget.js'],
            [url.rsplit('/', 1)[1] for url in self.bundle_urls()])

    def test_bundles_have_their_content_types(self):
        types = {}
        for url in self.bundle_urls():
            response = self.fetch(url)
            self.assertEqual(200, response.status_code)
            types[url.rsplit('.', 1)[1]] = response.headers['Content-Type']
        self.assertEqual({'js': 'text/javascript; charset=utf-8',
                          'css': 'text/css; charset=utf-8'}, types)

    def test_served_script_is_the_bundle(self):
        from formlib.keywordwidget.bundles import bundle
        url = self.bundle_urls()[1]
        self.assertEqual(bundle('keywordwidget.js').body,
                         self.fetch(url).body)

    def test_versioned_url_is_cached_for_a_year(self):
        for url in self.bundle_urls():
            self.assertEqual('public, max-age=31536000, immutable',
                             self.fetch(url).headers['Cache-Control'])

    def test_outdated_version_is_served_but_not_kept(self):
        url = re.sub('/[0-9a-f]{16}/', '/0123456789abcdef/',
                     self.bundle_urls()[1])
        response = self.fetch(url)
        self.assertEqual(200, response.status_code)
        self.assertEqual('no-cache', response.headers['Cache-Control'])

    def test_gzip_for_browsers_that_accept_it(self):
        from formlib.keywordwidget.bundles import bundle
        url = self.bundle_urls()[1]
        response = self.fetch(url, Accept_Encoding='gzip, deflate')
        self.assertEqual('gzip', response.headers['Content-Encoding'])
        self.assertEqual('Accept-Encoding', response.headers['Vary'])
        self.assertEqual(bundle('keywordwidget.js').gzipped, response.body)

    def test_plain_for_browsers_that_do_not(self):
        url = self.bundle_urls()[1]
        self.assertNotIn('Content-Encoding', self.fetch(url).headers)

    def test_revalidation_answers_304_without_a_body(self):
        url = self.bundle_urls()[0]
        etag = self.fetch(url).headers['ETag']
        response = self.fetch(url, If_None_Match=etag)
        self.assertEqual(304, response.status_code)
        self.assertEqual(b'', response.body)

    def test_gzip_named_after_a_refused_wildcard_is_sent_gzipped(self):
        url = self.bundle_urls()[1]
        response = self.fetch(url, Accept_Encoding='*;q=0, gzip')
        self.assertEqual('gzip', response.headers.get('Content-Encoding'))

    def test_if_none_match_star_answers_304(self):
        # "*" matches any current representation (RFC 9110, 13.1.2).
        response = self.fetch(self.bundle_urls()[1], If_None_Match='*')
        self.assertEqual(304, response.status_code)
        self.assertEqual(b'', response.body)

    def test_changed_bundle_is_sent_again(self):
        url = self.bundle_urls()[0]
        response = self.fetch(url, If_None_Match='"0123456789abcdef"')
        self.assertEqual(200, response.status_code)

    def test_each_encoding_has_its_own_etag(self):
        url = self.bundle_urls()[0]
        self.assertNotEqual(
            self.fetch(url).headers['ETag'],
            self.fetch(url, Accept_Encoding='gzip').headers['ETag'])

    def test_unknown_bundle_is_not_found(self):
        url = self.bundle_urls()[0].replace('keywordwidget.css', 'passwd')
        self.assertEqual(404, self.fetch(url).status_code)

    def test_files_stay_browser_resources(self):
        response = self.fetch(
            'http://localhost/++resource++formlib.keywordwidget/'
            'keywordwidget.js')
        self.assertEqual(read_static('keywordwidget.js'), response.body)


class ZopeBundlesTests(ServedBundlesTests):
    """The same bundles inside Zope, on the demo site."""

    layer = ZOPE_DEMO_LAYER

    def make_browser(self):
        from zope.testbrowser.browser import Browser
        return Browser(wsgi_app=self.layer.wsgi_app)

    def wsgi_app(self):
        return self.layer.wsgi_app

    def edit_page(self):
        log_in(self.browser, 'editor')
        self.browser.open('http://localhost/article/@@edit')

    def test_urls_are_based_on_the_zope_root(self):
        self.assertTrue(all(
            url.startswith('http://localhost/@@keywordwidget-static/')
            for url in self.bundle_urls()))


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
