"""Rename, merge and delete the keywords of a site's keyword store on every
object that uses them, through the schema fields that hold them."""

import transaction
import zope.event
import zope.lifecycleevent
from zope.i18n import translate
from zope.location.interfaces import IRoot
from zope.schema.interfaces import TooLong
from zope.schema.interfaces import TooShort
from zope.schema.interfaces import ValidationError
from zope.security.proxy import removeSecurityProxy
from zope.traversing.api import getPath

from formlib.keywordwidget.errors import named_inputs
from formlib.keywordwidget.errors import quote_input
from formlib.keywordwidget.errors import refusal_reason
from formlib.keywordwidget.i18n import MessageFactory as _
from formlib.keywordwidget.interfaces import IManageableKeywordStore
from formlib.keywordwidget.normalize import check_decoded
from formlib.keywordwidget.normalize import fold
from formlib.keywordwidget.normalize import normalize
from formlib.keywordwidget.sitekeywords import DECLARED_FIELDS
from formlib.keywordwidget.sitekeywords import KeywordStoreError
from formlib.keywordwidget.sitekeywords import StaleEntry
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
    keywords.

    `may_change(content)` says whether the user may change the keywords
    of an object; None lets a script change those of every object.
    """

    def __init__(self, store, fields, may_change=None):
        self.store = store
        self.fields = fields
        self.may_change = may_change

    @property
    def id(self):
        """How the manager's page names the store: its first field's id."""
        return field_id(self.fields[0])


def managed_stores(site, may_change=None):
    """The manageable stores of the fields declared with `site_keywords`,
    found from `site` and kept in it: (stores, {field id: the error of a
    field whose store is not found there, or is another site's}).

    The stores' changes are limited to the objects `may_change` allows
    (see ManagedStore).
    """
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
        location = getattr(store, 'location', None)
        if location is not None and not inside(location, site):
            # Found by acquisition, or in a parent site's registry: its
            # keywords are that site's, and its managers'.
            problems[identifier] = KeywordStoreError(
                'Its keywords are kept in %s, outside this site: they are'
                ' managed at the site that keeps them.' % where(location))
            continue
        for managed in stores:
            if managed.store == store:
                managed.fields.append(field)
                break
        else:
            stores.append(ManagedStore(store, [field], may_change))
    return stores, problems


def inside(location, site):
    """Whether `location` is `site` or in it, or in no site's tree.

    In Zope by their paths (acquisition wraps an object anew each time it
    is found); elsewhere by the location's parents.
    """
    location, site = removeSecurityProxy(location), removeSecurityProxy(site)
    site_path = getattr(site, 'getPhysicalPath', None)
    if site_path is not None and hasattr(location, 'getPhysicalPath'):
        site_path = site_path()
        return location.getPhysicalPath()[:len(site_path)] == site_path
    while location is not site:
        parent = getattr(location, '__parent__', None)
        if parent is None:
            return not IRoot.providedBy(location)
        location = parent
    return True


class Outcome:
    """What a change did."""

    def __init__(self, keywords, target=None, merged=False):
        #: The keywords changed, and the one they became (None: deleted).
        self.keywords = keywords
        self.target = target
        #: Whether objects used the target already.
        self.merged = merged
        #: How many objects changed.
        self.objects = 0
        #: Where the store's entries were that named objects gone or
        #: moved (see StaleEntry): removed.
        self.stale = []
        #: The keywords that became aliases of the target.
        self.aliases = []
        #: (keyword, a keyword objects use that is spelled so in another
        #: case) of keywords that are no alias: typing them gives that.
        self.shadowed = []
        #: (keyword, keyword) of keywords that stay aliases of another
        #: keyword objects use.
        self.kept_aliases = []


def rename(managed, keywords, text):
    """Rename `keywords` to `text` on every object; merge them where the
    store has the new keyword already.  Each becomes an alias of it, as
    far as that can work (see `add_alias`)."""
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
    outcome = Outcome(old, target, store.count(target) > 0)
    change_objects(managed, dict.fromkeys(old, target), outcome)
    for alias, keyword in list(store.aliases()):
        if keyword in old:
            # An alias of a merged keyword now stands for the target.
            store.add_alias(alias, target)
    if store.count(target):
        # An alias stands for its spellings in every case: one for each.
        # (An alias of a keyword no object uses gives nothing: none is
        # made where only stale entries used the old keywords.)
        spellings = {fold(target): target}
        for keyword in old:
            if spellings.setdefault(fold(keyword), keyword) == keyword:
                add_alias(store, keyword, target, outcome)
    if store.alias(target) is not None:
        # The target is a keyword now: no alias may hide it.
        store.remove_alias(target)
    note('%s %s %s on %d objects' % (
        listed(old), 'merged into' if outcome.merged else 'renamed to',
        quote_input(target), outcome.objects))
    return outcome


def add_alias(store, keyword, target, outcome):
    """Let `keyword` stand for `target`, and say so in `outcome`; unless
    a keyword objects use is spelled so ignoring case (typing it gives
    that keyword, not an alias), or it stands for another keyword objects
    use (a change of it is the manager's to make)."""
    shadowing = spelled_alike(store, keyword)
    if shadowing:
        outcome.shadowed.append((keyword, shadowing[0][0]))
        return
    other = store.alias(keyword)
    if other not in (None, target) and store.count(other):
        outcome.kept_aliases.append((keyword, other))
        return
    store.add_alias(keyword, target)
    outcome.aliases.append(keyword)


def delete(managed, keywords):
    """Remove `keywords` from every object, and their aliases."""
    store = managed.store
    old = used(store, keywords)
    if not old:
        raise KeywordChangeError(_(
            'Nothing to delete: no object uses ${keywords}.',
            mapping={'keywords': named_inputs(keywords)}))
    outcome = Outcome(old)
    change_objects(managed, dict.fromkeys(old), outcome)
    for alias, keyword in list(store.aliases()):
        if keyword in old:
            store.remove_alias(alias)
    note('%s deleted from %d objects' % (listed(old), outcome.objects))
    return outcome


def remove_aliases(managed, aliases):
    """Let `aliases` stand for no keyword; those that did."""
    store = managed.store
    removed = [alias for alias in aliases if store.alias(alias) is not None]
    for alias in removed:
        store.remove_alias(alias)
    if removed:
        note('aliases %s removed' % listed(removed))
    return removed


def new_keyword(managed, text):
    """`text` cleaned up as typed keywords are, as every field of the
    store accepts it; KeywordChangeError naming it if one does not."""
    text = normalize(text)
    if not text:
        raise KeywordChangeError(_('Type the new keyword.'))
    for field in managed.fields:
        try:
            check_decoded(text)
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
    others = [(keyword, count) for keyword, count in spelled_alike(store, new)
              if keyword not in keywords]
    if not others:
        return new
    return max(others, key=lambda item: item[1])[0]


def spelled_alike(store, text):
    """(keyword, count) of the keywords objects use that are spelled as
    `text` ignoring case, the most used first."""
    return list(store.spellings(text))


def used(store, keywords, keep=None):
    """`keywords` that objects use, once each, but `keep`."""
    return [keyword for keyword in dict.fromkeys(keywords)
            if keyword != keep and store.count(keyword)]


def change_objects(managed, replacements, outcome):
    """Replace keywords on every object that uses them: each keyword of
    `replacements` by its value, or none.  Removes the store's stale
    entries of them.  Says in `outcome` how many objects changed and
    which entries were removed.

    Either every object changes and the store no longer counts the old
    keywords, or nothing changes and KeywordChangeError says why: the user
    may not manage an object, an object uses a keyword in no declared
    field, or a field would refuse its new value.
    """
    store = managed.store
    keywords = named_inputs(list(replacements))
    contents, stale = objects(store, replacements)
    if managed.may_change is not None:
        denied = [content for content in contents
                  if not managed.may_change(content)]
        if denied:
            # Not named: the user may not know of them.
            raise KeywordChangeError(_(
                'Nothing was changed: you may not manage the keywords of'
                ' ${count} of the objects that use ${keywords}.',
                mapping={'count': len(denied), 'keywords': keywords}))
    changes, unchanged, refused = [], [], []
    for content in contents:
        values = new_values(managed.fields, content, replacements)
        (changes if values else unchanged).append((content, values))
        for field, _adapted, stored, value in values:
            reason = refusal(field, stored, value)
            if reason is not None:
                refused.append((content, field, reason))
    if unchanged:
        raise KeywordChangeError(_(
            'Nothing was changed: ${count} objects use ${keywords} in no'
            ' field declared for these keywords: ${objects}.',
            mapping={'count': len(unchanged), 'keywords': keywords,
                     'objects': named_objects(
                         [content for content, _values in unchanged])}))
    if refused:
        raise refusal_error(refused)
    savepoint = transaction.savepoint(optimistic=True)
    for entry in stale:
        entry.remove()
    for content, values in changes:
        descriptions = []
        for field, adapted, _stored, value in values:
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
    outcome.objects = len(changes)
    outcome.stale = [entry.where for entry in stale]


def objects(store, keywords):
    """The objects that use any of `keywords`, each once; and the store's
    stale entries of such objects, each once."""
    found, stale = {}, {}
    for keyword in keywords:
        for content in store.objects(keyword):
            if isinstance(content, StaleEntry):
                stale.setdefault(content.where, content)
            else:
                # Zope wraps an object anew each time it is found.
                found.setdefault(id(getattr(content, 'aq_base', content)),
                                 content)
    return list(found.values()), list(stale.values())


def new_values(fields, content, replacements):
    """(bound field, adapted object, stored value, new value) of each
    field of `content` that holds a keyword of `replacements`."""
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
            (bound, adapted, stored, replaced(stored, replacements)))
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


def refusal(field, stored, value):
    """Why an edit form would refuse `value` for the bound `field` that
    holds `stored`, as the keyword widget checks what a user posts: the
    number of keywords, and the keywords added (those kept are not
    validated again); None if it would not."""
    if not value and field.required:
        return _('a keyword is required')
    if field.min_length and len(value) < field.min_length:
        return _('at least ${min} keywords are required',
                 mapping={'min': field.min_length})
    kept = set(stored)
    added = type(value)(item for item in value if item not in kept)
    if added:
        try:
            field.validate(added)
        except (TooShort, TooLong):
            # How many keywords an object keeps is checked above.
            pass
        except ValidationError as error:
            return refusal_reason(error)
    return None


def refusal_error(refused):
    """The error that names the objects of the first (object, field,
    reason) of `refused` whose field refuses their value for that
    reason."""
    _content, field, reason = refused[0]
    kind = field_id(field), translate(reason)
    contents = [content for content, other, why in refused
                if (field_id(other), translate(why)) == kind]
    return KeywordChangeError(_(
        'Nothing was changed: the field ${field} of ${count} objects would'
        ' refuse its new value (${reason}): ${objects}.',
        mapping={'field': field.title or field.__name__,
                 'count': len(contents), 'reason': reason,
                 'objects': named_objects(contents)}))


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


def listed(keywords):
    """The first few of `keywords`, quoted, then how many more: a
    transaction's note is limited (FileStorage takes at most 64 KiB)."""
    return translate(named_inputs(keywords))


def note(text):
    """Describe the transaction, for Zope's Undo tab."""
    transaction.get().note('Keyword manager: ' + text)
