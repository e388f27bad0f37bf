"""Smoke run of the paste benchmark: small columns on the test layer's
demo site."""
from formlib.keywordwidget.testing import ZOPE_BROWSER_LAYER
from formlib.keywordwidget.tests.browser import BrowserTestCase


class PasteBenchmarkTests(BrowserTestCase):

    layer = ZOPE_BROWSER_LAYER
    user = 'editor'

    def test_each_column_is_pasted_whole_and_timed(self):
        from keywordwidget_benchmarks.paste import measure
        results = measure(self.page, self.layer.url, (3, 20))
        self.assertEqual([3, 20], [result['lines'] for result in results])
        for result in results:
            self.assertGreater(result['seconds'], 0)

    def test_column_is_copied_as_a_spreadsheet_copies_it(self):
        from keywordwidget_benchmarks.paste import column
        self.assertEqual(
            'Pasted keyword 00000\r\nPasted keyword 00001\r\n', column(2))

    def test_report_gives_the_figures_and_a_verdict(self):
        from keywordwidget_benchmarks.paste import rst_report
        report = rst_report([{'lines': 100, 'seconds': 0.05},
                             {'lines': 2000, 'seconds': 0.5}])
        self.assertIn('|  2000 |    0.50 |', report)
        self.assertIn('- PASS: pasting a column of 2,000 keywords', report)
        self.assertEqual(1, report.count('- PASS') + report.count('- FAIL'))
