"""From keystroke to suggestions: the demo's Keywords field in headless
Chromium, over loopback.

``python benchmarks/keystrokes.py`` (part of ``make bench``) builds the
demo as ``make demo`` does, types prefixes of the keywords its articles
use into ``/article/@@edit`` as an editor, one key at a time, and times
each from the last keystroke until its suggestions are shown.  It prints
the results and writes them into docs/performance.rst.
"""
import contextlib
import random
import statistics
import sys

from keywordwidget_benchmarks.benchmark import percentile


QUERIES = 30
# Milliseconds between two keystrokes: a quick typist.
KEY_DELAY = 150
GOAL = 0.100
EDIT_PATH = '/article/@@edit'
SELECT_ID = 'form.keywords'
BOX = '#form\\.keywords-ts-control'

# Waits (in the page) for the answer to `query` to be shown; resolves with
# milliseconds from the query's last keydown to the next frame, and those
# of its search request.
START = '''([id, query]) => {
    const tomselect = document.getElementById(id).tomselect;
    performance.clearResourceTimings();
    let keystroke = null;
    const onKey = (event) => { keystroke = event.timeStamp; };
    tomselect.control_input.addEventListener('keydown', onKey);
    window.keystrokeMeasure = new Promise((resolve) => {
        const shown = () => {
            if (tomselect.inputValue() !== query
                    || tomselect.searchStatus(query) !== 'answered') {
                return;
            }
            tomselect.off('load', shown);
            tomselect.control_input.removeEventListener('keydown', onKey);
            const asked = 'q=' + encodeURIComponent(query);
            const requests = performance.getEntriesByType('resource').filter(
                (entry) => entry.name.endsWith(asked));
            requestAnimationFrame(() => resolve({
                total: performance.now() - keystroke,
                request: requests.length ? requests.at(-1).duration : null,
            }));
        };
        tomselect.on('load', shown);
    });
}'''

# Whether the box is empty and shows the most used keywords.
MOST_USED_SHOWN = '''(id) => {
    const tomselect = document.getElementById(id).tomselect;
    return tomselect.inputValue() === ''
        && tomselect.searchStatus('') === 'answered';
}'''


def queries(count=QUERIES, seed=7):
    """Prefixes of 2 to 5 letters of keywords the demo's articles use,
    drawn by use, as editors look for them; each once."""
    from formlib.keywordwidget.demo.site import ARTICLES
    from formlib.keywordwidget.demo.site import article_keywords
    uses = [keyword for keywords in article_keywords(ARTICLES)
            for keyword in keywords]
    rng = random.Random(seed)
    found = []
    while len(found) < count:
        keyword = rng.choice(uses).lower()
        prefix = keyword[:rng.randint(2, 5)].strip()
        if prefix not in found:
            found.append(prefix)
    return found


def most_used_shown(page):
    page.wait_for_function(MOST_USED_SHOWN, arg=SELECT_ID)


def measure(page, url, texts, key_delay=KEY_DELAY):
    """Seconds from the last keystroke of each text to its suggestions,
    and of its search request, as typed into the demo's edit page."""
    page.goto(url + EDIT_PATH)
    page.wait_for_selector('.keywordwidget-enhanced', state='attached')
    box = page.locator(BOX)
    box.focus()
    most_used_shown(page)
    results = []
    for text in texts:
        page.evaluate(START, [SELECT_ID, text])
        box.press_sequentially(text, delay=key_delay)
        timing = page.evaluate('window.keystrokeMeasure')
        results.append({
            'query': text, 'total': timing['total'] / 1000,
            'request': timing['request'] and timing['request'] / 1000})
        box.press('Control+a')
        box.press('Backspace')
        most_used_shown(page)
    return results


def summary(results):
    totals = [result['total'] for result in results]
    requests = [result['request'] for result in results
                if result['request'] is not None]
    return {
        'queries': len(totals),
        'median': statistics.median(totals),
        'p90': percentile(totals, 0.90),
        'max': max(totals),
        'request_median': statistics.median(requests) if requests else None,
    }


def goals(figures):
    return [(figures['median'] < GOAL,
             'keystroke to suggestions: median < %d ms over %d queries'
             ' (%.0f ms)' % (GOAL * 1000, figures['queries'],
                             figures['median'] * 1000))]


def rst_report(figures, key_delay, search_delay):
    request = figures['request_median']
    lines = [
        '**Keystroke to suggestions in headless Chromium, ms**', '',
        '+---------+--------+-----+-----+----------------+',
        '| queries | median | p90 | max | search request |',
        '|         |        |     |     | (median)       |',
        '+=========+========+=====+=====+================+',
        '| %7d | %6.0f | %3.0f | %3.0f | %14s |' % (
            figures['queries'], figures['median'] * 1000,
            figures['p90'] * 1000, figures['max'] * 1000,
            '-' if request is None else '%.0f' % (request * 1000)),
        '+---------+--------+-----+-----+----------------+', '',
        'Typed one key every %d ms; the enhancement searches %d ms after'
        ' the last keystroke.' % (key_delay, search_delay), '',
        '**Goals**', '']
    lines.extend('- %s: %s' % ('PASS' if passed else 'FAIL', text)
                 for passed, text in goals(figures))
    return '\n'.join(lines)


SEARCH_DELAY = '() => formlibKeywordwidget.searchDelay'
MARKERS = ('.. begin keystroke results (written by make bench)',
           '.. end keystroke results')


@contextlib.contextmanager
def demo_page(articles):
    """A page of Chromium, logged in as an editor, and the URL of the demo
    site with `articles` articles, served by Zope over loopback."""
    from formlib.keywordwidget.testing import ZOPE_DEMO_LAYER
    from formlib.keywordwidget.testing import ZopeBrowserLayer
    ZOPE_DEMO_LAYER.articles = articles
    ZOPE_DEMO_LAYER.setUp()
    try:
        ZOPE_DEMO_LAYER.testSetUp()
        layer = ZopeBrowserLayer((), 'Keystrokes')
        layer.setUp()
        try:
            if layer.browser is None:
                sys.exit(layer.missing)
            context = layer.browser.new_context(http_credentials={
                'username': 'editor', 'password': 'editor'})
            yield context.new_page(), layer.url
        finally:
            layer.tearDown()
    finally:
        # Zope starts once per process; the demo's files go.
        with contextlib.suppress(NotImplementedError):
            ZOPE_DEMO_LAYER.tearDown()


def main(argv):
    import argparse
    import os

    from formlib.keywordwidget.demo.site import ARTICLES
    from keywordwidget_benchmarks.report import update_page
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--queries', type=int, default=QUERIES)
    parser.add_argument('--key-delay', type=int, default=KEY_DELAY,
                        help='milliseconds between keystrokes')
    parser.add_argument('--articles', type=int, default=ARTICLES)
    parser.add_argument('--docs', help='docs folder to update')
    arguments = parser.parse_args(argv)
    print('measuring keystroke to suggestions', file=sys.stderr)
    with demo_page(arguments.articles) as (page, url):
        results = measure(page, url, queries(arguments.queries),
                          arguments.key_delay)
        search_delay = page.evaluate(SEARCH_DELAY)
    figures = summary(results)
    report = rst_report(figures, arguments.key_delay, search_delay)
    print(report)
    if arguments.docs:
        update_page(os.path.join(arguments.docs, 'performance.rst'),
                    report, MARKERS)
    return 0 if all(passed for passed, _text in goals(figures)) else 1
