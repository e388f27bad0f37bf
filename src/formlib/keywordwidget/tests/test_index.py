"""Tests of formlib.keywordwidget.index."""
import gc
import unittest

from zope.i18nmessageid import MessageFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def vocabulary(*titles):
    return SimpleVocabulary([
        SimpleTerm(title, 'token-%d' % number, title)
        for number, title in enumerate(titles)])


class KeywordIndexSearchTests(unittest.TestCase):

    def _makeOne(self, *titles):
        from formlib.keywordwidget.index import KeywordIndex
        return KeywordIndex(vocabulary(*titles))

    def _titles(self, index, query, **kw):
        return [term.title for term in index.search(query, **kw)]

    def test_search_ranks_prefix_matches_before_substring_matches(self):
        index = self._makeOne('CPython', 'IronPython', 'Python', 'Pyramid')
        self.assertEqual(
            self._titles(index, 'python'), ['Python', 'CPython', 'IronPython'])

    def test_search_ranks_later_words_before_other_substrings(self):
        index = self._makeOne('Backpack', 'Python packaging')
        self.assertEqual(
            self._titles(index, 'pack'), ['Python packaging', 'Backpack'])

    def test_search_ranks_prefixes_before_later_words(self):
        index = self._makeOne('Zope packages', 'Packaging')
        self.assertEqual(
            self._titles(index, 'pack'), ['Packaging', 'Zope packages'])

    def test_search_finds_a_later_word_after_punctuation(self):
        index = self._makeOne('ajohnx', 'Smith,John')
        self.assertEqual(
            self._titles(index, 'john'), ['Smith,John', 'ajohnx'])

    def test_search_ranks_the_exact_match_first_among_prefixes(self):
        index = self._makeOne('Python packaging', 'Pythonic', 'Python')
        self.assertEqual(self._titles(index, 'python')[0], 'Python')

    def test_search_ignores_case(self):
        index = self._makeOne('Zope')
        self.assertEqual(self._titles(index, 'ZOPE'), ['Zope'])

    def test_search_ignores_accents_in_titles(self):
        index = self._makeOne('Z\u00fcrich')
        self.assertEqual(self._titles(index, 'zuri'), ['Z\u00fcrich'])

    def test_search_ignores_accents_in_the_query(self):
        index = self._makeOne('Zurich')
        self.assertEqual(self._titles(index, 'Z\u00dcR'), ['Zurich'])

    def test_search_lists_a_term_once_even_with_many_matches(self):
        index = self._makeOne('ab ab ab', 'xab ab')
        self.assertEqual(self._titles(index, 'ab'), ['ab ab ab', 'xab ab'])

    def test_search_finds_text_after_a_comma(self):
        index = self._makeOne('Smith, John')
        self.assertEqual(self._titles(index, 'john'), ['Smith, John'])

    def test_search_does_not_match_across_terms(self):
        index = self._makeOne('ab', 'cd')
        self.assertEqual(self._titles(index, 'b c'), [])

    def test_search_stops_at_the_limit(self):
        index = self._makeOne(*['Term %03d' % n for n in range(100)])
        self.assertEqual(len(index.search('term', limit=7)), 7)

    def test_search_limit_counts_substring_matches_too(self):
        index = self._makeOne('ax', 'bx', 'cx', 'dx')
        self.assertEqual(self._titles(index, 'x', limit=2), ['ax', 'bx'])

    def test_search_limit_counts_later_words_too(self):
        index = self._makeOne('a x', 'b x', 'c x')
        self.assertEqual(self._titles(index, 'x', limit=2), ['a x', 'b x'])

    def test_search_fills_the_limit_with_substrings_after_prefixes(self):
        index = self._makeOne('xa', 'ax', 'bx')
        self.assertEqual(self._titles(index, 'x', limit=2), ['xa', 'ax'])

    def test_search_for_nothing_finds_nothing(self):
        index = self._makeOne('Python')
        self.assertEqual(index.search('  '), [])

    def test_search_finds_untitled_terms_by_value(self):
        from formlib.keywordwidget.index import KeywordIndex
        index = KeywordIndex(SimpleVocabulary.fromValues(['Plone']))
        self.assertEqual(
            [term.value for term in index.search('plo')], ['Plone'])

    def test_search_finds_terms_by_the_default_of_a_message_title(self):
        from formlib.keywordwidget.index import KeywordIndex
        _ = MessageFactory('test')
        index = KeywordIndex(SimpleVocabulary([
            SimpleTerm('news', 'news', _('label_news', default='News'))]))
        self.assertEqual([term.value for term in index.search('new')],
                         ['news'])


class KeywordIndexSpellingTests(unittest.TestCase):

    def _makeOne(self, terms):
        from formlib.keywordwidget.index import KeywordIndex
        return KeywordIndex(SimpleVocabulary(terms))

    def test_spelling_finds_a_term_ignoring_case(self):
        index = self._makeOne([SimpleTerm('Python', 'py', 'Python')])
        self.assertEqual(index.spelling('PYTHON').value, 'Python')

    def test_spelling_does_not_ignore_accents(self):
        index = self._makeOne([SimpleTerm('r\u00e9sum\u00e9', 'r')])
        self.assertIsNone(index.spelling('resume'))

    def test_spelling_finds_a_term_by_its_title(self):
        index = self._makeOne([SimpleTerm('news', 'news', 'News items')])
        self.assertEqual(index.spelling('news ITEMS').value, 'news')

    def test_spelling_prefers_a_value_to_another_terms_title(self):
        index = self._makeOne([
            SimpleTerm('a', 'a', 'Zope'), SimpleTerm('zope', 'b', 'Other')])
        self.assertEqual(index.spelling('ZOPE').value, 'zope')

    def test_spelling_of_unknown_text_is_none(self):
        index = self._makeOne([SimpleTerm('Python', 'py')])
        self.assertIsNone(index.spelling('Pyramid'))


class IndexForTests(unittest.TestCase):

    def _callFUT(self, vocabulary):
        from formlib.keywordwidget.index import index_for
        return index_for(vocabulary)

    def test_index_for_the_same_vocabulary_is_kept(self):
        terms = vocabulary('Python', 'Zope')
        self.assertIs(self._callFUT(terms), self._callFUT(terms))

    def test_index_for_a_new_but_equal_vocabulary_is_shared(self):
        # Factories that build the vocabulary anew for every request.
        self.assertIs(self._callFUT(vocabulary('Python')),
                      self._callFUT(vocabulary('Python')))

    def test_index_for_a_vocabulary_with_other_titles_is_its_own(self):
        renamed = SimpleVocabulary([SimpleTerm('Python', 'token-0', 'Py')])
        self.assertIsNot(self._callFUT(vocabulary('Python')),
                         self._callFUT(renamed))

    def test_index_for_a_vocabulary_with_other_values_is_its_own(self):
        # What SimpleVocabulary.fromItems gives two contexts: equal tokens,
        # no titles, other values.
        red = SimpleVocabulary.fromItems([('ann', 'red/ann')])
        blue = SimpleVocabulary.fromItems([('ann', 'blue/ann')])
        self.assertIsNot(self._callFUT(red), self._callFUT(blue))
        self.assertEqual(self._callFUT(blue).spelling('BLUE/ANN').value,
                         'blue/ann')

    def test_index_for_messages_of_other_domains_is_its_own(self):
        from zope.i18nmessageid import MessageFactory
        red = SimpleVocabulary([SimpleTerm(
            'c', 'c', MessageFactory('red')('colour', default='Colour'))])
        blue = SimpleVocabulary([SimpleTerm(
            'c', 'c', MessageFactory('blue')('colour', default='Colour'))])
        self.assertIsNot(self._callFUT(red), self._callFUT(blue))

    def test_index_for_a_grown_vocabulary_is_rebuilt(self):
        class Terms(list):
            """A vocabulary that can grow."""
        terms = Terms([SimpleTerm('Python', 'py')])
        first = self._callFUT(terms)
        terms.append(SimpleTerm('Zope', 'zope'))
        self.assertIsNot(self._callFUT(terms), first)

    def test_index_for_is_forgotten_with_its_vocabulary(self):
        from formlib.keywordwidget.index import _indexes
        terms = vocabulary('Python')
        self._callFUT(terms)
        key = id(terms)
        del terms
        gc.collect()
        self.assertNotIn(key, _indexes)

    def test_index_for_a_vocabulary_without_weak_references_works(self):
        class Terms(tuple):
            """A tuple subclass: no weak references."""
        terms = Terms([SimpleTerm('Python', 'py', 'Python')])
        self.assertEqual(
            [term.value for term in self._callFUT(terms).search('py')],
            ['Python'])
