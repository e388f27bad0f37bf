"""What the enhanced widget says to screen readers: its polite live region."""
from playwright.sync_api import expect

from formlib.keywordwidget.tests.browser import BrowserTestCase
from formlib.keywordwidget.tests.browser import HeldSearches
from formlib.keywordwidget.tests.terms import stored


class LiveRegionTests(BrowserTestCase):

    def status(self, field):
        return self.page.locator('#form\\.%s-status' % field)

    def test_region_is_polite_and_says_nothing_at_first(self):
        self.article.keywords = ['Python']
        self.open('/article/@@edit')
        expect(self.status('keywords')).to_have_attribute('role', 'status')
        expect(self.status('keywords')).to_have_attribute(
            'aria-live', 'polite')
        expect(self.status('keywords')).to_have_text('')

    def test_added_keyword_is_said(self):
        self.open('/article/@@edit')
        self.type('keywords', 'zo', ['Zope']).press('Enter')
        expect(self.status('keywords')).to_have_text('Added Zope.')

    def test_created_keyword_is_said(self):
        self.open('/article/@@edit-tagging')
        self.type('tags', 'Flask', ['Add Flask']).press('Enter')
        expect(self.status('tags')).to_have_text('Added Flask.')

    def test_removed_keywords_are_said(self):
        self.article.keywords = ['Python', 'Zope', 'Plone']
        self.open('/article/@@edit')
        self.page.get_by_role('button', name='Remove Zope').click()
        expect(self.status('keywords')).to_have_text('Removed Zope.')
        box = self.combobox('Keywords')
        box.press('Backspace')
        expect(self.status('keywords')).to_have_text('Removed Plone.')
        box.press('ArrowLeft')
        self.page.keyboard.press('Delete')
        expect(self.status('keywords')).to_have_text('Removed Python.')
        self.assertEqual([], self.blocking_violations())

    def test_number_of_suggestions_is_said(self):
        self.open('/article/@@edit')
        box = self.type('keywords', 'py', ['Python', 'Pyramid'])
        expect(self.status('keywords')).to_have_text('Suggestions: 2')
        box.press_sequentially('r')
        expect(self.status('keywords')).to_have_text('Suggestions: 1')
        box.press_sequentially('x')
        expect(self.status('keywords')).to_have_text('No results')

    def test_found_keywords_are_counted_once_shown(self):
        searches = HeldSearches(self.page)
        self.open('/article/@@edit-tagging')
        box = self.combobox('Subjects')
        box.press_sequentially('zur')
        searches.answer('zur')
        expect(self.status('subjects')).to_have_text('Suggestions: 1')
        box.press_sequentially('ich')
        # Said when the answer for the text is in, not before.
        searches.wait_for('zurich')
        expect(self.status('subjects')).to_have_text('')
        searches.answer('zurich')
        expect(self.status('subjects')).to_have_text('Suggestions: 1')

    def test_new_keyword_only_is_not_counted_as_no_results(self):
        # "Add ..." is read as the active option.
        self.open('/article/@@edit-tagging')
        self.type('tags', 'Flask', ['Add Flask'])
        expect(self.status('tags')).to_have_text('')

    def test_nothing_is_said_going_back(self):
        self.article.keywords = ['Python', 'Zope']
        self.open('/article/@@edit')
        self.page.get_by_role('button', name='Remove Python').click()
        self.page.goto(self.layer.url + '/article/@@display')
        self.page.go_back()
        self.page.wait_for_load_state()
        self.assertItems('keywords', stored('Zope'))
        expect(self.status('keywords')).to_have_text('')


class GermanLiveRegionTests(BrowserTestCase):

    def setUp(self):
        super().setUp()
        self.page.set_extra_http_headers({'Accept-Language': 'de'})
        self.open('/article/@@edit')

    def test_changes_and_suggestions_are_said_in_german(self):
        status = self.page.locator('#form\\.keywords-status')
        box = self.type('keywords', 'py', ['Python', 'Pyramid'])
        expect(status).to_have_text('Vorschl\u00e4ge: 2')
        box.press('Enter')
        expect(status).to_have_text('Python hinzugef\u00fcgt.')
        box.press('Backspace')
        expect(status).to_have_text('Python entfernt.')
