"""Finding terms of a vocabulary by what users type, fast."""
import bisect
import functools
import weakref

from zope.i18nmessageid import Message

from formlib.keywordwidget.normalize import fold
from formlib.keywordwidget.normalize import search_key


# A search answers at most this many terms.
SEARCH_RESULTS = 20


def term_text(term):
    """The untranslated text a term shows: its title, else its value."""
    title = getattr(term, 'title', None)
    if title is None:
        return str(term.value)
    if isinstance(title, Message):
        return title.default or str(title)
    return str(title)


class KeywordIndex:
    """Spellings and a search index of one vocabulary, built when needed."""

    def __init__(self, vocabulary):
        self.terms = list(vocabulary)

    @functools.cached_property
    def spellings(self):
        """Terms by the folded text of their value and their title."""
        spellings = {}
        for term in self.terms:
            # The first term wins, and a value wins over a title.
            if isinstance(term.value, str):
                spellings.setdefault(fold(term.value), term)
        for term in self.terms:
            spellings.setdefault(fold(term_text(term)), term)
        return spellings

    def spelling(self, text):
        """The term the user means by `text`, ignoring case, or None."""
        return self.spellings.get(fold(text))

    @functools.cached_property
    def _sorted(self):
        # Search keys in order, and one string of all of them, one a line,
        # so that substrings are found by str.find, in C.
        keyed = sorted(
            (search_key(term_text(term)), position)
            for position, term in enumerate(self.terms))
        keys = [key for key, _position in keyed]
        terms = [self.terms[position] for _key, position in keyed]
        starts, offset = [], 0
        for key in keys:
            starts.append(offset)
            offset += len(key) + 1
        return keys, terms, '\n'.join(keys), starts

    def search(self, query, limit=SEARCH_RESULTS):
        """Terms matching `query`: prefix matches first, then substrings."""
        query = search_key(query)
        if not query or limit < 1:
            return []
        keys, terms, lines, starts = self._sorted
        found = []
        position = bisect.bisect_left(keys, query)
        while (position < len(keys) and len(found) < limit
               and keys[position].startswith(query)):
            found.append(terms[position])
            position += 1
        offset = lines.find(query)
        while offset != -1 and len(found) < limit:
            line = bisect.bisect_right(starts, offset) - 1
            # A match at the start of a line was found as a prefix.
            if offset != starts[line]:
                found.append(terms[line])
            offset = lines.find(query, starts[line] + len(keys[line]) + 1)
        return found


# id of a vocabulary -> a weak reference to it and its index.  Keyed by
# identity: vocabularies compare and hash by all their terms, which is slow.
_indexes = {}


def index_for(vocabulary):
    """The index of a vocabulary, kept while the vocabulary lives.

    Apps with large vocabularies return the same vocabulary object for as
    long as it is unchanged, so its index is built once.
    """
    key = id(vocabulary)
    entry = _indexes.get(key)
    if entry is not None:
        reference, index = entry
        if (reference() is vocabulary
                and len(index.terms) == len(vocabulary)):
            return index
    index = KeywordIndex(vocabulary)
    try:
        reference = weakref.ref(
            vocabulary, lambda _reference: _indexes.pop(key, None))
    except TypeError:
        # No weak references to this vocabulary: index it for this use.
        return index
    _indexes[key] = reference, index
    return index
