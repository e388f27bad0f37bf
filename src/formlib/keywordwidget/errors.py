"""Naming what was wrong with a submission, briefly and translated."""
from zope.i18n import translate
from zope.schema.interfaces import TooLong
from zope.schema.interfaces import TooShort
from zope.schema.interfaces import ValidationError

from formlib.keywordwidget.i18n import MessageFactory as _
from formlib.keywordwidget.normalize import isolated


# An error names this many offending inputs, then says how many more.
NAMED_IN_ERROR = 10
# A named input is cut to this many characters, so a forged megabyte of
# token cannot blow up the error message.
NAMED_INPUT_LENGTH = 40


def quote_input(text):
    """User input to name in a message: quoted, and cut when very long."""
    if len(text) > NAMED_INPUT_LENGTH:
        text = text[:NAMED_INPUT_LENGTH] + '\u2026'
    return '\u201c%s\u201d' % isolated(text)


def named_inputs(inputs, describe=quote_input):
    """A short, human-readable list of inputs: text, or a message to
    translate (which may be part of another one's mapping)."""
    listing = ', '.join(describe(item) for item in inputs[:NAMED_IN_ERROR])
    more = len(inputs) - NAMED_IN_ERROR
    if more > 0:
        return _('${listing} and ${count} more',
                 mapping={'listing': listing, 'count': more})
    return listing


def name_inputs(inputs, request, describe=quote_input):
    """A short, human-readable list of offending inputs."""
    return translate(named_inputs(inputs, describe), context=request)


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
