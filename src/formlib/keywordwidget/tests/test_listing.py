"""A page of a store's keywords, filtered and ordered."""
import unittest

from formlib.keywordwidget.tests.test_duplicates import store


def page(made, query='', order='use', number=1, size=2):
    from formlib.keywordwidget.listing import KeywordPage
    return KeywordPage(made, query, order, number, size)


class KeywordPageTests(unittest.TestCase):

    def setUp(self):
        self.store = store(Python=30, Zope=20, Plone=25, Pyramid=2, zope=1)

    def test_most_used_first(self):
        listed = page(self.store, size=3)
        self.assertEqual(listed.rows,
                         [('Python', 30), ('Plone', 25), ('Zope', 20)])
        self.assertEqual((listed.first, listed.last, listed.total,
                          listed.pages), (1, 3, 5, 2))

    def test_a_later_page_most_used_first(self):
        listed = page(self.store, number=2)
        self.assertEqual(listed.rows, [('Zope', 20), ('Pyramid', 2)])
        self.assertEqual((listed.first, listed.last), (3, 4))

    def test_alphabetically_ignoring_case(self):
        listed = page(self.store, order='alphabet', number=3)
        self.assertEqual(listed.rows, [('zope', 1)])
        self.assertEqual(page(self.store, order='alphabet', number=2).rows,
                         [('Python', 30), ('Zope', 20)])

    def test_a_page_past_the_last_is_the_last(self):
        listed = page(self.store, number=99)
        self.assertEqual((listed.number, listed.rows), (3, [('zope', 1)]))

    def test_an_unknown_order_is_most_used_first(self):
        self.assertEqual(page(self.store, order='random').order, 'use')

    def test_filter_lists_what_the_search_matches_in_its_order(self):
        listed = page(self.store, query=' py ', size=10)
        self.assertEqual(listed.rows, [('Python', 30), ('Pyramid', 2)])
        self.assertEqual((listed.query, listed.total), ('py', 2))

    def test_filter_alphabetically(self):
        listed = page(self.store, query='o', order='alphabet', size=10)
        self.assertEqual([keyword for keyword, _count in listed.rows],
                         ['Plone', 'Python', 'Zope', 'zope'])

    def rank_at_most(self, keywords):
        from formlib.keywordwidget import listing
        self.addCleanup(setattr, listing, 'MOST_RANKED', listing.MOST_RANKED)
        listing.MOST_RANKED = keywords

    def test_filter_lists_the_best_matches_and_says_there_are_more(self):
        self.rank_at_most(20)
        made = store(**{'Python%d' % number: number
                        for number in range(1, 30)})
        listed = page(made, query='python', size=50)
        self.assertTrue(listed.capped)
        self.assertEqual((listed.total, listed.all), (20, 29))
        self.assertEqual(listed.rows[0], ('Python29', 29))
        self.assertEqual(len(listed.rows), 20)

    def test_most_used_lists_the_most_used_and_says_there_are_more(self):
        self.rank_at_most(3)
        listed = page(self.store, number=2)
        self.assertTrue(listed.capped)
        self.assertEqual((listed.total, listed.pages), (3, 2))
        self.assertEqual(listed.rows, [('Zope', 20)])

    def test_alphabetically_all_are_listed(self):
        self.rank_at_most(3)
        listed = page(self.store, order='alphabet', number=3)
        self.assertFalse(listed.capped)
        self.assertEqual(listed.rows, [('zope', 1)])

    def test_nothing_matches(self):
        listed = page(self.store, query='java')
        self.assertEqual((listed.rows, listed.first, listed.pages),
                         ([], 0, 1))

    def test_aliases_matching_the_filter(self):
        self.store.add_alias('Pyhton', 'Python')
        self.store.add_alias('Zopee', 'Zope')
        self.assertEqual(page(self.store, query='PYTHON').aliases,
                         [('pyhton', 'Python')])
        self.assertEqual(page(self.store).aliases,
                         [('pyhton', 'Python'), ('zopee', 'Zope')])

    def test_aliases_listed_at_most_and_how_many_more(self):
        from formlib.keywordwidget import listing
        for number in range(5):
            self.store.add_alias('Alias %d' % number, 'Zope')
        most = listing.MOST_ALIASES
        listing.MOST_ALIASES = 3
        self.addCleanup(setattr, listing, 'MOST_ALIASES', most)
        listed = page(self.store)
        self.assertEqual((len(listed.aliases), listed.more_aliases), (3, 2))
