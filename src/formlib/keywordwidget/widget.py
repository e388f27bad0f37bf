"""Edit and display widgets for fields marked `IHaveSelectableKeywords`."""
import functools
import hashlib
from html import escape
from urllib.parse import urlencode

import zope.interface
from zope.formlib.interfaces import ConversionError
from zope.formlib.interfaces import MissingInputError
from zope.formlib.interfaces import WidgetInputError
from zope.formlib.widget import DisplayWidget
from zope.formlib.widget import SimpleInputWidget
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.schema.interfaces import RequiredMissing
from zope.schema.interfaces import TooLong
from zope.schema.interfaces import TooShort
from zope.schema.interfaces import ValidationError

from formlib.keywordwidget import settings
from formlib.keywordwidget.i18n import MessageFactory as _
from formlib.keywordwidget.index import index_for
from formlib.keywordwidget.interfaces import IKeywordDisplayWidget
from formlib.keywordwidget.interfaces import IKeywordInputWidget
from formlib.keywordwidget.normalize import fold
from formlib.keywordwidget.normalize import normalize
from formlib.keywordwidget.resources import render_resources


# An error names this many offending inputs, then says how many more.
NAMED_IN_ERROR = 10
# A named input is cut to this many characters, so a forged megabyte of
# token cannot blow up the error message.
NAMED_INPUT_LENGTH = 40

UNAVAILABLE_TOKEN_PREFIX = 'unavailable-'

# The enhancement posts a keyword the user created as this prefix plus its
# text; on open fields such a value that is no token is typed text.
NEW_KEYWORD_PREFIX = 'new:'

SEARCH_VIEW = '@@keywordwidget-search'


def unavailable_token(value):
    """Token for a stored value that has left the vocabulary.

    It is derived from the value, so a submit can only ever keep values that
    are stored already: a forged token matches none of them.
    """
    digest = hashlib.sha256(repr(value).encode('utf-8')).hexdigest()
    return UNAVAILABLE_TOKEN_PREFIX + digest[:20]


class Keywords:
    """The vocabulary of a bound keyword field, seen from one request."""

    def __init__(self, field, request):
        self.field = field
        self.request = request
        self.vocabulary = settings.vocabulary(field)
        self.open = settings.is_open(field)

    def __contains__(self, value):
        return value in self.vocabulary

    def __iter__(self):
        return iter(self.vocabulary)

    @property
    def large(self):
        """Whether to search the vocabulary rather than list it."""
        return len(self.vocabulary) > settings.large_threshold(self.field)

    def is_available(self, value):
        """Whether a value may be chosen, not just kept."""
        return self.open or value in self.vocabulary

    def token(self, value):
        """The token a value is posted as."""
        if value in self.vocabulary:
            return self.vocabulary.getTerm(value).token
        if self.open:
            return NEW_KEYWORD_PREFIX + value
        return unavailable_token(value)

    def title(self, term):
        """Text to show for a term: its title, else its value."""
        title = getattr(term, 'title', None)
        if title is None:
            return str(term.value)
        if isinstance(title, Message):
            return translate(title, context=self.request)
        return str(title)

    def title_of(self, value):
        """Text to show for a value, whether or not it is available."""
        if value in self.vocabulary:
            return self.title(self.vocabulary.getTerm(value))
        return str(value)

    def stored_values(self):
        """The field's value on the object being edited, if there is one."""
        field = self.field
        content = field.context
        # Only an object that provides the schema has the field; anything
        # else (an add form's container, say) would hand us a foreign or, in
        # Zope, an acquired attribute.
        if content is None or not field.interface.providedBy(content):
            return ()
        return field.query(content, None) or ()

    def parse(self, tokens, lines=()):
        """What the user chose: submitted tokens, then typed lines.

        Returns the values and the inputs that are wrong.  Duplicates are
        merged, typed ones ignoring case.
        """
        return Submission(self, tokens, lines).result()


class Submission:
    """Turns one submission of tokens and typed lines into values."""

    def __init__(self, keywords, tokens, lines):
        self.keywords = keywords
        self.tokens = tokens
        self.lines = lines
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
        for line in self.lines:
            self.add_typed(line)
        return self.values, self.unknown, self.invalid

    def add(self, value, typed=False):
        if value in self.seen:
            return
        if typed:
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
        term = index_for(self.keywords.vocabulary).spelling(text)
        if term is not None:
            self.add(term.value, typed=True)
        elif not self.keywords.open:
            self.unknown.append(text)
        elif fold(text) in self.stored_spellings:
            self.add(self.stored_spellings[fold(text)], typed=True)
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
            for value in self.stored if value not in self.keywords}


def keep_stored_order(values, stored):
    """Stored values first, in their order, then the newly chosen ones."""
    chosen = set(values)
    kept = [value for value in stored if value in chosen]
    kept_set = set(kept)
    return kept + [value for value in values if value not in kept_set]


def quote_input(text):
    """User input to name in a message: quoted, and cut when very long."""
    if len(text) > NAMED_INPUT_LENGTH:
        text = text[:NAMED_INPUT_LENGTH] + '\u2026'
    return '\u201c%s\u201d' % text


def name_inputs(inputs, request, describe=quote_input):
    """A short, human-readable list of offending inputs."""
    listing = ', '.join(describe(item) for item in inputs[:NAMED_IN_ERROR])
    more = len(inputs) - NAMED_IN_ERROR
    if more > 0:
        listing = translate(
            _('${listing} and ${count} more',
              mapping={'listing': listing, 'count': more}),
            context=request)
    return listing


def refusal_reason(error):
    """Why the value type refused a typed keyword, in the user's words."""
    if isinstance(error, TooLong) and error.bound is not None:
        return _('longer than ${max} characters', mapping={'max': error.bound})
    if isinstance(error, TooShort) and error.bound is not None:
        return _('shorter than ${min} characters',
                 mapping={'min': error.bound})
    if isinstance(error, ValidationError):
        return error.doc()
    return _('not a valid keyword')


def name_refusals(refusals, request):
    """Typed keywords the value type refused, each with its reason."""
    def describe(refusal):
        text, error = refusal
        reason = translate(refusal_reason(error), context=request)
        return '%s (%s)' % (quote_input(text), reason)
    return name_inputs(refusals, request, describe)


def unavailable_text(request):
    return translate(_('(unavailable)'), context=request)


def as_list(form_input):
    """Submitted tokens as a list, whether one or many were posted."""
    if form_input is None:
        return []
    if isinstance(form_input, str):
        return [form_input]
    return [token for token in form_input if isinstance(token, str)]


def field_id(field):
    """How the search view finds a field: its schema's id and its name."""
    return '%s.%s' % (field.interface.__identifier__, field.__name__)


def context_url(request):
    """URL of the object whose form is being published, or None."""
    try:
        return request.getURL(1)
    except TypeError:
        # Zope's getURL counts no levels, its request knows URL1.
        return request.get('URL1')
    except IndexError:
        # Nothing traversed: rendered outside a publication, e.g. by code.
        return None


def in_display_order(values, keywords):
    """Values as given; a set, which has no order, alphabetically."""
    if isinstance(values, (set, frozenset)):
        return sorted(values, key=lambda v: keywords.title_of(v).casefold())
    return list(values)


@zope.interface.implementer(IKeywordInputWidget)
class KeywordInputWidget(SimpleInputWidget):
    """Selects keywords, takes typed ones, and works without JS."""

    #: Class of the wrapping div; the enhancement looks for `keywordwidget`.
    css_class = 'keywordwidget'
    #: Rows the native select shows before it scrolls.
    visible_rows = 8
    #: Rows of the textarea for typed keywords.
    typed_rows = 3

    def __init__(self, context, request):
        super().__init__(context, request)
        self.keywords = Keywords(context, request)

    @property
    def marker_name(self):
        # Posted always, so that a deselected field is told from a form
        # that does not carry this widget at all.
        return self.name + '-empty-marker'

    @property
    def typed_name(self):
        return self.name + '.new'

    def hasInput(self):
        return self.marker_name in self.request.form

    def _getFormInput(self):
        return as_list(self.request.form.get(self.name))

    def _typed_text(self):
        """The textarea's text as posted."""
        return '\n'.join(as_list(self.request.form.get(self.typed_name)))

    def getInputValue(self):
        self._error = None
        field = self.context
        if not self.hasInput():
            raise MissingInputError(self.name, self.label, None)
        values, unknown, refused = self.keywords.parse(
            self._getFormInput(), self._typed_text().splitlines())
        problems = []
        if unknown:
            problems.append(_(
                'Not available for selection: ${keywords}',
                mapping={'keywords': name_inputs(unknown, self.request)}))
        if refused:
            problems.append(_(
                'Not accepted: ${keywords}',
                mapping={'keywords': name_refusals(refused, self.request)}))
        if problems:
            self._error = ConversionError(' '.join(
                translate(problem, context=self.request)
                for problem in problems))
            raise self._error
        if field._type is list:
            values = keep_stored_order(values, self.keywords.stored_values())
        try:
            if not values and field.required:
                raise RequiredMissing(field.__name__)
            # A stored value that left the vocabulary may stay: the user
            # did not add it, and refusing it would block every other edit.
            field.validate(field._type(
                value for value in values
                if self.keywords.is_available(value)))
        except ValidationError as error:
            # Too many or too few keywords are said in words of our own.
            self._error = WidgetInputError(
                field.__name__, self.label,
                self._count_problem(values) or error)
            raise self._error
        return field._type(values)

    def _count_problem(self, values):
        field, count = self.context, len(values)
        if field.max_length is not None and count > field.max_length:
            return _('Choose at most ${max} keywords, not ${count}.',
                     mapping={'max': field.max_length, 'count': count})
        if field.min_length and count < field.min_length:
            return _('Choose at least ${min} keywords, not ${count}.',
                     mapping={'min': field.min_length, 'count': count})
        return None

    def _selected_values(self):
        """Values to show as selected: rendered, submitted, or default."""
        if self._renderedValueSet():
            return in_display_order(self._data or (), self.keywords)
        if self.hasInput():
            values, _unknown, refused = self.keywords.parse(
                self._getFormInput())
            # Refused keywords come back as typed, to be corrected.
            return values + [text for text, _error in refused]
        return list(self.context.default or ())

    def search_url(self):
        """Where the enhancement searches the vocabulary, if it can."""
        field = self.context
        # The search view finds the field among the schemas its context
        # provides.
        if field.interface is None or not field.interface.providedBy(
                field.context):
            return None
        url = context_url(self.request)
        if url is None:
            return None
        return '%s/%s?%s' % (url, SEARCH_VIEW,
                             urlencode({'field': field_id(field)}))

    def __call__(self):
        keywords = self.keywords
        selected = self._selected_values()
        large = keywords.large
        attributes = ' data-open="%s" data-new-prefix="%s"' % (
            'true' if keywords.open else 'false', escape(NEW_KEYWORD_PREFIX))
        search_url = self.search_url() if large else None
        if search_url:
            attributes += ' data-search-url="%s"' % escape(search_url)
        if large:
            # Only the chosen keywords: the page stays small.
            options = ''.join(self._chosen_option(value) for value in selected)
        else:
            options = ''.join(
                self._chosen_option(value) for value in selected
                if value not in keywords) + self._options(set(selected))
        return ''.join([
            render_resources(self.request),
            '<div class="%s"%s>' % (self.css_class, attributes),
            '<select multiple="multiple" id="%s" name="%s:list"'
            ' size="%d">' % (
                escape(self.name), escape(self.name), self.visible_rows),
            options,
            '</select>',
            self._textarea() if keywords.open or large else '',
            '<input type="hidden" name="%s" value="1" />' % (
                escape(self.marker_name)),
            '</div>',
        ])

    def _options(self, selected):
        # The hot loop: one option per vocabulary term.
        title = self.keywords.title
        options = []
        append = options.append
        for term in self.keywords:
            append('<option value="%s"%s>%s</option>' % (
                escape(term.token),
                ' selected="selected"' if term.value in selected else '',
                escape(title(term))))
        return ''.join(options)

    def _chosen_option(self, value):
        """A selected option, for a value in the vocabulary or not."""
        keywords = self.keywords
        css = ''
        label = keywords.title_of(value)
        if not keywords.is_available(value):
            css = ' class="unavailable"'
            label = '%s %s' % (label, unavailable_text(self.request))
        return '<option%s value="%s" selected="selected">%s</option>' % (
            css, escape(keywords.token(value)), escape(label))

    def _textarea(self):
        """Where keywords are typed, one a line, when there is no JS."""
        text = '' if self._renderedValueSet() else self._typed_text()
        return (
            '<label for="%s">%s</label>'
            '<textarea id="%s" name="%s" rows="%d">%s</textarea>' % (
                escape(self.typed_name),
                escape(translate(
                    _('Add keywords, one per line'), context=self.request)),
                escape(self.typed_name), escape(self.typed_name),
                self.typed_rows, escape(text)))


@zope.interface.implementer(IKeywordDisplayWidget)
class KeywordDisplayWidget(DisplayWidget):
    """Lists the titles of the stored keywords."""

    #: Class of the list; the text shown without keywords gets this plus
    #: `-empty`.
    css_class = 'keywordwidget-display'

    def __init__(self, context, request):
        super().__init__(context, request)
        self.keywords = Keywords(context, request)

    def hasInput(self):
        # Formlib asks when this widget stands in for the edit widget
        # (permission.edit_or_display): a display widget takes no input,
        # so it shows the stored value whatever was posted.
        return False

    def _values(self):
        value = self._data if self._renderedValueSet() else self.context.default
        return in_display_order(value or (), self.keywords)

    def __call__(self):
        values = self._values()
        if not values:
            return '<span class="%s-empty">%s</span>' % (
                self.css_class,
                escape(translate(_('(none)'), context=self.request)))
        return '<ul class="%s">%s</ul>' % (
            self.css_class, ''.join(self._item(value) for value in values))

    def _item(self, value):
        title = '<bdi>%s</bdi>' % escape(self.keywords.title_of(value))
        if self.keywords.is_available(value):
            return '<li>%s</li>' % title
        return '<li class="unavailable">%s %s</li>' % (
            title, escape(unavailable_text(self.request)))
