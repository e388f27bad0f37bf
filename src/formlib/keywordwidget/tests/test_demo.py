"""The `make demo` site: its instance, its set-up and its pages."""
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
        for user in ('admin', 'editor', 'author'):
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

    def test_set_up_leaves_an_existing_site_alone(self):
        from formlib.keywordwidget.demo.instance import set_up_site
        with self.layer.zope_app() as app:
            app.article.title = 'Kept'
            set_up_site(app)
            self.assertEqual(app.article.title, 'Kept')
            self.assertEqual(
                sorted(app.acl_users.getUserNames()),
                ['admin', 'author', 'editor'])
