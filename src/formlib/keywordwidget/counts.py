"""Counts of keyword uses that concurrent transactions add up.

Every save touches the counts of the popular keywords.  Two transactions
that change counts in the same bucket have their changes added up by the
database's conflict resolution instead of one of them being retried.

Searches rank keywords by the band (`level`) their count falls in, which
`usage.KeywordUsage` keeps in a tree of its own.  A transaction that moves
a keyword to another band changes that tree too, so merging two changes
must never leave a count in a band that no transaction wrote: such a merge
is a conflict, and Zope retries the transaction.
"""
from BTrees.OIBTree import OIBTree
from BTrees.OIBTree import OIBucket
from ZODB.POSException import ConflictError


# Counts below this are bands of their own.
EXACT_LEVELS = 2


def level(count):
    """The band of uses `count` falls in: 0 for none, 1 for one, then one
    band per doubling (2-3, 4-7, 8-15...), so that a popular keyword
    changes band rarely."""
    return count.bit_length()


def merged_count(old, committed, new):
    """Both transactions' changes to one count, or a ConflictError."""
    result = committed + new - old
    committed_moved = level(committed) != level(old)
    new_moved = level(new) != level(old)
    written = level(committed) if committed_moved else level(new)
    if (committed_moved and new_moved) or level(result) != written:
        raise ConflictError(message='keyword changed band')
    return result


def _counts(state):
    """A bucket's counts by key, and the rest of its state."""
    data = state[0]
    return dict(zip(data[::2], data[1::2])), state[1:]


def same_next(one, other):
    """Whether two states of a bucket go on to the same next bucket.

    The database hands over one reference per object it names; references
    to other objects refuse to be compared.
    """
    return len(one) == len(other) and all(
        mine is theirs for mine, theirs in zip(one, other))


def resolve_counts(old, committed, new):
    """The state of a bucket of counts that two transactions changed."""
    old, next_bucket = _counts(old)
    committed, committed_next = _counts(committed)
    new, new_next = _counts(new)
    # As BTrees itself: changes that alter the tree around the bucket are
    # not merged.
    if not (same_next(committed_next, next_bucket)
            and same_next(new_next, next_bucket)):
        raise ConflictError(message='bucket split')
    if not committed or not new:
        raise ConflictError(message='bucket emptied')
    first = min(old) if old else None
    merged = {}
    for key in old.keys() | committed.keys() | new.keys():
        count = merged_count(
            old.get(key, 0), committed.get(key, 0), new.get(key, 0))
        if count:
            merged[key] = count
        elif key == first:
            raise ConflictError(message='first key deleted')
    if not merged:
        raise ConflictError(message='bucket emptied')
    data = []
    for key, count in sorted(merged.items()):
        data.extend((key, count))
    return (tuple(data),) + next_bucket


class CountBucket(OIBucket):
    """A bucket of counts; concurrent changes add up."""

    def _p_resolveConflict(self, old, committed, new):
        return resolve_counts(old, committed, new)


def _only_bucket(state):
    """The state of the one bucket a small tree holds itself."""
    if state is None:
        return ((),)
    if len(state) == 2:
        # A tree of several buckets changed its shape.
        raise ConflictError(message='tree changed')
    return state[0][0]


class CountTree(OIBTree):
    """Counts by key, in buckets whose concurrent changes add up."""

    _bucket_type = CountBucket
    # A save rewrites the bucket of each count it changes: small buckets
    # keep that cheap.
    max_leaf_size = 16

    def _p_resolveConflict(self, old, committed, new):
        # BTrees resolves a tree that holds its only bucket itself with its
        # own bucket code: ours must add up there too.
        return ((resolve_counts(*map(_only_bucket, (old, committed, new))),),)
