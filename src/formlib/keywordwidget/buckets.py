"""Trees whose buckets merge the changes of concurrent transactions.

BTrees merges two transactions' changes to one bucket itself, but refuses
some that are safe: two transactions that insert or remove the same key
of a set, or one that removes a bucket's first key while the other changes
the bucket.  Under load those are frequent (every save changes the sets of
the popular keywords), and each refusal makes Zope retry a whole request.

A merge here refuses only what would break the tree around the bucket:

- a bucket that either transaction split, or whose next bucket it removed
  (the bucket's link to its next one changed);
- a bucket that either transaction emptied, or that the merge empties (the
  tree would keep a bucket without keys);
- a merge that puts a key in front of the first key a transaction left
  after removing the bucket's first key: that transaction may have moved
  the key that leads to the bucket in the node above it up to its new first
  key, and a key in front of it would not be found.

A tree small enough to hold its only bucket itself has no node above the
bucket: its first key may go.
"""
from BTrees.IIBTree import IISet
from BTrees.IIBTree import IITreeSet
from BTrees.OOBTree import OOSet
from BTrees.OOBTree import OOTreeSet
from ZODB.POSException import ConflictError


def same_reference(one, other):
    """Whether two states of a bucket link to the same next bucket.

    The database hands over one reference per object it names; references
    to different objects refuse to be compared.
    """
    return len(one) == len(other) and all(
        mine is theirs for mine, theirs in zip(one, other))


def merged_bucket(old, committed, new, merge, inline=False):
    """The contents of a bucket two transactions changed, as `merge`
    merges them from the three contents; or a ConflictError.

    `old`, `committed` and `new` are (contents, rest of the state) pairs,
    contents a set of keys or a dict by key.  `inline`: the bucket is the
    only one of its tree, held by the tree itself.
    """
    (old, link), (committed, committed_link), (new, new_link) = (
        old, committed, new)
    if not (same_reference(committed_link, link)
            and same_reference(new_link, link)):
        raise ConflictError(message='bucket split')
    if not committed or not new:
        raise ConflictError(message='bucket emptied')
    merged = merge(old, committed, new)
    if not merged:
        raise ConflictError(message='bucket emptied')
    if old and not inline:
        first, merged_first = min(old), min(merged)
        for changed in (committed, new):
            if first not in changed and merged_first < min(changed):
                raise ConflictError(
                    message='key put in front of a removed first key')
    return merged, link


def merged_keys(old, committed, new):
    """Both transactions' insertions into and removals from a set."""
    removed = (old - committed) | (old - new)
    return (old | committed | new) - removed


def set_contents(state):
    """A set bucket's keys and the rest of its state."""
    return frozenset(state[0]), state[1:]


def set_state(keys, link):
    return (tuple(sorted(keys)),) + link


def resolve_set_bucket(old, committed, new, inline=False):
    merged, link = merged_bucket(
        *map(set_contents, (old, committed, new)), merge=merged_keys,
        inline=inline)
    return set_state(merged, link)


def only_bucket(state):
    """The state of the one bucket a small tree holds itself."""
    if state is None:
        return ((),)
    if len(state) == 2:
        # A tree of several buckets changed its shape.
        raise ConflictError(message='tree changed')
    return state[0][0]


class MergingSetBucket:
    """A set bucket whose concurrent insertions and removals merge."""

    def _p_resolveConflict(self, old, committed, new):
        return resolve_set_bucket(old, committed, new)


class MergingTree:
    """A tree whose buckets merge concurrent changes (`_bucket_type`)."""

    def _p_resolveConflict(self, old, committed, new):
        # BTrees resolves a tree that holds its only bucket itself with its
        # own bucket code: ours must merge there too.
        return ((self._resolve_inline(*map(only_bucket, (
            old, committed, new))),),)

    def _resolve_inline(self, old, committed, new):
        return resolve_set_bucket(old, committed, new, inline=True)


class TextSetBucket(MergingSetBucket, OOSet):
    """A bucket of a `TextTreeSet`."""


class TextTreeSet(MergingTree, OOTreeSet):
    """A set of texts (or tuples) whose concurrent changes merge."""

    _bucket_type = TextSetBucket
    # Every bucket that splits, or whose first key goes, changes the node
    # above it, which each concurrent transaction that changed the set
    # read and so conflicts with: larger buckets than BTrees' 30 do that
    # less often, for more to write when one changes.
    max_leaf_size = 120


class IntegerSetBucket(MergingSetBucket, IISet):
    """A bucket of an `IntegerTreeSet`."""


class IntegerTreeSet(MergingTree, IITreeSet):
    """A set of integers (e.g. a catalog's documents) whose concurrent
    changes merge."""

    _bucket_type = IntegerSetBucket
    # As for texts; larger buckets than BTrees' 120 keep most sets one
    # bucket, without a node above it: 500 numbers are a few kilobytes.
    max_leaf_size = 500
