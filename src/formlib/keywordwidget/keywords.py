"""A keyword field's vocabulary, and what a submission of it means."""
import collections
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
from formlib.keywordwidget.index import UNSAVED
from formlib.keywordwidget.index import builder
from formlib.keywordwidget.index import index_for
from formlib.keywordwidget.index import index_terms
from formlib.keywordwidget.index import kept_index
from formlib.keywordwidget.index import saved_state
from formlib.keywordwidget.index import size
from formlib.keywordwidget.index import term_text
from formlib.keywordwidget.interfaces import ISearchableVocabulary
from formlib.keywordwidget.normalize import check_decoded
from formlib.keywordwidget.normalize import fold
from formlib.keywordwidget.normalize import normalize
from formlib.keywordwidget.permission import may_create


VALUE = operator.attrgetter('value')
TOKEN = operator.attrgetter('token')

# A posted token says what it names by its prefix; a term's token that
# starts with one of these prefixes is posted escaped, so that no token is
# ever taken for another kind.
#: A keyword the user created on an open field: the prefix and its text.
NEW_KEYWORD_PREFIX = 'new:'
#: A keyword the edited object stores: the prefix and a digest of it.
STORED_TOKEN_PREFIX = 'stored:'
#: A term whose token starts with one of these prefixes: the prefix and
#: its token.
TERM_TOKEN_PREFIX = 'term:'
RESERVED_PREFIXES = (
    NEW_KEYWORD_PREFIX, STORED_TOKEN_PREFIX, TERM_TOKEN_PREFIX)

# What an unknown token names.
NOTHING = object()

# Tokens of the texts stored lately as keywords, and the texts of those
# tokens: an edit page works out the tokens of its stored keywords, and the
# save of the page finds the keywords by them.
KEPT_TEXT_TOKENS = 10_000
_text_tokens = {}
_token_texts = {}


def stored_token(value):
    """Token of a stored value, whatever becomes of its term meanwhile.

    It is derived from the value: a save keeps the value whether its term
    was retired or got another token while the form was open, and a forged
    token matches no value that is not stored already.
    """
    if type(value) is str:
        return text_token(value)
    return digest_token(stable_repr(value))


def stored_tokens(values):
    """`stored_token` of each value; for texts, nearly every keyword, with
    no call of ours for each."""
    if set(map(type, values)) <= {str}:
        tokens = list(map(_text_tokens.get, values))
        if None not in tokens:
            return tokens
    return list(map(stored_token, values))


def stored_texts(tokens, stored):
    """The texts among the `stored` values that `tokens` are the tokens of,
    or None unless each is one whose token is kept.

    One lookup each, in one dictionary: the tokens of the stored values are
    not worked out again.
    """
    if set(map(type, stored)) <= {str}:
        texts = list(map(_token_texts.get, tokens))
        if None not in texts and set(stored).issuperset(texts):
            return texts
    return None


def by_stored_token(stored):
    """The `stored` values by their stored tokens.

    Derived from the values, so a forged token matches none.
    """
    return dict(zip(stored_tokens(stored), stored))


def text_token(text):
    """`stored_token` of a text, kept for the texts seen lately."""
    token = _text_tokens.get(text)
    if token is None:
        token = digest_token(repr(text))
        if len(_text_tokens) >= KEPT_TEXT_TOKENS:
            # All forgotten: cheaper than knowing which were seen last.
            _text_tokens.clear()
            _token_texts.clear()
        _text_tokens[text] = token
        _token_texts[token] = text
    return token


def digest_token(text):
    """A stored token made of the `stable_repr` of a value."""
    digest = hashlib.sha256(text.encode('utf-8')).hexdigest()
    return STORED_TOKEN_PREFIX + digest[:20]


def posted_token(token):
    """How a term's `token` is posted: as it is, unless it starts like a
    token of another kind."""
    if token.startswith(RESERVED_PREFIXES):
        return TERM_TOKEN_PREFIX + token
    return token


def posted_tokens(tokens):
    """`posted_token` of each of `tokens`: with no call for each unless a
    reserved prefix is found anywhere in them."""
    joined = ''.join(tokens)
    if any(prefix in joined for prefix in RESERVED_PREFIXES):
        return list(map(posted_token, tokens))
    return tokens


def typed_spelling(value, token, title):
    """The value of a keyword where a user may type it for the keyword
    (``howto`` for "How-to"), if neither the keyword's title nor its posted
    `token` spells it already: the server takes a typed value as its
    keyword, and the enhancement needs to know it to do the same."""
    if isinstance(value, str) and value != token and value != title:
        return value
    return None


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

    def tokens(self, values):
        """The tokens `values` are posted as, in their order.

        A stored value under its `stored_token`, a term under its own,
        escaped where needed, a keyword created on an open field as
        `new:` and its text.
        """
        stored = set(self.stored_values())
        if stored.issuperset(values):
            # As rendered from the object: all stored.
            return stored_tokens(values)
        return [self._token(value, stored) for value in values]

    def _token(self, value, stored):
        if value in stored:
            # Stored ones, most of them: no lookup in the vocabulary.
            return stored_token(value)
        term = self.term_of(value)
        if term is not None:
            return posted_token(term.token)
        if self.open:
            return NEW_KEYWORD_PREFIX + value
        # Neither stored nor available: posted back, it is refused.
        return stored_token(value)

    def term_of(self, value):
        """The vocabulary's term of a value, None if it has none.

        One lookup in the vocabulary: a keyword's title, token and whether
        it is available all come from its term.
        """
        try:
            return self.vocabulary.getTerm(value)
        except LookupError:
            return None

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
        return self.titles(terms)

    def titles(self, terms):
        """`title` of each term, with no call of ours for a title that is
        text, as nearly every one is."""
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
        # The state and the terms are read here, in the request's thread:
        # a vocabulary may read them from the request's database
        # connection.
        state = saved_state(vocabulary)
        if state is UNSAVED:
            # Its index would be for this request only.
            return
        index = kept_index(vocabulary, state)
        if index is not None and (index.built or index.message_domains):
            return
        terms = list(vocabulary)

        def build():
            index = index_terms(vocabulary, terms, state)
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

    def parse(self, tokens, lines=(), rendered_lines=(), stored=None):
        """What the user chose: submitted tokens, then typed lines.

        `rendered_lines` are the (text, token) of the chosen keywords the
        widget rendered as lines: a line posted as it was rendered is that
        token.  `stored` are the stored values, if the caller has them.
        Returns the values and the inputs that are wrong.  Duplicates are
        merged, typed ones ignoring case.
        """
        if stored is None:
            stored = self.stored_values()
        if not (lines or rendered_lines):
            # Nearly always: chosen keywords, nothing typed, taken in calls
            # for all of them, none for each.
            values = self.named_all(tokens, stored)
            if values is not None:
                return list(dict.fromkeys(values)), [], []
        return Submission(
            self, tokens, lines, rendered_lines, stored).result()

    def named_all(self, tokens, stored):
        """The values `tokens` name, or None unless each names one of the
        `stored` values or, as it is, a term.

        Nearly every token does: looked up in dictionaries, all at once.
        """
        texts = stored_texts(tokens, stored)
        if texts is not None:
            return texts
        stored_by_token = by_stored_token(stored)
        if all(map(stored_by_token.__contains__, tokens)):
            return list(map(stored_by_token.__getitem__, tokens))
        others = list(
            itertools.filterfalse(stored_by_token.__contains__, tokens))
        if any(token.startswith(RESERVED_PREFIXES) for token in others):
            return None
        try:
            terms = terms_of(self.vocabulary, others, tokens=True)
        except LookupError:
            return None
        named = dict(zip(others, map(VALUE, terms)))
        named.update(stored_by_token)
        return list(map(named.__getitem__, tokens))


class Submission:
    """Turns one submission of tokens and typed lines into values."""

    def __init__(self, keywords, tokens, lines, rendered_lines,
                 stored=None):
        self.keywords = keywords
        self.tokens = tokens
        self.lines = list(lines)
        self.rendered_lines = rendered_lines
        self.stored = keywords.stored_values() if stored is None else stored
        self.values = []
        self.seen = set()
        # Folded spellings are needed only once something is typed.
        self.seen_folded = None
        self.unknown = []
        self.invalid = []

    def result(self):
        self.add_tokens(self.tokens)
        if self.lines or self.rendered_lines:
            self.add_lines()
        return self.values, self.unknown, self.invalid

    def add_tokens(self, tokens, lines=None):
        """Add what each of `tokens` names; `lines` are the lines the
        tokens were rendered with, if they were."""
        if not tokens:
            return
        values = self.keywords.named_all(tokens, self.stored)
        if values is not None:
            self.add_all(values)
            return
        # Created, escaped or unknown ones among them: one at a time.
        for token, line in zip(tokens, lines or itertools.repeat(None)):
            self.add_token(token, line)

    def add_lines(self):
        """Lines posted as they were rendered are their keywords' tokens;
        other lines are typed."""
        lines, rendered = self.lines, self.rendered_lines
        texts = [text for text, _token in rendered]
        if lines[:len(texts)] == texts:
            # Nearly always: the rendered lines come back as they were,
            # maybe with typed ones after them.
            self.add_tokens([token for _text, token in rendered], texts)
            for line in lines[len(texts):]:
                self.add_typed(line)
            return
        tokens_by_text = {}
        for text, token in rendered:
            tokens_by_text.setdefault(text, collections.deque()).append(token)
        for line in lines:
            # Lines of equal text are their tokens in the rendered order.
            tokens = tokens_by_text.get(line)
            if tokens:
                self.add_token(tokens.popleft(), line)
            else:
                self.add_typed(line)

    def add_all(self, values):
        """`add` each of `values`, none of them typed."""
        if self.seen_folded is not None:
            for value in values:
                self.add(value)
            return
        added = list(dict.fromkeys(values))
        if self.seen:
            added = list(itertools.filterfalse(self.seen.__contains__, added))
        self.values += added
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

    def add_token(self, token, line=None):
        """Add what `token` names.

        A token rendered with a `line` that names nothing any more (its
        term got another token, say) is that line, typed.  So is a site
        keyword's token, which is the keyword (`sitekeywords`), once no
        object uses the keyword: it was suggested while the form was open,
        and on an open field it is created again if the user may.
        """
        if token.startswith(NEW_KEYWORD_PREFIX) and self.keywords.open:
            self.add_created(token[len(NEW_KEYWORD_PREFIX):])
            return
        value = self.named(token)
        if value is not NOTHING:
            self.add(value)
        elif line is not None:
            self.add_typed(line)
        elif self.keywords.ranked and self.keywords.open:
            self.add_typed(token)
        else:
            self.unknown.append(token)

    def named(self, token):
        """The stored value or the term's value `token` names, or NOTHING."""
        if token.startswith(STORED_TOKEN_PREFIX):
            return self.stored_by_token.get(token, NOTHING)
        if token.startswith(TERM_TOKEN_PREFIX):
            token = token[len(TERM_TOKEN_PREFIX):]
        elif token.startswith(NEW_KEYWORD_PREFIX):
            # A closed field has no created keywords.
            return NOTHING
        try:
            return self.keywords.vocabulary.getTermByToken(token).value
        except LookupError:
            return NOTHING

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
                check_decoded(text)
                value = self.keywords.field.value_type.fromUnicode(text)
            except (ValidationError, ValueError) as error:
                self.invalid.append((text, error))
                return
            self.add(value, typed=True)

    @functools.cached_property
    def stored_set(self):
        return set(self.stored)

    @functools.cached_property
    def stored_by_token(self):
        return by_stored_token(self.stored)

    @functools.cached_property
    def stored_spellings(self):
        return {
            fold(value): value
            for value in self.stored if isinstance(value, str)}
