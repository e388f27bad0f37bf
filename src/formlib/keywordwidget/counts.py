"""Counts of keyword uses that concurrent transactions add up.

Every save touches the counts of the popular keywords.  Two transactions
that change counts in the same bucket have their changes added up by the
database's conflict resolution instead of one of them being retried.

Searches rank keywords by the band of use they are filed under, which
`usage.KeywordUsage` keeps in a tree of its own; each count is kept with
its keyword's band.  Bands overlap: band ``b`` holds keywords used from
``2 ** (b - 2)`` up to ``2 ** b - 1`` times (band 1: once).  A keyword
moves to another band only when its count comes near an edge of its band
(`band_for`), and then to the band that has it in its middle.  So a count
that goes up and down, as those of popular keywords do under load, stays
in its band, and a count that rises or falls moves before concurrent saves
could together push it out: their changes add up.  A merge that would
still leave a count outside the band either transaction filed it under is
a conflict, and Zope retries the transaction.
"""
import heapq
import zlib

import persistent
from BTrees.OLBTree import OLBTree
from BTrees.OLBTree import OLBucket
from ZODB.POSException import ConflictError

from formlib.keywordwidget.buckets import MergingBucket
from formlib.keywordwidget.buckets import MergingTree
from formlib.keywordwidget.buckets import merged_bucket


#: A keyword in this band is used exactly once.
ONCE = 1

#: Counts are kept in this many trees (`Counts`).
PARTITIONS = 1024

# A count is stored with its band in the low bits.
BAND_BITS = 6
BAND_MASK = (1 << BAND_BITS) - 1


def level(count):
    """The band a keyword used `count` times enters when it rises into
    it: 0 for none, 1 for one, then one per doubling (2-3, 4-7, 8-15...)."""
    return count.bit_length()


def fits(count, band):
    """Whether a keyword used `count` times (at least once) may be in
    `band`."""
    return band - 1 <= level(count) <= band


def well_inside(count, band):
    """Whether `count` fits `band` well away from its edges: an eighth of
    an edge, at least one use.  Concurrent saves that do not move the
    keyword may add up to that much and stay in the band.
    """
    if band == ONCE:
        return count == 1
    low, high = 1 << max(band - 2, 0), 1 << band
    # A keyword used once (the bottom of band 2) can only go.
    bottom = low + max(low // 8, 1) if band > 2 else low
    return bottom <= count < high - max(high // 8, 1)


def band_for(count, band):
    """The band of a keyword in `band` (0: a new one) once it is used
    `count` times: the same while the count is well inside it, else the
    nearest that has the count well inside.

    Each band but the first holds two levels (`level`): a keyword moves
    again only once its count about doubles or halves.
    """
    if not count:
        return 0
    if band and well_inside(count, band):
        return band
    return min((candidate for candidate in (level(count), level(count) + 1)
                if well_inside(count, candidate)),
               key=lambda candidate: abs(candidate - band))


def stored(count, band):
    """A count and its keyword's band, as kept in a `CountTree`."""
    return count << BAND_BITS | band


def count_and_band(value):
    """The count and band of a value of a `CountTree`."""
    return value >> BAND_BITS, value & BAND_MASK


def merged_count(old, committed, new):
    """Both transactions' changes to one (count, band), or a
    ConflictError."""
    (old_count, old_band), (count, band), (new_count, new_band) = (
        old, committed, new)
    if new_band != old_band:
        if band not in (old_band, new_band):
            raise ConflictError(message='keyword moved to two bands')
        band = new_band
    count += new_count - old_count
    if count < 0 or not (fits(count, band) if count else band == 0):
        raise ConflictError(message='keyword changed band')
    return count, band


def _counts(state):
    """A bucket's (count, band) by key, and the rest of its state."""
    data = state[0]
    return dict(zip(data[::2], map(count_and_band, data[1::2]))), state[1:]


def _merged_counts(old, committed, new):
    merged = {}
    nothing = (0, 0)
    for key in old.keys() | committed.keys() | new.keys():
        count, band = merged_count(
            old.get(key, nothing), committed.get(key, nothing),
            new.get(key, nothing))
        if count:
            merged[key] = (count, band)
    return merged


def resolve_counts(old, committed, new, inline=False, emptiable=False):
    """The state of a bucket of counts that two transactions changed."""
    merged, link = merged_bucket(
        *map(_counts, (old, committed, new)), merge=_merged_counts,
        inline=inline, emptiable=emptiable)
    data = []
    for key, (count, band) in sorted(merged.items()):
        data.extend((key, stored(count, band)))
    return (tuple(data),) + link


class CountBucket(MergingBucket, OLBucket):
    """A bucket of counts; concurrent changes add up."""

    resolve = staticmethod(resolve_counts)


class CountTree(MergingTree, OLBTree):
    """Counts and bands (`stored`) by key, in buckets whose concurrent
    changes add up."""

    _bucket_type = CountBucket
    # A save rewrites the bucket of each count it changes: small buckets
    # keep that cheap.  Yet a tree of `Counts` holds up to this many
    # keywords in one bucket, its own, without a node above it that
    # concurrent saves conflict on: those of sites with several thousand
    # (the demo's 7,000 keywords: up to 45 in a tree).
    max_leaf_size = 64


class Counts(persistent.Persistent):
    """Counts and bands (`stored`) by (folded keyword, keyword).

    Every save changes counts.  BTrees has each one that changes a tree
    read the tree's nodes above the buckets it changes, and conflict with
    any concurrent save that changed those nodes: a bucket that split, or
    went.  So the counts are spread over many small trees by a hash of
    the folded keyword: such a change conflicts only with saves that
    change a count in the same tree, and a tree of a few dozen keywords is
    one bucket, which has no nodes above it.
    """

    def __init__(self, partitions=PARTITIONS):
        self.trees = tuple(CountTree() for _tree in range(partitions))

    def tree(self, folded):
        """The tree of the keywords folded to `folded`."""
        digest = zlib.crc32(folded.encode('utf-8', 'surrogatepass'))
        return self.trees[digest % len(self.trees)]

    def get(self, key, default=0):
        return self.tree(key[0]).get(key, default)

    def __setitem__(self, key, value):
        self.tree(key[0])[key] = value

    def __delitem__(self, key):
        del self.tree(key[0])[key]

    def spellings(self, folded):
        """(key, value) of the keywords folded to `folded`."""
        return self.tree(folded).items(
            (folded,), (folded + '\0',), excludemax=True)

    def items(self, start=''):
        """(key, value) of the keywords folded to `start` or after, in
        order; lazily."""
        return heapq.merge(*(tree.items((start,)) for tree in self.trees))
