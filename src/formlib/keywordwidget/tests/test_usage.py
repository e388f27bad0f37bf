"""Keyword usage: counts, and a search ranked by them."""
import unittest
import unittest.mock


def usage(**counts):
    from formlib.keywordwidget.usage import KeywordUsage
    made = KeywordUsage()
    for keyword, count in counts.items():
        made.change(keyword.replace('_', ' '), count)
    return made


class UpdateTests(unittest.TestCase):

    def test_an_objects_keywords_are_counted_once_each(self):
        from formlib.keywordwidget.usage import KeywordUsage
        made = KeywordUsage()
        made.update(None, ['Python', 'Zope'])
        made.update(None, ['Python'])
        self.assertEqual((made.count('Python'), made.count('Zope')), (2, 1))

    def test_changed_keywords_move_their_counts(self):
        made = usage(Python=2, Zope=1)
        made.update(['Python', 'Zope'], ['Python', 'Plone'])
        self.assertEqual(
            [made.count(keyword) for keyword in ('Python', 'Zope', 'Plone')],
            [2, 0, 1])

    def test_a_keyword_no_object_uses_is_not_found(self):
        made = usage(Python=1, Pyramid=1)
        made.update(['Python'], None)
        self.assertEqual(made.search('py', 20), [('Pyramid', 1)])
        self.assertEqual(len(made), 1)

    def test_spellings_are_counted_apart(self):
        made = usage(zope=1, Zope=3)
        self.assertEqual((made.count('zope'), made.count('Zope')), (1, 3))

    def test_what_is_no_text_is_not_counted(self):
        made = usage()
        made.update(None, [42, 'Python'])
        self.assertEqual((made.count(42), len(made)), (0, 1))

    def test_counting_below_nought_is_refused(self):
        with self.assertRaises(ValueError):
            usage(Python=1).change('Python', -2)


class SearchTests(unittest.TestCase):

    def test_empty_query_answers_the_most_used_first(self):
        made = usage(Python=5, Zope=300, Plone=12, Rust=1)
        self.assertEqual(made.search('', 3),
                         [('Zope', 300), ('Plone', 12), ('Python', 5)])

    def test_equal_ignoring_case_comes_first(self):
        made = usage(Pythonic=90, python=1, Python=3)
        self.assertEqual(made.search('PYTHON', 20),
                         [('Python', 3), ('python', 1), ('Pythonic', 90)])

    def test_starting_with_the_query_comes_before_later_words(self):
        made = usage(Zope_testing=1, Testing=2, Unit_testing_tools=50)
        self.assertEqual(
            [keyword for keyword, _count in made.search('test', 20)],
            ['Testing', 'Unit testing tools', 'Zope testing'])

    def test_later_words_come_before_inner_matches(self):
        made = usage(Contesting=80, Zope_testing=1)
        self.assertEqual(
            [keyword for keyword, _count in made.search('test', 20)],
            ['Zope testing', 'Contesting'])

    def test_each_part_is_ranked_by_use(self):
        made = usage(Pyramid=10, Python=300, Pylons=40)
        self.assertEqual(made.search('py', 20),
                         [('Python', 300), ('Pylons', 40), ('Pyramid', 10)])

    def test_ties_come_alphabetically(self):
        made = usage(Pyramid=2, Python=2, Pylons=2)
        self.assertEqual([keyword for keyword, _ in made.search('py', 20)],
                         ['Pylons', 'Pyramid', 'Python'])

    def test_counts_in_one_band_are_ranked_exactly(self):
        made = usage(Pyramid=1010, Python=1100, Pylons=1050)
        self.assertEqual([count for _keyword, count in made.search('p', 2)],
                         [1100, 1050])

    def test_case_accents_and_spaces_do_not_count(self):
        made = usage(Zürich_Zope_Sprint=4)
        self.assertEqual(made.search('zurich  zope', 20),
                         [('Zürich Zope Sprint', 4)])

    def test_a_keyword_matching_twice_is_listed_once(self):
        made = usage(Banana=3)
        self.assertEqual(made.search('an', 20), [('Banana', 3)])

    def test_at_most_limit_keywords(self):
        made = usage(**{'Python%d' % number: number
                        for number in range(1, 60)})
        found = made.search('python', 20)
        self.assertEqual(len(found), 20)
        self.assertEqual(found[0], ('Python59', 59))

    def test_no_match_finds_nothing(self):
        self.assertEqual(usage(Python=1).search('java', 20), [])


class ContainingTests(unittest.TestCase):
    """Keywords that contain the query further in than a word start."""

    def test_are_ranked_by_use(self):
        made = usage(Contesting=1, Protest=5, Attestation=3)
        self.assertEqual(made.search('test', 20),
                         [('Protest', 5), ('Attestation', 3),
                          ('Contesting', 1)])

    def test_are_found_by_queries_longer_than_a_gram(self):
        made = usage(Contesting=2, Zope_testing=1, Estonia=9)
        self.assertEqual(made.search('esting', 20),
                         [('Contesting', 2), ('Zope testing', 1)])

    def test_are_found_at_the_end(self):
        made = usage(Python=3, Pylons=1, Onion=5)
        self.assertEqual(made.search('on', 20),
                         [('Onion', 5), ('Python', 3), ('Pylons', 1)])

    def test_are_found_across_words(self):
        made = usage(Zope_testing=1, Zope=2)
        self.assertEqual(made.search('pe te', 20), [('Zope testing', 1)])

    def test_ties_come_alphabetically(self):
        made = usage(Zope_testing=1, CPython=1, Zope=2)
        self.assertEqual(made.search('p', 20),
                         [('Zope', 2), ('CPython', 1), ('Zope testing', 1)])

    def test_a_keyword_no_object_uses_is_not_found(self):
        made = usage(Python=1, Jython=1)
        made.update(['Jython'], None)
        self.assertEqual(made.search('yth', 20), [('Python', 1)])

    def test_a_keyword_used_again_is_found_again(self):
        made = usage(Python=1)
        made.update(['Python'], None)
        made.update(None, ['Python'])
        self.assertEqual(made.search('ytho', 20), [('Python', 1)])

    def test_a_keyword_is_found_after_its_count_changed_band(self):
        made = usage(Python=1, Jython=3)
        made.change('Python', 40)
        self.assertEqual(made.search('yth', 20),
                         [('Python', 41), ('Jython', 3)])

    def test_the_most_used_that_contain_the_query_come_first(self):
        made = usage(**{'Atest%02d' % number: 1 for number in range(30)})
        made.change('Ztest', 2)
        with unittest.mock.patch.multiple(
                'formlib.keywordwidget.usage',
                MOST_USED_SEARCHED=5, GRAM_ENTRIES_SEARCHED=3):
            found = made.search('test', 20)
        self.assertEqual(found[0], ('Ztest', 2))

    def test_less_used_ones_are_found_by_their_grams(self):
        made = usage(Alpha=5, Beta=4, Contesting=1)
        with unittest.mock.patch(
                'formlib.keywordwidget.usage.MOST_USED_SEARCHED', 2):
            self.assertEqual(made.search('test', 20), [('Contesting', 1)])

    def test_later_words_of_less_used_ones_come_before_inner_matches(self):
        made = usage(Alpha=5, Beta=4, Zope_testing=1, Unit_testing_tools=3,
                     Contesting=9)
        with unittest.mock.patch(
                'formlib.keywordwidget.usage.MOST_USED_SEARCHED', 2):
            self.assertEqual(made.search('test', 20),
                             [('Unit testing tools', 3), ('Zope testing', 1),
                              ('Contesting', 9)])

    def test_a_later_word_is_found_however_many_contain_the_query(self):
        made = usage(**{'Atest%02d' % number: 1 for number in range(30)})
        made.change('Zope testing', 1)
        with unittest.mock.patch.multiple(
                'formlib.keywordwidget.usage',
                MOST_USED_SEARCHED=2, GRAM_ENTRIES_SEARCHED=3):
            found = made.search('test', 20)
        self.assertEqual(found[0], ('Zope testing', 1))

    def test_are_found_by_the_gram_of_the_query_fewest_have(self):
        made = usage(**{'Atest%d' % number: 1 for number in range(6)})
        made.change('Zoxtesq', 1)
        with unittest.mock.patch.multiple(
                'formlib.keywordwidget.usage',
                MOST_USED_SEARCHED=2, GRAM_ENTRIES_SEARCHED=3):
            self.assertEqual(made.search('tesq', 20), [('Zoxtesq', 1)])

    def test_no_search_ranks_more_than_its_bounds(self):
        made = usage(**{'Atest%02d' % number: 1 for number in range(30)})
        with unittest.mock.patch.multiple(
                'formlib.keywordwidget.usage',
                MOST_USED_SEARCHED=2, GRAM_ENTRIES_SEARCHED=3):
            found = made.search('test', 20)
        # The two most used, and the one more the first three entries of
        # the gram "tes" name.
        self.assertEqual([keyword for keyword, _count in found],
                         ['Atest00', 'Atest01', 'Atest02'])


class AliasTests(unittest.TestCase):

    def test_spellings_are_the_keywords_equal_ignoring_case(self):
        made = usage(python=2, Python=30, PYTHON=1, Jython=5)
        self.assertEqual(made.spellings('pYTHON'),
                         [('Python', 30), ('python', 2), ('PYTHON', 1)])

    def test_alias_is_looked_up_ignoring_case(self):
        made = usage(Python=1)
        # What the keyword manager stores when it merges "Pyhton".
        made.aliases['pyhton'] = 'Python'
        self.assertEqual(made.alias('PYHTON'), 'Python')
        self.assertIsNone(made.alias('Python'))

    def test_an_added_alias_stands_for_its_keyword(self):
        made = usage(Python=1)
        made.add_alias('Pyhton', 'Python')
        self.assertEqual(made.alias('pyhton'), 'Python')
        self.assertEqual(list(made.aliases.items()), [('pyhton', 'Python')])

    def test_a_zope_catalog_index_cleared_to_be_rebuilt_keeps_them(self):
        # zope.catalog's updateIndexes clears an index, then indexes every
        # object again: the counts come back, the aliases would not.
        from formlib.keywordwidget.catalog import KeywordUsageIndex
        index = KeywordUsageIndex('keywords')
        index.index_doc(1, ['Python'])
        index.usage.add_alias('Pyhton', 'Python')
        index.clear()
        self.assertEqual((index.usage.count('Python'),
                          index.usage.alias('pyhton')), (0, 'Python'))

    def test_a_removed_alias_stands_for_nothing(self):
        made = usage(Python=1)
        made.add_alias('Pyhton', 'Python')
        made.remove_alias('PYHTON')
        made.remove_alias('never an alias')
        self.assertIsNone(made.alias('Pyhton'))


class KeywordsTests(unittest.TestCase):

    def test_keywords_come_alphabetically_ignoring_case(self):
        made = usage(zope=1, Python=3, Zope=2, plone=4)
        self.assertEqual(list(made.keywords()),
                         ['plone', 'Python', 'Zope', 'zope'])

    def test_a_keyword_is_listed_once_whatever_its_count(self):
        made = usage(Python=1, Zope=2)
        made.change('Python', 40)
        made.change('Zope', -2)
        made.change('Plone', 1)
        self.assertEqual(list(made.keywords()), ['Plone', 'Python'])

    def test_keywords_that_sort_last_are_listed(self):
        # U+10FFFF is the greatest character there is.
        made = usage(abc=1, **{'\U0010ffffx': 1, '\U0010ffff': 1})
        self.assertEqual(list(made.keywords('\U0010ffff')),
                         ['\U0010ffff', '\U0010ffffx'])

    def test_keywords_start_where_asked(self):
        made = usage(Plone=4, Python=3, Zope=2)
        self.assertEqual(list(made.keywords('PY')), ['Python', 'Zope'])
        self.assertEqual(list(made.keywords('zz')), [])
