"""Functional tests: open and large keyword fields in real formlib forms."""
import unittest
from urllib.parse import urlencode

import lxml.html
from zope.testbrowser.browser import Browser

from formlib.keywordwidget.testing import FUNCTIONAL_LAYER
from formlib.keywordwidget.tests.terms import stored


EDIT = 'http://localhost/article/@@edit-tagging'


class LargeVocabularyFormTests(unittest.TestCase):

    layer = FUNCTIONAL_LAYER

    def setUp(self):
        self.browser = Browser(wsgi_app=self.layer.make_wsgi_app())
        self.article = self.layer.root.article

    def open(self):
        self.browser.open(EDIT)

    def type(self, field, text):
        self.browser.getControl(name='form.%s.new' % field).value = text

    def apply(self):
        self.browser.getControl('Apply').click()

    def errors(self):
        page = lxml.html.fromstring(self.browser.contents)
        return [span.text_content()
                for span in page.xpath(
                    '//td[@class="field"]//span[@class="error"]')]

    def options(self, field):
        return self.browser.getControl(name='form.%s:list' % field).options

    def test_edit_page_stays_small_with_20000_term_fields(self):
        self.article.subjects = ['Subject %05d' % n for n in range(0, 500, 5)]
        self.article.labels = frozenset(['Zope', 'My own label'])
        self.open()
        self.assertLess(len(self.browser.contents.encode('utf-8')), 150_000)

    def test_edit_page_lists_only_the_stored_terms(self):
        self.article.subjects = ['Subject 00007', 'Zope']
        self.open()
        self.assertEqual(self.options('subjects'),
                         stored('Subject 00007', 'Zope'))

    def test_stored_terms_survive_an_apply(self):
        self.article.subjects = ['Subject 00007', 'Zope']
        self.article.labels = frozenset(['Zope', 'My own label'])
        self.open()
        self.type('tags', 'Django')
        self.apply()
        self.assertEqual(self.article.subjects, ['Subject 00007', 'Zope'])
        self.assertEqual(self.article.labels, {'Zope', 'My own label'})
        self.assertEqual(self.article.tags, ['Django'])

    def test_deselected_term_is_removed(self):
        self.article.subjects = ['Subject 00007', 'Zope']
        self.open()
        self.browser.getControl(name='form.subjects:list').displayValue = [
            'Zope']
        self.apply()
        self.assertEqual(self.article.subjects, ['Zope'])

    def test_typed_term_of_a_closed_field_matches_ignoring_case(self):
        self.open()
        self.type('subjects', 'subject 00042\nZOPE')
        self.apply()
        self.assertEqual(self.article.subjects, ['Subject 00042', 'Zope'])

    def test_unknown_term_of_a_closed_field_is_refused_by_name(self):
        self.open()
        self.type('subjects', 'Subject 99999')
        self.apply()
        self.assertEqual(
            self.errors(),
            ['Not available for selection: \u201cSubject 99999\u201d'])
        self.assertEqual(self.article.subjects, ())

    def test_typed_keywords_of_an_open_field_are_normalised(self):
        self.open()
        self.type('labels', '  z\u00dcRICH \n Smith,   John\nfresh  label')
        self.apply()
        self.assertEqual(
            self.article.labels, {'Z\u00fcrich', 'Smith, John', 'fresh label'})

    def test_small_open_field_lists_its_suggestions(self):
        self.open()
        self.assertEqual(
            self.options('tags'),
            ['Python', 'Zope', 'Plone', 'Pyramid', 'Django'])

    def test_small_open_field_stores_keywords_in_the_users_order(self):
        self.open()
        self.browser.getControl(name='form.tags:list').value = ['Zope']
        self.type('tags', 'python\nAsyncio\nASYNCIO')
        self.apply()
        self.assertEqual(self.article.tags, ['Zope', 'Python', 'Asyncio'])

    def test_errors_bring_back_everything_typed_and_store_nothing(self):
        self.article.tags = ['Zope']
        self.open()
        self.browser.getControl(name='form.tags:list').displayValue = [
            'Zope', 'Plone']
        self.type('tags', 'Asyncio\nx')
        self.type('subjects', 'Subject 99999')
        self.type('labels', 'A label')
        self.apply()
        self.assertEqual(len(self.errors()), 2)
        self.assertEqual(
            self.browser.getControl(name='form.tags:list').displayValue,
            ['Zope', 'Plone'])
        self.assertEqual(
            self.browser.getControl(name='form.tags.new').value,
            'Asyncio\nx')
        self.assertEqual(
            self.browser.getControl(name='form.subjects.new').value,
            'Subject 99999')
        self.assertEqual(
            self.browser.getControl(name='form.labels.new').value, 'A label')
        self.assertEqual(self.article.tags, ['Zope'])
        self.assertEqual(self.article.labels, frozenset())

    def test_too_many_keywords_are_refused_clearly(self):
        self.open()
        self.type('tags', 'aa\nbb\ncc\ndd\nee')
        self.apply()
        self.assertEqual(self.errors(), ['Choose at most 4 keywords, not 5.'])
        self.assertEqual(self.article.tags, ())

    def test_created_keyword_posted_by_the_enhancement_is_stored(self):
        from formlib.keywordwidget.keywords import NEW_KEYWORD_PREFIX
        self.browser.open(EDIT, data=urlencode({
            'form.labels:list': [NEW_KEYWORD_PREFIX + 'smith,  john',
                                 NEW_KEYWORD_PREFIX + 'New one',
                                 'special-0'],
            'form.labels-empty-marker': '1',
            'form.actions.apply': 'Apply',
        }, doseq=True))
        self.assertEqual(
            self.article.labels, {'Smith, John', 'New one', 'Python'})

    def test_old_keyword_beyond_the_limits_does_not_block_saving(self):
        # Tags take 2 to 20 characters; these were stored before.
        old = ['x', 'An old tag, much longer than twenty characters']
        self.article.tags = old
        self.open()
        self.type('tags', 'Asyncio')
        self.apply()
        self.assertEqual(self.errors(), [])
        self.assertEqual(self.article.tags, old + ['Asyncio'])
