"""Site keywords on the Zope Toolkit: a zope.catalog index that counts.

Needs the ``catalog`` extra (zope.catalog, zope.intid).
"""
import functools

import zope.component
from zope.catalog.interfaces import ICatalog
from zope.catalog.keyword import KeywordIndex
from zope.intid.interfaces import IIntIds

from formlib.keywordwidget.sitekeywords import KeywordStoreError
from formlib.keywordwidget.sitekeywords import KeywordUsageStore
from formlib.keywordwidget.sitekeywords import StaleEntry
from formlib.keywordwidget.usage import KeywordUsage


class KeywordUsageIndex(KeywordIndex):
    """A zope.catalog KeywordIndex that also counts how many objects use
    each keyword.

    The counts and the search of `site_keywords` are kept with the index
    and change with it, in the same transaction.
    """

    # The nested call of unindex_doc that index_doc makes for an empty
    # value is counted by the outer call only.
    _v_counting = False

    def clear(self):
        super().clear()
        # Called by __init__ too, before there is any usage.
        usage = getattr(self, 'usage', None)
        self.usage = KeywordUsage() if usage is None else usage.cleared()

    def index_doc(self, docid, value):
        self._counted(docid, super().index_doc, value)

    def unindex_doc(self, docid):
        self._counted(docid, super().unindex_doc)

    def _counted(self, docid, change, *arguments):
        if self._v_counting:
            return change(docid, *arguments)
        before = self._rev_index.get(docid)
        self._v_counting = True
        try:
            change(docid, *arguments)
        finally:
            del self._v_counting
        self.usage.update(before, self._rev_index.get(docid))


class CatalogKeywords:
    """Finds the keywords of the KeywordUsageIndex `index` of the catalog
    registered as the ICatalog utility named `catalog` in the current
    site."""

    def __init__(self, index, catalog=''):
        self.index = index
        self.catalog = catalog

    def __repr__(self):
        return '%s(%r, catalog=%r)' % (
            type(self).__name__, self.index, self.catalog)

    def __call__(self, context):
        catalog = zope.component.queryUtility(ICatalog, name=self.catalog)
        if catalog is None:
            raise KeywordStoreError(
                'No ICatalog utility named %r.' % self.catalog)
        index = catalog.get(self.index)
        if index is None:
            raise KeywordStoreError(
                'The catalog %r has no index %r.' % (
                    self.catalog, self.index))
        if not isinstance(index, KeywordUsageIndex):
            raise KeywordStoreError(
                'The index %r of the catalog %r is a %s, not a %s: it does'
                ' not count keywords.' % (
                    self.index, self.catalog, type(index).__name__,
                    KeywordUsageIndex.__name__))
        return CatalogKeywordStore(index)


class CatalogKeywordStore(KeywordUsageStore):
    """The keywords of a KeywordUsageIndex in a zope.catalog catalog."""

    def __init__(self, index):
        self.index = self.location = index
        self.usage = index.usage

    def __eq__(self, other):
        return (isinstance(other, CatalogKeywordStore)
                and other.index is self.index)

    def __hash__(self):
        return id(self.index)

    def objects(self, keyword):
        intids = zope.component.getUtility(IIntIds)
        found = []
        for docid in self.index.apply({'query': [keyword],
                                       'operator': 'or'}):
            content = intids.queryObject(docid)
            if content is None:
                # Its id was dropped, its entry not.
                content = StaleEntry(
                    'intid %d' % docid,
                    functools.partial(self._catalog.unindex_doc, docid))
            found.append(content)
        return found

    @property
    def _catalog(self):
        """The index's catalog, which forgets an object in every index; or
        the index, if it is in none."""
        parent = getattr(self.index, '__parent__', None)
        return parent if ICatalog.providedBy(parent) else self.index
