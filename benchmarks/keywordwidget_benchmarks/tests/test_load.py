"""Smoke run of the load benchmark: a few seconds, two editors, a small
demo, on FileStorage and ZEO, with and without the store."""
import functools
import json
import os
import subprocess
import sys
import unittest


@functools.cache
def smoke_run():
    """The load script's results, run as `make bench` runs it."""
    script = os.path.join(
        os.path.dirname(os.path.dirname(os.path.dirname(
            os.path.abspath(__file__)))), 'load.py')
    output = subprocess.run(
        [sys.executable, script, '--json', '--editors', '2',
         '--seconds', '2', '--single-saves', '2', '--articles', '40',
         '--edited', '8'],
        check=True, capture_output=True, text=True).stdout
    return json.loads(output)


class LoadSmokeTests(unittest.TestCase):

    def setUp(self):
        self.results = smoke_run()

    def test_runs_each_storage_with_and_without_the_store(self):
        self.assertEqual(
            [(result['storage'], result['store'])
             for result in self.results],
            [('FileStorage', True), ('FileStorage', False),
             ('ZEO', True), ('ZEO', False)])

    def test_editors_saved(self):
        for result in self.results:
            self.assertGreater(result['saves'], 0, result)

    def test_what_each_save_cost_is_told(self):
        for result in self.results:
            self.assertGreater(result['objects_per_save'], 0, result)
            self.assertGreater(result['kib_per_save'], 0, result)
            self.assertGreater(result['zope_cpu_per_save'], 0, result)
            self.assertEqual(result['zeo_cpu_per_save'] is not None,
                             result['storage'] == 'ZEO', result)

    def test_no_save_failed(self):
        for result in self.results:
            self.assertEqual(result['failed'], 0, result['outcomes'])

    def test_every_save_landed_and_counts_equal_a_recount(self):
        for result in self.results:
            self.assertEqual(result['problems'], [], result['storage'])


class RecountTests(unittest.TestCase):
    """The check after the load finds what is wrong."""

    def test_a_count_that_differs_from_the_recount_is_named(self):
        from keywordwidget_benchmarks.load import compare_counts
        self.assertEqual(
            compare_counts('store', {'Python': 2, 'Zope': 1},
                           {'Python': 3, 'Plone': 1, 'Zope': 1}),
            ["store counts 'Plone' 1 times, the articles 0 times",
             "store counts 'Python' 3 times, the articles 2 times"])

    def test_a_search_that_disagrees_with_the_counts_is_named(self):
        from formlib.keywordwidget.counts import stored
        from formlib.keywordwidget.usage import KeywordUsage
        from keywordwidget_benchmarks.load import usage_problems
        usage = KeywordUsage()
        usage.update(None, ['Python', 'Zope'])
        self.assertEqual(usage_problems(usage), [])
        # A band change that reached the counts only.
        usage.counts[('python', 'Python')] = stored(30, 5)
        self.assertEqual(usage_problems(usage), [
            'the ranked search disagrees with the counts'])
        # A count outside its band.
        usage.counts[('python', 'Python')] = stored(30, 1)
        self.assertEqual(usage_problems(usage), [
            "'Python' is used 30 times, ranked in band 1"])

    def test_outcomes_are_told_by_kind(self):
        from keywordwidget_benchmarks.load import outcome_lines
        self.assertEqual(outcome_lines({
            'retried ConflictError': 5, 'failed ConflictError': 2,
            'save: 500': 2,
            'unresolved conflict: OOSet, Delete of first key': 3,
            'unresolved conflict: OOSet, Conflicting bucket split': 1,
            'unresolved conflict: CountBucket, keyword changed band': 2,
            'conflict at usage.counts (bucket)': 4}), [
            'retried: ConflictError 5', 'failed saves: save: 500 2',
            'conflicts the database could not resolve: OOSet, Delete of'
            ' first key 3, CountBucket, keyword changed band 2, OOSet,'
            ' Conflicting bucket split 1',
            'conflicts (retried or failed) by place: usage.counts (bucket)'
            ' 4'])
