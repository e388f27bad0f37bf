"""Smoke run of the site keyword benchmark at tiny sizes."""
import shutil
import tempfile
import unittest


class SiteKeywordBenchmarkTests(unittest.TestCase):

    def setUp(self):
        from keywordwidget_benchmarks.sitekeywords import measure_searches
        folder = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, folder)
        self.searches = [measure_searches(distinct, 10 * distinct, folder,
                                          queries=5)
                         for distinct in (30, 60)]

    def test_uses_add_up_to_the_total(self):
        from keywordwidget_benchmarks.sitekeywords import uses
        counts = uses(100, 1_000)
        self.assertEqual((len(counts), sum(counts), min(counts)),
                         (100, 1_000, 1))
        self.assertEqual(max(counts), counts[0])

    def test_searches_are_timed(self):
        for result in self.searches:
            for key in ('first', 'prefix_p95', 'most_used_p95'):
                self.assertGreater(result[key], 0, key)

    def test_search_view_answers_with_counts(self):
        from formlib.keywordwidget.usage import KeywordUsage
        from keywordwidget_benchmarks.sitekeywords import TaggedPage
        from keywordwidget_benchmarks.sitekeywords import search
        usage = KeywordUsage()
        usage.update(None, ['Python', 'Zope'])
        usage.update(None, ['Python'])
        self.assertEqual(search(TaggedPage(usage), ''), [
            {'token': 'Python', 'title': 'Python', 'count': 2},
            {'token': 'Zope', 'title': 'Zope', 'count': 1}])

    def test_report_gives_a_verdict_per_goal(self):
        from keywordwidget_benchmarks.sitekeywords import rst_report
        report = rst_report(self.searches, None)
        self.assertEqual(report.count('- PASS') + report.count('- FAIL'), 3)
        self.assertIn('| 60 / 600', report)
