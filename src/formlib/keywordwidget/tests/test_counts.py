"""Counts of keyword uses that concurrent transactions add up."""
import unittest

from formlib.keywordwidget.tests.storage import FileStorageTestCase


class BandTests(unittest.TestCase):

    def band_for(self, count, band):
        from formlib.keywordwidget.counts import band_for
        return band_for(count, band)

    def test_a_new_keyword_used_once_is_in_band_one(self):
        from formlib.keywordwidget.counts import ONCE
        self.assertEqual(self.band_for(1, 0), ONCE)

    def test_band_one_holds_keywords_used_once_only(self):
        from formlib.keywordwidget.counts import fits
        self.assertEqual([fits(count, 1) for count in (1, 2)],
                         [True, False])

    def test_bands_hold_two_doublings(self):
        from formlib.keywordwidget.counts import fits
        self.assertEqual([count for count in range(1, 300) if fits(count, 7)],
                         list(range(32, 128)))

    def test_a_keyword_no_object_uses_has_no_band(self):
        self.assertEqual(self.band_for(0, 5), 0)

    def test_a_count_well_inside_its_band_stays(self):
        self.assertEqual({self.band_for(count, 7) for count in range(36, 112)},
                         {7})

    def test_a_count_near_an_edge_moves_where_it_is_well_inside(self):
        from formlib.keywordwidget.counts import well_inside
        self.assertEqual((self.band_for(112, 7), self.band_for(35, 7)),
                         (8, 6))
        self.assertTrue(well_inside(112, 8))
        self.assertTrue(well_inside(35, 6))

    def test_every_count_gets_a_band_it_is_well_inside(self):
        from formlib.keywordwidget.counts import well_inside
        for band in range(0, 16):
            for count in range(1, 5000):
                self.assertTrue(
                    well_inside(count, self.band_for(count, band)),
                    (count, band))

    def test_a_count_going_up_and_down_moves_once(self):
        band, moves = 6, 0
        for count in [50, 60] * 20 + [64, 70, 63, 65] * 20:
            new = self.band_for(count, band)
            moves += new != band
            band = new
        self.assertEqual(moves, 1)


def bucket(**counts):
    """A bucket's state with (keyword,) keys and (count, band) values."""
    from formlib.keywordwidget.counts import stored
    data = []
    for keyword, (count, band) in sorted(counts.items()):
        data.extend(((keyword,), stored(count, band)))
    return (tuple(data),)


class ResolveTests(unittest.TestCase):

    def resolve(self, old, committed, new, inline=False):
        from formlib.keywordwidget.counts import resolve_counts
        return resolve_counts(old, committed, new, inline=inline)

    def assertConflict(self, old, committed, new):
        from ZODB.POSException import ConflictError
        with self.assertRaises(ConflictError):
            self.resolve(old, committed, new)

    def test_changes_of_one_count_add_up(self):
        self.assertEqual(
            self.resolve(bucket(a=(100, 8), b=(5, 3)),
                         bucket(a=(101, 8), b=(5, 3)),
                         bucket(a=(102, 8), b=(4, 3))),
            bucket(a=(103, 8), b=(4, 3)))

    def test_keywords_added_by_both_are_kept(self):
        self.assertEqual(
            self.resolve(bucket(a=(100, 8)), bucket(a=(100, 8), b=(1, 1)),
                         bucket(a=(100, 8), c=(1, 1))),
            bucket(a=(100, 8), b=(1, 1), c=(1, 1)))

    def test_a_count_that_reaches_nought_leaves(self):
        self.assertEqual(
            self.resolve(bucket(a=(100, 8), b=(1, 1)),
                         bucket(a=(101, 8), b=(1, 1)), bucket(a=(100, 8))),
            bucket(a=(101, 8)))

    def test_counts_going_up_and_down_at_a_power_of_two_add_up(self):
        self.assertEqual(
            self.resolve(bucket(a=(64, 7)), bucket(a=(63, 7)),
                         bucket(a=(65, 7))),
            bucket(a=(64, 7)))

    def test_a_keyword_moved_by_one_is_where_it_moved(self):
        self.assertEqual(
            self.resolve(bucket(a=(111, 7)), bucket(a=(112, 8)),
                         bucket(a=(110, 7))),
            bucket(a=(111, 8)))

    def test_a_keyword_both_move_to_one_band_is_there(self):
        self.assertEqual(
            self.resolve(bucket(a=(111, 7)), bucket(a=(112, 8)),
                         bucket(a=(112, 8))),
            bucket(a=(113, 8)))

    def test_a_sum_outside_the_band_it_is_in_is_a_conflict(self):
        # One moved the keyword to band 2, which holds 1 to 3 uses.
        self.assertConflict(bucket(a=(3, 3)), bucket(a=(3, 2)),
                            bucket(a=(4, 3)))

    def test_moves_of_one_keyword_to_two_bands_are_a_conflict(self):
        self.assertConflict(bucket(a=(2, 3)), bucket(a=(7, 4)),
                            bucket(a=(1, 2)))

    def test_removal_racing_an_increment_is_a_conflict(self):
        # One save drops the last use, another adds one: the keyword would
        # stay counted but not be found.
        self.assertConflict(bucket(a=(1, 1), b=(9, 4)), bucket(b=(9, 4)),
                            bucket(a=(2, 2), b=(9, 4)))

    def test_a_keyword_both_add_is_a_conflict(self):
        # Each counted it as new.
        self.assertConflict(bucket(b=(9, 4)), bucket(a=(1, 1), b=(9, 4)),
                            bucket(a=(1, 1), b=(9, 4)))

    def test_removing_the_first_key_adds_up_if_none_comes_in_front(self):
        self.assertEqual(
            self.resolve(bucket(a=(1, 1), b=(9, 4)), bucket(b=(9, 4)),
                         bucket(a=(1, 1), b=(10, 4))),
            bucket(b=(10, 4)))

    def test_a_key_put_in_front_of_a_removed_first_key_is_a_conflict(self):
        self.assertConflict(bucket(b=(1, 1), c=(9, 4)), bucket(c=(9, 4)),
                            bucket(a=(1, 1), b=(1, 1), c=(9, 4)))

    def test_the_first_key_of_a_small_trees_only_bucket_may_go(self):
        self.assertEqual(
            self.resolve(bucket(b=(1, 1), c=(9, 4)), bucket(c=(9, 4)),
                         bucket(a=(1, 1), b=(1, 1), c=(9, 4)), inline=True),
            bucket(a=(1, 1), c=(9, 4)))

    def test_a_bucket_split_by_the_other_is_a_conflict(self):
        from ZODB.ConflictResolution import PersistentReference
        # The database hands over references to the next bucket, which
        # refuse to be compared with references to other objects.
        next_bucket = PersistentReference(b'\0' * 7 + b'\1')
        split_off = PersistentReference(b'\0' * 7 + b'\2')
        self.assertConflict(bucket(a=(1, 1), b=(9, 4)) + (next_bucket,),
                            bucket(a=(1, 1)) + (split_off,),
                            bucket(a=(1, 1), b=(10, 4)) + (next_bucket,))

    def test_changes_of_buckets_with_a_next_one_add_up(self):
        from ZODB.ConflictResolution import PersistentReference
        next_bucket = PersistentReference(b'\0' * 7 + b'\1')
        self.assertEqual(
            self.resolve(bucket(a=(100, 8), b=(5, 3)) + (next_bucket,),
                         bucket(a=(101, 8), b=(5, 3)) + (next_bucket,),
                         bucket(a=(102, 8), b=(5, 3)) + (next_bucket,)),
            bucket(a=(103, 8), b=(5, 3)) + (next_bucket,))


class CountTreeTests(unittest.TestCase):

    def test_a_tree_holding_its_only_bucket_adds_up_in_it(self):
        from formlib.keywordwidget.counts import CountTree
        from formlib.keywordwidget.counts import count_and_band
        from formlib.keywordwidget.counts import stored
        states = []
        for count in (100, 101, 102):
            tree = CountTree()
            tree[('a',)] = stored(count, 8)
            states.append(tree.__getstate__())
        merged = CountTree()
        merged.__setstate__(merged._p_resolveConflict(*states))
        self.assertEqual(count_and_band(merged[('a',)]), (103, 8))


def keys(count):
    return [('k%03d' % number, 'K%03d' % number) for number in range(count)]


class CountsTests(unittest.TestCase):

    def test_counts_are_spread_over_trees(self):
        from formlib.keywordwidget.counts import Counts
        counts = Counts()
        for key in keys(100):
            counts[key] = 1
        self.assertGreater(sum(1 for tree in counts.trees if tree), 50)

    def test_all_come_in_order_from_where_asked(self):
        from formlib.keywordwidget.counts import Counts
        counts = Counts(partitions=7)
        for number, key in enumerate(reversed(keys(100))):
            counts[key] = number
        self.assertEqual([key for key, _value in counts.items()], keys(100))
        self.assertEqual([key for key, _value in counts.items('k090')],
                         keys(100)[90:])

    def test_spellings_are_those_folded_alike(self):
        from formlib.keywordwidget.counts import Counts
        counts = Counts()
        for key in [('zope', 'Zope'), ('zope', 'zope'), ('zopes', 'Zopes')]:
            counts[key] = 1
        self.assertEqual([key for key, _value in counts.spellings('zope')],
                         [('zope', 'Zope'), ('zope', 'zope')])

    def test_a_count_removed_is_gone(self):
        from formlib.keywordwidget.counts import Counts
        counts = Counts()
        counts[('zope', 'Zope')] = 5
        del counts[('zope', 'Zope')]
        self.assertEqual(counts.get(('zope', 'Zope')), 0)
        self.assertEqual(list(counts.items()), [])


class CountsDatabaseTests(FileStorageTestCase):
    """Saves in a real FileStorage: a tree that splits a bucket."""

    def split_while_another_counts(self, partitions):
        """One save adds counts until buckets split, in every tree of
        counts but the last, if there are several; another changes a count
        in the last."""
        from formlib.keywordwidget.counts import Counts
        from formlib.keywordwidget.counts import count_and_band
        from formlib.keywordwidget.counts import stored
        manager, root = self.open()
        counts = root['counts'] = Counts(partitions)
        last = counts.trees[-1]
        for key in keys(100):
            counts[key] = stored(1, 1)
        manager.commit()
        counted = next(key for key in keys(100)
                       if counts.tree(key[0]) is last)
        added = [('n%03d' % number, 'N%03d' % number)
                 for number in range(400)]
        added = [key for key in added
                 if partitions == 1 or counts.tree(key[0]) is not last]
        first, first_root = self.open()
        second, second_root = self.open()
        for key in added:
            first_root['counts'][key] = stored(1, 1)
        second_root['counts'][counted] = stored(2, 2)
        first.commit()
        second.commit()
        manager, root = self.open()
        return count_and_band(root['counts'].get(counted))

    def test_a_tree_that_splits_conflicts_with_counts_in_it(self):
        from ZODB.POSException import ConflictError
        with self.assertRaises(ConflictError):
            self.split_while_another_counts(partitions=1)

    def test_counts_in_other_trees_do_not_conflict(self):
        self.assertEqual(self.split_while_another_counts(partitions=2),
                         (2, 2))
