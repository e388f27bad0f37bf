"""One page of a keyword store's keywords, filtered and ordered as asked."""
import itertools

from formlib.keywordwidget.normalize import fold
from formlib.keywordwidget.normalize import search_key


BY_USE, ALPHABETICAL = 'use', 'alphabet'
PAGE_SIZE = 50
# A filter lists at most this many matches, the best ones; typing more
# finds the others.
MOST_MATCHES = 1000
# Aliases listed at most.
MOST_ALIASES = 100


def alphabetically(item):
    return fold(item[0]), item[0]


class KeywordPage:
    """The keywords on page `number` (from 1) of a store's keywords.

    Without a filter, all keywords, the most used or alphabetically first;
    with one, those the store's search matches, in its order or
    alphabetically.  No page walks all keywords but the last pages most
    used first, which walk those before them.
    """

    def __init__(self, store, query='', order=BY_USE, number=1,
                 size=PAGE_SIZE):
        self.query = query.strip()
        self.order = order if order == ALPHABETICAL else BY_USE
        self.size = size
        if self.query:
            matches = store.search(self.query, MOST_MATCHES + 1)
            #: Whether the filter matches more keywords than are listed.
            self.capped = len(matches) > MOST_MATCHES
            matches = matches[:MOST_MATCHES]
            if self.order == ALPHABETICAL:
                matches.sort(key=alphabetically)
            self.total = len(matches)
        else:
            self.capped = False
            self.total = len(store)
        self.pages = max(1, -(-self.total // size))
        self.number = min(max(1, number), self.pages)
        start = (self.number - 1) * size
        if self.query:
            rows = matches[start:start + size]
        elif self.order == ALPHABETICAL:
            rows = itertools.islice(store.keywords(), start, start + size)
        else:
            rows = store.search('', start + size)[start:]
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
