"""One page of a keyword store's keywords, filtered and ordered as asked."""
import itertools

from formlib.keywordwidget.normalize import fold
from formlib.keywordwidget.normalize import search_key


BY_USE, ALPHABETICAL = 'use', 'alphabet'
PAGE_SIZE = 50
# A ranked listing (the most used first, or a filter's best matches first)
# lists at most this many keywords: ranking more would walk all keywords.
# The alphabetical listing lists all; typing more finds other matches.
MOST_RANKED = 1000
# Aliases listed at most.
MOST_ALIASES = 100


def alphabetically(item):
    return fold(item[0]), item[0]


class KeywordPage:
    """The keywords on page `number` (from 1) of a store's keywords.

    Without a filter, all keywords alphabetically, or the `MOST_RANKED`
    most used; with one, the best `MOST_RANKED` the store's search
    matches, in its order or alphabetically.  No page ranks or walks all
    keywords, but the last pages alphabetically walk those before them.
    """

    def __init__(self, store, query='', order=BY_USE, number=1,
                 size=PAGE_SIZE):
        self.query = query.strip()
        self.order = order if order == ALPHABETICAL else BY_USE
        self.size = size
        #: How many keywords objects use.
        self.all = len(store)
        if self.query:
            ranked = store.search(self.query, MOST_RANKED + 1)
            if self.order == ALPHABETICAL:
                ranked[:MOST_RANKED] = sorted(
                    ranked[:MOST_RANKED], key=alphabetically)
            self.total = min(len(ranked), MOST_RANKED)
        elif self.order == ALPHABETICAL:
            self.total = self.all
        else:
            self.total = min(self.all, MOST_RANKED)
        #: Whether more keywords match than are listed, the best ones.
        self.capped = self.total < (
            len(ranked) if self.query else self.all)
        self.pages = max(1, -(-self.total // size))
        self.number = min(max(1, number), self.pages)
        start = (self.number - 1) * size
        end = min(start + size, self.total)
        if self.query:
            rows = ranked[start:end]
        elif self.order == ALPHABETICAL:
            rows = [(keyword, store.count(keyword))
                    for keyword in itertools.islice(
                        store.keywords(), start, end)]
        else:
            rows = store.search('', end)[start:]
        #: (keyword, count) pairs of the page.
        self.rows = list(rows)
        #: Where the page starts and ends among all, from 1.
        self.first = start + 1 if self.rows else 0
        self.last = start + len(self.rows)
        self.aliases, self.more_aliases = matching_aliases(
            store, self.query)


def matching_aliases(store, query):
    """(alias, keyword) pairs whose alias or keyword contains `query`,
    ignoring case and accents, the first `MOST_ALIASES`; and how many more
    there are."""
    key = search_key(query)
    matching = (
        (alias, keyword) for alias, keyword in store.aliases()
        if key in search_key(alias) or key in search_key(keyword))
    shown = list(itertools.islice(matching, MOST_ALIASES))
    return shown, sum(1 for _alias in matching)
