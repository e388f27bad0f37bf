"""The keyword manager on the Zope Toolkit: the zope.catalog stores of the
sites of a real ZODB, each site's page called as zope.publisher calls it.
"""
import html
import re
import unittest

import persistent
import transaction
import zope.component.hooks
import zope.component.testlayer
import zope.interface
import zope.schema
from zope.container.contained import Contained
from zope.publisher.browser import TestRequest
from zope.security.testing import interaction

import formlib.keywordwidget.tests


SITES_LAYER = zope.component.testlayer.ZCMLFileLayer(
    formlib.keywordwidget.tests, 'sites.zcml', name='SitesLayer')
TOKEN = 'a' * 32
USER = 'tests.editor'
MANAGE_KEYWORDS = 'formlib.keywordwidget.ManageKeywords'


class ITagged(zope.interface.Interface):

    keywords = zope.schema.List(
        title='Keywords', required=False,
        value_type=zope.schema.TextLine())


@zope.interface.implementer(ITagged)
class Article(Contained, persistent.Persistent):

    def __init__(self, *keywords):
        self.keywords = list(keywords)


class SitesTestCase(unittest.TestCase):
    """A root site and a sub-site ``sub`` in a real ZODB; the root has a
    catalog that counts keywords."""

    layer = SITES_LAYER

    def setUp(self):
        import ZODB
        from zope.site.folder import Folder
        from zope.site.folder import rootFolder

        from formlib.keywordwidget import sitekeywords
        from formlib.keywordwidget.catalog import CatalogKeywords
        declared = dict(sitekeywords.DECLARED_FIELDS)
        sitekeywords.DECLARED_FIELDS.clear()
        self.addCleanup(sitekeywords.DECLARED_FIELDS.update, declared)
        self.addCleanup(sitekeywords.DECLARED_FIELDS.clear)
        sitekeywords.site_keywords(ITagged['keywords'],
                                   CatalogKeywords('keywords'))
        database = ZODB.DB(None)
        self.addCleanup(database.close)
        connection = database.open()
        self.addCleanup(transaction.abort)
        self.root = connection.root()['app'] = rootFolder()
        transaction.commit()
        self.make_site(self.root)
        self.make_catalog(self.root)
        self.root['sub'] = self.sub = Folder()
        self.make_site(self.sub)
        self.addCleanup(zope.component.hooks.setSite, None)

    def make_site(self, folder):
        from zope.site.site import LocalSiteManager
        folder.setSiteManager(LocalSiteManager(folder))

    def make_catalog(self, site):
        """An intid utility and a catalog in `site`'s site manager."""
        from zope.catalog.catalog import Catalog
        from zope.catalog.interfaces import ICatalog
        from zope.intid import IntIds
        from zope.intid.interfaces import IIntIds

        from formlib.keywordwidget.catalog import KeywordUsageIndex
        manager = site.getSiteManager()
        manager['default']['intids'] = intids = IntIds()
        manager.registerUtility(intids, IIntIds)
        manager['default']['catalog'] = catalog = Catalog()
        manager.registerUtility(catalog, ICatalog)
        with zope.component.hooks.site(site):
            # Indexes the objects of the site's intids.
            catalog['keywords'] = KeywordUsageIndex('keywords', ITagged)
        return catalog

    def add(self, container, name, content):
        """Add `content` as a request to the nearest site would: the
        intids and catalogs of the current site register it."""
        from zope.component.interfaces import ISite
        site = container
        while not ISite.providedBy(site):
            site = site.__parent__
        with zope.component.hooks.site(site):
            container[name] = content

    def store(self, site):
        from formlib.keywordwidget.catalog import CatalogKeywords
        with zope.component.hooks.site(site):
            return CatalogKeywords('keywords')(site)

    def page(self, site, user=USER, **form):
        """`site`'s keyword manager for `user`: posted with the token if
        the form has an action."""
        from formlib.keywordwidget.managerview import KeywordManager
        posted = any(name in form for name in ('rename', 'delete'))
        request = TestRequest(
            form=dict(form, token=TOKEN) if posted else form,
            REQUEST_METHOD='POST' if posted else 'GET',
            HTTP_COOKIE='formlib.keywordwidget.manager=' + TOKEN)
        with zope.component.hooks.site(site), interaction(user):
            return KeywordManager(site, request)()

    def status(self, page):
        found = re.search(
            r'class="keywordmanager-status"[^>]*>(.*?)</div>|'
            r'class="keywordmanager-error"[^>]*>(.*?)</p>', page)
        return found and ' '.join(html.unescape(re.sub(
            '<[^>]+>', ' ', found.group(1) or found.group(2))).split())

    def grant(self, folder):
        from zope.securitypolicy.interfaces import IPrincipalPermissionManager
        IPrincipalPermissionManager(folder).grantPermissionToPrincipal(
            MANAGE_KEYWORDS, USER)


class SiteScopeTests(SitesTestCase):

    def test_a_sub_site_does_not_manage_the_catalog_of_its_parent(self):
        self.add(self.root, 'elsewhere', Article('Colour'))
        self.add(self.sub, 'local', Article('Colour'))
        self.grant(self.sub)
        # The sub-site's registry inherits the root's catalog.
        page = self.page(self.sub, keywords=['Colour'], delete='1')
        self.assertIn('No keyword store of this site can be managed here.',
                      page)
        self.assertIn('Its keywords are kept in /++etc++site/default/catalog'
                      '/keywords, outside this site', page)
        self.assertEqual(self.root['elsewhere'].keywords, ['Colour'])
        self.assertEqual(self.store(self.root).count('Colour'), 2)

    def test_a_sub_site_manages_its_own_catalog(self):
        self.make_catalog(self.sub)
        self.add(self.root, 'elsewhere', Article('Colour', 'Outside'))
        self.add(self.sub, 'local', Article('Colour', 'Inside'))
        self.grant(self.sub)
        page = self.page(self.sub, order='alphabet')
        self.assertEqual(re.findall(r'<label for="keywordmanager-keyword-\d+">'
                                    r'([^<]*)</label>', page),
                         ['Colour', 'Inside'])
        page = self.page(self.sub, keywords=['Colour'], delete='1')
        self.assertEqual(self.status(page),
                         '\u201cColour\u201d deleted from 1 objects.')
        self.assertEqual(self.sub['local'].keywords, ['Inside'])
        self.assertEqual(self.root['elsewhere'].keywords,
                         ['Colour', 'Outside'])
        # Reindexed in every catalog of its site, as an edit form's save.
        self.assertEqual(self.store(self.root).count('Colour'), 1)

    def test_objects_the_user_may_not_manage_are_not_changed(self):
        from zope.site.folder import Folder
        self.root['mine'] = Folder()
        self.add(self.root['mine'], 'article', Article('Colour'))
        self.root['theirs'] = Folder()
        self.add(self.root['theirs'], 'article', Article('Colour'))
        self.grant(self.root['mine'])
        page = self.page(self.root, keywords=['Colour'], delete='1')
        self.assertEqual(
            self.status(page),
            'Nothing was changed: you may not manage the keywords of 1 of'
            ' the objects that use \u201cColour\u201d.')
        self.assertEqual(self.root['mine']['article'].keywords, ['Colour'])
        self.grant(self.root)
        page = self.page(self.root, keywords=['Colour'], delete='1')
        self.assertEqual(self.status(page),
                         '\u201cColour\u201d deleted from 2 objects.')


class StaleEntryTests(SitesTestCase):

    def test_an_entry_whose_intid_is_gone_is_removed(self):
        from zope.intid.interfaces import IIntIds
        self.add(self.root, 'kept', Article('Colour'))
        self.add(self.root, 'gone', Article('Colour'))
        gone = self.root['gone']
        intids = self.root.getSiteManager().getUtility(IIntIds)
        docid = intids.getId(gone)
        # Its id dropped, but not its catalog entry.
        intids.unregister(gone)
        self.grant(self.root)
        page = self.page(self.root, keywords=['Colour'], delete='1')
        self.assertEqual(
            self.status(page),
            '\u201cColour\u201d deleted from 1 objects. Removed 1 stale'
            ' entries of objects that are gone or were moved without being'
            ' reindexed: intid %d.' % docid)
        self.assertEqual(self.store(self.root).count('Colour'), 0)


class PageTests(SitesTestCase):

    def test_a_form_the_server_dropped_is_said_to_be_too_large(self):
        # zope.publisher drops a form of more than 1,024 fields whole: the
        # page would come back as if nothing had been posted.
        import io
        import urllib.parse

        from zope.publisher.browser import BrowserRequest

        from formlib.keywordwidget.managerview import KeywordManager
        self.grant(self.root)
        body = urllib.parse.urlencode({
            'keywords:list': ['Keyword %d' % number
                              for number in range(1100)],
            'delete': '1', 'token': TOKEN}, doseq=True).encode()
        request = BrowserRequest(io.BytesIO(body), {
            'REQUEST_METHOD': 'POST', 'CONTENT_LENGTH': str(len(body)),
            'CONTENT_TYPE': 'application/x-www-form-urlencoded',
            'HTTP_COOKIE': 'formlib.keywordwidget.manager=' + TOKEN})
        request.processInputs()
        with zope.component.hooks.site(self.root), interaction(USER):
            page = KeywordManager(self.root, request)()
        self.assertEqual(request.response.getStatus(), 413)
        self.assertEqual(
            self.status(page),
            'Nothing was changed: the server dropped the form, which had too'
            ' many fields. Change fewer keywords at once.')

    def test_a_page_number_of_thousands_of_digits_is_the_last_page(self):
        for number in range(60):
            self.add(self.root, 'article-%d' % number,
                     Article('Keyword %d' % number))
        self.grant(self.root)
        page = self.page(self.root, page='9' * 5000)
        self.assertIn('<span>Page 2 of 2</span>', page)
