"""Site keywords in Zope: a ZCatalog index that counts keyword uses.

Needs the ``zope`` extra (Zope, Products.ZCatalog).
"""
import functools

from AccessControl.class_init import InitializeClass
from Acquisition import aq_base
from Acquisition import aq_get
from OFS.interfaces import ITraversable
from Products.PluginIndexes.KeywordIndex.KeywordIndex import KeywordIndex
from Products.ZCatalog.interfaces import IZCatalog

from formlib.keywordwidget.buckets import SpreadSets
from formlib.keywordwidget.sitekeywords import KeywordStoreError
from formlib.keywordwidget.sitekeywords import KeywordUsageStore
from formlib.keywordwidget.sitekeywords import StaleEntry
from formlib.keywordwidget.usage import KeywordUsage


class KeywordUsageIndex(KeywordIndex):
    """A KeywordIndex that also counts how many objects use each keyword.

    The counts and the search of `site_keywords` are kept with the index
    and change with it, in the same transaction.  The keywords, and the
    objects of each, are kept in small trees whose concurrent changes
    merge (`buckets.SpreadSets`): saves of objects that share keywords, or
    that add the same new keyword, do not conflict there.
    """

    meta_type = 'KeywordUsageIndex'

    def clear(self):
        super().clear()
        self._index = SpreadSets()
        # Called by __init__ too, before there is any usage.
        usage = getattr(self, 'usage', None)
        self.usage = KeywordUsage() if usage is None else usage.cleared()

    def __len__(self):
        # Counted, not kept in a Length: two saves that add the same new
        # keyword at once merge into one entry.
        return len(self._index)

    def _get_object_keywords(self, obj, attr):
        # Only text is indexed, as only text is counted: keywords spread
        # over trees by their text are never compared across trees, and a
        # number among texts would make every listing in order fail.
        return tuple(
            keyword
            for keyword in super()._get_object_keywords(obj, attr)
            if isinstance(keyword, str))

    def insertForwardIndexEntry(self, entry, documentId):
        self._index.add(entry, documentId)

    def removeForwardIndexEntry(self, entry, documentId):
        self._index.discard(entry, documentId)

    def index_object(self, documentId, obj, threshold=None):
        before = self._unindex.get(documentId)
        indexed = super().index_object(documentId, obj, threshold)
        self.usage.update(before, self._unindex.get(documentId))
        return indexed

    def unindex_object(self, documentId):
        before = self._unindex.get(documentId)
        super().unindex_object(documentId)
        self.usage.update(before, self._unindex.get(documentId))


InitializeClass(KeywordUsageIndex)


def where(context):
    """Where an object is, to name it in an error."""
    if ITraversable.providedBy(context):
        return '/'.join(context.getPhysicalPath()) or '/'
    return repr(context)


class ZCatalogKeywords:
    """Finds the keywords of the KeywordUsageIndex `index` of the ZCatalog
    with the id `catalog`, acquired from the edited object."""

    def __init__(self, catalog, index):
        self.catalog = catalog
        self.index = index

    def __repr__(self):
        return '%s(%r, %r)' % (type(self).__name__, self.catalog, self.index)

    def __call__(self, context):
        catalog = aq_get(context, self.catalog, None)
        if not IZCatalog.providedBy(catalog):
            raise KeywordStoreError(
                'No ZCatalog %r found from %s.' % (
                    self.catalog, where(context)))
        index = catalog._catalog.indexes.get(self.index)
        if index is None:
            raise KeywordStoreError(
                'The catalog %s has no index %r.' % (
                    where(catalog), self.index))
        if not isinstance(index, KeywordUsageIndex):
            raise KeywordStoreError(
                'The index %r of the catalog %s is a %s, not a %s: it does'
                ' not count keywords.' % (
                    self.index, where(catalog), type(index).__name__,
                    KeywordUsageIndex.__name__))
        return ZCatalogKeywordStore(catalog, index)


class ZCatalogKeywordStore(KeywordUsageStore):
    """The keywords of a KeywordUsageIndex in a ZCatalog."""

    def __init__(self, catalog, index):
        self.catalog = self.location = catalog
        self.index = index
        self.usage = index.usage

    def __eq__(self, other):
        return (isinstance(other, ZCatalogKeywordStore)
                and aq_base(other.index) is aq_base(self.index))

    def __hash__(self):
        return id(aq_base(self.index))

    def objects(self, keyword):
        # A CMF catalog tool (Plone's) filters its searchResults by what
        # the user may see, and has unrestrictedSearchResults for all; a
        # ZCatalog's searchResults finds all.
        search = getattr(self.catalog, 'unrestrictedSearchResults',
                         self.catalog.searchResults)
        brains = search({self.index.getId(): keyword})
        return [self._object(brain.getPath()) for brain in brains]

    def _object(self, path):
        """The object cataloged at `path`, or a StaleEntry if there is
        none there now: traversal would also find an object of that name
        further up, by acquisition, or a view."""
        found = self.catalog.unrestrictedTraverse(path, None)
        physical_path = getattr(found, 'getPhysicalPath', None)
        if physical_path is None or '/'.join(physical_path()) != path:
            return StaleEntry(
                path, functools.partial(self.catalog.uncatalog_object, path))
        return found
