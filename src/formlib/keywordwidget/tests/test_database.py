"""Keyword counts and vocabularies in a real database: concurrent saves,
aborts, and two processes sharing it through a real ZEO server."""
import json
import os
import shutil
import tempfile
import unittest

import persistent
import transaction
import zope.interface
import zope.schema
import zope.security.management
from zope.publisher.browser import TestRequest
from zope.schema.vocabulary import SimpleTerm

from formlib.keywordwidget import set_edit_permission
from formlib.keywordwidget import site_keywords
from formlib.keywordwidget.tests import terms


class ITagged(zope.interface.Interface):

    keywords = zope.schema.List(
        title='Keywords', required=False,
        value_type=zope.schema.TextLine())


def store_of_site(article):
    """The keyword store of the catalog in the article's site."""
    from formlib.keywordwidget.catalog import CatalogKeywordStore
    return CatalogKeywordStore(article.__parent__['catalog']['keywords'])


site_keywords(ITagged['keywords'], store_of_site)
set_edit_permission(ITagged['keywords'], 'zope.Public')


@zope.interface.implementer(ITagged)
class Article(persistent.Persistent):

    def __init__(self, site, keywords):
        self.__parent__ = site
        self.keywords = keywords


def make_site(root, articles):
    """A catalog that counts keywords, and `articles` cataloged in it."""
    from BTrees.OOBTree import OOBTree
    from zope.catalog.catalog import Catalog

    from formlib.keywordwidget.catalog import KeywordUsageIndex
    site = root['site'] = OOBTree()
    catalog = site['catalog'] = Catalog()
    catalog['keywords'] = KeywordUsageIndex('keywords', ITagged)
    for docid, keywords in enumerate(articles, 1):
        save(site, docid, keywords)
    return site


def name(docid):
    return 'article-%d' % docid


def save(site, docid, keywords):
    """What an edit form and the catalog's subscriber do with one save."""
    article = site.get(name(docid))
    if article is None:
        article = site[name(docid)] = Article(site, keywords)
    article.keywords = keywords
    site['catalog'].index_doc(docid, article)


def search(site, query, docid=1):
    """The search view's answer for the article `docid`, as JSON."""
    from formlib.keywordwidget.search import KeywordSearch
    request = TestRequest(form={
        'q': query, 'field': ITagged.__identifier__ + '.keywords'})
    # An interaction of nobody: zope.security allows all.
    zope.security.management.newInteraction()
    try:
        answer = json.loads(KeywordSearch(site[name(docid)], request)())
    finally:
        zope.security.management.endInteraction()
    return [(item['title'], item['count']) for item in answer['items']]


class Vocabulary(persistent.Persistent, terms.Vocabulary):
    """Terms kept in the database, renamed in place."""

    def __init__(self, titles):
        super().__init__(SimpleTerm(title.lower(), title.lower(), title)
                         for title in titles)

    def rename(self, value, title):
        self.terms = [
            SimpleTerm(value, term.token, title) if term.value == value
            else term for term in self.terms]


def keywords_of(vocabulary):
    """The Keywords of a field of `vocabulary`, as a request sees them."""
    from formlib.keywordwidget.keywords import Keywords
    field = zope.schema.List(
        __name__='subjects',
        value_type=zope.schema.Choice(vocabulary=vocabulary))
    return Keywords(field, TestRequest())


def found(vocabulary, query):
    return [term.title for term in keywords_of(vocabulary).search(query, 5)]


def usage(root):
    return root['site']['catalog']['keywords'].usage


class DatabaseTestCase(unittest.TestCase):

    def open(self, database):
        """A connection with a transaction manager of its own."""
        manager = transaction.TransactionManager()
        connection = database.open(manager)
        self.addCleanup(connection.close)
        self.addCleanup(manager.abort)
        # Starts where the database is now, as a request does.
        manager.begin()
        return manager, connection.root()


class FileStorageTests(DatabaseTestCase):

    def setUp(self):
        import ZODB
        from ZODB.FileStorage import FileStorage
        folder = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, folder)
        self.database = ZODB.DB(FileStorage(os.path.join(folder, 'Data.fs')))
        self.addCleanup(self.database.close)
        manager, root = self.open(self.database)
        make_site(root, [['Python', 'Zope']] * 30)
        manager.commit()

    # Concurrent saves change the counts as the index does; zope.index's
    # own reverse index has conflicts of its own between neighbouring
    # documents, which the Zope load benchmark shows ZCatalog's has not.

    def test_concurrent_saves_that_share_a_keyword_both_count(self):
        first, first_root = self.open(self.database)
        second, second_root = self.open(self.database)
        usage(first_root).update(['Python', 'Zope'], ['Python', 'ZODB'])
        usage(second_root).update(['Python', 'Zope'], ['Python', 'ZEO'])
        first.commit()
        second.commit()
        manager, root = self.open(self.database)
        self.assertEqual(
            search(root['site'], 'z'),
            [('Zope', 28), ('ZEO', 1), ('ZODB', 1)])

    def test_concurrent_saves_that_take_a_keyword_to_a_power_of_two_count(
            self):
        # 32 is where a keyword used 30 times would go up a band, had it
        # not entered its band at 28: it stays, and both saves count.
        first, first_root = self.open(self.database)
        second, second_root = self.open(self.database)
        usage(first_root).update(['Zope'], ['Python', 'Zope', 'Plone'])
        usage(second_root).update(['Zope'], ['Python', 'Zope', 'ZODB'])
        first.commit()
        second.commit()
        manager, root = self.open(self.database)
        self.assertEqual(search(root['site'], ''),
                         [('Python', 32), ('Zope', 30), ('Plone', 1),
                          ('ZODB', 1)])

    def test_concurrent_saves_that_add_one_new_keyword_conflict_once(self):
        from ZODB.POSException import ConflictError
        # Each would count it as a new keyword: the second is retried.
        first, first_root = self.open(self.database)
        second, second_root = self.open(self.database)
        for root in (first_root, second_root):
            usage(root).update(['Zope'], ['Zope', 'Plone'])
        first.commit()
        with self.assertRaises(ConflictError):
            second.commit()
        second.abort()
        usage(second_root).update(['Zope'], ['Zope', 'Plone'])
        second.commit()
        manager, root = self.open(self.database)
        self.assertEqual(search(root['site'], 'pl'), [('Plone', 2)])
        self.assertEqual(len(usage(root)), 3)

    def test_a_vocabulary_changed_then_aborted_is_searched_as_saved(self):
        manager, root = self.open(self.database)
        root['vocabulary'] = Vocabulary(['Zope', 'Plone'])
        manager.commit()
        vocabulary = root['vocabulary']
        self.assertEqual(found(vocabulary, 'zope'), ['Zope'])
        vocabulary.rename('zope', 'Zopefoundation')
        # This transaction sees its change...
        self.assertEqual(found(vocabulary, 'zopef'), ['Zopefoundation'])
        manager.abort()
        # ...which leaves nothing behind once it is aborted.
        self.assertEqual(found(vocabulary, 'zopef'), [])
        self.assertEqual(found(vocabulary, 'zope'), ['Zope'])

    def test_an_index_built_before_the_search_is_of_the_saved_terms(self):
        # The edit page has it built in a thread of its own.
        from formlib.keywordwidget.index import builder
        from formlib.keywordwidget.index import kept_index
        from formlib.keywordwidget.index import saved_state
        manager, root = self.open(self.database)
        root['vocabulary'] = Vocabulary(['Zope', 'Plone'])
        manager.commit()
        vocabulary = root['vocabulary']
        keywords_of(vocabulary).prepare_search()
        builder.wait()
        self.assertTrue(
            kept_index(vocabulary, saved_state(vocabulary)).built)
        vocabulary.rename('zope', 'Zopefoundation')
        manager.commit()
        self.assertEqual(found(vocabulary, 'zopef'), ['Zopefoundation'])

    def test_no_index_is_built_before_the_search_of_unsaved_terms(self):
        from formlib.keywordwidget.index import _indexes
        from formlib.keywordwidget.index import builder
        manager, root = self.open(self.database)
        root['vocabulary'] = Vocabulary(['Zope', 'Plone'])
        manager.commit()
        vocabulary = root['vocabulary']
        vocabulary.rename('zope', 'Zopefoundation')
        keywords_of(vocabulary).prepare_search()
        builder.wait()
        self.assertNotIn(id(vocabulary), _indexes)
        manager.abort()
        self.assertEqual(found(vocabulary, 'zopef'), [])
        self.assertEqual(found(vocabulary, 'zope'), ['Zope'])

    def test_concurrent_saves_that_add_keywords_sharing_grams_find_both(self):
        first, first_root = self.open(self.database)
        second, second_root = self.open(self.database)
        usage(first_root).update(['Python'], ['Python', 'Pythonic'])
        usage(second_root).update(['Python'], ['Python', 'Cython'])
        first.commit()
        second.commit()
        manager, root = self.open(self.database)
        self.assertEqual(search(root['site'], 'ytho'),
                         [('Python', 30), ('Cython', 1), ('Pythonic', 1)])

    def test_concurrent_saves_that_add_one_gram_new_to_the_site_merge(self):
        # Both file their keyword under the gram "xol", new to the site.
        first, first_root = self.open(self.database)
        second, second_root = self.open(self.database)
        usage(first_root).update(['Python'], ['Python', 'Axolotl'])
        usage(second_root).update(['Python'], ['Python', 'Boxol'])
        first.commit()
        second.commit()
        manager, root = self.open(self.database)
        self.assertEqual(search(root['site'], 'xol'),
                         [('Axolotl', 1), ('Boxol', 1)])

    def test_an_aborted_save_changes_no_count(self):
        manager, root = self.open(self.database)
        save(root['site'], 1, ['Plone'])
        manager.abort()
        self.assertEqual(search(root['site'], ''),
                         [('Python', 30), ('Zope', 30)])


class Document:
    """What a ZCatalog indexes: an object with keywords."""

    def __init__(self, keywords):
        self.keywords = keywords


class ZCatalogTests(DatabaseTestCase):
    """Concurrent saves reindexing objects in a ZCatalog's keyword index."""

    def setUp(self):
        import ZODB
        from ZODB.FileStorage import FileStorage
        folder = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, folder)
        self.database = ZODB.DB(FileStorage(os.path.join(folder, 'Data.fs')))
        self.addCleanup(self.database.close)

    def catalog(self, index):
        """A catalog with `index`; documents 1 to 5 use "Zope", each
        cataloged with the next catalog id."""
        from Products.ZCatalog.Catalog import Catalog
        manager, root = self.open(self.database)
        catalog = root['catalog'] = Catalog()
        catalog.addIndex('keywords', index)
        for number in range(1, 6):
            catalog.catalogObject(Document(['Zope']), str(number))
        manager.commit()

    def the_first_of_a_keywords_objects_drops_it_as_another_saves(self):
        """Document 1, first of those that use "Zope", drops it while
        document 5 does too."""
        first, first_root = self.open(self.database)
        second, second_root = self.open(self.database)
        first_root['catalog'].catalogObject(Document(['Plone']), '1')
        second_root['catalog'].catalogObject(Document(['ZODB']), '5')
        first.commit()
        second.commit()
        manager, root = self.open(self.database)
        catalog = root['catalog']
        return {keyword: sorted(catalog.paths[rid] for rid in documents)
                for keyword, documents
                in catalog.getIndex('keywords')._index.items()}

    def test_saves_that_share_a_keyword_conflict_in_a_keyword_index(self):
        from Products.PluginIndexes.KeywordIndex.KeywordIndex import (
            KeywordIndex)
        from ZODB.POSException import ConflictError
        self.catalog(KeywordIndex('keywords'))
        # BTrees merges no removal of a set's first key.
        with self.assertRaises(ConflictError):
            self.the_first_of_a_keywords_objects_drops_it_as_another_saves()

    def test_a_save_that_adds_many_keywords_conflicts_with_no_other(self):
        from formlib.keywordwidget.zcatalog import KeywordUsageIndex
        self.catalog(KeywordUsageIndex('keywords'))
        many = ['k%03d' % number for number in range(300)]
        manager, root = self.open(self.database)
        root['catalog'].catalogObject(Document(many), '3')
        manager.commit()
        first, first_root = self.open(self.database)
        second, second_root = self.open(self.database)
        # New keywords, of the grams the site has: the index's keywords
        # grow by 300 while another save adds one.
        first_root['catalog'].catalogObject(
            Document([keyword.upper() for keyword in many]), '1')
        second_root['catalog'].catalogObject(Document(['Zope', 'ZOPE']), '2')
        first.commit()
        second.commit()
        manager, root = self.open(self.database)
        catalog = root['catalog']
        index = catalog.getIndex('keywords')
        self.assertEqual(len(index), 602)
        self.assertEqual(index.usage.count('ZOPE'), 1)
        self.assertEqual(list(index._index['K299']), [catalog.uids['1']])

    def test_saves_that_share_a_keyword_both_count(self):
        from formlib.keywordwidget.zcatalog import KeywordUsageIndex
        self.catalog(KeywordUsageIndex('keywords'))
        self.assertEqual(
            self.the_first_of_a_keywords_objects_drops_it_as_another_saves(),
            {'Plone': ['1'], 'ZODB': ['5'], 'Zope': ['2', '3', '4']})


class ZEOTests(DatabaseTestCase):
    """Two client databases of one ZEO server: two Zope processes."""

    def setUp(self):
        import ZEO
        folder = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, folder)
        address, stop = ZEO.server(path=os.path.join(folder, 'Data.fs'))
        self.addCleanup(stop)
        # server_sync: a new transaction asks the server what changed,
        # as a Zope client configured with server-sync does.
        self.one, self.other = [
            ZEO.DB(address, server_sync=True) for _client in range(2)]
        self.addCleanup(self.one.close)
        self.addCleanup(self.other.close)
        manager, root = self.open(self.one)
        make_site(root, [['Python', 'Zope']] * 3 + [['Plone']])
        manager.commit()

    def test_a_save_through_one_is_searched_through_the_other(self):
        saving, saving_root = self.open(self.one)
        searching, searching_root = self.open(self.other)
        self.assertEqual(search(searching_root['site'], 'p'),
                         [('Python', 3), ('Plone', 1), ('Zope', 3)])
        save(saving_root['site'], 4, ['Plone', 'Pyramid'])
        save(saving_root['site'], 5, ['Plone'])
        saving.commit()
        searching.begin()
        self.assertEqual(search(searching_root['site'], 'p'),
                         [('Python', 3), ('Plone', 2), ('Pyramid', 1),
                          ('Zope', 3)])

    def test_a_term_renamed_through_one_is_searched_through_the_other(self):
        # Same number of terms: only the database says it changed.
        renaming, renaming_root = self.open(self.one)
        renaming_root['vocabulary'] = Vocabulary(['Zope', 'Plone'])
        renaming.commit()
        searching, searching_root = self.open(self.other)
        vocabulary = searching_root['vocabulary']
        self.assertEqual(found(vocabulary, 'zope'), ['Zope'])
        renaming_root['vocabulary'].rename('zope', 'Zopefoundation')
        renaming.commit()
        searching.begin()
        self.assertEqual(found(vocabulary, 'zopef'), ['Zopefoundation'])
        # Typed, the new title is the term, not a keyword of its own.
        self.assertEqual(
            keywords_of(vocabulary).find('zopefoundation').value, 'zope')

    def test_a_keyword_removed_through_one_leaves_the_other(self):
        saving, saving_root = self.open(self.one)
        searching, searching_root = self.open(self.other)
        save(saving_root['site'], 4, [])
        saving.commit()
        searching.begin()
        self.assertEqual(search(searching_root['site'], 'pl'), [])

    def test_concurrent_saves_through_both_add_up(self):
        # The server resolves the conflict: it must know our counts.
        one, one_root = self.open(self.one)
        other, other_root = self.open(self.other)
        usage(one_root).update(['Python', 'Zope'], ['Python', 'Zope', 'ZODB'])
        usage(other_root).update(['Python', 'Zope'], ['Python', 'ZEO'])
        one.commit()
        other.commit()
        one.begin()
        self.assertEqual(search(one_root['site'], 'z'),
                         [('Zope', 2), ('ZEO', 1), ('ZODB', 1)])
