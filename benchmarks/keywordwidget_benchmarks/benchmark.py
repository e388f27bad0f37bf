"""Our widgets measured side by side with zope.formlib's stock widgets."""
import dataclasses
import functools
import gc
import html.parser
import json
import random
import statistics
import time
import tracemalloc
import unicodedata
from html import escape

import keywordwidget_benchmarks
import zope.component
import zope.configuration.xmlconfig
import zope.interface
import zope.schema
from zope.formlib.interfaces import IDisplayWidget
from zope.formlib.interfaces import IInputWidget
from zope.formlib.itemswidgets import MultiCheckBoxWidget
from zope.formlib.itemswidgets import MultiSelectWidget
from zope.publisher.browser import TestRequest
from zope.schema.interfaces import IContextSourceBinder
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

from formlib.keywordwidget.interfaces import IHaveSelectableKeywords
from formlib.keywordwidget.settings import DEFAULT_LARGE_THRESHOLD
from formlib.keywordwidget.settings import set_large_threshold


SIZES = (100, 1_000, 10_000, 100_000)
# A tenth of the vocabulary is stored, but no more than this.
MAX_STORED = 2_000
# Ours with every option listed, whatever the vocabulary's size.
NEVER_LARGE = 10**9
# The page-size goal renders this many selected keywords at every size.
PAGE_SIZE_SELECTION = 100
# The large-mode render goal times this many chosen at every size.
LARGE_RENDER_SELECTION = 1_000
SEARCH_QUERIES = 300
# Turns every contender takes at timing each size.
ROUNDS = 3
# The linearity goal compares two of our times: quick to take, so more turns
# keep a busy machine from deciding it.
DOUBLING_ROUNDS = 6
# Queries timed on a vocabulary object the search has not seen before.
FRESH_VOCABULARY_QUERIES = 5

# Syllables for made-up keywords; some accented, as real keywords are.
SYLLABLES = (
    'al ba be bo ca ce da de do el en fa fe ga go ha he in ka ki ko la le li'
    ' lo ma me mi mo na ne ni no or pa pe po ra re ri ro sa se si so ta te'
    ' ti to un va ve vi wa ze zo ré zü ña ça mø ka ji').split()


def load_configuration():
    """Register the widgets as a formlib app with our ZCML has them."""
    zope.configuration.xmlconfig.file(
        'benchmark.zcml', package=keywordwidget_benchmarks)


def make_keywords(count, seed=2026):
    """`count` distinct, made-up keywords; a longer list starts the same."""
    rng = random.Random(seed)
    keywords, slugs = [], set()
    while len(keywords) < count:
        words = [
            ''.join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
            for _ in range(rng.choice((1, 1, 1, 2)))]
        keyword = ' '.join(words).capitalize()
        slug = slugify(keyword)
        if slug not in slugs:
            slugs.add(slug)
            keywords.append(keyword)
    return keywords


def slugify(text):
    """An ASCII token for a keyword."""
    folded = unicodedata.normalize('NFKD', text.casefold())
    ascii_text = folded.encode('ascii', 'ignore').decode('ascii')
    return '-'.join(ascii_text.split())


def stored_count(size):
    return min(size // 10, MAX_STORED)


def pick_stored(keywords, count, seed=5):
    """`count` keywords spread over the vocabulary, in a user's order."""
    if not count:
        return []
    step = len(keywords) // count
    stored = keywords[::step][:count]
    random.Random(seed).shuffle(stored)
    return stored


@zope.interface.provider(IContextSourceBinder)
def article_vocabulary(context):
    return context.vocabulary


class IBenchmarkArticle(zope.interface.Interface):
    """An article whose keywords are rendered by ours and by formlib's."""

    keywords = zope.schema.List(
        title='Keywords', required=False,
        value_type=zope.schema.Choice(source=article_vocabulary))

    listed_keywords = zope.schema.List(
        title='Keywords', required=False,
        value_type=zope.schema.Choice(source=article_vocabulary))

    stock_keywords = zope.schema.List(
        title='Keywords', required=False,
        value_type=zope.schema.Choice(source=article_vocabulary))

    select_keywords = zope.schema.List(
        title='Keywords', required=False,
        value_type=zope.schema.Choice(source=article_vocabulary))

    checkbox_keywords = zope.schema.List(
        title='Keywords', required=False,
        value_type=zope.schema.Choice(source=article_vocabulary))


class IWantsMultiSelect(zope.interface.Interface):
    """Marks a field whose edit widget is formlib's MultiSelectWidget."""


class IWantsMultiCheckBox(zope.interface.Interface):
    """Marks a field whose edit widget is formlib's MultiCheckBoxWidget."""


def items_widget(widget_class):
    """The factory of a stock items widget for a collection of choices,
    registered for a marked field as ours is (benchmark.zcml)."""
    def factory(field, request):
        return widget_class(field, field.value_type.vocabulary, request)
    return factory


select_widget = items_widget(MultiSelectWidget)
checkbox_widget = items_widget(MultiCheckBoxWidget)

zope.interface.alsoProvides(
    IBenchmarkArticle['select_keywords'], IWantsMultiSelect)
zope.interface.alsoProvides(
    IBenchmarkArticle['checkbox_keywords'], IWantsMultiCheckBox)
zope.interface.alsoProvides(
    IBenchmarkArticle['keywords'], IHaveSelectableKeywords)
zope.interface.alsoProvides(
    IBenchmarkArticle['listed_keywords'], IHaveSelectableKeywords)
set_large_threshold(IBenchmarkArticle['listed_keywords'], NEVER_LARGE)
# How the search view is told which field to search.
SEARCH_FIELD = '%s.keywords' % IBenchmarkArticle.__identifier__


@zope.interface.implementer(IBenchmarkArticle)
class Article:
    """An article with its own vocabulary; every field stores the same."""

    def __init__(self, keywords, stored):
        self.vocabulary = SimpleVocabulary([
            SimpleTerm(keyword, slugify(keyword), keyword)
            for keyword in keywords])
        self.keywords = list(stored)
        self.listed_keywords = list(stored)
        self.stock_keywords = list(stored)
        self.select_keywords = list(stored)
        self.checkbox_keywords = list(stored)
        # What a browser posts for the stored keywords.
        self.tokens = [self.vocabulary.getTerm(value).token
                       for value in stored]

    @property
    def size(self):
        return len(self.vocabulary)


def make_article(size, all_keywords=None):
    """An article with a `size`-term vocabulary and a tenth of it stored."""
    keywords = (all_keywords or make_keywords(size))[:size]
    return Article(keywords, pick_stored(keywords, stored_count(size)))


def looked_up(interface, field_name):
    """A widget factory that looks the widget up as formlib's forms do."""
    def factory(article, request):
        field = IBenchmarkArticle[field_name].bind(article)
        return zope.component.getMultiAdapter((field, request), interface)
    return factory


def page_request(**form):
    """A request as the publisher hands it to the form at /article/@@edit.

    Our edit widget links its search view from the URL of the article.
    """
    request = TestRequest(form=form)
    # What the publisher records while it traverses to the form.
    request._traversed_names = ['article', '@@edit']
    return request


def render(factory, article):
    """Set the stored value up for rendering as a form does, and render."""
    widget = factory(article, page_request())
    widget.setRenderedValue(widget.context.get(article))
    return widget()


def parse(factory, article, request):
    """The value the widget reads from a submitted form."""
    return factory(article, request).getInputValue()


def submitted(article, field_name):
    """A request carrying the stored keywords' tokens, as a browser posts."""
    name = 'field.' + field_name
    return page_request(**{
        name: article.tokens, name + '-empty-marker': '1'})


def typed(article, field_name):
    """A request with the stored keywords typed in lower case, one a line.

    That is how a user without JavaScript adds keywords in large mode.
    """
    name = 'field.' + field_name
    return page_request(**{
        name + '.new': '\n'.join(
            keyword.lower() for keyword in article.keywords),
        name + '-empty-marker': '1'})


class PostedForm(html.parser.HTMLParser):
    """The parts a browser posts for the HTML of a form's controls."""

    def __init__(self):
        super().__init__()
        self.parts = []
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == 'select':
            self.select = attrs['name']
        elif tag == 'option' and 'selected' in attrs:
            self.parts.append((self.select, attrs['value']))
        elif tag == 'textarea':
            self.textarea = (attrs['name'], [])
        elif tag == 'input':
            self.parts.append((attrs['name'], attrs.get('value', '')))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1].append(data)

    def handle_endtag(self, tag):
        if tag == 'textarea':
            name, text = self.textarea
            text = ''.join(text)
            # Browsers drop a line end right after the start tag, and post
            # a textarea's line ends as CRLF.
            if text.startswith('\n'):
                text = text[1:]
            self.parts.append((name, text.replace('\n', '\r\n')))
            self.textarea = None


def posted_parts(page):
    form = PostedForm()
    form.feed(page)
    form.close()
    return form.parts


def form_of(parts):
    """What the publisher makes of posted parts: ``name:list`` a list,
    a name posted more than once a list, another name a text."""
    form = {}
    for name, value in parts:
        if name.endswith(':list'):
            form.setdefault(name[:-len(':list')], []).append(value)
        elif name in form:
            if not isinstance(form[name], list):
                form[name] = [form[name]]
            form[name].append(value)
        else:
            form[name] = value
    return form


def posted_without_javascript(article, field_name):
    """A request with what a browser posts for the rendered edit widget.

    Its selected options, as one part each (up to 100 chosen keywords),
    or its textarea's lines (more), and its hidden marker.
    """
    page = render(looked_up(IInputWidget, field_name), article)
    return page_request(**form_of(posted_parts(page)))


def posted_with_javascript(article, field_name):
    """A request with what the enhancement posts for the rendered widget:
    the chosen options as one JSON part instead of one part each."""
    page = render(looked_up(IInputWidget, field_name), article)
    select_name = 'field.%s:list' % field_name
    parts = posted_parts(page)
    tokens = [value for name, value in parts if name == select_name]
    parts = [(name, value) for name, value in parts if name != select_name]
    parts.append(('field.%s.tokens' % field_name, json.dumps(tokens)))
    return page_request(**form_of(parts))


def edit_floor(article):
    """Escaping and joining the options, with nothing else."""
    selected = set(article.keywords)
    return '<select multiple="multiple">%s</select>' % ''.join([
        '<option value="%s"%s>%s</option>' % (
            escape(term.token),
            ' selected="selected"' if term.value in selected else '',
            escape(term.title))
        for term in article.vocabulary])


def display_floor(article):
    """Escaping and joining the stored titles, with nothing else."""
    getTerm = article.vocabulary.getTerm
    return '<ul>%s</ul>' % ''.join([
        '<li>%s</li>' % escape(getTerm(value).title)
        for value in article.keywords])


def article_only(article):
    return (article,)


@dataclasses.dataclass(frozen=True)
class Contender:
    """One way to do an operation: ours, a stock widget, or the floor."""

    key: str
    label: str
    run: object  # callable(*setup(article)) -> HTML or value
    # Stock widgets are O(n·m): they may be skipped for large vocabularies.
    quadratic: bool = False
    # Whose time this one's is compared with, if anyone's.
    baseline: str = 'ours'
    # What `run` is called with, made before the timing starts.
    setup: object = article_only

    def timed(self, article):
        """A call of `run` for `article`, to be timed."""
        return functools.partial(self.run, *self.setup(article))


EDIT = (
    Contender('ours', 'ours: KeywordInputWidget', lambda article: render(
        looked_up(IInputWidget, 'keywords'), article), baseline=None),
    Contender(
        'listed', 'ours, every option listed (no large mode)',
        lambda article: render(
            looked_up(IInputWidget, 'listed_keywords'), article),
        baseline=None),
    Contender(
        'default', 'formlib default: OrderedMultiSelectWidget',
        lambda article: render(
            looked_up(IInputWidget, 'stock_keywords'), article),
        quadratic=True),
    Contender('select', 'formlib MultiSelectWidget', lambda article: render(
        looked_up(IInputWidget, 'select_keywords'), article),
        quadratic=True),
    Contender('checkbox', 'formlib MultiCheckBoxWidget',
              lambda article: render(
                  looked_up(IInputWidget, 'checkbox_keywords'), article),
              quadratic=True),
    Contender('floor', 'floor: escape + join', edit_floor,
              baseline='listed'),
)

DISPLAY = (
    Contender('ours', 'ours: KeywordDisplayWidget', lambda article: render(
        looked_up(IDisplayWidget, 'keywords'), article), baseline=None),
    Contender(
        'default', 'formlib default: SetDisplayWidget',
        lambda article: render(
            looked_up(IDisplayWidget, 'stock_keywords'), article)),
    Contender('floor', 'floor: escape + join', display_floor),
)


def parsing(key, label, field_name, factory, request, baseline='ours'):
    """A contender that parses the article's stored keywords as `request`
    (article, field_name) posts them; the request is made beforehand."""
    return Contender(
        key, label,
        lambda article, request: parse(factory, article, request),
        baseline=baseline,
        setup=lambda article: (article, request(article, field_name)))


PARSE = (
    parsing('ours', 'ours: KeywordInputWidget, without JavaScript',
            'keywords', looked_up(IInputWidget, 'keywords'),
            posted_without_javascript, baseline=None),
    parsing('ours-js', 'ours, with JavaScript', 'keywords',
            looked_up(IInputWidget, 'keywords'), posted_with_javascript,
            baseline=None),
    parsing('typed', 'ours, keywords typed (no JavaScript)', 'keywords',
            looked_up(IInputWidget, 'keywords'), typed, baseline=None),
    parsing('default', 'formlib default: OrderedMultiSelectWidget',
            'stock_keywords', looked_up(IInputWidget, 'stock_keywords'),
            submitted),
    parsing('select', 'formlib MultiSelectWidget', 'select_keywords',
            looked_up(IInputWidget, 'select_keywords'), submitted),
)

OPERATIONS = {'edit': EDIT, 'display': DISPLAY, 'parse': PARSE}
MEMORY_CONTENDERS = ('ours', 'listed', 'default')


@dataclasses.dataclass
class Measurement:
    """One number: seconds, bytes or a percentile, or None if skipped."""

    operation: str
    contender: str
    size: int
    value: float = None
    runs: int = 0
    note: str = ''


class Results:
    """Measurements of one run, found by operation, contender and size."""

    def __init__(self, sizes, doubling=(), rounds=1):
        self.sizes = tuple(sizes)
        self.rounds = rounds
        # Sizes whose double was measured too, for ours alone.
        self.doubling = tuple(doubling)
        self.measurements = {}

    def add(self, measurement):
        key = (measurement.operation, measurement.contender, measurement.size)
        self.measurements[key] = measurement

    def get(self, operation, contender, size):
        return self.measurements.get((operation, contender, size))

    def value(self, operation, contender, size):
        measurement = self.get(operation, contender, size)
        return None if measurement is None else measurement.value

    def ratio(self, operation, contender, size, baseline='ours'):
        """How many times `contender` takes what `baseline` takes."""
        theirs = self.value(operation, contender, size)
        ours = self.value(operation, baseline, size)
        if not theirs or not ours:
            return None
        return theirs / ours

    def __iter__(self):
        return iter(self.measurements.values())


def best_time(func, budget, min_runs=5, max_runs=50, min_time=0.5,
              batch_time=0.002):
    """Best time of repeated calls, and how many ran, and the last result.

    Quick calls repeat until `min_time` has passed, so that the best of
    them is not one a busy machine slowed down; any call stops after
    `budget` seconds, so that a slow stock widget runs just once.
    Calls quicker than `batch_time` are timed in batches that take about
    that long, as timeit does: a call of a few microseconds, timed alone,
    is timed no better than the clock and a busy machine allow.
    The garbage collector is off while timing, as in timeit, so that its
    pauses do not land on whichever widget happens to run then.
    """
    times = []
    calls = 1
    started = time.perf_counter()
    gc_was_enabled = gc.isenabled()
    try:
        while len(times) < max_runs:
            gc.disable()
            start = time.perf_counter()
            for _ in range(calls):
                result = func()
            seconds = (time.perf_counter() - start) / calls
            times.append(seconds)
            if gc_was_enabled:
                gc.enable()
            spent = time.perf_counter() - started
            if spent > budget or (
                    len(times) >= min_runs and spent > min_time):
                break
            if calls == 1 and seconds < batch_time:
                calls = int(batch_time / max(seconds, 1e-7))
    finally:
        if gc_was_enabled:
            gc.enable()
    return min(times), len(times), result


def peak_memory(func):
    """Peak bytes allocated while `func` runs."""
    gc.collect()
    tracemalloc.start()
    try:
        func()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def search_queries(keywords, count, seed=7):
    """What users type: prefixes and inner pieces, some without accents."""
    rng = random.Random(seed)
    queries = []
    for _ in range(count):
        keyword = rng.choice(keywords).casefold()
        if rng.random() < 0.7:
            query = keyword[:rng.randint(1, 5)]
        else:
            start = rng.randint(0, max(0, len(keyword) - 3))
            query = keyword[start:start + rng.randint(3, 5)]
        if rng.random() < 0.3:
            query = slugify(query) or query
        queries.append(query.strip() or keyword[0])
    return queries


def search(article, query):
    """The JSON search view's answer to `query`, as it is sent."""
    request = TestRequest(form={'field': SEARCH_FIELD, 'q': query})
    return zope.component.getMultiAdapter(
        (article, request), name='keywordwidget-search')()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def measure_search(results, article, queries):
    """p50 and p95 of the search view's answers, and more.

    Also the share of queries answered with at least one keyword, which
    shows that the queries are ones people type; and the time of a query
    on a vocabulary object it has not seen but with the same terms, as for
    an app that makes a new vocabulary for every request.
    """
    size = article.size
    fresh, vocabulary = [], article.vocabulary
    try:
        for query in queries[:FRESH_VOCABULARY_QUERIES]:
            article.vocabulary = SimpleVocabulary(list(vocabulary))
            start = time.perf_counter()
            search(article, query)
            fresh.append(time.perf_counter() - start)
    finally:
        article.vocabulary = vocabulary
    results.add(Measurement(
        'search-fresh', 'ours', size, statistics.median(fresh), len(fresh)))
    search(article, queries[0])
    times, answered = [], 0
    for query in queries:
        start = time.perf_counter()
        answer = search(article, query)
        times.append(time.perf_counter() - start)
        answered += bool(json.loads(answer)['items'])
    results.add(Measurement(
        'search-p50', 'ours', size, statistics.median(times), len(times)))
    results.add(Measurement(
        'search-p95', 'ours', size, percentile(times, 0.95), len(times)))
    results.add(Measurement(
        'search-answered', 'ours', size, answered / len(queries),
        len(queries)))


def measure_size(results, article, budget, stock_limit, rounds=ROUNDS,
                 memory=True):
    """Time every operation of every contender on one article.

    Every contender takes its turn in each of `rounds`, and its best time
    counts: a busy machine slows whole stretches of seconds, and turns
    spread each contender's runs over the same stretches.  Stock widgets
    are O(n·m): above `stock_limit` terms they are skipped.
    """
    size = article.size
    for turn in range(rounds):
        for operation, contenders in OPERATIONS.items():
            for contender in contenders:
                measured = results.get(operation, contender.key, size)
                if turn and (measured.value is None
                             or measured.value > budget):
                    # Skipped, or too slow to run again.
                    continue
                if contender.quadratic and size > stock_limit:
                    results.add(Measurement(
                        operation, contender.key, size, note='skipped'))
                    continue
                seconds, runs, output = best_time(
                    contender.timed(article), budget)
                if turn:
                    seconds = min(seconds, measured.value)
                    runs += measured.runs
                results.add(Measurement(
                    operation, contender.key, size, seconds, runs))
                if operation == 'edit' and not turn:
                    measure_output(results, contender, article, output,
                                   memory)


def measure_output(results, contender, article, html, memory):
    """The size of an edit widget's HTML and the memory it takes."""
    size = article.size
    results.add(Measurement(
        'html-bytes', contender.key, size, len(html.encode('utf-8')), 1))
    if memory and contender.key in MEMORY_CONTENDERS:
        results.add(Measurement(
            'memory', contender.key, size,
            peak_memory(contender.timed(article)), 1))


def measure_page_size(results, all_keywords, sizes):
    """Our edit widget's bytes for the same keywords, vocabulary growing."""
    if not sizes:
        return
    stored = pick_stored(all_keywords[:min(sizes)], PAGE_SIZE_SELECTION)
    for size in sizes:
        article = Article(all_keywords[:size], stored)
        html = contender('edit', 'ours').run(article)
        results.add(Measurement(
            'page-bytes', 'ours', size, len(html.encode('utf-8')), 1))


def measure_large_render(results, all_keywords, sizes, budget,
                         rounds=DOUBLING_ROUNDS,
                         selection=LARGE_RENDER_SELECTION):
    """Our edit widget in large mode, vocabulary growing, in turns.

    With the same `selection` keywords chosen at every size, and with as
    many spread over each whole vocabulary (further apart in memory).
    Only sizes of ten times the selection and more count.
    """
    sizes = [size for size in sizes if size >= 10 * selection]
    if len(sizes) < 2:
        return
    same = pick_stored(all_keywords[:min(sizes)], selection)
    articles = []
    for size in sizes:
        keywords = all_keywords[:size]
        articles.append(('large-render', Article(keywords, same)))
        articles.append(('large-render-spread', Article(
            keywords, pick_stored(keywords, selection))))
    edit = contender('edit', 'ours')
    best = {}
    for _ in range(rounds):
        for operation, article in articles:
            seconds = best_time(edit.timed(article), budget)[0]
            place = (operation, article.size)
            best[place] = min(seconds, best.get(place, seconds))
    for (operation, size), seconds in best.items():
        results.add(Measurement(operation, 'ours', size, seconds, rounds))


# Operations and contenders whose cost must grow linearly.
DOUBLING = (('edit', 'ours'), ('edit', 'listed'), ('display', 'ours'),
            ('parse', 'ours'))


def contender(operation, key):
    """The contender `key` of an operation."""
    for candidate in OPERATIONS[operation]:
        if candidate.key == key:
            return candidate
    raise KeyError((operation, key))


def doubling_sizes(sizes):
    """Sizes whose double still has a tenth stored: for the linearity goal."""
    return tuple(size for size in sizes
                 if stored_count(2 * size) == 2 * stored_count(size))


def measure_doubling(results, all_keywords, size, budget,
                     rounds=DOUBLING_ROUNDS):
    """Our times at `size` and twice that, in turns, so drift hits both."""
    articles = [make_article(size, all_keywords),
                make_article(2 * size, all_keywords)]
    best = {}
    for _ in range(rounds):
        for operation, key in DOUBLING:
            doubled = contender(operation, key)
            for article in articles:
                seconds = best_time(doubled.timed(article), budget)[0]
                place = (operation, key, article.size)
                best[place] = min(seconds, best.get(place, seconds))
    for (operation, key, article_size), seconds in best.items():
        results.add(Measurement(
            'doubling-' + operation, key, article_size, seconds, rounds))


def run(sizes=SIZES, budget=2.0, stock_limit=100_000, rounds=ROUNDS,
        queries=SEARCH_QUERIES, memory=True, progress=None):
    """Measure everything for `sizes`; `progress` gets a line per step."""
    say = progress or (lambda line: None)
    doubling = doubling_sizes(sizes)
    doubled = tuple(2 * size for size in doubling)
    all_keywords = make_keywords(max(sizes + doubled))
    results = Results(sizes, doubling, rounds)
    for size in sizes:
        say('%s terms, %s stored' % (
            '{:,}'.format(size), '{:,}'.format(stored_count(size))))
        article = make_article(size, all_keywords)
        measure_size(results, article, budget, stock_limit, rounds, memory)
        measure_search(results, article, search_queries(
            all_keywords[:size], queries))
    for size in doubling:
        say('%s and %s terms, ours only, for the linearity goal' % (
            '{:,}'.format(size), '{:,}'.format(2 * size)))
        measure_doubling(results, all_keywords, size, budget,
                         2 * rounds)
    large = sorted(size for size in set(sizes + doubled)
                   if size > DEFAULT_LARGE_THRESHOLD)
    measure_page_size(results, all_keywords, large)
    say('our large mode, the same %s keywords chosen' % (
        '{:,}'.format(LARGE_RENDER_SELECTION)))
    measure_large_render(results, all_keywords, large, budget, 2 * rounds)
    return results
