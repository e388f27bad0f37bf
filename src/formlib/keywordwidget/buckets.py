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
  tree would keep a bucket without keys), but for the only bucket of a
  tree that may be empty;
- a merge that puts a key in front of the first key a transaction left
  after removing the bucket's first key: that transaction may have moved
  the key that leads to the bucket in the node above it up to its new first
  key, and a key in front of it would not be found.

A tree small enough to hold its only bucket itself has no node above the
bucket: its first key may go.
"""
import persistent
from BTrees.IIBTree import IISet
from BTrees.IIBTree import IITreeSet
from BTrees.OOBTree import OOBTree
from BTrees.OOBTree import OOBucket
from BTrees.OOBTree import OOSet
from BTrees.OOBTree import OOTreeSet
from ZODB.ConflictResolution import PersistentReference
from ZODB.POSException import ConflictError


def same_reference(one, other):
    """Whether two states of a bucket link to the same next bucket.

    The database hands over one reference per object it names; references
    to different objects refuse to be compared.
    """
    return len(one) == len(other) and all(
        mine is theirs for mine, theirs in zip(one, other))


def merged_bucket(old, committed, new, merge, inline=False,
                  emptiable=False):
    """The contents of a bucket two transactions changed, as `merge`
    merges them from the three contents; or a ConflictError.

    `old`, `committed` and `new` are (contents, rest of the state) pairs,
    contents a set of keys or a dict by key.  `inline`: the bucket is the
    only one of its tree, held by the tree itself; `emptiable`: that tree
    may be empty.
    """
    (old, link), (committed, committed_link), (new, new_link) = (
        old, committed, new)
    if not (same_reference(committed_link, link)
            and same_reference(new_link, link)):
        raise ConflictError(message='bucket split')
    keep_filled = not (inline and emptiable)
    if keep_filled and not (committed and new):
        raise ConflictError(message='bucket emptied')
    merged = merge(old, committed, new)
    if keep_filled and not merged:
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


def resolve_set_bucket(old, committed, new, inline=False, emptiable=False):
    merged, link = merged_bucket(
        *map(set_contents, (old, committed, new)), merge=merged_keys,
        inline=inline, emptiable=emptiable)
    return set_state(merged, link)


def same_value(one, other):
    """Whether two states hold the same value: the same object, for
    references to persistent objects, which refuse to be compared with
    others."""
    if one is other:
        return True
    if isinstance(one, PersistentReference) or isinstance(
            other, PersistentReference):
        return False
    return one == other


# A key a state has not.
MISSING = object()


def merged_values(old, committed, new):
    """Both transactions' changes to a mapping: a key that both changed
    (inserted, replaced or removed), to different values, is a conflict."""
    merged = {}
    for key in old.keys() | committed.keys() | new.keys():
        was, one, other = (state.get(key, MISSING)
                           for state in (old, committed, new))
        if same_value(one, was):
            value = other
        elif same_value(other, was) or same_value(one, other):
            value = one
        else:
            raise ConflictError(message='key changed by both')
        if value is not MISSING:
            merged[key] = value
    return merged


def mapping_contents(state):
    """A mapping bucket's values by key and the rest of its state."""
    data = state[0]
    return dict(zip(data[::2], data[1::2])), state[1:]


def mapping_state(values, link):
    data = []
    for key, value in sorted(values.items()):
        data.extend((key, value))
    return (tuple(data),) + link


def resolve_mapping_bucket(old, committed, new, inline=False,
                           emptiable=False):
    merged, link = merged_bucket(
        *map(mapping_contents, (old, committed, new)), merge=merged_values,
        inline=inline, emptiable=emptiable)
    return mapping_state(merged, link)


def only_bucket(state):
    """The state of the one bucket a small tree holds itself."""
    if state is None:
        return ((),)
    if len(state) == 2:
        # A tree of several buckets changed its shape.
        raise ConflictError(message='tree changed')
    return state[0][0]


class MergingTree:
    """A tree whose buckets merge concurrent changes: its `_bucket_type`
    has a `resolve(old, committed, new, inline=False, emptiable=False)`.
    """

    #: Whether a merge may empty the tree or fill it again; not where an
    #: empty tree means something to its owner.
    emptiable = True

    def _p_resolveConflict(self, old, committed, new):
        # BTrees resolves a tree that holds its only bucket itself with its
        # own bucket code: ours must merge there too.
        bucket = self._bucket_type.resolve(
            *map(only_bucket, (old, committed, new)), inline=True,
            emptiable=self.emptiable)
        # An empty tree's state is None.
        return ((bucket,),) if bucket[0] else None


class MergingBucket:
    """A bucket whose concurrent changes merge (`resolve`)."""

    def _p_resolveConflict(self, old, committed, new):
        return self.resolve(old, committed, new)


class TextSetBucket(MergingBucket, OOSet):
    """A bucket of a `TextTreeSet`."""

    resolve = staticmethod(resolve_set_bucket)


class TextTreeSet(MergingTree, OOTreeSet):
    """A set of texts (or tuples) whose concurrent changes merge."""

    _bucket_type = TextSetBucket
    # Every bucket that splits, or whose first key goes, changes the node
    # above it, which each concurrent transaction that changed the set
    # read and so conflicts with: larger buckets than BTrees' 30 do that
    # less often, for more to write when one changes.
    max_leaf_size = 120


class TextMapBucket(MergingBucket, OOBucket):
    """A bucket of a `TextTreeMap`."""

    resolve = staticmethod(resolve_mapping_bucket)


class TextTreeMap(MergingTree, OOBTree):
    """A mapping by text whose concurrent changes merge (as a
    `TextTreeSet`)."""

    _bucket_type = TextMapBucket
    max_leaf_size = 120


class PrefixTreeSet(persistent.Persistent):
    """A sorted set kept in one `TextTreeSet` per prefix of its keys
    (`prefix`, which sorts as the keys do).

    A tree that changes its shape (a bucket that splits, or goes) makes
    each concurrent transaction that changed it conflict: split up by
    prefix, only those that changed keys with the same prefix do.
    """

    def __init__(self):
        self.trees = TextTreeMap()

    def prefix(self, key):
        raise NotImplementedError

    def insert(self, key):
        prefix = self.prefix(key)
        tree = self.trees.get(prefix)
        if tree is None:
            tree = self.trees[prefix] = TextTreeSet()
        tree.insert(key)

    def remove(self, key):
        # A tree left empty stays: keys with its prefix may come again.
        self.trees[self.prefix(key)].remove(key)

    def __iter__(self):
        for tree in self.trees.values():
            yield from tree

    def keys(self, min, max, excludemax=False):
        """The keys from `min` to `max`, in order; lazily."""
        for tree in self.trees.values(self.prefix(min), self.prefix(max)):
            yield from tree.keys(min, max, excludemax=excludemax)

    def minKey(self, min):
        """The first key at or after `min`; ValueError if there is none."""
        for tree in self.trees.values(self.prefix(min)):
            try:
                return tree.minKey(min)
            except ValueError:
                # Empty, or all its keys before `min`.
                pass
        raise ValueError('No key at or after %r.' % (min,))


class IntegerSetBucket(MergingBucket, IISet):
    """A bucket of an `IntegerTreeSet`."""

    resolve = staticmethod(resolve_set_bucket)


class IntegerTreeSet(MergingTree, IITreeSet):
    """A set of integers (e.g. a catalog's documents) whose concurrent
    changes merge."""

    _bucket_type = IntegerSetBucket
    # As for texts; larger buckets than BTrees' 120 keep most sets one
    # bucket, without a node above it: 500 numbers are a few kilobytes.
    max_leaf_size = 500
    # A catalog drops a keyword's set once it is empty.
    emptiable = False
