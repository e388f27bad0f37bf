"""Back to an edit page: the widget comes back as the user left it, as
the rest of the form does."""
from playwright.sync_api import expect

from formlib.keywordwidget.tests.browser import BrowserTestCase
from formlib.keywordwidget.tests.terms import stored
from formlib.keywordwidget.tests.browser import HeldSearches


class BackButtonTests(BrowserTestCase):

    def leave_and_come_back(self):
        self.page.goto(self.layer.url + '/article/@@display')
        self.page.go_back()
        self.page.wait_for_load_state()

    def selected(self, field):
        return self.page.eval_on_selector(
            '#form\\.%s' % field,
            'select => Array.from(select.selectedOptions, o => o.value)')

    def test_removed_keywords_stay_removed(self):
        self.article.keywords = ['Python', 'Zope', 'Plone']
        self.open('/article/@@edit')
        self.page.get_by_label('Title').fill('Changed')
        self.page.get_by_role('button', name='Remove Python').click()
        self.page.get_by_role('button', name='Remove Zope').click()
        self.leave_and_come_back()
        # The browser restores the title...
        expect(self.page.get_by_label('Title')).to_have_value('Changed')
        # ... and the widget its keywords.
        self.assertItems('keywords', stored('Plone'))
        self.assertEqual(stored('Plone'), self.selected('keywords'))
        self.apply()
        self.assertEqual(['Plone'], list(self.article.keywords))

    def test_created_and_found_keywords_come_back_in_order(self):
        searches = HeldSearches(self.page)
        self.article.labels = frozenset(['Zope'])
        self.open('/article/@@edit-tagging')
        box = self.combobox('Labels')
        box.press_sequentially('Brand new')
        box.press('Enter')
        box.press_sequentially('zur')
        searches.answer('zur')
        expect(self.active_option('labels')).to_have_text('Z\u00fcrich')
        box.press('Enter')
        chips = stored('Zope') + ['new:Brand new', 'special-5']
        self.assertItems('labels', chips)
        self.leave_and_come_back()
        self.assertItems('labels', chips)
        self.assertEqual(chips, self.selected('labels'))
        self.assertEqual([], self.blocking_violations())
        self.apply()
        self.assertEqual({'Zope', 'Brand new', 'Z\u00fcrich'},
                         set(self.article.labels))

    def test_text_kept_for_the_server_comes_back(self):
        self.open('/article/@@edit')
        self.combobox('Keywords').press_sequentially('Flask')
        self.page.keyboard.press('Tab')
        self.leave_and_come_back()
        typed = self.page.locator('#form\\.keywords\\.new')
        expect(typed).to_be_visible()
        expect(self.page.locator(
            'label[for="form.keywords.new"]')).to_have_text(
                'Add keywords, one per line')
        expect(typed).to_have_value('Flask')

    def test_changes_before_a_reload_are_over(self):
        self.article.keywords = ['Python', 'Zope']
        self.open('/article/@@edit')
        self.page.get_by_role('button', name='Remove Python').click()
        self.page.reload()
        self.page.wait_for_selector(
            '.keywordwidget-enhanced', state='attached')
        self.leave_and_come_back()
        self.assertItems('keywords', stored('Python', 'Zope'))
        self.assertEqual(stored('Python', 'Zope'), self.selected('keywords'))

    def test_a_new_visit_shows_the_stored_keywords(self):
        self.article.keywords = ['Python', 'Zope']
        self.open('/article/@@edit')
        self.page.get_by_role('button', name='Remove Python').click()
        self.page.goto(self.layer.url + '/article/@@display')
        self.open('/article/@@edit')
        self.assertItems('keywords', stored('Python', 'Zope'))
