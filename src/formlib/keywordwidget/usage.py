"""The keywords a site uses, how often, searchable by what users type.

Kept in the database next to the index that knows which object uses which
keyword, and changed in the same transaction: every process sees a change
at its next transaction, an aborted one changes nothing.  Nothing is built
per process, and no search walks all keywords.

A save changes the count of each keyword it adds or drops.  Searches rank
keywords by the band of their count (`counts.level`): a keyword that moves
to another band moves its few ranked entries, one for its start and one
for each later word.  What a keyword contains further in is found through
its grams, the short texts at each of its positions, which change only
when the keyword comes or goes; those matches are ranked by their counts
when searched.
"""
import itertools
import re

import persistent
from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from BTrees.OOBTree import OOTreeSet

from formlib.keywordwidget.counts import EXACT_LEVELS
from formlib.keywordwidget.counts import CountTree
from formlib.keywordwidget.counts import level
from formlib.keywordwidget.normalize import fold
from formlib.keywordwidget.normalize import search_key


# What a search by use matches, in the order its results come.
STARTS, LATER_WORD_STARTS = 1, 2

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

# Keywords that contain the query further in are ranked by use exactly
# among this many of the most used keywords, and among the first this many
# others that the grams find: no search walks all keywords.
MOST_USED_CONTAINING = 200
OTHERS_CONTAINING = 1000


def ranked_texts(key):
    """(part of the search, text) under which a search by use finds the
    keyword of the search key `key`: the key, and each of its later words
    to the key's end."""
    if not key:
        return []
    return [(STARTS, key)] + [
        (LATER_WORD_STARTS, key[match.start():])
        for match in LATER_WORD.finditer(key)]


def gram_entries(key, keyword):
    """The entries that file `keyword`, of the search key `key`, under its
    grams: at each position of the key but the first (a match there is a
    start) and but spaces (no search starts with one)."""
    return {key[position:position + GRAM].ljust(GRAM, PADDING) + keyword
            for position in range(1, len(key)) if key[position] != ' '}


class KeywordUsage(persistent.Persistent):
    """How many objects use each keyword, and a search ranked by that.

    The index that holds the keywords of each object tells it what changed
    (`update`).  Keywords are text; anything else is not counted.
    """

    def __init__(self):
        # Keyword -> how many objects use it.
        self.counts = CountTree()
        # (part, -level, text, keyword): the search, most used band first.
        self.ranked = OOTreeSet()
        # Every keyword under each of its grams (`gram_entries`).
        self.grams = OOTreeSet()
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
        return self.counts.get(keyword, 0)

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
        old = self.counts.get(keyword, 0)
        new = old + delta
        if new < 0:
            raise ValueError('%r is used by no object.' % keyword)
        if new:
            self.counts[keyword] = new
        else:
            del self.counts[keyword]
        if level(new) == level(old):
            return
        key = search_key(keyword)
        texts = ranked_texts(key)
        if old:
            for part, text in texts:
                self.ranked.remove((part, -level(old), text, keyword))
        if new:
            for part, text in texts:
                self.ranked.insert((part, -level(new), text, keyword))
        if not old:
            self._add(keyword, key)
        elif not new:
            self._remove(keyword, key)

    def _add(self, keyword, key):
        """File a keyword that came under its grams."""
        for entry in gram_entries(key, keyword):
            self.grams.insert(entry)
        self.distinct.change(1)

    def _remove(self, keyword, key):
        """Take a keyword that went from its grams."""
        for entry in gram_entries(key, keyword):
            self.grams.remove(entry)
        self.distinct.change(-1)

    def alias(self, text):
        """The keyword `text` is an alias of, or None."""
        return self.aliases.get(fold(text))

    def search(self, query, limit):
        """(keyword, count) matching `query`, at most `limit`, best first.

        Keywords equal to the query ignoring case come first, then those
        that start with it, then those with a later word that starts with
        it, then those that contain it; each most used first (those that
        contain it within bounds, see `MOST_USED_CONTAINING`).  Case,
        accents and whitespace do not count but for the first.  An empty
        query answers the most used keywords.
        """
        found = {}
        if not query.strip():
            self._take(STARTS, '', found, limit)
            return list(found.items())
        key = search_key(query)
        self._take_spellings(query, key, found, limit)
        for part in (STARTS, LATER_WORD_STARTS):
            self._take(part, key, found, limit)
        self._take_containing(key, found, limit)
        return list(found.items())

    def _take_spellings(self, query, key, found, limit):
        """Add the keywords equal to `query` ignoring case to `found`."""
        folded = fold(query)
        for band, entries in self._bands(STARTS, key):
            spellings = (
                entry[3] for entry in itertools.takewhile(
                    lambda entry: entry[2] == key, entries))
            self._take_band(
                band, (keyword for keyword in spellings
                       if fold(keyword) == folded), found, limit)
            if len(found) >= limit:
                return

    def _take(self, part, text, found, limit):
        """Add the best keywords of one part of the search to `found`."""
        for band, entries in self._bands(part, text):
            if len(found) >= limit:
                return
            self._take_band(
                band, (entry[3] for entry in entries), found, limit)

    def _take_band(self, band, keywords, found, limit):
        """Add keywords of one band to `found`, most used first."""
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

    def _bands(self, part, text):
        """(band, entries) of the ranked entries of one part under texts
        that start with `text`, the band of the most used first; bands
        without any are skipped."""
        ranked = self.ranked
        start = (part,)
        while True:
            try:
                first = ranked.minKey(start)
            except ValueError:
                return
            if first[0] != part:
                return
            negative_level = first[1]
            entries = ranked.keys(
                (part, negative_level, text), (part, negative_level + 1),
                excludemax=True)
            yield -negative_level, itertools.takewhile(
                lambda entry: entry[2].startswith(text), entries)
            start = (part, negative_level + 1)

    def _take_containing(self, key, found, limit):
        """Add the keywords whose search key contains `key` after its
        first character to `found`, most used first.

        The most used keywords are searched band by band, so that those of
        them that contain `key` come before any other; the others that the
        grams find are ranked by their counts.
        """
        containing = {}
        searched = 0
        for band, entries in self._bands(STARTS, ''):
            for _part, _level, text, keyword in itertools.islice(
                    entries, MOST_USED_CONTAINING - searched):
                searched += 1
                if text.find(key, 1) > 0:
                    containing.setdefault(band, []).append(keyword)
            if searched >= MOST_USED_CONTAINING:
                break
        else:
            # Those were all keywords.
            searched = None
        for band, keywords in containing.items():
            if len(found) >= limit:
                return
            self._take_band(band, keywords, found, limit)
        if searched is None or len(found) >= limit:
            return
        others = {}
        for keyword in self._containing(key):
            if keyword not in found and keyword not in others:
                others[keyword] = self.count(keyword)
                if len(others) >= OTHERS_CONTAINING:
                    break
        for keyword, count in sorted(
                others.items(), key=lambda item: -item[1])[
                    :limit - len(found)]:
            found[keyword] = count

    def _containing(self, key):
        """Keywords whose search key contains `key` after its first
        character, as their grams tell: those with a gram that starts with
        the key or, for a longer key, with its gram that the fewest
        keywords have."""
        if len(key) <= GRAM:
            gram = key
        else:
            gram = min(
                (key[position:position + GRAM]
                 for position in range(len(key) - GRAM + 1)
                 if key[position] != ' '),
                key=lambda gram: sum(1 for _keyword in itertools.islice(
                    self._with_gram(gram), OTHERS_CONTAINING)))
        seen = set()
        for keyword in self._with_gram(gram):
            if keyword not in seen:
                seen.add(keyword)
                if search_key(keyword).find(key, 1) > 0:
                    yield keyword

    def _with_gram(self, text):
        """Keywords with a gram that starts with `text`, by gram."""
        return (entry[GRAM:]
                for entry in self.grams.keys(text, text + LAST))
