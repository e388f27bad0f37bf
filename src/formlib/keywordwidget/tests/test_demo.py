"""The `make demo` site: its instance, its set-up and its pages."""
import collections
import functools
import os
import shutil
import tempfile
import unittest

from formlib.keywordwidget.testing import ZOPE_DEMO_LAYER
from formlib.keywordwidget.testing import log_in


class VocabularyTests(unittest.TestCase):

    def test_keywords_are_many_and_include_python_and_zope(self):
        from formlib.keywordwidget.demo.vocabularies import KEYWORDS
        self.assertGreaterEqual(len(KEYWORDS), 20000)
        self.assertIn('Python', KEYWORDS)
        self.assertIn('Zope', KEYWORDS)

    def test_keywords_are_the_same_on_every_start(self):
        from formlib.keywordwidget.demo.vocabularies import keyword_values
        self.assertEqual(keyword_values(), keyword_values())

    def test_about_twenty_categories(self):
        from formlib.keywordwidget.demo.vocabularies import CATEGORIES
        self.assertEqual(len(CATEGORIES), 20)


@functools.cache
def demo_articles():
    """The keywords of the demo's articles, and how often each is used."""
    from formlib.keywordwidget.demo.site import ARTICLES
    from formlib.keywordwidget.demo.site import article_keywords
    articles = article_keywords(ARTICLES)
    return articles, collections.Counter(
        keyword for keywords in articles for keyword in keywords)


class DemoArticlesTests(unittest.TestCase):
    """The articles `make demo` builds: the numbers, not the time."""

    def setUp(self):
        self.articles, self.used = demo_articles()

    def test_at_least_two_thousand_articles(self):
        self.assertGreaterEqual(len(self.articles), 2000)

    def test_at_least_five_thousand_distinct_keywords(self):
        self.assertGreaterEqual(len(self.used), 5000)

    def test_a_few_keywords_on_hundreds_of_articles(self):
        top = [count for _keyword, count in self.used.most_common(3)]
        self.assertGreaterEqual(min(top), 100)
        self.assertEqual(self.used.most_common(1)[0][0], 'Python')

    def test_a_long_tail_used_once(self):
        once = [keyword for keyword, count in self.used.items()
                if count == 1]
        self.assertGreater(len(once), len(self.used) / 2)

    def test_no_article_repeats_a_keyword(self):
        self.assertTrue(all(len(set(keywords)) == len(keywords)
                            for keywords in self.articles))

    def test_the_same_on_every_start(self):
        from formlib.keywordwidget.demo.site import article_keywords
        self.assertEqual(article_keywords(50), self.articles[:50])


class CreateInstanceTests(unittest.TestCase):

    def setUp(self):
        self.home = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.home)

    def create(self):
        from formlib.keywordwidget.demo.instance import create_instance
        create_instance(self.home)

    def read(self, name):
        with open(os.path.join(self.home, 'etc', name)) as f:
            return f.read()

    def test_file_storage_lives_in_the_instance(self):
        self.create()
        self.assertIn('path $INSTANCE/var/Data.fs', self.read('zope.conf'))
        self.assertIn('%%define INSTANCE %s\n' % self.home,
                      self.read('zope.conf'))

    def test_port_is_left_to_runwsgi(self):
        self.create()
        self.assertIn('port = %(http_port)s\n', self.read('zope.ini'))

    def test_second_start_keeps_the_configuration(self):
        self.create()
        with open(os.path.join(self.home, 'etc', 'zope.ini'), 'a') as f:
            f.write('# changed by hand\n')
        self.create()
        self.assertTrue(self.read('zope.ini').endswith('# changed by hand\n'))


URL = 'http://localhost/article'


class DemoSiteTests(unittest.TestCase):

    layer = ZOPE_DEMO_LAYER

    def browser(self, user=None):
        return self.layer.browser(user)

    def test_article_shows_its_display_view(self):
        browser = self.browser()
        browser.open(URL)
        self.assertIn('<h1>Article</h1>', browser.contents)
        self.assertIn('<bdi>Zope widgets</bdi>', browser.contents)

    def test_page_has_language_title_and_viewport(self):
        browser = self.browser()
        browser.open(URL + '/@@display')
        self.assertIn('<html lang="en">', browser.contents)
        self.assertIn('<title>Article –', browser.contents)
        self.assertIn('name="viewport"', browser.contents)

    def test_each_user_logs_in_with_own_name(self):
        for user in ('admin', 'editor', 'author', 'tagger'):
            browser = self.browser(user)
            browser.open(URL + '/@@edit')
            self.assertIn('<h1>Edit article</h1>', browser.contents)

    def test_wrong_password_is_refused(self):
        browser = self.browser()
        log_in(browser, 'editor', 'author')
        browser.raiseHttpErrors = False
        browser.open(URL + '/@@edit')
        self.assertEqual(browser.headers['status'], '401 Unauthorized')

    def test_edit_page_lists_only_the_stored_keywords(self):
        # Over 20,000 keywords: the widget's large mode searches them.
        browser = self.browser('editor')
        browser.open(URL + '/@@edit')
        options = browser.getControl(name='form.keywords:list').options
        self.assertEqual(len(options), 4)
        self.assertIn('data-search-url=', browser.contents)

    def test_every_article_is_cataloged(self):
        with self.layer.zope_app() as app:
            self.assertEqual(len(app.catalog),
                             len(app.articles.objectIds()) + 1)
            self.assertEqual(len(app.articles.objectIds()),
                             self.layer.articles)

    def test_set_up_leaves_an_existing_site_alone(self):
        from formlib.keywordwidget.demo.instance import set_up_site
        with self.layer.zope_app() as app:
            app.article.title = 'Kept'
            set_up_site(app)
            self.assertEqual(app.article.title, 'Kept')
            self.assertEqual(
                sorted(app.acl_users.getUserNames()),
                ['admin', 'author', 'editor', 'tagger'])
