"""Tests of formlib.keywordwidget.normalize."""
import unittest


class NormalizeTests(unittest.TestCase):

    def _callFUT(self, text):
        from formlib.keywordwidget.normalize import normalize
        return normalize(text)

    def test_normalize_trims(self):
        self.assertEqual(self._callFUT('  Python \t'), 'Python')

    def test_normalize_collapses_inner_whitespace(self):
        self.assertEqual(
            self._callFUT('Zope \t\u00a0 Toolkit'), 'Zope Toolkit')

    def test_normalize_composes_to_nfc(self):
        self.assertEqual(self._callFUT('Zu\u0308rich'), 'Z\u00fcrich')

    def test_normalize_keeps_commas_and_semicolons(self):
        self.assertEqual(self._callFUT('Smith, John; Jr.'), 'Smith, John; Jr.')

    def test_normalize_keeps_case(self):
        self.assertEqual(self._callFUT('PyPI'), 'PyPI')

    def test_normalize_of_whitespace_is_empty(self):
        self.assertEqual(self._callFUT(' \n '), '')


class FoldTests(unittest.TestCase):

    def _callFUT(self, text):
        from formlib.keywordwidget.normalize import fold
        return fold(text)

    def test_fold_ignores_case(self):
        self.assertEqual(self._callFUT('PYTHON'), self._callFUT('python'))

    def test_fold_casefolds_sharp_s(self):
        self.assertEqual(
            self._callFUT('Stra\u00dfe'), self._callFUT('STRASSE'))

    def test_fold_equates_composed_and_decomposed(self):
        self.assertEqual(
            self._callFUT('Zu\u0308rich'), self._callFUT('Z\u00fcrich'))

    def test_fold_keeps_accents(self):
        self.assertNotEqual(
            self._callFUT('r\u00e9sum\u00e9'), self._callFUT('resume'))


class SearchKeyTests(unittest.TestCase):

    def _callFUT(self, text):
        from formlib.keywordwidget.normalize import search_key
        return search_key(text)

    def test_search_key_ignores_accents(self):
        self.assertEqual(self._callFUT('Z\u00fcrich'), 'zurich')

    def test_search_key_ignores_decomposed_accents(self):
        self.assertEqual(self._callFUT('ZU\u0308RICH'), 'zurich')

    def test_search_key_ignores_case(self):
        self.assertEqual(self._callFUT('CPython'), 'cpython')

    def test_search_key_collapses_whitespace_and_newlines(self):
        self.assertEqual(self._callFUT(' a \n b '), 'a b')

    def test_search_key_keeps_letters_without_decomposition(self):
        self.assertEqual(
            self._callFUT('\u00c6sir \u00f8l'), '\u00e6sir \u00f8l')
