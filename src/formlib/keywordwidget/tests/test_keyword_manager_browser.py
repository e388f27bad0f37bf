"""The keyword manager's page in real headless Chromium, on the demo's
real Zope: keyboard use, comfortable filtering and selection, axe."""
import time

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from formlib.keywordwidget.testing import ZOPE_BROWSER_LAYER
from formlib.keywordwidget.tests.browser import require_browser
from formlib.keywordwidget.tests.test_keyword_manager import (
    KeywordManagerTestCase)


BLOCKING_IMPACTS = ('serious', 'critical')
# Typing pauses of the script, and then some.
SETTLED = 0.5


class ManagerBrowserTestCase(KeywordManagerTestCase):

    layer = ZOPE_BROWSER_LAYER
    javascript = True

    def setUp(self):
        require_browser(self)
        super().setUp()
        self.context = self.layer.browser.new_context(
            java_script_enabled=self.javascript,
            http_credentials={'username': 'admin', 'password': 'admin'})
        self.addCleanup(self.context.close)
        self.page = self.context.new_page()
        self.page.set_default_timeout(10000)
        self.script_errors = []
        self.page.on('pageerror', lambda error: self.script_errors.append(
            str(error)))
        self.addCleanup(lambda: self.assertEqual([], self.script_errors))

    def open(self, query=''):
        self.page.goto(self.layer.url + '/@@manage-keywords' + query)

    def keyword_rows(self):
        return self.page.locator('.keywordmanager-keywords tbody label')

    def filter(self, text):
        box = self.page.get_by_label('Filter')
        box.fill('')
        box.press_sequentially(text)

    def tab_to(self, locator, presses=60):
        """Press Tab until `locator` has the focus."""
        for _press in range(presses):
            if locator.evaluate(
                    'element => element === document.activeElement'):
                return
            self.page.keyboard.press('Tab')
        self.fail('Tab never reached %s' % locator)

    def blocking_violations(self):
        results = Axe().run(self.page)
        return ['%s (%s): %s' % (
            violation['id'], violation['impact'],
            [node['target'] for node in violation['nodes']])
            for violation in results.response['violations']
            if violation['impact'] in BLOCKING_IMPACTS]


class FilterTests(ManagerBrowserTestCase):

    def test_typing_filters_without_loading_the_page(self):
        self.open()
        self.page.evaluate('window.notReloaded = true')
        self.filter('colo')
        expect(self.keyword_rows()).to_have_text(
            ['Colour', 'Color', 'colour'])
        self.assertTrue(self.page.evaluate('window.notReloaded'))
        self.assertIn('q=colo', self.page.url)
        expect(self.page.get_by_role('status').last).to_have_text(
            'Keywords 1 to 3 of 3, the best matches first')

    def test_choosing_the_order_applies_it(self):
        self.open('?q=colo')
        self.page.get_by_label('Alphabetically').check()
        expect(self.keyword_rows()).to_have_text(
            ['Color', 'Colour', 'colour'])

    def test_the_last_filter_typed_wins_over_a_slower_earlier_one(self):
        def slow_for_col(route):
            if route.request.url.endswith('q=col&order=use'):
                time.sleep(1.5)
            route.continue_()

        self.open()
        self.page.route('**/@@manage-keywords?*', slow_for_col)
        self.filter('col')
        time.sleep(SETTLED)
        self.page.get_by_label('Filter').press_sequentially('our')
        expect(self.keyword_rows()).to_have_text(['Colour', 'colour'])
        time.sleep(1.5)
        expect(self.keyword_rows()).to_have_text(['Colour', 'colour'])

    def test_pages_turn_in_place(self):
        self.open('?order=alphabet')
        first = self.keyword_rows().first.text_content()
        self.page.evaluate('window.notReloaded = true')
        self.page.get_by_role('link', name='Next page').click()
        expect(self.page.locator('caption')).to_contain_text(
            'Keywords 51 to 100')
        self.assertNotEqual(self.keyword_rows().first.text_content(), first)
        self.assertTrue(self.page.evaluate('window.notReloaded'))
        expect(self.page.locator('#keywordmanager-results')).to_be_focused()


class SelectionTests(ManagerBrowserTestCase):

    def test_chosen_keywords_stay_chosen_when_the_filter_changes(self):
        self.open('?q=colour')
        self.page.locator('.keywordmanager-keywords').get_by_label(
            'Colour', exact=True).check()
        self.filter('design')
        also = self.page.locator('.keywordmanager-selected')
        expect(also).to_be_visible()
        expect(also.get_by_label('Colour', exact=True)).to_be_checked()
        self.page.get_by_label('New keyword').fill('Color')
        with self.page.expect_navigation():
            self.page.get_by_role('button', name='Rename').click()
        expect(self.page.locator('.keywordmanager-status')).to_contain_text(
            '\u201cColour\u201d merged into \u201cColor\u201d on 3 objects.')
        self.assertEqual(self.counted('Colour', 'Color'), [0, 4])

    def test_unchecking_an_also_selected_keyword_leaves_it_out(self):
        self.open('?q=colour')
        self.page.locator('.keywordmanager-keywords').get_by_label(
            'Colour', exact=True).check()
        self.filter('design')
        also = self.page.locator('.keywordmanager-selected')
        # Unchecked, it leaves the list; the focus moves on.
        also.get_by_label('Colour', exact=True).press('Space')
        expect(also).to_be_hidden()
        expect(self.page.get_by_label('New keyword')).to_be_focused()
        self.filter('colour')
        expect(self.page.locator('.keywordmanager-keywords').get_by_label(
            'Colour', exact=True)).not_to_be_checked()

    def test_a_keyword_checked_in_one_place_is_checked_in_the_other(self):
        self.open('?q=colour')
        self.page.locator('.keywordmanager-duplicates').get_by_label(
            'colour', exact=True).check()
        expect(self.page.locator('.keywordmanager-keywords').get_by_label(
            'colour', exact=True)).to_be_checked()

    def test_shift_click_selects_a_range(self):
        self.open('?q=colo&order=alphabet')
        table = self.page.locator('.keywordmanager-keywords')
        table.get_by_role('checkbox').first.click()
        table.get_by_role('checkbox').last.click(modifiers=['Shift'])
        for keyword in ('Color', 'Colour', 'colour'):
            expect(table.get_by_label(keyword, exact=True)).to_be_checked()

    def test_also_selected_shows_keywords_as_text(self):
        from formlib.keywordwidget.demo.site import catalog_article
        from formlib.keywordwidget.testing import ZOPE_DEMO_LAYER
        with ZOPE_DEMO_LAYER.zope_app() as app:
            app.managed._getOb('colour-3').keywords = ['<b>Colour</b>']
            catalog_article(app.managed._getOb('colour-3'), None)
        self.open('?q=%3Cb%3E')
        self.page.locator('.keywordmanager-keywords').get_by_label(
            '<b>Colour</b>').check()
        self.filter('design')
        also = self.page.locator('.keywordmanager-selected')
        expect(also.locator('label')).to_have_text('<b>Colour</b>')
        expect(also.locator('b')).to_have_count(0)


class KeyboardTests(ManagerBrowserTestCase):

    def test_filter_choose_and_rename_with_the_keyboard(self):
        self.open()
        self.tab_to(self.page.get_by_label('Filter'))
        self.page.keyboard.type('colour')
        expect(self.keyword_rows()).to_have_text(['Colour', 'colour'])
        checkbox = self.page.locator('.keywordmanager-keywords').get_by_label(
            'Colour', exact=True)
        self.tab_to(checkbox)
        self.page.keyboard.press('Space')
        expect(checkbox).to_be_checked()
        self.tab_to(self.page.get_by_label('New keyword'))
        self.page.keyboard.type('Colour scheme')
        with self.page.expect_navigation():
            self.page.keyboard.press('Enter')
        expect(self.page.locator('.keywordmanager-status')).to_contain_text(
            'renamed to \u201cColour scheme\u201d on 3 objects.')
        self.assertEqual(self.keywords('colour-1'),
                         ['Colour scheme', 'Design'])

    def test_focus_is_visible(self):
        self.open()
        self.tab_to(self.page.get_by_label('Filter'))
        outline = self.page.get_by_label('Filter').evaluate(
            'element => getComputedStyle(element).outlineStyle')
        self.assertEqual(outline, 'solid')


class AccessibilityTests(ManagerBrowserTestCase):

    def test_the_page_has_no_serious_findings(self):
        self.open()
        self.assertEqual([], self.blocking_violations())

    def test_a_filtered_page_with_aliases_and_a_message_neither(self):
        self.change('Rename', ['Colour'], 'Color')
        self.open('?q=colo')
        self.page.locator('.keywordmanager-keywords').get_by_label(
            'colour', exact=True).check()
        self.page.get_by_label('New keyword').fill('x' * 70)
        with self.page.expect_navigation():
            self.page.get_by_role('button', name='Rename').click()
        expect(self.page.locator('.keywordmanager-error')).to_be_visible()
        self.filter('design')
        expect(self.page.locator('.keywordmanager-selected')).to_be_visible()
        self.assertEqual([], self.blocking_violations())

    def test_the_page_without_its_script_neither(self):
        # axe needs JavaScript: the page's own script is kept away.
        self.page.route('**/keywordmanager.js', lambda route: route.abort())
        self.open('?q=colo')
        self.assertEqual([], self.blocking_violations())


class WithoutJavaScriptTests(ManagerBrowserTestCase):

    javascript = False

    def test_filter_and_rename(self):
        self.open()
        self.page.get_by_label('Filter').fill('colour')
        with self.page.expect_navigation():
            self.page.get_by_role('button', name='Show').click()
        self.page.locator('.keywordmanager-keywords').get_by_label(
            'colour', exact=True).check()
        self.page.get_by_label('New keyword').fill('Colour')
        with self.page.expect_navigation():
            self.page.get_by_label('New keyword').press('Enter')
        expect(self.page.locator('.keywordmanager-status')).to_contain_text(
            '\u201ccolour\u201d merged into \u201cColour\u201d on 1 objects.')
        self.assertEqual(self.keywords('colour-3'), ['Colour'])
