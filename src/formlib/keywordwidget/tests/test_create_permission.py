"""Who may add keywords to an open field: set_create_permission, in real
formlib forms; and links from displayed keywords."""
import unittest
import urllib.parse

from zope.testbrowser.browser import Browser

from formlib.keywordwidget.testing import FUNCTIONAL_LAYER
from formlib.keywordwidget.testing import log_in


URL = 'http://localhost/article/@@edit-curated'


class CreatePermissionSettingTests(unittest.TestCase):

    def test_a_field_says_which_permission_creating_needs(self):
        from formlib.keywordwidget import create_permission
        from formlib.keywordwidget.tests.app import ICuratedTags
        self.assertEqual(create_permission(ICuratedTags['curated_tags']),
                         'formlib.keywordwidget.tests.Edit')

    def test_a_field_without_one_needs_none(self):
        from formlib.keywordwidget import create_permission
        from formlib.keywordwidget.tests.app import ITagging
        self.assertIsNone(create_permission(ITagging['tags']))


class CreatePermissionTests(unittest.TestCase):
    """Only the editor has formlib.keywordwidget.tests.Edit
    (tests/ftesting.zcml)."""

    layer = FUNCTIONAL_LAYER

    def setUp(self):
        self.wsgi_app = self.layer.make_wsgi_app()
        self.article = self.layer.root.article
        self.article.curated_tags = ['Zope', 'Kept']

    def post(self, user, tokens=(), typed=''):
        browser = Browser(wsgi_app=self.wsgi_app)
        log_in(browser, user)
        browser.post(URL, urllib.parse.urlencode({
            'form.actions.apply': 'Apply',
            'form.curated_tags-empty-marker': '1',
            'form.curated_tags:list': list(tokens),
            'form.curated_tags.new': typed}, doseq=True))
        return browser

    def page(self, user):
        browser = Browser(wsgi_app=self.wsgi_app)
        log_in(browser, user)
        browser.open(URL)
        return browser

    def test_author_is_offered_no_new_keywords(self):
        self.assertIn('data-open="false"', self.page('author').contents)

    def test_editor_is_offered_new_keywords(self):
        self.assertIn('data-open="true"', self.page('editor').contents)

    def test_author_typing_a_new_keyword_gets_an_error_naming_it(self):
        browser = self.post('author', ['Zope'], typed='python\nBrand new')
        self.assertIn(
            'Not available for selection: \u201cBrand new\u201d',
            browser.contents)
        self.assertEqual(self.article.curated_tags, ['Zope', 'Kept'])

    def test_author_forging_a_new_keyword_gets_an_error_naming_it(self):
        browser = self.post('author', ['Zope', 'new:Forged'])
        self.assertIn(
            'Not available for selection: \u201cForged\u201d',
            browser.contents)
        self.assertEqual(self.article.curated_tags, ['Zope', 'Kept'])

    def test_author_chooses_and_types_suggested_keywords(self):
        self.post('author', ['Zope'], typed='PYTHON')
        self.assertEqual(self.article.curated_tags, ['Zope', 'Python'])

    def test_author_keeps_a_stored_keyword_that_is_not_suggested(self):
        browser = self.page('author')
        kept = browser.getControl(name='form.curated_tags:list')
        self.assertEqual(kept.displayValue, ['Zope', 'Kept'])
        browser.getControl('Apply').click()
        self.assertEqual(self.article.curated_tags, ['Zope', 'Kept'])

    def test_editor_adds_keywords(self):
        self.post('editor', ['Zope', 'new:Forged'], typed='Brand new')
        self.assertEqual(self.article.curated_tags,
                         ['Zope', 'Forged', 'Brand new'])


class KeywordLinkTests(unittest.TestCase):

    layer = FUNCTIONAL_LAYER

    def test_display_links_each_keyword_to_its_page(self):
        self.layer.root.article.curated_tags = ['Zope', 'C/C++ & <b>']
        browser = Browser(wsgi_app=self.layer.make_wsgi_app())
        browser.open('http://localhost/article/@@display-curated')
        self.assertIn(
            '<li><a href="/tags/Zope"><bdi>Zope</bdi></a></li>'
            '<li><a href="/tags/C%2FC%2B%2B%20%26%20%3Cb%3E">'
            '<bdi>C/C++ &amp; &lt;b&gt;</bdi></a></li>',
            browser.contents)

    def test_a_keyword_url_needs_the_keyword(self):
        import zope.schema

        from formlib.keywordwidget import set_keyword_url
        with self.assertRaises(ValueError) as raised:
            set_keyword_url(zope.schema.List(), '/tags/')
        self.assertEqual(str(raised.exception),
                         "A keyword URL is text with {keyword} in it, not"
                         " '/tags/'.")
