"""The widgets and the per-field fallback in a real Zope with five.formlib."""
import json
import unittest
import urllib.parse

from formlib.keywordwidget.testing import ZOPE_DEMO_LAYER
from formlib.keywordwidget.tests.terms import stored


URL = 'http://localhost/article'


class ZopeTests(unittest.TestCase):

    layer = ZOPE_DEMO_LAYER

    def browser(self, user=None):
        return self.layer.browser(user)

    def stored(self, name, path='article'):
        with self.layer.zope_app() as app:
            return getattr(app.unrestrictedTraverse(path), name)

    def test_editor_gets_edit_widgets_for_marked_fields(self):
        browser = self.browser('editor')
        browser.open(URL + '/@@edit')
        keywords = browser.getControl(name='form.keywords:list')
        self.assertCountEqual(
            keywords.displayValue,
            ['Python', 'Zope', 'Zope widgets', 'Python testing'])
        self.assertIn('keywordwidget', browser.contents)

    def test_editor_saves_keywords_and_categories(self):
        browser = self.browser('editor')
        browser.open(URL + '/@@edit')
        browser.getControl(name='form.keywords:list').value = stored('Zope')
        # The site's keywords are searched: the others are typed, and
        # take the spelling the site uses.
        browser.getControl(name='form.keywords.new').value = 'python TESTING'
        browser.getControl(name='form.categories:list').value = ['news']
        browser.getControl('Apply').click()
        self.assertEqual(self.stored('keywords'), ['Zope', 'Python testing'])
        self.assertEqual(self.stored('categories'), ['news'])

    def test_editor_adds_a_keyword_of_their_own(self):
        browser = self.browser('editor')
        browser.open(URL + '/@@edit')
        browser.getControl(name='form.keywords:list').value = stored('Zope')
        browser.getControl(name='form.keywords.new').value = (
            'Formlib  keyword widgets\nzope')
        browser.getControl('Apply').click()
        self.assertEqual(self.stored('keywords'),
                         ['Zope', 'Formlib keyword widgets'])

    def test_categories_stay_closed(self):
        browser = self.forge('editor', **{'form.categories:list': 'gossip'})
        self.assertIn('Not available for selection: \u201cgossip\u201d',
                      browser.contents)
        self.assertEqual(self.stored('categories'), ['howto', 'release'])

    def test_german_browser_gets_german_texts(self):
        browser = self.browser('editor')
        browser.addHeader('Accept-Language', 'de')
        browser.open(URL + '/@@edit')
        self.assertIn('Schlagw\u00f6rter hinzuf\u00fcgen, eines pro Zeile',
                      browser.contents)
        browser.post(URL + '/@@edit', urllib.parse.urlencode({
            'form.actions.apply': 'Apply',
            'form.categories:list': 'gossip',
            'form.categories-empty-marker': '1'}))
        self.assertIn('Nicht zur Auswahl verf\u00fcgbar: \u201cgossip\u201d',
                      browser.contents)

    def test_author_sees_keywords_read_only_in_edit_form(self):
        browser = self.browser('author')
        browser.open(URL + '/@@edit')
        with self.assertRaises(LookupError):
            browser.getControl(name='form.keywords:list')
        with self.assertRaises(LookupError):
            browser.getControl(name='form.categories:list')
        self.assertIn(
            '<ul class="keywordwidget-display"><li><a href="/@@keyword?'
            'keyword=Python"><bdi>Python</bdi></a></li>', browser.contents)
        self.assertIn('<bdi>How-to</bdi>', browser.contents)

    def test_permission_is_checked_on_the_edited_object(self):
        # AccessControl decides, with the local roles of the article.
        with self.layer.zope_app() as app:
            app.article.manage_setLocalRoles('author', ['Editor'])
        browser = self.browser('author')
        browser.open(URL + '/@@edit')
        self.assertCountEqual(
            browser.getControl(name='form.keywords:list').displayValue,
            ['Python', 'Zope', 'Zope widgets', 'Python testing'])

    def test_author_saves_title(self):
        browser = self.browser('author')
        browser.open(URL + '/@@edit')
        browser.getControl('Title').value = 'Renamed by the author'
        browser.getControl('Apply').click()
        self.assertEqual(self.stored('title'), 'Renamed by the author')
        self.assertEqual(
            self.stored('keywords'),
            ['Python', 'Zope', 'Zope widgets', 'Python testing'])

    def forge(self, user, **fields):
        data = {'form.actions.apply': 'Apply',
                'form.keywords:list': 'Plone',
                'form.keywords.new': 'Plone security',
                'form.keywords-empty-marker': '1',
                'form.categories:list': 'news',
                'form.categories-empty-marker': '1'}
        data.update(fields)
        browser = self.browser(user)
        browser.post(URL + '/@@edit', urllib.parse.urlencode(data))
        return browser

    def test_forged_post_by_author_changes_only_the_title(self):
        self.forge('author', **{'form.title': 'Forged'})
        self.assertEqual(self.stored('title'), 'Forged')
        self.assertEqual(
            self.stored('keywords'),
            ['Python', 'Zope', 'Zope widgets', 'Python testing'])
        self.assertEqual(self.stored('categories'), ['howto', 'release'])

    def test_same_post_by_editor_changes_keywords(self):
        # The counterpart of the forged post: the form data are right.
        self.forge('editor', **{'form.title': 'Edited'})
        self.assertEqual(self.stored('keywords'), ['Plone', 'Plone security'])
        self.assertEqual(self.stored('categories'), ['news'])

    def test_forged_post_with_an_error_shows_stored_keywords(self):
        browser = self.forge('author', **{'form.title': 'two\nlines'})
        self.assertIn('There were errors', browser.contents)
        self.assertIn('<bdi>Zope widgets</bdi>', browser.contents)
        self.assertNotIn('<bdi>Plone</bdi>', browser.contents)
        self.assertEqual(self.stored('title'), 'Keyword widgets for Zope')

    def test_forged_input_types_are_refused_with_an_error(self):
        for name in ('form.keywords:int', 'form.keywords:boolean',
                     'form.keywords.x:record', 'form.keywords.new:int',
                     'form.keywords.new.x:record', 'form.keywords:tokens'):
            with self.subTest(name):
                browser = self.browser('editor')
                browser.raiseHttpErrors = False
                browser.post(URL + '/@@edit', urllib.parse.urlencode({
                    'form.actions.apply': 'Apply',
                    'form.keywords-empty-marker': '1',
                    name: '5'}))
                self.assertEqual(browser.headers['status'], '200 OK')
                if name.endswith(':tokens'):
                    # Tokens are a list of texts: read; one that names no
                    # site keyword is one typed, and refused as such.
                    self.assertIn('Not accepted: \u201c5\u201d (shorter than'
                                  ' 2 characters)', browser.contents)
                else:
                    self.assertIn('could not be read', browser.contents)
                self.assertEqual(
                    self.stored('keywords'),
                    ['Python', 'Zope', 'Zope widgets', 'Python testing'])

    def test_deeply_nested_json_is_refused_with_an_error(self):
        for name in ('form.keywords.tokens', 'form.keywords.lines'):
            with self.subTest(name):
                browser = self.browser('editor')
                browser.raiseHttpErrors = False
                browser.post(URL + '/@@edit', urllib.parse.urlencode({
                    'form.actions.apply': 'Apply',
                    'form.keywords-empty-marker': '1',
                    name: '[' * 5000 + ']' * 5000}))
                self.assertEqual(browser.headers['status'], '200 OK')
                self.assertIn('could not be read', browser.contents)
                self.assertEqual(
                    self.stored('keywords'),
                    ['Python', 'Zope', 'Zope widgets', 'Python testing'])

    def test_a_created_keyword_is_not_taken_for_another_users_one(self):
        # One user's keyword "new:York", typed as text, is a site keyword.
        browser = self.browser('editor')
        browser.open('http://localhost/articles/article-0001/@@edit')
        browser.getControl(name='form.keywords.new').value = 'new:York'
        browser.getControl('Apply').click()
        self.assertIn(
            'new:York', self.stored('keywords', 'articles/article-0001'))
        # Another creates "York" with the enhancement, which posts it so.
        browser.post(URL + '/@@edit', urllib.parse.urlencode({
            'form.keywords-empty-marker': '1',
            'form.keywords.tokens': json.dumps(['new:York']),
            'form.actions.apply': 'Apply'}))
        self.assertEqual(self.stored('keywords'), ['York'])
        # And the site keyword is found, and chosen, as itself.
        answer = json.loads(self.search('editor', 'new:y').contents)
        self.assertEqual(answer['items'][0]['title'], 'new:York')
        browser.post(URL + '/@@edit', urllib.parse.urlencode({
            'form.keywords-empty-marker': '1',
            'form.keywords.tokens': json.dumps(
                [answer['items'][0]['token']]),
            'form.actions.apply': 'Apply'}))
        self.assertEqual(self.stored('keywords'), ['new:York'])

    def test_old_keyword_beyond_the_limits_does_not_block_saving(self):
        # Stored before the value type's limits (2 to 60 characters).
        old = ['x', 'An old keyword ' + 'o' * 60]
        with self.layer.zope_app() as app:
            app.article.keywords = old
        browser = self.browser('editor')
        browser.open(URL + '/@@edit')
        browser.getControl('Title').value = 'Saved'
        browser.getControl('Apply').click()
        self.assertNotIn('Wrong contained type', browser.contents)
        self.assertEqual(self.stored('title'), 'Saved')
        self.assertEqual(self.stored('keywords'), old)

    def test_category_retired_while_the_form_is_open_is_kept(self):
        from zope.schema.vocabulary import SimpleVocabulary

        from formlib.keywordwidget.demo.interfaces import IArticle
        choice = IArticle['categories'].value_type
        browser = self.browser('editor')
        browser.open(URL + '/@@edit')
        self.addCleanup(setattr, choice, 'vocabulary', choice.vocabulary)
        choice.vocabulary = SimpleVocabulary(
            [term for term in choice.vocabulary if term.value != 'release'])
        browser.getControl('Apply').click()
        self.assertEqual(
            browser.getControl(name='form.categories:list').displayValue,
            ['How-to', 'release (unavailable)'])
        browser.getControl('Apply').click()
        self.assertEqual(self.stored('categories'), ['howto', 'release'])

    def test_display_form_lists_titles(self):
        browser = self.browser()
        browser.open(URL + '/@@display')
        self.assertIn(
            '<ul class="keywordwidget-display"><li><bdi>How-to</bdi></li>'
            '<li><bdi>Release</bdi></li></ul>', browser.contents)
        self.assertIn('<bdi>Python testing</bdi>', browser.contents)

    def search(self, user=None, query='zope wid'):
        browser = self.browser(user)
        browser.raiseHttpErrors = False
        browser.open(URL + '/@@keywordwidget-search?' + urllib.parse.urlencode(
            {'q': query, 'field':
             'formlib.keywordwidget.demo.interfaces.IArticle.keywords'}))
        return browser

    def test_editor_may_search_the_keywords(self):
        browser = self.search('editor')
        self.assertEqual(browser.headers['status'], '200 OK')
        titles = [item['title']
                  for item in json.loads(browser.contents)['items']]
        self.assertIn('Zope widgets', titles)

    def test_author_may_not_search_the_keywords(self):
        browser = self.search('author')
        self.assertEqual(browser.headers['status'], '403 Forbidden')

    def test_anonymous_may_not_search_the_keywords(self):
        browser = self.search()
        self.assertEqual(browser.headers['status'], '403 Forbidden')

    def test_anonymous_must_log_in_to_edit(self):
        browser = self.browser()
        browser.raiseHttpErrors = False
        browser.open(URL + '/@@edit')
        self.assertEqual(browser.headers['status'], '401 Unauthorized')
        self.assertIn(
            'basic realm="Zope"', browser.headers['WWW-Authenticate'])

    def test_fields_missing_on_the_object_are_not_acquired(self):
        from formlib.keywordwidget.demo.content import Article
        with self.layer.zope_app() as app:
            app.manage_addFolder('parent')
            app.parent.keywords = ['Plone']
            app.parent.categories = ['news']
            app.parent._setObject('child', Article('child'))
        self.addCleanup(self.delete_parent)
        browser = self.browser('editor')
        browser.open('http://localhost/parent/child/@@edit')
        self.assertEqual(browser.getControl(name='form.keywords:list').value,
                         [])
        self.assertEqual(
            browser.getControl(name='form.categories:list').value, [])
        browser.open('http://localhost/parent/child/@@display')
        self.assertNotIn('Plone', browser.contents)
        self.assertNotIn('News', browser.contents)

    def delete_parent(self):
        with self.layer.zope_app() as app:
            app._delObject('parent')


class FiveFormlibFormTests(unittest.TestCase):
    """Each of five.formlib's form classes picks our widgets."""

    layer = ZOPE_DEMO_LAYER

    def widget(self, form_class, user, schema=None):
        """The Keywords widget a form of `form_class` sets up for `user`."""
        import zope.security.management
        from AccessControl.SecurityManagement import newSecurityManager
        from AccessControl.SecurityManagement import noSecurityManager
        from Testing.makerequest import makerequest
        from zope.formlib import form

        from formlib.keywordwidget.demo.interfaces import IArticle

        class Form(form_class):
            form_fields = form.Fields(schema or IArticle)

        with self.layer.zope_app() as app:
            app = makerequest(app)
            # What ZPublisher does for a request: AccessControl's user, and
            # an interaction for zope.security's checks.
            newSecurityManager(
                None, app.acl_users.getUser(user).__of__(app.acl_users))
            zope.security.management.newInteraction()
            try:
                view = Form(app.article, app.REQUEST)
                view.setUpWidgets()
                return view.widgets['keywords']
            finally:
                zope.security.management.endInteraction()
                noSecurityManager()

    def assertWidget(self, form_name, user, widget_class):
        import five.formlib.formbase

        import formlib.keywordwidget.widget
        widget = self.widget(
            getattr(five.formlib.formbase, form_name), user)
        self.assertIsInstance(
            widget, getattr(formlib.keywordwidget.widget, widget_class))

    def test_edit_forms_give_the_editor_the_edit_widget(self):
        for form_name in ('EditForm', 'PageEditForm'):
            with self.subTest(form_name):
                self.assertWidget(form_name, 'editor', 'KeywordInputWidget')

    def test_edit_forms_give_the_author_the_display_widget(self):
        for form_name in ('EditForm', 'PageEditForm'):
            with self.subTest(form_name):
                self.assertWidget(form_name, 'author', 'KeywordDisplayWidget')

    def test_display_forms_give_the_display_widget(self):
        for form_name in ('DisplayForm', 'PageDisplayForm'):
            with self.subTest(form_name):
                self.assertWidget(form_name, 'editor', 'KeywordDisplayWidget')


class AdaptedSchemaTests(unittest.TestCase):
    """A field of a schema the article only adapts to: formlib binds it to
    the adapter, and the article's local roles count."""

    layer = ZOPE_DEMO_LAYER
    widget = FiveFormlibFormTests.widget

    def setUp(self):
        import zope.component
        import zope.interface
        import zope.schema

        from formlib.keywordwidget import IHaveSelectableKeywords
        from formlib.keywordwidget import set_edit_permission
        from formlib.keywordwidget.demo.interfaces import EDIT_KEYWORDS
        from formlib.keywordwidget.demo.interfaces import IArticle
        from formlib.keywordwidget.demo.vocabularies import CATEGORIES

        class IReview(zope.interface.Interface):
            keywords = zope.schema.List(
                title='Review keywords', required=False,
                value_type=zope.schema.Choice(vocabulary=CATEGORIES))

        zope.interface.alsoProvides(
            IReview['keywords'], IHaveSelectableKeywords)
        set_edit_permission(IReview['keywords'], EDIT_KEYWORDS)

        @zope.interface.implementer(IReview)
        class Review:
            """Knows the article as its `context` only."""
            keywords = ()

            def __init__(self, context):
                self.context = context

        self.schema = IReview
        registry = zope.component.getGlobalSiteManager()
        registry.registerAdapter(Review, (IArticle,), IReview)
        self.addCleanup(
            registry.unregisterAdapter, Review, (IArticle,), IReview)

    def test_local_role_on_the_article_gives_the_edit_widget(self):
        import five.formlib.formbase

        from formlib.keywordwidget.widget import KeywordInputWidget
        with self.layer.zope_app() as app:
            app.article.manage_setLocalRoles('author', ['Editor'])
        widget = self.widget(
            five.formlib.formbase.EditForm, 'author', self.schema)
        self.assertIsInstance(widget, KeywordInputWidget)

    def test_without_the_local_role_the_author_gets_the_display_widget(self):
        import five.formlib.formbase

        from formlib.keywordwidget.widget import KeywordDisplayWidget
        widget = self.widget(
            five.formlib.formbase.EditForm, 'author', self.schema)
        self.assertIsInstance(widget, KeywordDisplayWidget)
