"""Review of issue 13: reproductions of what a user sees go wrong.

Each test fails on the branch under review, for the reason given in its
docstring.
"""
import re
import unittest

import webob
import zope.testbrowser.wsgi
from playwright.sync_api import expect

from formlib.keywordwidget.testing import FUNCTIONAL_LAYER
from formlib.keywordwidget.tests.browser import BrowserTestCase
from formlib.keywordwidget.tests.terms import stored


class PasteTestCase(BrowserTestCase):

    def setUp(self):
        super().setUp()
        self.context.grant_permissions(['clipboard-read', 'clipboard-write'])

    def paste(self, box, text):
        box.focus()
        self.page.evaluate('text => navigator.clipboard.writeText(text)', text)
        box.press('Control+V')

    def status(self, field):
        return self.page.locator('#form\\.%s-status' % field)


class PastedTwinsTests(PasteTestCase):

    def test_lines_differing_in_a_soft_hyphen_are_one_keyword(self):
        """The server takes "Sonne" and "Son\\u00adne" for one keyword
        (normalize.fold drops default-ignorable characters); the browser's
        fold does not, so the pasted list shows two chips, says "Added
        Sonne, Sonne." and the save stores one."""
        self.open('/article/@@edit-tagging')
        self.paste(self.combobox('Tags'), 'Sonne\nSon\u00adne\n')
        self.assertItems('tags', ['new:Sonne'])
        expect(self.status('tags')).to_have_text('Added Sonne.')

    def test_typed_twin_with_a_soft_hyphen_is_said_chosen(self):
        """Same root: with "Sonne" chosen, typing "Son\\u00adne" offers
        "Add Son\\u00adne" instead of saying it is already chosen."""
        self.article.tags = ['Sonne']
        self.open('/article/@@edit-tagging')
        box = self.combobox('Tags')
        box.press_sequentially('Son\u00adne')
        box.press('Enter')
        self.assertItems('tags', stored('Sonne'))


class BundleNegotiationTests(unittest.TestCase):

    layer = FUNCTIONAL_LAYER

    def bundle_url(self):
        browser = zope.testbrowser.wsgi.Browser(
            wsgi_app=self.layer.make_wsgi_app())
        browser.open('http://localhost/article/@@edit')
        return re.findall(
            r'src="([^"]*/@@keywordwidget-static/[^"]+)"',
            browser.contents)[0]

    def fetch(self, url, **headers):
        request = webob.Request.blank(url, headers={
            name.replace('_', '-'): value for name, value in headers.items()})
        return request.get_response(self.layer.make_wsgi_app())

    def test_gzip_named_after_a_refused_wildcard_is_accepted(self):
        """Low: "*;q=0, gzip" accepts gzip (RFC 9110 12.5.3: the more
        specific coding wins), but accepts_gzip stops at the first entry
        and sends the 98 kB bundle uncompressed."""
        response = self.fetch(
            self.bundle_url(), Accept_Encoding='*;q=0, gzip')
        self.assertEqual('gzip', response.headers.get('Content-Encoding'))

    def test_if_none_match_star_is_not_modified(self):
        """Low: If-None-Match: * matches any current representation
        (RFC 9110 13.1.2) but gets the whole body."""
        response = self.fetch(self.bundle_url(), If_None_Match='*')
        self.assertEqual(304, response.status_code)


class LinesModeTests(BrowserTestCase):

    def test_keyword_chosen_as_a_line_is_not_chosen_again(self):
        """More than 100 chosen keywords are lines of the textarea, also
        with JS.  A keyword among the lines, found by the search and
        picked, becomes a chip too (chosenAs looks at chips only), and the
        save moves it from its place among the lines to the first place:
        the stored order is not the order shown."""
        subjects = ['Subject %05d' % number for number in range(101)]
        subjects.insert(50, 'Zope')
        self.article.subjects = subjects
        self.open('/article/@@edit-tagging')
        expect(self.page.locator('#form\\.subjects\\.new')).to_be_visible()
        self.type('subjects', 'zope', ['Zope']).press('Enter')
        self.apply()
        self.assertEqual(subjects, list(self.article.subjects))


class LongPasteTests(PasteTestCase):

    def test_a_column_of_2000_lines_leaves_the_page_responsive(self):
        """High: pasting a column of 2,000 keywords into an open field
        freezes the page for about 90 s here (the paste handler takes
        each line through createItem/addItem, each of which re-renders
        and compares with every chip: quadratic).  The page must be back
        within Playwright's 10 s."""
        self.open('/article/@@edit-tagging')
        lines = ['Keyword %04d' % number for number in range(2000)]
        box = self.combobox('Labels')
        box.focus()
        self.page.evaluate('text => navigator.clipboard.writeText(text)',
                           '\r\n'.join(lines) + '\r\n')
        box.press('Control+V', timeout=10000)
        expect(self.page.locator(
            '.ts-wrapper:has(#form\\.labels-ts-control) .ts-control > .item'
        )).to_have_count(2000)
