"""Review of issue 13: reproductions of what a user sees go wrong.

Each test fails on the branch under review, for the reason given in its
docstring.
"""
from playwright.sync_api import expect

from formlib.keywordwidget.tests.browser import BrowserTestCase
from formlib.keywordwidget.tests.browser import HeldSearches
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
