"""Fields of schemas the content only adapts to (plain formlib).

formlib binds such a field to the schema's adapter of the content; the
content's grants and local roles must count, and nothing may be adapted
for a user who is not allowed.
"""
import json
import unittest
import urllib.parse

from zope.testbrowser.browser import Browser

from formlib.keywordwidget.testing import FUNCTIONAL_LAYER
from formlib.keywordwidget.testing import log_in


EDIT = 'http://localhost/article/@@edit-adapted'
NOTES_KEY = 'formlib.keywordwidget.tests.notes'


class AdaptedSchemaTests(unittest.TestCase):

    layer = FUNCTIONAL_LAYER

    def setUp(self):
        self.wsgi_app = self.layer.make_wsgi_app()
        self.article = self.layer.root.article

    def browser(self, user=None):
        browser = Browser(wsgi_app=self.wsgi_app)
        browser.raiseHttpErrors = False
        if user is not None:
            log_in(browser, user)
        return browser

    def search(self, user, field='INotes.note_labels', q='python'):
        browser = self.browser(user)
        browser.open(
            'http://localhost/article/@@keywordwidget-search?' +
            urllib.parse.urlencode({
                'field': 'formlib.keywordwidget.tests.app.' + field,
                'q': q}))
        return browser

    def annotations(self):
        return getattr(self.article, '__annotations__', {})

    def grant_locally(self, principal):
        from zope.securitypolicy.interfaces import IPrincipalPermissionManager
        IPrincipalPermissionManager(self.article).grantPermissionToPrincipal(
            'formlib.keywordwidget.tests.Edit', principal)

    def test_refused_search_creates_no_annotation(self):
        for user in (None, 'author'):
            with self.subTest(user):
                browser = self.search(user)
                self.assertEqual(browser.headers['Status'], '403 Forbidden')
                self.assertNotIn(NOTES_KEY, self.annotations())

    def test_allowed_search_finds_keywords(self):
        browser = self.search('editor')
        self.assertEqual(browser.headers['Status'], '200 Ok')
        self.assertIn('Python', [
            item['title'] for item in json.loads(browser.contents)['items']])

    def test_local_grant_on_the_content_allows_searching(self):
        self.grant_locally('tests.author')
        browser = self.search('author', field='IReview.reviewers', q='zo')
        self.assertEqual(browser.headers['Status'], '200 Ok')
        self.assertEqual(['Zope'], [
            item['title'] for item in json.loads(browser.contents)['items']])

    def test_local_grant_on_the_content_gives_the_edit_widget(self):
        self.grant_locally('tests.author')
        browser = self.browser('author')
        browser.open(EDIT)
        browser.getControl(name='form.reviewers:list').value = ['Zope']
        browser.getControl('Apply').click()
        self.assertEqual(['Zope'], self.article.reviewers)

    def test_without_a_grant_the_author_gets_the_display_widget(self):
        browser = self.browser('author')
        browser.open(EDIT)
        with self.assertRaises(LookupError):
            browser.getControl(name='form.reviewers:list')
