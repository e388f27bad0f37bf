"""Site keywords in the demo's real Zope: suggestions from the catalog,
ranked by use, fresh after every save; who may create keywords; links."""
import collections
import json
import unittest
import urllib.parse

from formlib.keywordwidget.testing import ZOPE_DEMO_LAYER


URL = 'http://localhost/article'
FIELD = 'formlib.keywordwidget.demo.interfaces.IArticle.keywords'


class SiteKeywordsTestCase(unittest.TestCase):

    layer = ZOPE_DEMO_LAYER

    def search(self, query, user='editor'):
        browser = self.layer.browser(user)
        browser.raiseHttpErrors = False
        browser.open(URL + '/@@keywordwidget-search?' + urllib.parse.urlencode(
            {'field': FIELD, 'q': query}))
        return browser

    def found(self, query, user='editor'):
        return [(item['title'], item['count'])
                for item in json.loads(self.search(query, user).contents)[
                    'items']]

    def used(self):
        """How many articles use each keyword, recounted from the content."""
        with self.layer.zope_app() as app:
            articles = [app.article] + list(app.articles.objectValues())
            return collections.Counter(
                keyword for article in articles
                for keyword in article.keywords)

    def post(self, user, path='article', **fields):
        data = {'form.actions.apply': 'Apply',
                'form.keywords-empty-marker': '1'}
        data.update(fields)
        browser = self.layer.browser(user)
        browser.post('http://localhost/%s/@@edit' % path,
                     urllib.parse.urlencode(data, doseq=True))
        return browser

    def stored(self, path='article'):
        with self.layer.zope_app() as app:
            return app.unrestrictedTraverse(path).keywords

    def keep_as_it_is(self, path):
        """Give the article at `path` its keywords back after the test
        (only /article is set up anew for each)."""
        from formlib.keywordwidget.demo.site import catalog_article
        keywords = self.stored(path)

        def restore():
            with self.layer.zope_app() as app:
                article = app.unrestrictedTraverse(path)
                article.keywords = keywords
                catalog_article(article, None)
        self.addCleanup(restore)


class SearchTests(SiteKeywordsTestCase):

    def test_each_suggestion_has_how_many_articles_use_it(self):
        used = self.used()
        found = self.found('python')
        self.assertEqual(found[0], ('Python', used['Python']))
        for keyword, count in found:
            self.assertEqual(count, used[keyword], keyword)

    def test_empty_query_answers_the_most_used(self):
        most_used = self.used().most_common()
        found = self.found('')
        self.assertEqual(len(found), 20)
        self.assertEqual([count for _keyword, count in found],
                         [count for _keyword, count in most_used[:20]])

    def test_a_saved_keyword_is_found_by_the_next_search(self):
        self.post('editor', **{'form.keywords': ['Python', 'Zope widgets'],
                               'form.keywords.new': 'Formlib widgets'})
        self.assertEqual(self.found('formlib w'), [('Formlib widgets', 1)])
        self.assertEqual(self.found('zope widgets'), [('Zope widgets', 1)])

    def test_a_keyword_no_article_uses_any_more_is_not_found(self):
        self.assertEqual(self.found('zope widgets'), [('Zope widgets', 1)])
        python = dict(self.found('python'))['Python']
        self.post('editor', **{'form.keywords': ['Python']})
        self.assertEqual(self.found('zope widgets'), [])
        self.assertEqual(dict(self.found('python'))['Python'], python)

    def test_counts_equal_a_recount_after_saves(self):
        self.post('editor', **{'form.keywords': ['Zope'],
                               'form.keywords.new': 'Plone\nPyramid'})
        self.post('editor', path='articles/article-0001',
                  **{'form.keywords': ['Zope', 'Plone']})
        with self.layer.zope_app() as app:
            usage = app.catalog._catalog.indexes['keywords'].usage
            counted = {keyword: usage.count(keyword)
                       for keyword in self.used()}
        self.assertEqual(counted, dict(self.used()))

    def test_the_edit_widget_says_its_search_is_ranked(self):
        browser = self.layer.browser('editor')
        browser.open(URL + '/@@edit')
        self.assertIn('data-ranked="true"', browser.contents)


class RankingTests(SiteKeywordsTestCase):

    def category(self, query, keyword):
        """0: equal ignoring case, 1: starts with the query, 2: a later
        word does, 3: contains it, None: no match."""
        from formlib.keywordwidget.normalize import fold
        from formlib.keywordwidget.normalize import search_key
        from formlib.keywordwidget.usage import further_in
        if fold(keyword) == fold(query):
            return 0
        key, text = search_key(query), search_key(keyword)
        if text.startswith(key):
            return 1
        return {1: 2, 2: 3}.get(further_in(text, key))

    def test_later_words_come_before_those_that_contain_the_query(self):
        # A one-letter query: those the demo has with a later word that
        # starts with "n" are used once, those that contain it far more.
        used = self.used()
        ranked = sorted(
            (self.category('n', keyword), -count)
            for keyword, count in used.items()
            if self.category('n', keyword) is not None)[:20]
        self.assertEqual(
            [(self.category('n', keyword), -count)
             for keyword, count in self.found('n')], ranked)


class StoreTests(SiteKeywordsTestCase):

    def store(self, app):
        from formlib.keywordwidget.zcatalog import ZCatalogKeywords
        return ZCatalogKeywords('catalog', 'keywords')(app)

    def test_objects_are_those_that_use_the_keyword(self):
        with self.layer.zope_app() as app:
            used_by = self.store(app).objects('Zope widgets')
            self.assertEqual([article.getPhysicalPath()
                              for article in used_by], [('', 'article')])

    def test_objects_are_found_whoever_may_see_them(self):
        with self.layer.zope_app() as app:
            app.article.manage_permission('View', ['Manager'], acquire=False)
            python = self.store(app).objects('Python')
            self.assertIn(('', 'article'),
                          [article.getPhysicalPath() for article in python])
            self.assertEqual(len(python), self.used()['Python'])


class AliasTests(SiteKeywordsTestCase):
    """What the keyword manager leaves when it merges a keyword."""

    def add_alias(self, text, keyword):
        with self.layer.zope_app() as app:
            self.store(app).add_alias(text, keyword)
        self.addCleanup(self.remove_alias, text)

    def remove_alias(self, text):
        with self.layer.zope_app() as app:
            self.store(app).remove_alias(text)

    def store(self, app):
        from formlib.keywordwidget.zcatalog import ZCatalogKeywords
        return ZCatalogKeywords('catalog', 'keywords')(app)

    def test_a_catalog_cleared_and_rebuilt_keeps_the_aliases(self):
        # ZMI: Advanced > Clear and Rebuild; the aliases are not in the
        # content, so nothing would bring them back.
        self.add_alias('Plone CMS', 'Plone')
        with self.layer.zope_app() as app:
            app.catalog.refreshCatalog(clear=1)
        self.assertEqual(self.found('plone cms')[:1],
                         [('Plone', self.used()['Plone'])])

    def test_searching_for_an_alias_answers_its_keyword_first(self):
        self.add_alias('Widgets for Zope', 'Zope widgets')
        self.assertEqual(self.found('WIDGETS FOR ZOPE')[0],
                         ('Zope widgets', 1))

    def test_typing_an_alias_stores_its_keyword(self):
        self.add_alias('Plone CMS', 'Plone')
        self.post('tagger', **{'form.keywords': ['Zope'],
                               'form.keywords.new': 'plone cms'})
        self.assertEqual(self.stored(), ['Zope', 'Plone'])

    def test_a_suggestion_merged_into_another_meanwhile_is_that_one(self):
        # "Plone CMS" was suggested, then merged into "Plone" by the
        # keyword manager before the save.
        self.add_alias('Plone CMS', 'Plone')
        self.post('tagger', **{'form.keywords': ['Zope', 'Plone CMS']})
        self.assertEqual(self.stored(), ['Zope', 'Plone'])

    def test_a_keyword_spelled_as_an_alias_is_that_keyword(self):
        self.add_alias('Zope', 'Python')
        self.assertEqual(self.found('zope')[0][0], 'Zope')
        self.post('editor', **{'form.keywords': [],
                               'form.keywords.new': 'zope'})
        self.assertEqual(self.stored(), ['Zope'])

    def test_an_alias_of_a_keyword_no_one_uses_is_not_offered(self):
        self.add_alias('Widgets for Zope', 'Gone')
        self.assertEqual(self.found('widgets for zope'), [])
        browser = self.post('tagger', **{
            'form.keywords': [], 'form.keywords.new': 'widgets for zope'})
        self.assertIn(
            'Not available for selection: \u201cwidgets for zope\u201d',
            browser.contents)


class CreatePermissionTests(SiteKeywordsTestCase):

    def edit_page(self, user):
        browser = self.layer.browser(user)
        browser.open(URL + '/@@edit')
        return browser

    def test_tagger_is_offered_no_new_keywords(self):
        self.assertIn('data-open="false"',
                      self.edit_page('tagger').contents)

    def test_editor_is_offered_new_keywords(self):
        self.assertIn('data-open="true"', self.edit_page('editor').contents)

    def test_tagger_chooses_and_types_existing_keywords(self):
        self.post('tagger', **{'form.keywords': ['Zope'],
                               'form.keywords.new': 'PYTHON'})
        # In the order posted: chosen, then typed.
        self.assertEqual(self.stored(), ['Zope', 'Python'])

    def test_tagger_typing_new_keywords_gets_an_error_naming_them(self):
        browser = self.post('tagger', **{
            'form.keywords': ['Zope'],
            'form.keywords.new': 'Python\nBrand new\nAlso new'})
        self.assertIn('Not available for selection: \u201cBrand new\u201d,'
                      ' \u201cAlso new\u201d', browser.contents)
        # The page comes back with what was typed.
        self.assertIn('Brand new\nAlso new', browser.contents)
        self.assertEqual(self.stored(), [
            'Python', 'Zope', 'Zope widgets', 'Python testing'])
        self.assertEqual(self.found('brand new', 'tagger'), [])

    def test_a_typed_keyword_with_a_byte_that_is_no_text_is_refused(self):
        # Zope reads the byte 0xFF as a lone surrogate, which no page or
        # link of the keyword could show.
        browser = self.layer.browser('editor')
        browser.post(URL + '/@@edit', 'form.actions.apply=Apply'
                     '&form.keywords-empty-marker=1&form.keywords.new=Hu%FFe')
        self.assertIn('Not accepted: \u201cHu\ufffde\u201d (not UTF-8 text)',
                      browser.contents)
        self.assertEqual(self.stored(), [
            'Python', 'Zope', 'Zope widgets', 'Python testing'])

    def test_tagger_forging_a_new_keyword_gets_an_error(self):
        browser = self.post('tagger', **{
            'form.keywords': ['Zope', 'new:Forged']})
        self.assertIn('Not available for selection: \u201cForged\u201d',
                      browser.contents)
        self.assertEqual(self.found('forged'), [])

    def test_tagger_keeps_the_keywords_the_article_has(self):
        self.post('tagger', **{'form.keywords': [
            'Zope widgets', 'Python testing']})
        self.assertEqual(self.stored(), ['Zope widgets', 'Python testing'])

    def test_editor_creates_keywords(self):
        self.post('editor', **{'form.keywords': ['Zope', 'new:Brand new']})
        self.assertEqual(self.stored(), ['Zope', 'Brand new'])

    def choose_a_suggestion_whose_last_use_goes(self, user):
        """`user` saves article-0001 with "Zope widgets", chosen from the
        suggestions while the form was open; meanwhile /article, the only
        article that used it, dropped it."""
        self.keep_as_it_is('articles/article-0001')
        self.assertEqual(self.found('zope widgets'), [('Zope widgets', 1)])
        self.post('editor', **{'form.keywords': ['Python']})
        return self.post(user, path='articles/article-0001', **{
            'form.keywords': ['Zope', 'Zope widgets']})

    def test_editor_choosing_a_suggestion_whose_last_use_went_creates_it(
            self):
        browser = self.choose_a_suggestion_whose_last_use_goes('editor')
        self.assertIn('Updated on', browser.contents)
        self.assertEqual(self.stored('articles/article-0001'),
                         ['Zope', 'Zope widgets'])
        self.assertEqual(self.found('zope widgets'), [('Zope widgets', 1)])

    def test_tagger_choosing_a_suggestion_whose_last_use_went_gets_an_error(
            self):
        stored = self.stored('articles/article-0001')
        browser = self.choose_a_suggestion_whose_last_use_goes('tagger')
        self.assertIn('Not available for selection: \u201cZope widgets\u201d',
                      browser.contents)
        self.assertEqual(self.stored('articles/article-0001'), stored)
        self.assertEqual(self.found('zope widgets'), [])

    def test_author_may_not_search_the_keywords(self):
        self.assertEqual(
            self.search('py', 'author').headers['status'], '403 Forbidden')


class KeywordLinkTests(SiteKeywordsTestCase):

    def test_display_links_each_keyword_to_its_listing(self):
        browser = self.layer.browser()
        browser.open(URL + '/@@display')
        browser.getLink('Zope widgets').click()
        self.assertEqual(browser.url,
                         'http://localhost/@@keyword?keyword=Zope%20widgets')
        self.assertIn('Used by 1 articles.', browser.contents)
        self.assertEqual(browser.getLink('Keyword widgets for Zope').url,
                         URL)

    def test_listing_counts_all_and_shows_the_first_hundred(self):
        python = self.used()['Python']
        browser = self.layer.browser()
        browser.open('http://localhost/@@keyword?keyword=Python')
        self.assertIn('Used by %d articles.' % python, browser.contents)
        self.assertEqual(browser.contents.count('<li>'), min(python, 100))

    def test_listing_escapes_the_keyword(self):
        browser = self.layer.browser()
        browser.open('http://localhost/@@keyword?keyword=%3Cb%3Ex')
        self.assertIn('<q>&lt;b&gt;x</q>', browser.contents)


class BrokenStoreTests(SiteKeywordsTestCase):

    def replace_index(self, index):
        with self.layer.zope_app() as app:
            catalog = app.catalog._catalog
            kept = catalog.indexes['keywords']
            catalog.indexes = dict(catalog.indexes, keywords=index)
        self.addCleanup(self.restore_index, kept)

    def restore_index(self, index):
        with self.layer.zope_app() as app:
            catalog = app.catalog._catalog
            catalog.indexes = dict(catalog.indexes, keywords=index)

    def test_search_without_the_catalog_says_what_is_missing(self):
        with self.layer.zope_app() as app:
            oid = app.catalog._p_oid
            app._delObject('catalog', suppress_events=True)
        self.addCleanup(self.put_back, oid)
        browser = self.search('py')
        self.assertEqual(browser.headers['status'], '503 Service Unavailable')
        self.assertEqual(json.loads(browser.contents)['error'], (
            "The keywords cannot be searched: No ZCatalog 'catalog' found"
            " from /article."))

    def put_back(self, oid):
        with self.layer.zope_app() as app:
            app._setObject('catalog', app._p_jar.get(oid),
                           suppress_events=True)

    def test_search_with_a_plain_keyword_index_says_it_does_not_count(self):
        from Products.PluginIndexes.KeywordIndex.KeywordIndex import (
            KeywordIndex)
        self.replace_index(KeywordIndex('keywords'))
        error = json.loads(self.search('py').contents)['error']
        self.assertIn("The index 'keywords' of the catalog /catalog is a"
                      " KeywordIndex, not a KeywordUsageIndex", error)

    def test_edit_page_without_the_index_names_it(self):
        from formlib.keywordwidget import KeywordStoreError
        with self.layer.zope_app() as app:
            app.catalog.delIndex('keywords')
        self.addCleanup(self.add_index_again)
        browser = self.layer.browser('editor')
        browser.handleErrors = False
        with self.assertRaises(KeywordStoreError) as raised:
            browser.open(URL + '/@@edit')
        self.assertEqual(str(raised.exception),
                         "The catalog /catalog has no index 'keywords'.")

    def test_display_without_the_index_shows_the_keywords(self):
        # Visitors read the keywords, which need no counts; the editor
        # hears what is missing (above).
        with self.layer.zope_app() as app:
            app.catalog.delIndex('keywords')
        self.addCleanup(self.add_index_again)
        browser = self.layer.browser()
        browser.handleErrors = False
        browser.open(URL + '/@@display')
        self.assertIn('<bdi>Zope widgets</bdi>', browser.contents)

    def add_index_again(self):
        from formlib.keywordwidget.zcatalog import KeywordUsageIndex
        with self.layer.zope_app() as app:
            app.catalog.addIndex('keywords', KeywordUsageIndex('keywords'))
            app.catalog.reindexIndex('keywords', None)
