"""The JavaScript and CSS that enhance the keyword widgets."""
from html import escape

import zope.component.hooks
from zope.i18n import translate
from zope.traversing.browser import absoluteURL

from formlib.keywordwidget import safejson
from formlib.keywordwidget.bundles import bundle_path
from formlib.keywordwidget.i18n import MessageFactory as _


MESSAGES_ID = 'formlib-keywordwidget-messages'

# The enhanced control's texts; `${keyword}`, `${keywords}` and the other
# placeholders are filled in by the script.
MESSAGES = {
    'add': _('Add ${keyword}'),
    # Said (to screen readers) when the user added or removed keywords,
    # one or several (a pasted list), and moved one.
    'added': _('Added ${keywords}.'),
    # A suggestion, as screen readers say it, with how many use it (the
    # count is shown beside the keyword).
    'counted': _('${keyword}, uses: ${count}'),
    'chosen': _('\u201c${keyword}\u201d is already chosen.'),
    # More than five at once (a pasted list).
    'chosenCount': _('${count} keywords are already chosen.'),
    # More keywords than a listener takes in by name, in the messages that
    # name ${keywords}: "Added 2000 keywords."
    'keywordCount': _('${count} keywords'),
    'failed': _('The search failed. Keep typing to search again.'),
    'noResults': _('No results'),
    # After a chosen keyword the server refused, or that left the
    # vocabulary.
    'notAccepted': _('(not accepted)'),
    'notAvailable': _('Not available for selection: ${keywords}'),
    'loading': _('Searching\u2026'),
    'moved': _('Moved ${keyword} to position ${position} of ${count}.'),
    'remove': _('Remove ${keyword}'),
    'removed': _('Removed ${keywords}.'),
    'search': _('Type to search'),
    # Said when the suggestions for what was typed are shown.
    'suggestions': _('Suggestions: ${count}'),
    # Text longer than the search takes is not searched; adding it works.
    'tooLong': _('Too long to search: at most ${max} characters.'),
    'typed': _('Add keywords, one per line'),
    # Pasted or typed text a closed field left in its textarea without
    # knowing whether it is a keyword: the server checks it on saving.
    'unchecked': _('Kept as typed, to be checked when saving: ${keywords}'),
    'unavailable': _('(unavailable)'),
}

_ANNOTATION_KEY = 'formlib.keywordwidget.resources-rendered'


def site_url(request):
    """URL of the nearest site, else of the published application."""
    site = zope.component.hooks.getSite()
    if site is not None:
        return absoluteURL(site, request)
    application_url = getattr(request, 'getApplicationURL', None)
    if application_url is not None:
        return application_url()
    # Zope's request: BASE1 is the root (or virtual root) URL.
    return request['BASE1']


def bundle_url(request, name):
    """URL of a bundle of static/ files, changing with its content."""
    return '%s/%s' % (site_url(request), bundle_path(name))


def page_annotations(request):
    """Where the widgets of one page keep what they share."""
    annotations = getattr(request, 'annotations', None)
    if annotations is None:
        # Zope's request has no annotations; `other` lives as long.
        annotations = request.other
    return annotations


def messages_json(request):
    """The translated texts as JSON that is safe inside a `<script>`."""
    return safejson.dumps({
        key: translate(message, context=request)
        for key, message in MESSAGES.items()})


def render_resources(request):
    """`<link>` and `<script>` tags for the enhancement, once per page."""
    annotations = page_annotations(request)
    if annotations.get(_ANNOTATION_KEY):
        return ''
    annotations[_ANNOTATION_KEY] = True
    return ''.join([
        '<link rel="stylesheet" href="%s" />' % escape(
            bundle_url(request, 'keywordwidget.css')),
        '<script type="application/json" id="%s">%s</script>' % (
            MESSAGES_ID, messages_json(request)),
        # Deferred: runs after the page is parsed.
        '<script defer="defer" src="%s"></script>' % escape(
            bundle_url(request, 'keywordwidget.js')),
    ])
