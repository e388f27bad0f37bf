"""How typed keywords are cleaned up, compared and searched."""
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


def normalize(text):
    """Trimmed, inner whitespace collapsed to one space, Unicode NFC,
    without controls and bidi formatting; empty if only invisible
    characters (zero-width spaces...) are left."""
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
    decomposed = unicodedata.normalize('NFKD', folded)
    return ''.join(
        char for char in decomposed if not unicodedata.combining(char))
