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
import bisect
import heapq
import operator
import zlib

import persistent
from BTrees.IIBTree import IISet
from BTrees.IIBTree import IITreeSet
from BTrees.OOBTree import OOBTree
from BTrees.OOBTree import OOBucket
from BTrees.OOBTree import OOSet
from BTrees.OOBTree import OOTreeSet
from ZODB.ConflictResolution import PersistentReference
from ZODB.POSException import ConflictError


#: A `SpreadSets` keeps its sets in this many trees.
PARTITIONS = 1024


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


def merged_value(was, one, other):
    """Both transactions' changes to the value of one key (`MISSING` where
    there is none): a key that both changed (inserted, replaced or
    removed), to different values, is a conflict."""
    if same_value(one, was):
        return other
    if same_value(other, was) or same_value(one, other):
        return one
    raise ConflictError(message='key changed by both')


def merged_values(old, committed, new, merge=merged_value):
    """Both transactions' changes to a mapping, each key's as `merge`
    merges them."""
    merged = {}
    for key in old.keys() | committed.keys() | new.keys():
        value = merge(*(state.get(key, MISSING)
                        for state in (old, committed, new)))
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
                           emptiable=False, merge=merged_values):
    merged, link = merged_bucket(
        *map(mapping_contents, (old, committed, new)), merge=merge,
        inline=inline, emptiable=emptiable)
    return mapping_state(merged, link)


def merged_members(was, one, other):
    """Both transactions' changes to a set held inline (`SetsTree`): two
    that created the same key's set, or changed it, merge as a set does.
    A set that either moved to a persistent set of its own is a value."""
    values = (was, one, other)
    if not all(value is MISSING or isinstance(value, tuple)
               for value in values):
        return merged_value(was, one, other)
    members = merged_keys(*(
        frozenset(() if value is MISSING else value) for value in values))
    return tuple(sorted(members)) if members else MISSING


def merged_sets(old, committed, new):
    return merged_values(old, committed, new, merge=merged_members)


def resolve_sets_bucket(old, committed, new, inline=False, emptiable=False):
    return resolve_mapping_bucket(old, committed, new, inline, emptiable,
                                  merge=merged_sets)


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
    """A sorted set kept in one set per prefix of its keys (`prefix`, which
    sorts as the keys do), in a `TextSetsTree`.

    A tree that changes its shape (a bucket that splits, or goes) makes
    each concurrent transaction that changed it conflict: split up by
    prefix, only those that changed keys with the same prefix do.  And two
    that insert the first keys of a prefix merge.
    """

    def __init__(self):
        self.trees = TextSetsTree()

    def prefix(self, key):
        raise NotImplementedError

    def insert(self, key):
        self.trees.add(self.prefix(key), key)

    def remove(self, key):
        self.trees.discard(self.prefix(key), key)

    def __iter__(self):
        for keys in self.trees.values():
            yield from keys

    def keys(self, min, max=None, excludemax=False):
        """The keys from `min` to `max` (None: the last), in order;
        lazily."""
        last = None if max is None else self.prefix(max)
        for keys in self.trees.values(self.prefix(min), last):
            if not isinstance(keys, tuple):
                yield from keys.keys(min, max, excludemax=excludemax)
                continue
            end = len(keys)
            if max is not None:
                end = (bisect.bisect_left if excludemax
                       else bisect.bisect_right)(keys, max)
            yield from keys[bisect.bisect_left(keys, min):end]

    def minKey(self, min):
        """The first key at or after `min`; ValueError if there is none."""
        for keys in self.trees.values(self.prefix(min)):
            if isinstance(keys, tuple):
                position = bisect.bisect_left(keys, min)
                if position < len(keys):
                    return keys[position]
            else:
                try:
                    return keys.minKey(min)
                except ValueError:
                    # All its keys before `min`.
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


#: A `SetsTree` holds a set of up to this many members in its bucket.
INLINE_MEMBERS = 16


class SetsBucket(MergingBucket, OOBucket):
    """A bucket of a `SetsTree`."""

    resolve = staticmethod(resolve_sets_bucket)


class SetsTree(MergingTree, OOBTree):
    """A set of members (`add`, `discard`) for each key.

    A small set is a sorted tuple in the bucket of its key: two
    transactions that create the same key's set, or change it, merge
    there; one of a persistent set of its own (`large_set`) would be
    created by each, a conflict.  A set that grows past `INLINE_MEMBERS`
    gets one, and keeps it until it is empty; `large_set` must then refuse
    a merge that empties it or fills it again (not `emptiable`), as the
    key goes with it.
    """

    _bucket_type = SetsBucket
    large_set = None

    def add(self, key, member):
        """Add `member` to the set of `key`."""
        members = self.get(key, ())
        if not isinstance(members, tuple):
            members.insert(member)
        elif member not in members:
            members = tuple(sorted(members + (member,)))
            self[key] = (members if len(members) <= INLINE_MEMBERS
                         else self.large_set(members))

    def discard(self, key, member):
        """Remove `member` from the set of `key`, and the key with its last
        member."""
        members = self.get(key, ())
        if not isinstance(members, tuple):
            if member not in members:
                # As from a small set: nothing to remove.
                return
            members.remove(member)
            left = bool(members)
        elif member in members:
            left = tuple(other for other in members if other != member)
            if left:
                self[key] = left
        else:
            return
        if not left:
            del self[key]


class TextTreeSetOfKey(TextTreeSet):
    """The set of a key of a `TextSetsTree`, which drops the key with the
    set's last member."""

    # A transaction that empties it drops it: another's insertion would
    # be lost in it.
    emptiable = False


class TextSetsTree(SetsTree):
    """Sets of texts by text (`SetsTree`)."""

    large_set = TextTreeSetOfKey
    # Each key's value holds up to `INLINE_MEMBERS` texts, and a bucket
    # is written whole when one changes: smaller than a `TextTreeMap`'s.
    max_leaf_size = 60


class IntegerSetsTree(SetsTree):
    """Sets of integers by text (`SetsTree`), e.g. a catalog's documents
    of each keyword."""

    large_set = IntegerTreeSet
    # As a tree of `counts.Counts`.
    max_leaf_size = 64


class SpreadSets(persistent.Persistent):
    """Sets of integers by key (`SetsTree`), spread over many small trees by
    a hash of the key, as `counts.Counts` spreads counts.

    BTrees has each transaction that changes a tree read the nodes above
    the buckets it changes, and conflict with any concurrent one that
    changed them (a bucket that split, or went).  A change here conflicts
    only with those that change the same tree, and a tree of a few dozen
    keys is one bucket that the tree holds itself, without nodes above.

    Read like a BTrees mapping, in key order (`keys`, `values`, `items`),
    with a set held inline as an `IISet`.
    """

    def __init__(self, partitions=PARTITIONS):
        self.trees = tuple(IntegerSetsTree() for _tree in range(partitions))

    def tree(self, key):
        """The tree of `key`."""
        # The same in each process, as Python's hash of a text is not.
        text = key if isinstance(key, str) else repr(key)
        digest = zlib.crc32(text.encode('utf-8', 'surrogatepass'))
        return self.trees[digest % len(self.trees)]

    def add(self, key, member):
        self.tree(key).add(key, member)

    def discard(self, key, member):
        self.tree(key).discard(key, member)

    def get(self, key, default=None):
        value = self.tree(key).get(key, _MISSING_KEY)
        return default if value is _MISSING_KEY else readable(value)

    def __getitem__(self, key):
        value = self.get(key, _MISSING_KEY)
        if value is _MISSING_KEY:
            raise KeyError(key)
        return value

    def __contains__(self, key):
        return self.get(key, _MISSING_KEY) is not _MISSING_KEY

    has_key = __contains__

    def __len__(self):
        return sum(len(tree) for tree in self.trees)

    def __iter__(self):
        return iter(self.keys())

    def items(self, min=None, max=None, excludemin=False,
              excludemax=False):
        """(key, set) from `min` to `max` (as BTrees takes them), in key
        order."""
        return [(key, readable(value)) for key, value in heapq.merge(*(
            tree.items(min, max, excludemin, excludemax)
            for tree in self.trees), key=operator.itemgetter(0))]

    def keys(self, *arguments, **options):
        return [key for key, _value in self.items(*arguments, **options)]

    def values(self, *arguments, **options):
        return [value for _key, value in self.items(*arguments, **options)]


# No value of a `SpreadSets`.
_MISSING_KEY = object()


def readable(members):
    """A set of a `SetsTree` as BTrees' set operations take it."""
    return IISet(members) if isinstance(members, tuple) else members
