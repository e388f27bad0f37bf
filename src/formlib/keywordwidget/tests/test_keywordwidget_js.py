"""The enhancement (static/keywordwidget.js) in real headless Chromium."""
import re
import time
import urllib.parse

from playwright.sync_api import expect

from formlib.keywordwidget.bundles import VIEW_NAME
from formlib.keywordwidget.testing import ZOPE_BROWSER_LAYER
from formlib.keywordwidget.tests.browser import BrowserTestCase
from formlib.keywordwidget.tests.browser import HeldSearches
from formlib.keywordwidget.tests.terms import stored


class KeyboardTests(BrowserTestCase):

    def test_combobox_is_named_by_the_field_label(self):
        self.open('/article/@@edit')
        expect(self.combobox('Keywords')).to_have_count(1)

    def test_tab_goes_from_field_to_field(self):
        self.open('/article/@@edit')
        self.page.get_by_label('Title').focus()
        self.page.keyboard.press('Tab')
        expect(self.combobox('Keywords')).to_be_focused()
        self.page.keyboard.press('Tab')
        expect(self.combobox('Categories')).to_be_focused()

    def test_typing_filters_the_options(self):
        self.open('/article/@@edit')
        self.type('keywords', 'py', ['Python', 'Pyramid'])

    def test_unknown_text_says_no_results(self):
        self.open('/article/@@edit')
        self.combobox('Keywords').press_sequentially('xyz')
        expect(self.page.locator(
            '#form\\.keywords-ts-dropdown .no-results')).to_have_text(
                'No results')

    def test_arrow_keys_and_enter_pick_keywords_in_order(self):
        self.open('/article/@@edit')
        self.type('keywords', 'zo', ['Zope']).press('Enter')
        box = self.type('keywords', 'py', ['Python', 'Pyramid'])
        box.press('ArrowDown')
        expect(self.active_option('keywords')).to_have_text('Pyramid')
        box.press('Enter')
        self.assertItems('keywords', ['Zope', 'Pyramid'])

    def test_apply_stores_the_picked_keywords_in_order(self):
        self.open('/article/@@edit')
        self.type('keywords', 'zo', ['Zope']).press('Enter')
        self.type('keywords', 'dj', ['Django']).press('Enter')
        self.assertItems('keywords', ['Zope', 'Django'])
        self.apply()
        self.assertEqual(['Zope', 'Django'], list(self.article.keywords))

    def test_stored_keywords_show_in_stored_order(self):
        self.article.keywords = ['Zope', 'Django', 'Python']
        self.open('/article/@@edit')
        # The stored keywords are posted as stored, whatever their terms.
        self.assertItems('keywords', stored('Zope', 'Django', 'Python'))
        self.type('keywords', 'pl', ['Plone']).press('Enter')
        self.apply()
        self.assertEqual(['Zope', 'Django', 'Python', 'Plone'],
                         list(self.article.keywords))

    def test_backspace_removes_the_last_keyword(self):
        self.article.keywords = ['Python', 'Zope']
        self.open('/article/@@edit')
        self.combobox('Keywords').press('Backspace')
        self.assertItems('keywords', stored('Python'))
        self.apply()
        self.assertEqual(['Python'], list(self.article.keywords))

    def test_remove_button_is_named_for_its_keyword(self):
        self.article.keywords = ['Python', 'Zope']
        self.open('/article/@@edit')
        self.page.get_by_role('button', name='Remove Python').click()
        self.assertItems('keywords', stored('Zope'))

    def test_removing_every_keyword_stores_none(self):
        self.article.keywords = ['Python']
        self.open('/article/@@edit')
        self.combobox('Keywords').press('Backspace')
        self.assertItems('keywords', [])
        self.apply()
        self.assertEqual([], list(self.article.keywords))

    def test_two_widgets_on_one_page_work_independently(self):
        self.open('/article/@@edit')
        self.type('keywords', 'pl', ['Plone']).press('Enter')
        self.type('categories', 'how', ['How-to']).press('Enter')
        self.assertItems('keywords', ['Plone'])
        self.assertItems('categories', ['howto'])
        self.apply()
        self.assertEqual(['Plone'], list(self.article.keywords))
        self.assertEqual({'howto'}, set(self.article.categories))

    def test_resources_are_included_once_per_page(self):
        self.open('/article/@@edit')
        sources = self.page.eval_on_selector_all(
            'script[src]', 'scripts => scripts.map(script => script.src)')
        self.assertEqual(
            1, len([src for src in sources if VIEW_NAME in src]))


class OpenFieldTests(BrowserTestCase):
    """Tags: an open field whose vocabulary only suggests keywords."""

    def test_enter_creates_a_new_keyword(self):
        self.open('/article/@@edit-tagging')
        self.type('tags', 'Flask', ['Add Flask']).press('Enter')
        self.assertItems('tags', ['new:Flask'])
        self.apply()
        self.assertEqual(['Flask'], list(self.article.tags))

    def test_new_keyword_is_offered_instead_of_no_results(self):
        self.open('/article/@@edit-tagging')
        self.type('tags', 'Flask', ['Add Flask'])
        expect(self.page.locator(
            '#form\\.tags-ts-dropdown .no-results')).to_have_count(0)

    def test_known_keyword_is_picked_not_created(self):
        self.open('/article/@@edit-tagging')
        self.type('tags', 'python', ['Python']).press('Enter')
        self.assertItems('tags', ['Python'])

    def test_comma_and_semicolon_are_part_of_a_keyword(self):
        self.open('/article/@@edit-tagging')
        self.type('tags', 'Smith, John', ['Add Smith, John']).press('Enter')
        self.type('tags', 'a;b', ['Add a;b']).press('Enter')
        self.apply()
        self.assertEqual(['Smith, John', 'a;b'], list(self.article.tags))

    def test_closed_field_offers_no_new_keyword(self):
        self.open('/article/@@edit')
        self.combobox('Keywords').press_sequentially('Flask')
        expect(self.page.locator(
            '#form\\.keywords-ts-dropdown .no-results')).to_be_visible()
        expect(self.page.locator(
            '#form\\.keywords-ts-dropdown .create')).to_have_count(0)

    def test_textarea_gives_way_to_the_combobox(self):
        self.open('/article/@@edit-tagging')
        expect(self.page.locator('#form\\.tags\\.new')).to_be_hidden()
        expect(self.page.locator(
            'label[for="form.tags.new"]')).to_be_hidden()

    def test_typed_lines_come_back_as_items_after_an_error(self):
        self.open('/article/@@edit-tagging')
        # A post with typed lines, as without JavaScript: five are one too
        # many for the field.
        self.page.locator('#form\\.tags\\.new').evaluate(
            'textarea => textarea.value = "Flask\\npython\\nZope\\n'
            'Plone\\nDjango"')
        self.apply()
        expect(self.page.locator('.error').first).to_be_visible()
        self.assertItems(
            'tags', ['new:Flask', 'Python', 'Zope', 'Plone', 'Django'])
        expect(self.page.locator('#form\\.tags\\.new')).to_have_value('')
        self.combobox('Tags').press('Backspace')
        self.apply()
        self.assertEqual(
            ['Flask', 'Python', 'Zope', 'Plone'], list(self.article.tags))


PYTHONS = ['Python', 'Python packaging', 'CPython', 'IronPython']


class LargeVocabularyTests(BrowserTestCase):
    """Subjects (closed) and labels (open): 20,008 terms, searched."""

    def record_searches(self):
        """The queries the page sends to the search view, as sent."""
        searches = []

        def record(request):
            url = urllib.parse.urlsplit(request.url)
            if url.path.endswith('/@@keywordwidget-search'):
                searches.extend(urllib.parse.parse_qs(url.query)['q'])
        self.page.on('request', record)
        return searches

    def test_closed_field_without_search_keeps_its_textarea(self):
        # An add form: nothing to search on yet, typing is the way in.
        self.open('/@@add-tagging')
        expect(self.page.locator('#form\\.subjects\\.new')).to_be_visible()
        expect(self.page.locator('#form\\.labels\\.new')).to_be_hidden()
        self.page.locator('#form\\.subjects\\.new').fill('zope')
        with self.page.expect_navigation():
            self.page.get_by_role('button', name='Add').click()
        self.assertEqual(['Zope'], self.layer.root.added['subjects'])

    def test_page_lists_only_the_chosen_keywords(self):
        self.article.subjects = ['Zope']
        self.open('/article/@@edit-tagging')
        self.assertEqual(
            1, self.page.locator('#form\\.subjects option').count())

    def test_empty_large_field_invites_to_search(self):
        self.open('/article/@@edit-tagging')
        expect(self.combobox('Subjects')).to_have_attribute(
            'placeholder', 'Type to search')

    def test_small_field_has_no_search_invitation(self):
        self.open('/article/@@edit-tagging')
        expect(self.combobox('Tags')).not_to_have_attribute(
            'placeholder', 'Type to search')

    def test_typing_searches_the_server(self):
        self.open('/article/@@edit-tagging')
        with self.page.expect_response(
                lambda response: 'keywordwidget-search' in response.url
                and 'q=zur' in response.url) as answer:
            self.combobox('Subjects').press_sequentially('zur')
        self.assertEqual(200, answer.value.status)
        expect(self.options('subjects')).to_have_text(['Z\u00fcrich'])

    def test_nothing_is_searched_before_typing(self):
        searches = self.record_searches()
        self.open('/article/@@edit-tagging')
        self.combobox('Subjects').focus()
        self.combobox('Labels').focus()
        self.assertEqual([], searches)

    def open_with_the_clock_stopped(self, path):
        """Open `path`; the page's clock then moves on only when the test
        moves it.  Returns the search delay."""
        self.page.clock.install()
        self.open(path)
        self.page.clock.pause_at(time.time() + 3600)
        return self.page.evaluate('formlibKeywordwidget.searchDelay')

    def test_searches_once_the_user_pauses(self):
        searches = self.record_searches()
        self.open_with_the_clock_stopped('/article/@@edit-tagging')
        box = self.combobox('Subjects')
        box.press_sequentially('pyth')
        # A tenth of a second is a pause.
        self.page.clock.run_for(100)
        expect(self.options('subjects')).to_have_text(PYTHONS)
        box.press_sequentially('on')
        self.page.clock.run_for(100)
        expect(self.options('subjects')).to_have_text(PYTHONS)
        expect(box).to_have_value('python')
        # Not one search per keystroke: one per pause.
        self.assertEqual(['pyth', 'python'], searches)

    def test_pause_shorter_than_the_delay_searches_nothing(self):
        searches = self.record_searches()
        delay = self.open_with_the_clock_stopped('/article/@@edit-tagging')
        box = self.combobox('Subjects')
        box.press_sequentially('py')
        self.page.clock.run_for(delay - 1)
        box.press_sequentially('th')
        self.page.clock.run_for(delay)
        expect(self.options('subjects')).to_have_text(PYTHONS)
        self.assertEqual(['pyth'], searches)

    def test_typing_on_aborts_at_once_and_a_late_answer_changes_nothing(self):
        searches = HeldSearches(self.page)
        delay = self.open_with_the_clock_stopped('/article/@@edit-tagging')
        box = self.combobox('Subjects')
        box.press_sequentially('pyth')
        self.page.clock.run_for(delay)
        searches.wait_for('pyth')
        box.press_sequentially('o')
        # Not after the search delay: the clock has not moved.
        searches.wait_for_abort('pyth')
        searches.answer('pyth')
        expect(self.page.locator(
            '#form\\.subjects-ts-dropdown .loading')).to_be_visible()
        expect(self.options('subjects')).to_have_count(0)
        self.page.clock.run_for(delay)
        searches.answer('pytho')
        expect(self.options('subjects')).to_have_text(PYTHONS)
        self.assertEqual(['pyth', 'pytho'], searches.sent)

    def test_search_does_not_offer_a_stored_keyword_again(self):
        self.article.subjects = ['Python']
        self.open('/article/@@edit-tagging')
        self.type('subjects', 'python', [
            'Python packaging', 'CPython', 'IronPython'])
        self.assertItems('subjects', stored('Python'))

    def test_search_results_keep_the_server_ranking(self):
        self.open('/article/@@edit-tagging')
        self.type('subjects', 'python', [
            'Python', 'Python packaging', 'CPython', 'IronPython'])

    def test_found_keyword_is_stored(self):
        self.open('/article/@@edit-tagging')
        self.type('subjects', 'smith', ['Smith, John']).press('Enter')
        self.type('subjects', 'subject 0001', [
            'Subject %05d' % number for number in range(10, 20)])
        self.combobox('Subjects').press('Enter')
        self.apply()
        self.assertEqual(
            ['Smith, John', 'Subject 00010'], list(self.article.subjects))

    def test_open_large_field_creates_new_keywords(self):
        self.open('/article/@@edit-tagging')
        self.type('labels', 'Pyth', [
            'Add Pyth', 'Python', 'Python packaging', 'CPython',
            'IronPython'], active='Python').press('Enter')
        self.type('labels', 'Brand new', ['Add Brand new']).press('Enter')
        self.assertItems('labels', ['special-0', 'new:Brand new'])
        self.apply()
        self.assertEqual({'Python', 'Brand new'}, set(self.article.labels))

    def test_refused_typed_keyword_stays_in_sight(self):
        self.open('/article/@@edit-tagging')
        textarea = self.page.locator('#form\\.subjects\\.new')
        expect(textarea).to_be_hidden()
        # A post with a typed line, as without JavaScript.
        textarea.evaluate('textarea => textarea.value = "No such subject"')
        self.apply()
        expect(textarea).to_be_visible()
        expect(textarea).to_have_value('No such subject')

    def test_titles_are_not_read_as_markup(self):
        self.open('/article/@@edit-tagging')
        self.type('subjects', 'bold', ['<b>Bold</b> & "quoted"'])
        expect(self.page.locator('.ts-dropdown b')).to_have_count(0)


class AccessibilityTests(BrowserTestCase):

    def test_edit_page_has_no_serious_violations(self):
        self.article.keywords = ['Python']
        self.open('/article/@@edit')
        self.assertEqual([], self.blocking_violations())

    def test_open_dropdown_has_no_serious_violations(self):
        self.open('/article/@@edit')
        self.type('keywords', 'py', ['Python', 'Pyramid'])
        self.assertEqual([], self.blocking_violations())

    def test_open_and_large_fields_have_no_serious_violations(self):
        self.article.tags = ['Python', 'Flask']
        self.article.subjects = ['Zope']
        self.open('/article/@@edit-tagging')
        self.assertEqual([], self.blocking_violations())

    def test_new_keyword_choice_has_no_serious_violations(self):
        self.open('/article/@@edit-tagging')
        self.type('tags', 'Flask', ['Add Flask'])
        self.assertEqual([], self.blocking_violations())

    def test_new_keyword_choice_is_an_option(self):
        self.open('/article/@@edit-tagging')
        self.type('tags', 'Fla', ['Add Fla'])
        expect(self.page.get_by_role('option', name='Add Fla')).to_have_count(
            1)


class WithoutJavaScriptTests(BrowserTestCase):

    javascript = False

    def test_native_select_stores_the_chosen_keywords(self):
        self.open('/article/@@edit')
        self.page.get_by_label('Keywords', exact=True).select_option(
            ['Plone', 'Django'])
        self.apply()
        self.assertEqual(['Plone', 'Django'], list(self.article.keywords))

    def test_textarea_adds_new_keywords(self):
        self.open('/article/@@edit-tagging')
        self.page.get_by_label('Tags', exact=True).select_option(['Zope'])
        self.page.locator('#form\\.tags\\.new').fill('Flask\nSmith, John')
        self.apply()
        self.assertEqual(
            ['Zope', 'Flask', 'Smith, John'], list(self.article.tags))

    def test_textarea_finds_keywords_of_a_large_field(self):
        self.open('/article/@@edit-tagging')
        self.page.locator('#form\\.subjects\\.new').fill('z\u00fcrich')
        self.apply()
        self.assertEqual(['Z\u00fcrich'], list(self.article.subjects))

    def test_error_gives_back_what_was_typed(self):
        self.open('/article/@@edit-tagging')
        self.page.locator('#form\\.tags\\.new').fill('Flask\nx')
        self.apply()
        expect(self.page.locator('#form\\.tags\\.new')).to_have_value(
            'Flask\nx')
        self.assertEqual((), self.article.tags)

    def test_no_script_runs(self):
        self.open('/article/@@edit-tagging')
        expect(self.page.locator('.ts-wrapper')).to_have_count(0)
        expect(self.page.locator('#form\\.tags\\.new')).to_be_visible()


class PhoneTests(BrowserTestCase):
    """A narrow viewport, as on a phone."""

    def setUp(self):
        super().setUp()
        self.page.set_viewport_size({'width': 360, 'height': 740})

    def test_combobox_fits_the_screen(self):
        self.article.tags = ['Python', 'Zope', 'Smith, John', 'Flask']
        self.open('/article/@@edit-tagging')
        box = self.page.locator(
            '.ts-wrapper:has(#form\\.tags-ts-control)').bounding_box()
        self.assertGreater(box['x'], 0)
        self.assertLessEqual(box['x'] + box['width'], 360)

    def test_items_wrap_onto_more_lines(self):
        self.article.tags = ['Python', 'Zope', 'Smith, John', 'Flask']
        self.open('/article/@@edit-tagging')
        items = self.page.locator(
            '.ts-wrapper:has(#form\\.tags-ts-control) .item')
        tops = {round(item.bounding_box()['y']) for item in items.all()}
        self.assertGreater(len(tops), 1)


class ZopeDemoTests(BrowserTestCase):
    """The demo site of ``make demo``, in a real Zope."""

    layer = ZOPE_BROWSER_LAYER
    user = 'editor'

    def stored_keywords(self):
        with self.layer.__bases__[0].zope_app() as app:
            return list(app.article.keywords)

    def test_both_fields_become_comboboxes(self):
        self.open('/article/@@edit')
        expect(self.combobox('Categories')).to_have_count(1)
        expect(self.combobox('Keywords')).to_have_count(1)

    def test_page_style_leaves_typing_on_the_line_of_the_items(self):
        # The demo makes every text input as wide as its container.
        self.open('/article/@@edit')
        item = self.page.locator(
            '.ts-wrapper:has(#form\\.categories-ts-control) .item'
        ).first.bounding_box()
        box = self.combobox('Categories').bounding_box()
        self.assertLess(box['y'], item['y'] + item['height'])

    def type_python_trai(self):
        # Keywords is open: the search offers to add what was typed, too.
        # It suggests the keywords of the site's articles.
        # Each with how many articles use it.
        return self.type(
            'keywords', 'python trai',
            ['Add python trai', re.compile(r'^Python training \d+$')],
            active=re.compile(r'^Python training \d+$'))

    def test_found_keyword_is_stored(self):
        self.open('/article/@@edit')
        self.type_python_trai().press('Enter')
        self.apply()
        self.assertIn('Python training', self.stored_keywords())

    def test_new_keyword_is_stored(self):
        self.open('/article/@@edit')
        self.type('keywords', 'Formlib widgets',
                  ['Add Formlib widgets']).press('Enter')
        self.apply()
        self.assertIn('Formlib widgets', self.stored_keywords())

    def test_edit_page_has_no_serious_violations(self):
        self.open('/article/@@edit')
        self.type_python_trai()
        self.assertEqual([], self.blocking_violations())

    def test_failed_search_says_so(self):
        searches = HeldSearches(self.page)
        self.open('/article/@@edit')
        self.combobox('Keywords').press_sequentially('python acc')
        searches.fail('python acc')
        expect(self.page.locator(
            '#form\\.keywords-ts-dropdown')).to_contain_text(
                'The search failed. Keep typing to search again.')
        expect(self.options('keywords')).to_have_text(['Add python acc'])
        self.assertEqual([], self.blocking_violations())

    def test_refused_save_marks_the_keyword_and_the_field(self):
        # Keywords of the demo have at most 60 characters.
        too_long = 'Keyword widgets ' * 4
        self.open('/article/@@edit')
        box = self.combobox('Keywords')
        box.press_sequentially(too_long)
        box.press('Enter')
        self.apply()
        refused = self.page.locator(
            '.ts-wrapper:has(#form\\.keywords-ts-control) .item.refused')
        expect(refused).to_have_text(
            re.compile(r'^%s \(not accepted\)' % too_long.strip()))
        expect(box).to_have_attribute('aria-invalid', 'true')
        expect(box).to_have_accessible_description(
            re.compile('^Not accepted: '))
        self.assertEqual([], self.blocking_violations())
