"""Keywords the site uses, in the demo's real Zope: how many use each, the
most used on an empty box, and who may add new ones."""
import re

from playwright.sync_api import expect

from formlib.keywordwidget.testing import ZOPE_BROWSER_LAYER
from formlib.keywordwidget.tests.browser import BrowserTestCase
from formlib.keywordwidget.tests.browser import HeldSearches
from formlib.keywordwidget.tests.terms import stored


SEARCH = ('/article/@@keywordwidget-search?field='
          'formlib.keywordwidget.demo.interfaces.IArticle.keywords&q=')
# The keywords of /article, which its edit page has chosen.
CHOSEN = ['Python', 'Zope', 'Zope widgets', 'Python testing']


class RankedTestCase(BrowserTestCase):

    layer = ZOPE_BROWSER_LAYER
    user = 'editor'

    def setUp(self):
        super().setUp()
        self.box = self.combobox('Keywords')

    def answer(self, query):
        """The search view's items for `query`, asked by the open page."""
        return self.page.evaluate(
            'url => fetch(url).then(response => response.json())',
            SEARCH + query)['items']

    def suggestions(self, items):
        """How the dropdown shows `items`: title and count."""
        return ['%s %d' % (item['title'], item['count']) for item in items]

    def stored_keywords(self):
        with self.layer.__bases__[0].zope_app() as app:
            return list(app.article.keywords)


class MostUsedTests(RankedTestCase):
    """An empty box offers the most used keywords, not chosen yet."""

    def test_empty_box_offers_the_most_used_with_counts(self):
        self.open('/article/@@edit')
        most_used = [item for item in self.answer('')
                     if item['title'] not in CHOSEN]
        self.box.focus()
        expect(self.options('keywords')).to_have_text(
            self.suggestions(most_used))
        # Screen readers hear how many.
        expect(self.page.locator('#form\\.keywords-status')).to_have_text(
            'Suggestions: %d' % len(most_used))
        self.assertEqual([], self.blocking_violations())

    def test_most_used_are_picked_without_typing(self):
        self.open('/article/@@edit')
        first, second = [item for item in self.answer('')
                         if item['title'] not in CHOSEN][:2]
        self.box.focus()
        expect(self.active_option('keywords')).to_have_text(
            self.suggestions([first]))
        self.box.press('Enter')
        # The next most used moves up.
        expect(self.active_option('keywords')).to_have_text(
            self.suggestions([second]))
        self.box.press('Enter')
        self.apply()
        self.assertEqual(CHOSEN + [first['title'], second['title']],
                         self.stored_keywords())

    def test_emptied_box_offers_the_most_used_again(self):
        self.open('/article/@@edit')
        most_used = [item for item in self.answer('')
                     if item['title'] not in CHOSEN]
        self.box.press_sequentially('python trai')
        expect(self.options('keywords')).to_contain_text(['Python training'])
        self.box.press('Control+a')
        self.box.press('Backspace')
        expect(self.options('keywords')).to_have_text(
            self.suggestions(most_used))

    def test_nothing_is_searched_before_the_box_is_reached(self):
        searches = HeldSearches(self.page)
        self.open('/article/@@edit')
        self.combobox('Categories').focus()
        self.box.focus()
        searches.wait_for('')
        self.assertEqual([''], searches.sent)

    def test_answer_for_the_empty_box_after_typing_is_not_shown(self):
        # The user typed before the most used came: they stay away.
        searches = HeldSearches(self.page)
        self.open('/article/@@edit')
        self.box.focus()
        searches.wait_for('')
        self.box.press_sequentially('python trai')
        searches.answer('')
        searches.answer('python trai')
        expect(self.options('keywords')).to_have_text(
            ['Add python trai', re.compile(r'^Python training \d+$')])


class CountTests(RankedTestCase):

    def test_found_keywords_show_their_counts(self):
        self.open('/article/@@edit')
        found = self.answer('python%20trai')
        self.box.press_sequentially('python trai')
        expect(self.options('keywords')).to_have_text(
            ['Add python trai'] + self.suggestions(found))
        # Seen: the number; said: words.
        expect(self.page.get_by_role(
            'option', name='%s, uses: %d' % (
                found[0]['title'], found[0]['count']))).to_be_visible()

    def test_count_is_said_in_german(self):
        self.page.set_extra_http_headers({'Accept-Language': 'de'})
        self.open('/article/@@edit')
        found = self.answer('python%20trai')[0]
        self.page.locator('#form\\.keywords-ts-control').press_sequentially(
            'python trai')
        expect(self.page.get_by_role('option', name='%s, %d-mal verwendet' % (
            found['title'], found['count']))).to_be_visible()


class CreatePermissionTests(RankedTestCase):
    """A tagger chooses the site's keywords but may not add new ones."""

    user = 'tagger'

    def test_no_add_entry_for_unknown_text(self):
        self.open('/article/@@edit')
        self.box.press_sequentially('Formlib widgets')
        expect(self.page.locator(
            '#form\\.keywords-ts-dropdown .no-results')).to_have_text(
                'No results')
        expect(self.page.locator(
            '#form\\.keywords-ts-dropdown .create')).to_have_count(0)
        self.box.press('Enter')
        self.assertItems('keywords', stored(*CHOSEN))

    def test_found_keywords_are_offered_without_add(self):
        self.open('/article/@@edit')
        found = self.answer('python%20trai')
        self.box.press_sequentially('python trai')
        expect(self.options('keywords')).to_have_text(
            self.suggestions(found))
        self.box.press('Enter')
        self.apply()
        self.assertEqual(CHOSEN + [found[0]['title']],
                         self.stored_keywords())

    def test_most_used_are_offered_too(self):
        self.open('/article/@@edit')
        most_used = [item for item in self.answer('')
                     if item['title'] not in CHOSEN]
        self.box.focus()
        expect(self.options('keywords')).to_have_text(
            self.suggestions(most_used))
        expect(self.page.locator(
            '#form\\.keywords-ts-dropdown .create')).to_have_count(0)
        self.assertEqual([], self.blocking_violations())
