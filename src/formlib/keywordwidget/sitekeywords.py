"""Suggestions from the keywords a site's objects use, ranked by use."""
import zope.interface
from zope.schema.interfaces import IContextSourceBinder
from zope.schema.interfaces import ISource
from zope.schema.interfaces import ITitledTokenizedTerm

from formlib.keywordwidget.interfaces import IKeywordStore
from formlib.keywordwidget.interfaces import ISearchableVocabulary
from formlib.keywordwidget.normalize import fold
from formlib.keywordwidget.settings import open_keywords


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
    open_keywords(field, StoreKeywords(store))


@zope.interface.implementer(IContextSourceBinder)
class StoreKeywords:
    """Binds a field to the keywords of the store found from its object."""

    def __init__(self, find_store):
        self.find_store = find_store

    def __call__(self, context):
        store = self.find_store(context)
        if not IKeywordStore.providedBy(store):
            raise KeywordStoreError(
                '%r found %r, which is no IKeywordStore.' % (
                    self.find_store, store))
        return StoreVocabulary(store)


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
        return [KeywordTerm(keyword, count)
                for keyword, count in self.store.search(query, limit)]

    def spelling(self, text):
        # Keywords equal ignoring case come first, the most used first.
        for term in self.search(text, 1):
            if fold(term.value) == fold(text):
                return term
        return None
