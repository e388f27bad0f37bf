"""Under load, nothing lost: editors saving the demo's articles at once.

A real Zope, booted from the demo's instance, serves its edit form over
HTTP on 127.0.0.1 with a thread per editor; its database is a FileStorage,
or a ZEO server this script starts.  Each editor saves articles of its own
through the edit form, all of them choosing among the site's most used
keywords and a pool of rarer ones that come and go.  The same load runs
without the suggestion store (a plain KeywordIndex, keywords typed) for
comparison.  Afterwards every article must hold what its last save sent,
and every count of the catalog (and of the store) must equal a recount
from the articles.

``python benchmarks/load.py`` (part of ``make bench``) prints the results
and writes them into docs/performance.rst; ``--help`` tells the options.
"""
import base64
import collections
import contextlib
import http.client
import json
import logging
import multiprocessing
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse


EDITORS = 8
SECONDS = 60
# The editors save this many of the demo's articles; the others keep the
# popular keywords in use, so that none the editors choose is retired.
EDITED = 200
# Saves of one editor alone, to time a single edit-form request.
SINGLE_SAVES = 40
# Each save: this many of the site's most used keywords...
POPULAR, POPULAR_CHOSEN = 40, 14
# ... and this many typed ones from a pool shared by all editors, which
# come and go as articles take them up and drop them.
RARE, RARE_CHOSEN = 200, 6
USER = 'editor'
FIELD = 'form.keywords'

CONFIGURATIONS = [(storage, store) for storage in ('FileStorage', 'ZEO')
                  for store in (True, False)]


# --- The server: a process of its own ------------------------------------

def serve(home, threads, store):
    """Boot Zope from the instance in `home` and serve it until a line
    comes on stdin; then print what the publisher retried and failed."""
    import paste.deploy
    import waitress
    import zope.component
    from transaction.interfaces import TransientError
    from ZPublisher.interfaces import IPubFailure
    app = paste.deploy.loadapp(
        'config:' + os.path.join(home, 'etc', 'zope.ini'),
        global_conf={'http_port': '0'})
    if not store:
        without_store()
    outcomes = collections.Counter()

    def count(event):
        kind = 'retried' if event.retry else 'failed'
        error_class, error = event.exc_info[:2]
        outcome = '%s %s' % (kind, error_class.__name__)
        oid = getattr(error, 'oid', None)
        if oid is not None:
            # Which object conflicted: named after the run (`places`).
            outcomes['conflict on %s %s' % (
                oid.hex(), error.class_name or '?')] += 1
        if not isinstance(error, TransientError):
            # Not the load's: say what it was.
            outcome += ': %s at %s' % (error, traceback.format_tb(
                event.exc_info[2])[-1].strip().replace('\n', ' '))
        outcomes[outcome] += 1

    zope.component.provideHandler(count, (IPubFailure,))
    watch_conflict_resolution(outcomes)
    # Saves that failed are counted; waitress need not print them, nor
    # say that a request waited for a thread.
    logging.getLogger('waitress').setLevel(logging.CRITICAL)
    server = waitress.create_server(
        app, host='127.0.0.1', port=0, threads=threads)
    runner = threading.Thread(target=server.run, daemon=True)
    runner.start()
    import Zope2
    print(json.dumps({
        'port': server.effective_port,
        # The load's transactions come after this one.
        'last_transaction': Zope2.DB.lastTransaction().hex()}), flush=True)
    sys.stdin.readline()
    server.close()
    server.task_dispatcher.shutdown()
    Zope2.DB.close()
    print(json.dumps(outcomes), flush=True)


class UnresolvedConflicts(logging.Handler):
    """Counts the conflicts the database could not resolve, by class and
    reason, as ZODB logs them."""

    def __init__(self, outcomes):
        super().__init__(logging.DEBUG)
        self.outcomes = outcomes

    def emit(self, record):
        klass, _error, reason = record.args
        # E.g. "database conflict error (oid ..., ...): keyword changed
        # band" or "BTrees conflict error at 1/1/1: Delete of first key".
        reason = reason.split(' (')[0].rpartition(': ')[2]
        self.outcomes['unresolved conflict: %s, %s' % (
            getattr(klass, '__name__', klass), reason)] += 1


def watch_conflict_resolution(outcomes):
    logger = logging.getLogger('ZODB.ConflictResolution')
    logger.setLevel(logging.DEBUG)
    logger.addHandler(UnresolvedConflicts(outcomes))


def without_store():
    """The demo as it would be without the suggestion store: its catalog
    indexes keywords with a plain KeywordIndex, and the Keywords field
    suggests nothing, so that editors type every keyword."""
    import transaction
    import Zope2
    from Products.PluginIndexes.KeywordIndex.KeywordIndex import KeywordIndex
    from zope.schema.vocabulary import SimpleVocabulary

    from formlib.keywordwidget import open_keywords
    from formlib.keywordwidget.demo.interfaces import CATALOG
    from formlib.keywordwidget.demo.interfaces import KEYWORDS_INDEX
    from formlib.keywordwidget.demo.interfaces import IArticle
    app = Zope2.app()
    catalog = app[CATALOG]
    catalog.delIndex(KEYWORDS_INDEX)
    catalog.addIndex(KEYWORDS_INDEX, KeywordIndex(KEYWORDS_INDEX))
    catalog.reindexIndex(KEYWORDS_INDEX, None)
    transaction.commit()
    app._p_jar.close()
    open_keywords(IArticle['keywords'], SimpleVocabulary([]))


class Server:
    """The Zope of an instance, served by `serve` in a new process."""

    def __init__(self, home, threads, store):
        self.process = subprocess.Popen(
            [sys.executable, '-c',
             'import sys; from keywordwidget_benchmarks.load import serve;'
             ' serve(sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1")',
             home, str(threads), '1' if store else '0'],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)))
        line = self.process.stdout.readline()
        if not line:
            self.process.wait()
            raise RuntimeError('The Zope server did not start.')
        started = json.loads(line)
        self.port = started['port']
        self.last_transaction = bytes.fromhex(started['last_transaction'])

    def stop(self):
        """Stop it; what its publisher retried and failed, by error."""
        self.process.stdin.write('stop\n')
        self.process.stdin.flush()
        outcomes = json.loads(self.process.stdout.readline())
        self.process.wait(timeout=60)
        return outcomes


# --- The instance ---------------------------------------------------------

def build_demo(home, articles):
    """The demo's instance in `home` with `articles` articles, built in
    a process of its own (Zope starts once per process)."""
    subprocess.run(
        [sys.executable, '-c',
         'import sys; from formlib.keywordwidget.demo import instance, site\n'
         'site.ARTICLES = int(sys.argv[3])\n'
         'instance.main(sys.argv[1], sys.argv[2])',
         home, '0', str(articles)],
        check=True, capture_output=True)


def configure(home, threads, zeo_address=None):
    """The demo's zope.conf, with a connection per thread, and the storage
    served by ZEO if there is an address."""
    from formlib.keywordwidget.demo.instance import ZOPE_CONF
    conf = ZOPE_CONF.format(home=home)
    filestorage = '  <filestorage>\n    path $INSTANCE/var/Data.fs\n' \
                  '  </filestorage>\n'
    assert filestorage in conf, 'The demo keeps its data elsewhere.'
    storage = filestorage
    if zeo_address is not None:
        # ZEO's own client section: ZODB's <zeoclient> has no server-sync.
        conf = '%import ZEO\n' + conf
        storage = ('  <clientstorage>\n    server %s:%d\n'
                   '    server-sync on\n  </clientstorage>\n' % zeo_address)
    conf = conf.replace(
        filestorage, storage + '  pool-size %d\n' % threads)
    with open(os.path.join(home, 'etc', 'zope.conf'), 'w') as f:
        f.write(conf)


@contextlib.contextmanager
def zeo_server(path):
    """A ZEO server of the FileStorage at `path`, in a process of its
    own; its address and process id."""
    import ZEO
    before = {process.pid for process in multiprocessing.active_children()}
    address, stop = ZEO.server(path=path, threaded=False)
    started, = (process.pid for process in multiprocessing.active_children()
                if process.pid not in before)
    try:
        yield address, started
    finally:
        stop()


def cpu_seconds(pid):
    """The processor time the process `pid` has used so far, or None
    where the system does not tell (it is read from Linux's /proc)."""
    try:
        with open('/proc/%d/stat' % pid) as f:
            fields = f.read().rpartition(')')[2].split()
    except OSError:
        return None
    # utime and stime, the 14th and 15th fields, in clock ticks.
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')


# --- The editors ----------------------------------------------------------

def most_used(articles, edited, count=POPULAR):
    """The `count` keywords most used by the demo's `articles` articles
    but the `edited` first."""
    from formlib.keywordwidget.demo.site import article_keywords
    used = collections.Counter(
        keyword for keywords in article_keywords(articles)[edited:]
        for keyword in keywords)
    return [keyword for keyword, _count in used.most_common(count)]


def rare_keywords(count=RARE):
    """Made-up keywords the demo has not: each different, as a site's
    rarer keywords are."""
    from keywordwidget_benchmarks.benchmark import make_keywords
    return make_keywords(count, seed=11)


class Editor:
    """Saves articles of its own through the edit form, one after the
    other, and remembers what it saved last in each."""

    def __init__(self, port, paths, popular, rare, store, seed):
        self.connection = http.client.HTTPConnection(
            '127.0.0.1', port, timeout=120)
        self.paths = paths
        self.popular = popular
        self.rare = rare
        self.store = store
        self.random = random.Random(seed)
        self.saved = {}
        self.times = []
        self.failures = collections.Counter()
        credentials = base64.b64encode(('%s:%s' % (USER, USER)).encode())
        self.headers = {'Authorization': 'Basic ' + credentials.decode()}

    def keywords(self):
        """What an editor chooses: popular keywords and some rarer ones."""
        return (self.random.sample(self.popular, POPULAR_CHOSEN)
                + self.random.sample(self.rare, RARE_CHOSEN))

    def run(self, until=None, saves=None):
        """Save until the monotonic time `until` or `saves` times."""
        done = 0
        while ((until is None or time.monotonic() < until)
               and (saves is None or done < saves)):
            path = self.paths[done % len(self.paths)]
            self.save(path, self.keywords())
            done += 1
        self.connection.close()

    def request(self, method, path, body=None):
        headers = dict(self.headers)
        if body is not None:
            headers['Content-Type'] = 'application/x-www-form-urlencoded'
        self.connection.request(method, path, body, headers)
        response = self.connection.getresponse()
        return response.status, response.read().decode('utf-8')

    def save(self, path, keywords):
        """Open the edit form of the article at `path`, choose `keywords`
        as the widget offers them, apply; a failure is counted."""
        import lxml.html
        status, page = self.request('GET', path + '/@@edit')
        if status != 200:
            self.failures['edit form: %d' % status] += 1
            return
        form = lxml.html.fromstring(page).forms[0]
        fields = [(name, value) for name, value in form.form_values()
                  if name not in (FIELD + ':list', FIELD + '.new')]
        if self.store:
            # The site's keywords are offered, chosen ones are selected;
            # the rarer ones may be new, and are typed.
            fields += [(FIELD + ':list', keyword)
                       for keyword in keywords[:POPULAR_CHOSEN]]
            typed = keywords[POPULAR_CHOSEN:]
        else:
            typed = keywords
        fields += [(FIELD + '.new', '\n'.join(typed)),
                   ('form.actions.apply', 'Apply')]
        action = urllib.parse.urlsplit(form.action).path
        started = time.perf_counter()
        status, page = self.request(
            'POST', action, urllib.parse.urlencode(fields))
        seconds = time.perf_counter() - started
        if status != 200:
            self.failures['save: %d' % status] += 1
        elif 'Updated on' not in page:
            self.failures['save: %s' % summary(page)] += 1
        else:
            self.saved[path] = set(keywords)
            self.times.append(seconds)


def summary(page):
    """What a form page says happened, e.g. its errors."""
    import lxml.html
    return ' '.join(' '.join(element.text_content().split())
                    for element in lxml.html.fromstring(page).find_class(
                        'form-status'))


def run_editors(port, editors, edited, popular, store, seed, **until):
    """`editors` at once, each with its own of the `edited` first
    articles and its own choices from `seed` on; they are returned when
    all are done."""
    paths = ['/articles/article-%04d' % number
             for number in range(1, edited + 1)]
    rare = rare_keywords()
    working = [Editor(port, paths[number::editors], popular, rare, store,
                      seed=seed + number) for number in range(editors)]
    threads = [threading.Thread(target=editor.run, kwargs=until)
               for editor in working]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return working


# --- What the database holds afterwards -----------------------------------

def recount_problems(path, saved, store):
    """What is wrong in the database at `path`: articles that do not hold
    what was saved last, and counts of the catalog (and of the store) that
    differ from a recount of the articles' keywords."""
    import ZODB
    from ZODB.FileStorage import FileStorage

    from formlib.keywordwidget.demo.interfaces import CATALOG
    from formlib.keywordwidget.demo.interfaces import KEYWORDS_INDEX
    problems = []
    database = ZODB.DB(FileStorage(path, read_only=True))
    try:
        app = database.open().root()['Application']
        articles = [app.article] + list(app.articles.objectValues())
        content = {'/'.join(article.getPhysicalPath()): article.keywords
                   for article in articles}
        for article_path, keywords in sorted(saved.items()):
            if set(content[article_path]) != keywords:
                problems.append('%s does not hold its last save' % (
                    article_path))
        recount = collections.Counter(
            keyword for keywords in content.values()
            for keyword in set(keywords))
        catalog = app[CATALOG]._catalog
        index = catalog.indexes[KEYWORDS_INDEX]
        problems += compare_counts(
            'catalog', recount,
            {keyword: 1 if isinstance(documents, int) else len(documents)
             for keyword, documents in index._index.items()})
        if sorted(catalog.uids.keys()) != sorted(content):
            problems.append('the catalog lists other objects')
        if store:
            problems += compare_counts('store', recount, {
                keyword: index.usage.count(keyword)
                for keyword in index.usage.keywords()})
            problems += usage_problems(index.usage)
    finally:
        database.close()
    return problems


def writes(path, after):
    """How many transactions the database at `path` committed after the
    transaction id `after`, and how many objects and bytes they wrote."""
    from ZODB.FileStorage import FileStorage
    from ZODB.utils import p64
    from ZODB.utils import u64
    written = collections.Counter()
    storage = FileStorage(path, read_only=True)
    try:
        for transaction in storage.iterator(p64(u64(after) + 1)):
            written['transactions'] += 1
            for record in transaction:
                written['objects'] += 1
                written['bytes'] += len(record.data or b'')
    finally:
        storage.close()
    return written


def places(app):
    """What each persistent object of the demo's catalog and articles is,
    by oid in hex: the places conflicts happen."""
    from formlib.keywordwidget.demo.interfaces import CATALOG
    named = {}

    def name(thing, place):
        oid = getattr(thing, '_p_oid', None)
        if oid is not None:
            named.setdefault(oid.hex(), place)

    def tree(root, place):
        """A BTree or TreeSet, its inner nodes and its buckets."""
        name(root, place + ' (root)')
        nodes(root, type(root), place)

    def nodes(node, tree_type, place):
        node._p_activate()
        state = node.__getstate__()
        if state is None or len(state) == 1:
            # Empty, or its only bucket is in its own state.
            return
        for child in state[0][::2]:
            if type(child) is tree_type:
                name(child, place + ' (inner node)')
                nodes(child, tree_type, place)
            else:
                name(child, place + ' (bucket)')

    catalog = app[CATALOG]
    name(catalog, 'ZCatalog')
    catalog = catalog._catalog
    name(catalog, 'Catalog')
    for attribute in ('data', 'uids', 'paths'):
        tree(getattr(catalog, attribute), 'catalog.' + attribute)
    name(catalog._length, 'catalog._length')
    for index_id, index in catalog.indexes.items():
        prefix = 'index %s.' % index_id
        name(index, prefix[:-1])
        spread = getattr(index._index, 'trees', None)
        if spread is None:
            tree(index._index, prefix + '_index')
        else:
            name(index._index, prefix + '_index')
            for partition in spread:
                tree(partition, prefix + '_index: a tree')
        tree(index._unindex, prefix + '_unindex')
        for attribute in ('_length', '_counter'):
            if getattr(index, attribute, None) is not None:
                name(getattr(index, attribute), prefix + attribute)
        for documents in index._index.values():
            if hasattr(documents, '_p_oid'):
                tree(documents, prefix + '_index: documents of a keyword')
        usage = getattr(index, 'usage', None)
        if usage is not None:
            name(usage, 'usage')
            name(usage.counts, 'usage.counts')
            for counts in usage.counts.trees:
                tree(counts, 'usage.counts: a tree')
            name(usage.ranked, 'usage.ranked')
            tree(usage.ranked.trees, 'usage.ranked: its trees')
            for ranked in usage.ranked.trees.values():
                if hasattr(ranked, '_p_oid'):
                    tree(ranked, 'usage.ranked: a tree')
            for attribute in ('grams', 'aliases'):
                tree(getattr(usage, attribute), 'usage.' + attribute)
            for keywords in usage.grams.values():
                if hasattr(keywords, '_p_oid'):
                    tree(keywords, 'usage.grams: keywords of a gram')
            name(usage.distinct, 'usage.distinct')
    name(app.articles, 'the articles folder')
    for article in app.articles.objectValues():
        name(article, 'an article')
    return named


def conflicts_by_place(path, outcomes):
    """`outcomes` with the objects that conflicted named by their place
    in the database at `path` (`places`), as it is after the run."""
    import ZODB
    from ZODB.FileStorage import FileStorage
    database = ZODB.DB(FileStorage(path, read_only=True))
    try:
        named = places(database.open().root()['Application'])
    finally:
        database.close()
    by_place = collections.Counter()
    for outcome, count in outcomes.items():
        if outcome.startswith('conflict on '):
            oid, class_name = outcome[len('conflict on '):].split(' ', 1)
            place = named.get(oid, 'gone by the end (%s)' % (
                class_name.rpartition('.')[2]))
            outcome = 'conflict at ' + place
        by_place[outcome] += count
    return dict(by_place)


def compare_counts(name, recount, counts):
    """Each keyword whose count in `counts` is not its recount."""
    return ['%s counts %r %d times, the articles %d times' % (
        name, keyword, counts.get(keyword, 0), recount.get(keyword, 0))
        for keyword in sorted(recount.keys() | counts.keys())
        if counts.get(keyword, 0) != recount.get(keyword, 0)]


def usage_problems(usage):
    """Where the search of a KeywordUsage disagrees with its counts."""
    from formlib.keywordwidget.counts import count_and_band
    from formlib.keywordwidget.counts import fits
    from formlib.keywordwidget.normalize import search_key
    from formlib.keywordwidget.usage import grams_of
    problems = []
    ranked, grams = set(), set()
    counted = 0
    for (_folded, keyword), value in usage.counts.items():
        counted += 1
        count, band = count_and_band(value)
        if not fits(count, band):
            problems.append('%r is used %d times, ranked in band %d' % (
                keyword, count, band))
        key = search_key(keyword)
        ranked.add((-band, key, keyword))
        grams.update((gram, keyword) for gram in grams_of(key))
    if set(usage.ranked) != ranked:
        problems.append('the ranked search disagrees with the counts')
    if {(gram, keyword) for gram, keywords in usage.grams.items()
            for keyword in keywords} != grams:
        problems.append('the grams disagree with the counts')
    if len(usage) != counted:
        problems.append('the store counts %d keywords, not %d' % (
            len(usage), counted))
    return problems


# --- One configuration, and all --------------------------------------------

def measure(built, folder, storage, store, editors=EDITORS, seconds=SECONDS,
            single_saves=SINGLE_SAVES):
    """The load on a copy of the built demo, with `storage` and with or
    without the store; its results."""
    name = '%s-%s' % (storage, 'store' if store else 'plain')
    home = os.path.join(folder, name)
    shutil.copytree(built['home'], home)
    data = os.path.join(home, 'var', 'Data.fs')
    edited, popular = built['edited'], built['popular']
    with contextlib.ExitStack() as stack:
        address = None
        processes = {}
        if storage == 'ZEO':
            address, processes['zeo'] = stack.enter_context(
                zeo_server(data))
        configure(home, editors, address)
        server = Server(home, editors, store)
        processes['zope'] = server.process.pid
        built_until = server.last_transaction
        try:
            cpu_before = {name: cpu_seconds(pid)
                          for name, pid in processes.items()}
            started = time.monotonic()
            working = run_editors(server.port, editors, edited, popular,
                                  store, seed=0, until=started + seconds)
            elapsed = time.monotonic() - started
            cpu = {name: cpu_used(cpu_before[name], cpu_seconds(pid))
                   for name, pid in processes.items()}
            # Then one editor alone, on articles saved before.
            alone = run_editors(server.port, 1, edited, popular, store,
                                seed=editors, saves=single_saves)
        finally:
            outcomes = server.stop()
    saved = {}
    for editor in working + alone:
        saved.update(editor.saved)
    times = [seconds for editor in working for seconds in editor.times]
    failures = sum((editor.failures for editor in alone + working),
                   collections.Counter())
    written = writes(data, built_until)
    return {
        'storage': storage, 'store': store, 'editors': editors,
        'seconds': elapsed, 'saves': len(times),
        'saves_per_second': len(times) / elapsed,
        'save_p50': statistics.median(times) if times else None,
        'save_p95': percentile(times, 0.95) if times else None,
        'single_save': statistics.median(alone[0].times)
        if alone[0].times else None,
        # The processor time each process spent, per save that landed:
        # Zope runs Python in one thread at a time.
        'zope_cpu_per_save': per_save(cpu['zope'], times),
        'zeo_cpu_per_save': per_save(cpu.get('zeo'), times),
        'objects_per_save': written['objects'] / written['transactions'],
        'kib_per_save': written['bytes'] / written['transactions'] / 1024,
        'retried': sum(count for outcome, count in outcomes.items()
                       if outcome.startswith('retried')),
        'failed': sum(failures.values()),
        'outcomes': dict(conflicts_by_place(data, outcomes), **failures),
        'problems': recount_problems(data, saved, store),
    }


def cpu_used(before, after):
    return None if None in (before, after) else after - before


def per_save(seconds, times):
    return seconds / len(times) if seconds is not None and times else None


def percentile(values, fraction):
    from keywordwidget_benchmarks.benchmark import percentile
    return percentile(values, fraction)


def build(folder, articles, edited):
    """The demo, built once for all configurations."""
    home = os.path.join(folder, 'built')
    build_demo(home, articles)
    return {'home': home, 'edited': edited,
            'popular': most_used(articles, edited)}


def run(configurations=CONFIGURATIONS, articles=None, edited=EDITED,
        **options):
    """Results of the load in each (storage, store) configuration."""
    from formlib.keywordwidget.demo.site import ARTICLES
    folder = tempfile.mkdtemp()
    # ZEO writes its server's configuration where it runs.
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        built = build(folder, articles or ARTICLES, edited)
        results = []
        for storage, store in configurations:
            print('load: %d editors, %s, %s the store' % (
                options.get('editors', EDITORS), storage,
                'with' if store else 'without'), file=sys.stderr)
            results.append(measure(built, folder, storage, store, **options))
        return results
    finally:
        os.chdir(cwd)
        shutil.rmtree(folder)


# --- The report -------------------------------------------------------------

def ms(seconds):
    return '%.1f' % (seconds * 1000) if seconds is not None else '-'


def outcome_lines(outcomes):
    """What was retried, what failed and why, and the conflicts the
    database could not resolve, by class."""
    kinds = collections.defaultdict(collections.Counter)
    for outcome, count in outcomes.items():
        kind, _space, what = outcome.partition(' ')
        if kind == 'unresolved':
            kinds['conflicts the database could not resolve'][
                what[len('conflict: '):]] += count
        elif kind == 'retried':
            kinds['retried'][what] += count
        elif kind == 'conflict':
            kinds['conflicts (retried or failed) by place'][
                what[len('at '):]] += count
        elif kind != 'failed':
            kinds['failed saves'][outcome] += count
        elif ':' in what:
            # No conflict, but an error.
            kinds['errors'][what] += count
    lines = []
    for kind in ('retried', 'failed saves', 'errors',
                 'conflicts the database could not resolve',
                 'conflicts (retried or failed) by place'):
        if kinds[kind]:
            counted = sorted(kinds[kind].items(),
                             key=lambda item: (-item[1], item[0]))
            lines.append('%s: %s' % (kind, ', '.join(
                '%s %d' % item for item in counted)))
    return lines


def rst_report(results):
    rows = [('storage', 'suggestion store', 'saves/s', 'save p50 / p95 ms',
             'one editor: save ms', 'written per save',
             'CPU ms per save: Zope / ZEO',
             'retried', 'failed', 'recount')]
    for result in results:
        rows.append((
            result['storage'], 'with' if result['store'] else 'without',
            '%.1f' % result['saves_per_second'],
            '%s / %s' % (ms(result['save_p50']), ms(result['save_p95'])),
            ms(result['single_save']),
            '%.0f objects, %.0f KiB' % (
                result['objects_per_save'], result['kib_per_save']),
            ' / '.join(ms(result[process]) for process in (
                ('zope_cpu_per_save', 'zeo_cpu_per_save')
                if result['storage'] == 'ZEO' else ('zope_cpu_per_save',))),
            str(result['retried']),
            str(result['failed']),
            'equal' if not result['problems'] else
            '%d problems' % len(result['problems'])))
    widths = [max(len(row[column]) for row in rows)
              for column in range(len(rows[0]))]

    def line(char):
        return '+' + '+'.join(char * (width + 2) for width in widths) + '+'

    def cells(row):
        return '| ' + ' | '.join(
            cell.ljust(width) for cell, width in zip(row, widths)) + ' |'

    first = results[0]
    lines = ['**%d editors saving at once for %.0f s, over HTTP**' % (
        first['editors'], first['seconds']), '',
        line('-'), cells(rows[0]), line('=')]
    for row in rows[1:]:
        lines += [cells(row), line('-')]
    lines.append('')
    by = {(result['storage'], result['store']): result
          for result in results}
    for storage in ('FileStorage', 'ZEO'):
        if (storage, True) in by and (storage, False) in by:
            with_, without = by[(storage, True)], by[(storage, False)]
            lines.append(
                '- %s: %.2fx the saves per second without the store; an'
                ' edit-form save of one editor alone costs %.2fx' % (
                    storage, with_['saves_per_second']
                    / without['saves_per_second'],
                    with_['single_save'] / without['single_save']))
    for result in results:
        name = '%s, %s the store' % (
            result['storage'], 'with' if result['store'] else 'without')
        lines.extend('- %s: %s' % (name, problem)
                     for problem in result['problems'])
        lines.extend('- %s: %s' % (name, text)
                     for text in outcome_lines(result['outcomes']))
    return '\n'.join(lines)


MARKERS = ('.. begin load results (written by make bench)',
           '.. end load results')


def main(argv):
    import argparse

    from keywordwidget_benchmarks.report import update_page
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--editors', type=int, default=EDITORS)
    parser.add_argument('--seconds', type=float, default=SECONDS)
    parser.add_argument('--single-saves', type=int, default=SINGLE_SAVES)
    parser.add_argument('--articles', type=int,
                        help='articles of the demo (default: its own)')
    parser.add_argument('--edited', type=int, default=EDITED,
                        help='articles the editors save')
    parser.add_argument(
        '--only', choices=['FileStorage', 'ZEO'],
        help='one storage only')
    parser.add_argument(
        '--store', choices=['with', 'without'],
        help='with or without the suggestion store only')
    parser.add_argument('--docs', help='docs folder to update')
    parser.add_argument('--json', action='store_true',
                        help='print the results as JSON')
    arguments = parser.parse_args(argv)
    configurations = [
        (storage, store) for storage, store in CONFIGURATIONS
        if arguments.only in (None, storage)
        and arguments.store in (None, 'with' if store else 'without')]
    results = run(configurations, articles=arguments.articles,
                  edited=arguments.edited,
                  editors=arguments.editors, seconds=arguments.seconds,
                  single_saves=arguments.single_saves)
    if arguments.json:
        print(json.dumps(results))
    else:
        report = rst_report(results)
        print(report)
        if arguments.docs:
            update_page(os.path.join(arguments.docs, 'performance.rst'),
                        report, MARKERS)
    # Judged: the saves with the store.  Without it Zope's own
    # KeywordIndex is measured for comparison, saves it loses included.
    return 0 if all(
        not result['problems'] and not (result['store'] and result['failed'])
        for result in results) else 1
