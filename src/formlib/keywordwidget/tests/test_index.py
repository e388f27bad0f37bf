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

    def test_index_for_a_vocabulary_with_unhashable_values_works(self):
        class Terms(list):
            """A vocabulary whose values are lists."""
        terms = Terms([SimpleTerm(['py'], 'py', 'Python')])
        self.assertEqual(
            [term.token for term in self._callFUT(terms).search('py')],
            ['py'])

    def test_index_for_a_vocabulary_without_weak_references_works(self):
        class Terms(tuple):
            """A tuple subclass: no weak references."""
        terms = Terms([SimpleTerm('Python', 'py', 'Python')])
        self.assertEqual(
            [term.value for term in self._callFUT(terms).search('py')],
            ['Python'])


# Texts that need every step of search_key and fold: case, accents
# composed and decomposed, a mark that decomposes to a space and a mark,
# whitespace of all kinds, controls, bidi overrides, invisible text.
AWKWARD_TEXTS = [
    'Python', 'Z\u00fcrich', 'ZU\u0308RICH', 'Stra\u00dfe', '\u039f\u03a3',
    '  Zope \t Toolkit ', 'a\u00a0b', 'a \u00a8b', '\u0301accent first',
    'r\u00e9sum\u00e9', '\u00c6sir \u00f8l', 'Py\x00thon\x1b', '',
    '\u202egnp.exe\u202c', '\u200b\u200d', 'x\u2028y', 'Smith, John',
    '\U0001F469\u200d\U0001F4BB', 'C++', 'node.js', 'x_y z']


# Default-ignorable characters, which fold and search_key drop: inside
# words, between them, and texts of nothing else.
IGNORABLE_TEXTS = [
    'Soft\u00adware', 'Co\u034fde', 'Herz\ufe0f', 'Ab\u200dc',
    '\U0001F469\u200d\U0001F4BB', 'a \u00ad b', 'a\u034f \u034fb',
    '\u00ad', '\u034f', '\ufe0f', '\u200d', '\u00ad\u034f\ufe0f\u200d',
    ' \u034f ', 'R\u00e9sum\u00e9\u00ad', 'Z\u00fc\u034frich', 'plain',
    'Zero\u200bWidth', 'Word\u2060Joiner', 'Caf\u00e9 \u2060', '\u200b\u2060',
    '\u00c9t\u00e9\ufe0f \u00adx', 'Stra\u00dfe', 'ZU\u0308RICH\u200b']


class BulkTests(unittest.TestCase):
    """The index works on all texts at once; each must come out as it
    would alone."""

    def test_search_keys_are_each_texts_search_key(self):
        from formlib.keywordwidget.index import search_keys
        from formlib.keywordwidget.normalize import search_key
        self.assertEqual(search_keys(AWKWARD_TEXTS),
                         [search_key(text) for text in AWKWARD_TEXTS])

    def test_search_keys_of_plain_ascii_texts(self):
        from formlib.keywordwidget.index import search_keys
        self.assertEqual(search_keys(['Python', 'Zope Toolkit']),
                         ['python', 'zope toolkit'])

    def test_search_keys_of_texts_with_line_ends(self):
        from formlib.keywordwidget.index import search_keys
        self.assertEqual(search_keys(['a\nb', 'C']), ['a b', 'c'])

    def test_search_keys_of_no_texts(self):
        from formlib.keywordwidget.index import search_keys
        self.assertEqual(search_keys([]), [])

    def test_folds_are_each_texts_fold(self):
        from formlib.keywordwidget.index import folds
        from formlib.keywordwidget.normalize import fold
        self.assertEqual(folds(AWKWARD_TEXTS),
                         [fold(text) for text in AWKWARD_TEXTS])

    def test_folds_of_clean_texts(self):
        from formlib.keywordwidget.index import folds
        self.assertEqual(folds(['Z\u00fcrich', 'Stra\u00dfe', '']),
                         ['z\u00fcrich', 'strasse', ''])

    def test_search_keys_of_default_ignorable_characters(self):
        from formlib.keywordwidget.index import search_keys
        from formlib.keywordwidget.normalize import search_key
        self.assertEqual(search_keys(IGNORABLE_TEXTS),
                         [search_key(text) for text in IGNORABLE_TEXTS])

    def test_folds_of_default_ignorable_characters(self):
        from formlib.keywordwidget.index import folds
        from formlib.keywordwidget.normalize import fold
        self.assertEqual(folds(IGNORABLE_TEXTS),
                         [fold(text) for text in IGNORABLE_TEXTS])

    def test_folds_of_printable_default_ignorable_characters(self):
        # U+034F and U+FE0F are printable: the texts pass as clean ones.
        from formlib.keywordwidget.index import folds
        self.assertEqual(
            folds(['Co\u034fde', '\u034f', 'Herz\ufe0f', 'a \u034f b']),
            ['code', '', 'herz', 'a b'])

    def test_search_finds_later_words_of_awkward_titles(self):
        from formlib.keywordwidget.index import KeywordIndex
        index = KeywordIndex(vocabulary(*AWKWARD_TEXTS[:-1]))
        self.assertEqual(
            [term.title for term in index.search('toolkit')],
            ['  Zope \t Toolkit '])
        self.assertEqual(
            [term.title for term in index.search('js')], ['node.js'])

    def test_spelling_of_a_title_that_is_not_its_value(self):
        from formlib.keywordwidget.index import KeywordIndex
        index = KeywordIndex(SimpleVocabulary([
            SimpleTerm(1, 'one', 'One'), SimpleTerm('two', 'two', 'Zwei')]))
        self.assertEqual(index.spelling('ONE').value, 1)
        self.assertEqual(index.spelling('zwei').value, 'two')
        self.assertEqual(index.spelling('TWO').value, 'two')


class BuiltOnceTests(unittest.TestCase):
    """Requests come in several threads: the index is built once."""

    def test_concurrent_first_searches_build_the_index_once(self):
        import threading

        from formlib.keywordwidget.index import KeywordIndex
        from formlib.keywordwidget.index import term_text
        building, release = threading.Event(), threading.Event()
        titled = []

        def title(term):
            titled.append(term)
            if len(titled) == 1:
                building.set()
                release.wait(10)
            return term_text(term)

        terms = vocabulary('Python', 'Zope', 'Plone')
        index = KeywordIndex(terms, title)
        found = []

        def search():
            found.append([term.value for term in index.search('z')])

        first = threading.Thread(target=search)
        first.start()
        building.wait(10)
        second = threading.Thread(target=search)
        second.start()
        # The second search waits for the first to build the index.
        second.join(0.2)
        self.assertTrue(second.is_alive())
        release.set()
        first.join(10)
        second.join(10)
        self.assertEqual(found, [['Zope'], ['Zope']])
        self.assertEqual(len(titled), len(terms))

    def test_a_failed_build_is_tried_again(self):
        from formlib.keywordwidget.index import KeywordIndex
        from formlib.keywordwidget.index import term_text
        failures = [RuntimeError('once')]

        def title(term):
            if failures:
                raise failures.pop()
            return term_text(term)

        index = KeywordIndex(vocabulary('Python'), title)
        self.assertRaises(RuntimeError, index.search, 'py')
        self.assertEqual([term.value for term in index.search('py')],
                         ['Python'])


class BuilderTests(unittest.TestCase):

    def _makeOne(self):
        from formlib.keywordwidget.index import Builder
        return Builder()

    def builder_threads(self):
        import threading
        return [thread for thread in threading.enumerate()
                if thread.name == 'keywordwidget index builder']

    def test_builder_builds_in_another_thread(self):
        import threading
        builder = self._makeOne()
        threads = []
        builder.build('a', lambda: threads.append(threading.current_thread()))
        builder.wait()
        self.assertEqual(len(threads), 1)
        self.assertIsNot(threads[0], threading.current_thread())

    def test_builder_thread_ends_when_nothing_is_left(self):
        builder = self._makeOne()
        builder.build('a', lambda: None)
        builder.wait()
        self.assertEqual(self.builder_threads(), [])

    def test_builder_takes_a_name_once_while_it_waits(self):
        import threading
        builder, release = self._makeOne(), threading.Event()
        calls = []
        builder.build('blocker', lambda: release.wait(10))
        for _ in range(3):
            builder.build('a', lambda: calls.append('a'))
        release.set()
        builder.wait()
        self.assertEqual(calls, ['a'])

    def test_builder_keeps_at_most_so_many_waiting(self):
        import threading
        builder, release = self._makeOne(), threading.Event()
        calls = []
        builder.build('blocker', lambda: release.wait(10))
        for number in range(builder.waiting + 5):
            builder.build(number, lambda number=number: calls.append(number))
        release.set()
        builder.wait()
        self.assertEqual(calls, list(range(builder.waiting - 1)))

    def test_builder_logs_a_failure_and_goes_on(self):
        from zope.testing.loggingsupport import InstalledHandler
        handler = InstalledHandler('formlib.keywordwidget.index')
        self.addCleanup(handler.uninstall)
        builder, calls = self._makeOne(), []

        def fail():
            raise RuntimeError('broken title')

        builder.build('a', fail)
        builder.build('b', lambda: calls.append('b'))
        builder.wait()
        self.assertEqual(calls, ['b'])
        self.assertEqual(
            [record.exc_info[1].args for record in handler.records],
            [('broken title',)])
