"""Chromium keeps the enhancement's bundles: a second visit fetches none."""
import base64
import unittest

from formlib.keywordwidget.bundles import VIEW_NAME
from formlib.keywordwidget.bundles import bundle
from formlib.keywordwidget.testing import BROWSER_LAYER
from formlib.keywordwidget.testing import ZOPE_BROWSER_LAYER
from formlib.keywordwidget.tests.browser import require_browser


class SecondVisitTests(unittest.TestCase):

    layer = BROWSER_LAYER
    user = None

    def setUp(self):
        require_browser(self)
        headers = {}
        if self.user is not None:
            # Not http_credentials: Playwright answers those challenges by
            # intercepting requests, which turns Chromium's cache off.
            headers['Authorization'] = 'Basic ' + base64.b64encode(
                ('%s:%s' % (self.user, self.user)).encode()).decode()
        self.context = self.layer.browser.new_context(
            extra_http_headers=headers)
        self.addCleanup(self.context.close)
        self.page = self.context.new_page()

    def visit(self):
        """Bundle requests the server answered while the page loaded:
        (status, body bytes)."""
        requests = self.layer.server.requests
        del requests[:]
        self.page.goto(self.layer.url + '/article/@@edit')
        self.page.wait_for_selector(
            '.keywordwidget-enhanced', state='attached')
        return [(status, size) for line, status, size in requests
                if VIEW_NAME in line]

    def test_first_visit_fetches_both_bundles_compressed(self):
        # Fetched side by side: either may be answered first.
        self.assertCountEqual(
            [(200, len(bundle(name).gzipped))
             for name in ('keywordwidget.css', 'keywordwidget.js')],
            self.visit())

    def test_second_visit_transfers_no_bundle_body(self):
        self.visit()
        self.assertEqual(
            [], [(status, size) for status, size in self.visit() if size])

    def test_the_page_is_styled_and_enhanced_from_cache(self):
        self.visit()
        self.visit()
        self.assertTrue(self.page.locator('.ts-wrapper').first.is_visible())


class ZopeSecondVisitTests(SecondVisitTests):

    layer = ZOPE_BROWSER_LAYER
    user = 'editor'
