"""Edit and display widgets for fields marked `IHaveSelectableKeywords`."""
import itertools
import json
import logging
import operator
import re
import typing
from html import escape
from urllib.parse import urlencode

import zope.interface
from zope.formlib.interfaces import ConversionError
from zope.formlib.interfaces import MissingInputError
from zope.formlib.interfaces import WidgetInputError
from zope.formlib.widget import DisplayWidget
from zope.formlib.widget import SimpleInputWidget
from zope.i18n import translate
from zope.schema.interfaces import RequiredMissing
from zope.schema.interfaces import TooLong
from zope.schema.interfaces import TooShort
from zope.schema.interfaces import ValidationError

from formlib.keywordwidget.errors import name_inputs
from formlib.keywordwidget.errors import name_refusals
from formlib.keywordwidget.errors import unavailable_text
from formlib.keywordwidget.i18n import MessageFactory as _
from formlib.keywordwidget.interfaces import IKeywordDisplayWidget
from formlib.keywordwidget.interfaces import IKeywordInputWidget
from formlib.keywordwidget.keywords import NEW_KEYWORD_PREFIX
from formlib.keywordwidget.keywords import TOKEN
from formlib.keywordwidget.keywords import VALUE
from formlib.keywordwidget.keywords import Keywords
from formlib.keywordwidget.keywords import Submission
from formlib.keywordwidget.keywords import edited_object
from formlib.keywordwidget.keywords import posted_tokens
from formlib.keywordwidget.keywords import typed_spelling
from formlib.keywordwidget.normalize import isolated
from formlib.keywordwidget.normalize import isolated_each
from formlib.keywordwidget.resources import page_annotations
from formlib.keywordwidget.resources import render_resources
from formlib.keywordwidget.search import MAX_QUERY_LENGTH
from formlib.keywordwidget.settings import keyword_url
from formlib.keywordwidget.sitekeywords import KeywordStoreError


log = logging.getLogger(__name__)

SEARCH_VIEW = '@@keywordwidget-search'

NOT_IN_A_LINE = re.compile('[\r\n\0]')

# Selected options of a page, counted across its keyword widgets.
CHOSEN_OPTIONS_KEY = 'formlib.keywordwidget.chosen-options'


class UnreadableInput(ValueError):
    """Form input of a type no keyword widget posts, e.g. ``name:int``."""


def as_list(form_input):
    """Submitted texts as a list, whether one or many were posted.

    Typed form variables (``:int``, ``:record``...) are no texts: no form
    of ours posts them, and guessing what they meant could store a keyword
    nobody chose.
    """
    if form_input is None:
        return []
    if isinstance(form_input, str):
        return [form_input]
    if isinstance(form_input, (list, tuple)) and all_texts(form_input):
        return list(form_input)
    raise UnreadableInput(form_input)


def all_texts(items):
    """Whether each of `items` is a text."""
    return all(map(isinstance, items, itertools.repeat(str)))


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


# Decodes the JSON value a text starts with; returns it and where it ends.
# One call, where json.loads takes three and two regular expressions.
decode_json = json.JSONDecoder().raw_decode
JSON_WHITESPACE = ' \t\n\r'


def json_part(part):
    """A posted part read as JSON."""
    part = part.strip(JSON_WHITESPACE)
    try:
        decoded, end = decode_json(part)
    except (ValueError, RecursionError):
        # Deeply nested lists exhaust the parser: no JSON of ours either.
        raise UnreadableInput(part)
    if end != len(part):
        raise UnreadableInput(part)
    return decoded


def json_tokens(parts):
    """Tokens posted as JSON lists of texts, one list a part."""
    tokens = []
    for part in parts:
        decoded = json_part(part)
        if not (isinstance(decoded, list) and all_texts(decoded)):
            raise UnreadableInput(part)
        tokens += decoded
    return tokens


def json_lines(parts):
    """(text, token) pairs posted as JSON lists of text, token, text,
    token..., one list a part.

    Flat and checked by calls over all of them, none for each: a thousand
    chosen keywords may be posted as lines.
    """
    lines = []
    for part in parts:
        decoded = json_part(part)
        if not (isinstance(decoded, list) and len(decoded) % 2 == 0
                and all_texts(decoded)):
            raise UnreadableInput(part)
        lines += zip(decoded[::2], decoded[1::2])
    return lines


def one_line(text):
    """`text` as one line of a textarea, which a browser posts back as it
    was rendered: no line ends, no NUL (an HTML parser replaces it)."""
    return NOT_IN_A_LINE.sub(' ', text)


class Chosen(typing.NamedTuple):
    """What an edit widget shows chosen."""

    #: Values shown as selected options.
    values: list
    #: The text of the textarea.
    text: str = ''
    #: (text, token) of the chosen keywords the textarea holds as lines.
    lines: list = []
    #: The values those lines stand for.
    in_lines: list = []


class Refused(str):
    """Text of a typed keyword the field refused, shown to be corrected."""


def script_data(text, label, spelling):
    """An option's attributes that give the enhancement what the option
    does not show as it is: its keyword alone where it shows more
    (isolation marks around text that runs right to left, as an option
    cannot hold a ``<bdi>``, or a word on its status), and the keyword's
    value where a user may type it (`typed_spelling`)."""
    data = ''
    if label != text:
        data = ' data-text="%s"' % escape(text)
    if spelling is not None:
        data += ' data-spelling="%s"' % escape(spelling)
    return data


def scripted(terms, texts, tokens, shown):
    """Indexes of the terms whose options may need `script_data`: those
    shown otherwise than as their `texts` (isolated), and those whose
    value is a text that neither their text nor their posted token is.

    Found in calls over all the terms where every value is a text.
    """
    values = list(map(VALUE, terms))
    if set(map(type, values)) <= {str}:
        found = map(operator.and_, map(operator.ne, values, texts),
                    map(operator.ne, values, tokens))
    else:
        found = map(isinstance, values, itertools.repeat(str))
    if shown is not texts:
        found = map(operator.or_, found, map(operator.is_not, shown, texts))
    return list(itertools.compress(itertools.count(), found))


def escape_each(texts):
    """`escape` each of `texts`, in one call for all of them unless one
    holds the NUL that parts them."""
    if not texts:
        return []
    joined = '\0'.join(texts)
    if joined.count('\0') != len(texts) - 1:
        return list(map(escape, texts))
    return escape(joined).split('\0')


def options_of(tokens, data, labels):
    """Options of escaped `tokens` and `labels`, each with its `data`:
    put in their places in one list, with no call for each."""
    parts = ['<option value="', None, '"', None, '>', None, '</option>'] * (
        len(tokens))
    parts[1::7], parts[3::7], parts[5::7] = tokens, data, labels
    return ''.join(parts)


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
    #: More chosen keywords than this are lines of the textarea instead of
    #: selected options: without JS each option is one part of the posted
    #: form, and servers take 1,024 parts at most (see docs/security.rst).
    most_chosen_options = 100
    #: The same for all keyword widgets of a page together, leaving room
    #: for the form's other fields.
    most_chosen_options_per_page = 500

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

    @property
    def tokens_name(self):
        # The enhancement posts the chosen tokens here, as one JSON list
        # (keywordwidget.js knows the name: the select's id plus .tokens).
        return self.name + '.tokens'

    @property
    def error_id(self):
        # The select (and the enhanced combobox) is described by the error.
        return self.name + '-error'

    @property
    def lines_name(self):
        # Chosen keywords rendered as lines are posted back here too, as
        # one JSON list of [text, token]: a line left as it was is its
        # keyword, whatever its title looks like or has become.
        return self.name + '.lines'

    def hasInput(self):
        return self.marker_name in self.request.form

    def _getFormInput(self):
        form = self.request.form
        tokens = as_list(form.get(self.name))
        posted = form.get(self.tokens_name)
        if posted is not None:
            tokens += json_tokens(as_list(posted))
        return tokens

    def _typed_lines(self):
        """The textarea's lines as posted.

        Split where a browser ends a line; a form feed or another line
        separator inside a line is whitespace, as the enhancement takes it.
        """
        posted = self.request.form.get(self.typed_name)
        if posted is None or posted == '':
            # Nothing typed, as nearly always.
            return []
        text = '\n'.join(as_list(posted))
        if not text:
            return []
        if text.count('\r\n') == text.count('\r') == text.count('\n'):
            # Only CRLF, as browsers post line ends.
            return text.split('\r\n')
        # CRLF, CR and LF, as a regular expression would split, in C.
        return text.replace('\r\n', '\n').replace('\r', '\n').split('\n')

    def _rendered_lines(self):
        """(text, token) of the chosen keywords rendered as lines."""
        posted = self.request.form.get(self.lines_name)
        if posted is None:
            return []
        return json_lines(as_list(posted))

    def getInputValue(self):
        self._error = None
        field = self.context
        if not self.hasInput():
            raise MissingInputError(self.name, self.label, None)
        try:
            tokens, lines = self._getFormInput(), self._typed_lines()
            rendered_lines = self._rendered_lines()
        except UnreadableInput:
            self._error = ConversionError(translate(
                _('The keywords sent could not be read.'),
                context=self.request))
            raise self._error
        stored = self.keywords.stored_values()
        values, unknown, refused = self.keywords.parse(
            tokens, lines, rendered_lines, stored)
        added = list(itertools.filterfalse(set(stored).__contains__, values))
        if added:
            refused += self._refusals(added)
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
        problem = None
        if field.max_length is not None or field.min_length:
            problem = self._count_problem(values)
        try:
            if not values and field.required:
                raise RequiredMissing(field.__name__)
            if added and problem is None:
                self._validate_added(added)
        except ValidationError as error:
            problem = error
        if problem is not None:
            self._error = WidgetInputError(field.__name__, self.label, problem)
            raise self._error
        return field._type(values)

    def _refusals(self, added):
        """Added values the value type refuses, each with its reason.

        Typed keywords were checked as they were read; this catches the
        chosen ones, e.g. a suggestion longer than the value type allows.
        """
        value_type = self.context.value_type
        refusals = []
        for value in added:
            try:
                value_type.validate(value)
            except ValidationError as error:
                refusals.append((self.keywords.title_of(value), error))
        return refusals

    def _validate_added(self, added):
        """Validate the keywords the user added.

        Keywords kept as stored are not validated again, whether they left
        the vocabulary or no longer meet the value type's limits: the user
        did not add them, and refusing them would block every other edit.
        """
        field = self.context
        try:
            field.validate(field._type(added))
        except (TooShort, TooLong):
            # How many keywords there are, kept ones included, is checked
            # by _count_problem.
            pass

    def _count_problem(self, values):
        field, count = self.context, len(values)
        if field.max_length is not None and count > field.max_length:
            return _('Choose at most ${max} keywords, not ${count}.',
                     mapping={'max': field.max_length, 'count': count})
        if field.min_length and count < field.min_length:
            return _('Choose at least ${min} keywords, not ${count}.',
                     mapping={'min': field.min_length, 'count': count})
        return None

    def _chosen(self):
        """What to show chosen: rendered, submitted, or default."""
        if self._renderedValueSet():
            return Chosen(in_display_order(self._data or (), self.keywords))
        if not self.hasInput():
            return Chosen(list(self.context.default or ()))
        try:
            tokens, typed = self._getFormInput(), self._typed_lines()
            lines = self._rendered_lines()
        except UnreadableInput:
            # Nothing of it can be shown: show what is stored.
            return Chosen(list(self.keywords.stored_values()))
        # What the user typed or left comes back as it was, to be
        # corrected: the textarea, and refused keywords where they were.
        return Chosen(
            self._posted_keywords(tokens), '\n'.join(typed),
            lines, self.keywords.parse((), typed, lines)[0] if lines else [])

    def _posted_keywords(self, tokens):
        """The keywords `tokens` stand for, in the user's order; refused
        ones come back as typed, to be corrected where the user put them."""
        # Fed one token at a time, the submission tells what each gave.
        submission = Submission(self.keywords, (), (), ())
        keywords, refused = [], set()
        for token in tokens:
            values, invalid = len(submission.values), len(submission.invalid)
            submission.add_token(token)
            keywords.extend(submission.values[values:])
            for text, _error in submission.invalid[invalid:]:
                if text not in refused:
                    refused.add(text)
                    keywords.append(Refused(text))
        return keywords

    def _options_fit(self, count):
        """Whether `count` chosen keywords may be selected options.

        Without JS each is one part of the posted form: a widget renders
        at most `most_chosen_options`, all widgets of a page together at
        most `most_chosen_options_per_page`.
        """
        if count > self.most_chosen_options:
            return False
        annotations = page_annotations(self.request)
        rendered = annotations.get(CHOSEN_OPTIONS_KEY, 0) + count
        if rendered > self.most_chosen_options_per_page:
            return False
        annotations[CHOSEN_OPTIONS_KEY] = rendered
        return True

    def search_url(self):
        """Where the enhancement searches the vocabulary, if it can."""
        field = self.context
        # The search view binds the field as formlib does: to the form's
        # context adapted to the schema.  An add form has no such object.
        if edited_object(field) is None:
            return None
        url = context_url(self.request)
        if url is None:
            return None
        return '%s/%s?%s' % (url, SEARCH_VIEW,
                             urlencode({'field': field_id(field)}))

    def __call__(self):
        keywords = self.keywords
        values, text, lines, in_lines = self._chosen()
        tokens = keywords.tokens(values)
        if values and not self._options_fit(len(values)):
            # As options they would be more parts than a server takes:
            # lines of the textarea instead, one part whatever their number,
            # posted back with their tokens in one part more.
            shown = keywords.titles_of(values)
            if NOT_IN_A_LINE.search(''.join(shown)):
                shown = list(map(one_line, shown))
            lines = lines + list(zip(shown, tokens))
            text = '\n'.join(shown + ([text] if text else []))
            in_lines = in_lines + values
            values, tokens = [], []
        large = keywords.large
        attributes = ' data-open="%s" data-new-prefix="%s"' % (
            'true' if keywords.may_create else 'false',
            escape(NEW_KEYWORD_PREFIX))
        if lines:
            # The enhancement leaves them as lines too.
            attributes += ' data-chosen-as-lines="true"'
        if self.context._type in (set, frozenset):
            # No order to change: the enhancement does not move keywords.
            attributes += ' data-unordered="true"'
        if keywords.ranked:
            # The search counts uses and answers an empty query.
            attributes += ' data-ranked="true"'
        search_url = self.search_url() if large else None
        if search_url:
            # Longer text is not searched: the search view refuses it.
            attributes += ' data-search-url="%s" data-longest-query="%d"' % (
                escape(search_url), MAX_QUERY_LENGTH)
            keywords.prepare_search()
        # The chosen keywords come first, in their order, which the
        # enhancement shows and the browser posts back.
        options = ''.join(
            self._chosen_option(value, token)
            for value, token in zip(values, tokens))
        if not large:
            # Large vocabularies are searched: the page stays small.
            options += self._unchosen_options(set(values) | set(in_lines))
        textarea = ''
        if lines:
            textarea = self._textarea(
                text, _('Keywords, one per line')) + (
                '<input type="hidden" name="%s" value="%s" />' % (
                    escape(self.lines_name),
                    escape(json.dumps(list(itertools.chain.from_iterable(
                        lines)), ensure_ascii=False))))
        elif keywords.open or large or text:
            textarea = self._textarea(text, _('Add keywords, one per line'))
        return ''.join([
            render_resources(self.request),
            '<div class="%s"%s>' % (self.css_class, attributes),
            '<select multiple="multiple" id="%s" name="%s:list"'
            ' size="%d"%s>' % (
                escape(self.name), escape(self.name), self.visible_rows,
                self._invalid_attributes()),
            options,
            '</select>',
            textarea,
            '<input type="hidden" name="%s" value="1" />' % (
                escape(self.marker_name)),
            '</div>',
        ])

    def _unchosen_options(self, chosen):
        """Options of the terms not `chosen`.

        The hot loop of a render, an option per vocabulary term: taken in
        calls over all the terms, in C, with calls for each only for the
        few options whose keyword needs `script_data`.
        """
        keywords = self.keywords
        terms = [term for term in keywords if term.value not in chosen]
        texts = keywords.titles(terms)
        tokens = posted_tokens(list(map(TOKEN, terms)))
        shown = isolated_each(texts)
        data = [''] * len(terms)
        for index in scripted(terms, texts, tokens, shown):
            text, token = texts[index], tokens[index]
            data[index] = script_data(text, shown[index], typed_spelling(
                terms[index].value, token, text))
        return options_of(escape_each(tokens), data, escape_each(shown))

    def _invalid_attributes(self):
        """After an error: the control is invalid, described by it."""
        if self._error is None:
            return ''
        return ' aria-invalid="true" aria-describedby="%s"' % escape(
            self.error_id)

    def error(self):
        snippet = super().error()
        if not snippet:
            return snippet
        # Classed for the widget's style: a long keyword in it wraps.
        return '<span id="%s" class="keywordwidget-error">%s</span>' % (
            escape(self.error_id), snippet)

    def _chosen_option(self, value, token):
        """A selected option, for a value in the vocabulary or not; one
        that is not simply chosen says so after its keyword."""
        keywords = self.keywords
        if isinstance(value, Refused):
            css, text = 'refused', str(value)
            status = translate(_('(not accepted)'), context=self.request)
        else:
            # One lookup of its term gives its title and its availability.
            term = keywords.term_of(value)
            text = keywords.title_of(value, term)
            css = status = ''
            if term is None and not keywords.open:
                css, status = 'unavailable', unavailable_text(self.request)
        label = isolated(text)
        if status:
            label = '%s %s' % (label, status)
        return '<option%s value="%s" selected="selected"%s>%s</option>' % (
            ' class="%s"' % css if css else '', escape(token),
            script_data(text, label, typed_spelling(value, token, text)),
            escape(label))

    def _textarea(self, text, label):
        """Where keywords are typed, one a line, when there is no JS."""
        # A browser drops a line end right after the start tag: the one
        # put there, not the first of `text`, which may be an empty line.
        return (
            '<label for="%s">%s</label>'
            '<textarea id="%s" name="%s" rows="%d"%s>\n%s</textarea>' % (
                escape(self.typed_name),
                escape(translate(label, context=self.request)),
                escape(self.typed_name), escape(self.typed_name),
                self.typed_rows, self._invalid_attributes() if text else '',
                escape(text)))


@zope.interface.implementer(IKeywordDisplayWidget)
class KeywordDisplayWidget(DisplayWidget):
    """Lists the titles of the stored keywords."""

    #: Class of the list; the text shown without keywords gets this plus
    #: `-empty`.
    css_class = 'keywordwidget-display'

    def __init__(self, context, request):
        super().__init__(context, request)
        try:
            self.keywords = Keywords(context, request)
        except KeywordStoreError as error:
            # A store's keywords are their own titles: readers still see
            # them.  The edit form and the search name what is missing.
            log.warning('Keywords shown without their store: %s', error)
            self.keywords = KeywordsAsText()

    def hasInput(self):
        # Formlib asks when this widget stands in for the edit widget
        # (permission.edit_or_display): a display widget takes no input,
        # so it shows the stored value whatever was posted.
        return False

    def _values(self):
        if self._renderedValueSet():
            value = self._data
        else:
            value = self.context.default
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
        url = keyword_url(self.context, value)
        if url is not None:
            title = '<a href="%s">%s</a>' % (escape(url), title)
        if self.keywords.is_available(value):
            return '<li>%s</li>' % title
        return '<li class="unavailable">%s %s</li>' % (
            title, escape(unavailable_text(self.request)))


class KeywordsAsText:
    """Keywords shown as their text, each available: for a display widget
    whose keyword store cannot be found."""

    def title_of(self, value):
        return str(value)

    def is_available(self, value):
        return True
