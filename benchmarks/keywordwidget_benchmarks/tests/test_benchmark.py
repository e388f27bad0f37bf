"""Smoke run of the benchmark at tiny sizes, so that its code cannot rot."""
import functools
import unittest

import zope.component.testlayer

import keywordwidget_benchmarks


BENCHMARK_LAYER = zope.component.testlayer.ZCMLFileLayer(
    keywordwidget_benchmarks, 'benchmark.zcml', name='BenchmarkLayer')

TINY_SIZES = (20, 40)


def tiny_run(**options):
    from keywordwidget_benchmarks import benchmark
    options.setdefault('budget', 0)
    options.setdefault('queries', 5)
    return benchmark.run(TINY_SIZES, **options)


@functools.cache
def shared_run():
    """One tiny run for the tests that only read its results."""
    return tiny_run()


class ArticleTests(unittest.TestCase):

    def test_make_keywords_is_the_same_every_time(self):
        from keywordwidget_benchmarks.benchmark import make_keywords
        self.assertEqual(make_keywords(50), make_keywords(50))

    def test_make_keywords_longer_list_starts_with_the_shorter(self):
        from keywordwidget_benchmarks.benchmark import make_keywords
        self.assertEqual(make_keywords(100)[:30], make_keywords(30))

    def test_make_keywords_gives_distinct_tokens(self):
        from keywordwidget_benchmarks.benchmark import make_keywords
        from keywordwidget_benchmarks.benchmark import slugify
        keywords = make_keywords(500)
        self.assertEqual(len(set(map(slugify, keywords))), 500)

    def test_stored_count_is_a_tenth(self):
        from keywordwidget_benchmarks.benchmark import stored_count
        self.assertEqual(stored_count(1_000), 100)

    def test_stored_count_is_capped(self):
        from keywordwidget_benchmarks.benchmark import stored_count
        self.assertEqual(stored_count(100_000), 2_000)

    def test_make_article_stores_distinct_keywords_of_its_vocabulary(self):
        from keywordwidget_benchmarks.benchmark import make_article
        article = make_article(200)
        self.assertEqual(len(set(article.keywords)), 20)
        self.assertTrue(all(
            keyword in article.vocabulary for keyword in article.keywords))

    def test_make_article_posts_the_stored_keywords_tokens(self):
        from keywordwidget_benchmarks.benchmark import make_article
        article = make_article(200)
        self.assertEqual(
            [article.vocabulary.getTermByToken(token).value
             for token in article.tokens],
            article.keywords)

    def test_search_queries_are_never_empty(self):
        from keywordwidget_benchmarks.benchmark import make_keywords
        from keywordwidget_benchmarks.benchmark import search_queries
        queries = search_queries(make_keywords(100), 200)
        self.assertEqual(len(queries), 200)
        self.assertTrue(all(query.strip() for query in queries))


class TimingTests(unittest.TestCase):

    def test_best_time_runs_once_when_the_budget_is_spent(self):
        from keywordwidget_benchmarks.benchmark import best_time
        calls = []
        seconds, runs, result = best_time(lambda: calls.append(1), budget=0)
        self.assertEqual((runs, len(calls)), (1, 1))

    def test_best_time_returns_the_last_result(self):
        from keywordwidget_benchmarks.benchmark import best_time
        self.assertEqual(best_time(lambda: 'html', budget=0)[2], 'html')

    def test_best_time_repeats_quick_calls(self):
        from keywordwidget_benchmarks.benchmark import best_time
        runs = best_time(lambda: None, budget=10, max_runs=7)[1]
        self.assertEqual(runs, 7)

    def test_best_time_times_quick_calls_in_batches(self):
        from keywordwidget_benchmarks.benchmark import best_time
        calls = []
        seconds, runs, result = best_time(
            lambda: calls.append(1), budget=10, max_runs=3)
        self.assertEqual(runs, 3)
        self.assertGreater(len(calls), 3)

    def test_peak_memory_counts_what_the_call_allocates(self):
        from keywordwidget_benchmarks.benchmark import peak_memory
        self.assertGreaterEqual(
            peak_memory(lambda: bytearray(1_000_000)), 1_000_000)


class ContenderTests(unittest.TestCase):

    layer = BENCHMARK_LAYER

    def _article(self, size=30):
        from keywordwidget_benchmarks.benchmark import make_article
        return make_article(size)

    def _widget(self, interface, field_name):
        from zope.publisher.browser import TestRequest

        from keywordwidget_benchmarks.benchmark import looked_up
        return looked_up(interface, field_name)(self._article(), TestRequest())

    def test_marked_field_gets_our_edit_widget(self):
        from zope.formlib.interfaces import IInputWidget

        from formlib.keywordwidget.widget import KeywordInputWidget
        self.assertIsInstance(
            self._widget(IInputWidget, 'keywords'), KeywordInputWidget)

    def test_unmarked_field_gets_formlibs_default_edit_widget(self):
        from zope.formlib.interfaces import IInputWidget
        from zope.formlib.itemswidgets import OrderedMultiSelectWidget
        self.assertIsInstance(
            self._widget(IInputWidget, 'stock_keywords'),
            OrderedMultiSelectWidget)

    def test_other_stock_edit_widgets_are_looked_up_too(self):
        from zope.formlib.interfaces import IInputWidget
        from zope.formlib.itemswidgets import MultiCheckBoxWidget
        from zope.formlib.itemswidgets import MultiSelectWidget
        self.assertIs(
            type(self._widget(IInputWidget, 'select_keywords')),
            MultiSelectWidget)
        self.assertIs(
            type(self._widget(IInputWidget, 'checkbox_keywords')),
            MultiCheckBoxWidget)

    def test_marked_field_gets_our_display_widget(self):
        from zope.formlib.interfaces import IDisplayWidget

        from formlib.keywordwidget.widget import KeywordDisplayWidget
        self.assertIsInstance(
            self._widget(IDisplayWidget, 'keywords'), KeywordDisplayWidget)

    def test_unmarked_field_gets_formlibs_set_display_widget(self):
        from zope.formlib.interfaces import IDisplayWidget
        from zope.formlib.itemswidgets import SetDisplayWidget
        self.assertIsInstance(
            self._widget(IDisplayWidget, 'stock_keywords'), SetDisplayWidget)

    def test_every_edit_contender_renders_every_option(self):
        from keywordwidget_benchmarks.benchmark import EDIT

        from formlib.keywordwidget.keywords import stored_token
        article = self._article()
        for contender in EDIT:
            html = contender.run(article)
            for term in article.vocabulary:
                # Ours posts a stored keyword under a token of its own.
                self.assertTrue(
                    'value="%s"' % term.token in html
                    or 'value="%s"' % stored_token(term.value) in html,
                    (contender.key, term.token))

    def test_every_display_contender_lists_every_stored_title(self):
        from keywordwidget_benchmarks.benchmark import DISPLAY
        article = self._article(100)
        for contender in DISPLAY:
            html = contender.run(article)
            self.assertEqual(html.count('<li'), 10, contender.key)
            for keyword in article.keywords:
                self.assertIn(keyword, html, contender.key)

    def test_ours_lists_only_stored_keywords_above_the_threshold(self):
        # Over a hundred of them: as lines of the textarea.
        from keywordwidget_benchmarks.benchmark import contender
        from formlib.keywordwidget.settings import DEFAULT_LARGE_THRESHOLD
        article = self._article(DEFAULT_LARGE_THRESHOLD + 10)
        html = contender('edit', 'ours').run(article)
        self.assertEqual(html.count('<option'), 0)
        textarea = html[html.index('<textarea'):html.index('</textarea>')]
        # A line end after the start tag, then one between lines.
        self.assertEqual(textarea.count('\n'), len(article.keywords))

    def test_listed_variant_lists_every_option_above_the_threshold(self):
        from keywordwidget_benchmarks.benchmark import contender
        from formlib.keywordwidget.settings import DEFAULT_LARGE_THRESHOLD
        article = self._article(DEFAULT_LARGE_THRESHOLD + 10)
        html = contender('edit', 'listed').run(article)
        self.assertEqual(html.count('<option'),
                         len(article.vocabulary) - len(article.keywords))

    def test_search_answers_json_with_matching_keywords(self):
        import json

        from keywordwidget_benchmarks.benchmark import search
        article = self._article(100)
        keyword = article.keywords[0]
        answer = json.loads(search(article, keyword[:3]))
        self.assertIn(keyword, [item['title'] for item in answer['items']])

    def test_every_parse_contender_reads_the_stored_keywords(self):
        from keywordwidget_benchmarks.benchmark import PARSE
        for size in (100, 2_000):
            article = self._article(size)
            for contender in PARSE:
                self.assertEqual(contender.timed(article)(),
                                 article.keywords, (contender.key, size))

    def test_posted_form_has_selected_options_and_hidden_inputs(self):
        from keywordwidget_benchmarks.benchmark import posted_parts
        self.assertEqual(posted_parts(
            '<select name="k:list"><option value="a">A</option>'
            '<option value="b" selected="selected">B</option></select>'
            '<input type="hidden" name="k-empty-marker" value="1" />'),
            [('k:list', 'b'), ('k-empty-marker', '1')])

    def test_posted_form_has_the_textarea_with_crlf_line_ends(self):
        from keywordwidget_benchmarks.benchmark import posted_parts
        self.assertEqual(
            posted_parts('<textarea name="k.new">A &amp; B\nC</textarea>'),
            [('k.new', 'A & B\r\nC')])

    def test_posted_form_has_no_line_end_right_after_the_textarea_tag(self):
        from keywordwidget_benchmarks.benchmark import posted_parts
        self.assertEqual(
            posted_parts('<textarea name="k.new">\n\nA</textarea>'),
            [('k.new', '\r\nA')])

    def test_form_of_gives_lists_for_list_names(self):
        from keywordwidget_benchmarks.benchmark import form_of
        self.assertEqual(
            form_of([('k:list', 'a'), ('m', '1'), ('n', 'x'), ('n', 'y')]),
            {'k': ['a'], 'm': '1', 'n': ['x', 'y']})

    def test_without_javascript_few_chosen_are_posted_as_options(self):
        from keywordwidget_benchmarks.benchmark import \
            posted_without_javascript

        from formlib.keywordwidget.keywords import stored_token
        article = self._article(100)
        form = posted_without_javascript(article, 'keywords').form
        # Each stored keyword under a token of its own.
        self.assertEqual(form['field.keywords'],
                         list(map(stored_token, article.keywords)))

    def test_without_javascript_many_chosen_are_posted_as_lines(self):
        import json

        from keywordwidget_benchmarks.benchmark import \
            posted_without_javascript

        from formlib.keywordwidget.keywords import stored_token
        article = self._article(2_000)
        form = posted_without_javascript(article, 'keywords').form
        self.assertNotIn('field.keywords', form)
        self.assertEqual(form['field.keywords.new'].split('\r\n'),
                         article.keywords)
        # The lines as rendered, each followed by its keyword's token.
        self.assertEqual(
            json.loads(form['field.keywords.lines']),
            [part for keyword in article.keywords
             for part in (keyword, stored_token(keyword))])

    def test_with_javascript_chosen_options_are_one_json_part(self):
        import json

        from keywordwidget_benchmarks.benchmark import posted_with_javascript

        from formlib.keywordwidget.keywords import stored_token
        article = self._article(100)
        form = posted_with_javascript(article, 'keywords').form
        self.assertNotIn('field.keywords', form)
        self.assertEqual(json.loads(form['field.keywords.tokens']),
                         list(map(stored_token, article.keywords)))

    def test_large_render_is_timed_with_the_same_selection(self):
        from keywordwidget_benchmarks.benchmark import Results
        from keywordwidget_benchmarks.benchmark import make_keywords
        from keywordwidget_benchmarks.benchmark import measure_large_render
        results = Results((200, 400))
        measure_large_render(results, make_keywords(400), [100, 200, 400],
                             budget=0, rounds=1, selection=20)
        self.assertEqual(
            sorted((measurement.operation, measurement.size)
                   for measurement in results),
            [('large-render', 200), ('large-render', 400),
             ('large-render-spread', 200), ('large-render-spread', 400)])


class RunTests(unittest.TestCase):

    layer = BENCHMARK_LAYER

    def setUp(self):
        self.results = shared_run()

    def test_every_contender_is_timed_at_every_size(self):
        from keywordwidget_benchmarks.benchmark import OPERATIONS
        for operation, contenders in OPERATIONS.items():
            for contender in contenders:
                for size in TINY_SIZES:
                    self.assertGreater(
                        self.results.value(operation, contender.key, size),
                        0, (operation, contender.key, size))

    def test_edit_html_is_measured_for_every_contender(self):
        from keywordwidget_benchmarks.benchmark import EDIT
        for contender in EDIT:
            self.assertGreater(
                self.results.value('html-bytes', contender.key, 40), 1000)

    def test_peak_memory_is_measured_for_ours_and_formlibs_default(self):
        for key in ('ours', 'default'):
            self.assertGreater(self.results.value('memory', key, 40), 0)

    def test_search_is_timed_at_every_size(self):
        for operation in ('search-fresh', 'search-p50', 'search-p95'):
            for size in TINY_SIZES:
                self.assertGreater(
                    self.results.value(operation, 'ours', size), 0)

    def test_search_queries_mostly_find_keywords(self):
        for size in TINY_SIZES:
            self.assertGreater(
                self.results.value('search-answered', 'ours', size), 0.5)

    def test_ratio_divides_by_ours(self):
        ratio = self.results.ratio('edit', 'default', 40)
        self.assertAlmostEqual(
            ratio * self.results.value('edit', 'ours', 40),
            self.results.value('edit', 'default', 40))


class StockLimitTests(unittest.TestCase):

    layer = BENCHMARK_LAYER

    def test_stock_edit_widgets_above_the_limit_are_skipped(self):
        results = tiny_run(stock_limit=20, memory=False)
        measurement = results.get('edit', 'default', 40)
        self.assertEqual(
            (measurement.value, measurement.note), (None, 'skipped'))

    def test_ours_is_timed_above_the_stock_limit(self):
        results = tiny_run(stock_limit=20, memory=False)
        self.assertGreater(results.value('edit', 'ours', 40), 0)


class RestartTests(unittest.TestCase):
    """The first search after a restart, in a new process."""

    def test_first_search_after_the_page_is_timed(self):
        from keywordwidget_benchmarks.benchmark import Results
        from keywordwidget_benchmarks.restart import measure_restarts
        results = Results((40,))
        measure_restarts(results, [40], modes=['pause'])
        for name in ('page', 'ready', 'first', 'next'):
            self.assertGreater(
                results.value('restart-' + name, 'pause', 40), 0, name)

    def test_demo_vocabulary_is_the_demos_keywords(self):
        from formlib.keywordwidget.demo.vocabularies import KEYWORDS
        from keywordwidget_benchmarks.restart import DEMO
        from keywordwidget_benchmarks.restart import make_article
        self.assertEqual(make_article(DEMO).size, len(KEYWORDS))
