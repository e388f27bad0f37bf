"""Rename, merge and delete the keywords of a site's keyword store on every
object that uses them, through the schema fields that hold them."""
import transaction
import zope.event
import zope.lifecycleevent
from zope.i18n import translate
from zope.schema.interfaces import ValidationError
from zope.traversing.api import getPath

from formlib.keywordwidget.errors import named_inputs
from formlib.keywordwidget.errors import quote_input
from formlib.keywordwidget.errors import refusal_reason
from formlib.keywordwidget.i18n import MessageFactory as _
from formlib.keywordwidget.interfaces import IManageableKeywordStore
from formlib.keywordwidget.normalize import fold
from formlib.keywordwidget.normalize import normalize
from formlib.keywordwidget.sitekeywords import DECLARED_FIELDS
from formlib.keywordwidget.sitekeywords import field_id
from formlib.keywordwidget.sitekeywords import keyword_store


class KeywordChangeError(ValueError):
    """A change the manager refused; nothing was changed.

    `message` says why, to be translated.
    """

    def __init__(self, message):
        super().__init__(translate(message))
        self.message = message


class ManagedStore:
    """A manageable keyword store of a site and the fields holding its
    keywords."""

    def __init__(self, store, fields):
        self.store = store
        self.fields = fields

    @property
    def id(self):
        """How the manager's page names the store: its first field's id."""
        return field_id(self.fields[0])


def managed_stores(site):
    """The manageable stores of the fields declared with `site_keywords`,
    found from `site`: (stores, {field id: the error of a field whose store
    is not found there})."""
    stores, problems = [], {}
    for identifier, field in sorted(DECLARED_FIELDS.items()):
        try:
            store = keyword_store(field, site)
        except Exception as error:
            # E.g. a field of another site, whose catalog is not here, or
            # whose store is found from its objects only: the others are
            # managed all the same.
            problems[identifier] = error
            continue
        if not IManageableKeywordStore.providedBy(store):
            continue
        for managed in stores:
            if managed.store == store:
                managed.fields.append(field)
                break
        else:
            stores.append(ManagedStore(store, [field]))
    return stores, problems


class Outcome:
    """What a change did."""

    def __init__(self, keywords, target, merged, objects):
        #: The keywords changed, and the one they became (None: deleted).
        self.keywords = keywords
        self.target = target
        #: Whether objects used the target already.
        self.merged = merged
        #: How many objects changed.
        self.objects = objects
        #: The keywords that became aliases of the target.
        self.aliases = []


def rename(managed, keywords, text):
    """Rename `keywords` to `text` on every object; merge them where the
    store has the new keyword already.  Each becomes an alias of it."""
    store = managed.store
    new = new_keyword(managed, text)
    target = spelling(store, new, keywords)
    old = used(store, keywords, keep=target)
    if not old:
        raise KeywordChangeError(_(
            'Nothing to rename: no object uses ${keywords}, or only as'
            ' ${new}.',
            mapping={'keywords': named_inputs(keywords),
                     'new': quote_input(target)}))
    outcome = Outcome(old, target, store.count(target) > 0, 0)
    outcome.objects = change_objects(
        managed, dict.fromkeys(old, target))
    for keyword in old:
        if fold(keyword) != fold(target):
            store.add_alias(keyword, target)
            outcome.aliases.append(keyword)
    for alias, keyword in list(store.aliases()):
        if keyword in old:
            # An alias of a merged keyword now stands for the target.
            store.add_alias(alias, target)
    if store.alias(target) is not None:
        # The target is a keyword now: no alias may hide it.
        store.remove_alias(target)
    note('%s %s %s on %d objects' % (
        ', '.join(map(quote_input, old)),
        'merged into' if outcome.merged else 'renamed to',
        quote_input(target), outcome.objects))
    return outcome


def delete(managed, keywords):
    """Remove `keywords` from every object, and their aliases."""
    store = managed.store
    old = used(store, keywords)
    if not old:
        raise KeywordChangeError(_(
            'Nothing to delete: no object uses ${keywords}.',
            mapping={'keywords': named_inputs(keywords)}))
    outcome = Outcome(old, None, False, 0)
    outcome.objects = change_objects(managed, dict.fromkeys(old))
    for alias, keyword in list(store.aliases()):
        if keyword in old:
            store.remove_alias(alias)
    note('%s deleted from %d objects' % (
        ', '.join(map(quote_input, old)), outcome.objects))
    return outcome


def remove_aliases(managed, aliases):
    """Let `aliases` stand for no keyword; those that did."""
    store = managed.store
    removed = [alias for alias in aliases if store.alias(alias) is not None]
    for alias in removed:
        store.remove_alias(alias)
    if removed:
        note('aliases %s removed' % ', '.join(map(quote_input, removed)))
    return removed


def new_keyword(managed, text):
    """`text` cleaned up as typed keywords are, as every field of the
    store accepts it; KeywordChangeError naming it if one does not."""
    text = normalize(text)
    if not text:
        raise KeywordChangeError(_('Type the new keyword.'))
    for field in managed.fields:
        try:
            field.value_type.fromUnicode(text)
        except (ValidationError, ValueError) as error:
            raise KeywordChangeError(_(
                '${keyword} is not accepted as a keyword: ${reason}.',
                mapping={'keyword': quote_input(text),
                         'reason': refusal_reason(error)}))
    return text


def spelling(store, new, keywords):
    """The keyword to change `keywords` to when the user typed `new`.

    `new` as typed if objects use it; else a spelling objects use that is
    equal ignoring case and not among those being changed, the most used:
    a rename never makes a near-copy of a keyword the store has.
    """
    if store.count(new):
        return new
    for keyword, _count in store.search(new, len(keywords) + 1):
        if fold(keyword) == fold(new) and keyword not in keywords:
            return keyword
    return new


def used(store, keywords, keep=None):
    """`keywords` that objects use, once each, but `keep`."""
    return [keyword for keyword in dict.fromkeys(keywords)
            if keyword != keep and store.count(keyword)]


def change_objects(managed, replacements):
    """Replace keywords on every object that uses them: each keyword of
    `replacements` by its value, or none.  How many objects changed.

    Either every object changes and the store no longer counts the old
    keywords, or nothing changes and KeywordChangeError says why.
    """
    store = managed.store
    changes, unchanged = [], []
    for content in objects(store, replacements):
        values = new_values(managed.fields, content, replacements)
        (changes if values else unchanged).append((content, values))
    if unchanged:
        raise KeywordChangeError(_(
            'Nothing was changed: ${count} objects use ${keywords} in no'
            ' field declared for these keywords: ${objects}.',
            mapping={'count': len(unchanged),
                     'keywords': named_inputs(list(replacements)),
                     'objects': named_objects(
                         [content for content, _values in unchanged])}))
    savepoint = transaction.savepoint(optimistic=True)
    for content, values in changes:
        descriptions = []
        for field, adapted, value in values:
            field.set(adapted, value)
            descriptions.append(zope.lifecycleevent.Attributes(
                field.interface, field.__name__))
        # As an edit form does: the site reindexes the object.
        zope.event.notify(zope.lifecycleevent.ObjectModifiedEvent(
            content, *descriptions))
    left = [keyword for keyword in replacements if store.count(keyword)]
    if left:
        savepoint.rollback()
        raise KeywordChangeError(_(
            'Nothing was changed: the store still counts ${keywords} after'
            ' the change.  Does the site reindex objects on an'
            ' ObjectModifiedEvent?',
            mapping={'keywords': named_inputs(left)}))
    return len(changes)


def objects(store, keywords):
    """The objects that use any of `keywords`, each once."""
    found = {}
    for keyword in keywords:
        for content in store.objects(keyword):
            # Zope wraps an object anew each time it is found.
            found.setdefault(id(getattr(content, 'aq_base', content)),
                             content)
    return list(found.values())


def new_values(fields, content, replacements):
    """(bound field, adapted object, new value) of each field of `content`
    that holds a keyword of `replacements`."""
    changed = []
    for field in fields:
        adapted = None if field.readonly else field.interface(content, None)
        if adapted is None:
            continue
        bound = field.bind(adapted)
        stored = bound.query(adapted, None)
        if not stored or not any(
                isinstance(value, str) and value in replacements
                for value in stored):
            continue
        changed.append(
            (bound, adapted, replaced(stored, replacements)))
    return changed


def replaced(stored, replacements):
    """`stored` with keywords replaced, in its order and of its type: a
    keyword replaced by one it holds already is dropped."""
    values, seen = [], set()
    for value in stored:
        if isinstance(value, str) and value in replacements:
            value = replacements[value]
        if value is not None and value not in seen:
            seen.add(value)
            values.append(value)
    return type(stored)(values)


def named_objects(contents):
    """The first few of `contents` by their paths, then how many more."""
    return named_inputs([where(content) for content in contents],
                        describe=str)


def where(content):
    """An object's path, to name it."""
    path = getattr(content, 'getPhysicalPath', None)
    if path is not None:
        return '/'.join(path()) or '/'
    try:
        return getPath(content)
    except TypeError:
        # Not located.
        return repr(content)


def note(text):
    """Describe the transaction, for Zope's Undo tab."""
    transaction.get().note('Keyword manager: ' + text)
