"""Review of issue 12 (the keyword manager): what breaks.

Each test fails on the code under review for the reason the user sees.
In the demo's Zope an exception that escapes the application is what a
real server answers with 500 Internal Server Error.
"""
import json
import unittest
import urllib.parse

import transaction
import zope.component
import zope.component.event
import zope.component.testing
import zope.interface
import zope.lifecycleevent.interfaces
import zope.schema

from formlib.keywordwidget.testing import ZOPE_DEMO_LAYER
from formlib.keywordwidget.tests.test_keyword_manager import FIELD
from formlib.keywordwidget.tests.test_keyword_manager import MANAGER
from formlib.keywordwidget.tests.test_keyword_manager import \
    KeywordManagerTestCase


class ReviewTestCase(KeywordManagerTestCase):

    def answered(self, request, *arguments):
        """Call `request` (a browser's open or post); fail on a 500."""
        try:
            request(*arguments)
        except Exception as error:
            self.fail('500 Internal Server Error: %r' % error)

    def token(self, user='admin'):
        browser = self.manager(user)
        return browser, browser.getControl(name='token').value

    def post(self, browser, fields, url=MANAGER):
        self.answered(browser.post, url,
                      urllib.parse.urlencode(fields, doseq=True))
        return browser

    def add_articles(self, folder, articles):
        from OFS.Folder import Folder

        from formlib.keywordwidget.demo.content import Article
        from formlib.keywordwidget.demo.site import catalog_article
        with ZOPE_DEMO_LAYER.zope_app() as app:
            if folder not in app.objectIds():
                app._setObject(folder, Folder(folder))
            for name, keywords in articles.items():
                app._getOb(folder)._setObject(name, Article(
                    name, keywords=list(keywords)))
                catalog_article(app._getOb(folder)._getOb(name), None)


class PermissionScopeTests(ReviewTestCase):

    def setUp(self):
        super().setUp()
        self.add_articles('outside', {'elsewhere': ['Outside only']})
        self.addCleanup(self.remove_outside)

    def remove_outside(self):
        with ZOPE_DEMO_LAYER.zope_app() as app:
            app.manage_delObjects(['outside'])

    def test_a_manager_of_a_sub_site_changes_objects_outside_it(self):
        from Products.Five.component import enableSite
        from zope.component.globalregistry import base
        from zope.component.persistentregistry import PersistentComponents
        with ZOPE_DEMO_LAYER.zope_app() as app:
            # A sub-site whose keywords an editor manages (local role).
            app.managed.setSiteManager(
                PersistentComponents('managed', bases=(base,)))
            enableSite(app.managed)
            app.managed.manage_setLocalRoles('editor', ['Manager'])
        url = 'http://localhost/managed/@@manage-keywords'
        browser = self.browser('editor')
        browser.open(url + '?q=outside')
        self.assertEqual(browser.headers['status'], '200 OK')
        # The sub-site's page lists and changes the keywords of the whole
        # Zope: it finds the root's catalog by acquisition.
        self.post(browser, {
            'keywords:list': ['Outside only'], 'delete': 'delete',
            'token': browser.getControl(name='token').value}, url)
        # /outside is no part of the sub-site: the editor may not manage
        # its keywords.
        with ZOPE_DEMO_LAYER.zope_app() as app:
            self.assertEqual(app.outside.elsewhere.keywords,
                             ['Outside only'])


class ServerErrorTests(ReviewTestCase):

    def test_a_stale_catalog_entry_gives_500(self):
        # An article removed without its events (a crash, a script, a
        # move with suppressed events) leaves its catalog entry behind.
        with ZOPE_DEMO_LAYER.zope_app() as app:
            app.managed._delObject('colour-4', suppress_events=True)
        self.addCleanup(self.uncatalog, '/managed/colour-4')
        browser, token = self.token()
        self.post(browser, {'keywords:list': ['Colour'], 'delete': '1',
                            'token': token})
        self.assertEqual(browser.headers['status'], '200 OK')

    def uncatalog(self, path):
        with ZOPE_DEMO_LAYER.zope_app() as app:
            app.catalog.uncatalog_object(path)

    def test_deleting_many_keywords_at_once_gives_500(self):
        # The long tail of an imported vocabulary, each used once; the
        # page keeps selections across pages ("Also selected").
        tail = ['Long tail keyword number %04d of an imported vocabulary'
                % number for number in range(1500)]
        self.add_articles('managed', {
            'tail-%d' % start: tail[start:start + 50]
            for start in range(0, len(tail), 50)})
        browser, token = self.token()
        # The transaction's note names every keyword: FileStorage refuses
        # a description over 64 KiB when the transaction commits.
        self.post(browser, {'keywords:list': tail, 'delete': '1',
                            'token': token})
        self.assertEqual(self.counted(tail[0]), [0])

    def test_a_new_keyword_with_an_undecodable_byte_gives_500(self):
        browser, token = self.token()
        # Zope decodes the byte 0xFF to a lone surrogate; the rename runs
        # on every object and the commit fails encoding the note.
        self.answered(
            browser.post, MANAGER,
            'rename=1&keywords:list=Colour&new=Hu%FFe&token=' + token)
        self.assertIn('keywordmanager-error', browser.contents)

    def test_an_undecodable_token_gives_500(self):
        # Any page can make a manager's browser post this.
        browser = self.browser()
        self.answered(browser.post, MANAGER,
                      'delete=1&keywords:list=Colour&token=%FF')
        self.assertEqual(browser.headers['status'], '403 Forbidden')

    def test_a_huge_page_number_gives_500(self):
        browser = self.browser()
        self.answered(browser.open, MANAGER + '?page=' + '9' * 5000)
        self.assertEqual(browser.headers['status'], '200 OK')


class AliasTests(ReviewTestCase):

    def search(self, query):
        browser = self.browser('editor')
        browser.open('http://localhost/article/@@keywordwidget-search?'
                     + urllib.parse.urlencode({'field': FIELD, 'q': query}))
        return [item['token'] for item in json.loads(browser.contents)[
            'items']]

    def test_the_alias_a_rename_announces_is_shadowed_by_a_keyword(self):
        # "colour" (colour-3) is a keyword: "Colour" becomes an alias
        # whose spelling, ignoring case, is a keyword there is.
        browser = self.change('Rename', ['Colour'], 'Colour scheme')
        self.assertIn('Typing \u201cColour\u201d now gives \u201cColour'
                      ' scheme\u201d.', ' '.join(self.status(browser)))
        self.assertEqual(self.search('Colour')[0], 'Colour scheme')


class GetPrefillTests(ReviewTestCase):

    def test_a_link_arms_the_change_form(self):
        # A link (in a mail, a comment) opens the page with keywords that
        # are not on it checked under "Also selected" and a new keyword
        # typed: the next Rename or Delete the manager presses changes
        # them too.  The page's own GET links never carry these.
        browser = self.manager(**{'keywords:list': 'Python',
                                  'new': 'Spam', 'q': 'colo'})
        self.assertEqual(browser.getControl('New keyword').value, '')
        self.assertNotIn(
            'Python', browser.getControl(name='keywords:list').value)


class IRequiredTags(zope.interface.Interface):

    tags = zope.schema.List(
        title='Tags', required=True, min_length=1,
        value_type=zope.schema.TextLine())


@zope.interface.implementer(IRequiredTags)
class Note:

    def __init__(self, name, *tags):
        self.name = name
        self.tags = list(tags)


class SchemaTests(unittest.TestCase):
    """On an application's own store in a real ZODB, as test_manager."""

    def setUp(self):
        import ZODB

        from formlib.keywordwidget.tests.test_manager import Blog
        zope.component.testing.setUp()
        self.addCleanup(zope.component.testing.tearDown)
        self.database = ZODB.DB(None)
        self.addCleanup(self.database.close)
        self.connection = self.database.open()
        self.addCleanup(transaction.abort)
        self.blog = self.connection.root()['blog'] = Blog()
        zope.component.provideHandler(zope.component.event.objectEventNotify)
        zope.component.provideHandler(
            lambda note, event: self.index(note),
            (IRequiredTags,
             zope.lifecycleevent.interfaces.IObjectModifiedEvent))
        self.notes = [Note('only', 'Obsolete'), Note('two', 'Obsolete', 'Web')]
        for note in self.notes:
            self.index(note)
        transaction.commit()

    def index(self, note):
        blog = self.blog
        blog.usage.update(blog.indexed.get(note.name), set(note.tags))
        blog.indexed[note.name] = set(note.tags)
        blog.posts[note.name] = note

    def test_delete_leaves_a_required_field_empty(self):
        from formlib.keywordwidget.manager import KeywordChangeError
        from formlib.keywordwidget.manager import ManagedStore
        from formlib.keywordwidget.manager import delete
        managed = ManagedStore(self.blog, [IRequiredTags['tags']])
        try:
            delete(managed, ['Obsolete'])
        except KeywordChangeError:
            pass  # Refused, naming the note: fine.
        # Either way, every note still satisfies its schema.
        for note in self.notes:
            IRequiredTags['tags'].validate(note.tags)
