"""The benchmark's results as a terminal table, a docs page and a plot."""
import argparse
import datetime
import importlib.metadata
import os
import platform
import re
import sys

from keywordwidget_benchmarks import benchmark
from keywordwidget_benchmarks import goals
from keywordwidget_benchmarks import restart


PAGE_MARKERS = (
    '.. begin benchmark results (written by make bench, do not edit)',
    '.. end benchmark results',
)
PLOT_NAME = 'benchmark.png'
SINGLE_RUN_MARK = '*'
TIMED_OPERATIONS = ('edit', 'display', 'parse')
LINE_STYLES = {'listed': '--', 'floor': ':'}


def thousands(number):
    return '{:,}'.format(number)


def milliseconds(seconds):
    ms = seconds * 1000
    if ms < 1:
        return '%.3f' % ms
    if ms < 10:
        return '%.2f' % ms
    if ms < 100:
        return '%.1f' % ms
    return '{:,.0f}'.format(ms)


def kibibytes(count):
    kib = count / 1024
    return '%.1f' % kib if kib < 10 else '{:,.0f}'.format(kib)


def percent(fraction):
    return '%.0f' % (fraction * 100)


def rows_of(contenders, operation):
    """Table rows: (operation, contender, label, whom it is compared with)."""
    return [(operation, contender.key, contender.label, contender.baseline)
            for contender in contenders]


class Table:
    """A titled table: a header row and rows of text cells."""

    def __init__(self, title, header, rows):
        self.title = title
        self.header = header
        self.rows = rows


def cell(results, operation, contender, size, unit, baseline=None):
    """A value, then how many times the baseline's it is, if any."""
    measurement = results.get(operation, contender, size)
    if measurement is None:
        return ''
    if measurement.value is None:
        return measurement.note
    text = unit(measurement.value)
    if operation in TIMED_OPERATIONS and measurement.runs == 1:
        text += SINGLE_RUN_MARK
    if baseline:
        ratio = results.ratio(operation, contender, size, baseline)
        if ratio is not None:
            text += ' (%sx)' % (
                '%.2f' % ratio if ratio < 10 else '%.0f' % ratio)
    return text


def size_header(results):
    return ['terms / stored'] + [
        '%s / %s' % (thousands(size),
                     thousands(benchmark.stored_count(size)))
        for size in results.sizes]


def sections():
    """What the tables show: (title, unit, [(operation, key, label)])."""
    return [
        ('Edit render, ms', milliseconds,
         rows_of(benchmark.EDIT, 'edit')),
        ('Display render, ms', milliseconds,
         rows_of(benchmark.DISPLAY, 'display')),
        ('Parsing a submitted form, ms', milliseconds,
         rows_of(benchmark.PARSE, 'parse')),
        ('Search view, ms per query', milliseconds, [
            ('search-p50', 'ours', 'median (p50)', None),
            ('search-p95', 'ours', '95th percentile (p95)', None),
            ('search-fresh', 'ours',
             'new vocabulary object, same terms, median', None)]),
        ('Search queries answered with keywords, %', percent, [
            ('search-answered', 'ours', 'ours', None)]),
        ('Peak memory of an edit render, KiB', kibibytes, [
            row for row in rows_of(benchmark.EDIT, 'memory')
            if row[1] in benchmark.MEMORY_CONTENDERS]),
        ('Edit widget HTML, KiB', kibibytes,
         rows_of(benchmark.EDIT, 'html-bytes')),
    ]


def tables(results):
    """Every table of a run, its columns the vocabulary sizes."""
    made = []
    header = size_header(results)
    for title, unit, rows in sections():
        made.append(Table(title, header, [
            [label] + [cell(results, operation, key, size, unit, baseline)
                       for size in results.sizes]
            for operation, key, label, baseline in rows]))
    if results.doubling:
        made.append(Table(
            'Doubling vocabulary and selection: our time at twice the size'
            ' over our time at the size',
            ['our operation'] + [
                '%s -> %s' % (thousands(size), thousands(2 * size))
                for size in results.doubling],
            doubling_rows(results)))
    page_sizes = sorted(
        measurement.size for measurement in results
        if measurement.operation == 'page-bytes')
    if page_sizes:
        made.append(Table(
            'Our edit widget with %d selected, KiB' % (
                benchmark.PAGE_SIZE_SELECTION),
            ['terms'] + [thousands(size) for size in page_sizes],
            [['ours: KeywordInputWidget'] + [
                kibibytes(results.value('page-bytes', 'ours', size))
                for size in page_sizes]]))
    large_sizes = sorted(
        measurement.size for measurement in results
        if measurement.operation == 'large-render')
    if large_sizes:
        made.append(Table(
            'Our edit widget in large mode with %s chosen, ms' % (
                thousands(benchmark.LARGE_RENDER_SELECTION)),
            ['terms'] + [thousands(size) for size in large_sizes],
            [[label] + [
                milliseconds(results.value(operation, 'ours', size))
                for size in large_sizes]
             for operation, label in LARGE_RENDER_ROWS]))
    restarts = restart_table(results)
    if restarts is not None:
        made.append(restarts)
    return made


LARGE_RENDER_ROWS = (
    ('large-render', 'the same keywords at every size'),
    ('large-render-spread', 'as many spread over the whole vocabulary'),
)

# (operation, mode, label) of the first-search-after-a-restart table.
RESTART_ROWS = (
    ('restart-first', 'cold', 'first search, no page before it'),
    ('restart-page', 'page', 'the edit page, its first render'),
    ('restart-first', 'page', 'first search sent at once after the page'),
    ('restart-ready', 'pause',
     'index built in the background after the page'),
    ('restart-first', 'pause',
     'first search sent %.1f s after the page' % restart.PAUSE),
    ('restart-next', 'pause', 'the next search'),
)


def restart_table(results):
    """The first search after a restart, a column per vocabulary."""
    columns = sorted({
        (measurement.note, measurement.size) for measurement in results
        if measurement.operation.startswith('restart-')})
    if not columns:
        return None
    return Table(
        'First search after a restart, each in a new process, ms',
        ['vocabulary'] + [
            'the demo\'s, %s terms' % thousands(size) if note == 'demo'
            else '%s terms' % thousands(size) for note, size in columns],
        [[label] + [
            cell(results, operation, mode, size, milliseconds)
            for _note, size in columns]
         for operation, mode, label in RESTART_ROWS])


def doubling_rows(results):
    ratios = {(label, size): ratio for ratio, label, size
              in goals.doubling_ratios(results)}
    labels = [goals.doubling_label(operation, key)
              for operation, key in benchmark.DOUBLING]
    return [[label] + [
        '%.2fx' % ratios[label, size] if (label, size) in ratios else ''
        for size in results.doubling]
        for label in labels]


def environment():
    """Where and when the numbers were taken, and how busy the machine was
    (its load average over the last 15 minutes)."""
    return ('%s UTC, Python %s on %s, %d cores (load average %.1f),'
            ' zope.formlib %s' % (
                datetime.datetime.now(datetime.UTC).strftime(
                    '%Y-%m-%d %H:%M'),
                platform.python_version(), platform.machine(),
                os.cpu_count(), os.getloadavg()[2],
                importlib.metadata.version('zope.formlib')))


def explanations(results):
    return [
        'Times are the best of repeated runs, taken in %d turns; (Nx) is'
        ' that row\'s value divided by ours (the floor\'s: by ours with'
        ' every option listed), so (30x) means ours takes a thirtieth of'
        ' it.' % results.rounds,
        'A star (%s) marks a single run: the stock widget is too slow to'
        ' repeat.' % SINGLE_RUN_MARK,
    ]


def text_table(table):
    widths = [max(len(row[column]) for row in [table.header] + table.rows)
              for column in range(len(table.header))]
    lines = [table.title]
    for row in [table.header] + table.rows:
        cells = [row[0].ljust(widths[0])] + [
            text.rjust(width) for text, width in zip(row[1:], widths[1:])]
        lines.append('  ' + '  '.join(cells).rstrip())
    return '\n'.join(lines)


def text_report(results, goals):
    parts = [environment()] + explanations(results) + [''] + [
        text_table(table) + '\n' for table in tables(results)]
    parts.append('Goals')
    parts.extend('  %s  %s%s' % (
        goal.verdict, goal.text, ': ' + goal.detail if goal.detail else '')
        for goal in goals)
    return '\n'.join(parts)


def grid_table(table):
    """A reStructuredText grid table."""
    rows = [table.header] + table.rows
    widths = [max(len(row[column]) for row in rows)
              for column in range(len(table.header))]

    def rule(char):
        return '+' + '+'.join(char * (width + 2) for width in widths) + '+'

    def line(row):
        return '| ' + ' | '.join(
            text.ljust(width) for text, width in zip(row, widths)) + ' |'

    lines = [rule('-'), line(table.header), rule('=')]
    for row in table.rows:
        lines.extend([line(row), rule('-')])
    return '\n'.join(lines)


def rst_report(results, goals):
    """The generated part of the performance page."""
    parts = ['Measured on %s.' % environment(), '']
    for text in explanations(results):
        parts.extend([text, ''])
    parts.extend(['.. image:: _static/%s' % PLOT_NAME,
                  '   :alt: Render times against vocabulary size,'
                  ' log-log, ours and formlib\'s stock widgets', ''])
    for table in tables(results):
        parts.extend(['**%s**' % table.title, '', grid_table(table), ''])
    parts.extend(['**Goals**', ''])
    parts.extend('- %s: %s%s' % (
        goal.verdict, goal.text, ' (%s)' % goal.detail if goal.detail else '')
        for goal in goals)
    return '\n'.join(parts)


def update_page(path, generated, markers=PAGE_MARKERS):
    """Put `generated` between the page's markers, keeping the rest."""
    with open(path, encoding='utf-8') as page:
        text = page.read()
    begin, end = markers
    pattern = re.compile('^%s$.*?^%s$' % (re.escape(begin), re.escape(end)),
                         re.DOTALL | re.MULTILINE)
    if not pattern.search(text):
        raise ValueError('%s lacks the markers %r and %r' % (
            path, begin, end))
    text = pattern.sub(
        lambda match: '\n\n'.join([begin, generated.strip(), end]), text)
    with open(path, 'w', encoding='utf-8') as page:
        page.write(text)


def plot(results, path):
    """Log-log render times against vocabulary size, saved as a PNG."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as pyplot

    figure, axes = pyplot.subplots(1, 2, figsize=(11, 4.5))
    edit_lines = [
        (operation, key, label, LINE_STYLES.get(key, '-'))
        for operation, key, label, _baseline
        in rows_of(benchmark.EDIT, 'edit')]
    other_lines = [
        ('display', 'ours', 'display: ours', '-'),
        ('display', 'default', 'display: SetDisplayWidget', '-'),
        ('parse', 'ours', 'parse: ours', '--'),
        ('parse', 'default', 'parse: OrderedMultiSelectWidget', '--'),
        ('search-p95', 'ours', 'search view, p95: ours', ':')]
    # One colour per widget in both panels.
    colours = {contender.key: 'C%d' % number
               for number, contender in enumerate(benchmark.EDIT)}
    panels = [(axes[0], 'Edit render', edit_lines),
              (axes[1], 'Display, parsing a submit, search', other_lines)]
    for axis, title, lines in panels:
        for operation, key, label, style in lines:
            points = [(size, results.value(operation, key, size))
                      for size in results.sizes]
            points = [(size, value * 1000) for size, value in points
                      if value is not None]
            if points:
                axis.plot(*zip(*points), marker='o', label=label,
                          linestyle=style, color=colours[key])
        axis.set(xscale='log', yscale='log', title=title,
                 xlabel='vocabulary terms (a tenth stored, at most %s)'
                 % thousands(benchmark.MAX_STORED),
                 ylabel='milliseconds (best run)')
        axis.grid(True, which='major', alpha=0.4)
        axis.legend(fontsize='small')
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    pyplot.close(figure)


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        '--sizes', default=','.join(map(str, benchmark.SIZES)),
        help='vocabulary sizes, comma-separated (default: %(default)s)')
    parser.add_argument(
        '--budget', type=float, default=2.0,
        help='seconds after which a measurement stops repeating')
    parser.add_argument(
        '--stock-limit', type=int, default=100_000,
        help='skip the O(n*m) stock edit widgets above this many terms')
    parser.add_argument(
        '--rounds', type=int, default=benchmark.ROUNDS,
        help='turns every contender takes at each size')
    parser.add_argument(
        '--queries', type=int, default=benchmark.SEARCH_QUERIES,
        help='search queries per vocabulary size')
    parser.add_argument(
        '--no-restart', action='store_true',
        help='skip the first search after a restart (new processes)')
    parser.add_argument(
        '--docs', help='docs folder: update performance.rst and the plot')
    return parser.parse_args(argv)


def main(argv=None):
    """Run the benchmark; exit status 1 when a goal failed."""
    arguments = parse_arguments(argv)
    sizes = tuple(int(size) for size in arguments.sizes.split(','))
    benchmark.load_configuration()

    def say(line):
        print('measuring ' + line, file=sys.stderr)

    results = benchmark.run(
        sizes, budget=arguments.budget, stock_limit=arguments.stock_limit,
        rounds=arguments.rounds, queries=arguments.queries, progress=say)
    if not arguments.no_restart:
        restart.measure_restarts(
            results, [max(sizes), restart.DEMO], say=say)
    reached = goals.goals(results)
    print(text_report(results, reached))
    if arguments.docs:
        plot(results, os.path.join(arguments.docs, '_static', PLOT_NAME))
        update_page(os.path.join(arguments.docs, 'performance.rst'),
                    rst_report(results, reached))
    return 1 if any(goal.passed is False for goal in reached) else 0
