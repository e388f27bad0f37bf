"""The first search after a restart, each in a process of its own.

``python -m keywordwidget_benchmarks.restart <terms|demo> <mode>``
loads what a formlib app loads, makes an article whose vocabulary has
`terms` made-up keywords (or the demo's keyword vocabulary), and prints,
as JSON, the seconds the first search and the next take, and the first
render of the article's edit widget.  The modes:

- ``cold``: the first search with no page before it;
- ``page``: the edit page first, as always before a user's search, then
  the first search sent at once, without the time a browser and a user
  take: the worst case;
- ``pause``: the edit page, then the first search after `PAUSE` seconds,
  less than a browser takes to show the page and run its script, a user
  to type, and the enhancement to wait for the typing to stop; also how
  long the index took to build in the background after the page.
"""
import gc
import json
import os
import subprocess
import sys
import threading
import time

import keywordwidget_benchmarks
from keywordwidget_benchmarks import benchmark

from formlib.keywordwidget.index import builder


DEMO = 'demo'
MODES = ('cold', 'page', 'pause')
PAUSE = 0.5
# Stored on the article of the demo's vocabulary.
DEMO_STORED = 20


def demo_keywords():
    from formlib.keywordwidget.demo.vocabularies import keyword_values
    return keyword_values()


def make_article(terms):
    if terms == DEMO:
        keywords = demo_keywords()
        return benchmark.Article(
            keywords, benchmark.pick_stored(keywords, DEMO_STORED))
    return benchmark.make_article(int(terms))


def first_searches(article, mode):
    """Seconds of the page (or None), the first search and the next."""
    # A query for a keyword the article has, as a user types it.
    query = article.keywords[0][:2].lower()
    times = {'terms': article.size, 'page': None}
    if mode != 'cold':
        started = time.perf_counter()
        benchmark.contender('edit', 'ours').run(article)
        times['page'] = time.perf_counter() - started
    if mode == 'pause':
        # Meanwhile, how long the index takes to build in the background.
        started = time.perf_counter()
        watcher = threading.Thread(target=lambda: (
            builder.wait(),
            times.update(ready=time.perf_counter() - started)))
        watcher.start()
        time.sleep(PAUSE)
    for name in ('first', 'next'):
        started = time.perf_counter()
        answer = json.loads(benchmark.search(article, query))
        times[name] = time.perf_counter() - started
        assert answer['items'], (query, answer)
    if mode == 'pause':
        watcher.join()
    return times


def measure(terms, mode):
    """The times of `first_searches` in a new process."""
    folder = os.path.dirname(
        os.path.dirname(keywordwidget_benchmarks.__file__))
    output = subprocess.run(
        [sys.executable, '-m', __name__, str(terms), mode],
        cwd=folder, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def measure_restarts(results, vocabularies, modes=MODES, say=None):
    """Add the times of each mode for each of `vocabularies` (numbers of
    terms, or DEMO) to `results`, as ``restart-<time>`` of the mode."""
    for terms in vocabularies:
        for mode in modes:
            if say is not None:
                say('the first search after a restart, %s terms, %s' % (
                    terms if terms == DEMO else '{:,}'.format(terms), mode))
            times = measure(terms, mode)
            for name in ('page', 'ready', 'first', 'next'):
                if times.get(name) is not None:
                    results.add(benchmark.Measurement(
                        'restart-' + name, mode, times['terms'],
                        times[name], 1, 'demo' if terms == DEMO else ''))


def main(argv):
    terms, mode = argv
    benchmark.load_configuration()
    article = make_article(terms)
    # As after a server's start-up: the garbage of making the vocabulary
    # collected, which a search must not be charged for.
    gc.collect()
    print(json.dumps(first_searches(article, mode)))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
