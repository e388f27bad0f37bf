"""What the user typed into the enhanced widget is kept, and kept once."""
import unicodedata

from playwright.sync_api import expect

from formlib.keywordwidget.normalize import fold
from formlib.keywordwidget.normalize import normalize
from formlib.keywordwidget.tests.browser import BrowserTestCase
from formlib.keywordwidget.tests.terms import stored
from formlib.keywordwidget.tests.browser import HeldSearches


class TypedTextTests(BrowserTestCase):
    """Text typed without Enter is not dropped when the user moves on."""

    def test_open_field_adds_the_text_on_tab(self):
        self.open('/article/@@edit-tagging')
        self.combobox('Tags').press_sequentially('Flask')
        self.page.keyboard.press('Tab')
        self.assertItems('tags', ['new:Flask'])
        self.apply()
        self.assertEqual(['Flask'], list(self.article.tags))

    def test_open_field_adds_the_text_when_apply_is_clicked(self):
        self.open('/article/@@edit-tagging')
        self.combobox('Tags').press_sequentially('Flask')
        with self.page.expect_navigation():
            self.page.get_by_role('button', name='Apply').click()
        self.assertEqual(['Flask'], list(self.article.tags))

    def test_open_field_picks_the_keyword_the_text_names(self):
        self.open('/article/@@edit-tagging')
        self.combobox('Tags').press_sequentially('python')
        self.page.keyboard.press('Tab')
        self.assertItems('tags', ['Python'])

    def test_closed_field_picks_the_keyword_the_text_names(self):
        self.open('/article/@@edit')
        self.combobox('Keywords').press_sequentially('zope')
        with self.page.expect_navigation():
            self.page.get_by_role('button', name='Apply').click()
        self.assertEqual(['Zope'], list(self.article.keywords))

    def test_closed_field_picks_the_keyword_whose_value_the_text_spells(self):
        # As the server does: "howto" is the value of "How-to".
        self.open('/article/@@edit')
        self.combobox('Categories').press_sequentially('howto')
        self.page.keyboard.press('Tab')
        self.assertItems('categories', ['howto'])
        expect(self.page.locator('#form\\.categories\\.new')).to_be_hidden()

    def test_closed_field_shows_unknown_text_as_refused(self):
        self.open('/article/@@edit')
        self.combobox('Keywords').press_sequentially('Flask')
        self.page.keyboard.press('Tab')
        typed = self.page.locator('#form\\.keywords\\.new')
        expect(typed).to_be_visible()
        expect(self.page.locator(
            'label[for="form.keywords.new"]')).to_have_text(
                'Add keywords, one per line')
        expect(typed).to_have_value('Flask')
        expect(typed).to_have_attribute('aria-invalid', 'true')
        expect(self.page.locator('#form\\.keywords-typed-note')).to_have_text(
            'Not available for selection: \u201cFlask\u201d')
        self.assertEqual([], self.blocking_violations())
        # The server refuses it by name and gives it back.
        self.apply()
        expect(self.page.locator('.error').first).to_contain_text(
            'Not available for selection: \u201cFlask\u201d')
        expect(self.page.locator('#form\\.keywords\\.new')).to_have_value(
            'Flask')
        self.assertEqual((), self.article.keywords)

    def test_large_closed_field_leaves_pending_text_to_the_server(self):
        # No search is answered: the browser cannot know the keyword.
        HeldSearches(self.page)
        self.open('/article/@@edit-tagging')
        self.combobox('Subjects').press_sequentially('z\u00fcrich')
        with self.page.expect_navigation():
            self.page.get_by_role('button', name='Apply').click()
        self.assertEqual(['Z\u00fcrich'], list(self.article.subjects))


class ChosenOnceTests(BrowserTestCase):
    """A keyword is chosen once, whatever its case or Unicode form."""

    def status(self, field):
        return self.page.locator('#form\\.%s-status' % field)

    def test_found_twin_of_a_typed_keyword_is_not_added(self):
        searches = HeldSearches(self.page)
        self.open('/article/@@edit-tagging')
        box = self.combobox('Labels')
        box.press_sequentially('python')
        box.press('Enter')
        self.assertItems('labels', ['new:python'])
        box.press_sequentially('Pyth')
        searches.answer('Pyth')
        expect(self.active_option('labels')).to_have_text('Python')
        box.press('Enter')
        self.assertItems('labels', ['new:python'])
        expect(self.status('labels')).to_have_text(
            '\u201cpython\u201d is already chosen.')
        self.apply()
        self.assertEqual({'Python'}, set(self.article.labels))

    def test_keyword_typed_in_another_case_says_it_is_chosen(self):
        self.article.tags = ['Python']
        self.open('/article/@@edit-tagging')
        box = self.combobox('Tags')
        box.press_sequentially('PYTHON')
        expect(self.page.locator('#form\\.tags-ts-dropdown')).to_contain_text(
            '\u201cPython\u201d is already chosen.')
        expect(self.page.locator(
            '#form\\.tags-ts-dropdown .no-results')).not_to_contain_text(
                'No results')
        box.press('Enter')
        self.assertItems('tags', stored('Python'))
        expect(self.status('tags')).to_have_text(
            '\u201cPython\u201d is already chosen.')
        self.assertEqual([], self.blocking_violations())

    def test_keyword_typed_in_another_unicode_form_is_chosen(self):
        self.article.tags = ['Z\u00fcrich']
        self.open('/article/@@edit-tagging')
        box = self.combobox('Tags')
        box.press_sequentially('zu\u0308rich')
        expect(self.page.locator('#form\\.tags-ts-dropdown')).to_contain_text(
            '\u201cZ\u00fcrich\u201d is already chosen.')
        box.press('Enter')
        self.assertItems('tags', stored('Z\u00fcrich'))

    def test_browser_folds_keywords_as_the_server_does(self):
        self.open('/article/@@edit')
        # Every cased character, and some that fold to several.
        texts = [chr(code) for code in range(0x10000)
                 if chr(code).casefold() != chr(code)
                 or chr(code).upper() != chr(code)]
        texts += ['Stra\u00dfe', 'STRASSE', '\ufb01ne', '\u1e9e',
                  'e\u0301t\u00e9', ' Many   spaces ', '\u0130stanbul',
                  '\u0131']
        folded = self.page.evaluate(
            'texts => texts.map(formlibKeywordwidget.fold)', texts)
        differences = [
            (text, unicodedata.name(text[0], '?'), fold(text), mine)
            for text, mine in zip(texts, folded) if fold(text) != mine]
        self.assertEqual([], differences)

    def test_browser_tidies_keywords_as_the_server_does(self):
        self.open('/article/@@edit')
        # Every character of the basic plane inside a keyword and alone,
        # and what only the server dropped before: controls, bidi
        # formatting, zero-width spaces.
        texts = []
        for code in range(0x10000):
            if not 0xd800 <= code < 0xe000:
                texts += ['a%sb' % chr(code), chr(code)]
        texts += ['a\x00b', 'a \x07 b', '\u202eevil\u202c', '\u2067x\u2069',
                  '\u200b', ' \u200b\u200d ', '\ufeffkeyword', 'a\x85b',
                  '\x1c a \x1f', 'e\u0301t\u00e9']
        tidied = self.page.evaluate(
            'texts => texts.map(formlibKeywordwidget.tidy)', texts)
        differences = [
            (text, normalize(text), mine)
            for text, mine in zip(texts, tidied) if normalize(text) != mine]
        self.assertEqual([], differences)
