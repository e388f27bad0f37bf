"""Review of issue 11 (site keywords): reproductions that fail on the
review branch, each for the reason a user sees."""
import collections
import json
import unittest
import urllib.parse

from formlib.keywordwidget.testing import ZOPE_DEMO_LAYER


URL = 'http://localhost/article'
FIELD = 'formlib.keywordwidget.demo.interfaces.IArticle.keywords'


class ZopeReviewTestCase(unittest.TestCase):

    layer = ZOPE_DEMO_LAYER

    def search(self, query, user='editor', raw=None):
        browser = self.layer.browser(user)
        browser.raiseHttpErrors = False
        if raw is None:
            raw = 'q=' + urllib.parse.quote(query)
        browser.open(URL + '/@@keywordwidget-search?field=%s&%s' % (
            FIELD, raw))
        return browser

    def found(self, query, user='editor'):
        return [(item['title'], item['count'])
                for item in json.loads(self.search(query, user).contents)[
                    'items']]

    def used(self):
        with self.layer.zope_app() as app:
            articles = [app.article] + [
                article for article in app.articles.objectValues()]
            return collections.Counter(
                keyword for article in articles
                for keyword in article.keywords)

    def stored(self, path='article'):
        with self.layer.zope_app() as app:
            return app.unrestrictedTraverse(path).keywords


class ZopeAliasTests(ZopeReviewTestCase):

    def test_rebuilding_the_catalog_keeps_the_aliases(self):
        from formlib.keywordwidget.zcatalog import ZCatalogKeywords
        with self.layer.zope_app() as app:
            ZCatalogKeywords('catalog', 'keywords')(app).add_alias(
                'Plone CMS', 'Plone')
        self.assertEqual(self.found('plone cms')[0][0], 'Plone')
        with self.layer.zope_app() as app:
            # ZMI: Advanced > Update catalog (Clear and rebuild likewise).
            app.catalog.refreshCatalog(clear=1)
        self.assertEqual(self.found('plone cms')[:1], [
            ('Plone', self.used()['Plone'])])


class ZopeForgedInputTests(ZopeReviewTestCase):

    def test_a_keyword_posted_as_invalid_utf8_breaks_no_page(self):
        # ZPublisher decodes invalid UTF-8 with surrogateescape: the lone
        # surrogates reach the widget, which stores them; the display
        # widget's link then fails to encode them: a 500 for every visitor.
        browser = self.layer.browser('editor')
        browser.raiseHttpErrors = False
        browser.post(URL + '/@@edit', (
            'form.actions.apply=Apply&form.keywords-empty-marker=1'
            '&form.keywords=Zope&form.keywords.new=%ED%A0%80abc'))
        self.assertEqual(browser.headers['status'], '200 OK')
        browser = self.layer.browser()
        browser.raiseHttpErrors = False
        browser.handleErrors = True
        try:
            browser.open(URL + '/@@display')
        except UnicodeEncodeError as error:
            self.fail('@@display fails after the save: %r; stored: %r' % (
                error, self.stored()))
        self.assertEqual(browser.headers['status'], '200 OK')
        self.assertIn('Zope', browser.contents)


class ZopeBrokenStoreTests(ZopeReviewTestCase):

    def tearDown(self):
        from formlib.keywordwidget.zcatalog import KeywordUsageIndex
        with self.layer.zope_app() as app:
            if 'keywords' not in app.catalog.indexes():
                app.catalog.addIndex(
                    'keywords', KeywordUsageIndex('keywords'))
                app.catalog.reindexIndex('keywords', None)

    def test_display_without_the_index_still_shows_the_keywords(self):
        # Anonymous visitors read the article; the display widget needs
        # no counts.  A missing index is for the editor to hear about.
        with self.layer.zope_app() as app:
            app.catalog.delIndex('keywords')
        browser = self.layer.browser()
        browser.raiseHttpErrors = False
        try:
            browser.open(URL + '/@@display')
        except Exception as error:
            self.fail('@@display fails for a visitor: %r' % error)
        self.assertEqual(browser.headers['status'], '200 OK')
        self.assertIn('Zope widgets', browser.contents)


class ZopeRankingTests(ZopeReviewTestCase):

    def category(self, query, keyword):
        """0 equal ignoring case, 1 starts with, 2 a later word starts
        with, 3 contains, None: no match (issue 11's ranking)."""
        from formlib.keywordwidget.normalize import fold
        from formlib.keywordwidget.normalize import search_key
        from formlib.keywordwidget.usage import further_in
        if fold(keyword) == fold(query):
            return 0
        key, text = search_key(query), search_key(keyword)
        if text.startswith(key):
            return 1
        return {1: 2, 2: 3}.get(further_in(text, key))

    def test_later_word_matches_come_before_those_that_contain_it(self):
        # 'n': 17 keywords start with it; the test site has keywords used
        # once with a later word starting with n, yet "Python", "Plone"
        # and "Django" (which only contain n) fill the last places: the
        # grams searched are capped (GRAM_ENTRIES_SEARCHED) and those of a
        # one-letter query are walked in gram order, mostly inner matches.
        used = self.used()
        query = 'n'
        expected = sorted(
            (self.category(query, keyword), -count)
            for keyword, count in used.items()
            if self.category(query, keyword) is not None)[:20]
        found = self.found(query)
        self.assertEqual(
            [(self.category(query, keyword), -count)
             for keyword, count in found], expected, found)
