"""Counts of keyword uses that concurrent transactions add up."""
import unittest


class LevelTests(unittest.TestCase):

    def test_none_and_one_are_bands_of_their_own(self):
        from formlib.keywordwidget.counts import level
        self.assertEqual([level(count) for count in range(5)],
                         [0, 1, 2, 2, 3])

    def test_bands_grow_with_the_count(self):
        from formlib.keywordwidget.counts import level
        levels = [level(count) for count in range(1, 100_000)]
        self.assertEqual(levels, sorted(levels))

    def test_a_popular_keyword_changes_band_rarely(self):
        from formlib.keywordwidget.counts import level
        self.assertEqual(len({level(count) for count in range(1024, 2048)}),
                         1)


def bucket(**counts):
    """A bucket's state with (keyword,) keys."""
    data = []
    for keyword, count in sorted(counts.items()):
        data.extend(((keyword,), count))
    return (tuple(data),)


class ResolveTests(unittest.TestCase):

    def resolve(self, old, committed, new):
        from formlib.keywordwidget.counts import resolve_counts
        return resolve_counts(old, committed, new)

    def test_changes_of_one_count_add_up(self):
        self.assertEqual(
            self.resolve(bucket(a=100, b=5), bucket(a=101, b=5),
                         bucket(a=102, b=4)),
            bucket(a=103, b=4))

    def test_keywords_added_by_both_are_kept(self):
        self.assertEqual(
            self.resolve(bucket(a=100), bucket(a=100, b=1),
                         bucket(a=100, c=1)),
            bucket(a=100, b=1, c=1))

    def test_a_count_that_reaches_nought_leaves(self):
        self.assertEqual(
            self.resolve(bucket(a=100, b=1), bucket(a=101, b=1),
                         bucket(a=100)),
            bucket(a=101))

    def test_a_merge_that_changes_band_unseen_is_a_conflict(self):
        from ZODB.POSException import ConflictError
        # 31 and 30 are in one band, 32 in the next: neither transaction
        # moved the keyword to the band of the sum.
        with self.assertRaises(ConflictError):
            self.resolve(bucket(a=29), bucket(a=31), bucket(a=30))

    def test_two_moves_of_one_keyword_are_a_conflict(self):
        from ZODB.POSException import ConflictError
        with self.assertRaises(ConflictError):
            self.resolve(bucket(a=1, b=9), bucket(a=2, b=9),
                         bucket(a=2, b=9))

    def test_removal_racing_an_increment_is_a_conflict(self):
        from ZODB.POSException import ConflictError
        # One save drops the last use, another adds one: the keyword would
        # stay counted but not be found.
        with self.assertRaises(ConflictError):
            self.resolve(bucket(a=1, b=9), bucket(b=9), bucket(a=2, b=9))

    def test_deleting_the_first_key_is_left_to_a_retry(self):
        from ZODB.POSException import ConflictError
        with self.assertRaises(ConflictError):
            self.resolve(bucket(a=1, b=9), bucket(b=9), bucket(a=1, b=10))

    def test_a_bucket_split_by_the_other_is_a_conflict(self):
        from ZODB.ConflictResolution import PersistentReference
        from ZODB.POSException import ConflictError
        # The database hands over references to the next bucket, which
        # refuse to be compared with references to other objects.
        next_bucket = PersistentReference(b'\0' * 7 + b'\1')
        split_off = PersistentReference(b'\0' * 7 + b'\2')
        with self.assertRaises(ConflictError):
            self.resolve(bucket(a=1, b=9) + (next_bucket,),
                         bucket(a=1) + (split_off,),
                         bucket(a=1, b=10) + (next_bucket,))

    def test_changes_of_buckets_with_a_next_one_add_up(self):
        from ZODB.ConflictResolution import PersistentReference
        next_bucket = PersistentReference(b'\0' * 7 + b'\1')
        self.assertEqual(
            self.resolve(bucket(a=100, b=5) + (next_bucket,),
                         bucket(a=101, b=5) + (next_bucket,),
                         bucket(a=102, b=5) + (next_bucket,)),
            bucket(a=103, b=5) + (next_bucket,))
