"""Thousands of chosen keywords save, with and without JavaScript.

A select posts one part per chosen option, and zope.publisher keeps only
the first 1,024 parts of a form (Zope refuses more with a 400): many
chosen keywords are lines of the textarea instead, and the enhancement
posts its chosen tokens in one part.
"""
import re
import unittest

import lxml.html
from zope.testbrowser.browser import Browser

from formlib.keywordwidget.testing import FUNCTIONAL_LAYER
from formlib.keywordwidget.testing import ZOPE_BROWSER_LAYER
from formlib.keywordwidget.testing import ZOPE_DEMO_LAYER
from formlib.keywordwidget.tests.test_keywordwidget_js import BrowserTestCase


EDIT = 'http://localhost/article/@@edit-tagging'
LABELS = frozenset('Label %04d' % number for number in range(2000))
SUBJECTS = ['Subject %05d' % number for number in range(2000)]


class ManyKeywordsFormTests(unittest.TestCase):
    """Without JavaScript, on plain zope.formlib."""

    layer = FUNCTIONAL_LAYER

    def setUp(self):
        self.browser = Browser(wsgi_app=self.layer.make_wsgi_app())
        self.article = self.layer.root.article

    def control(self, name):
        return self.browser.getControl(name='form.%s' % name)

    def errors(self):
        page = lxml.html.fromstring(self.browser.contents)
        return [span.text_content()
                for span in page.xpath('//span[@class="error"]')]

    def apply(self):
        self.browser.getControl('Apply').click()
        self.assertEqual(self.errors(), [])

    def test_2000_open_keywords_survive_saving_another_field(self):
        self.article.labels = LABELS
        self.browser.open(EDIT)
        self.control('tags.new').value = 'Asyncio'
        self.apply()
        self.assertEqual(self.article.tags, ['Asyncio'])
        self.assertEqual(self.article.labels, LABELS)

    def test_2000_closed_keywords_survive_saving_another_field(self):
        self.article.subjects = SUBJECTS
        self.browser.open(EDIT)
        self.control('tags.new').value = 'Asyncio'
        self.apply()
        self.assertEqual(self.article.tags, ['Asyncio'])
        self.assertEqual(self.article.subjects, SUBJECTS)

    def test_many_chosen_keywords_are_lines_to_edit(self):
        self.article.subjects = SUBJECTS[:150] + ['Retired subject']
        self.browser.open(EDIT)
        self.assertEqual(self.control('subjects:list').value, [])
        lines = self.control('subjects.new').value.splitlines()
        self.assertEqual(lines, SUBJECTS[:150] + ['Retired subject'])
        lines.remove('Subject 00005')
        self.control('subjects.new').value = '\n'.join(
            lines + ['subject 19999'])
        self.apply()
        self.assertEqual(
            self.article.subjects,
            SUBJECTS[:5] + SUBJECTS[6:150] + ['Retired subject',
                                              'Subject 19999'])

    def test_a_few_chosen_keywords_stay_options(self):
        self.article.subjects = SUBJECTS[:100]
        self.browser.open(EDIT)
        self.assertEqual(self.control('subjects:list').value,
                         ['subject-%d' % number for number in range(100)])
        self.assertEqual(self.control('subjects.new').value, '')

    def test_1100_pasted_keywords_are_stored_and_later_saves_work(self):
        pasted = ['Pasted label %04d' % number for number in range(1100)]
        self.browser.open(EDIT)
        self.control('labels.new').value = '\n'.join(pasted)
        self.apply()
        self.assertEqual(self.article.labels, frozenset(pasted))
        self.browser.open(EDIT)
        self.control('tags.new').value = 'Asyncio'
        self.apply()
        self.assertEqual(self.article.tags, ['Asyncio'])
        self.assertEqual(self.article.labels, frozenset(pasted))


class ZopeManyKeywordsTests(unittest.TestCase):
    """Without JavaScript, in a real Zope."""

    layer = ZOPE_DEMO_LAYER

    def setUp(self):
        from formlib.keywordwidget.demo.interfaces import IArticle

        # The demo allows 50 keywords; the point is a field without limit.
        field = IArticle['keywords']
        self.addCleanup(setattr, field, 'max_length', field.max_length)
        field.max_length = None

    def test_2000_keywords_survive_saving_the_title(self):
        keywords = ['Keyword %04d' % number for number in range(2000)]
        with self.layer.zope_app() as app:
            app.article.keywords = keywords
        browser = self.layer.browser('editor')
        browser.open('http://localhost/article/@@edit')
        browser.getControl('Title').value = 'Saved'
        browser.getControl('Apply').click()
        with self.layer.zope_app() as app:
            self.assertEqual(app.article.title, 'Saved')
            self.assertEqual(app.article.keywords, keywords)


class ManyKeywordsBrowserTests(BrowserTestCase):
    """With JavaScript, in Chromium, on plain zope.formlib."""

    def posted_names(self):
        """Names of the parts the next form submission posts."""
        names = []

        def record(request):
            if request.method == 'POST':
                names.extend(re.findall(
                    r'name="([^"]+)"', request.post_data or ''))
        self.page.on('request', record)
        return names

    def test_2000_chosen_keywords_save_in_one_part(self):
        self.article.labels = LABELS
        self.open('/article/@@edit-tagging')
        self.type('tags', 'Asyncio', ['Add Asyncio']).press('Enter')
        names = self.posted_names()
        self.apply()
        self.assertEqual(self.article.tags, ['Asyncio'])
        self.assertEqual(self.article.labels, LABELS)
        for name in ('tags', 'labels'):
            self.assertEqual(names.count('form.%s.tokens' % name), 1)
            self.assertNotIn('form.%s:list' % name, names)


class ZopeManyKeywordsBrowserTests(BrowserTestCase):
    """With JavaScript, in Chromium, in a real Zope."""

    layer = ZOPE_BROWSER_LAYER
    user = 'editor'

    def setUp(self):
        super().setUp()
        ZopeManyKeywordsTests.setUp(self)

    def test_2000_keywords_survive_saving_the_title(self):
        keywords = ['Keyword %04d' % number for number in range(2000)]
        with ZOPE_DEMO_LAYER.zope_app() as app:
            app.article.keywords = keywords
        self.open('/article/@@edit')
        self.page.locator('#form\\.title').fill('Saved')
        self.apply()
        with ZOPE_DEMO_LAYER.zope_app() as app:
            self.assertEqual(app.article.title, 'Saved')
            self.assertEqual(app.article.keywords, keywords)
