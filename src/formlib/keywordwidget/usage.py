"""The keywords a site uses, how often, searchable by what users type.

Kept in the database next to the index that knows which object uses which
keyword, and changed in the same transaction: every process sees a change
at its next transaction, an aborted one changes nothing.  Nothing is built
per process, and no search walks all keywords.
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


# What a search matches, in the order its results come.
STARTS, LATER_WORD_STARTS, CONTAINS = 1, 2, 3

# Where a word other than a key's first starts.
LATER_WORD = re.compile(r'(?<=\W)\w')


def ranked_texts(keyword):
    """(part of the search, text) under which a search finds `keyword`.

    The whole search key, each of its later words to its end, and each
    other position inside it to its end.
    """
    key = search_key(keyword)
    if not key:
        return []
    texts = [(STARTS, key)]
    later = {match.start() for match in LATER_WORD.finditer(key)}
    for position in range(1, len(key)):
        if position in later:
            texts.append((LATER_WORD_STARTS, key[position:]))
        elif not key[position].isspace():
            texts.append((CONTAINS, key[position:]))
    return texts


class KeywordUsage(persistent.Persistent):
    """How many objects use each keyword, and a search ranked by that.

    The index that holds the keywords of each object tells it what changed
    (`update`).  Keywords are text; anything else is not counted.
    """

    def __init__(self):
        # (folded keyword, keyword) -> how many objects use it.
        self.counts = CountTree()
        # (part, -level, text, keyword): the search, most used band first.
        self.ranked = OOTreeSet()
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
        key = (fold(keyword), keyword)
        old = self.counts.get(key, 0)
        new = old + delta
        if new < 0:
            raise ValueError('%r is used by no object.' % keyword)
        if new:
            self.counts[key] = new
        else:
            del self.counts[key]
        if level(new) == level(old):
            return
        texts = ranked_texts(keyword)
        if old:
            for part, text in texts:
                self.ranked.remove((part, -level(old), text, keyword))
        else:
            self.distinct.change(1)
        if new:
            for part, text in texts:
                self.ranked.insert((part, -level(new), text, keyword))
        else:
            self.distinct.change(-1)

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
        it, then those that contain it; each most used first.  Case,
        accents and whitespace do not count but for the first.  An empty
        query answers the most used keywords.
        """
        found = {}
        if not query.strip():
            self._take(STARTS, '', found, limit)
            return list(found.items())
        key = search_key(query)
        folded = fold(query)
        spellings = self.counts.items(
            (folded,), (folded + '\0',), excludemax=True)
        for (_folded, keyword), count in sorted(
                spellings, key=lambda item: -item[1])[:limit]:
            found[keyword] = count
        for part in (STARTS, LATER_WORD_STARTS, CONTAINS):
            self._take(part, key, found, limit)
        return list(found.items())

    def _take(self, part, text, found, limit):
        """Add the best keywords of one part of the search to `found`."""
        for band, keywords in self._bands(part, text):
            if len(found) >= limit:
                return
            if band < EXACT_LEVELS:
                # Everyone in the band has the same count: take them as
                # they come, which is alphabetically.
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
        """(band, keywords) ranked under texts that start with `text`,
        the band of the most used first; bands without any are skipped."""
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
            yield -negative_level, (
                entry[3] for entry in itertools.takewhile(
                    lambda entry: entry[2].startswith(text), entries))
            start = (part, negative_level + 1)
