"""Likely duplicates of the keywords a page shows."""
import unittest


def store(**counts):
    """A store of keywords used as often as given (``_`` is a space)."""
    from formlib.keywordwidget.sitekeywords import KeywordUsageStore
    from formlib.keywordwidget.usage import KeywordUsage
    made = KeywordUsageStore()
    made.usage = KeywordUsage()
    for keyword, count in counts.items():
        made.usage.change(keyword.replace('_', ' '), count)
    return made


class EditsTests(unittest.TestCase):

    def edits(self, first, second, most=2):
        from formlib.keywordwidget.duplicates import edits
        return edits(first, second, most)

    def test_equal_keys_need_none(self):
        self.assertEqual(self.edits('python', 'python'), 0)

    def test_swapped_neighbours_are_one_edit(self):
        self.assertEqual(self.edits('pyhton', 'python'), 1)

    def test_a_letter_added_dropped_or_changed_is_one_edit(self):
        self.assertEqual([self.edits('colour', 'color'),
                          self.edits('color', 'colour'),
                          self.edits('pythin', 'python')], [1, 1, 1])

    def test_more_than_allowed_is_most_plus_one(self):
        self.assertEqual(self.edits('kitten', 'sitting', most=2), 3)
        self.assertEqual(self.edits('zope', 'plone', most=1), 2)


class AlikeTests(unittest.TestCase):

    def alike(self, first, second):
        from formlib.keywordwidget.duplicates import alike
        from formlib.keywordwidget.normalize import search_key
        return alike(search_key(first), search_key(second))

    def test_case_accents_and_spacing_do_not_count(self):
        self.assertTrue(self.alike('Café', 'cafe'))
        self.assertTrue(self.alike('Zope  Sprint', 'zope sprint'))

    def test_a_typing_slip_in_a_longer_keyword(self):
        self.assertTrue(self.alike('Pyhton', 'Python'))
        self.assertTrue(self.alike('e-mail', 'email'))

    def test_two_slips_in_a_long_keyword(self):
        self.assertTrue(self.alike('Javscript', 'JavaScript'))
        self.assertTrue(self.alike('Elasticsaerch', 'ElasticSearch'))

    def test_two_slips_in_a_shorter_keyword_are_another_keyword(self):
        self.assertFalse(self.alike('Jvascrpt', 'JavaScript'))

    def test_short_keywords_differing_in_a_letter_are_different(self):
        self.assertFalse(self.alike('Zope', 'Rope'))

    def test_different_numbers_are_different_keywords(self):
        self.assertFalse(self.alike('Zope 4', 'Zope 5'))
        self.assertFalse(self.alike('Python', 'Python 3'))
        self.assertTrue(self.alike('Python3', 'Python 3'))


class LikelyDuplicatesTests(unittest.TestCase):

    def duplicates(self, made, *shown):
        from formlib.keywordwidget.duplicates import likely_duplicates
        return likely_duplicates(
            made, [(keyword, made.count(keyword)) for keyword in shown])

    def test_a_group_has_the_most_used_first_with_counts(self):
        made = store(Python=300, Pyhton=2, python=5, Zope=40)
        self.assertEqual(self.duplicates(made, 'Pyhton', 'Zope'), [
            [('Python', 300), ('python', 5), ('Pyhton', 2)]])

    def test_the_popular_spelling_finds_its_rare_slips(self):
        # Slips used once rank last in any search: they are looked up.
        made = store(Python=300, Pyhton=1, Pyton=1, Pythno=1, **{
            'Python_%d' % number: 10 for number in range(40)})
        self.assertEqual(self.duplicates(made, 'Python'), [
            [('Python', 300), ('Pyhton', 1), ('Pythno', 1), ('Pyton', 1)]])

    def test_a_longer_spelling_after_it_alphabetically(self):
        made = store(Color=9, Colorado=3, Colors=2, Colour=4)
        self.assertEqual(self.duplicates(made, 'Color'), [
            [('Color', 9), ('Colour', 4), ('Colors', 2)]])

    def test_accents_are_found_both_ways(self):
        made = store(Café=3, Cafe=1, Cafeteria=7)
        self.assertEqual(self.duplicates(made, 'Cafe'),
                         [[('Café', 3), ('Cafe', 1)]])
        self.assertEqual(self.duplicates(made, 'Café'),
                         [[('Café', 3), ('Cafe', 1)]])

    def test_groups_come_in_the_order_shown_each_once(self):
        made = store(Zope=40, zope=1, Python=300, Pyhton=2)
        self.assertEqual(self.duplicates(made, 'Zope', 'Python', 'Pyhton'), [
            [('Zope', 40), ('zope', 1)], [('Python', 300), ('Pyhton', 2)]])

    def test_keywords_without_duplicates_make_no_group(self):
        made = store(Zope=40, Plone=30, Rope=2)
        self.assertEqual(self.duplicates(made, 'Zope', 'Plone'), [])
