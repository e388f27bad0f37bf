"""Likely duplicates of the keywords a page shows.

Looked for around each keyword shown, never by comparing all keywords with
each other: a page answers as fast at 100,000 keywords as at 100.  Each
keyword is compared with the keywords after it in alphabetical order
(ignoring case), and with those spelled as it is without its accents, with
one letter dropped or with two neighbouring letters swapped: lookups, not
searches.  Two keywords are likely one if their search keys (case, accents
and spacing ignored) are equal, or a few edits apart for their length, with
the same numbers.  So "Pyhton" finds "Python" and "Python" finds "Pyhton";
"Café" finds "Cafe", but "Cafe" finds "Café" only if it follows closely.
"""
import itertools
import re

from formlib.keywordwidget.normalize import fold
from formlib.keywordwidget.normalize import search_key


# The keywords after a keyword in alphabetical order it is compared with.
NEIGHBOURS = 20

NUMBERS = re.compile(r'\d+')


def allowed_edits(length):
    """Edits that leave two keys, the shorter `length` long, likely one
    keyword: none for short ones ("Zope", "Rope"), one ("Pyhton") or two
    for longer ones."""
    if length < 5:
        return 0
    if length < 9:
        return 1
    return 2


def edits(first, second, most):
    """Letters inserted, dropped, changed or swapped with their neighbour
    to make `first` into `second`, or `most` + 1 if more are needed."""
    # What both share at either end costs nothing.
    start = 0
    while (start < len(first) and start < len(second)
           and first[start] == second[start]):
        start += 1
    end = 0
    while (end < len(first) - start and end < len(second) - start
           and first[-1 - end] == second[-1 - end]):
        end += 1
    first = first[start:len(first) - end]
    second = second[start:len(second) - end]
    if abs(len(first) - len(second)) > most:
        return most + 1
    # Optimal string alignment, row by row; given up once a whole row
    # costs more than allowed.
    before, row = None, list(range(len(second) + 1))
    for i, letter in enumerate(first, 1):
        current = [i] + [0] * len(second)
        for j, other in enumerate(second, 1):
            cost = current[j - 1] + 1, row[j] + 1, row[j - 1] + (
                letter != other)
            current[j] = min(cost)
            if (before is not None and j > 1 and letter == second[j - 2]
                    and first[i - 2] == other):
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > most:
            return most + 1
        before, row = row, current
    return min(row[-1], most + 1)


def alike(first, second):
    """Whether two search keys are likely one keyword."""
    if first == second:
        return True
    # "Zope 4" and "Zope 5", "Python" and "Python 3" are different.
    if NUMBERS.findall(first) != NUMBERS.findall(second):
        return False
    most = allowed_edits(min(len(first), len(second)))
    return (bool(most) and abs(len(first) - len(second)) <= most
            and edits(first, second, most) <= most)


def variants(keyword):
    """Folded spellings of typing slips of `keyword`: without its accents,
    with one letter dropped, with two neighbouring letters swapped."""
    folded = fold(keyword)
    found = {search_key(keyword)}
    for position in range(len(folded)):
        found.add(folded[:position] + folded[position + 1:])
        if position and folded[position - 1] != folded[position]:
            found.add(folded[:position - 1] + folded[position]
                      + folded[position - 1] + folded[position + 1:])
    found.discard(folded)
    return found


def candidates(store, keyword):
    """The keywords `keyword` is compared with."""
    # In a dictionary, in the same order in every process.
    found = dict.fromkeys(
        itertools.islice(store.keywords(keyword), NEIGHBOURS))
    for variant in variants(keyword):
        found.update(dict.fromkeys(
            candidate for candidate, _count in store.spellings(variant)))
    return found


def likely_duplicates(store, shown):
    """Groups of keywords that are likely one, found around `shown`.

    `shown` are (keyword, count) pairs.  Each group is a list of
    (keyword, count), the most used first; groups come in the order of the
    keywords shown.
    """
    counts = dict(shown)
    root = {}

    def find(keyword):
        while root.get(keyword, keyword) != keyword:
            keyword = root[keyword]
        return keyword

    for keyword, _count in shown:
        key = search_key(keyword)
        for candidate in candidates(store, keyword):
            if candidate != keyword and alike(key, search_key(candidate)):
                counts[candidate] = store.count(candidate)
                root[find(candidate)] = find(keyword)
    groups = {}
    # The keywords shown come first in `counts`, and so do their groups.
    for keyword in counts:
        groups.setdefault(find(keyword), []).append(keyword)
    return [sorted(((keyword, counts[keyword]) for keyword in group),
                   key=lambda item: (-item[1], fold(item[0]), item[0]))
            for group in groups.values() if len(group) > 1]
