"""Finding terms of a vocabulary by what users type, fast."""
import bisect
import collections
import functools
import re
import weakref

from zope.i18nmessageid import Message

from formlib.keywordwidget.normalize import fold
from formlib.keywordwidget.normalize import search_key


# A search answers at most this many terms.
SEARCH_RESULTS = 20

# Where a word other than a key's first starts.
LATER_WORD = re.compile(r'(?<=\W)\w')


def term_text(term):
    """The untranslated text a term shows: its title, else its value."""
    title = getattr(term, 'title', None)
    if title is None:
        return str(term.value)
    if isinstance(title, Message):
        return title.default or str(title)
    return str(title)


# Translations a vocabulary with translated titles keeps an index for.
KEPT_LANGUAGES = 8


class KeywordIndex:
    """Spellings and a search index of one vocabulary, built when needed.

    `title` gives the text of a term that users see and type.
    """

    def __init__(self, vocabulary, title=term_text):
        self.terms = list(vocabulary)
        self.title = title
        self._translations = collections.OrderedDict()

    @functools.cached_property
    def message_domains(self):
        """Domains of the titles that are messages, translated per user."""
        return {term.title.domain for term in self.terms
                if isinstance(getattr(term, 'title', None), Message)}

    def translated(self, key, title):
        """The index of the same terms with titles translated by `title`.

        Kept for the few translations seen last; `key` names the one
        `title` gives.
        """
        index = self._translations.pop(key, None)
        if index is None:
            index = KeywordIndex(self.terms, title)
        self._translations[key] = index
        while len(self._translations) > KEPT_LANGUAGES:
            self._translations.popitem(last=False)
        return index

    @functools.cached_property
    def spellings(self):
        """Terms by the folded text of their value and their title."""
        spellings = {}
        for term in self.terms:
            # The first term wins, and a value wins over a title.
            if isinstance(term.value, str):
                spellings.setdefault(fold(term.value), term)
        for term in self.terms:
            spellings.setdefault(fold(self.title(term)), term)
        return spellings

    def spelling(self, text):
        """The term the user means by `text`, ignoring case, or None."""
        return self.spellings.get(fold(text))

    @functools.cached_property
    def _by_key(self):
        """Search keys in order, and their terms in the same order."""
        keyed = sorted(
            (search_key(self.title(term)), position)
            for position, term in enumerate(self.terms))
        keys = [key for key, _position in keyed]
        return keys, [self.terms[position] for _key, position in keyed]

    @functools.cached_property
    def _by_later_word(self):
        """Each key from its second, third... word on, in order.

        Returns those texts and, for each, the number of its key.
        """
        keys, _terms = self._by_key
        words = sorted(
            (key[match.start():], number)
            for number, key in enumerate(keys)
            for match in LATER_WORD.finditer(key))
        return ([word for word, _number in words],
                [number for _word, number in words])

    @functools.cached_property
    def _text(self):
        """All keys in one string, one a line, so str.find scans them in C.

        Returns the string and the offset where each key's line starts.
        """
        keys, _terms = self._by_key
        starts, offset = [], 0
        for key in keys:
            starts.append(offset)
            offset += len(key) + 1
        return '\n'.join(keys), starts

    def search(self, query, limit=SEARCH_RESULTS):
        """Terms matching `query`, best first, at most `limit` of them.

        Titles that start with the query come first, then those with a
        later word that starts with it, then those that contain it.
        """
        query = search_key(query)
        if not query or limit < 1:
            return []
        keys, terms = self._by_key
        found = {}  # numbers of keys, in order: a dict is an ordered set

        def take(numbers):
            if len(found) < limit:
                for number in numbers:
                    found[number] = True
                    if len(found) == limit:
                        return

        take(starting_with(keys, query))
        words, numbers = self._by_later_word
        take(numbers[position] for position in starting_with(words, query))
        take(self._containing(query))
        return [terms[number] for number in found]

    def _containing(self, query):
        """Numbers of the keys that contain `query`, in order."""
        keys, _terms = self._by_key
        text, starts = self._text
        offset = text.find(query)
        while offset != -1:
            number = bisect.bisect_right(starts, offset) - 1
            yield number
            offset = text.find(query, starts[number] + len(keys[number]) + 1)


def starting_with(ordered, prefix):
    """Positions of the texts in a sorted list that start with `prefix`."""
    position = bisect.bisect_left(ordered, prefix)
    while position < len(ordered) and ordered[position].startswith(prefix):
        yield position
        position += 1


# id of a vocabulary -> a weak reference to it and its index.  Keyed by
# identity: vocabularies compare and hash by all their terms, which is slow.
_indexes = {}

# The terms' tokens and titles -> the index, for the few vocabularies seen
# last: apps whose factory builds a new vocabulary object for every request
# still get an index built once.
_indexes_by_terms = collections.OrderedDict()
KEPT_BY_TERMS = 8


def size(vocabulary):
    """How many terms a vocabulary has, or None if it does not say."""
    try:
        return len(vocabulary)
    except TypeError:
        return None


def index_for(vocabulary):
    """The index of a vocabulary, kept while the vocabulary lives.

    A vocabulary with the same tokens and titles as one indexed lately
    shares that one's index, which costs a pass over the terms (a hundredth
    of building an index).
    """
    key = id(vocabulary)
    state = saved_state(vocabulary)
    entry = _indexes.get(key)
    if entry is not None:
        reference, indexed_state, index = entry
        # A vocabulary that grew, shrank or was saved changed is indexed
        # anew.
        if (reference() is vocabulary and indexed_state == state
                and size(vocabulary) in (None, len(index.terms))):
            return index
    index = _index_by_terms(vocabulary)
    if state is UNSAVED:
        return index
    try:
        reference = weakref.ref(
            vocabulary, lambda _reference: _indexes.pop(key, None))
    except TypeError:
        # No weak references to this vocabulary: index it for this use.
        return index
    _indexes[key] = reference, state, index
    return index


# The state of a persistent vocabulary changed in this transaction.
UNSAVED = object()


def saved_state(vocabulary):
    """What says which state of a vocabulary its terms are.

    A persistent vocabulary's serial: every transaction that changes it
    gives it a new one, in every process; UNSAVED while this transaction
    changes it.  Other vocabularies are taken to keep their terms (a
    vocabulary factory makes a new vocabulary when they change), and have
    None.
    """
    if getattr(vocabulary, '_p_jar', None) is None:
        return None
    # A ghost does not know its serial until it is loaded.
    vocabulary._p_activate()
    if vocabulary._p_changed:
        return UNSAVED
    return vocabulary._p_serial


def _index_by_terms(vocabulary):
    terms = list(vocabulary)
    try:
        key = tuple([term_key(term) for term in terms])
        index = _indexes_by_terms.pop(key, None)
    except TypeError:
        # Something unhashable in a term: nothing to share it by.
        return KeywordIndex(terms)
    if index is None:
        index = KeywordIndex(terms)
    _indexes_by_terms[key] = index
    while len(_indexes_by_terms) > KEPT_BY_TERMS:
        _indexes_by_terms.popitem(last=False)
    return index


def term_key(term):
    """Everything of a term that an index reads.

    Vocabularies whose terms have equal keys may share an index.  Tokens
    and titles are not enough: two contexts' vocabularies may have the same
    ones but other values, which are typed and, without titles, searched.
    """
    title = getattr(term, 'title', None)
    if isinstance(title, Message):
        # A message is translated by its domain and mapping too.
        mapping = title.mapping
        title = (str(title), title.domain, title.default,
                 None if mapping is None else tuple(sorted(mapping.items())))
    return term.token, type(term.value), term.value, title
