"""A keyword field's vocabulary, and what a submission of it means."""
import functools
import hashlib
import itertools
import operator

from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.schema.interfaces import ValidationError
from zope.schema.vocabulary import SimpleVocabulary

from formlib.keywordwidget import languages
from formlib.keywordwidget import settings
from formlib.keywordwidget.index import builder
from formlib.keywordwidget.index import index_for
from formlib.keywordwidget.index import index_terms
from formlib.keywordwidget.index import kept_index
from formlib.keywordwidget.index import size
from formlib.keywordwidget.index import term_text
from formlib.keywordwidget.interfaces import ISearchableVocabulary
from formlib.keywordwidget.normalize import fold
from formlib.keywordwidget.normalize import normalize
from formlib.keywordwidget.permission import may_create


UNAVAILABLE_TOKEN_PREFIX = 'unavailable-'

VALUE = operator.attrgetter('value')

# The enhancement posts a keyword the user created as this prefix plus its
# text; on open fields such a value that is no token is typed text.
NEW_KEYWORD_PREFIX = 'new:'


def unavailable_token(value):
    """Token for a stored value that has left the vocabulary.

    It is derived from the value, so a submit can only ever keep values that
    are stored already: a forged token matches none of them.
    """
    digest = hashlib.sha256(stable_repr(value).encode('utf-8')).hexdigest()
    return UNAVAILABLE_TOKEN_PREFIX + digest[:20]


def stable_repr(value):
    """`repr(value)`, the same in every process.

    A form rendered by one process may be posted to another (several Zope
    processes on one ZEO): the order of a set's repr changes with the hash
    seed, so its items are sorted.  Other values need a repr that does not
    change, as text, numbers and tuples of them have.
    """
    if isinstance(value, (set, frozenset)):
        return '%s({%s})' % (type(value).__name__, ', '.join(
            sorted(stable_repr(item) for item in value)))
    if isinstance(value, tuple):
        return '(%s,)' % ', '.join(stable_repr(item) for item in value)
    return repr(value)


def edited_object(field):
    """The object a bound field edits, if it has the field at all.

    Only an object that provides the field's schema has it; anything else
    (an add form's container, say) would hand us a foreign or, in Zope, an
    acquired attribute.
    """
    content = field.context
    if (content is None or field.interface is None
            or not field.interface.providedBy(content)):
        return None
    return content


def term_title(term, context):
    """Text to show for a term: its title translated for `context` (a
    request, or its preferences), else its value."""
    title = getattr(term, 'title', None)
    if type(title) is str:
        # Most titles: nothing to translate or convert.
        return title
    if isinstance(title, Message):
        return translate(title, context=context)
    return term_text(term)


def terms_of(vocabulary, keys, tokens=False):
    """The vocabulary's term of each value, or of each token if `tokens`.

    Raises LookupError for one that has none, as getTerm (getTermByToken)
    does.  zope.schema's SimpleVocabulary, unless a subclass looks terms up
    its own way, is looked up in its dictionary, in C: a thousand keywords
    take no thousand calls.
    """
    method = 'getTermByToken' if tokens else 'getTerm'
    if getattr(type(vocabulary), method, None) is getattr(
            SimpleVocabulary, method):
        table = vocabulary.by_token if tokens else vocabulary.by_value
        try:
            return list(map(table.__getitem__, keys))
        except KeyError as error:
            raise LookupError(*error.args) from None
    return list(map(getattr(vocabulary, method), keys))


def translated(index, preferences):
    """`index` with titles translated for `preferences`, where they are
    messages."""
    if not index.message_domains:
        return index
    # Kept for other requests, so it keeps only the preferences.
    return index.translated(
        languages.translation_key(index.message_domains, preferences),
        functools.partial(term_title, context=preferences))


class Keywords:
    """The vocabulary of a bound keyword field, seen from one request."""

    _index = None

    def __init__(self, field, request):
        self.field = field
        self.request = request
        self.vocabulary = settings.vocabulary(field)
        self.open = settings.is_open(field)
        # Whether this user may add keywords to an open field.
        self.may_create = self.open and may_create(field)

    def __contains__(self, value):
        return value in self.vocabulary

    def __iter__(self):
        return iter(self.vocabulary)

    @property
    def large(self):
        """Whether to search the vocabulary rather than list it."""
        terms = size(self.vocabulary)
        # A source that does not say its size may be any size.
        return terms is None or terms > settings.large_threshold(self.field)

    def is_available(self, value):
        """Whether a value may be chosen, not just kept."""
        return self.open or value in self.vocabulary

    def unavailable(self, values):
        """The values that may only be kept: stored ones that left."""
        return [value for value in values if not self.is_available(value)]

    def term_of(self, value):
        """The vocabulary's term of a value, None if it has none.

        One lookup in the vocabulary: a keyword's title, token and whether
        it is available all come from its term.
        """
        try:
            return self.vocabulary.getTerm(value)
        except LookupError:
            return None

    def token(self, value, term=None):
        """The token a value is posted as; `term` is its term, if known."""
        if term is None:
            term = self.term_of(value)
        if term is not None:
            return term.token
        if self.open:
            return NEW_KEYWORD_PREFIX + value
        return unavailable_token(value)

    def title(self, term):
        """Text to show for a term: its title, translated, else its value."""
        return term_title(term, self.request)

    def title_of(self, value, term=None):
        """Text to show for a value, whether or not it is available;
        `term` is its term, if known."""
        if term is None:
            term = self.term_of(value)
        return str(value) if term is None else self.title(term)

    def titles_of(self, values):
        """`title_of` each value, with the least work for each."""
        try:
            terms = terms_of(self.vocabulary, values)
        except LookupError:
            # Some have left the vocabulary: one at a time.
            return [self.title_of(value) for value in values]
        return [title if type(title := getattr(term, 'title', None)) is str
                else self.title(term) for term in terms]

    def stored_values(self):
        """The field's value on the object being edited, if there is one."""
        content = edited_object(self.field)
        if content is None:
            return ()
        return self.field.query(content, None) or ()

    @property
    def ranked(self):
        """Whether the search ranks by use and answers an empty query."""
        return ISearchableVocabulary.providedBy(self.vocabulary)

    def index(self):
        """The search index, in the user's language where titles are."""
        if self.ranked:
            return self.vocabulary
        if self._index is None:
            index = index_for(self.vocabulary)
            if index.message_domains:
                index = translated(
                    index, languages.preferences(self.request))
            self._index = index
        return self._index

    def prepare_search(self):
        """Have the search index built before the first search needs it.

        It is built in a thread of its own: the edit page comes before any
        search, and a user takes longer to type than the index to build.
        Translated titles are left to the search: translations may be
        local to the request's site, which another thread does not know.
        """
        if self.ranked:
            return
        vocabulary = self.vocabulary
        index = kept_index(vocabulary)
        if index is not None and (index.built or index.message_domains):
            return
        # The terms are read here, in the request's thread: a vocabulary
        # may read them from the request's database connection.
        terms = list(vocabulary)

        def build():
            index = index_terms(vocabulary, terms)
            if not index.message_domains:
                index.build()
        builder.build(id(vocabulary), build)

    def find(self, text):
        """The term a user means by typing `text`, ignoring case, or None."""
        return self._live(self.index().spelling(text))

    def search(self, query, limit):
        """Terms matching what a user typed, best first."""
        terms = [self._live(term)
                 for term in self.index().search(query, limit)]
        return [term for term in terms if term is not None]

    def _live(self, term):
        # An index may be shared with an equal vocabulary object, or older
        # than a change of this one: the term comes from this one.
        if term is None:
            return None
        try:
            return self.vocabulary.getTermByToken(term.token)
        except LookupError:
            return None

    def parse(self, tokens, lines=(), stored=None):
        """What the user chose: submitted tokens, then typed lines.

        Returns the values and the inputs that are wrong.  Duplicates are
        merged, typed ones ignoring case.  `stored` are the stored values,
        if the caller has them.
        """
        if not any(lines):
            # Nearly always: tokens of terms and nothing typed, taken in
            # calls for all of them, none for each.
            try:
                terms = terms_of(self.vocabulary, tokens, tokens=True)
            except LookupError:
                pass
            else:
                return list(dict.fromkeys(map(VALUE, terms))), [], []
        if stored is None:
            stored = self.stored_values()
        return Submission(self, tokens, lines, stored).result()


class Submission:
    """Turns one submission of tokens and typed lines into values."""

    def __init__(self, keywords, tokens, lines, stored):
        self.keywords = keywords
        self.tokens = tokens
        self.lines = lines
        self.stored = list(stored)
        self.values = []
        self.seen = set()
        # Folded spellings are needed only once something is typed.
        self.seen_folded = None
        self.unknown = []
        self.invalid = []

    def result(self):
        self.add_tokens()
        if any(self.lines):
            self.add_lines()
        return self.values, self.unknown, self.invalid

    def add_tokens(self):
        try:
            terms = terms_of(
                self.keywords.vocabulary, self.tokens, tokens=True)
        except LookupError:
            # Created, kept or unknown ones among them.
            for token in self.tokens:
                self.add_token(token)
            return
        self.add_all(list(map(VALUE, terms)))

    def add_lines(self):
        # Lines that are the titles of stored keywords as the widget listed
        # them are those keywords, as stored; others are typed ones.
        lines = list(filter(None, self.lines))
        listed = self.stored_by_title
        if all(map(listed.__contains__, lines)):
            self.add_all(list(map(listed.__getitem__, lines)))
            return
        for line in lines:
            if line in listed:
                self.add(listed[line])
            else:
                self.add_typed(line)

    def add_all(self, values):
        """`add` each of `values`, none of them typed."""
        if self.seen_folded is not None:
            for value in values:
                self.add(value)
            return
        added = list(itertools.filterfalse(
            self.seen.__contains__, dict.fromkeys(values)))
        self.values.extend(added)
        self.seen.update(added)

    def add(self, value, typed=False):
        if value in self.seen:
            return
        if typed and isinstance(value, str):
            if self.seen_folded is None:
                self.seen_folded = {
                    fold(seen) for seen in self.values
                    if isinstance(seen, str)}
            if fold(value) in self.seen_folded:
                return
        self.seen.add(value)
        if self.seen_folded is not None and isinstance(value, str):
            self.seen_folded.add(fold(value))
        self.values.append(value)

    def add_token(self, token):
        keywords = self.keywords
        try:
            term = keywords.vocabulary.getTermByToken(token)
        except LookupError:
            term = None
        if term is not None:
            self.add(term.value)
        elif keywords.open and token.startswith(NEW_KEYWORD_PREFIX):
            self.add_created(token[len(NEW_KEYWORD_PREFIX):])
        elif not keywords.open and token in self.unavailable:
            self.add(self.unavailable[token])
        else:
            self.unknown.append(token)

    def add_created(self, text):
        # A kept keyword stays as stored, even if spelled oddly.
        if text in self.stored_set:
            self.add(text)
        else:
            self.add_typed(text)

    def add_typed(self, text):
        text = normalize(text)
        if not text:
            return
        if text in self.stored_by_text:
            # A chosen keyword the widget listed as a line: kept as stored.
            self.add(self.stored_by_text[text])
            return
        term = self.keywords.find(text)
        if term is not None:
            self.add(term.value, typed=True)
        elif not self.keywords.open:
            self.unknown.append(text)
        elif fold(text) in self.stored_spellings:
            self.add(self.stored_spellings[fold(text)], typed=True)
        elif not self.keywords.may_create:
            self.unknown.append(text)
        else:
            try:
                value = self.keywords.field.value_type.fromUnicode(text)
            except (ValidationError, ValueError) as error:
                self.invalid.append((text, error))
                return
            self.add(value, typed=True)

    @functools.cached_property
    def stored_set(self):
        return set(self.stored)

    @functools.cached_property
    def stored_titles(self):
        return self.keywords.titles_of(self.stored)

    @functools.cached_property
    def stored_by_title(self):
        # Stored values by the text the widget lists them as; the first
        # of equal ones wins (a later pair overwrites an earlier one).
        return dict(zip(reversed(self.stored_titles), reversed(self.stored)))

    @functools.cached_property
    def stored_by_text(self):
        # Stored values by that text, normalized as typed text is.
        by_text = {}
        for title, value in zip(self.stored_titles, self.stored):
            by_text.setdefault(normalize(title), value)
        return by_text

    @functools.cached_property
    def stored_spellings(self):
        return {
            fold(value): value
            for value in self.stored if isinstance(value, str)}

    @functools.cached_property
    def unavailable(self):
        # Tokens that keep stored values which have left the vocabulary:
        # derived from the values, so a forged token matches none.
        return {
            unavailable_token(value): value
            for value in self.keywords.unavailable(self.stored)}
