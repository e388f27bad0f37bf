"""The ZCatalog's KeywordUsageIndex reads and changes as Zope's own
KeywordIndex does, though its keywords are spread over many trees."""
import unittest


class Document:
    """What a ZCatalog indexes: an object with keywords."""

    def __init__(self, keywords):
        self.keywords = keywords


def catalog_of(index, *documents):
    """A catalog with `index`; document N cataloged under the path "N"."""
    from Products.ZCatalog.Catalog import Catalog
    catalog = Catalog()
    catalog.addIndex('keywords', index)
    for number, keywords in enumerate(documents):
        catalog.catalogObject(Document(keywords), str(number))
    return catalog


def found(catalog, query):
    """The paths the keyword index finds for `query`."""
    result, _names = catalog.getIndex('keywords')._apply_index(
        {'keywords': query})
    return sorted(catalog.paths[rid] for rid in result)


class KeywordUsageIndexTests(unittest.TestCase):

    def catalog(self, *documents):
        from formlib.keywordwidget.zcatalog import KeywordUsageIndex
        return catalog_of(KeywordUsageIndex('keywords'), *documents)

    def test_only_text_keywords_are_indexed(self):
        # Keywords in different trees are compared only when read in
        # order: a number among texts made the ZMI's browse, uniqueValues
        # and histogram fail for good.  Only text is counted, too.
        catalog = self.catalog([1], ['a'], [1.0, 'b'], ['c', 7])
        index = catalog.getIndex('keywords')
        self.assertEqual(list(index.uniqueValues(withLengths=True)),
                         [('a', 1), ('b', 1), ('c', 1)])
        self.assertEqual(found(catalog, 1), [])
        self.assertEqual(found(catalog, 'b'), ['2'])
        self.assertEqual(index.usage.count('c'), 1)

    def test_an_object_edited_to_hold_a_number_is_indexed_by_its_texts(
            self):
        # A KeywordIndex raises there (its tree compares 7 with "a").
        catalog = self.catalog(['a'])
        index = catalog.getIndex('keywords')
        catalog.catalogObject(Document(['a', 'b', 7]), '0')
        self.assertEqual((found(catalog, 'b'), index.usage.count('b')),
                         (['0'], 1))
        catalog.catalogObject(Document([7]), '0')
        self.assertEqual((list(index.uniqueValues()), index.usage.count('a')),
                         ([], 0))

    def test_a_search_finds_what_a_keyword_index_finds(self):
        from Products.PluginIndexes.KeywordIndex.KeywordIndex import (
            KeywordIndex)
        documents = [['Zope', 'Python'], ['Python'], ['Plone', 'Zope']]
        plain = catalog_of(KeywordIndex('keywords'), *documents)
        spread = self.catalog(*documents)
        for query in ('Zope', ['Zope', 'Plone'],
                      {'query': ['Zope', 'Python'], 'operator': 'and'},
                      {'query': ['P', 'Q'], 'range': 'min:max'},
                      {'not': 'Zope'}):
            with self.subTest(query=query):
                self.assertEqual(found(spread, query), found(plain, query))
        self.assertEqual(
            list(spread.getIndex('keywords').uniqueValues(withLengths=True)),
            list(plain.getIndex('keywords').uniqueValues(withLengths=True)))

    def test_removing_an_object_a_keyword_lacks_is_ignored_at_any_size(
            self):
        # As UnIndex does (it logs it): else every save of an object whose
        # entry went missing would fail, for sets of their own (over 16).
        for objects in (3, 17):
            with self.subTest(objects=objects):
                catalog = self.catalog(*[['Zope']] * objects)
                index = catalog.getIndex('keywords')
                index.removeForwardIndexEntry('Zope', 12345)
                self.assertEqual(len(index._index['Zope']), objects)
