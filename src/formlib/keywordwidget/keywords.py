"""A keyword field's vocabulary, and what a submission of it means."""
import collections
import functools
import hashlib

from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.schema.interfaces import ValidationError

from formlib.keywordwidget import languages
from formlib.keywordwidget import settings
from formlib.keywordwidget.index import index_for
from formlib.keywordwidget.index import size
from formlib.keywordwidget.index import term_text
from formlib.keywordwidget.interfaces import ISearchableVocabulary
from formlib.keywordwidget.normalize import check_decoded
from formlib.keywordwidget.normalize import fold
from formlib.keywordwidget.normalize import normalize
from formlib.keywordwidget.permission import may_create


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


def stored_token(value):
    """Token of a stored value, whatever becomes of its term meanwhile.

    It is derived from the value: a save keeps the value whether its term
    was retired or got another token while the form was open, and a forged
    token matches no value that is not stored already.
    """
    digest = hashlib.sha256(stable_repr(value).encode('utf-8')).hexdigest()
    return STORED_TOKEN_PREFIX + digest[:20]


def posted_token(token):
    """How a term's `token` is posted: as it is, unless it starts like a
    token of another kind."""
    if token.startswith(RESERVED_PREFIXES):
        return TERM_TOKEN_PREFIX + token
    return token


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
    if isinstance(title, Message):
        return translate(title, context=context)
    return term_text(term)


class Keywords:
    """The vocabulary of a bound keyword field, seen from one request."""

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
        return [self._token(value, stored) for value in values]

    def _token(self, value, stored):
        if value in stored:
            return stored_token(value)
        if value in self.vocabulary:
            return posted_token(self.vocabulary.getTerm(value).token)
        if self.open:
            return NEW_KEYWORD_PREFIX + value
        # Neither stored nor available: posted back, it is refused.
        return stored_token(value)

    def title(self, term):
        """Text to show for a term: its title, translated, else its value."""
        return term_title(term, self.request)

    def title_of(self, value):
        """Text to show for a value, whether or not it is available."""
        if value in self.vocabulary:
            return self.title(self.vocabulary.getTerm(value))
        return str(value)

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
        index = index_for(self.vocabulary)
        if index.message_domains:
            # Kept for other requests, so it keeps only the preferences.
            preferences = languages.preferences(self.request)
            index = index.translated(
                languages.translation_key(index.message_domains, preferences),
                functools.partial(term_title, context=preferences))
        return index

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

    def parse(self, tokens, lines=(), rendered_lines=()):
        """What the user chose: submitted tokens, then typed lines.

        `rendered_lines` are the (text, token) of the chosen keywords the
        widget rendered as lines: a line posted as it was rendered is that
        token.  Returns the values and the inputs that are wrong.
        Duplicates are merged, typed ones ignoring case.
        """
        return Submission(self, tokens, lines, rendered_lines).result()


class Submission:
    """Turns one submission of tokens and typed lines into values."""

    def __init__(self, keywords, tokens, lines, rendered_lines):
        self.keywords = keywords
        self.tokens = tokens
        self.lines = lines
        self.rendered_lines = rendered_lines
        self.stored = keywords.stored_values()
        self.values = []
        self.seen = set()
        # Folded spellings are needed only once something is typed.
        self.seen_folded = None
        self.unknown = []
        self.invalid = []

    def result(self):
        for token in self.tokens:
            self.add_token(token)
        rendered = {}
        for text, token in self.rendered_lines:
            rendered.setdefault(text, collections.deque()).append(token)
        for line in self.lines:
            # Lines of equal text are their tokens in the rendered order.
            tokens = rendered.get(line)
            if tokens:
                self.add_token(tokens.popleft(), line)
            else:
                self.add_typed(line)
        return self.values, self.unknown, self.invalid

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
    def stored_spellings(self):
        return {
            fold(value): value
            for value in self.stored if isinstance(value, str)}

    @functools.cached_property
    def stored_by_token(self):
        # Derived from the values, so a forged token matches none.
        return {stored_token(value): value for value in self.stored}
