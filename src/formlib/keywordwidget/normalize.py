"""How typed keywords are cleaned up, compared and searched."""
import re
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

NOT_ASCII = re.compile(r'[^\x00-\x7f]')


def normalize(text):
    """Trimmed, inner whitespace collapsed to one space, Unicode NFC,
    without controls and bidi formatting; empty if only invisible
    characters (zero-width spaces...) are left."""
    if (text and text.isprintable() and text[0] != ' ' and text[-1] != ' '
            and '  ' not in text and unicodedata.is_normalized('NFC', text)):
        # Already clean, as nearly every text is: printable text has no
        # controls, no format characters and no whitespace but spaces.
        return text
    text = ' '.join(unicodedata.normalize('NFC', text).split())
    text = ' '.join(text.translate(UNWANTED).split())
    if all(char == ' ' or unicodedata.category(char) == 'Cf'
           for char in text):
        return ''
    return text


def isolated(text):
    """`text` as plain text that cannot reorder the text around it."""
    if text.isascii():
        return text
    if any(unicodedata.bidirectional(char) in BIDI_CLASSES for char in text):
        return FIRST_STRONG_ISOLATE + text + POP_DIRECTIONAL_ISOLATE
    return text


def fold(text):
    """Key under which two spellings of a keyword are the same keyword."""
    return normalize(text).casefold()


def search_key(text):
    """Key for searching: case-, accent- and whitespace-insensitive."""
    folded = ' '.join(text.casefold().split())
    if folded.isascii():
        return folded
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
