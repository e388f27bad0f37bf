"""What the user typed into the enhanced widget is kept, and kept once."""
import unicodedata

from playwright.sync_api import expect

from formlib.keywordwidget.normalize import fold
from formlib.keywordwidget.normalize import normalize
from formlib.keywordwidget.tests import app
from formlib.keywordwidget.tests.browser import BrowserTestCase
from formlib.keywordwidget.tests.browser import HeldSearches
from formlib.keywordwidget.tests.terms import numbered
from formlib.keywordwidget.tests.terms import stored
from formlib.keywordwidget.tests.terms import use_vocabulary


# Tom Select searches nothing for a run of 16 equal characters.
ZEROS = '1' + '0' * 18
CHOSEN = '\u201c%s\u201d is already chosen.'


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

    def test_closed_field_picks_the_keyword_whose_value_only_the_server_knows(
            self):
        # "k0005" is the value of "Keyword 0005", posted as "t0005".
        use_vocabulary(self, numbered(20))
        self.open('/article/@@edit')
        self.combobox('Keywords').press_sequentially('k0005')
        self.page.keyboard.press('Tab')
        self.assertItems('keywords', ['t0005'])
        expect(self.page.locator(
            '#form\\.keywords-typed-note')).to_have_count(0)

    def test_large_closed_field_finds_the_keyword_whose_value_is_typed(self):
        # The server searches titles, and takes values typed too.
        use_vocabulary(self, numbered(3000))
        searches = HeldSearches(self.page)
        self.open('/article/@@edit')
        self.combobox('Keywords').press_sequentially('k0005')
        searches.answer('k0005')
        expect(self.options('keywords')).to_have_text(['Keyword 0005'])
        self.page.keyboard.press('Tab')
        self.assertItems('keywords', ['t0005'])
        expect(self.page.locator(
            '#form\\.keywords-typed-note')).to_have_count(0)
        self.apply()
        self.assertEqual(['k0005'], list(self.article.keywords))

    def test_enter_before_the_answer_picks_the_keyword_whose_value_is_typed(
            self):
        use_vocabulary(self, numbered(3000))
        searches = HeldSearches(self.page)
        self.open('/article/@@edit')
        box = self.combobox('Keywords')
        box.press_sequentially('k0005')
        box.press('Enter')
        searches.answer('k0005')
        self.assertItems('keywords', ['t0005'])

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

    def test_invisible_text_adds_no_keyword(self):
        # The server drops it: the keyword would vanish on save.
        self.open('/article/@@edit-tagging')
        self.insert('Tags', '\u200b').press('Enter')
        self.page.keyboard.press('Tab')
        self.assertItems('tags', [])

    def test_large_closed_field_leaves_pending_text_to_the_server(self):
        # No search is answered: the browser cannot know the keyword.
        HeldSearches(self.page)
        self.open('/article/@@edit-tagging')
        self.combobox('Subjects').press_sequentially('z\u00fcrich')
        with self.page.expect_navigation():
            self.page.get_by_role('button', name='Apply').click()
        self.assertEqual(['Z\u00fcrich'], list(self.article.subjects))


class MatchingTextTests(BrowserTestCase):
    """The dropdown offers only keywords that match the text as typed, so
    that Enter picks nothing else."""

    def dropdown(self, field):
        return self.page.locator('#form\\.%s-ts-dropdown' % field)

    def test_run_of_one_character_picks_nothing_on_a_closed_field(self):
        self.open('/article/@@edit')
        box = self.insert('Keywords', ZEROS)
        expect(self.dropdown('keywords')).to_contain_text('No results')
        box.press('Enter')
        self.assertItems('keywords', [])
        self.apply()
        self.assertEqual((), self.article.keywords)

    def test_run_of_one_character_is_added_as_typed_on_an_open_field(self):
        self.open('/article/@@edit-tagging')
        box = self.insert('Tags', ZEROS)
        expect(self.options('tags')).to_have_text(['Add ' + ZEROS])
        box.press('Enter')
        self.assertItems('tags', ['new:' + ZEROS])

    def test_keyword_with_a_run_of_one_character_is_found(self):
        keyword = 'Club ' + ZEROS
        app.KEYWORDS.append(keyword)
        self.addCleanup(app.KEYWORDS.remove, keyword)
        self.open('/article/@@edit')
        self.insert('Keywords', ZEROS + ' cl').press('Enter')
        self.assertItems('keywords', [keyword])

    def test_search_syntax_is_typed_text_too(self):
        # Tom Select reads "text:py" as "py in the field text".
        self.open('/article/@@edit')
        box = self.insert('Keywords', 'text:py')
        expect(self.dropdown('keywords')).to_contain_text('No results')
        box.press('Enter')
        self.assertItems('keywords', [])
        self.open('/article/@@edit-tagging')
        self.insert('Tags', 'text:py')
        expect(self.options('tags')).to_have_text(['Add text:py'])

    def test_run_of_one_character_lists_only_the_answer_on_a_large_field(
            self):
        searches = HeldSearches(self.page)
        self.article.labels = frozenset(['Python'])
        self.open('/article/@@edit-tagging')
        self.insert('Labels', ZEROS)
        searches.answer(ZEROS)
        expect(self.options('labels')).to_have_text(['Add ' + ZEROS])


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

    def test_keyword_typed_as_its_value_is_chosen(self):
        use_vocabulary(self, numbered(20))
        self.article.keywords = ['k0005']
        self.open('/article/@@edit')
        self.combobox('Keywords').press_sequentially('K0005')
        expect(self.page.locator(
            '#form\\.keywords-ts-dropdown')).to_contain_text(
                CHOSEN % 'Keyword 0005')
        self.page.keyboard.press('Tab')
        expect(self.status('keywords')).to_have_text(CHOSEN % 'Keyword 0005')
        expect(self.page.locator(
            '#form\\.keywords-typed-note')).to_have_count(0)

    def test_keyword_typed_with_an_invisible_character_is_chosen(self):
        # The server takes "Py\xadthon" (with a soft hyphen) for "Python".
        self.article.tags = ['Python']
        self.open('/article/@@edit-tagging')
        box = self.insert('Tags', 'Py\u00adthon')
        expect(self.page.locator('#form\\.tags-ts-dropdown')).to_contain_text(
            '\u201cPython\u201d is already chosen.')
        box.press('Enter')
        self.assertItems('tags', stored('Python'))

    def test_keyword_typed_key_by_key_with_a_soft_hyphen_is_chosen(self):
        self.article.tags = ['Sonne']
        self.open('/article/@@edit-tagging')
        box = self.combobox('Tags')
        box.press_sequentially('Son\u00adne')
        box.press('Enter')
        self.assertItems('tags', stored('Sonne'))

    def test_keyword_typed_with_an_invisible_character_is_picked(self):
        self.open('/article/@@edit')
        self.insert('Keywords', 'Zo\u200bpe')
        self.page.keyboard.press('Tab')
        self.assertItems('keywords', ['Zope'])

    def test_browser_folds_keywords_as_the_server_does(self):
        self.open('/article/@@edit')
        # Every cased character, and some that fold to several.
        texts = [chr(code) for code in range(0x10000)
                 if chr(code).casefold() != chr(code)
                 or chr(code).upper() != chr(code)]
        texts += ['Stra\u00dfe', 'STRASSE', '\ufb01ne', '\u1e9e',
                  'e\u0301t\u00e9', ' Many   spaces ', '\u0130stanbul',
                  '\u0131', 'a \u00ad b', '\U000e0041x\U0001d173']
        # Every character of the basic plane inside a keyword: those shown
        # as nothing (a soft hyphen, a zero-width space) fold away.  Not
        # those the server's Unicode version does not know yet.
        texts += ['Py%sthon' % chr(code) for code in range(0x10000)
                  if unicodedata.category(chr(code)) not in ('Cn', 'Cs')]
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


class ChosenAsLinesTests(BrowserTestCase):
    """Over 100 chosen keywords are lines of the textarea, which the
    enhancement leaves as lines; they are chosen all the same."""

    def status(self, field):
        return self.page.locator('#form\\.%s-status' % field)

    def test_keyword_chosen_as_a_line_is_not_offered_or_picked_again(self):
        searches = HeldSearches(self.page)
        self.article.subjects = ['Subject %05d' % n for n in range(150)]
        self.open('/article/@@edit-tagging')
        box = self.combobox('Subjects')
        box.press_sequentially('subject 00005')
        searches.answer('subject 00005')
        expect(self.page.locator('#form\\.subjects-ts-dropdown')).to_have_text(
            CHOSEN % 'Subject 00005')
        box.press('Enter')
        self.assertItems('subjects', [])
        expect(self.status('subjects')).to_have_text(CHOSEN % 'Subject 00005')

    def test_keyword_chosen_as_a_line_keeps_its_place_when_typed(self):
        subjects = ['Subject %05d' % number for number in range(101)]
        subjects.insert(50, 'Zope')
        self.article.subjects = subjects
        self.open('/article/@@edit-tagging')
        box = self.combobox('Subjects')
        box.press_sequentially('zope')
        expect(self.page.locator(
            '#form\\.subjects-ts-dropdown')).to_have_text(CHOSEN % 'Zope')
        box.press('Enter')
        self.assertItems('subjects', [])
        self.apply()
        self.assertEqual(subjects, list(self.article.subjects))

    def test_keyword_chosen_as_a_line_is_not_created_again(self):
        # Enter before the answer, on an open field.
        HeldSearches(self.page)
        self.article.labels = frozenset(
            'Subject %05d' % n for n in range(150))
        self.open('/article/@@edit-tagging')
        box = self.combobox('Labels')
        box.press_sequentially('SUBJECT 00005')
        expect(self.options('labels')).to_have_count(0)
        box.press('Enter')
        self.assertItems('labels', [])
        expect(self.status('labels')).to_have_text(CHOSEN % 'Subject 00005')

    def test_keyword_chosen_as_a_line_is_not_called_unavailable(self):
        terms = use_vocabulary(self, numbered(300)).terms
        self.article.keywords = [term.value for term in terms[:150]]
        self.open('/article/@@edit')
        self.combobox('Keywords').press_sequentially('Keyword 0005')
        expect(self.page.locator(
            '#form\\.keywords-ts-dropdown')).to_have_text(
                CHOSEN % 'Keyword 0005')
        self.page.keyboard.press('Tab')
        expect(self.status('keywords')).to_have_text(CHOSEN % 'Keyword 0005')
        expect(self.page.locator(
            '#form\\.keywords-typed-note')).to_have_count(0)
        self.apply()
        self.assertEqual(150, len(self.article.keywords))
