import unittest

import zope.component
import zope.component.testing
import zope.interface
import zope.schema
from zope.i18nmessageid import MessageFactory
from zope.publisher.browser import TestRequest
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


_ = MessageFactory('formlib.keywordwidget.tests')

COLOURS = SimpleVocabulary([
    SimpleTerm('c', 'c', _('colour', default='Colour')),
    SimpleTerm('s', 's', _('shape', default='Shape')),
])


class TranslatedTitlesTests(unittest.TestCase):
    """Users find and type the titles they see, in their language."""

    def setUp(self):
        from zope.i18n.interfaces import INegotiator
        from zope.i18n.interfaces import ITranslationDomain
        from zope.i18n.interfaces import IUserPreferredLanguages
        from zope.i18n.negotiator import negotiator
        from zope.i18n.simpletranslationdomain import SimpleTranslationDomain
        from zope.publisher.browser import BrowserLanguages
        from zope.publisher.interfaces.http import IHTTPRequest
        zope.component.testing.setUp(self)
        zope.component.provideUtility(negotiator, INegotiator)
        zope.component.provideAdapter(
            BrowserLanguages, (IHTTPRequest,), IUserPreferredLanguages)
        zope.component.provideUtility(
            SimpleTranslationDomain('formlib.keywordwidget.tests', {
                ('de', 'colour'): 'Farbe', ('de', 'shape'): 'Form'}),
            ITranslationDomain, 'formlib.keywordwidget.tests')

    def tearDown(self):
        zope.component.testing.tearDown(self)

    def keywords(self, language):
        from formlib.keywordwidget.keywords import Keywords
        field = zope.schema.List(
            __name__='colours',
            value_type=zope.schema.Choice(vocabulary=COLOURS))
        return Keywords(field, TestRequest(HTTP_ACCEPT_LANGUAGE=language))

    def test_search_finds_the_translated_title(self):
        keywords = self.keywords('de')
        self.assertEqual(['c'], [
            term.token for term in keywords.search('Far', 20)])
        self.assertEqual([], keywords.search('Col', 20))

    def test_search_in_another_language_has_its_own_index(self):
        self.keywords('de').search('Far', 20)
        self.assertEqual(['c'], [
            term.token for term in self.keywords('en').search('Col', 20)])

    def test_a_users_fallback_language_does_not_poison_others(self):
        # "fr, de;q=0.5" negotiates German; "fr" alone gets the defaults.
        self.assertEqual(['c'], [
            term.token for term in
            self.keywords('fr, de;q=0.5').search('Far', 20)])
        french = self.keywords('fr')
        self.assertEqual(['c'], [
            term.token for term in french.search('Col', 20)])
        self.assertEqual('c', french.find('colour').value)
        self.assertIsNone(french.find('farbe'))

    def test_preferences_negotiating_one_language_share_its_index(self):
        # Rotating Accept-Language builds one index per language
        # negotiated, not one per header.
        index = self.keywords('fr, de;q=0.5').index()
        for header in ('it, de', 'de-at', 'de;q=0.9, fr;q=0.8'):
            self.assertIs(self.keywords(header).index(), index)
        self.assertIsNot(self.keywords('fr').index(), index)

    def test_kept_index_does_not_keep_the_request(self):
        import gc
        import weakref
        keywords = self.keywords('de')
        keywords.search('Far', 20)
        request = weakref.ref(keywords.request)
        del keywords
        gc.collect()
        self.assertIsNone(request())

    def test_typed_translated_title_is_the_term(self):
        self.assertEqual('c', self.keywords('de').find('farbe').value)


class ChangedVocabularyTests(unittest.TestCase):

    def test_term_gone_from_a_vocabulary_changed_in_place_is_not_found(self):
        # Same size, so the index is not rebuilt: its term is no longer
        # there, and nothing fails.
        from formlib.keywordwidget.keywords import Keywords

        class Terms(list):
            """A vocabulary that changes in place."""

            def getTermByToken(self, token):
                for term in self:
                    if term.token == token:
                        return term
                raise LookupError(token)

        terms = Terms([SimpleTerm('Python', 'py'), SimpleTerm('Zope', 'z')])
        field = zope.schema.List(
            __name__='keywords', value_type=zope.schema.Choice(
                vocabulary=SimpleVocabulary.fromValues(['unused'])))
        keywords = Keywords(field, TestRequest())
        keywords.vocabulary = terms
        self.assertEqual(keywords.find('python').value, 'Python')
        terms[0] = SimpleTerm('Plone', 'plone')
        self.assertIsNone(keywords.find('python'))
        self.assertEqual(keywords.search('py', 5), [])


class RetiringVocabulary(SimpleVocabulary):
    """A zope.schema vocabulary whose lookups refuse retired terms."""

    retired = frozenset(['Zope', 'zope'])

    def getTerm(self, value):
        if value in self.retired:
            raise LookupError(value)
        return super().getTerm(value)

    def getTermByToken(self, token):
        if token in self.retired:
            raise LookupError(token)
        return super().getTermByToken(token)


class LookupTests(unittest.TestCase):
    """Many values are looked up at once; a vocabulary's own lookups are
    still asked."""

    def keywords(self):
        from formlib.keywordwidget.keywords import Keywords
        field = zope.schema.List(
            __name__='keywords', value_type=zope.schema.Choice(
                vocabulary=RetiringVocabulary([
                    SimpleTerm('Python', 'python', 'Python'),
                    SimpleTerm('Zope', 'zope', 'Zope')])))
        return Keywords(field.bind(object()), TestRequest())

    def test_tokens_are_looked_up_by_a_subclass_that_says_how(self):
        values, unknown, _refused = self.keywords().parse(['python', 'zope'])
        self.assertEqual((values, unknown), (['Python'], ['zope']))

    def test_values_are_looked_up_by_a_subclass_that_says_how(self):
        self.assertEqual(self.keywords().titles_of(['Python', 'Zope']),
                         ['Python', 'Zope'])
        self.assertIsNone(self.keywords().term_of('Zope'))

    def test_terms_of_a_simple_vocabulary_come_from_its_lookups(self):
        from formlib.keywordwidget.keywords import terms_of
        terms = SimpleVocabulary.fromValues(['a', 'b'])
        self.assertEqual(terms_of(terms, ['b', 'a']),
                         [terms.getTerm('b'), terms.getTerm('a')])
        self.assertEqual(terms_of(terms, ['a'], tokens=True),
                         [terms.getTermByToken('a')])

    def test_a_missing_term_is_a_lookup_error(self):
        from formlib.keywordwidget.keywords import terms_of
        terms = SimpleVocabulary.fromValues(['a'])
        with self.assertRaises(LookupError):
            terms_of(terms, ['a', 'c'])
        with self.assertRaises(LookupError):
            terms_of(terms, ['c'], tokens=True)


class StoredTokenTests(unittest.TestCase):

    def token_in_a_process(self, value, seed):
        import os
        import subprocess
        import sys
        return subprocess.run(
            [sys.executable, '-c',
             'from formlib.keywordwidget.keywords import stored_token;'
             'print(stored_token(%s))' % value],
            env=dict(os.environ, PYTHONHASHSEED=seed),
            capture_output=True, text=True, check=True).stdout

    def test_token_of_a_set_is_the_same_in_every_process(self):
        value = repr((1, frozenset('keywords')))
        self.assertEqual(self.token_in_a_process(value, '1'),
                         self.token_in_a_process(value, '2'))

    def test_tokens_of_different_values_differ(self):
        from formlib.keywordwidget.keywords import stored_token
        self.assertNotEqual(stored_token(frozenset('ab')),
                            stored_token(frozenset('abc')))
        self.assertNotEqual(stored_token(('a',)), stored_token('a'))

    def test_tokens_of_texts_are_the_same_in_every_process(self):
        # Those of texts seen lately are kept, not worked out again.
        from formlib.keywordwidget.keywords import stored_token
        self.assertEqual(stored_token('Zope'), stored_token('Zope'))
        self.assertEqual(self.token_in_a_process("'Zope'", '1'),
                         stored_token('Zope') + '\n')

    def test_tokens_of_many_values_are_each_values_token(self):
        from formlib.keywordwidget.keywords import stored_token
        from formlib.keywordwidget.keywords import stored_tokens
        for values in [['Zope', 'Python'], ['Zope', 1, ('Zope',)], []]:
            self.assertEqual(stored_tokens(values),
                             [stored_token(value) for value in values])


class ITagged(zope.interface.Interface):

    keywords = zope.schema.List(
        title='Keywords', required=False,
        value_type=zope.schema.Choice(vocabulary=SimpleVocabulary([
            SimpleTerm('Python', 'python', 'Python'),
            SimpleTerm('Zope', 'zope', 'Zope'),
            SimpleTerm('Plone', 'plone', 'Plone'),
            # Posted escaped, as term:new:York.
            SimpleTerm('York', 'new:York', 'York')])))


@zope.interface.implementer(ITagged)
class Tagged:

    def __init__(self, keywords):
        self.keywords = keywords


class SubmissionTests(unittest.TestCase):
    """Tokens and lines are taken all at once where they can be: what
    comes out is what taking them one at a time gives."""

    def parse(self, stored, tokens=(), lines=(), rendered_lines=()):
        from formlib.keywordwidget.keywords import Keywords
        field = ITagged['keywords'].bind(Tagged(stored))
        return Keywords(field, TestRequest()).parse(
            tokens, lines, rendered_lines)

    def rendered(self, *values):
        from formlib.keywordwidget.keywords import stored_token
        return [[value, stored_token(value)] for value in values]

    def test_stored_keywords_and_terms_come_in_the_posted_order(self):
        from formlib.keywordwidget.keywords import stored_token
        values, unknown, refused = self.parse(
            ['Zope', 'Python'], [stored_token('Python'), 'plone',
                                 stored_token('Zope'), 'plone'])
        self.assertEqual((values, unknown, refused),
                         (['Python', 'Plone', 'Zope'], [], []))

    def test_an_escaped_term_among_stored_keywords(self):
        from formlib.keywordwidget.keywords import stored_token
        values, unknown, _refused = self.parse(
            ['Zope'], [stored_token('Zope'), 'term:new:York'])
        self.assertEqual((values, unknown), (['Zope', 'York'], []))

    def test_an_unknown_token_among_stored_keywords_is_named(self):
        from formlib.keywordwidget.keywords import stored_token
        values, unknown, _refused = self.parse(
            ['Zope'], [stored_token('Zope'), 'nope', stored_token('Plone')])
        self.assertEqual((values, unknown),
                         (['Zope'], ['nope', stored_token('Plone')]))

    def test_the_token_of_a_keyword_not_stored_names_nothing(self):
        # Though this process worked it out, for another object.
        from formlib.keywordwidget.keywords import stored_token
        values, unknown, _refused = self.parse(
            ['Zope'], [stored_token('Zope'), stored_token('Python')])
        self.assertEqual((values, unknown),
                         (['Zope'], [stored_token('Python')]))

    def test_stored_keywords_are_found_when_kept_tokens_are_forgotten(self):
        # Other pages fill the kept tokens between a page and its save, and
        # this save fills them again while it works its tokens out.
        from formlib.keywordwidget import keywords
        stored = ['Zope', 'Python', 'Plone']
        tokens = [keywords.stored_token(value) for value in stored]
        kept = keywords.KEPT_TEXT_TOKENS
        keywords.KEPT_TEXT_TOKENS = 2
        try:
            keywords.stored_token('Other')
            values, unknown, _refused = self.parse(stored, tokens[::-1])
        finally:
            keywords.KEPT_TEXT_TOKENS = kept
        self.assertEqual((values, unknown), (stored[::-1], []))

    def test_lines_as_rendered_then_typed_ones(self):
        values, unknown, _refused = self.parse(
            ['Zope', 'Python'], lines=['Zope', 'Python', 'plone'],
            rendered_lines=self.rendered('Zope', 'Python'))
        self.assertEqual((values, unknown), (['Zope', 'Python', 'Plone'], []))

    def test_a_rendered_line_again_after_them_is_typed(self):
        # Retired is stored, but no term: typed, it is none of the field's.
        values, unknown, _refused = self.parse(
            ['Retired', 'Zope'], lines=['Retired', 'Zope', 'Retired'],
            rendered_lines=self.rendered('Retired', 'Zope'))
        self.assertEqual((values, unknown), (['Retired', 'Zope'], ['Retired']))

    def test_lines_moved_are_their_tokens_in_the_new_order(self):
        values, unknown, _refused = self.parse(
            ['Zope', 'Python', 'Retired'],
            lines=['Retired', 'python', 'Zope'],
            rendered_lines=self.rendered('Zope', 'Python', 'Retired'))
        self.assertEqual(
            (values, unknown), (['Retired', 'Python', 'Zope'], []))
