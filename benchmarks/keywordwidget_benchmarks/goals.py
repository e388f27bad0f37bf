"""The benchmark's goals, and whether a run met them."""
import dataclasses

from keywordwidget_benchmarks.benchmark import DOUBLING
from keywordwidget_benchmarks.benchmark import LARGE_RENDER_SELECTION
from keywordwidget_benchmarks.benchmark import PAGE_SIZE_SELECTION
from keywordwidget_benchmarks.benchmark import stored_count
from keywordwidget_benchmarks.restart import PAUSE

from formlib.keywordwidget.settings import DEFAULT_LARGE_THRESHOLD
from formlib.keywordwidget.widget import KeywordInputWidget


# Our parsing, without and with JavaScript, and the stock widgets'.
OURS_PARSING = ('ours', 'ours-js')
STOCK_PARSING = ('default', 'select')


@dataclasses.dataclass
class Goal:
    """A goal of the benchmark issue and whether this run met it."""

    text: str
    passed: bool = None  # None: not measured in this run
    detail: str = ''

    @property
    def verdict(self):
        return {True: 'PASS', False: 'FAIL', None: 'SKIP'}[self.passed]


def speedup_goal(results, size, factor):
    """Ours must be faster by `factor`, and so with every option listed.

    Large mode alone must not pass the goal: it skips the work.
    """
    goal = Goal('edit render >= %dx faster than formlib default at '
                '%s terms / %s stored' % (
                    factor, '{:,}'.format(size),
                    '{:,}'.format(stored_count(size))))
    ratios = [results.ratio('edit', 'default', size, baseline=key)
              for key in ('ours', 'listed')]
    if None not in ratios:
        goal.passed = min(ratios) >= factor
        goal.detail = '%.1fx; every option listed: %.1fx' % tuple(ratios)
    return goal


def doubling_label(operation, key):
    return operation if key == 'ours' else '%s, every option listed' % (
        operation)


def posted_alike(size):
    """Whether ours posts the keywords stored at `size` and at twice that
    the same way: both as options, or both as lines of the textarea."""
    most = KeywordInputWidget.most_chosen_options
    return (stored_count(size) > most) == (stored_count(2 * size) > most)


def doubling_ratios(results):
    """(ratio, label, size): our time at twice `size` over at `size`.

    Parsing compares only sizes whose keywords are posted alike: lines
    are titles to look up, which costs more than tokens, in proportion.
    """
    ratios = []
    for size in results.doubling:
        for operation, key in DOUBLING:
            before = results.value('doubling-' + operation, key, size)
            after = results.value('doubling-' + operation, key, 2 * size)
            if operation == 'parse' and not posted_alike(size):
                continue
            if before and after:
                ratios.append(
                    (after / before, doubling_label(operation, key), size))
    return ratios


def linearity_goal(results, limit=2.6):
    goal = Goal('doubling vocabulary and selection costs <= %.1fx' % limit)
    ratios = doubling_ratios(results)
    if ratios:
        worst, label, size = max(ratios)
        goal.passed = worst <= limit
        goal.detail = 'worst %.2fx (%s, %s -> %s terms)' % (
            worst, label, '{:,}'.format(size), '{:,}'.format(2 * size))
    return goal


def page_size_goal(results, tolerance=1.05):
    goal = Goal('edit page size independent of vocabulary size above '
                '%s terms' % '{:,}'.format(DEFAULT_LARGE_THRESHOLD))
    sizes = [measurement.value for measurement in results
             if measurement.operation == 'page-bytes']
    if len(sizes) >= 2:
        goal.passed = max(sizes) <= min(sizes) * tolerance
        goal.detail = '%s..%s bytes for %d selected' % (
            '{:,}'.format(min(sizes)), '{:,}'.format(max(sizes)),
            PAGE_SIZE_SELECTION)
    return goal


def search_goal(results, size=100_000, limit=0.050):
    goal = Goal('search p95 < %d ms at %s terms' % (
        limit * 1000, '{:,}'.format(size)))
    measurement = results.get('search-p95', 'ours', size)
    if measurement is not None and measurement.value is not None:
        goal.passed = measurement.value < limit
        goal.detail = '%.1f ms' % (measurement.value * 1000)
    elif measurement is not None:
        goal.detail = measurement.note
    return goal


def large_render_goal(results, tolerance=1.15):
    """Large mode renders the same chosen keywords as fast, however large
    the vocabulary: within `tolerance`, the noise of a busy machine."""
    goal = Goal('large-mode edit render independent of vocabulary size,'
                ' the same %s keywords chosen (within %d%%)' % (
                    '{:,}'.format(LARGE_RENDER_SELECTION),
                    round((tolerance - 1) * 100)))
    times = {measurement.size: measurement.value for measurement in results
             if measurement.operation == 'large-render'}
    if len(times) >= 2:
        spread = max(times.values()) / min(times.values())
        goal.passed = spread <= tolerance
        goal.detail = 'the slowest %.2fx the quickest, %s to %s terms' % (
            spread, '{:,}'.format(min(times)), '{:,}'.format(max(times)))
    return goal


def parse_goal(results):
    """Ours parses what it really posts, with and without JavaScript, at
    least as fast as each stock widget parses the same choice."""
    goal = Goal('parsing a submitted form at least as fast as formlib\'s'
                ' stock widgets at every size, with and without JavaScript')
    ratios = []
    for size in results.sizes:
        ours = [results.value('parse', key, size) for key in OURS_PARSING]
        theirs = [results.value('parse', key, size)
                  for key in STOCK_PARSING]
        theirs = [value for value in theirs if value]
        if None not in ours and theirs:
            ratios.append((min(theirs) / max(ours), size))
    if ratios:
        worst, size = min(ratios)
        goal.passed = worst >= 1
        goal.detail = 'stock widgets take at least %.2fx our time (%s' \
            ' terms)' % (worst, '{:,}'.format(size))
    return goal


def restart_goal(results, terms=100_000, limit=0.100):
    goal = Goal('first search after a restart < %d ms at %s terms, sent'
                ' %.1f s after the edit page' % (
                    limit * 1000, '{:,}'.format(terms), PAUSE))
    measurement = results.get('restart-first', 'pause', terms)
    if measurement is not None:
        goal.passed = measurement.value < limit
        goal.detail = '%.1f ms' % (measurement.value * 1000)
    return goal


def goals(results):
    return [
        speedup_goal(results, 1_000, 5),
        speedup_goal(results, 10_000, 20),
        linearity_goal(results),
        page_size_goal(results),
        large_render_goal(results),
        parse_goal(results),
        search_goal(results),
        restart_goal(results),
    ]
