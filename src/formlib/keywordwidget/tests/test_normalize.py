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

    def test_normalize_drops_controls(self):
        self.assertEqual(self._callFUT('Py\x00thon\x1b\x7f'), 'Python')

    def test_normalize_drops_bidi_overrides_and_isolates(self):
        self.assertEqual(
            self._callFUT('\u202egnp.exe\u202c \u2067x\u2069'), 'gnp.exe x')

    def test_normalize_of_zero_width_characters_only_is_empty(self):
        self.assertEqual(self._callFUT('\u200b\u200d \ufeff\u2060'), '')

    def test_normalize_of_default_ignorable_characters_only_is_empty(self):
        # One of each range of Unicode's Default_Ignorable_Code_Point,
        # whatever its category (Mn, Lo, Cn as well as Cf).
        ignorable = (
            '\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b\u180f'
            '\u200b\u200f\u202a\u2060\u2065\u206f\u3164\ufe00\ufe0f'
            '\ufeff\uffa0\ufff0\ufff8\U0001bca0\U0001d173\U0001d17a'
            '\U000e0000\U000e0041\U000e0100\U000e0fff')
        for char in ignorable:
            with self.subTest('U+%04X' % ord(char)):
                self.assertEqual(self._callFUT(char * 2), '')

    def test_normalize_keeps_what_default_ignorables_come_with(self):
        # A variation selector picks the emoji's glyph; a zero-width
        # non-joiner shapes a Persian word.
        persian = '\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645'
        for text in ('\u2764\ufe0f', persian):
            with self.subTest(text):
                self.assertEqual(self._callFUT(text), text)

    def test_normalize_keeps_a_zero_width_joiner_in_a_word(self):
        # Emoji sequences and several scripts need it.
        self.assertEqual(self._callFUT('\U0001F469\u200d\U0001F4BB'),
                         '\U0001F469\u200d\U0001F4BB')

    def test_isolated_wraps_right_to_left_text(self):
        from formlib.keywordwidget.normalize import isolated
        self.assertEqual(isolated('\u05e9\u05dc\u05d5\u05dd'),
                         '\u2068\u05e9\u05dc\u05d5\u05dd\u2069')
        self.assertEqual(isolated('\u202egnp.exe'),
                         '\u2068\u202egnp.exe\u2069')

    def test_isolated_leaves_left_to_right_text(self):
        from formlib.keywordwidget.normalize import isolated
        self.assertEqual(isolated('Z\u00fcrich 2'), 'Z\u00fcrich 2')

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

    def test_fold_ignores_default_ignorable_characters(self):
        for text in ('Py\u00adthon', 'Py\u034fthon', 'Python\ufe0f',
                     '\u200bPython', 'Py\u200cthon'):
            with self.subTest(text):
                self.assertEqual(self._callFUT(text), 'python')
        self.assertEqual(self._callFUT('Zope \u200b Toolkit'),
                         self._callFUT('Zope Toolkit'))

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

    def test_search_key_ignores_default_ignorable_characters(self):
        self.assertEqual(self._callFUT('Py\u00adthon \u2060 packaging'),
                         'python packaging')

    def test_search_key_keeps_letters_without_decomposition(self):
        self.assertEqual(
            self._callFUT('\u00c6sir \u00f8l'), '\u00e6sir \u00f8l')
