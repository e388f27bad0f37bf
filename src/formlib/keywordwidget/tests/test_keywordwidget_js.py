"""The enhancement (static/keywordwidget.js) in real headless Chromium."""
import os
import unittest

from formlib.keywordwidget.resources import RESOURCE_NAME
from formlib.keywordwidget.testing import BROWSER_LAYER
from formlib.keywordwidget.testing import REQUIRE_BROWSER


# axe-core impacts that fail the accessibility scan.
BLOCKING_IMPACTS = ('serious', 'critical')


class BrowserTestCase(unittest.TestCase):
    """Opens pages of the example app in a fresh browser context."""

    layer = BROWSER_LAYER
    javascript = True

    def setUp(self):
        if self.layer.browser is None:
            if os.environ.get(REQUIRE_BROWSER):
                self.fail(self.layer.missing)
            self.skipTest(self.layer.missing)
        self.context = self.layer.browser.new_context(
            java_script_enabled=self.javascript)
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

    def items(self, field):
        """Texts of the keywords shown as chosen in the enhanced control."""
        return self.page.eval_on_selector_all(
            '.ts-wrapper:has(#form\\.%s-ts-control) .ts-control > .item'
            % field,
            'items => items.map(item => item.firstChild.textContent)')

    def options(self, field):
        """Texts of the options the dropdown of a field offers."""
        return self.page.locator(
            '#form\\.%s-ts-dropdown [role=option]' % field).all_inner_texts()

    def apply(self):
        self.page.get_by_role('button', name='Apply').press('Enter')
        self.page.wait_for_load_state()


class KeyboardTests(BrowserTestCase):

    def test_combobox_is_named_by_the_field_label(self):
        self.open('/article/@@edit')
        self.assertEqual(1, self.combobox('Keywords').count())

    def test_typing_filters_the_options(self):
        self.open('/article/@@edit')
        self.combobox('Keywords').press_sequentially('py')
        self.page.wait_for_selector('#form\\.keywords-ts-dropdown .option')
        self.assertEqual(['Python', 'Pyramid'], self.options('keywords'))

    def test_unknown_text_says_no_results(self):
        self.open('/article/@@edit')
        self.combobox('Keywords').press_sequentially('xyz')
        self.assertEqual(
            'No results',
            self.page.locator(
                '#form\\.keywords-ts-dropdown .no-results').inner_text())

    def test_arrow_keys_and_enter_pick_keywords_in_order(self):
        self.open('/article/@@edit')
        box = self.combobox('Keywords')
        box.press_sequentially('zo')
        box.press('Enter')
        box.press_sequentially('py')
        box.press('ArrowDown')
        box.press('Enter')
        self.assertEqual(['Zope', 'Pyramid'], self.items('keywords'))

    def test_apply_stores_the_picked_keywords_in_order(self):
        self.open('/article/@@edit')
        box = self.combobox('Keywords')
        box.press_sequentially('zo')
        box.press('Enter')
        box.press_sequentially('dj')
        box.press('Enter')
        self.apply()
        self.assertEqual(['Zope', 'Django'], list(self.article.keywords))

    def test_backspace_removes_the_last_keyword(self):
        self.article.keywords = ['Python', 'Zope']
        self.open('/article/@@edit')
        self.combobox('Keywords').press('Backspace')
        self.assertEqual(['Python'], self.items('keywords'))
        self.apply()
        self.assertEqual(['Python'], list(self.article.keywords))

    def test_remove_button_is_named_for_its_keyword(self):
        self.article.keywords = ['Python', 'Zope']
        self.open('/article/@@edit')
        self.page.get_by_role('button', name='Remove Python').click()
        self.assertEqual(['Zope'], self.items('keywords'))

    def test_removing_every_keyword_stores_none(self):
        self.article.keywords = ['Python']
        self.open('/article/@@edit')
        self.combobox('Keywords').press('Backspace')
        self.apply()
        self.assertEqual([], list(self.article.keywords))

    def test_two_widgets_on_one_page_work_independently(self):
        self.open('/article/@@edit')
        keywords = self.combobox('Keywords')
        keywords.press_sequentially('pl')
        keywords.press('Enter')
        categories = self.combobox('Categories')
        categories.press_sequentially('how')
        categories.press('Enter')
        self.assertEqual(['Plone'], self.items('keywords'))
        self.assertEqual(['How-to'], self.items('categories'))
        self.apply()
        self.assertEqual(['Plone'], list(self.article.keywords))
        self.assertEqual({'howto'}, set(self.article.categories))

    def test_resources_are_included_once_per_page(self):
        self.open('/article/@@edit')
        sources = self.page.eval_on_selector_all(
            'script[src]', 'scripts => scripts.map(script => script.src)')
        ours = [src for src in sources if RESOURCE_NAME in src]
        self.assertEqual(len(set(ours)), len(ours))
        self.assertEqual(2, len(ours))


class AccessibilityTests(BrowserTestCase):

    def blocking_violations(self):
        from axe_playwright_python.sync_playwright import Axe
        results = Axe().run(self.page)
        return [
            '%s (%s): %s' % (
                violation['id'], violation['impact'],
                [node['target'] for node in violation['nodes']])
            for violation in results.response['violations']
            if violation['impact'] in BLOCKING_IMPACTS]

    def test_edit_page_has_no_serious_violations(self):
        self.article.keywords = ['Python']
        self.open('/article/@@edit')
        self.assertEqual([], self.blocking_violations())

    def test_open_dropdown_has_no_serious_violations(self):
        self.open('/article/@@edit')
        self.combobox('Keywords').press_sequentially('p')
        self.page.wait_for_selector('#form\\.keywords-ts-dropdown .option')
        self.assertEqual([], self.blocking_violations())


class WithoutJavaScriptTests(BrowserTestCase):

    javascript = False

    def test_native_select_stores_the_chosen_keywords(self):
        self.open('/article/@@edit')
        self.page.get_by_label('Keywords', exact=True).select_option(
            ['Plone', 'Django'])
        self.apply()
        self.assertEqual(['Plone', 'Django'], list(self.article.keywords))
