"""Thousands of chosen keywords save, with and without JavaScript.

A select posts one part per chosen option, and zope.publisher keeps only
the first 1,024 parts of a form (Zope refuses more with a 400): many
chosen keywords are lines of the textarea instead, and the enhancement
posts its chosen tokens in one part.
"""
import json
import re
import unittest
from urllib.parse import urlencode

import lxml.html
import zope.component
import zope.interface
import zope.schema
from zope.formlib import form
from zope.publisher.interfaces.browser import IDefaultBrowserLayer
from zope.schema.vocabulary import SimpleTerm
from zope.security.checker import Checker
from zope.security.checker import CheckerPublic
from zope.security.checker import defineChecker
from zope.security.checker import undefineChecker
from zope.testbrowser.browser import Browser

from formlib.keywordwidget import IHaveSelectableKeywords
from formlib.keywordwidget.testing import FUNCTIONAL_LAYER
from formlib.keywordwidget.testing import ZOPE_BROWSER_LAYER
from formlib.keywordwidget.testing import ZOPE_DEMO_LAYER
from formlib.keywordwidget.tests import app
from formlib.keywordwidget.tests.terms import numbered
from formlib.keywordwidget.tests.terms import use_vocabulary
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
        self.assertEqual(self.control('subjects:list').displayValue,
                         SUBJECTS[:100])
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


class ChosenAsLinesTests(unittest.TestCase):
    """Lines of chosen keywords carry their keywords, not just titles.

    IArticle.keywords, closed, of a vocabulary the tests change.
    """

    layer = FUNCTIONAL_LAYER

    def setUp(self):
        self.browser = Browser(wsgi_app=self.layer.make_wsgi_app())
        self.article = self.layer.root.article

    def lines(self):
        return self.browser.getControl(name='form.keywords.new')

    def errors(self):
        page = lxml.html.fromstring(self.browser.contents)
        return [span.text_content()
                for span in page.xpath('//span[@class="error"]')]

    def save_the_title(self):
        self.browser.open('http://localhost/article/@@edit')
        self.browser.getControl('Title').value = 'Only the title'
        self.browser.getControl('Apply').click()
        self.assertEqual(self.errors(), [])
        self.assertEqual(self.article.title, 'Only the title')

    def test_a_typo_in_the_lines_of_a_listed_field_loses_nothing(self):
        # 300 terms: listed, not searched; 150 chosen: edited as lines.
        terms = use_vocabulary(self, numbered(300)).terms
        chosen = [term.value for term in terms[:150]]
        self.article.keywords = chosen
        self.browser.open('http://localhost/article/@@edit')
        lines = self.lines().value
        self.lines().value = lines + '\nKeyword 9999'
        self.browser.getControl('Apply').click()
        self.assertIn(
            'Not available for selection: \u201cKeyword 9999\u201d',
            self.errors())
        # The lines come back as the user left them, to be corrected.
        self.assertEqual(self.lines().value, lines + '\nKeyword 9999')
        self.lines().value = lines
        self.browser.getControl('Apply').click()
        self.assertEqual(self.errors(), [])
        self.assertEqual(self.article.keywords, chosen)

    def test_keywords_whose_titles_look_alike_are_kept(self):
        cases = {
            'same title': ('John Smith', 'John Smith'),
            'inner spaces': ('John Smith', 'John  Smith'),
            'NFC and NFD': ('Z\u00fcrich', 'Zu\u0308rich'),
        }
        for case, (first, second) in cases.items():
            with self.subTest(case):
                terms = use_vocabulary(self, numbered(150) + [
                    SimpleTerm('first', 'first', first),
                    SimpleTerm('second', 'second', second)]).terms
                stored = [term.value for term in terms]
                self.article.keywords = stored
                self.save_the_title()
                self.assertEqual(self.article.keywords, stored)

    def test_a_title_with_a_line_break_is_one_line(self):
        terms = use_vocabulary(self, numbered(150) + [
            SimpleTerm('foobar', 'foobar', 'Foo\r\nBar\x00'),
            SimpleTerm('foo', 'foo', 'Foo'),
            SimpleTerm('bar', 'bar', 'Bar')]).terms
        stored = [term.value for term in terms[:151]]
        self.article.keywords = stored
        self.browser.open('http://localhost/article/@@edit')
        self.assertIn('Foo  Bar ', self.lines().value.splitlines())
        self.save_the_title()
        self.assertEqual(self.article.keywords, stored)

    def test_a_keyword_with_an_empty_title_is_kept_as_the_first_line(self):
        terms = use_vocabulary(
            self, [SimpleTerm('blank', 'blank', '')] + numbered(150)).terms
        stored = [term.value for term in terms]
        self.article.keywords = stored
        self.save_the_title()
        self.assertEqual(self.article.keywords, stored)

    def test_a_keyword_retired_while_the_lines_are_open_is_kept(self):
        vocabulary = use_vocabulary(self, numbered(1100))
        stored = [term.value for term in vocabulary.terms[:150]]
        self.article.keywords = stored
        self.browser.open('http://localhost/article/@@edit')
        del vocabulary.terms[5]  # 'k0005', shown as "Keyword 0005"
        self.browser.getControl('Apply').click()
        self.assertEqual(self.errors(), [])
        self.assertEqual(self.article.keywords, stored)
        # Shown kept, by its value now that it has no title.
        self.assertIn('k0005', self.lines().value.splitlines())
        self.browser.getControl('Apply').click()
        self.assertEqual(self.article.keywords, stored)

    def test_a_keyword_renamed_while_the_lines_are_open_is_kept(self):
        vocabulary = use_vocabulary(self, numbered(150))
        stored = [term.value for term in vocabulary.terms]
        self.article.keywords = stored
        self.browser.open('http://localhost/article/@@edit')
        vocabulary.terms[5] = SimpleTerm('k0005', 'renamed', 'Renamed')
        self.browser.getControl('Apply').click()
        self.assertEqual(self.errors(), [])
        self.assertEqual(self.article.keywords, stored)

    def test_a_changed_line_is_typed(self):
        terms = use_vocabulary(self, numbered(300)).terms
        self.article.keywords = [term.value for term in terms[:150]]
        self.browser.open('http://localhost/article/@@edit')
        self.lines().value = self.lines().value.replace(
            'Keyword 0005', 'keyword 0200')
        self.browser.getControl('Apply').click()
        # In its place: a List keeps the order posted.
        self.assertEqual(
            self.article.keywords,
            [term.value for term in terms[:5] + [terms[200]] + terms[6:150]])

    def test_a_forged_line_keeps_nothing_that_is_not_stored(self):
        from formlib.keywordwidget.keywords import stored_token
        use_vocabulary(self, numbered(300))
        self.article.keywords = ['k0001']
        self.browser.raiseHttpErrors = False
        self.browser.post('http://localhost/article/@@edit', urlencode({
            'form.keywords-empty-marker': '1',
            'form.keywords.new': 'Forged\nKeyword 0001',
            'form.keywords.lines': json.dumps([
                'Forged', stored_token('forged'),
                'Keyword 0001', stored_token('k0001')]),
            'form.actions.apply': 'Apply'}))
        self.assertIn(
            'Not available for selection: \u201cForged\u201d', self.errors())
        self.assertEqual(self.article.keywords, ['k0001'])


# A form of eleven keyword fields, each with 100 chosen keywords: within
# the bound of each widget, not within that of a page.
MANY_FIELDS = ['subjects%d' % number for number in range(11)]
IMany = zope.interface.interface.InterfaceClass(
    'IMany', (zope.interface.Interface,), dict(
        [('title', zope.schema.TextLine(title='Title', required=False))]
        + [(name, zope.schema.List(
            title=name, required=False,
            value_type=zope.schema.Choice(vocabulary=app.SUBJECTS)))
           for name in MANY_FIELDS]),
    __module__=__name__)
for name in MANY_FIELDS:
    zope.interface.alsoProvides(IMany[name], IHaveSelectableKeywords)


@zope.interface.implementer(IMany)
class Many:

    title = ''

    def __init__(self):
        for name in MANY_FIELDS:
            setattr(self, name, SUBJECTS[:100])


class ManyForm(form.EditForm):
    form_fields = form.Fields(IMany)


class ManyWidgetsTests(unittest.TestCase):

    layer = FUNCTIONAL_LAYER

    def setUp(self):
        names = list(IMany)
        defineChecker(Many, Checker(
            dict.fromkeys(names, CheckerPublic),
            dict.fromkeys(names, CheckerPublic)))
        self.addCleanup(undefineChecker, Many)
        required = (IMany, IDefaultBrowserLayer)
        zope.component.provideAdapter(
            ManyForm, required, zope.interface.Interface, name='edit-many')
        self.addCleanup(
            zope.component.getGlobalSiteManager().unregisterAdapter,
            ManyForm, required, zope.interface.Interface, 'edit-many')
        self.layer.root.many = self.many = Many()
        self.browser = Browser(wsgi_app=self.layer.make_wsgi_app())

    def test_a_form_of_many_keyword_fields_saves(self):
        self.browser.open('http://localhost/many/@@edit-many')
        self.browser.getControl('Title').value = 'Saved'
        self.browser.getControl('Apply').click()
        self.assertEqual(self.many.title, 'Saved')
        for name in MANY_FIELDS:
            self.assertEqual(getattr(self.many, name), SUBJECTS[:100])

    def test_the_page_renders_500_chosen_options_at_most(self):
        self.browser.open('http://localhost/many/@@edit-many')
        page = lxml.html.fromstring(self.browser.contents)
        self.assertEqual(len(page.xpath('//option[@selected]')), 500)
        self.assertEqual(
            len(page.xpath('//div[@data-chosen-as-lines="true"]')), 6)


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

    def test_lookalike_keywords_chosen_as_lines_are_kept(self):
        keywords = ['Keyword %04d' % number for number in range(150)] + [
            'Z\u00fcrich', 'Zu\u0308rich', 'Zope Toolkit', 'Zope  Toolkit']
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
