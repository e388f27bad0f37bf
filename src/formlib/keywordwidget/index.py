"""Finding terms of a vocabulary by what users type, fast."""
import bisect
import collections
import itertools
import logging
import operator
import re
import threading
import unicodedata
import weakref

from zope.i18nmessageid import Message

from formlib.keywordwidget.normalize import DEFAULT_IGNORABLE
from formlib.keywordwidget.normalize import fold
from formlib.keywordwidget.normalize import search_key
from formlib.keywordwidget.normalize import without_accents


logger = logging.getLogger(__name__)

# A search answers at most this many terms.
SEARCH_RESULTS = 20

# Where a word other than a key's first starts, in keys one a line.
LATER_WORD_IN_LINE = re.compile(r'(?<=[^\w\n])\w')

# Whitespace other than spaces and line ends.
OTHER_SPACE = re.compile(r'[^\S \n]')


def term_text(term):
    """The untranslated text a term shows: its title, else its value."""
    title = getattr(term, 'title', None)
    if title is None:
        return str(term.value)
    if isinstance(title, Message):
        return title.default or str(title)
    return str(title)


def term_texts(terms, title=term_text):
    """`title` of each term; quick for the usual titles, plain text."""
    if title is not term_text:
        return [title(term) for term in terms]
    titles = [getattr(term, 'title', None) for term in terms]
    return [text if type(text) is str else term_text(term)
            for text, term in zip(titles, terms)]


def in_order(items, order):
    """The `items` at the positions `order` gives, in that order."""
    if len(order) < 2:
        return [items[position] for position in order]
    # One call in C: quicker than a loop over items all over memory.
    return operator.itemgetter(*order)(items)


def search_keys(texts):
    """`search_key` of each text, worked out on all of them at once.

    The texts are joined one a line, and each step is one call over all
    of them: for 100,000 texts a few times quicker than a call for each.
    """
    folded = '\n'.join(texts).casefold()
    if folded.count('\n') != len(texts) - 1:
        # A text has a line end of its own (or there are none).
        return [search_key(text) for text in texts]
    folded = without_ignorable(without_spare_spaces(folded))
    if not folded.isascii():
        # Decomposing makes no line end: the lines stay the keys'.
        folded = without_accents(folded)
    return folded.split('\n')


def folds(texts):
    """`fold` of each text; at once for texts that need no clean-up."""
    lines = '\n'.join(texts)
    if (lines.count('\n') == len(texts) - 1
            and lines.replace('\n', ' ').isprintable()
            and not has_unusual_space(lines)
            and unicodedata.is_normalized('NFC', lines)):
        # Each text is as normalize() leaves it (see there), or one of
        # only default-ignorable characters, which becomes empty as well.
        return without_ignorable(lines).casefold().split('\n')
    return [fold(text) for text in texts]


def without_ignorable(lines):
    """Texts one a line without their default-ignorable characters, nor
    the spaces these leave over."""
    if lines.isascii() or DEFAULT_IGNORABLE.search(lines) is None:
        return lines
    # None of them is whitespace or a line end: lines stay lines.
    return without_spare_spaces(DEFAULT_IGNORABLE.sub('', lines))


def without_spare_spaces(lines):
    """Texts one a line, each with one space between words and none
    else."""
    if not has_unusual_space(lines):
        return lines
    return '\n'.join(' '.join(line.split()) for line in lines.split('\n'))


def has_unusual_space(lines):
    """Whether there is whitespace other than one space between words in
    `lines`, texts one a line."""
    return ('  ' in lines or ' \n' in lines or '\n ' in lines
            or lines.startswith(' ') or lines.endswith(' ')
            or OTHER_SPACE.search(lines) is not None)


# Translations a vocabulary with translated titles keeps an index for.
KEPT_LANGUAGES = 8


class built_once:
    """A cached property that one thread builds while others wait for it.

    Requests are served by several threads: the first searches after a
    restart must not each build the same index.
    """

    def __init__(self, build):
        self.build = build
        self.__doc__ = build.__doc__

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        values = instance.__dict__
        # dict.setdefault is atomic: every thread gets the same lock.
        with values.setdefault(self.name + '-lock', threading.Lock()):
            if self.name not in values:
                values[self.name] = self.build(instance)
        # Read from the instance from now on, without this descriptor.
        return values[self.name]


class KeywordIndex:
    """Spellings and a search index of one vocabulary, built when needed.

    `title` gives the text of a term that users see and type.
    """

    def __init__(self, vocabulary, title=term_text):
        self.terms = list(vocabulary)
        self.title = title
        #: Domains of the titles that are messages, translated per user.
        self.message_domains = {
            term.title.domain for term in self.terms
            if isinstance(getattr(term, 'title', None), Message)}
        self._translations = collections.OrderedDict()
        self._translations_lock = threading.Lock()

    def translated(self, key, title):
        """The index of the same terms with titles translated by `title`.

        Kept for the few translations seen last; `key` names the one
        `title` gives.
        """
        with self._translations_lock:
            index = self._translations.pop(key, None)
            if index is None:
                index = KeywordIndex(self.terms, title)
            self._translations[key] = index
            while len(self._translations) > KEPT_LANGUAGES:
                self._translations.popitem(last=False)
        return index

    @property
    def built(self):
        """Whether searches and spellings are answered without building."""
        return 'spellings' in self.__dict__ and '_text' in self.__dict__

    def build(self):
        """Build what searches need, then what spellings need."""
        self._by_later_word
        self._text
        self.spellings

    @built_once
    def spellings(self):
        """Terms by the folded text of their value and their title."""
        terms = self.terms
        titles = term_texts(terms, self.title)
        values = [term.value for term in terms]
        # The first term wins, and a value wins over a title: pairs go
        # from last to first, as a later pair overwrites an earlier one.
        spellings = dict(zip(reversed(folds(titles)), reversed(terms)))
        if values != titles:
            textual = [(value, term) for value, term in zip(values, terms)
                       if isinstance(value, str)]
            spellings.update(zip(
                reversed(folds([value for value, _term in textual])),
                reversed([term for _value, term in textual])))
        return spellings

    def spelling(self, text):
        """The term the user means by `text`, ignoring case, or None."""
        return self.spellings.get(fold(text))

    @built_once
    def _by_key(self):
        """Search keys in order, and their terms in the same order."""
        keys = search_keys(term_texts(self.terms, self.title))
        # Sorted by key, terms with equal keys in their order.
        order = sorted(range(len(keys)), key=keys.__getitem__)
        return in_order(keys, order), in_order(self.terms, order)

    @built_once
    def _by_later_word(self):
        """Each key from its second, third... word on, in order.

        Returns those texts and, for each, the number of its key.
        """
        keys, _terms = self._by_key
        text, starts = self._text
        positions = [
            match.start() for match in LATER_WORD_IN_LINE.finditer(text)]
        numbers = [bisect.bisect_right(starts, position) - 1
                   for position in positions]
        words = [text[position:starts[number] + len(keys[number])]
                 for position, number in zip(positions, numbers)]
        # Equal words keep the order of their keys.
        order = sorted(range(len(words)), key=words.__getitem__)
        return in_order(words, order), in_order(numbers, order)

    @built_once
    def _text(self):
        """All keys in one string, one a line, so str.find scans them in C.

        Returns the string and the offset where each key's line starts.
        """
        keys, _terms = self._by_key
        starts = list(itertools.accumulate(
            [len(key) + 1 for key in keys], initial=0))
        return '\n'.join(keys), starts[:-1]

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

# Guards _indexes_by_terms, and _indexes while an index is made for a
# vocabulary: requests come in several threads.
_registry_lock = threading.Lock()


def size(vocabulary):
    """How many terms a vocabulary has, or None if it does not say."""
    try:
        return len(vocabulary)
    except TypeError:
        return None


def kept_index(vocabulary, state):
    """The index kept for this very vocabulary object, or None.

    `state` is the vocabulary's `saved_state`.  Quick: it neither reads the
    vocabulary's terms nor builds anything.
    """
    entry = _indexes.get(id(vocabulary))
    if entry is None:
        return None
    reference, indexed_state, index = entry
    # A vocabulary that grew, shrank or was saved changed is indexed anew.
    if (reference() is vocabulary and indexed_state == state
            and size(vocabulary) in (None, len(index.terms))):
        return index
    return None


def index_for(vocabulary):
    """The index of a vocabulary, kept while the vocabulary lives.

    A vocabulary with the same tokens and titles as one indexed lately
    shares that one's index, which costs a pass over the terms (a hundredth
    of building an index).
    """
    state = saved_state(vocabulary)
    index = kept_index(vocabulary, state)
    if index is None:
        index = index_terms(vocabulary, list(vocabulary), state)
    return index


def index_terms(vocabulary, terms, state):
    """The index of `terms`, the terms of `vocabulary` in `state` (its
    `saved_state`), kept for it unless a change of it is unsaved.

    Reads nothing of the vocabulary object itself, so that another thread
    than the request's may call it.
    """
    try:
        # One flat tuple: a tuple for each term would be 100,000 objects
        # for the garbage collector to count, and a full collection.
        key = tuple(itertools.chain.from_iterable(map(term_key, terms)))
        hash(key)
    except TypeError:
        # Something unhashable in a term: nothing to share it by.
        key = None
    with _registry_lock:
        index = None if key is None else _indexes_by_terms.pop(key, None)
        if index is None:
            index = KeywordIndex(terms)
        if key is not None:
            _indexes_by_terms[key] = index
            while len(_indexes_by_terms) > KEPT_BY_TERMS:
                _indexes_by_terms.popitem(last=False)
        if state is not UNSAVED:
            # An unsaved change may yet be aborted: indexed for this use.
            _keep(vocabulary, state, index)
    return index


def _keep(vocabulary, state, index):
    key = id(vocabulary)
    try:
        reference = weakref.ref(
            vocabulary, lambda _reference: _indexes.pop(key, None))
    except TypeError:
        # No weak references to this vocabulary: indexed for this use.
        return
    _indexes[key] = reference, state, index


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


class Builder:
    """Builds indexes in a thread of its own, one after the other.

    A page with a large keyword field comes before any search of it: the
    index built meanwhile, the first search need not build it.  The thread
    ends when nothing is left to build.
    """

    #: Indexes waiting to be built, at most; more are left to the search.
    waiting = 8

    def __init__(self):
        self._jobs = collections.deque()
        self._names = set()
        self._lock = threading.Lock()
        self._thread = None

    def build(self, name, build):
        """Call `build`, which builds an index, soon.

        Nothing happens while an index of the same `name` is waiting or
        being built.
        """
        with self._lock:
            if name in self._names or len(self._jobs) >= self.waiting:
                return
            self._names.add(name)
            self._jobs.append((name, build))
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name='keywordwidget index builder',
                    daemon=True)
                self._thread.start()

    def _run(self):
        while True:
            with self._lock:
                if not self._jobs:
                    self._thread = None
                    return
                name, build = self._jobs[0]
            try:
                build()
            except Exception:
                # The search that needs the index builds it, and reports.
                logger.exception('Building a keyword index failed.')
            finally:
                with self._lock:
                    self._jobs.popleft()
                    self._names.discard(name)

    def wait(self):
        """Wait until every index asked for is built."""
        thread = self._thread
        if thread is not None:
            thread.join()


builder = Builder()


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
