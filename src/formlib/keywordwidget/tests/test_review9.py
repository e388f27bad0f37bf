"""Review of issue 9: saves that store what the user did not choose, drop
what they chose, or crash.  Each test fails on the reviewed code."""
import json
import unittest
from urllib.parse import urlencode

import lxml.html
import zope.component
import zope.i18n
import zope.interface
import zope.schema
from zope.formlib import form
from zope.publisher.interfaces.browser import IDefaultBrowserLayer
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.interfaces import IVocabularyTokenized
from zope.schema.vocabulary import SimpleTerm
from zope.security.checker import Checker
from zope.security.checker import CheckerPublic
from zope.security.checker import defineChecker
from zope.security.checker import undefineChecker
from zope.testbrowser.browser import Browser

from formlib.keywordwidget import IHaveSelectableKeywords
from formlib.keywordwidget.i18n import MessageFactory as _
from formlib.keywordwidget.testing import FUNCTIONAL_LAYER
from formlib.keywordwidget.testing import ZOPE_DEMO_LAYER
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

    def post(self, data):
        """Post the tagging form as a script or a forger would."""
        self.browser.raiseHttpErrors = False
        self.browser.post('http://localhost/article/@@edit-tagging',
                          urlencode(data))

    def search(self, query, browser=None):
        browser = browser or self.browser
        browser.open(
            'http://localhost/article/@@keywordwidget-search?' + urlencode(
                {'field': 'formlib.keywordwidget.tests.app.IArticle.keywords',
                 'q': query}))
        return [item['title'] for item in json.loads(browser.contents)[
            'items']]


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


class LanguageTests(ReviewTestCase):

    def browser_for(self, accept_language):
        browser = Browser(wsgi_app=self.layer.make_wsgi_app())
        browser.addHeader('Accept-Language', accept_language)
        return browser

    def test_allowed_languages_let_no_user_change_what_others_find(self):
        # zope.i18n negotiates among $zope_i18n_allowed_languages when they
        # are set, not among the catalog's languages.
        self.addCleanup(setattr, zope.i18n, 'ALLOWED_LANGUAGES',
                        zope.i18n.ALLOWED_LANGUAGES)
        zope.i18n.ALLOWED_LANGUAGES = ('en', 'de', 'fr')
        self.use([SimpleTerm('categories', 'categories', _('Categories')),
                  SimpleTerm('article', 'article', _('Article'))])
        french = self.browser_for('fr, de;q=0.5')
        self.assertEqual(self.search('Cat', french), ['Categories'])
        german = self.browser_for('de')
        self.assertEqual(self.search('Kat', german), ['Kategorien'])


class ForgedTokensTests(ReviewTestCase):

    def test_deeply_nested_json_tokens_give_an_error_not_a_500(self):
        self.article.tags = ['Python']
        self.post({'form.tags-empty-marker': '1',
                   'form.tags.tokens': '[' * 5000 + ']' * 5000,
                   'form.actions.apply': 'Apply'})
        self.assertEqual(self.browser.headers['status'], '200 Ok')
        self.assertIn('could not be read', self.browser.contents)
        self.assertEqual(self.article.tags, ['Python'])


class CreatedKeywordTests(ReviewTestCase):

    def test_a_created_keyword_is_not_taken_for_a_token(self):
        # Suggestions whose tokens are their values, as site keywords'
        # are: a keyword someone typed as "new:York" is one of them.
        self.use([SimpleTerm('Python', 'Python', 'Python'),
                  SimpleTerm('new:York', 'new:York', 'new:York')])
        # The enhancement posts a keyword the user creates, "York", so.
        self.post({'form.tags-empty-marker': '1',
                   'form.tags.tokens': json.dumps(['new:York']),
                   'form.actions.apply': 'Apply'})
        self.assertEqual(self.article.tags, ['York'])


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


# A form of eleven keyword fields, each with 100 chosen keywords: every
# widget stays at its bound of 100 options, the form does not.
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
        chosen = [term.value for term in list(app.SUBJECTS)[:100]]
        for name in MANY_FIELDS:
            setattr(self, name, chosen)


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

    def test_a_form_of_many_keyword_fields_saves_or_says_why_not(self):
        self.browser.open('http://localhost/many/@@edit-many')
        self.browser.getControl('Title').value = 'Saved'
        self.browser.getControl('Apply').click()
        # Saved, or an error says why: never a page that says nothing.
        self.assertTrue(
            self.many.title == 'Saved'
            or 'class="error"' in self.browser.contents,
            'Nothing saved, nothing said (%s)' % self.browser.headers[
                'status'])


class ZopeReviewTests(unittest.TestCase):
    """The same in a real Zope, on the demo's open keywords."""

    layer = ZOPE_DEMO_LAYER

    def setUp(self):
        from formlib.keywordwidget.demo.interfaces import IArticle
        field = IArticle['keywords']
        self.addCleanup(setattr, field, 'max_length', field.max_length)
        field.max_length = None

    def test_lookalike_keywords_chosen_as_lines_are_not_dropped(self):
        keywords = ['Keyword %04d' % number for number in range(150)] + [
            'Z\u00fcrich', 'Zu\u0308rich', 'Zope Toolkit', 'Zope  Toolkit']
        with self.layer.zope_app() as zope_app:
            zope_app.article.keywords = keywords
        browser = self.layer.browser('editor')
        browser.open('http://localhost/article/@@edit')
        browser.getControl('Title').value = 'Saved'
        browser.getControl('Apply').click()
        with self.layer.zope_app() as zope_app:
            self.assertEqual(zope_app.article.title, 'Saved')
            self.assertEqual(zope_app.article.keywords, keywords)

    def test_a_created_keyword_is_not_taken_for_another_users_one(self):
        # One user's keyword "new:York", typed as text, is a site keyword.
        browser = self.layer.browser('editor')
        browser.open('http://localhost/articles/article-0001/@@edit')
        browser.getControl(name='form.keywords.new').value = 'new:York'
        browser.getControl('Apply').click()
        # Another creates "York" with the enhancement, which posts it so.
        browser.post('http://localhost/article/@@edit', urlencode({
            'form.keywords-empty-marker': '1',
            'form.keywords.tokens': json.dumps(['new:York']),
            'form.actions.apply': 'Apply'}))
        with self.layer.zope_app() as zope_app:
            self.assertIn(
                'new:York', zope_app.articles['article-0001'].keywords)
            self.assertEqual(zope_app.article.keywords, ['York'])

    def test_deeply_nested_json_tokens_give_an_error_not_a_500(self):
        browser = self.layer.browser('editor')
        browser.raiseHttpErrors = False
        try:
            browser.post('http://localhost/article/@@edit', urlencode({
                'form.keywords-empty-marker': '1',
                'form.keywords.tokens': '[' * 5000 + ']' * 5000,
                'form.actions.apply': 'Apply'}))
        except Exception as error:
            self.fail('The app raised: %r' % error)
        self.assertEqual(browser.headers['status'], '200 OK')
        self.assertIn('could not be read', browser.contents)
