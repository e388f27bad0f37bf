"""Review of issue 13: reproductions of what a user sees go wrong.

Each test fails on the branch under review, for the reason given in its
docstring.
"""

from playwright.sync_api import expect

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
