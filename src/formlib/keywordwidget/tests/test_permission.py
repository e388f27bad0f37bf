"""The per-field edit permission and the display fallback (plain formlib)."""
import json
import unittest
import urllib.parse

import zope.interface
import zope.schema
import zope.security.management
from zope.publisher.browser import TestRequest
from zope.security.simplepolicies import PermissiveSecurityPolicy
from zope.security.testing import interaction
from zope.testbrowser.browser import Browser

from formlib.keywordwidget.testing import FUNCTIONAL_LAYER
from formlib.keywordwidget.testing import log_in


class ISchema(zope.interface.Interface):

    keywords = zope.schema.List(
        value_type=zope.schema.Choice(values=['Python', 'Zope']))


class EditPermissionTests(unittest.TestCase):

    def field(self):
        return zope.schema.List(__name__='keywords')

    def test_no_permission_without_declaration(self):
        from formlib.keywordwidget import edit_permission
        self.assertIsNone(edit_permission(self.field()))

    def test_declared_permission_is_read_back(self):
        from formlib.keywordwidget import edit_permission
        from formlib.keywordwidget import set_edit_permission
        field = self.field()
        set_edit_permission(field, 'example.EditKeywords')
        self.assertEqual(edit_permission(field), 'example.EditKeywords')

    def test_declared_permission_survives_binding(self):
        from formlib.keywordwidget import edit_permission
        from formlib.keywordwidget import set_edit_permission
        field = zope.schema.List(__name__='keywords')
        set_edit_permission(field, 'example.EditKeywords')
        self.assertEqual(
            edit_permission(field.bind(object())), 'example.EditKeywords')


class EditOrDisplayTests(unittest.TestCase):

    def widget(self, permission=None):
        from formlib.keywordwidget.permission import edit_or_display
        from formlib.keywordwidget.widget import KeywordDisplayWidget
        from formlib.keywordwidget.widget import KeywordInputWidget
        field = self.field = zope.schema.List(
            __name__='keywords',
            value_type=zope.schema.Choice(values=['Python', 'Zope']))
        if permission is not None:
            from formlib.keywordwidget import set_edit_permission
            set_edit_permission(field, permission)
        factory = edit_or_display(KeywordInputWidget, KeywordDisplayWidget)
        return factory(field.bind(object()), TestRequest())

    def test_edit_widget_needs_no_interaction_without_permission(self):
        from formlib.keywordwidget.interfaces import IKeywordInputWidget
        self.assertTrue(IKeywordInputWidget.providedBy(self.widget()))

    def test_display_widget_when_permission_is_denied(self):
        from formlib.keywordwidget.interfaces import IKeywordDisplayWidget

        # zope.security's default policy denies every principal.
        with interaction('author'):
            widget = self.widget('example.EditKeywords')
        self.assertTrue(IKeywordDisplayWidget.providedBy(widget))

    def test_edit_widget_when_permission_is_granted(self):
        from formlib.keywordwidget.interfaces import IKeywordInputWidget
        old = zope.security.management.setSecurityPolicy(
            PermissiveSecurityPolicy)
        self.addCleanup(zope.security.management.setSecurityPolicy, old)
        with interaction('editor'):
            widget = self.widget('example.EditKeywords')
        self.assertTrue(IKeywordInputWidget.providedBy(widget))

    def test_display_widget_shows_stored_value_whatever_is_posted(self):
        from formlib.keywordwidget.widget import KeywordDisplayWidget
        request = TestRequest(form={'field.keywords': ['Zope']})
        field = ISchema['keywords'].bind(object())
        self.assertFalse(KeywordDisplayWidget(field, request).hasInput())


URL = 'http://localhost/article/@@edit-guarded'


class GuardedFormTests(unittest.TestCase):
    """``IGuardedArticle['keywords']`` needs a permission only the editor
    has (tests/ftesting.zcml)."""

    layer = FUNCTIONAL_LAYER

    def setUp(self):
        self.wsgi_app = self.layer.make_wsgi_app()
        self.article = self.layer.root.article
        self.article.title = 'Original'
        self.article.keywords = ['Python', 'Zope']

    def browser(self, user=None):
        browser = Browser(wsgi_app=self.wsgi_app)
        if user is not None:
            log_in(browser, user)
        return browser

    def test_editor_gets_edit_widget(self):
        browser = self.browser('editor')
        browser.open(URL)
        self.assertEqual(
            browser.getControl('Keywords').displayValue, ['Python', 'Zope'])

    def test_editor_saves_keywords(self):
        browser = self.browser('editor')
        browser.open(URL)
        browser.getControl('Keywords').value = ['Plone']
        browser.getControl('Apply').click()
        self.assertEqual(self.article.keywords, ['Plone'])

    def test_author_gets_display_widget(self):
        browser = self.browser('author')
        browser.open(URL)
        with self.assertRaises(LookupError):
            browser.getControl(name='form.keywords:list')
        self.assertIn(
            '<ul class="keywordwidget-display"><li><bdi>Python</bdi></li>'
            '<li><bdi>Zope</bdi></li></ul>', browser.contents)

    def test_anonymous_gets_display_widget(self):
        browser = self.browser()
        browser.open(URL)
        self.assertIn('<bdi>Zope</bdi>', browser.contents)
        self.assertNotIn('form.keywords:list', browser.contents)

    def test_author_saves_title(self):
        browser = self.browser('author')
        browser.open(URL)
        browser.getControl('Title').value = 'By the author'
        browser.getControl('Apply').click()
        self.assertEqual(self.article.title, 'By the author')
        self.assertEqual(self.article.keywords, ['Python', 'Zope'])

    def forge(self, user, title):
        browser = self.browser(user)
        browser.post(URL, urllib.parse.urlencode({
            'form.title': title,
            'form.keywords:list': 'Plone',
            'form.keywords.new': 'Django',
            'form.keywords-empty-marker': '1',
            'form.actions.apply': 'Apply'}))
        return browser

    def test_forged_post_by_author_changes_only_the_title(self):
        self.forge('author', 'Forged')
        self.assertEqual(self.article.title, 'Forged')
        self.assertEqual(self.article.keywords, ['Python', 'Zope'])

    def test_same_post_by_editor_changes_keywords(self):
        # The counterpart of the forged post: the form data are right.
        self.forge('editor', 'Edited')
        self.assertEqual(self.article.keywords, ['Plone', 'Django'])

    def test_forged_post_with_an_error_shows_stored_keywords(self):
        browser = self.forge('author', 'two\nlines')
        self.assertIn('There were errors', browser.contents)
        self.assertIn('<bdi>Python</bdi>', browser.contents)
        self.assertNotIn('<bdi>Plone</bdi>', browser.contents)
        self.assertEqual(self.article.title, 'Original')

    def search(self, user):
        browser = self.browser(user)
        browser.raiseHttpErrors = False
        browser.open(
            'http://localhost/article/@@keywordwidget-search?q=py&field='
            'formlib.keywordwidget.tests.app.IGuardedArticle.keywords')
        return browser

    def test_editor_may_search_the_keywords(self):
        browser = self.search('editor')
        self.assertEqual(browser.headers['Status'], '200 Ok')
        titles = [item['title']
                  for item in json.loads(browser.contents)['items']]
        self.assertIn('Pyramid', titles)

    def test_author_may_not_search_the_keywords(self):
        browser = self.search('author')
        self.assertEqual(browser.headers['Status'], '403 Forbidden')

    def test_wrong_password_counts_as_anonymous(self):
        browser = self.browser()
        log_in(browser, 'editor', 'wrong')
        browser.open(URL)
        self.assertNotIn('form.keywords:list', browser.contents)
