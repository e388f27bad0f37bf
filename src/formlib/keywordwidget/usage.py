"""The keywords a site uses, how often, searchable by what users type.

Kept in the database next to the index that knows which object uses which
keyword, and changed in the same transaction: every process sees a change
at its next transaction, an aborted one changes nothing.  Nothing is built
per process, and no search walks all keywords.

A save changes the count of each keyword it adds or drops.  Each keyword
has one ranked entry, under the band of its count (`counts.level`) and its
search key: keywords that start with what users type are found there,
most used first, and a save that moves a keyword to another band moves
that one entry.  What starts further in a keyword, at a later word or
inside one, is found through the keyword's grams, the short texts at each
of its positions, which change only when the keyword comes or goes; those
matches are ranked by their counts when searched.
"""
import itertools
import re

import persistent
from BTrees.Length import Length
from BTrees.OOBTree import OOBTree

from formlib.keywordwidget.buckets import TextTreeSet
from formlib.keywordwidget.counts import EXACT_LEVELS
from formlib.keywordwidget.counts import CountTree
from formlib.keywordwidget.counts import level
from formlib.keywordwidget.normalize import fold
from formlib.keywordwidget.normalize import search_key


# Where a word other than a key's first starts.
LATER_WORD = re.compile(r'(?<=\W)\w')

# How long a gram is: the text at a position of a key, shorter at its end.
# A keyword is filed under a gram as one text: the gram, padded to this
# length, then the keyword.
GRAM = 3
PADDING = '\0'
# Greater than any text: the entries that start with some text run up to
# that text followed by it.
LAST = '\U0010ffff'

# Keywords with the query further in are ranked by use exactly among this
# many of the most used keywords, and among those that the first this many
# entries of the grams name: no search walks all keywords.
MOST_USED_SEARCHED = 200
GRAM_ENTRIES_SEARCHED = 300


def gram_entries(key, keyword):
    """The entries that file `keyword`, of the search key `key`, under its
    grams: at each position of the key but the first (a match there is a
    start) and but spaces (no search starts with one)."""
    return {key[position:position + GRAM].ljust(GRAM, PADDING) + keyword
            for position in range(1, len(key)) if key[position] != ' '}


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


class KeywordUsage(persistent.Persistent):
    """How many objects use each keyword, and a search ranked by that.

    The index that holds the keywords of each object tells it what changed
    (`update`).  Keywords are text; anything else is not counted.
    """

    def __init__(self):
        # (folded keyword, keyword) -> how many objects use it.
        self.counts = CountTree()
        # (-level, search key, keyword): the most used band first.
        self.ranked = TextTreeSet()
        # Every keyword under each of its grams (`gram_entries`).
        self.grams = TextTreeSet()
        self.distinct = Length()
        # Folded alias -> the keyword it stands for (the keyword manager's).
        self.aliases = OOBTree()

    def __len__(self):
        """How many distinct keywords are used."""
        return self.distinct()

    def count(self, keyword):
        """How many objects use `keyword`."""
        if not isinstance(keyword, str):
            return 0
        return self.counts.get((fold(keyword), keyword), 0)

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
        old = self.counts.get(counted, 0)
        new = old + delta
        if new < 0:
            raise ValueError('%r is used by no object.' % keyword)
        if new:
            self.counts[counted] = new
        else:
            del self.counts[counted]
        if level(new) == level(old):
            return
        key = search_key(keyword)
        if old:
            self.ranked.remove((-level(old), key, keyword))
        else:
            self.distinct.change(1)
            for entry in gram_entries(key, keyword):
                self.grams.insert(entry)
        if new:
            self.ranked.insert((-level(new), key, keyword))
        else:
            self.distinct.change(-1)
            for entry in gram_entries(key, keyword):
                self.grams.remove(entry)

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
        """(keyword, count) of every keyword, alphabetically ignoring
        case, from the first that sorts at or after `start` on; lazily."""
        for (_folded, keyword), count in self.counts.items((fold(start),)):
            yield keyword, count

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

    def _take_spellings(self, query, found, limit):
        """Add the keywords equal to `query` ignoring case to `found`."""
        folded = fold(query)
        spellings = self.counts.items(
            (folded,), (folded + '\0',), excludemax=True)
        for (_folded, keyword), count in sorted(
                spellings, key=lambda item: -item[1])[:limit]:
            found[keyword] = count

    def _take_starting(self, key, found, limit):
        """Add the keywords whose search key starts with `key`."""
        for band, entries in self._bands(key):
            if len(found) >= limit:
                return
            self._take_band(
                band, (keyword for _level, _text, keyword in entries),
                found, limit)

    def _take_band(self, band, keywords, found, limit):
        """Add keywords of one band to `found`, most used first."""
        if len(found) >= limit:
            return
        if band < EXACT_LEVELS:
            # Everyone in the band has the same count: take them as they
            # come.
            for keyword in keywords:
                if keyword not in found:
                    found[keyword] = band
                    if len(found) >= limit:
                        return
        else:
            new = dict.fromkeys(
                keyword for keyword in keywords if keyword not in found)
            counted = sorted(
                ((self.count(keyword), keyword) for keyword in new),
                key=lambda item: -item[0])
            for count, keyword in counted[:limit - len(found)]:
                found[keyword] = count

    def _bands(self, text):
        """(band, entries) of the ranked entries whose search key starts
        with `text`, the band of the most used first; bands without any
        are skipped."""
        ranked = self.ranked
        start = None
        while True:
            try:
                first = ranked.minKey(start)
            except ValueError:
                return
            negative_level = first[0]
            entries = ranked.keys(
                (negative_level, text), (negative_level + 1,),
                excludemax=True)
            yield -negative_level, itertools.takewhile(
                lambda entry: entry[1].startswith(text), entries)
            start = (negative_level + 1,)

    def _take_further_in(self, key, found, limit):
        """Add the keywords with `key` further in to `found`: those with a
        later word that starts with it, then those that contain it, each
        most used first.

        The most used keywords are searched band by band, so that those of
        them that match come before any other; the others that the grams
        find are ranked by their counts.
        """
        if len(found) >= limit:
            return
        most_used = {1: {}, 2: {}}
        searched = 0
        for band, entries in self._bands(''):
            for _level, text, keyword in itertools.islice(
                    entries, MOST_USED_SEARCHED - searched):
                searched += 1
                where = further_in(text, key)
                if where:
                    most_used[where].setdefault(band, []).append(keyword)
            if searched >= MOST_USED_SEARCHED:
                break
        else:
            # Those were all keywords.
            searched = None
        others = {1: {}, 2: {}}
        if searched is not None:
            for keyword, where in self._found_by_grams(key):
                if keyword not in found:
                    others[where][keyword] = self.count(keyword)
        for where in (1, 2):
            for band, keywords in most_used[where].items():
                self._take_band(band, keywords, found, limit)
            for keyword, count in sorted(
                    others[where].items(), key=lambda item: -item[1]):
                if len(found) >= limit:
                    return
                found.setdefault(keyword, count)

    def _found_by_grams(self, key):
        """(keyword, `further_in`) of the keywords with `key` after the
        first character of their search key, as their grams tell: those
        with a gram that starts with the key or, for a longer key, with
        the gram of the key that the fewest keywords have."""
        gram, fewest = key[:GRAM], GRAM_ENTRIES_SEARCHED
        for position in range(len(key) - GRAM + 1 if len(key) > GRAM else 0):
            if fewest and key[position] != ' ':
                # Counted no further than the fewest so far.
                other = key[position:position + GRAM]
                having = sum(1 for _keyword in itertools.islice(
                    self._with_gram(other), fewest))
                if having < fewest:
                    gram, fewest = other, having
        seen = set()
        for keyword in itertools.islice(
                self._with_gram(gram), GRAM_ENTRIES_SEARCHED):
            if keyword not in seen:
                seen.add(keyword)
                where = further_in(search_key(keyword), key)
                if where:
                    yield keyword, where

    def _with_gram(self, text):
        """Keywords with a gram that starts with `text`, by gram."""
        return (entry[GRAM:]
                for entry in self.grams.keys(text, text + LAST))
