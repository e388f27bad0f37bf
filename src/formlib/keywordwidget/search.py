"""The JSON view the enhancement searches large vocabularies with."""
import sys

import zope.interface
from zope.i18n import translate
from zope.publisher.browser import BrowserView
from zope.schema.interfaces import IField
from zope.security.checker import canAccess
from zope.security.interfaces import ForbiddenAttribute

from formlib.keywordwidget import safejson
from formlib.keywordwidget.i18n import MessageFactory as _
from formlib.keywordwidget.index import SEARCH_RESULTS
from formlib.keywordwidget.interfaces import IHaveSelectableKeywords
from formlib.keywordwidget.keywords import Keywords
from formlib.keywordwidget.permission import edit_permission
from formlib.keywordwidget.permission import has_edit_permission
from formlib.keywordwidget.sitekeywords import KeywordStoreError


# Longest query searched; anyone typing more is not looking for a keyword.
MAX_QUERY_LENGTH = 100
# Longest field id looked at: a schema's dotted name and a field name.
MAX_FIELD_ID_LENGTH = 300


def find_schema(context, schema_id):
    """A schema by its id: one `context` provides, else one imported.

    Nothing is imported on request: a schema that a form uses through an
    adapter has been imported by the app already.
    """
    for schema in zope.interface.providedBy(context).flattened():
        if schema.__identifier__ == schema_id:
            return schema
    module_name, _dot, name = schema_id.rpartition('.')
    schema = getattr(sys.modules.get(module_name), name, None)
    if (isinstance(schema, zope.interface.interface.InterfaceClass)
            and schema.__identifier__ == schema_id):
        return schema
    return None


def find_field(context, field_id):
    """The marked field `field_id`, unbound, or None.

    Only a field marked for our widgets is taken, of a schema the context
    provides or the app has imported: no id reaches an arbitrary
    vocabulary.
    """
    schema_id, _dot, name = field_id.rpartition('.')
    schema = find_schema(context, schema_id)
    field = None if schema is None else schema.get(name)
    if not (IField.providedBy(field)
            and IHaveSelectableKeywords.providedBy(field)):
        return None
    return field


def bind(field, context):
    """`field` bound as formlib binds it: to `context` adapted to its
    schema, or None where `context` has no such adapter."""
    adapted = field.interface(context, None)
    return None if adapted is None else field.bind(adapted)


def may_search(field, context):
    """Whether the user may search the keywords of `field` on `context`.

    The one place this is decided, before anything is adapted: a schema
    adapter may create or write something (an annotation, say).  The
    search serves the edit widget, so a field's declared edit permission
    (``permission.py``) decides, on the context, where grants and local
    roles live.  Without one, read access to the field; reading a field of
    a schema the context only adapts to needs its adapter, so that takes a
    declared edit permission.
    """
    if edit_permission(field) is not None:
        # Also the check that works inside Zope, whose objects have no
        # zope.security declarations for canAccess.
        return has_edit_permission(field, context)
    if not field.interface.providedBy(context):
        return False
    try:
        return canAccess(context, field.__name__)
    except ForbiddenAttribute:
        # No security declaration for the field: nobody may search it.
        return False


def item(term, token, keywords):
    """What the enhancement gets of a term: with its uses, if counted.

    `token` is what the widget posts for it: the edited object's keyword
    under the token its selected option has.
    """
    found = {'token': token, 'title': keywords.title(term)}
    count = getattr(term, 'count', None)
    if count is not None:
        found['count'] = count
    return found


class KeywordSearch(BrowserView):
    """Terms of a marked field's vocabulary matching ``q``, as JSON."""

    def __call__(self):
        form = self.request.form
        query, field_id = form.get('q', ''), form.get('field', '')
        if not isinstance(query, str) or not isinstance(field_id, str):
            return self._error(400, _('Send one query and one field.'))
        if len(query) > MAX_QUERY_LENGTH:
            return self._error(400, _(
                'The query is longer than ${max} characters.',
                mapping={'max': MAX_QUERY_LENGTH}))
        field = None
        if len(field_id) <= MAX_FIELD_ID_LENGTH:
            field = find_field(self.context, field_id)
        if field is None:
            return self._error(404, _('No keyword field of that name here.'))
        if not may_search(field, self.context):
            return self._error(403, _('You may not search these keywords.'))
        field = bind(field, self.context)
        if field is None:
            return self._error(404, _('No keyword field of that name here.'))
        try:
            keywords = Keywords(field, self.request)
            terms = keywords.search(query, SEARCH_RESULTS)
        except KeywordStoreError as error:
            # Misconfigured: say what is missing rather than fail deep down.
            return self._error(503, _(
                'The keywords cannot be searched: ${reason}',
                mapping={'reason': str(error)}))
        tokens = keywords.tokens([term.value for term in terms])
        return self._json({'items': [
            item(term, token, keywords)
            for term, token in zip(terms, tokens)]})

    def _error(self, status, message):
        self.request.response.setStatus(status)
        return self._json(
            {'error': translate(message, context=self.request)})

    def _json(self, data):
        response = self.request.response
        response.setHeader('Content-Type', 'application/json')
        response.setHeader('X-Content-Type-Options', 'nosniff')
        response.setHeader('Cache-Control', 'private, no-store')
        return safejson.dumps(data)
