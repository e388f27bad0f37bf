"""The benchmark's tables, docs page and plot, from a run at tiny sizes."""
import contextlib
import io
import os
import shutil
import tempfile
import unittest

from keywordwidget_benchmarks.tests.test_benchmark import BENCHMARK_LAYER
from keywordwidget_benchmarks.tests.test_benchmark import TINY_SIZES
from keywordwidget_benchmarks.tests.test_benchmark import shared_run


PAGE = """Performance
===========

Hand-written text stays.

.. begin benchmark results (written by make bench, do not edit)

old results

.. end benchmark results

Text after the results stays too.
"""


class ReportTests(unittest.TestCase):

    layer = BENCHMARK_LAYER

    def setUp(self):
        from keywordwidget_benchmarks.goals import goals
        self.results = shared_run()
        self.goals = goals(self.results)
        self.folder = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.folder)

    def _page(self, text=PAGE):
        path = os.path.join(self.folder, 'performance.rst')
        with open(path, 'w', encoding='utf-8') as page:
            page.write(text)
        return path

    def _read(self, path):
        with open(path, encoding='utf-8') as page:
            return page.read()

    def test_text_report_has_a_row_per_contender(self):
        from keywordwidget_benchmarks.benchmark import OPERATIONS
        from keywordwidget_benchmarks.report import text_report
        text = text_report(self.results, self.goals)
        for contenders in OPERATIONS.values():
            for contender in contenders:
                self.assertIn(contender.label, text)

    def test_text_report_has_a_column_per_size(self):
        from keywordwidget_benchmarks.report import text_report
        text = text_report(self.results, self.goals)
        self.assertIn('20 / 2', text)
        self.assertIn('40 / 4', text)

    def test_text_report_gives_a_verdict_per_goal(self):
        from keywordwidget_benchmarks.report import text_report
        text = text_report(self.results, self.goals)
        for goal in self.goals:
            self.assertIn('%s  %s' % (goal.verdict, goal.text), text)

    def test_cell_shows_how_many_times_ours_a_stock_widget_takes(self):
        from keywordwidget_benchmarks.report import cell
        from keywordwidget_benchmarks.report import milliseconds
        ratio = self.results.ratio('edit', 'default', 40)
        text = cell(
            self.results, 'edit', 'default', 40, milliseconds, 'ours')
        self.assertIn('(%.2fx)' % ratio if ratio < 10 else '(%.0fx)' % ratio,
                      text)

    def test_cell_without_baseline_shows_no_ratio(self):
        from keywordwidget_benchmarks.report import cell
        from keywordwidget_benchmarks.report import milliseconds
        text = cell(self.results, 'edit', 'ours', 40, milliseconds)
        self.assertNotIn('x)', text)

    def test_cell_shows_why_a_measurement_is_missing(self):
        from keywordwidget_benchmarks.benchmark import Measurement
        from keywordwidget_benchmarks.benchmark import Results
        from keywordwidget_benchmarks.report import cell
        from keywordwidget_benchmarks.report import milliseconds
        results = Results((40,))
        results.add(Measurement('edit', 'default', 40, note='skipped'))
        self.assertEqual(
            cell(results, 'edit', 'default', 40, milliseconds), 'skipped')

    def test_grid_table_lines_have_one_width(self):
        from keywordwidget_benchmarks.report import grid_table
        from keywordwidget_benchmarks.report import tables
        for table in tables(self.results):
            lines = grid_table(table).splitlines()
            self.assertEqual(len({len(line) for line in lines}), 1, lines)

    def test_grid_table_has_a_line_per_row(self):
        from keywordwidget_benchmarks.report import grid_table
        from keywordwidget_benchmarks.report import tables
        table = tables(self.results)[0]
        lines = grid_table(table).splitlines()
        self.assertEqual(len(lines), 3 + 2 * len(table.rows))

    def test_update_page_replaces_the_results(self):
        from keywordwidget_benchmarks.report import update_page
        path = self._page()
        update_page(path, 'new results')
        text = self._read(path)
        self.assertIn('new results', text)
        self.assertNotIn('old results', text)

    def test_update_page_keeps_the_hand_written_text(self):
        from keywordwidget_benchmarks.report import update_page
        path = self._page()
        update_page(path, 'new results')
        text = self._read(path)
        self.assertTrue(text.startswith(PAGE.split('.. begin')[0]))
        self.assertTrue(text.endswith(PAGE.split('results\n')[-1]))

    def test_update_page_twice_gives_the_same_page(self):
        from keywordwidget_benchmarks.report import update_page
        path = self._page()
        update_page(path, 'new results')
        once = self._read(path)
        update_page(path, 'new results')
        self.assertEqual(self._read(path), once)

    def test_update_page_without_markers_says_so(self):
        from keywordwidget_benchmarks.report import update_page
        path = self._page('Performance\n===========\n')
        with self.assertRaises(ValueError) as raised:
            update_page(path, 'new results')
        self.assertIn('lacks the markers', str(raised.exception))

    def test_rst_report_shows_the_plot(self):
        from keywordwidget_benchmarks.report import rst_report
        self.assertIn('.. image:: _static/benchmark.png',
                      rst_report(self.results, self.goals))

    def test_plot_writes_a_png(self):
        from keywordwidget_benchmarks.report import plot
        path = os.path.join(self.folder, 'benchmark.png')
        plot(self.results, path)
        with open(path, 'rb') as image:
            self.assertEqual(image.read(8), b'\x89PNG\r\n\x1a\n')

    def test_main_updates_the_docs_page_and_plot(self):
        from keywordwidget_benchmarks.report import main
        path = self._page()
        os.mkdir(os.path.join(self.folder, '_static'))
        output = io.StringIO()
        with contextlib.redirect_stdout(output), \
                contextlib.redirect_stderr(io.StringIO()):
            status = main([
                '--sizes', ','.join(map(str, TINY_SIZES)), '--budget', '0',
                '--queries', '3', '--no-restart', '--docs', self.folder])
        self.assertIn(status, (0, 1))
        self.assertIn('Goals', output.getvalue())
        self.assertIn('**Edit render, ms**', self._read(path))
        self.assertTrue(os.path.exists(
            os.path.join(self.folder, '_static', 'benchmark.png')))

    def test_restart_table_has_a_column_per_vocabulary(self):
        from keywordwidget_benchmarks.benchmark import Measurement
        from keywordwidget_benchmarks.benchmark import Results
        from keywordwidget_benchmarks.report import restart_table
        results = Results((40,))
        results.add(Measurement('restart-first', 'cold', 40, 0.002, 1))
        results.add(Measurement('restart-first', 'pause', 500, 0.001, 1,
                                'demo'))
        table = restart_table(results)
        self.assertEqual(table.header, [
            'vocabulary', '40 terms', "the demo's, 500 terms"])
        self.assertEqual(table.rows[0], [
            'first search, no page before it', '2.00', ''])

    def test_no_restart_table_without_restarts(self):
        from keywordwidget_benchmarks.report import restart_table
        self.assertIsNone(restart_table(self.results))
