"""The keywords a site uses, how often, searchable by what users type.

Kept in the database next to the index that knows which object uses which
keyword, and changed in the same transaction: every process sees a change
at its next transaction, an aborted one changes nothing.  Nothing is built
per process, and no search walks all keywords.

A save changes the count of each keyword it adds or drops.  Each keyword
has one ranked entry, under its band of use (`counts.band_for`) and its
search key: keywords that start with what users type are found there,
most used first, and a save that moves a keyword to another band moves
that one entry.  Bands overlap, so that a count going up and down moves
its keyword rarely (concurrent saves then add up, see `counts`): a
search reads band after band and takes a keyword once no lower band can
hold one used as often.  What starts further in a keyword, at a later
word or inside one, is found through the keyword's grams, the short texts
at each of its positions, which change only when the keyword comes or
goes; those matches are ranked by their counts when searched.
"""
import itertools
import re

import persistent
from BTrees.Length import Length
from BTrees.OOBTree import OOBTree

from formlib.keywordwidget.buckets import PrefixTreeSet
from formlib.keywordwidget.buckets import TextSetsTree
from formlib.keywordwidget.counts import ONCE
from formlib.keywordwidget.counts import Counts
from formlib.keywordwidget.counts import band_for
from formlib.keywordwidget.counts import count_and_band
from formlib.keywordwidget.counts import stored
from formlib.keywordwidget.normalize import fold
from formlib.keywordwidget.normalize import search_key


# Where a word other than a key's first starts.
LATER_WORD = re.compile(r'(?<=\W)\w')

# How long a gram is: the text at a position of a key, shorter at its end,
# where it is padded to this length.
GRAM = 3
PADDING = '\0'
# Greater than any text: the grams that start with some text run up to
# that text followed by it.
LAST = '\U0010ffff'

# Keywords with the query further in are ranked by use exactly among this
# many of the most used keywords, and among those that the first this many
# entries of the grams name: no search walks all keywords.
MOST_USED_SEARCHED = 200
GRAM_ENTRIES_SEARCHED = 300


def grams_of(key):
    """The grams a keyword of the search key `key` is filed under: at each
    position of the key but the first (a match there is a start).  Those
    at a space start a later word: searched for them alone, they find the
    keywords with a later word that starts with a query, however many
    others contain it."""
    return {key[position:position + GRAM].ljust(GRAM, PADDING)
            for position in range(1, len(key))}


def further_in(text, key):
    """Whether `key` starts a later word of `text` (1), is elsewhere in it
    after its first character (2), or neither (None)."""
    where = None
    position = text.find(key, 1)
    while position > 0:
        if LATER_WORD.match(text, position):
            return 1
        where = 2
        position = text.find(key, position + 1)
    return where


class RankedEntries(PrefixTreeSet):
    """The (-band, search key, keyword) of each keyword, in a tree for each
    band and first character of the search key."""

    def prefix(self, entry):
        return entry[:1] if len(entry) < 2 else (entry[0], entry[1][:1])


class AlphabeticalEntries(PrefixTreeSet):
    """The (folded keyword, keyword) of each keyword, in a tree for each
    first character: the keywords alphabetically ignoring case, changed
    only when a keyword comes or goes."""

    def prefix(self, entry):
        return entry[0][:1]


class KeywordUsage(persistent.Persistent):
    """How many objects use each keyword, and a search ranked by that.

    The index that holds the keywords of each object tells it what changed
    (`update`).  Keywords are text; anything else is not counted.
    """

    def __init__(self, aliases=None):
        # (folded keyword, keyword) -> how many objects use it, and the
        # band it is ranked in (`counts.stored`).
        self.counts = Counts()
        # (-band, search key, keyword): the most used band first.
        self.ranked = RankedEntries()
        # (folded keyword, keyword), for the keyword manager's listing: the
        # counts, spread over many trees, are read in order only by
        # merging them all.
        self.alphabet = AlphabeticalEntries()
        # Each gram (`grams_of`) -> the keywords filed under it: a keyword
        # that comes or goes changes the sets of its grams only, and
        # concurrent changes of a gram's set merge, even two that create
        # it (`buckets.SetsTree`).
        self.grams = TextSetsTree()
        self.distinct = Length()
        # Folded alias -> the keyword it stands for (the keyword manager's).
        self.aliases = OOBTree() if aliases is None else aliases

    def cleared(self):
        """A usage that counts nothing yet but keeps the aliases: an index
        cleared to be rebuilt (ZMI "Clear and rebuild") gets its counts
        back from the content, its aliases from nowhere else."""
        return KeywordUsage(self.aliases)

    def __len__(self):
        """How many distinct keywords are used."""
        return self.distinct()

    def count(self, keyword):
        """How many objects use `keyword`."""
        if not isinstance(keyword, str):
            return 0
        return count_and_band(self.counts.get((fold(keyword), keyword), 0))[0]

    def update(self, before, after):
        """One object's keywords changed from `before` to `after`."""
        before, after = set(before or ()), set(after or ())
        for keyword in before - after:
            self.change(keyword, -1)
        for keyword in after - before:
            self.change(keyword, 1)

    def change(self, keyword, delta):
        """`delta` more objects use `keyword`."""
        if not isinstance(keyword, str):
            return
        counted = (fold(keyword), keyword)
        old, band = count_and_band(self.counts.get(counted, 0))
        new = old + delta
        if new < 0:
            raise ValueError('%r is used by no object.' % keyword)
        new_band = band_for(new, band)
        if new:
            self.counts[counted] = stored(new, new_band)
        else:
            del self.counts[counted]
        if new_band == band:
            return
        key = search_key(keyword)
        if band:
            self.ranked.remove((-band, key, keyword))
        else:
            self.distinct.change(1)
            self.alphabet.insert(counted)
            for gram in grams_of(key):
                self.grams.add(gram, keyword)
        if new_band:
            self.ranked.insert((-new_band, key, keyword))
        else:
            self.distinct.change(-1)
            self.alphabet.remove(counted)
            for gram in grams_of(key):
                self.grams.discard(gram, keyword)

    def alias(self, text):
        """The keyword `text` is an alias of, or None."""
        return self.aliases.get(fold(text))

    def add_alias(self, text, keyword):
        """Let `text`, ignoring case, stand for `keyword`."""
        self.aliases[fold(text)] = keyword

    def remove_alias(self, text):
        """Let `text` stand for no keyword."""
        self.aliases.pop(fold(text), None)

    def keywords(self, start=''):
        """Every keyword, alphabetically ignoring case, from the first that
        sorts at or after `start` on; lazily."""
        for _folded, keyword in self.alphabet.keys((fold(start),)):
            yield keyword

    def search(self, query, limit):
        """(keyword, count) matching `query`, at most `limit`, best first.

        Keywords equal to the query ignoring case come first, then those
        that start with it, then those with a later word that starts with
        it, then those that contain it; each most used first (those with
        it further in within bounds, see `MOST_USED_SEARCHED`).  Case,
        accents and whitespace do not count but for the first.  An empty
        query answers the most used keywords.
        """
        found = {}
        key = search_key(query)
        if key:
            self._take_spellings(query, found, limit)
        self._take_starting(key, found, limit)
        if key:
            self._take_further_in(key, found, limit)
        return list(found.items())

    def spellings(self, text):
        """(keyword, count) of the keywords equal to `text` ignoring case
        (`fold`), the most used first: one small tree of counts read."""
        spellings = [
            (keyword, count_and_band(value)[0])
            for (_folded, keyword), value in self.counts.spellings(
                fold(text))]
        return sorted(spellings, key=lambda item: -item[1])

    def _take_spellings(self, query, found, limit):
        """Add the keywords equal to `query` ignoring case to `found`."""
        found.update(self.spellings(query)[:limit])

    def _take_starting(self, key, found, limit):
        """Add the keywords whose search key starts with `key`."""
        waiting = []
        for band, entries in self._bands(key):
            if len(found) >= limit:
                return
            if band == ONCE:
                # The last band, each of its keywords used once: those
                # waiting are used as often or more.
                self._take_waiting(waiting, 0, found, limit)
                for _band, _text, keyword in entries:
                    if len(found) >= limit:
                        return
                    found.setdefault(keyword, 1)
                return
            waiting.extend(
                (-self.count(keyword), text, keyword)
                for _band, text, keyword in entries if keyword not in found)
            # Lower bands hold keywords used fewer times than this.
            waiting = self._take_waiting(
                waiting, 2 ** (band - 1), found, limit)
        self._take_waiting(waiting, 0, found, limit)

    def _take_waiting(self, waiting, least, found, limit):
        """Add the (-count, search key, keyword) of `waiting` used at least
        `least` times to `found`, most used first, then alphabetically;
        the others still wait."""
        waiting.sort()
        for position, (negative_count, _text, keyword) in enumerate(waiting):
            if -negative_count < least or len(found) >= limit:
                return waiting[position:]
            found.setdefault(keyword, -negative_count)
        return []

    def _bands(self, text):
        """(band, entries) of the ranked entries whose search key starts
        with `text`, the band of the most used first; bands without any
        are skipped."""
        ranked = self.ranked
        start = ()
        while True:
            try:
                first = ranked.minKey(start)
            except ValueError:
                return
            negative_band = first[0]
            entries = ranked.keys(
                (negative_band, text), (negative_band + 1,),
                excludemax=True)
            yield -negative_band, itertools.takewhile(
                lambda entry: entry[1].startswith(text), entries)
            start = (negative_band + 1,)

    def _take_further_in(self, key, found, limit):
        """Add the keywords with `key` further in to `found`: those with a
        later word that starts with it, then those that contain it, each
        most used first.

        Searched are the most used keywords, so that those of them that
        match come before any other, the keywords whose grams have a later
        word start with the key, and those whose grams have the key
        anywhere; within bounds (`GRAM_ENTRIES_SEARCHED`), which a query
        of a few letters may reach.
        """
        if len(found) >= limit:
            return
        candidates = {}
        searched = 0
        for _band, entries in self._bands(''):
            for _band, text, keyword in itertools.islice(
                    entries, MOST_USED_SEARCHED - searched):
                searched += 1
                candidates[keyword] = text
            if searched >= MOST_USED_SEARCHED:
                break
        else:
            # Those were all keywords.
            searched = None
        if searched is not None:
            for gram in self._grams_searched(' ' + key), self._grams_searched(
                    key):
                for keyword in itertools.islice(
                        self._with_gram(gram), GRAM_ENTRIES_SEARCHED):
                    if keyword not in candidates:
                        candidates[keyword] = search_key(keyword)
        matches = {1: [], 2: []}
        for keyword, text in candidates.items():
            where = further_in(text, key)
            if where:
                matches[where].append((-self.count(keyword), text, keyword))
        for where in (1, 2):
            for negative_count, _text, keyword in sorted(matches[where]):
                if len(found) >= limit:
                    return
                found.setdefault(keyword, -negative_count)

    def _grams_searched(self, key):
        """The start of the grams that the keywords with `key` after the
        first character of their search key are filed under: the key's
        first gram or, for a longer key, the gram of the key that the
        fewest keywords have."""
        gram, fewest = key[:GRAM], GRAM_ENTRIES_SEARCHED
        for position in range(len(key) - GRAM + 1 if len(key) > GRAM else 0):
            if fewest and (position == 0 or key[position] != ' '):
                # Counted no further than the fewest so far.
                other = key[position:position + GRAM]
                having = sum(1 for _keyword in itertools.islice(
                    self._with_gram(other), fewest))
                if having < fewest:
                    gram, fewest = other, having
        return gram

    def _with_gram(self, text):
        """Keywords with a gram that starts with `text`, by gram."""
        for keywords in self.grams.values(text, text + LAST):
            yield from keywords
