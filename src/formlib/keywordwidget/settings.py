"""Per-field settings of keyword fields, kept as tagged values."""
from urllib.parse import quote

import zope.interface
import zope.schema
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import ICollection
from zope.schema.interfaces import IFromUnicode

from formlib.keywordwidget.interfaces import IHaveSelectableKeywords


SUGGESTIONS = 'formlib.keywordwidget.suggestions'
LARGE_THRESHOLD = 'formlib.keywordwidget.large_threshold'
KEYWORD_URL = 'formlib.keywordwidget.keyword_url'

#: Above this many terms only the selected keywords are rendered, the rest
#: is searched.
DEFAULT_LARGE_THRESHOLD = 1000


def open_keywords(field, suggestions):
    """Let users add keywords of their own; `suggestions` only suggests.

    `field` is a List or Set of text (e.g. of TextLine); `suggestions` a
    vocabulary name, an IContextSourceBinder or an iterable, tokenized
    source.  The field is marked IHaveSelectableKeywords.
    """
    if not ICollection.providedBy(field):
        raise TypeError('Open keywords need a List or Set field.')
    value_type = field.value_type
    if (IChoice.providedBy(value_type)
            or not IFromUnicode.providedBy(value_type)
            or getattr(value_type, '_type', None) is not str):
        raise TypeError(
            'Open keywords need a value type made from text, e.g. TextLine.')
    # A Choice resolves names, binders and sources the way zope.schema
    # does, and refuses anything else right here.
    if isinstance(suggestions, str):
        choice = zope.schema.Choice(vocabulary=suggestions)
    else:
        choice = zope.schema.Choice(source=suggestions)
    field.setTaggedValue(SUGGESTIONS, choice)
    zope.interface.alsoProvides(field, IHaveSelectableKeywords)


def set_large_threshold(field, terms):
    """Search instead of listing when the vocabulary has more `terms`."""
    if isinstance(terms, bool) or not isinstance(terms, int) or terms < 0:
        raise ValueError('The threshold is a number of terms, 0 or more.')
    field.setTaggedValue(LARGE_THRESHOLD, terms)


def is_open(field):
    """Whether users may add keywords that are not in the vocabulary."""
    return field.queryTaggedValue(SUGGESTIONS) is not None


def large_threshold(field):
    return field.queryTaggedValue(LARGE_THRESHOLD, DEFAULT_LARGE_THRESHOLD)


def vocabulary(field):
    """The terms of a bound field: its suggestions, else its choices."""
    suggestions = field.queryTaggedValue(SUGGESTIONS)
    if suggestions is None:
        return field.value_type.vocabulary
    return suggestions.bind(field.context).vocabulary


def set_keyword_url(field, template):
    """Link each keyword the display widget shows to a page about it.

    `template` is the page's URL with ``{keyword}`` where the keyword goes,
    e.g. ``/@@keyword?keyword={keyword}``; the keyword is URL-encoded.
    """
    if not isinstance(template, str) or '{keyword}' not in template:
        raise ValueError(
            'A keyword URL is text with {keyword} in it, not %r.' % (
                template,))
    field.setTaggedValue(KEYWORD_URL, template)


def keyword_url(field, keyword):
    """The URL of the page about `keyword`, or None."""
    template = field.queryTaggedValue(KEYWORD_URL)
    if template is None:
        return None
    return template.replace('{keyword}', quote(str(keyword), safe=''))
