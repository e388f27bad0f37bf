"""Searching large vocabularies while answers are slow, fail or come late.

Labels is open and Subjects closed; both search 20,008 keywords.  The
searches are held back (HeldSearches) until the test answers or fails them.
"""
from playwright.sync_api import expect

from formlib.keywordwidget.tests.browser import BrowserTestCase
from formlib.keywordwidget.tests.browser import HeldSearches


PYTHONS = ['Python', 'Python packaging', 'CPython', 'IronPython']
FAILED = 'The search failed. Keep typing to search again.'


class SearchTestCase(BrowserTestCase):

    def setUp(self):
        super().setUp()
        self.searches = HeldSearches(self.page)
        self.open('/article/@@edit-tagging')

    def dropdown(self, field):
        return self.page.locator('#form\\.%s-ts-dropdown' % field)

    def clear(self, box):
        box.press('Control+a')
        box.press('Backspace')
        expect(box).to_have_value('')

    def search_pyth(self, field):
        """Type "Pyth" and show its answer."""
        box = self.combobox(field.capitalize())
        box.press_sequentially('Pyth')
        self.searches.answer('Pyth')
        expect(self.page.locator(
            '#form\\.%s-ts-dropdown .option' % field)).to_have_text(PYTHONS)
        return box


class StaleAnswerTests(SearchTestCase):
    """Only what matches the text in the box may be shown or picked."""

    def test_enter_while_searching_adds_what_was_typed(self):
        box = self.search_pyth('labels')
        self.clear(box)
        box.press_sequentially('Brand new keyword')
        # The answer for the new text is still on its way.
        expect(self.options('labels')).to_have_text(
            ['Add Brand new keyword'])
        expect(self.active_option('labels')).to_have_text(
            'Add Brand new keyword')
        box.press('Enter')
        self.assertItems('labels', ['new:Brand new keyword'])
        self.apply()
        self.assertEqual({'Brand new keyword'}, set(self.article.labels))

    def test_empty_box_lists_no_earlier_answer(self):
        box = self.search_pyth('labels')
        self.clear(box)
        expect(self.page.locator(
            '#form\\.labels-ts-dropdown .option')).to_have_count(0)

    def test_enter_on_a_closed_field_waits_for_the_answer(self):
        box = self.search_pyth('subjects')
        self.clear(box)
        box.press_sequentially('z\u00fcrich')
        expect(self.page.locator(
            '#form\\.subjects-ts-dropdown .option')).to_have_count(0)
        box.press('Enter')
        self.assertItems('subjects', [])
        self.searches.answer('z\u00fcrich')
        self.assertItems('subjects', ['special-5'])
        self.apply()
        self.assertEqual(['Z\u00fcrich'], list(self.article.subjects))

    def test_waiting_enter_picks_only_the_keyword_typed(self):
        box = self.combobox('Subjects')
        box.press_sequentially('zur')
        box.press('Enter')
        self.searches.answer('zur')
        # "zur" is not a keyword: its match is offered, not picked.
        expect(self.options('subjects')).to_have_text(['Z\u00fcrich'])
        self.assertItems('subjects', [])

    def test_typing_on_forgets_a_waiting_enter(self):
        box = self.combobox('Subjects')
        box.press_sequentially('z\u00fcrich')
        self.searches.wait_for('z\u00fcrich')
        box.press('Enter')
        box.press('Backspace')
        box.press_sequentially('h')
        # Searched again: the first search was aborted.
        self.searches.wait_for('z\u00fcrich', times=2)
        self.searches.answer('z\u00fcrich')
        # Offered, not picked: Enter was for the text before.
        expect(self.options('subjects')).to_have_text(['Z\u00fcrich'])
        self.assertItems('subjects', [])

    def test_typing_on_aborts_the_search_in_flight(self):
        box = self.combobox('Labels')
        box.press_sequentially('pyth')
        self.searches.wait_for('pyth')
        box.press_sequentially('on')
        self.searches.wait_for_abort('pyth')
        self.searches.answer('python')
        expect(self.page.locator(
            '#form\\.labels-ts-dropdown .option')).to_have_text(PYTHONS)

    def test_clearing_the_box_aborts_the_search_in_flight(self):
        box = self.combobox('Labels')
        box.press_sequentially('pyth')
        self.searches.wait_for('pyth')
        self.clear(box)
        self.searches.wait_for_abort('pyth')

    def test_pending_search_has_no_serious_violations(self):
        box = self.search_pyth('labels')
        self.clear(box)
        box.press_sequentially('Brand new')
        expect(self.dropdown('labels').locator('.loading')).to_be_visible()
        self.assertEqual([], self.blocking_violations())


class RepeatedSearchTests(SearchTestCase):
    """A text is searched again until an answer for it has been shown."""

    def test_text_whose_search_was_dropped_is_searched_again(self):
        box = self.combobox('Labels')
        box.press_sequentially('pyth')
        self.searches.wait_for('pyth')
        box.press_sequentially('o')
        self.searches.wait_for('pytho')
        box.press('Backspace')
        self.searches.wait_for('pyth', times=2)
        self.searches.answer('pyth')
        expect(self.page.locator(
            '#form\\.labels-ts-dropdown .option')).to_have_text(PYTHONS)

    def test_text_whose_search_failed_is_searched_again(self):
        box = self.combobox('Labels')
        box.press_sequentially('python')
        self.searches.fail('python')
        expect(self.dropdown('labels')).to_contain_text(FAILED)
        self.clear(box)
        box.press_sequentially('python')
        self.searches.wait_for('python', times=2)
        self.searches.answer('python')
        expect(self.page.locator(
            '#form\\.labels-ts-dropdown .option')).to_have_text(PYTHONS)


class FailedSearchTests(SearchTestCase):
    """A failed search says so, and adding keywords goes on working."""

    def test_server_error_is_not_taken_for_no_matches(self):
        box = self.combobox('Subjects')
        box.press_sequentially('pyth')
        self.searches.fail('pyth')
        expect(self.dropdown('subjects')).to_contain_text(FAILED)
        expect(self.dropdown('subjects').locator(
            '.no-results')).not_to_contain_text('No results')
        self.assertEqual([], self.blocking_violations())

    def test_failure_is_announced(self):
        box = self.combobox('Subjects')
        box.press_sequentially('pyth')
        self.searches.fail('pyth')
        expect(self.page.locator('#form\\.subjects-status')).to_have_text(
            FAILED)
        expect(self.page.locator('#form\\.subjects-status')).to_have_attribute(
            'role', 'status')

    def test_open_field_still_adds_what_was_typed(self):
        box = self.combobox('Labels')
        box.press_sequentially('pyth')
        self.searches.fail('pyth')
        expect(self.options('labels')).to_have_text(['Add pyth'])
        expect(self.dropdown('labels')).to_contain_text(FAILED)
        box.press('Enter')
        self.assertItems('labels', ['new:pyth'])
        # And the next search works again.
        box.press_sequentially('zur')
        self.searches.answer('zur')
        expect(self.page.locator(
            '#form\\.labels-ts-dropdown .option')).to_have_text(
                ['Z\u00fcrich'])

    def test_unreadable_answer_is_a_failure(self):
        # E.g. a login page, after the session expired.
        box = self.combobox('Subjects')
        box.press_sequentially('pyth')
        self.searches.fail('pyth', status=200, content_type='text/html',
                           body='<html><body>Please log in</body></html>')
        expect(self.dropdown('subjects')).to_contain_text(FAILED)

    def test_search_that_takes_too_long_fails(self):
        self.page.evaluate('formlibKeywordwidget.searchTimeout = 300')
        box = self.combobox('Subjects')
        box.press_sequentially('pyth')
        # Never answered.
        self.searches.wait_for('pyth')
        expect(self.dropdown('subjects')).to_contain_text(FAILED)
        self.searches.wait_for_abort('pyth')


class GermanFailureTests(SearchTestCase):

    def setUp(self):
        super().setUp()
        self.page.set_extra_http_headers({'Accept-Language': 'de'})
        self.open('/article/@@edit-tagging')

    def test_failure_is_said_in_german(self):
        box = self.combobox('Subjects')
        box.press_sequentially('pyth')
        self.searches.fail('pyth')
        expect(self.dropdown('subjects')).to_contain_text(
            'Die Suche ist fehlgeschlagen.')
