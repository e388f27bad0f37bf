"""How typed keywords are cleaned up, compared and searched."""
import itertools
import re
import sys
import unicodedata


# Characters no keyword needs, dropped from typed ones: controls (NUL...)
# and the bidi embeddings, overrides and isolates, which would reorder the
# text shown after a keyword.
UNWANTED = dict.fromkeys(
    [*range(0x00, 0x20), 0x7f, *range(0x80, 0xa0),
     *range(0x202a, 0x202f), *range(0x2066, 0x206a)])

# Where a keyword's text runs right to left or says how to run: shown
# isolated, it cannot reorder the text around it.
BIDI_CLASSES = frozenset(
    ['R', 'AL', 'AN', 'LRE', 'LRO', 'RLE', 'RLO', 'PDF', 'LRI', 'RLI',
     'FSI', 'PDI'])
FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = '\u2068', '\u2069'
# From the first character of those classes (Hebrew's) on: text without
# these, as accented Latin text is, need not be looked at character by
# character.
MAYBE_BIDI = re.compile('[%s-%s]' % (
    next(char for char in map(chr, itertools.count())
         if unicodedata.bidirectional(char) in BIDI_CLASSES),
    chr(sys.maxunicode)))

NOT_ASCII = re.compile(r'[^\x00-\x7f]')

# Unicode's default-ignorable code points (Default_Ignorable_Code_Point):
# shown as nothing, so a keyword of only these is empty, and spellings that
# differ only in them (a soft hyphen, a variation selector) are one
# keyword.  Typed text keeps them: a zero-width (non-)joiner shapes words
# of some scripts (Persian) and emoji sequences.
DEFAULT_IGNORABLE = re.compile(
    '[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f'
    '\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff'
    '\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a'
    '\U000e0000-\U000e0fff]')

# A byte of a form that is not UTF-8: Zope reads it as a lone surrogate,
# which no page, URL or transaction note can encode.
LONE_SURROGATE = re.compile('[\ud800-\udfff]')


class UndecodableText(ValueError):
    """Text with a byte that is not UTF-8 (as Zope reads it: a lone
    surrogate)."""


def check_decoded(text):
    """UndecodableText if `text` has a byte that is not UTF-8."""
    if LONE_SURROGATE.search(text):
        raise UndecodableText(text)


def displayable(text):
    """`text` with each byte that is not UTF-8 shown as U+FFFD."""
    return LONE_SURROGATE.sub('\ufffd', text)


def normalize(text):
    """Trimmed, inner whitespace collapsed to one space, Unicode NFC,
    without controls and bidi formatting; empty if only invisible
    characters (default-ignorable and other format characters) are
    left."""
    if (text and text.isprintable() and text[0] != ' ' and text[-1] != ' '
            and '  ' not in text and unicodedata.is_normalized('NFC', text)
            and (text.isascii() or not DEFAULT_IGNORABLE.search(text))):
        # Already clean, as nearly every text is: printable text has no
        # controls, no format characters and no whitespace but spaces;
        # some default-ignorable characters are printable (U+034F) and
        # could make up the whole text.
        return text
    text = ' '.join(unicodedata.normalize('NFC', text).split())
    text = ' '.join(text.translate(UNWANTED).split())
    if not text.isascii() and all(
            char == ' ' or unicodedata.category(char) == 'Cf'
            for char in DEFAULT_IGNORABLE.sub('', text)):
        return ''
    return text


def isolated(text):
    """`text` as plain text that cannot reorder the text around it."""
    if text.isascii() or not MAYBE_BIDI.search(text):
        return text
    if any(unicodedata.bidirectional(char) in BIDI_CLASSES for char in text):
        return FIRST_STRONG_ISOLATE + text + POP_DIRECTIONAL_ISOLATE
    return text


def isolated_each(texts):
    """`isolated` each of `texts`; `texts` itself if none needs it, as
    none does unless one is in a script written right to left."""
    joined = ''.join(texts)
    if joined.isascii() or not MAYBE_BIDI.search(joined):
        return texts
    return list(map(isolated, texts))


def fold(text):
    """Key under which two spellings of a keyword are the same keyword."""
    text = normalize(text)
    if not text.isascii():
        text = ' '.join(DEFAULT_IGNORABLE.sub('', text).split())
    return text.casefold()


def search_key(text):
    """Key for searching: case-, accent- and whitespace-insensitive."""
    folded = ' '.join(text.casefold().split())
    if folded.isascii():
        return folded
    folded = ' '.join(DEFAULT_IGNORABLE.sub('', folded).split())
    return without_accents(folded)


def without_accents(text):
    """`text` decomposed, without its combining marks (accents).

    Quick for long texts too: the search index takes the accents off all
    its keys at once.
    """
    decomposed = unicodedata.normalize('NFKD', text)
    marks = ''.join(
        char for char in set(NOT_ASCII.findall(decomposed))
        if unicodedata.combining(char))
    if not marks:
        return decomposed
    return re.sub('[%s]' % re.escape(marks), '', decomposed)
