"""Smoke run of the keystroke benchmark: a few queries on the test layer's
demo site."""
from formlib.keywordwidget.testing import ZOPE_BROWSER_LAYER
from formlib.keywordwidget.tests.browser import BrowserTestCase


class KeystrokeBenchmarkTests(BrowserTestCase):

    layer = ZOPE_BROWSER_LAYER
    user = 'editor'

    def setUp(self):
        super().setUp()
        from keywordwidget_benchmarks.keystrokes import measure
        from keywordwidget_benchmarks.keystrokes import queries
        self.texts = queries(3)
        self.results = measure(
            self.page, self.layer.url, self.texts, key_delay=0)

    def test_queries_are_prefixes_of_the_demos_keywords(self):
        from keywordwidget_benchmarks.keystrokes import queries
        texts = queries(25)
        self.assertEqual(25, len(set(texts)))
        self.assertTrue(all(2 <= len(text) <= 5 for text in texts))
        self.assertEqual(self.texts, texts[:3])

    def test_each_query_is_timed_with_its_request(self):
        self.assertEqual(self.texts, [
            result['query'] for result in self.results])
        for result in self.results:
            self.assertGreater(result['total'], result['request'])
            self.assertGreater(result['request'], 0)

    def test_report_gives_the_figures_and_a_verdict(self):
        from keywordwidget_benchmarks.keystrokes import rst_report
        from keywordwidget_benchmarks.keystrokes import summary
        report = rst_report(summary(self.results), 0, 50)
        self.assertIn('|       3 |', report)
        self.assertEqual(1, report.count('- PASS') + report.count('- FAIL'))
