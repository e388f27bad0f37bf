"""Tests of formlib.keywordwidget.search: the JSON search view."""
import json
import unittest
from urllib.parse import urlencode

import lxml.html
import zope.interface
import zope.schema
from zope.schema.vocabulary import SimpleVocabulary
from zope.testbrowser.browser import Browser

from formlib.keywordwidget import IHaveSelectableKeywords
from formlib.keywordwidget.settings import open_keywords
from formlib.keywordwidget.testing import FUNCTIONAL_LAYER


LABELS = 'formlib.keywordwidget.tests.app.ITagging.labels'
SUBJECTS = 'formlib.keywordwidget.tests.app.ITagging.subjects'


class SearchViewTests(unittest.TestCase):

    layer = FUNCTIONAL_LAYER

    def setUp(self):
        self.browser = Browser(wsgi_app=self.layer.make_wsgi_app())
        self.browser.raiseHttpErrors = False

    def search(self, field=LABELS, **query):
        query.setdefault('q', 'python')
        self.browser.open(
            'http://localhost/article/@@keywordwidget-search?'
            + urlencode(dict(field=field, **query)))
        return json.loads(self.browser.contents)

    def titles(self, **query):
        return [item['title'] for item in self.search(**query)['items']]

    def test_search_answers_json(self):
        self.search()
        self.assertEqual(self.browser.headers['Content-Type'],
                         'application/json')

    def test_search_answers_tokens_and_titles(self):
        self.assertEqual(self.search(q='zope')['items'],
                         [{'token': 'special-4', 'title': 'Zope'}])

    def test_search_answers_a_stored_keyword_as_its_option_posts_it(self):
        from formlib.keywordwidget.keywords import stored_token
        self.layer.root.article.subjects = ['Python']
        self.assertEqual(
            [item['token'] for item in self.search(
                field=SUBJECTS, q='python')['items']],
            [stored_token('Python'), 'special-1', 'special-2', 'special-3'])

    def test_search_ranks_prefix_matches_first(self):
        self.assertEqual(
            self.titles(q='python'),
            ['Python', 'Python packaging', 'CPython', 'IronPython'])

    def test_search_ignores_case_and_accents(self):
        self.assertEqual(self.titles(q='ZURI'), ['Z\u00fcrich'])

    def test_search_is_bounded(self):
        from formlib.keywordwidget.index import SEARCH_RESULTS
        self.assertEqual(len(self.titles(q='subject')), SEARCH_RESULTS)

    def test_search_searches_a_closed_field_too(self):
        self.assertEqual(self.titles(field=SUBJECTS, q='subject 0001')[:2],
                         ['Subject 00010', 'Subject 00011'])

    def test_search_keeps_markup_out_of_the_answer(self):
        self.search(q='bold')
        self.assertNotIn(b'<', self.browser.contents)
        self.assertEqual(self.titles(q='bold'), ['<b>Bold</b> & "quoted"'])

    def test_search_refuses_a_long_query(self):
        from formlib.keywordwidget.search import MAX_QUERY_LENGTH
        answer = self.search(q='x' * (MAX_QUERY_LENGTH + 1))
        self.assertEqual(self.browser.headers['Status'], '400 Bad Request')
        self.assertIn('longer than', answer['error'])

    def test_search_refuses_two_queries(self):
        self.browser.open(
            'http://localhost/article/@@keywordwidget-search?'
            + urlencode({'field': LABELS, 'q:list': ['a', 'b']}, doseq=True))
        self.assertEqual(self.browser.headers['Status'], '400 Bad Request')
        self.assertEqual(self.browser.headers['Content-Type'],
                         'application/json')

    def test_search_refuses_an_unmarked_field(self):
        self.search(field='formlib.keywordwidget.tests.app.IArticle.colours')
        self.assertEqual(self.browser.headers['Status'], '404 Not Found')
        self.assertEqual(self.browser.headers['Content-Type'],
                         'application/json')

    def test_search_refuses_a_schema_the_context_does_not_provide(self):
        self.search(field='zope.schema.interfaces.IField.title')
        self.assertEqual(self.browser.headers['Status'], '404 Not Found')

    def test_search_refuses_a_field_the_user_may_not_read(self):
        answer = self.search(
            field='formlib.keywordwidget.tests.app.ITagging.restricted_labels')
        self.assertEqual(self.browser.headers['Status'], '403 Forbidden')
        self.assertEqual(list(answer), ['error'])

    def test_search_of_the_widgets_url_finds_terms(self):
        self.browser.open('http://localhost/article/@@edit-tagging')
        page = lxml.html.fromstring(self.browser.contents)
        url = page.get_element_by_id('form.labels').getparent().get(
            'data-search-url')
        self.browser.open(url + '&' + urlencode({'q': 'smith'}))
        self.assertEqual(
            json.loads(self.browser.contents)['items'][0]['title'],
            'Smith, John')


class IExample(zope.interface.Interface):

    marked = zope.schema.List(value_type=zope.schema.TextLine())
    unmarked = zope.schema.List(value_type=zope.schema.TextLine())
    not_a_field = zope.interface.Attribute('Marked, but no field')


open_keywords(IExample['marked'], SimpleVocabulary.fromValues(['a']))
zope.interface.alsoProvides(IExample['not_a_field'], IHaveSelectableKeywords)


@zope.interface.implementer(IExample)
class Example:
    marked = unmarked = ()


class FindFieldTests(unittest.TestCase):

    def _callFUT(self, context, field_id):
        from formlib.keywordwidget.search import find_field
        return find_field(context, field_id)

    def test_find_field_finds_a_marked_field_unbound(self):
        field = self._callFUT(Example(), __name__ + '.IExample.marked')
        self.assertIs(field, IExample['marked'])

    def test_find_field_ignores_an_unmarked_field(self):
        self.assertIsNone(
            self._callFUT(Example(), __name__ + '.IExample.unmarked'))

    def test_find_field_ignores_a_marked_attribute_that_is_no_field(self):
        self.assertIsNone(
            self._callFUT(Example(), __name__ + '.IExample.not_a_field'))

    def test_find_field_ignores_a_schema_neither_provided_nor_imported(self):
        self.assertIsNone(
            self._callFUT(object(), 'nowhere.IExample.marked'))

    def test_find_field_ignores_an_id_without_a_schema(self):
        self.assertIsNone(self._callFUT(Example(), 'marked'))

    def test_find_field_imports_nothing(self):
        import sys
        self.assertIsNone(
            self._callFUT(Example(), 'antigravity.IExample.marked'))
        self.assertNotIn('antigravity', sys.modules)

    def test_find_field_ignores_a_name_that_is_no_schema(self):
        self.assertIsNone(self._callFUT(Example(), __name__ + '.Example.x'))

    def test_bind_binds_to_the_context_that_provides_the_schema(self):
        from formlib.keywordwidget.search import bind
        context = Example()
        self.assertIs(bind(IExample['marked'], context).context, context)

    def test_bind_gives_none_for_a_context_without_the_schema(self):
        from formlib.keywordwidget.search import bind
        self.assertIsNone(bind(IExample['marked'], object()))

    def test_bind_binds_to_the_schema_adapter_as_formlib_does(self):
        import zope.component
        import zope.component.testing

        class ExampleAdapter:
            """Stores the keywords of something else."""
            marked = ()

            def __init__(self, context):
                self.context = context

        zope.interface.classImplements(ExampleAdapter, IExample)
        zope.component.testing.setUp(self)
        self.addCleanup(zope.component.testing.tearDown, self)
        zope.component.provideAdapter(
            ExampleAdapter, (zope.interface.Interface,), IExample)
        from formlib.keywordwidget.search import bind
        context = object()
        field = bind(IExample['marked'], context)
        self.assertIsInstance(field.context, ExampleAdapter)
        self.assertIs(field.context.context, context)


class MaySearchTests(unittest.TestCase):

    def _callFUT(self, context):
        from formlib.keywordwidget.search import may_search
        return may_search(IExample['marked'], context)

    def test_may_search_a_field_the_user_may_read(self):
        from zope.security.checker import NamesChecker
        from zope.security.checker import defineChecker
        from zope.security.checker import undefineChecker

        class Readable(Example):
            """Example content whose marked field anyone may read."""

        defineChecker(Readable, NamesChecker(['marked']))
        self.addCleanup(undefineChecker, Readable)
        self.assertTrue(self._callFUT(Readable()))

    def test_may_not_search_without_security_declarations(self):
        self.assertFalse(self._callFUT(Example()))

    def test_may_not_search_a_field_only_an_adapter_could_read(self):
        # Reading it would need the adapter, which might write something.
        self.assertFalse(self._callFUT(object()))

    def guarded_field(self):
        from formlib.keywordwidget import set_edit_permission
        field = zope.schema.List(__name__='marked')
        set_edit_permission(field, 'example.EditKeywords')
        return field

    def test_declared_edit_permission_decides_when_denied(self):
        from zope.security.testing import interaction

        from formlib.keywordwidget.search import may_search
        context = Example()
        # zope.security's default policy denies every principal.
        with interaction('author'):
            self.assertFalse(may_search(self.guarded_field(), context))

    def test_declared_edit_permission_decides_when_granted(self):
        import zope.security.management
        from zope.security.simplepolicies import PermissiveSecurityPolicy
        from zope.security.testing import interaction

        from formlib.keywordwidget.search import may_search
        old = zope.security.management.setSecurityPolicy(
            PermissiveSecurityPolicy)
        self.addCleanup(zope.security.management.setSecurityPolicy, old)
        context = Example()
        # No security declarations: read access alone would say no.
        with interaction('editor'):
            self.assertTrue(may_search(self.guarded_field(), context))
