"""Trees whose buckets merge the changes of concurrent transactions."""
import unittest

import transaction

from formlib.keywordwidget.buckets import PrefixTreeSet
from formlib.keywordwidget.tests.storage import FileStorageTestCase


def keys(*texts):
    """A set bucket's state."""
    return (tuple(sorted(texts)),)


class ResolveSetBucketTests(unittest.TestCase):

    def resolve(self, old, committed, new, inline=False):
        from formlib.keywordwidget.buckets import resolve_set_bucket
        return resolve_set_bucket(old, committed, new, inline=inline)

    def assertConflict(self, old, committed, new, inline=False):
        from ZODB.POSException import ConflictError
        with self.assertRaises(ConflictError):
            self.resolve(old, committed, new, inline=inline)

    def test_insertions_and_removals_of_both_are_kept(self):
        self.assertEqual(
            self.resolve(keys('a', 'b', 'c'), keys('a', 'b', 'c', 'd'),
                         keys('a', 'c', 'e')),
            keys('a', 'c', 'd', 'e'))

    def test_a_key_both_insert_is_kept_once(self):
        self.assertEqual(
            self.resolve(keys('a'), keys('a', 'b'), keys('a', 'b', 'c')),
            keys('a', 'b', 'c'))

    def test_a_key_both_remove_is_gone(self):
        self.assertEqual(
            self.resolve(keys('a', 'b', 'c'), keys('a', 'c'), keys('a')),
            keys('a'))

    def test_the_first_key_of_a_trees_only_bucket_may_go(self):
        self.assertEqual(
            self.resolve(keys('b', 'c'), keys('c'), keys('a', 'b', 'c'),
                         inline=True),
            keys('a', 'c'))

    def test_the_first_key_of_a_bucket_may_go_if_none_comes_in_front(self):
        # The node above may now lead to the bucket by "c": the merge
        # starts there.
        self.assertEqual(
            self.resolve(keys('b', 'c', 'e'), keys('c', 'e'),
                         keys('b', 'c', 'd', 'e')),
            keys('c', 'd', 'e'))

    def test_a_key_put_in_front_of_a_removed_first_key_is_a_conflict(self):
        # "bb" would come before "c", by which the node above may now
        # lead to the bucket: it would not be found.
        self.assertConflict(keys('b', 'c'), keys('c'),
                            keys('b', 'bb', 'c'))
        self.assertConflict(keys('b', 'c'), keys('b', 'bb', 'c'),
                            keys('c'))

    def test_a_bucket_either_empties_is_a_conflict(self):
        # Its tree would drop it.
        self.assertConflict(keys('a', 'b'), keys(), keys('a', 'b', 'c'))
        self.assertConflict(keys('a', 'b'), keys('a'), keys('b'))

    def test_a_bucket_split_by_either_is_a_conflict(self):
        from ZODB.ConflictResolution import PersistentReference
        # The database hands over references to the next bucket, which
        # refuse to be compared with references to other objects.
        next_bucket = PersistentReference(b'\0' * 7 + b'\1')
        split_off = PersistentReference(b'\0' * 7 + b'\2')
        self.assertConflict(keys('a', 'b') + (next_bucket,),
                            keys('a') + (split_off,),
                            keys('a', 'b', 'c') + (next_bucket,))

    def test_buckets_with_a_next_one_merge(self):
        from ZODB.ConflictResolution import PersistentReference
        next_bucket = PersistentReference(b'\0' * 7 + b'\1')
        self.assertEqual(
            self.resolve(keys('a', 'b') + (next_bucket,),
                         keys('a', 'b', 'c') + (next_bucket,),
                         keys('a') + (next_bucket,)),
            keys('a', 'c') + (next_bucket,))


class TreeTests(unittest.TestCase):

    def test_a_tree_of_several_buckets_changed_by_both_is_a_conflict(self):
        from ZODB.POSException import ConflictError

        from formlib.keywordwidget.buckets import TextTreeSet
        large = TextTreeSet(['%04d' % number for number in range(1000)])
        state = large.__getstate__()
        with self.assertRaises(ConflictError):
            TextTreeSet()._p_resolveConflict(state, state, state)

    def test_a_small_tree_may_be_emptied_and_filled_again(self):
        from formlib.keywordwidget.buckets import TextTreeSet
        old, emptied, added = (
            TextTreeSet(keys).__getstate__()
            for keys in (['a'], [], ['a', 'b']))
        merged = TextTreeSet()
        merged.__setstate__(
            merged._p_resolveConflict(old, emptied, added))
        self.assertEqual(list(merged), ['b'])
        self.assertIsNone(TextTreeSet()._p_resolveConflict(
            old, emptied, emptied))

    def test_a_keywords_objects_emptied_by_one_are_a_conflict(self):
        from ZODB.POSException import ConflictError

        from formlib.keywordwidget.buckets import IntegerTreeSet
        # The catalog drops the set of a keyword once it is empty.
        old, emptied, added = (
            IntegerTreeSet(numbers).__getstate__()
            for numbers in ([1], [], [1, 2]))
        with self.assertRaises(ConflictError):
            IntegerTreeSet()._p_resolveConflict(old, emptied, added)

    def test_buckets_of_trees_are_of_their_kind(self):
        from formlib.keywordwidget.buckets import IntegerSetBucket
        from formlib.keywordwidget.buckets import IntegerTreeSet
        from formlib.keywordwidget.buckets import TextSetBucket
        from formlib.keywordwidget.buckets import TextTreeSet
        texts = TextTreeSet(['%04d' % number for number in range(1000)])
        numbers = IntegerTreeSet(range(10_000))
        self.assertIsInstance(texts._firstbucket, TextSetBucket)
        self.assertIsInstance(numbers._firstbucket, IntegerSetBucket)

    def test_sets_of_numbers_work_with_the_catalogs_set_operations(self):
        from BTrees.IIBTree import IITreeSet
        from BTrees.IIBTree import intersection
        from BTrees.IIBTree import multiunion

        from formlib.keywordwidget.buckets import IntegerTreeSet
        ours = IntegerTreeSet([1, 2, 3])
        self.assertEqual(list(intersection(ours, IITreeSet([2, 3, 4]))),
                         [2, 3])
        self.assertEqual(list(multiunion([ours, IITreeSet([5])])),
                         [1, 2, 3, 5])


class ByFirstLetter(PrefixTreeSet):
    """Texts in a tree per first letter."""

    def prefix(self, key):
        return key[:1]


class PrefixTreeSetTests(unittest.TestCase):

    def made(self, *keys):
        made = ByFirstLetter()
        for key in keys:
            made.insert(key)
        return made

    def test_keys_come_in_order_across_prefixes(self):
        made = self.made('cc', 'a', 'bb', 'b', 'c')
        self.assertEqual(list(made), ['a', 'b', 'bb', 'c', 'cc'])
        self.assertEqual(list(made.keys('b', 'c')), ['b', 'bb', 'c'])
        self.assertEqual(list(made.keys('b', 'c', excludemax=True)),
                         ['b', 'bb'])

    def test_the_first_key_from_where_asked(self):
        made = self.made('a', 'cc')
        self.assertEqual(made.minKey('b'), 'cc')
        made.remove('cc')
        with self.assertRaises(ValueError):
            made.minKey('b')

    def test_each_prefix_has_a_set_of_its_own(self):
        made = self.made('a', 'ab', 'b')
        self.assertEqual([list(keys) for keys in made.trees.values()],
                         [['a', 'ab'], ['b']])

    def test_keys_of_a_prefix_with_a_set_of_its_own(self):
        from formlib.keywordwidget.buckets import INLINE_MEMBERS
        many = ['b%03d' % number for number in range(INLINE_MEMBERS * 2)]
        made = self.made('a', 'c', *many)
        self.assertFalse(isinstance(made.trees['b'], tuple))
        self.assertEqual(list(made.keys('b001', 'b003')), many[1:4])
        self.assertEqual(list(made.keys('a', 'b001', excludemax=True)),
                         ['a', 'b000'])
        self.assertEqual(made.minKey('b0'), 'b000')
        self.assertEqual(made.minKey('b999'), 'c')


class DatabaseTestCase(FileStorageTestCase):
    """Concurrent transactions in a real FileStorage."""

    def store(self, tree):
        manager, root = self.open()
        root['tree'] = tree
        manager.commit()

    def concurrently(self, *changes):
        """Commit each change in a transaction of its own, all begun
        before the first commits; what the database then holds."""
        started = [self.open() for _change in changes]
        for change, (_manager, root) in zip(changes, started):
            change(root['tree'])
        for manager, _root in started:
            manager.commit()
        return list(self.open()[1]['tree'])


class DatabaseTests(DatabaseTestCase):

    def test_removing_a_small_sets_first_key_merges(self):
        from BTrees.IIBTree import IITreeSet

        from formlib.keywordwidget.buckets import IntegerTreeSet
        # BTrees' own refuses: a keyword's first object leaving while
        # another is added conflicts.
        self.store(IITreeSet([10, 20, 30]))
        with self.assertRaises(transaction.interfaces.TransientError):
            self.concurrently(lambda tree: tree.remove(10),
                              lambda tree: tree.insert(40))
        self.store(IntegerTreeSet([10, 20, 30]))
        self.assertEqual(
            self.concurrently(lambda tree: tree.remove(10),
                              lambda tree: tree.insert(40)),
            [20, 30, 40])

    def test_inserting_and_removing_one_key_in_both_merges(self):
        from formlib.keywordwidget.buckets import TextTreeSet
        self.store(TextTreeSet(['b', 'c']))
        self.assertEqual(
            self.concurrently(
                lambda tree: (tree.insert('a'), tree.remove('c')),
                lambda tree: (tree.insert('a'), tree.remove('c'))),
            ['a', 'b'])

    def test_a_prefixs_tree_that_splits_conflicts_with_no_other(self):
        from ZODB.POSException import ConflictError

        from formlib.keywordwidget.buckets import TextTreeSet
        many = ['a%04d' % number for number in range(1000)]
        self.store(TextTreeSet(many))
        with self.assertRaises(ConflictError):
            self.concurrently(
                lambda tree: [tree.insert(key + '+') for key in many],
                lambda tree: tree.insert('b'))
        split_up = ByFirstLetter()
        for key in many:
            split_up.insert(key)
        self.store(split_up)
        self.assertEqual(
            len(self.concurrently(
                lambda tree: [tree.insert(key + '+') for key in many],
                lambda tree: tree.insert('b'))),
            2001)

    def test_changes_in_one_bucket_of_a_large_set_merge(self):
        from formlib.keywordwidget.buckets import IntegerTreeSet
        self.store(IntegerTreeSet(range(0, 20_000, 2)))
        merged = self.concurrently(lambda tree: tree.remove(5010),
                                   lambda tree: tree.insert(5013))
        self.assertNotIn(5010, merged)
        self.assertIn(5013, merged)
        self.assertEqual(len(merged), 10_000)


def values(**items):
    """A mapping bucket's state."""
    data = []
    for key, value in sorted(items.items()):
        data.extend((key, value))
    return (tuple(data),)


class ResolveMappingBucketTests(unittest.TestCase):

    def resolve(self, old, committed, new):
        from formlib.keywordwidget.buckets import resolve_mapping_bucket
        return resolve_mapping_bucket(old, committed, new)

    def test_changes_of_different_keys_merge(self):
        self.assertEqual(
            self.resolve(values(a=1, b=2), values(a=1, b=3, c=4),
                         values(b=2)),
            values(b=3, c=4))

    def test_one_change_made_by_both_is_kept(self):
        self.assertEqual(
            self.resolve(values(a=1), values(a=2), values(a=2)),
            values(a=2))

    def test_different_changes_of_one_key_are_a_conflict(self):
        from ZODB.POSException import ConflictError
        with self.assertRaises(ConflictError):
            self.resolve(values(a=1, b=1), values(a=2, b=1),
                         values(a=3, b=1))

    def test_references_are_the_same_only_if_identical(self):
        from ZODB.ConflictResolution import PersistentReference
        from ZODB.POSException import ConflictError
        # As the database hands them over: one per object.
        kept, theirs, ours = (PersistentReference(b'\0' * 7 + oid)
                              for oid in (b'\1', b'\2', b'\3'))
        self.assertEqual(
            self.resolve(values(a=kept, b=1), values(a=kept, b=2),
                         values(a=kept, b=1, c=ours)),
            values(a=kept, b=2, c=ours))
        # Each made a new object for one key: either would be lost.
        with self.assertRaises(ConflictError):
            self.resolve(values(a=kept), values(a=kept, c=theirs),
                         values(a=kept, c=ours))


class SetsTreeTests(unittest.TestCase):

    def sets(self, **members):
        from formlib.keywordwidget.buckets import IntegerSetsTree
        tree = IntegerSetsTree()
        for key, numbers in members.items():
            for number in numbers:
                tree.add(key, number)
        return tree

    def test_a_small_set_is_held_inline_in_order(self):
        tree = self.sets(a=[3, 1, 2, 1])
        self.assertEqual(tree['a'], (1, 2, 3))

    def test_a_set_that_grows_past_inline_gets_one_of_its_own(self):
        from formlib.keywordwidget.buckets import INLINE_MEMBERS
        from formlib.keywordwidget.buckets import IntegerTreeSet
        tree = self.sets(a=range(INLINE_MEMBERS + 1))
        self.assertIsInstance(tree['a'], IntegerTreeSet)
        tree.discard('a', 0)
        self.assertEqual(list(tree['a']), list(range(1, INLINE_MEMBERS + 1)))

    def test_a_key_goes_with_its_last_member(self):
        from formlib.keywordwidget.buckets import INLINE_MEMBERS
        tree = self.sets(a=[1], b=range(INLINE_MEMBERS + 1))
        tree.discard('a', 1)
        for number in range(INLINE_MEMBERS + 1):
            tree.discard('b', number)
        tree.discard('c', 1)
        self.assertEqual(list(tree), [])


class ResolveSetsBucketTests(unittest.TestCase):

    def resolve(self, old, committed, new):
        from formlib.keywordwidget.buckets import resolve_sets_bucket
        return resolve_sets_bucket(old, committed, new)

    def test_sets_both_create_or_change_merge_as_sets(self):
        self.assertEqual(
            self.resolve(values(a=(1, 2), z=(1,)),
                         values(a=(2, 3), b=(10,), z=(1,)),
                         values(a=(1, 2, 4), b=(11,), z=(1,))),
            values(a=(2, 3, 4), b=(10, 11), z=(1,)))

    def test_a_set_both_empty_goes(self):
        self.assertEqual(
            self.resolve(values(a=(1, 2), z=(1,)), values(a=(2,), z=(1,)),
                         values(a=(1,), z=(1,))),
            values(z=(1,)))

    def test_a_set_one_moves_to_its_own_while_the_other_changes_it(self):
        from ZODB.ConflictResolution import PersistentReference
        from ZODB.POSException import ConflictError
        own = PersistentReference(b'\0' * 7 + b'\1')
        # Its own set would lose the other's change.
        with self.assertRaises(ConflictError):
            self.resolve(values(a=(1,)), values(a=own), values(a=(1, 2)))
        self.assertEqual(
            self.resolve(values(a=(1,), b=(1,)), values(a=own, b=(1,)),
                         values(a=(1,), b=(1, 2))),
            values(a=own, b=(1, 2)))


class SpreadSetsTests(unittest.TestCase):

    def spread(self, **members):
        from formlib.keywordwidget.buckets import SpreadSets
        spread = SpreadSets(partitions=4)
        for key, numbers in members.items():
            for number in numbers:
                spread.add(key, number)
        return spread

    def test_keys_come_in_order_across_trees(self):
        spread = self.spread(**{key: [1] for key in 'hgfedcba'})
        self.assertGreater(
            len({id(spread.tree(key)) for key in 'abcdefgh'}), 1)
        self.assertEqual(list(spread), list('abcdefgh'))
        self.assertEqual(spread.keys('b', 'e', excludemax=True),
                         ['b', 'c', 'd'])
        self.assertEqual(spread.keys('b', excludemin=True), list('cdefgh'))
        self.assertEqual(len(spread), 8)

    def test_sets_work_with_the_catalogs_set_operations(self):
        from BTrees.IIBTree import intersection
        from BTrees.IIBTree import multiunion

        from formlib.keywordwidget.buckets import INLINE_MEMBERS
        large = range(0, 2 * INLINE_MEMBERS, 2)
        spread = self.spread(small=[3, 4], large=large)
        self.assertEqual(list(multiunion(spread.values())),
                         sorted(set(large) | {3, 4}))
        self.assertEqual(list(intersection(spread['small'],
                                           spread.get('large'))), [4])
        self.assertIn('small', spread)
        self.assertIsNone(spread.get('none'))
        with self.assertRaises(KeyError):
            spread['none']


class SetsDatabaseTests(DatabaseTestCase):
    """Concurrent transactions changing sets of a `SetsTree` or
    `SpreadSets` in a real FileStorage."""

    def test_two_that_create_one_keys_set_merge(self):
        from ZODB.POSException import ConflictError

        from formlib.keywordwidget.buckets import IntegerSetsTree
        from formlib.keywordwidget.buckets import IntegerTreeSet
        from formlib.keywordwidget.buckets import TextTreeMap

        def create(number):
            def change(tree):
                if isinstance(tree, TextTreeMap):
                    tree['new'] = IntegerTreeSet([number])
                else:
                    tree.add('new', number)
            return change

        # Each creates a set of its own for the key: one would be lost.
        self.store(TextTreeMap({'old': IntegerTreeSet([1])}))
        with self.assertRaises(ConflictError):
            self.concurrently(create(2), create(3))
        self.store(IntegerSetsTree())
        self.concurrently(create(2), create(3))
        self.assertEqual(self.open()[1]['tree']['new'], (2, 3))

    def test_a_large_set_one_empties_as_the_other_inserts_conflicts(self):
        from ZODB.POSException import ConflictError

        from formlib.keywordwidget.buckets import INLINE_MEMBERS
        from formlib.keywordwidget.buckets import TextSetsTree
        many = ['%03d' % number for number in range(INLINE_MEMBERS + 1)]
        tree = TextSetsTree()
        for member in many:
            tree.add('key', member)
        self.store(tree)

        def empty(tree):
            for member in many:
                tree.discard('key', member)

        # The first drops the key and its set: the second's member would
        # be lost with it.
        with self.assertRaises(ConflictError):
            self.concurrently(empty, lambda tree: tree.add('key', 'new'))

    def test_two_that_insert_a_new_prefixs_first_keys_merge(self):
        self.store(ByFirstLetter())
        self.assertEqual(
            self.concurrently(lambda made: made.insert('b1'),
                              lambda made: made.insert('b2')),
            ['b1', 'b2'])

    def test_changes_of_spread_sets_merge(self):
        from formlib.keywordwidget.buckets import SpreadSets
        spread = SpreadSets()
        for number in range(1, 5):
            spread.add('shared', number)
        self.store(spread)

        def save(number, gone):
            def change(spread):
                spread.add('shared', number)
                spread.discard('shared', gone)
                spread.add('new', number)
                spread.add('new %d' % number, number)
            return change

        self.assertEqual(
            self.concurrently(save(5, 1), save(6, 2), save(7, 3)),
            ['new', 'new 5', 'new 6', 'new 7', 'shared'])
        spread = self.open()[1]['tree']
        self.assertEqual(list(spread['shared']), [4, 5, 6, 7])
        self.assertEqual(list(spread['new']), [5, 6, 7])
