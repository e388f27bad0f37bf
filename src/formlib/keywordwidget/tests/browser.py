"""What the browser tests of the enhancement share: a page of the example
app in headless Chromium, and search answers held back or failed."""
import os
import time
import unittest
import urllib.parse

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from formlib.keywordwidget.testing import BROWSER_LAYER
from formlib.keywordwidget.testing import REQUIRE_BROWSER


# axe-core impacts that fail the accessibility scan.
BLOCKING_IMPACTS = ('serious', 'critical')
# Not ours: formlib's stock widget for the Colours field has unnamed selects.
AXE_EXCLUDE = {'exclude': [['[id^="form.colours"]']]}
# Milliseconds an expectation waits: the machine running the tests may be
# shared and busy.  A test that passes does not wait longer for it.
EXPECT_TIMEOUT = 20000
expect.set_options(timeout=EXPECT_TIMEOUT)


def require_browser(test):
    """Skip `test` when its layer has no Chromium, or fail it where the
    browser tests must run (CI)."""
    if test.layer.browser is None:
        if os.environ.get(REQUIRE_BROWSER):
            test.fail(test.layer.missing)
        test.skipTest(test.layer.missing)


class BrowserTestCase(unittest.TestCase):
    """Opens pages of the example app in a fresh browser context."""

    layer = BROWSER_LAYER
    javascript = True
    # User name (and password) to log in with, if any.
    user = None

    def setUp(self):
        require_browser(self)
        credentials = None
        if self.user is not None:
            credentials = {'username': self.user, 'password': self.user}
        self.context = self.layer.browser.new_context(
            java_script_enabled=self.javascript, http_credentials=credentials)
        self.addCleanup(self.context.close)
        self.page = self.context.new_page()
        self.page.set_default_timeout(10000)
        self.script_errors = []
        self.page.on('pageerror', lambda error: self.script_errors.append(
            str(error)))

    @property
    def article(self):
        return self.layer.root.article

    def open(self, path):
        self.page.goto(self.layer.url + path)
        if self.javascript:
            self.page.wait_for_selector(
                '.keywordwidget-enhanced', state='attached')
        self.addCleanup(self.assertEqual, [], self.script_errors)

    def combobox(self, name):
        return self.page.get_by_role('combobox', name=name, exact=True)

    def insert(self, name, text):
        """Text arriving in a combobox at once, as from an input method."""
        box = self.combobox(name)
        box.focus()
        self.page.keyboard.insert_text(text)
        return box

    def options(self, field):
        """The options the dropdown of a field offers."""
        return self.page.locator(
            '#form\\.%s-ts-dropdown [role=option]:not([aria-disabled])'
            % field)

    def active_option(self, field):
        return self.page.locator('#form\\.%s-ts-dropdown .active' % field)

    def type(self, field, text, matches, active=None):
        """Type into a combobox, wait until it offers just `matches`.

        The first match is active, unless `active` names another.
        """
        box = self.page.locator('#form\\.%s-ts-control' % field)
        box.press_sequentially(text)
        expect(self.options(field)).to_have_text(matches)
        expect(self.active_option(field)).to_have_text(active or matches[0])
        return box

    def assertItems(self, field, tokens):
        """The enhanced control of `field` shows the items `tokens`."""
        items = self.page.locator(
            '.ts-wrapper:has(#form\\.%s-ts-control) .ts-control > .item'
            % field)
        expect(items).to_have_count(len(tokens))
        self.assertEqual(tokens, [
            item.get_attribute('data-value') for item in items.all()])

    def blocking_violations(self):
        """Serious and critical findings of an axe-core scan of the page."""
        results = Axe().run(self.page, context=AXE_EXCLUDE)
        return [
            '%s (%s): %s' % (
                violation['id'], violation['impact'],
                [node['target'] for node in violation['nodes']])
            for violation in results.response['violations']
            if violation['impact'] in BLOCKING_IMPACTS]

    def apply(self):
        with self.page.expect_navigation():
            self.page.get_by_role('button', name='Apply').press('Enter')


def searched_query(url):
    """The text a search view URL asks for."""
    query = urllib.parse.urlsplit(url).query
    return urllib.parse.parse_qs(query, keep_blank_values=True)['q'][0]


def is_search(url):
    return '/@@keywordwidget-search?' in url


class HeldSearches:
    """The page's searches, held back until the test answers or fails them.

    A held search is a slow one, as slow as the test wants: the page goes
    on while it waits.
    """

    def __init__(self, page):
        self.page = page
        self.held = []
        # Every query sent and every one the browser gave up, in order.
        self.sent = []
        self.aborted = []
        page.route(is_search, self._hold)
        page.on('requestfailed', self._record_failure)

    def _hold(self, route):
        self.held.append(route)
        self.sent.append(searched_query(route.request.url))

    def _record_failure(self, request):
        if is_search(request.url):
            self.aborted.append(searched_query(request.url))

    def _wait(self, condition, what, timeout=10):
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError('%s; searched: %r, aborted: %r' % (
                    what, self.sent, self.aborted))
            # Lets Playwright hand over the page's requests meanwhile.
            self.page.wait_for_timeout(20)

    def wait_for(self, query, times=1):
        """Wait until the page has searched `query` this many times."""
        self._wait(lambda: self.sent.count(query) >= times,
                   '%r was not searched %d times' % (query, times))

    def wait_for_abort(self, query):
        """Wait until the page gave up its search for `query`."""
        self._wait(lambda: query in self.aborted,
                   'the search for %r was not aborted' % query)

    def _take(self, query):
        self.wait_for(query)
        route = [route for route in self.held
                 if searched_query(route.request.url) == query][-1]
        self.held.remove(route)
        return route

    def answer(self, query):
        """Let the latest search for `query` reach the server now."""
        self._take(query).continue_()

    def fail(self, query, status=500, body='Internal Server Error',
             content_type='text/plain'):
        """Answer the latest search for `query` with an error."""
        self._take(query).fulfill(
            status=status, body=body, content_type=content_type)
