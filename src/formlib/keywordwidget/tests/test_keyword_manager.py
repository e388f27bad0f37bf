"""The keyword manager, ``/@@manage-keywords``, in the demo's real Zope."""
import collections
import html
import json
import re
import unittest
import urllib.parse

from formlib.keywordwidget.testing import ZOPE_DEMO_LAYER
from formlib.keywordwidget.tests.terms import stored


MANAGER = 'http://localhost/@@manage-keywords'
FIELD = 'formlib.keywordwidget.demo.interfaces.IArticle.keywords'

# The keywords of the articles each test adds in /managed; the demo's
# articles use none of them.
MANAGED = {
    'colour-1': ['Colour', 'Design'],
    'colour-2': ['Design', 'Colour', 'Color'],
    'colour-3': ['colour'],
    'colour-4': ['Colour'],
    'color-1': ['Color', 'Design'],
}


class KeywordManagerTestCase(unittest.TestCase):
    """Adds the articles of MANAGED, and removes them and every alias
    after the test: the demo's site is the same for every test."""

    layer = ZOPE_DEMO_LAYER

    def setUp(self):
        from OFS.Folder import Folder

        from formlib.keywordwidget.demo.content import Article
        from formlib.keywordwidget.demo.site import catalog_article
        with ZOPE_DEMO_LAYER.zope_app() as app:
            app._setObject('managed', Folder('managed'))
            for name, keywords in MANAGED.items():
                app.managed._setObject(name, Article(
                    name, title=name, keywords=list(keywords)))
                catalog_article(app.managed._getOb(name), None)
        self.addCleanup(self.remove_managed)

    def remove_managed(self):
        with ZOPE_DEMO_LAYER.zope_app() as app:
            app.manage_delObjects(['managed'])
            store = self.store(app)
            for alias, _keyword in list(store.aliases()):
                store.remove_alias(alias)

    def store(self, app):
        from formlib.keywordwidget.zcatalog import ZCatalogKeywords
        return ZCatalogKeywords('catalog', 'keywords')(app)

    def browser(self, user='admin'):
        browser = ZOPE_DEMO_LAYER.browser(user)
        browser.raiseHttpErrors = False
        return browser

    def manager(self, user='admin', **query):
        browser = self.browser(user)
        browser.open(MANAGER + (
            '?' + urllib.parse.urlencode(query) if query else ''))
        return browser

    def keywords(self, name):
        with ZOPE_DEMO_LAYER.zope_app() as app:
            return app.managed._getOb(name).keywords

    def counted(self, *keywords):
        with ZOPE_DEMO_LAYER.zope_app() as app:
            store = self.store(app)
            return [store.count(keyword) for keyword in keywords]

    def used(self):
        """How many articles use each keyword, recounted from the content."""
        with ZOPE_DEMO_LAYER.zope_app() as app:
            articles = ([app.article] + list(app.articles.objectValues())
                        + list(app.managed.objectValues()))
            return collections.Counter(
                keyword for article in articles
                for keyword in article.keywords)

    def change(self, button, keywords, new='', query='colo', user='admin'):
        """Select `keywords` on the page filtered by `query`, type `new`
        and press `button`, as a user without JavaScript."""
        browser = self.manager(user, q=query)
        checkboxes = browser.getControl(name='keywords:list')
        for keyword in keywords:
            checkboxes.getControl(value=keyword, index=0).selected = True
        browser.getControl('New keyword').value = new
        browser.getControl(button).click()
        return browser

    def status(self, browser):
        """The words of the page's message of success or error."""
        found = re.search(
            r'class="keywordmanager-status"[^>]*>(.*?)</div>|'
            r'class="keywordmanager-error"[^>]*>(.*?)</p>', browser.contents)
        return found and html.unescape(re.sub(
            '<[^>]+>', ' ', found.group(1) or found.group(2))).split()

    def rows(self, browser):
        """(keyword, count) of the table of keywords."""
        return [(label, int(count)) for label, count in re.findall(
            r'<tr><td><input [^>]*/><label [^>]*>([^<]*)</label></td>'
            r'<td>(\d+)</td></tr>', browser.contents)]


class AccessTests(KeywordManagerTestCase):

    def test_anonymous_is_asked_to_log_in(self):
        browser = self.manager(user=None)
        self.assertEqual(browser.headers['status'], '401 Unauthorized')

    def test_editors_may_not_manage_keywords(self):
        for user in ('editor', 'tagger', 'author'):
            self.assertEqual(self.manager(user).headers['status'],
                             '401 Unauthorized', user)

    def test_a_manager_may(self):
        browser = self.manager()
        self.assertEqual(browser.headers['status'], '200 OK')
        self.assertIn('<h1>Manage keywords</h1>', browser.contents)

    def test_the_permission_is_granted_with_a_role(self):
        with ZOPE_DEMO_LAYER.zope_app() as app:
            app.manage_permission(
                'formlib.keywordwidget: Manage keywords',
                ['Manager', 'Editor'], acquire=False)
        self.addCleanup(self.reset_permission)
        self.assertEqual(self.manager('editor').headers['status'], '200 OK')

    def reset_permission(self):
        with ZOPE_DEMO_LAYER.zope_app() as app:
            app.manage_permission(
                'formlib.keywordwidget: Manage keywords', [], acquire=True)


class ListingTests(KeywordManagerTestCase):

    def test_most_used_first_with_counts(self):
        used = self.used()
        rows = self.rows(self.manager())
        self.assertEqual(len(rows), 50)
        self.assertEqual(rows[0], ('Python', used['Python']))
        self.assertEqual([count for _keyword, count in rows],
                         [count for _keyword, count in used.most_common(50)])

    def test_caption_says_which_and_how_many(self):
        total = len(self.used())
        # Ranked are the 1,000 most used; alphabetically, all.
        self.assertIn('<caption>Keywords 1 to 50 of the 1000 most used of'
                      ' %d; alphabetically, all are listed</caption>' % total,
                      self.manager().contents)
        self.assertIn('<caption>Keywords 51 to 100 of %d, alphabetically'
                      '</caption>' % total,
                      self.manager(order='alphabet', page='2').contents)

    def test_alphabetically(self):
        rows = self.rows(self.manager(order='alphabet'))
        keywords = [keyword for keyword, _count in rows]
        self.assertEqual(keywords, sorted(keywords, key=str.casefold))

    def test_pages_follow_each_other(self):
        browser = self.manager(order='alphabet')
        first = self.rows(browser)
        browser.getLink('Next page').click()
        second = self.rows(browser)
        self.assertIn('Page 2 of', browser.contents)
        self.assertLess(first[-1][0].casefold(), second[0][0].casefold())
        browser.getLink('Previous page').click()
        self.assertEqual(self.rows(browser), first)

    def test_filter_by_typing(self):
        browser = self.manager()
        browser.getControl('Filter').value = 'COLO'
        browser.getControl('Alphabetically').selected = True
        browser.getControl('Show').click()
        self.assertEqual(self.rows(browser), [
            ('Color', 2), ('Colour', 3), ('colour', 1)])

    def test_a_filter_nothing_matches(self):
        self.assertIn('No keyword matches \u201cxylophone\u201d.',
                      self.manager(q='xylophone').contents)

    def test_likely_duplicates_are_grouped_with_counts(self):
        used = self.used()
        browser = self.manager()
        section = re.search('<section class="keywordmanager-duplicates".*?'
                            '</section>', browser.contents).group(0)
        groups = [re.findall(r'<label [^>]*>([^<]*)</label> <span'
                             r' class="keywordmanager-count">(\d+)</span>',
                             group)
                  for group in section.split('<li><ul>')[1:]]
        self.assertIn([('Python', str(used['Python'])),
                       ('Pyhton', str(used['Pyhton'])),
                       ('python', str(used['python']))], groups)

    def test_each_checkbox_is_labelled_with_its_keyword(self):
        browser = self.manager(q='colour')
        checkbox = browser.getControl('Colour', index=0)
        self.assertEqual(checkbox.optionValue, 'Colour')


class RenameTests(KeywordManagerTestCase):

    def test_rename_changes_every_article(self):
        browser = self.change('Rename', ['Colour'], 'Colour scheme')
        self.assertEqual(self.status(browser), [
            '\u201cColour\u201d', 'renamed', 'to', '\u201cColour',
            'scheme\u201d', 'on', '3', 'objects.', 'Typing',
            '\u201cColour\u201d', 'now', 'gives', '\u201cColour',
            'scheme\u201d.'])
        self.assertEqual(self.keywords('colour-1'),
                         ['Colour scheme', 'Design'])
        self.assertEqual(self.keywords('colour-2'),
                         ['Design', 'Colour scheme', 'Color'])
        self.assertEqual(self.counted('Colour', 'Colour scheme'), [0, 3])

    def test_rename_into_a_keyword_there_is_merges(self):
        browser = self.change('Rename', ['Colour', 'colour'], 'Color')
        self.assertIn('merged', self.status(browser))
        self.assertEqual(self.keywords('colour-2'), ['Design', 'Color'])
        self.assertEqual(self.keywords('colour-3'), ['Color'])
        self.assertEqual(self.counted('Colour', 'colour', 'Color'), [0, 0, 5])
        self.assertEqual(self.rows(self.manager(q='colo')), [('Color', 5)])

    def test_the_counts_equal_a_recount_after_a_merge(self):
        self.change('Rename', ['Colour', 'colour'], 'Color')
        used = self.used()
        with ZOPE_DEMO_LAYER.zope_app() as app:
            store = self.store(app)
            self.assertEqual({keyword: store.count(keyword)
                              for keyword in used}, dict(used))
            self.assertEqual(len(store), len(used))

    def test_the_old_spelling_is_listed_as_an_alias(self):
        browser = self.change('Rename', ['Colour'], 'Color')
        self.assertIn('<label for="keywordmanager-alias-1">colour</label>'
                      '</td><td><bdi>Color</bdi>', browser.contents)

    def test_typing_the_old_spelling_in_a_keyword_field_gives_the_new(self):
        self.change('Rename', ['Colour', 'colour'], 'Color')
        browser = self.browser('editor')
        browser.open('http://localhost/article/@@keywordwidget-search?'
                     + urllib.parse.urlencode({'field': FIELD,
                                               'q': 'colour'}))
        self.assertEqual(json.loads(browser.contents)['items'][0],
                         {'token': 'Color', 'title': 'Color', 'count': 5})
        browser.open('http://localhost/article/@@edit')
        browser.getControl(name='form.keywords:list').value = stored('Zope')
        browser.getControl(name='form.keywords.new').value = 'COLOUR'
        browser.getControl('Apply').click()
        with ZOPE_DEMO_LAYER.zope_app() as app:
            self.assertEqual(app.article.keywords, ['Zope', 'Color'])

    def test_a_removed_alias_no_longer_gives_the_keyword(self):
        self.change('Rename', ['Colour'], 'Color')
        browser = self.manager()
        browser.getControl(name='aliases:list').value = ['colour']
        browser.getControl('Remove the selected aliases').click()
        self.assertEqual(self.status(browser), [
            'Removed', 'the', 'aliases', '\u201ccolour\u201d.'])
        self.assertNotIn('keywordmanager-aliases-title', browser.contents)
        with ZOPE_DEMO_LAYER.zope_app() as app:
            self.assertIsNone(self.store(app).alias('Colour'))

    def test_a_keyword_the_value_type_refuses_is_named(self):
        # The demo's keywords are 2 to 60 characters long.
        long = 'A colour keyword far longer than the sixty characters allowed'
        browser = self.change('Rename', ['Colour'], long)
        self.assertEqual(
            ' '.join(self.status(browser)),
            '\u201cA colour keyword far longer than the six\u2026\u201d is'
            ' not accepted as a keyword: longer than 60 characters.')
        self.assertEqual(self.keywords('colour-1'), ['Colour', 'Design'])
        # The page comes back with what the user chose and typed.
        self.assertEqual(browser.getControl('New keyword').value, long)
        # Checked in the table and among the likely duplicates.
        self.assertEqual(
            set(browser.getControl(name='keywords:list').value), {'Colour'})

    def test_no_keyword_selected(self):
        browser = self.change('Rename', [], 'Color')
        self.assertEqual(' '.join(self.status(browser)),
                         'Select the keywords to change.')

    def test_the_undo_tab_undoes_a_merge(self):
        before = self.used()
        self.change('Rename', ['Colour', 'colour'], 'Color')
        browser = self.browser()
        # Zope's Undo tab of the database.
        browser.open(
            'http://localhost/Control_Panel/Database/main/manage_UndoForm')
        self.assertIn('Keyword manager: \u201cColour\u201d, \u201ccolour\u201d'
                      ' merged into \u201cColor\u201d on 4 objects',
                      browser.contents)
        undo = browser.getControl(name='transaction_info:list')
        undo.value = [value for value in undo.options
                      if 'Keyword manager' in value][:1]
        browser.getControl('Undo').click()
        self.assertEqual(self.keywords('colour-2'),
                         ['Design', 'Colour', 'Color'])
        self.assertEqual(self.used(), before)
        self.assertEqual(self.counted('Colour', 'colour', 'Color'), [3, 1, 2])
        with ZOPE_DEMO_LAYER.zope_app() as app:
            self.assertIsNone(self.store(app).alias('colour'))


class DeleteTests(KeywordManagerTestCase):

    def test_delete_removes_it_from_every_article(self):
        browser = self.change('Delete', ['Color'])
        self.assertEqual(' '.join(self.status(browser)),
                         '\u201cColor\u201d deleted from 2 objects.')
        self.assertEqual(self.keywords('colour-2'), ['Design', 'Colour'])
        self.assertEqual(self.keywords('color-1'), ['Design'])
        self.assertEqual(self.counted('Color'), [0])


class SafetyTests(KeywordManagerTestCase):

    def post(self, **fields):
        browser = self.browser()
        browser.post(MANAGER, urllib.parse.urlencode(fields, doseq=True))
        return browser

    def test_a_post_without_the_token_changes_nothing_and_says_so(self):
        browser = self.post(**{'keywords:list': ['Colour'], 'delete': '1'})
        self.assertEqual(browser.headers['status'], '403 Forbidden')
        self.assertEqual(
            ' '.join(self.status(browser)),
            'Nothing was changed: the form came without this page\'s'
            ' security token. Please try again.')
        self.assertEqual(self.counted('Colour'), [3])

    def test_a_post_with_another_token_changes_nothing(self):
        browser = self.manager()
        token = browser.getControl(name='token').value
        other = self.post(**{'keywords:list': ['Colour'], 'delete': '1',
                             'token': token})
        self.assertEqual(other.headers['status'], '403 Forbidden')
        self.assertEqual(self.counted('Colour'), [3])

    def test_a_get_changes_nothing(self):
        browser = self.manager()
        token = browser.getControl(name='token').value
        browser.open(MANAGER + '?' + urllib.parse.urlencode({
            'keywords:list': 'Colour', 'delete': '1', 'token': token}))
        self.assertEqual(self.counted('Colour'), [3])

    def test_no_other_site_may_frame_the_page(self):
        browser = self.manager()
        self.assertEqual(browser.headers['X-Frame-Options'], 'DENY')
        self.assertEqual(browser.headers['Content-Security-Policy'],
                         "frame-ancestors 'none'")

    def test_the_token_is_a_cookie_for_this_site_only(self):
        browser = self.manager()
        cookie = browser.headers['Set-Cookie']
        self.assertIn('formlib.keywordwidget.manager=%s' % (
            browser.getControl(name='token').value), cookie)
        for attribute in ('Path=/;', 'HttpOnly', 'SameSite=Strict'):
            self.assertIn(attribute, cookie)

    def test_keywords_are_escaped_everywhere(self):
        from formlib.keywordwidget.demo.site import catalog_article
        with ZOPE_DEMO_LAYER.zope_app() as app:
            app.managed._getOb('colour-3').keywords = ['<b>Colour</b> & "co"']
            catalog_article(app.managed._getOb('colour-3'), None)
        browser = self.change('Rename', ['<b>Colour</b> & "co"'],
                              '<i>Colors</i>', query='<b>')
        self.assertNotIn('<b>Colour', browser.contents)
        self.assertNotIn('<i>Colors', browser.contents)
        self.assertIn('&lt;i&gt;Colors&lt;/i&gt;', browser.contents)
        self.assertIn('&lt;b&gt;Colour&lt;/b&gt; &amp; &quot;co&quot;',
                      browser.contents)


class TranslationTests(KeywordManagerTestCase):

    def test_german(self):
        browser = self.browser()
        browser.addHeader('Accept-Language', 'de')
        browser.open(MANAGER)
        self.assertIn('<html lang="de">', browser.contents)
        self.assertIn('Schlagwörter verwalten', browser.contents)
        self.assertIn('Neues Schlagwort', browser.contents)
