"""The benchmark's goals, judged on a run at tiny sizes."""
import unittest

from keywordwidget_benchmarks.tests.test_benchmark import BENCHMARK_LAYER
from keywordwidget_benchmarks.tests.test_benchmark import TINY_SIZES
from keywordwidget_benchmarks.tests.test_benchmark import shared_run


class GoalTests(unittest.TestCase):

    layer = BENCHMARK_LAYER

    def setUp(self):
        self.results = shared_run()

    def test_ours_is_timed_at_twice_each_size(self):
        from keywordwidget_benchmarks.benchmark import DOUBLING
        from keywordwidget_benchmarks.goals import doubling_label
        from keywordwidget_benchmarks.goals import doubling_ratios
        ratios = doubling_ratios(self.results)
        self.assertEqual(
            {(label, size) for ratio, label, size in ratios},
            {(doubling_label(operation, key), size)
             for operation, key in DOUBLING for size in TINY_SIZES})

    def test_every_goal_gets_a_verdict(self):
        from keywordwidget_benchmarks.goals import goals
        verdicts = [goal.verdict for goal in goals(self.results)]
        self.assertEqual(len(verdicts), 8)
        self.assertLessEqual(set(verdicts), {'PASS', 'FAIL', 'SKIP'})

    def test_speedup_goal_is_skipped_when_its_size_was_not_run(self):
        from keywordwidget_benchmarks.goals import speedup_goal
        self.assertIsNone(speedup_goal(self.results, 1_000, 5).passed)

    def test_linearity_goal_is_judged_on_a_run_with_doubled_sizes(self):
        from keywordwidget_benchmarks.goals import linearity_goal
        self.assertIsNotNone(linearity_goal(self.results).passed)


def results_with(*measurements):
    """Results made up of the given (operation, contender, size, value)."""
    from keywordwidget_benchmarks.benchmark import Measurement
    from keywordwidget_benchmarks.benchmark import Results
    results = Results((1_000, 10_000, 100_000), doubling=(10_000,))
    for operation, key, size, value in measurements:
        results.add(Measurement(operation, key, size, value, 1))
    return results


class VerdictTests(unittest.TestCase):

    def test_speedup_goal_passes_when_both_of_ours_are_fast_enough(self):
        from keywordwidget_benchmarks.goals import speedup_goal
        results = results_with(
            ('edit', 'default', 1_000, 10.0), ('edit', 'ours', 1_000, 1.0),
            ('edit', 'listed', 1_000, 2.0))
        self.assertTrue(speedup_goal(results, 1_000, 5).passed)

    def test_speedup_goal_fails_when_large_mode_alone_is_fast_enough(self):
        from keywordwidget_benchmarks.goals import speedup_goal
        results = results_with(
            ('edit', 'default', 10_000, 100.0),
            ('edit', 'ours', 10_000, 1.0),
            ('edit', 'listed', 10_000, 10.0))
        self.assertFalse(speedup_goal(results, 10_000, 20).passed)

    def test_linearity_goal_fails_when_doubling_costs_too_much(self):
        from keywordwidget_benchmarks.goals import linearity_goal
        results = results_with(
            ('doubling-edit', 'ours', 10_000, 1.0),
            ('doubling-edit', 'ours', 20_000, 3.0))
        goal = linearity_goal(results)
        self.assertFalse(goal.passed)
        self.assertIn('3.00x (edit, 10,000 -> 20,000 terms)', goal.detail)

    def test_linearity_of_parsing_skips_a_change_from_options_to_lines(self):
        # 100 keywords stored at 1,000 terms are posted as options, 200 at
        # 2,000 as lines.
        from keywordwidget_benchmarks.goals import linearity_goal
        results = results_with(
            ('doubling-parse', 'ours', 1_000, 1.0),
            ('doubling-parse', 'ours', 2_000, 4.0),
            ('doubling-parse', 'ours', 10_000, 10.0),
            ('doubling-parse', 'ours', 20_000, 20.0))
        results.doubling = (1_000, 10_000)
        goal = linearity_goal(results)
        self.assertTrue(goal.passed)
        self.assertIn('10,000 -> 20,000', goal.detail)

    def test_page_size_goal_passes_when_the_page_stays_the_same(self):
        from keywordwidget_benchmarks.goals import page_size_goal
        results = results_with(
            ('page-bytes', 'ours', 10_000, 6_000),
            ('page-bytes', 'ours', 100_000, 6_000))
        self.assertTrue(page_size_goal(results).passed)

    def test_page_size_goal_fails_when_the_page_grows(self):
        from keywordwidget_benchmarks.goals import page_size_goal
        results = results_with(
            ('page-bytes', 'ours', 10_000, 6_000),
            ('page-bytes', 'ours', 100_000, 60_000))
        self.assertFalse(page_size_goal(results).passed)

    def test_search_goal_fails_at_fifty_milliseconds(self):
        from keywordwidget_benchmarks.goals import search_goal
        results = results_with(('search-p95', 'ours', 100_000, 0.050))
        self.assertFalse(search_goal(results).passed)

    def test_search_goal_is_skipped_without_the_largest_size(self):
        from keywordwidget_benchmarks.goals import search_goal
        self.assertEqual(search_goal(results_with()).verdict, 'SKIP')

    def test_large_render_goal_passes_within_the_noise(self):
        from keywordwidget_benchmarks.goals import large_render_goal
        results = results_with(
            ('large-render', 'ours', 10_000, 1.0),
            ('large-render', 'ours', 100_000, 1.1))
        self.assertTrue(large_render_goal(results).passed)

    def test_large_render_goal_fails_when_render_grows(self):
        from keywordwidget_benchmarks.goals import large_render_goal
        results = results_with(
            ('large-render', 'ours', 10_000, 1.0),
            ('large-render', 'ours', 100_000, 2.0))
        goal = large_render_goal(results)
        self.assertFalse(goal.passed)
        self.assertIn('2.00x the quickest, 10,000 to 100,000', goal.detail)

    def stock_and_ours(self, ours, ours_js, default, select):
        return results_with(
            ('parse', 'ours', 1_000, ours),
            ('parse', 'ours-js', 1_000, ours_js),
            ('parse', 'default', 1_000, default),
            ('parse', 'select', 1_000, select))

    def test_parse_goal_passes_when_ours_is_ahead_of_each_stock(self):
        from keywordwidget_benchmarks.goals import parse_goal
        results = self.stock_and_ours(1.0, 1.2, 1.3, 1.25)
        self.assertTrue(parse_goal(results).passed)

    def test_parse_goal_fails_when_ours_with_javascript_is_behind(self):
        from keywordwidget_benchmarks.goals import parse_goal
        goal = parse_goal(self.stock_and_ours(1.0, 1.5, 1.3, 1.25))
        self.assertFalse(goal.passed)
        self.assertIn('at least 0.83x our time (1,000 terms)', goal.detail)

    def test_restart_goal_judges_the_search_after_the_page(self):
        from keywordwidget_benchmarks.goals import restart_goal
        results = results_with(
            ('restart-first', 'cold', 100_000, 0.5),
            ('restart-first', 'pause', 100_000, 0.002))
        self.assertTrue(restart_goal(results).passed)

    def test_restart_goal_fails_at_a_tenth_of_a_second(self):
        from keywordwidget_benchmarks.goals import restart_goal
        results = results_with(('restart-first', 'pause', 100_000, 0.1))
        self.assertFalse(restart_goal(results).passed)
