"""The keyword manager's changes, on an application's own store in a real
ZODB: posts of a blog whose tags it counts when a post is modified."""
import unittest

import persistent
import transaction
import zope.component
import zope.component.event
import zope.component.testing
import zope.interface
import zope.lifecycleevent.interfaces
import zope.schema
from BTrees.OOBTree import OOBTree

from formlib.keywordwidget.sitekeywords import KeywordUsageStore
from formlib.keywordwidget.usage import KeywordUsage


class IPost(zope.interface.Interface):

    tags = zope.schema.List(
        title='Tags', required=False,
        value_type=zope.schema.TextLine(max_length=20))

    topics = zope.schema.Tuple(
        title='Topics', required=False, value_type=zope.schema.TextLine())

    archived_tags = zope.schema.List(
        title='Archived tags', required=False, readonly=True,
        value_type=zope.schema.TextLine())


@zope.interface.implementer(IPost)
class Post(persistent.Persistent):

    topics = ()
    archived_tags = ()

    def __init__(self, name, *tags, topics=()):
        self.name = name
        self.tags = list(tags)
        self.topics = tuple(topics)

    def __repr__(self):
        return '<Post %s>' % self.name


class Blog(persistent.Persistent, KeywordUsageStore):
    """The posts and the keywords of their tags and topics."""

    def __init__(self):
        self.usage = KeywordUsage()
        self.posts = OOBTree()
        self.indexed = OOBTree()
        # Keywords it also counts without any field holding them.
        self.hidden = OOBTree()

    def add(self, post):
        self.posts[post.name] = post
        self.index(post)

    def index(self, post):
        keywords = set(post.tags) | set(post.topics) | set(
            post.archived_tags) | set(self.hidden.get(post.name, ()))
        self.usage.update(self.indexed.get(post.name), keywords)
        self.indexed[post.name] = keywords

    def objects(self, keyword):
        return [self.posts[name] for name, keywords in self.indexed.items()
                if keyword in keywords]


class ManagerTestCase(unittest.TestCase):

    def setUp(self):
        import ZODB
        zope.component.testing.setUp()
        self.addCleanup(zope.component.testing.tearDown)
        self.database = ZODB.DB(None)
        self.addCleanup(self.database.close)
        self.connection = self.database.open()
        self.addCleanup(transaction.abort)
        self.blog = self.connection.root()['blog'] = Blog()
        for post in (Post('first', 'Python', 'Zope', 'Pyhton'),
                     Post('second', 'Pyhton', topics=['Pyhton', 'Web']),
                     Post('third', 'Zope', 'python')):
            self.blog.add(post)
        transaction.commit()
        self.reindexing = True
        # Object events go to the subscribers for the object and event.
        zope.component.provideHandler(zope.component.event.objectEventNotify)
        zope.component.provideHandler(
            self.reindex, (IPost, zope.lifecycleevent.interfaces.
                           IObjectModifiedEvent))

    def reindex(self, post, event):
        if self.reindexing:
            self.blog.index(post)

    @property
    def managed(self):
        from formlib.keywordwidget.manager import ManagedStore
        return ManagedStore(self.blog, [
            IPost['tags'], IPost['topics'], IPost['archived_tags']])

    def post(self, name):
        return self.blog.posts[name]

    def rename(self, keywords, new):
        from formlib.keywordwidget.manager import rename
        return rename(self.managed, keywords, new)

    def delete(self, keywords):
        from formlib.keywordwidget.manager import delete
        return delete(self.managed, keywords)

    def refusal(self, change, *arguments):
        """The message of the KeywordChangeError a change raises."""
        from zope.i18n import translate

        from formlib.keywordwidget.manager import KeywordChangeError
        with self.assertRaises(KeywordChangeError) as raised:
            change(*arguments)
        return translate(raised.exception.message)


class RenameTests(ManagerTestCase):

    def test_every_object_changes_in_its_order(self):
        outcome = self.rename(['Zope'], 'Zope 6')
        self.assertEqual(self.post('first').tags,
                         ['Python', 'Zope 6', 'Pyhton'])
        self.assertEqual(self.post('third').tags, ['Zope 6', 'python'])
        self.assertEqual((outcome.objects, outcome.merged), (2, False))
        self.assertEqual((self.blog.count('Zope'), self.blog.count('Zope 6')),
                         (0, 2))

    def test_merging_drops_the_keyword_an_object_has_twice(self):
        outcome = self.rename(['Pyhton'], 'Python')
        self.assertEqual(self.post('first').tags, ['Python', 'Zope'])
        self.assertEqual(self.post('second').tags, ['Python'])
        self.assertTrue(outcome.merged)
        self.assertEqual(self.blog.count('Python'), 2)

    def test_each_field_keeps_its_type(self):
        self.rename(['Pyhton'], 'Python')
        self.assertEqual(self.post('second').topics, ('Python', 'Web'))

    def test_the_old_spelling_becomes_an_alias(self):
        outcome = self.rename(['Pyhton'], 'Python')
        self.assertEqual(outcome.aliases, ['Pyhton'])
        self.assertEqual(self.blog.alias('PYHTON'), 'Python')

    def test_a_new_keyword_equal_ignoring_case_takes_the_used_spelling(self):
        outcome = self.rename(['Pyhton'], 'PYTHON')
        self.assertEqual(outcome.target, 'Python')
        self.assertEqual(self.post('second').tags, ['Python'])

    def test_the_case_of_a_keyword_changes_without_an_alias(self):
        outcome = self.rename(['python'], 'Python')
        self.assertEqual((outcome.target, outcome.aliases), ('Python', []))
        self.assertEqual(self.post('third').tags, ['Zope', 'Python'])
        self.assertIsNone(self.blog.alias('python'))

    def test_several_merge_into_one(self):
        outcome = self.rename(['Pyhton', 'python', 'Python'], 'Python')
        self.assertEqual(outcome.keywords, ['Pyhton', 'python'])
        self.assertEqual(outcome.objects, 3)
        self.assertEqual(self.blog.count('Python'), 3)
        self.assertEqual(len(self.blog), 3)

    def test_aliases_of_a_merged_keyword_follow_it(self):
        self.rename(['Pyhton'], 'python')
        self.rename(['python'], 'Python 3')
        self.assertEqual(dict(self.blog.aliases()),
                         {'pyhton': 'Python 3', 'python': 'Python 3'})

    def test_a_keyword_spelled_as_an_alias_is_no_alias_any_more(self):
        self.rename(['Pyhton'], 'Python')
        self.rename(['Zope'], 'pyhton')
        self.assertIsNone(self.blog.alias('pyhton'))
        self.assertEqual(self.blog.count('pyhton'), 2)

    def test_the_transaction_says_what_changed(self):
        self.rename(['Pyhton'], 'Python')
        self.assertEqual(
            transaction.get().description,
            'Keyword manager: \u201cPyhton\u201d merged into'
            ' \u201cPython\u201d on 2 objects')

    def test_a_new_keyword_the_value_type_refuses_is_named(self):
        self.assertEqual(
            self.refusal(self.rename, ['Zope'], 'Zope Application Server'),
            '\u201cZope Application Server\u201d is not accepted as a'
            ' keyword: longer than 20 characters.')
        self.assertEqual(self.post('first').tags,
                         ['Python', 'Zope', 'Pyhton'])

    def test_the_new_keyword_is_cleaned_up_as_typed_ones(self):
        outcome = self.rename(['Zope'], '  Zope \t 6\x00 ')
        self.assertEqual(outcome.target, 'Zope 6')

    def test_no_new_keyword_is_refused(self):
        self.assertEqual(self.refusal(self.rename, ['Zope'], ' '),
                         'Type the new keyword.')

    def test_keywords_no_object_uses_are_refused(self):
        self.assertEqual(
            self.refusal(self.rename, ['Java', 'Python'], 'Python'),
            'Nothing to rename: no object uses \u201cJava\u201d,'
            ' \u201cPython\u201d, or only as \u201cPython\u201d.')


class DeleteTests(ManagerTestCase):

    def test_every_object_loses_the_keyword(self):
        outcome = self.delete(['Pyhton'])
        self.assertEqual(self.post('first').tags, ['Python', 'Zope'])
        self.assertEqual(self.post('second').topics, ('Web',))
        self.assertEqual((outcome.objects, self.blog.count('Pyhton')),
                         (2, 0))

    def test_its_aliases_go_too(self):
        self.rename(['Pyhton'], 'python')
        self.delete(['python'])
        self.assertEqual(list(self.blog.aliases()), [])

    def test_the_transaction_says_what_changed(self):
        self.delete(['Zope', 'Web'])
        self.assertEqual(
            transaction.get().description,
            'Keyword manager: \u201cZope\u201d, \u201cWeb\u201d deleted from'
            ' 3 objects')


class NothingChangedTests(ManagerTestCase):

    def test_objects_using_it_in_no_declared_field_are_named(self):
        self.blog.hidden['third'] = ['Pyhton']
        self.blog.index(self.post('third'))
        message = self.refusal(self.rename, ['Pyhton'], 'Python')
        self.assertEqual(
            message, 'Nothing was changed: 1 objects use \u201cPyhton\u201d'
            ' in no field declared for these keywords: <Post third>.')
        self.assertEqual(self.post('first').tags,
                         ['Python', 'Zope', 'Pyhton'])

    def test_a_readonly_field_is_not_changed(self):
        post = self.post('third')
        post.archived_tags = ['Legacy']
        self.blog.index(post)
        self.assertIn('in no field declared',
                      self.refusal(self.delete, ['Legacy']))

    def test_a_site_that_does_not_reindex_gets_its_objects_back(self):
        self.reindexing = False
        message = self.refusal(self.rename, ['Pyhton'], 'Python')
        self.assertEqual(
            message, 'Nothing was changed: the store still counts'
            ' \u201cPyhton\u201d after the change.  Does the site reindex'
            ' objects on an ObjectModifiedEvent?')
        self.assertEqual(self.post('first').tags,
                         ['Python', 'Zope', 'Pyhton'])
        self.assertIsNone(self.blog.alias('Pyhton'))


class AliasTests(ManagerTestCase):

    def test_removed_aliases_are_those_there_were(self):
        from formlib.keywordwidget.manager import remove_aliases
        self.rename(['Pyhton'], 'Python')
        self.assertEqual(
            remove_aliases(self.managed, ['PYHTON', 'never']), ['PYHTON'])
        self.assertEqual(list(self.blog.aliases()), [])


class ManagedStoresTests(unittest.TestCase):

    def setUp(self):
        from formlib.keywordwidget import sitekeywords
        declared = dict(sitekeywords.DECLARED_FIELDS)
        sitekeywords.DECLARED_FIELDS.clear()
        self.addCleanup(sitekeywords.DECLARED_FIELDS.update, declared)
        self.addCleanup(sitekeywords.DECLARED_FIELDS.clear)

    def test_fields_with_one_store_are_managed_together(self):
        from formlib.keywordwidget import site_keywords
        from formlib.keywordwidget.manager import managed_stores
        blog = Blog()
        site_keywords(IPost['tags'], lambda site: blog)
        site_keywords(IPost['topics'], lambda site: blog)
        stores, problems = managed_stores(object())
        self.assertEqual([(managed.store, managed.fields)
                          for managed in stores],
                         [(blog, [IPost['tags'], IPost['topics']])])
        self.assertEqual(stores[0].id, IPost.__identifier__ + '.tags')
        self.assertEqual(problems, {})

    def test_a_store_not_found_from_the_site_is_a_problem(self):
        from formlib.keywordwidget import KeywordStoreError
        from formlib.keywordwidget import site_keywords
        from formlib.keywordwidget.manager import managed_stores

        def missing(site):
            raise KeywordStoreError('No catalog here.')

        site_keywords(IPost['tags'], missing)
        stores, problems = managed_stores(object())
        self.assertEqual(stores, [])
        self.assertEqual(
            {name: str(error) for name, error in problems.items()},
            {IPost.__identifier__ + '.tags': 'No catalog here.'})
