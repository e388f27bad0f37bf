"""Review of issue 9: saves that store what the user did not choose, drop
what they chose, or crash.  Each test fails on the reviewed code."""
import unittest
from urllib.parse import urlencode

import lxml.html
import zope.component
import zope.interface
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.interfaces import IVocabularyTokenized
from zope.schema.vocabulary import SimpleTerm
from zope.testbrowser.browser import Browser

from formlib.keywordwidget.testing import FUNCTIONAL_LAYER
from formlib.keywordwidget.tests import app


VOCABULARY_NAME = 'formlib.keywordwidget.tests.keywords'


@zope.interface.implementer(IVocabularyTokenized)
class Vocabulary:
    """A vocabulary whose terms a test changes, as an app's data changes."""

    def __init__(self, terms):
        self.terms = list(terms)

    def __iter__(self):
        return iter(self.terms)

    def __len__(self):
        return len(self.terms)

    def __contains__(self, value):
        return any(term.value == value for term in self.terms)

    def getTerm(self, value):
        for term in self.terms:
            if term.value == value:
                return term
        raise LookupError(value)

    def getTermByToken(self, token):
        for term in self.terms:
            if term.token == token:
                return term
        raise LookupError(token)


def numbered(count):
    """`count` terms whose titles are not their values."""
    return [SimpleTerm('k%04d' % number, 't%04d' % number,
                       'Keyword %04d' % number) for number in range(count)]


class ReviewTestCase(unittest.TestCase):

    layer = FUNCTIONAL_LAYER

    def setUp(self):
        self.browser = Browser(wsgi_app=self.layer.make_wsgi_app())
        self.article = self.layer.root.article
        self.vocabulary = None
        # IArticle.keywords (closed) and ITagging.tags (open) use it.
        zope.component.provideUtility(
            self.factory, IVocabularyFactory, VOCABULARY_NAME)
        self.addCleanup(
            zope.component.provideUtility, app.keywords_vocabulary,
            IVocabularyFactory, VOCABULARY_NAME)

    def factory(self, context):
        return self.vocabulary

    def use(self, terms):
        self.vocabulary = Vocabulary(terms)
        return self.vocabulary

    def open(self, view):
        self.browser.open('http://localhost/article/@@' + view)

    def control(self, name):
        return self.browser.getControl(name='form.' + name)

    def errors(self):
        page = lxml.html.fromstring(self.browser.contents)
        return [span.text_content()
                for span in page.xpath('//span[@class="error"]')]

    def apply(self):
        self.browser.getControl('Apply').click()


class ChosenAsLinesTests(ReviewTestCase):
    """More than 100 chosen keywords are lines of the textarea."""

    def test_a_typo_in_the_lines_of_a_listed_closed_field_loses_them_all(self):
        # 300 terms: listed, not searched; 150 chosen: edited as lines.
        terms = self.use(numbered(300)).terms
        chosen = [term.value for term in terms[:150]]
        self.article.keywords = chosen
        self.open('edit')
        lines = self.control('keywords.new').value
        self.control('keywords.new').value = lines + '\nKeyword 9999'
        self.apply()
        self.assertIn('Keyword 9999', ' '.join(self.errors()))
        # The user removes the typo, as the error asks, and applies: the
        # re-rendered form has no textarea and nothing selected.
        if self.browser.contents.count('form.keywords.new'):
            self.control('keywords.new').value = lines
        self.apply()
        self.assertEqual(self.article.keywords, chosen)

    def test_keywords_whose_titles_look_alike_are_not_dropped(self):
        cases = {
            'same title': ('John Smith', 'John Smith'),
            'inner spaces': ('John Smith', 'John  Smith'),
            'NFC and NFD': ('Z\u00fcrich', 'Zu\u0308rich'),
        }
        for case, (first, second) in cases.items():
            with self.subTest(case):
                terms = self.use(numbered(150) + [
                    SimpleTerm('first', 'first', first),
                    SimpleTerm('second', 'second', second)]).terms
                stored = [term.value for term in terms]
                self.article.keywords = stored
                self.article.title = ''
                self.open('edit')
                self.browser.getControl('Title').value = 'Only the title'
                self.apply()
                self.assertEqual(self.errors(), [])
                self.assertEqual(self.article.title, 'Only the title')
                self.assertEqual(self.article.keywords, stored)

    def test_a_title_with_a_line_break_is_not_turned_into_other_keywords(self):
        terms = self.use(numbered(150) + [
            SimpleTerm('foobar', 'foobar', 'Foo\nBar'),
            SimpleTerm('foo', 'foo', 'Foo'),
            SimpleTerm('bar', 'bar', 'Bar')]).terms
        stored = [term.value for term in terms[:151]]
        self.article.keywords = stored
        self.open('edit')
        self.browser.getControl('Title').value = 'Only the title'
        self.apply()
        self.assertEqual(self.errors(), [])
        self.assertEqual(self.article.keywords, stored)

    def test_a_keyword_retired_while_the_lines_are_open_is_kept(self):
        # 1,100 terms: searched, so the textarea stays after an error.
        vocabulary = self.use(numbered(1100))
        stored = [term.value for term in vocabulary.terms[:150]]
        self.article.keywords = stored
        self.open('edit')
        del vocabulary.terms[5]  # 'k0005', shown as "Keyword 0005"
        self.apply()
        # Refused once, as with options; then kept, as a fresh GET does.
        self.apply()
        self.assertEqual(self.errors(), [])
        self.assertEqual(self.article.keywords, stored)


class VocabularyChangedTests(ReviewTestCase):

    def test_a_stored_keyword_whose_token_changed_is_kept(self):
        vocabulary = self.use([
            SimpleTerm('v1', 't1', 'One'), SimpleTerm('v2', 't2', 'Two'),
            SimpleTerm('v3', 't3', 'Three')])
        self.article.keywords = ['v1', 'v2']
        self.open('edit')
        # The app renames a token (derived from a title, say).
        vocabulary.terms[1] = SimpleTerm('v2', 't2-renamed', 'Two')
        self.apply()
        self.assertEqual(self.article.keywords, ['v1', 'v2'])
        self.apply()
        self.assertEqual(self.article.keywords, ['v1', 'v2'])

    def search(self, query):
        self.browser.open(
            'http://localhost/article/@@keywordwidget-search?' + urlencode(
                {'field': 'formlib.keywordwidget.tests.app.IArticle.keywords',
                 'q': query}))
        import json
        return [item['title'] for item in json.loads(self.browser.contents)[
            'items']]

    def test_a_title_changed_in_place_is_found_and_typed(self):
        # One vocabulary object whose term changes in place, as a
        # persistent vocabulary's does when another process renames a
        # keyword (same number of terms).
        vocabulary = self.use([
            SimpleTerm('zope', 'zope', 'Zope'),
            SimpleTerm('plone', 'plone', 'Plone')])
        self.assertEqual(self.search('Zope'), ['Zope'])
        vocabulary.terms[0] = SimpleTerm('zope', 'zope', 'Zopefoundation')
        self.assertEqual(self.search('Zopef'), ['Zopefoundation'])
        # Typed on an open field, the renamed term is not found: a new
        # free-text keyword is stored instead of the term's value.
        self.open('edit-tagging')
        self.control('tags.new').value = 'Zopefoundation'
        self.apply()
        self.assertEqual(self.article.tags, ['zope'])


class ForgedTokensTests(ReviewTestCase):

    def post(self, data):
        self.browser.raiseHttpErrors = False
        self.browser.post('http://localhost/article/@@edit-tagging',
                          urlencode(data))

    def test_deeply_nested_json_tokens_give_an_error_not_a_500(self):
        self.article.tags = ['Python']
        self.post({'form.tags-empty-marker': '1',
                   'form.tags.tokens': '[' * 5000 + ']' * 5000,
                   'form.actions.apply': 'Apply'})
        self.assertEqual(self.browser.headers['status'], '200 Ok')
        self.assertIn('could not be read', self.browser.contents)
        self.assertEqual(self.article.tags, ['Python'])


class TypedTextTests(ReviewTestCase):

    def test_invisible_only_lines_are_ignored(self):
        self.use([SimpleTerm('Python', 'Python', 'Python')])
        invisible = {
            # Two of each: the value type wants two characters at least.
            'combining grapheme joiners': '\u034f\u034f',
            'variation selectors': '\ufe0f\ufe0f',
            'hangul fillers': '\u3164\u3164',
        }
        for name, text in invisible.items():
            with self.subTest(name):
                self.article.tags = ['Python']
                self.open('edit-tagging')
                self.control('tags.new').value = text
                self.apply()
                self.assertEqual(self.article.tags, ['Python'])

    def test_a_pasted_soft_hyphen_finds_the_keyword_there_is(self):
        self.use([SimpleTerm('Python', 'Python', 'Python')])
        self.open('edit-tagging')
        self.control('tags.new').value = 'Py\u00adthon'
        self.apply()
        self.assertEqual(self.article.tags, ['Python'])
