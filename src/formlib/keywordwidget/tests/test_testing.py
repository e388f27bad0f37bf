"""The test app's publication, its HTTP server and the browser layer."""
import unittest
import urllib.error
import urllib.request

import zope.testbrowser.wsgi

from formlib.keywordwidget.testing import FUNCTIONAL_LAYER
from formlib.keywordwidget.testing import ZCML_LAYER


class PublicationTests(unittest.TestCase):

    layer = FUNCTIONAL_LAYER

    def setUp(self):
        self.browser = zope.testbrowser.wsgi.Browser(
            wsgi_app=self.layer.make_wsgi_app())

    def test_resource_namespace_reaches_a_static_file(self):
        self.browser.open(
            'http://localhost/++resource++formlib.keywordwidget/'
            'tom-select/LICENSE')
        self.assertIn(b'Apache License', self.browser.contents)

    def test_resource_namespace_works_below_an_object_too(self):
        self.browser.open(
            'http://localhost/article/++resource++formlib.keywordwidget/'
            'keywordwidget.css')
        self.assertIn(b'.keywordwidget', self.browser.contents)

    def test_missing_static_file_is_not_found(self):
        with self.assertRaises(urllib.error.HTTPError) as raised:
            self.browser.open(
                'http://localhost/++resource++formlib.keywordwidget/nothing')
        self.assertEqual(404, raised.exception.code)

    def test_forms_are_still_published(self):
        self.browser.open('http://localhost/article/@@edit')
        self.assertIn('keywordwidget', self.browser.contents)


class HTTPServerThreadTests(unittest.TestCase):

    layer = ZCML_LAYER

    def _makeOne(self):
        from formlib.keywordwidget.testing import HTTPServerThread
        from formlib.keywordwidget.testing import Root
        from formlib.keywordwidget.testing import WSGIApplication
        server = HTTPServerThread(WSGIApplication(Root()))
        server.start()
        self.addCleanup(server.stop)
        return server

    def test_serves_the_app_over_http_on_the_loopback(self):
        server = self._makeOne()
        self.assertTrue(server.url.startswith('http://127.0.0.1:'))
        with urllib.request.urlopen(server.url + '/article/@@edit') as page:
            self.assertEqual(200, page.status)
            self.assertIn(b'form.keywords', page.read())

    def test_app_reading_to_the_end_gets_just_the_body(self):
        from formlib.keywordwidget.testing import HTTPServerThread

        def echo(environ, start_response):
            # Reads without a limit, as Zope's multipart parser does.
            body = environ['wsgi.input'].read()
            start_response('200 OK', [('Content-Type', 'text/plain')])
            return [body]
        server = HTTPServerThread(echo)
        server.start()
        self.addCleanup(server.stop)
        # The timeout only ends a hanging test.
        with urllib.request.urlopen(server.url, b'a=1', timeout=30) as page:
            self.assertEqual(b'a=1', page.read())

    def test_two_servers_get_different_ports(self):
        self.assertNotEqual(self._makeOne().url, self._makeOne().url)


class BrowserLayerTests(unittest.TestCase):

    layer = ZCML_LAYER

    def test_without_chromium_the_layer_says_why(self):
        from formlib.keywordwidget.testing import BrowserLayer
        layer = BrowserLayer((), 'NoBrowser', chromium='/nonexistent/chromium')
        layer.setUp()
        self.addCleanup(layer.tearDown)
        self.assertIsNone(layer.browser)
        self.assertEqual(
            "/nonexistent/chromium not found: install Debian's chromium to"
            " run the browser tests", layer.missing)
