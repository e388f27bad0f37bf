"""Site keywords measured: search by use at 100,000 keywords over
1,000,000 uses, the first search after a restart, and the cost of a save.

``python benchmarks/sitekeywords.py`` (part of ``make bench``) prints the
results and writes them into docs/performance.rst.
"""
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import transaction
import zope.interface
import zope.schema
from zope.publisher.browser import TestRequest
from zope.security.checker import NamesChecker
from zope.security.checker import defineChecker

from formlib.keywordwidget import IKeywordStore
from formlib.keywordwidget import site_keywords
from formlib.keywordwidget.usage import KeywordUsage
from keywordwidget_benchmarks.benchmark import make_keywords
from keywordwidget_benchmarks.benchmark import percentile


# (distinct keywords, uses) of the search benchmark.
SIZES = ((1_000, 10_000), (10_000, 100_000), (100_000, 1_000_000))
QUERIES = 300
# The n-th most used keyword is used about 1 / n as often as the first.
SKEW = 1.0
SAVES = 100


@zope.interface.implementer(IKeywordStore)
class UsageStore:
    """The keywords of a KeywordUsage, as the catalog stores serve them."""

    def __init__(self, usage):
        self.usage = usage

    def count(self, keyword):
        return self.usage.count(keyword)

    def search(self, query, limit):
        return self.usage.search(query, limit)

    def objects(self, keyword):
        return []

    def alias(self, text):
        return self.usage.alias(text)


class ITaggedPage(zope.interface.Interface):

    keywords = zope.schema.List(
        title='Keywords', required=False, value_type=zope.schema.TextLine())


site_keywords(ITaggedPage['keywords'], lambda page: UsageStore(page.usage))
FIELD = ITaggedPage.__identifier__ + '.keywords'


@zope.interface.implementer(ITaggedPage)
class TaggedPage:
    """A page whose keyword store is the usage of an open database."""

    keywords = ()

    def __init__(self, usage):
        self.usage = usage


defineChecker(TaggedPage, NamesChecker(['keywords']))


def search(page, query):
    """The search view's answer, as the enhancement gets it."""
    from formlib.keywordwidget.search import KeywordSearch
    request = TestRequest(form={'field': FIELD, 'q': query})
    return json.loads(KeywordSearch(page, request)())['items']


def uses(distinct, total, seed=11):
    """How often each of `distinct` keywords is used, skewed, `total`."""
    rng = random.Random(seed)
    counts = [1] * distinct
    weights = [1 / rank ** SKEW for rank in range(1, distinct + 1)]
    for number in rng.choices(range(distinct), weights, k=total - distinct):
        counts[number] += 1
    return counts


def build(path, distinct, total):
    """A FileStorage with the usage of `distinct` keywords; seconds."""
    import ZODB
    from ZODB.FileStorage import FileStorage
    started = time.perf_counter()
    database = ZODB.DB(FileStorage(path))
    connection = database.open()
    usage = connection.root()['usage'] = KeywordUsage()
    keywords = make_keywords(distinct)
    for number, (keyword, count) in enumerate(
            zip(keywords, uses(distinct, total))):
        usage.change(keyword, count)
        if number % 10_000 == 9_999:
            transaction.commit()
            connection.cacheMinimize()
    transaction.commit()
    database.close()
    return time.perf_counter() - started, keywords


def timed(page, queries):
    times = []
    for query in queries:
        started = time.perf_counter()
        search(page, query)
        times.append(time.perf_counter() - started)
    return times


def measure_searches(distinct, total, folder, queries=QUERIES):
    """Times of prefix and most-used searches in a freshly opened
    database: the first, and the p50 and p95 of the rest."""
    import ZODB
    from ZODB.FileStorage import FileStorage
    path = os.path.join(folder, 'usage-%d.fs' % distinct)
    seconds, keywords = build(path, distinct, total)
    built_bytes = os.path.getsize(path)
    database = ZODB.DB(FileStorage(path))
    database.pack(time.time() + 1)
    database.close()
    rng = random.Random(3)
    prefixes = [keyword.casefold()[:rng.randint(1, 4)]
                for keyword in rng.choices(keywords, k=queries)]
    database = ZODB.DB(FileStorage(path, read_only=True))
    try:
        page = TaggedPage(database.open().root()['usage'])
        first = timed(page, ['py'])[0]
        prefix = timed(page, prefixes)
        most_used = timed(page, [''] * max(10, queries // 3))
    finally:
        database.close()
    return {
        'distinct': distinct, 'uses': total, 'build': seconds,
        'first': first,
        'prefix_p50': statistics.median(prefix),
        'prefix_p95': percentile(prefix, 0.95),
        'most_used_p50': statistics.median(most_used),
        'most_used_p95': percentile(most_used, 0.95),
        'bytes': built_bytes, 'packed_bytes': os.path.getsize(path)}


# Runs in a new process: boots the demo's Zope from its instance, times
# the first search, then saves of an article with 20 keywords reindexed in
# the demo's catalog and in one with a plain KeywordIndex.
RESTART_SCRIPT = r'''
import base64, json, statistics, sys, time, io
import paste.deploy, transaction
home, saves, fresh = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
app = paste.deploy.loadapp('config:%s/etc/zope.ini' % home,
                           global_conf={'http_port': '0'})
auth = base64.b64encode(b'editor:editor').decode()
def get(path, query):
    environ = {'REQUEST_METHOD': 'GET', 'PATH_INFO': path,
               'QUERY_STRING': query, 'SERVER_NAME': 'localhost',
               'SERVER_PORT': '80', 'wsgi.url_scheme': 'http',
               'wsgi.input': io.BytesIO(), 'SERVER_PROTOCOL': 'HTTP/1.1',
               'HTTP_AUTHORIZATION': 'Basic ' + auth}
    status = []
    body = b''.join(app(environ, lambda s, h, e=None: status.append(s)))
    return status[0], body
query = ('field=formlib.keywordwidget.demo.interfaces.IArticle.keywords'
         '&q=py')
started = time.perf_counter()
status, body = get('/article/@@keywordwidget-search', query)
first = time.perf_counter() - started
assert status.startswith('200'), status
started = time.perf_counter()
get('/article/@@keywordwidget-search', query)
second = time.perf_counter() - started

import Zope2
from Products.PluginIndexes.KeywordIndex.KeywordIndex import KeywordIndex
from Products.ZCatalog.ZCatalog import ZCatalog
root = Zope2.app()
plain = ZCatalog('plain')
plain.addIndex('keywords', KeywordIndex('keywords'))
plain.addColumn('title')
root._setObject('plain', plain)
plain = root.plain
for article in root.articles.objectValues():
    plain.catalog_object(article, '/'.join(article.getPhysicalPath()))
transaction.commit()
usage_index = root.catalog._catalog.indexes['keywords'].usage
popular = [keyword for keyword, count in usage_index.search('', 40)]
article = root.articles.objectValues()[0]
path = '/'.join(article.getPhysicalPath())
def timed_saves(keyword_sets):
    """Median seconds of reindexing and committing in either catalog: of
    the clock, and of this process's CPU."""
    times = {'catalog': [], 'plain': []}
    cpu = {'catalog': [], 'plain': []}
    for turn, keywords in enumerate(keyword_sets):
        article.keywords = keywords
        transaction.commit()
        # The two catalogs take turns at going first.
        for name in ('catalog', 'plain')[::1 if turn % 2 else -1]:
            started, cpu_started = time.perf_counter(), time.process_time()
            getattr(root, name).catalog_object(article, path)
            transaction.commit()
            times[name].append(time.perf_counter() - started)
            cpu[name].append(time.process_time() - cpu_started)
    return [statistics.median(measured[name]) for measured in (times, cpu)
            for name in ('catalog', 'plain')]
# Every save changes all 20 keywords: to 20 others of the 40 most used, or
# to 10 of them and 10 that no other article uses, which makes the
# keywords of the save before unused.
used = timed_saves([popular[:20] if turn % 2 else popular[20:]
                    for turn in range(saves)])
new = timed_saves([popular[:10] + ['Tail %d %d' % (turn, n)
                                   for n in range(10)]
                   for turn in range(saves)])
# The same with 10 keywords new to the site that differ as a site's
# keywords do, not only in a number at their end.
apart = timed_saves([popular[:10] + fresh[10 * turn:10 * turn + 10]
                     for turn in range(saves)])
result = {'first': first, 'second': second}
for key, medians in (('save', used), ('save_new', new), ('save_apart', apart)):
    result.update(zip((key, key + '_plain', key + '_cpu', key + '_plain_cpu'),
                      medians))
print(json.dumps(result))
'''


def measure_restart(saves=SAVES, articles=None):
    """The demo built anew, then a new process: its first search, and
    what saves cost with and without the suggestion store."""
    home = tempfile.mkdtemp()
    try:
        started = time.perf_counter()
        command = [sys.executable, '-c',
                   'import sys; from formlib.keywordwidget.demo import '
                   'instance, site\n'
                   'if len(sys.argv) > 3: site.ARTICLES = int(sys.argv[3])\n'
                   'instance.main(sys.argv[1], sys.argv[2])',
                   home, '0'] + ([str(articles)] if articles else [])
        subprocess.run(command, check=True, capture_output=True)
        built = time.perf_counter() - started
        fresh = make_keywords(10 * saves, seed=7)
        output = subprocess.run(
            [sys.executable, '-c', RESTART_SCRIPT, home, str(saves),
             json.dumps(fresh)],
            check=True, capture_output=True, text=True).stdout
        result = json.loads(output.strip().splitlines()[-1])
        result['build'] = built
        return result
    finally:
        shutil.rmtree(home)


def goals(searches, restart):
    """(verdict, text) of the issue's goals for the measured numbers."""
    made = []
    largest = max(searches, key=lambda result: result['distinct'])
    smallest = min(searches, key=lambda result: result['distinct'])
    for kind in ('prefix', 'most_used'):
        p95 = largest[kind + '_p95']
        made.append((p95 < 0.020, 'search p95 < 20 ms at %s keywords over'
                     ' %s uses, %s (%.2f ms)' % (
                         '{:,}'.format(largest['distinct']),
                         '{:,}'.format(largest['uses']),
                         kind.replace('_', '-'), p95 * 1000)))
    bound = 2 * math.log(largest['distinct']) / math.log(
        smallest['distinct'])
    growth = largest['prefix_p95'] / smallest['prefix_p95']
    made.append((growth <= bound, 'prefix search grows at most like a'
                 ' logarithm: p95 %.2fx from %s to %s keywords (bound'
                 ' %.2fx)' % (growth, '{:,}'.format(smallest['distinct']),
                              '{:,}'.format(largest['distinct']), bound)))
    if restart:
        made.append((restart['first'] < 0.100,
                     'first search after a restart at demo scale < 100 ms'
                     ' (%.1f ms)' % (restart['first'] * 1000)))
        for key, kind in (('save', 'keywords the site uses'),
                          ('save_new', 'half of them new to the site'),
                          ('save_apart', 'half of them new to the site and'
                           ' unlike each other')):
            ratio = restart[key + '_cpu'] / restart[key + '_plain_cpu']
            made.append((ratio <= 2, 'reindexing and committing an article'
                         ' whose 20 keywords change (%s) costs at most 2x'
                         ' the CPU time of a save without the suggestion'
                         ' store (%.2fx; by the clock %.2fx)' % (
                             kind, ratio,
                             restart[key] / restart[key + '_plain'])))
    return made


def save_times(restart, key):
    """The median times of a kind of save, ours and the plain one's."""
    return tuple('%.1f ms (CPU %.1f ms)' % (
        restart[key + suffix] * 1000, restart[key + suffix + '_cpu'] * 1000)
        for suffix in ('', '_plain'))


def rst_report(searches, restart):
    lines = ['**Site keywords: search through the search view, ms**', '',
             '+---------------------+--------+--------+--------+--------+'
             '-------+', '| keywords / uses     | prefix | prefix | most   |'
             ' most   | first |', '|                     | p50    | p95    |'
             ' used   | used   |       |', '|                     |        |'
             '        | p50    | p95    |       |',
             '+=====================+========+========+========+========+'
             '=======+']
    for result in searches:
        lines.append('| %-19s | %6.2f | %6.2f | %6.2f | %6.2f | %5.1f |' % (
            '%s / %s' % ('{:,}'.format(result['distinct']),
                         '{:,}'.format(result['uses'])),
            result['prefix_p50'] * 1000, result['prefix_p95'] * 1000,
            result['most_used_p50'] * 1000, result['most_used_p95'] * 1000,
            result['first'] * 1000))
        lines.append('+---------------------+--------+--------+--------+'
                     '--------+-------+')
    lines.append('')
    lines.extend(
        '- %s keywords: built in %.0f s, %.0f MiB of FileStorage, %.0f MiB'
        ' packed' % ('{:,}'.format(result['distinct']), result['build'],
                     result['bytes'] / 2 ** 20,
                     result['packed_bytes'] / 2 ** 20)
        for result in searches)
    if restart:
        lines.extend([
            '', '**The demo (%s s to build on first start), in a new'
            ' process**' % ('%.0f' % restart['build']), '',
            '- first search after the restart: %.1f ms, the next: %.1f ms'
            % (restart['first'] * 1000, restart['second'] * 1000),
            '- reindexing an article whose 20 keywords all change to others'
            ' the site uses, and committing: %s with the KeywordUsageIndex,'
            ' %s with a plain KeywordIndex' % save_times(restart, 'save'),
            '- the same with 10 of them new to the site (and the 10 of the'
            ' save before no longer used): %s and %s' % save_times(
                restart, 'save_new'),
            '- the same with the 10 new ones unlike each other (made-up'
            ' words, not "Tail 3 1", "Tail 3 2"...): %s and %s' % save_times(
                restart, 'save_apart')])
    lines.extend(['', '**Goals**', ''])
    lines.extend('- %s: %s' % ('PASS' if passed else 'FAIL', text)
                 for passed, text in goals(searches, restart))
    return '\n'.join(lines)


MARKERS = ('.. begin site keyword results (written by make bench)',
           '.. end site keyword results')


def main(argv):
    import argparse

    from keywordwidget_benchmarks.report import update_page
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--sizes', default=','.join(
        '%d:%d' % size for size in SIZES),
        help='distinct:uses pairs (default: %(default)s)')
    parser.add_argument('--queries', type=int, default=QUERIES)
    parser.add_argument('--saves', type=int, default=SAVES)
    parser.add_argument('--docs', help='docs folder to update')
    arguments = parser.parse_args(argv)
    folder = tempfile.mkdtemp()
    try:
        searches = []
        for pair in arguments.sizes.split(','):
            distinct, total = map(int, pair.split(':'))
            print('measuring %s keywords over %s uses' % (distinct, total),
                  file=sys.stderr)
            searches.append(measure_searches(
                distinct, total, folder, arguments.queries))
    finally:
        shutil.rmtree(folder)
    print('measuring the demo after a restart', file=sys.stderr)
    restart = measure_restart(arguments.saves)
    report = rst_report(searches, restart)
    print(report)
    if arguments.docs:
        update_page(os.path.join(arguments.docs, 'performance.rst'),
                    report, MARKERS)
    return 0 if all(passed for passed, _text in goals(searches, restart)) \
        else 1
