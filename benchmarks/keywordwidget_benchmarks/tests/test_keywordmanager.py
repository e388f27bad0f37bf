"""Smoke run of the keyword manager benchmark at tiny sizes."""
import unittest


class KeywordManagerBenchmarkTests(unittest.TestCase):

    def test_merges_are_timed_in_the_demo(self):
        from keywordwidget_benchmarks.keywordmanager import measure_merges
        merges = measure_merges(sizes=(5, 10), articles=20, rounds=1)
        self.assertEqual([merge['size'] for merge in merges], [5, 10])
        for merge in merges:
            self.assertGreater(merge['seconds'], 0)
            self.assertGreater(merge['cpu'], 0)
            self.assertLessEqual(merge['merged'], merge['size'])

    def test_listings_are_timed_through_the_page(self):
        from keywordwidget_benchmarks.keywordmanager import measure_listing
        listing = measure_listing(distinct=200, uses=2_000, rounds=2)
        self.assertIn('most used, page 4', listing['cpu'])
        self.assertIn('filter \'e\', alphabet', listing['times'])
        for seconds in listing['times'].values():
            self.assertEqual(len(seconds), 2)

    def test_report_gives_a_verdict_per_goal(self):
        from keywordwidget_benchmarks.keywordmanager import rst_report
        merges = [{'size': 5, 'seconds': 0.1, 'cpu': 0.1, 'merged': 5},
                  {'size': 10, 'seconds': 0.3, 'cpu': 0.3, 'merged': 10}]
        listing = {'distinct': 200, 'uses': 2_000, 'build': 1.0,
                   'load': 1.0,
                   'times': {'most used, page 1': [0.01, 0.02]},
                   'cpu': {'most used, page 1': [0.01, 0.02]}}
        report = rst_report(merges, listing)
        self.assertIn('- PASS: merging a keyword used on 10 articles', report)
        self.assertIn('- FAIL: its cost grows linearly', report)
        self.assertIn('- PASS: listing and filtering 200 keywords', report)
