"""Edit and display widgets for fields marked `IHaveSelectableKeywords`."""
import hashlib
from html import escape

import zope.interface
from zope.formlib.interfaces import ConversionError
from zope.formlib.interfaces import MissingInputError
from zope.formlib.interfaces import WidgetInputError
from zope.formlib.widget import DisplayWidget
from zope.formlib.widget import SimpleInputWidget
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.schema.interfaces import RequiredMissing
from zope.schema.interfaces import ValidationError

from formlib.keywordwidget.i18n import MessageFactory as _
from formlib.keywordwidget.interfaces import IKeywordDisplayWidget
from formlib.keywordwidget.interfaces import IKeywordInputWidget
from formlib.keywordwidget.resources import render_resources


# An error names this many offending inputs, then says how many more.
NAMED_IN_ERROR = 10
# A named input is cut to this many characters, so a forged megabyte of
# token cannot blow up the error message.
NAMED_INPUT_LENGTH = 40

UNAVAILABLE_TOKEN_PREFIX = 'unavailable-'


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
        self.vocabulary = field.value_type.vocabulary

    def __contains__(self, value):
        return value in self.vocabulary

    def __iter__(self):
        return iter(self.vocabulary)

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

    def parse(self, tokens):
        """Values for submitted tokens, and the tokens that matched nothing.

        Known tokens come from the vocabulary; an unavailable-token keeps a
        stored value that has left the vocabulary. Duplicates are merged.
        """
        unavailable = {
            unavailable_token(value): value
            for value in self.stored_values() if value not in self}
        values, seen, unknown = [], set(), []
        for token in tokens:
            try:
                value = self.vocabulary.getTermByToken(token).value
            except LookupError:
                if token not in unavailable:
                    unknown.append(token)
                    continue
                value = unavailable[token]
            if value not in seen:
                seen.add(value)
                values.append(value)
        return values, unknown


def keep_stored_order(values, stored):
    """Stored values first, in their order, then the newly chosen ones."""
    chosen = set(values)
    kept = [value for value in stored if value in chosen]
    kept_set = set(kept)
    return kept + [value for value in values if value not in kept_set]


def name_inputs(inputs, request):
    """A short, human-readable list of offending inputs."""
    named = []
    for text in inputs[:NAMED_IN_ERROR]:
        if len(text) > NAMED_INPUT_LENGTH:
            text = text[:NAMED_INPUT_LENGTH] + '\u2026'
        named.append('\u201c%s\u201d' % text)
    listing = ', '.join(named)
    more = len(inputs) - NAMED_IN_ERROR
    if more > 0:
        listing = translate(
            _('${listing} and ${count} more',
              mapping={'listing': listing, 'count': more}),
            context=request)
    return listing


def unavailable_text(request):
    return translate(_('(unavailable)'), context=request)


def as_list(form_input):
    """Submitted tokens as a list, whether one or many were posted."""
    if form_input is None:
        return []
    if isinstance(form_input, str):
        return [form_input]
    return [token for token in form_input if isinstance(token, str)]


@zope.interface.implementer(IKeywordInputWidget)
class KeywordInputWidget(SimpleInputWidget):
    """Selects keywords from the field's vocabulary, works without JS."""

    css_class = 'keywordwidget'
    # Rows the native select shows before it scrolls.
    visible_rows = 8

    def __init__(self, context, request):
        super().__init__(context, request)
        self.keywords = Keywords(context, request)

    @property
    def marker_name(self):
        # Posted always, so that a deselected field is told from a form
        # that does not carry this widget at all.
        return self.name + '-empty-marker'

    def hasInput(self):
        return self.marker_name in self.request.form

    def _getFormInput(self):
        return as_list(self.request.form.get(self.name))

    def getInputValue(self):
        self._error = None
        field = self.context
        if not self.hasInput():
            raise MissingInputError(self.name, self.label, None)
        values, unknown = self.keywords.parse(self._getFormInput())
        if unknown:
            self._error = ConversionError(_(
                'Not available for selection: ${keywords}',
                mapping={'keywords': name_inputs(unknown, self.request)}))
            raise self._error
        stored = self.keywords.stored_values()
        if field._type is list:
            values = keep_stored_order(values, stored)
        try:
            if not values and field.required:
                raise RequiredMissing(field.__name__)
            # A stored value that left the vocabulary may stay: the user
            # did not add it, and refusing it would block every other edit.
            field.validate(field._type(
                value for value in values if value in self.keywords))
        except ValidationError as error:
            self._error = WidgetInputError(field.__name__, self.label, error)
            raise self._error
        return field._type(values)

    def _selected_values(self):
        """Values to show as selected: rendered, submitted, or default."""
        if self._renderedValueSet():
            return list(self._data or ())
        if self.hasInput():
            values, _unknown = self.keywords.parse(self._getFormInput())
            return values
        return list(self.context.default or ())

    def __call__(self):
        selected = self._selected_values()
        return ''.join([
            render_resources(self.request),
            '<div class="%s">' % self.css_class,
            '<select multiple="multiple" id="%s" name="%s:list"'
            ' size="%d">' % (
                escape(self.name), escape(self.name),
                self.visible_rows),
            self._unavailable_options(selected),
            self._options(set(selected)),
            '</select><input type="hidden" name="%s" value="1" />' % (
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

    def _unavailable_options(self, selected):
        options = []
        for value in selected:
            if value in self.keywords:
                continue
            label = '%s %s' % (value, unavailable_text(self.request))
            options.append(
                '<option class="unavailable" value="%s" selected="selected">'
                '%s</option>' % (escape(unavailable_token(value)),
                                 escape(label)))
        return ''.join(options)


@zope.interface.implementer(IKeywordDisplayWidget)
class KeywordDisplayWidget(DisplayWidget):
    """Lists the titles of the stored keywords."""

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
        if not value:
            return []
        if isinstance(value, (set, frozenset)):
            # A set has no order of its own: show it alphabetically.
            return sorted(
                value, key=lambda v: self.keywords.title_of(v).casefold())
        return list(value)

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
        if value in self.keywords:
            return '<li>%s</li>' % title
        return '<li class="unavailable">%s %s</li>' % (
            title, escape(unavailable_text(self.request)))
