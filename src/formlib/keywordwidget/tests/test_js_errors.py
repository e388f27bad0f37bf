"""After a save the server refused: the user's keywords, in the user's
order, the refused ones marked, and the error tied to the field."""
import re

from playwright.sync_api import expect

from formlib.keywordwidget.tests.browser import BrowserTestCase


TOO_LONG = 'Supercalifragilistic expialidocious'


class RefusedSaveTests(BrowserTestCase):

    def add(self, field, *texts):
        box = self.combobox(field.capitalize())
        for text in texts:
            box.press_sequentially(text)
            box.press('Enter')
        return box

    def items(self, field):
        return self.page.locator(
            '.ts-wrapper:has(#form\\.%s-ts-control) .ts-control > .item'
            % field)

    def assertDescribedBy(self, field, text):
        box = self.combobox(field.capitalize())
        expect(box).to_have_attribute('aria-invalid', 'true')
        expect(box).to_have_accessible_description(text)

    def test_refused_keyword_keeps_its_place_and_is_marked(self):
        self.open('/article/@@edit-tagging')
        self.add('tags', 'Flask', TOO_LONG, 'zope')
        self.apply()
        self.assertItems('tags', ['new:Flask', 'new:' + TOO_LONG, 'Zope'])
        refused = self.items('tags').nth(1)
        expect(refused).to_have_class(re.compile(r'\brefused\b'))
        expect(refused).to_contain_text(TOO_LONG + ' (not accepted)')
        expect(self.page.get_by_role(
            'button', name='Remove %s (not accepted)' % TOO_LONG)
        ).to_have_count(1)
        self.assertDescribedBy('tags', (
            'Not accepted: \u201c%s\u201d (longer than 20 characters)'
            % TOO_LONG))
        self.assertEqual([], self.blocking_violations())

    def test_corrected_save_stores_the_keywords_in_order(self):
        self.open('/article/@@edit-tagging')
        self.add('tags', 'Flask', TOO_LONG, 'zope')
        self.apply()
        self.page.get_by_role(
            'button', name='Remove %s (not accepted)' % TOO_LONG).click()
        self.apply()
        self.assertEqual(['Flask', 'Zope'], list(self.article.tags))

    def test_too_many_keywords_is_tied_to_the_field(self):
        self.open('/article/@@edit-tagging')
        self.add('tags', 'a1', 'a2', 'a3', 'a4', 'a5')
        self.apply()
        self.assertItems(
            'tags', ['new:a1', 'new:a2', 'new:a3', 'new:a4', 'new:a5'])
        self.assertDescribedBy(
            'tags', 'Choose at most 4 keywords, not 5.')
        # Other fields are not marked.
        expect(self.combobox('Labels')).not_to_have_attribute(
            'aria-invalid', 'true')
        self.assertEqual([], self.blocking_violations())
