"""Suggestions from the keywords a site's objects use, ranked by use."""
import zope.interface
from zope.schema.interfaces import IContextSourceBinder
from zope.schema.interfaces import ISource
from zope.schema.interfaces import ITitledTokenizedTerm

from formlib.keywordwidget.interfaces import IKeywordStore
from formlib.keywordwidget.interfaces import IManageableKeywordStore
from formlib.keywordwidget.interfaces import ISearchableVocabulary
from formlib.keywordwidget.normalize import fold
from formlib.keywordwidget.settings import open_keywords


KEYWORD_STORE = 'formlib.keywordwidget.keyword_store'

# The fields declared with site_keywords, by id (schema and name): the
# keyword manager changes their values.
DECLARED_FIELDS = {}


class KeywordStoreError(LookupError):
    """A field's keyword store is missing or broken; says what is wrong."""


def site_keywords(field, store):
    """Suggest the keywords the site's objects use, most used first.

    `field` is a List or Set of text, as for `open_keywords`; users may
    add keywords of their own (see `set_create_permission`).  `store` is
    called with the edited object (or an add form's container) and
    returns its `IKeywordStore`, e.g.
    `formlib.keywordwidget.zcatalog.ZCatalogKeywords`.
    """
    if not callable(store):
        raise TypeError(
            'The keyword store is found by a callable, not %r.' % (store,))
    binder = StoreKeywords(store)
    open_keywords(field, binder)
    field.setTaggedValue(KEYWORD_STORE, binder)
    if field.interface is not None:
        DECLARED_FIELDS[field_id(field)] = field


def field_id(field):
    """A schema field's id: its schema's dotted name and its name."""
    return '%s.%s' % (field.interface.__identifier__, field.__name__)


def keyword_store(field, context):
    """The IKeywordStore of a field declared with `site_keywords`, found
    from `context`; KeywordStoreError if it cannot be found."""
    return field.queryTaggedValue(KEYWORD_STORE).store(context)


@zope.interface.implementer(IContextSourceBinder)
class StoreKeywords:
    """Binds a field to the keywords of the store found from its object."""

    def __init__(self, find_store):
        self.find_store = find_store

    def __call__(self, context):
        return StoreVocabulary(self.store(context))

    def store(self, context):
        store = self.find_store(context)
        if not IKeywordStore.providedBy(store):
            raise KeywordStoreError(
                '%r found %r, which is no IKeywordStore.' % (
                    self.find_store, store))
        return store


@zope.interface.implementer(ITitledTokenizedTerm)
class KeywordTerm:
    """A keyword of a store, with how many objects use it."""

    def __init__(self, keyword, count):
        self.value = self.token = self.title = keyword
        self.count = count


@zope.interface.implementer(ISource, ISearchableVocabulary)
class StoreVocabulary:
    """The keywords a store counts, as a vocabulary that searches itself.

    Keywords are their own tokens.  It has no length: a store's keywords
    are searched, never listed.
    """

    def __init__(self, store):
        self.store = store

    def __contains__(self, value):
        return isinstance(value, str) and self.store.count(value) > 0

    def getTerm(self, value):
        count = self.store.count(value) if isinstance(value, str) else 0
        if not count:
            raise LookupError(value)
        return KeywordTerm(value, count)

    def getTermByToken(self, token):
        return self.getTerm(token)

    def search(self, query, limit):
        found = self.store.search(query, limit)
        # Keywords equal to the query, ignoring case, come first: a
        # keyword spelled as an alias is that keyword.
        meant = None
        if not (found and fold(found[0][0]) == fold(query)):
            meant = self._alias_term(query)
        if meant is not None:
            # A keyword merged into another is found as the other.
            found = [(meant.value, meant.count)] + [
                (keyword, count) for keyword, count in found
                if keyword != meant.value][:limit - 1]
        return [KeywordTerm(keyword, count) for keyword, count in found]

    def spelling(self, text):
        # Keywords equal ignoring case come first, the most used first.
        for keyword, count in self.store.search(text, 1):
            if fold(keyword) == fold(text):
                return KeywordTerm(keyword, count)
        return self._alias_term(text)

    def _alias_term(self, text):
        """The term of the keyword `text` is an alias of, if it is used."""
        if not text.strip():
            return None
        keyword = self.store.alias(text)
        if keyword is None:
            return None
        count = self.store.count(keyword)
        return KeywordTerm(keyword, count) if count else None


class StaleEntry:
    """A store's entry for an object that is gone, or that lives elsewhere
    now (moved without being reindexed): its keywords are still counted.
    """

    def __init__(self, where, remove):
        #: How the store names the entry: the object's path, its id.
        self.where = where
        self._remove = remove

    def remove(self):
        """Drop the entry: the store no longer counts its keywords."""
        self._remove()


@zope.interface.implementer(IManageableKeywordStore)
class KeywordUsageStore:
    """A manageable keyword store whose keywords a `KeywordUsage` counts
    (``self.usage``); subclasses find the objects that use a keyword."""

    #: Kept in no site's tree: managed at every site it is found from.
    location = None

    def __len__(self):
        return len(self.usage)

    def count(self, keyword):
        return self.usage.count(keyword)

    def search(self, query, limit):
        return self.usage.search(query, limit)

    def keywords(self, start=''):
        return self.usage.keywords(start)

    def spellings(self, text):
        return self.usage.spellings(text)

    def alias(self, text):
        return self.usage.alias(text)

    def aliases(self):
        return self.usage.aliases.items()

    def add_alias(self, text, keyword):
        self.usage.add_alias(text, keyword)

    def remove_alias(self, text):
        self.usage.remove_alias(text)
