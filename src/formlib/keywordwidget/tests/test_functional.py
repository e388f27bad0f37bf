"""Real formlib forms on a real WSGI app, driven by zope.testbrowser."""
import json
import unittest

import zope.testbrowser.wsgi
from zope.schema.vocabulary import SimpleTerm

from formlib.keywordwidget.testing import FUNCTIONAL_LAYER
from formlib.keywordwidget.tests import app
from formlib.keywordwidget.tests.terms import use_vocabulary


class FunctionalTestCase(unittest.TestCase):

    layer = FUNCTIONAL_LAYER

    def setUp(self):
        self.browser = zope.testbrowser.wsgi.Browser()
        self.browser.raiseHttpErrors = True
        self.article = self.layer.root.article
        self.addCleanup(setattr, app, 'KEYWORDS', list(app.KEYWORDS))

    def open(self, view):
        self.browser.open('http://localhost/article/@@' + view)

    def post(self, view, data):
        """A POST as a forged or scripted client would send it."""
        self.browser.post('http://localhost/article/@@' + view, data)

    def assertEllipsis(self, expected, actual):
        import doctest
        checker = doctest.OutputChecker()
        flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
        if not checker.check_output(expected, actual, flags):
            self.fail('%r\nnot found in\n%s' % (expected, actual))


class EditFormTests(FunctionalTestCase):

    def test_select_by_label_and_apply_stores_keywords(self):
        self.open('edit')
        self.browser.getControl('Keywords').displayValue = ['Zope', 'Plone']
        self.browser.getControl('Apply').click()
        self.assertEqual(['Zope', 'Plone'], self.article.keywords)
        self.assertIn('Updated', self.browser.contents)

    def test_stored_keywords_are_selected(self):
        self.article.keywords = ['Plone']
        self.open('edit')
        self.assertEqual(['Plone'],
                         self.browser.getControl('Keywords').displayValue)

    def test_deselecting_everything_clears_the_field(self):
        self.article.keywords = ['Plone']
        self.open('edit')
        self.browser.getControl('Keywords').displayValue = []
        self.browser.getControl('Apply').click()
        self.assertEqual([], self.article.keywords)

    def test_stored_order_is_kept_and_new_keywords_follow(self):
        self.article.keywords = ['Zope', 'Python']
        self.open('edit')
        self.browser.getControl('Keywords').displayValue = [
            'Python', 'Zope', 'Django']
        self.browser.getControl('Apply').click()
        self.assertEqual(['Zope', 'Python', 'Django'], self.article.keywords)

    def test_set_field_and_source_binder_field_are_stored(self):
        self.open('edit')
        self.browser.getControl('Categories').displayValue = ['How-to']
        self.browser.getControl('Audiences').displayValue = ['Developers']
        self.browser.getControl('Apply').click()
        self.assertEqual({'howto'}, self.article.categories)
        self.assertEqual(['dev'], self.article.audiences)

    def test_forged_token_names_it_and_stores_nothing(self):
        self.article.keywords = ['Python']
        self.post('edit', {
            'form.title': 'Typed title',
            'form.keywords-empty-marker': '1',
            'form.keywords:list': ['Zope', '<evil>'],
            'form.actions.apply': 'Apply'})
        self.assertEqual('200 Ok', self.browser.headers['status'])
        self.assertIn('Not available for selection: \u201c&lt;evil&gt;\u201d',
                      self.browser.contents)
        self.assertNotIn('<evil>', self.browser.contents)
        self.assertEqual(['Python'], self.article.keywords)
        self.assertEqual('', self.article.title)
        # What the user typed comes back.
        self.assertEqual('Typed title',
                         self.browser.getControl('Title').value)
        self.assertEqual(['Zope'],
                         self.browser.getControl('Keywords').displayValue)

    def test_many_forged_tokens_are_counted_not_all_named(self):
        self.post('edit', {
            'form.keywords-empty-marker': '1',
            'form.keywords:list': ['bad%d' % i for i in range(25)],
            'form.actions.apply': 'Apply'})
        self.assertIn('and 15 more', self.browser.contents)
        self.assertNotIn('bad10', self.browser.contents)

    def test_stale_keyword_is_shown_unavailable_and_kept(self):
        self.article.keywords = ['Python', 'Turbogears']
        self.open('edit')
        control = self.browser.getControl('Keywords')
        self.assertEqual(['Python', 'Turbogears (unavailable)'],
                         control.displayValue)
        self.browser.getControl('Title').value = 'Other change'
        self.browser.getControl('Apply').click()
        self.assertEqual(['Python', 'Turbogears'], self.article.keywords)
        self.assertEqual('Other change', self.article.title)

    def test_keyword_retired_while_the_form_is_open_is_kept(self):
        self.article.keywords = ['Python', 'Django']
        self.open('edit')
        app.KEYWORDS.remove('Django')
        self.browser.getControl('Apply').click()
        self.assertEqual(['Python', 'Django'], self.article.keywords)
        control = self.browser.getControl('Keywords')
        self.assertEqual(['Python', 'Django (unavailable)'],
                         control.displayValue)
        self.browser.getControl('Apply').click()
        self.assertEqual(['Python', 'Django'], self.article.keywords)

    def test_stale_keyword_can_be_removed(self):
        self.article.keywords = ['Python', 'Turbogears']
        self.open('edit')
        self.browser.getControl('Keywords').displayValue = ['Python']
        self.browser.getControl('Apply').click()
        self.assertEqual(['Python'], self.article.keywords)

    def test_hostile_titles_are_escaped(self):
        hostile = '<script>alert("x")</script> & \u202eRTL \U0001F600'
        app.KEYWORDS.append(hostile)
        self.article.keywords = [hostile]
        for view in ('edit', 'display'):
            self.open(view)
            self.assertNotIn('<script>alert', self.browser.contents)
            self.assertIn('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
                          ' &amp; \u202eRTL \U0001F600',
                          self.browser.contents)
        self.open('edit')
        self.browser.getControl('Apply').click()
        self.assertEqual([hostile], self.article.keywords)

    def test_readonly_field_is_displayed_not_edited(self):
        self.article.archived_keywords = ['Zope']
        self.open('edit')
        self.assertEllipsis(
            '...<ul class="keywordwidget-display"><li><bdi>Zope</bdi></li>'
            '</ul>...', self.browser.contents)
        with self.assertRaises(LookupError):
            self.browser.getControl(name='form.archived_keywords:list')

    def test_post_for_a_readonly_field_changes_nothing(self):
        self.article.archived_keywords = ['Zope']
        self.post('edit', {
            'form.title': 'New',
            'form.archived_keywords-empty-marker': '1',
            'form.archived_keywords:list': ['Python'],
            'form.actions.apply': 'Apply'})
        self.assertEqual(['Zope'], self.article.archived_keywords)
        self.assertEqual('New', self.article.title)

    def test_unmarked_field_keeps_formlib_widget(self):
        self.open('edit')
        self.assertIn('form.colours.to', self.browser.contents)

    def test_custom_widget_still_wins(self):
        self.open('edit-custom')
        self.assertIn('type="checkbox"', self.browser.contents)
        self.assertNotIn('class="keywordwidget"', self.browser.contents)


class UnwriteableFormTests(FunctionalTestCase):
    """render_context=DISPLAY_UNWRITEABLE and zope.security's verdict."""

    def test_field_the_user_may_not_write_is_displayed(self):
        self.article.keywords = ['Zope']
        self.open('edit-unwriteable')
        self.assertEllipsis(
            '...<ul class="keywordwidget-display"><li><bdi>Zope</bdi></li>'
            '</ul>...', self.browser.contents)
        # The title, which anybody may write, stays editable.
        self.assertEqual('', self.browser.getControl('Title').value)

    def test_forged_post_for_that_field_changes_nothing(self):
        self.article.keywords = ['Zope']
        self.post('edit-unwriteable', {
            'form.title': 'Saved',
            'form.keywords-empty-marker': '1',
            'form.keywords:list': ['Python'],
            'form.actions.apply': 'Apply'})
        self.assertEqual(['Zope'], self.article.keywords)
        self.assertEqual('Saved', self.article.title)


class DisplayFormTests(FunctionalTestCase):

    def test_shows_titles_as_a_list(self):
        self.article.keywords = ['Zope', 'Python']
        self.article.categories = {'howto', 'news'}
        self.open('display')
        self.assertEllipsis(
            '...<ul class="keywordwidget-display"><li><bdi>Zope</bdi></li>'
            '<li><bdi>Python</bdi></li></ul>...'
            '<ul class="keywordwidget-display"><li><bdi>How-to</bdi></li>'
            '<li><bdi>News</bdi></li></ul>...', self.browser.contents)

    def test_empty_field_says_none(self):
        self.open('display')
        self.assertIn('<span class="keywordwidget-display-empty">(none)'
                      '</span>', self.browser.contents)

    def test_stale_keyword_is_shown_unavailable(self):
        self.article.keywords = ['Turbogears']
        self.open('display')
        self.assertIn('<li class="unavailable"><bdi>Turbogears</bdi>'
                      ' (unavailable)</li>', self.browser.contents)

    def test_post_to_display_form_changes_nothing(self):
        self.article.keywords = ['Zope']
        self.post('display', {
            'form.keywords-empty-marker': '1',
            'form.keywords:list': ['Python'],
            'form.actions.apply': 'Apply'})
        self.assertEqual(['Zope'], self.article.keywords)


class ForgedInputTypeTests(FunctionalTestCase):
    """Typed form variables (``:int``, ``:record``...) never give a 500."""

    FORGED = {
        'form.keywords:int': '5',
        'form.keywords:float': '5.5',
        'form.keywords:boolean': 'yes',
        'form.keywords.x:record': 'y',
        'form.keywords:list:int': '5',
        'form.keywords.new:int': '5',
        'form.keywords.new.x:record': 'y',
        'form.keywords.new:list': 'Zope',
        'form.keywords.tokens': 'not JSON',
        'form.keywords.tokens:list': '{"Zope": 1}',
        'form.keywords.tokens:tuple': '[1]',
        'form.keywords.lines': 'not JSON',
        'form.keywords.lines:list': '[["Zope"]]',
        'form.keywords.lines:tuple': '[["Zope", 1]]',
        'form.keywords.lines:int': '5',
        'form.keywords.lines:string': '["Zope", "Python", "Plone"]',
        'form.keywords.lines:required': '[{"Zope": 1, "Python": 2}]',
        'form.keywords.lines:text': '[["Zope"], "Python"]',
        'form.keywords.lines:lines': '[["Zope", "Python"]]',
    }

    def forge(self, name, value):
        self.browser.raiseHttpErrors = False
        self.post('edit-tagging', {
            'form.tags-empty-marker': '1',
            name.replace('form.keywords', 'form.tags'): value,
            'form.actions.apply': 'Apply'})

    def test_forged_types_are_refused_with_an_error(self):
        for name, value in self.FORGED.items():
            with self.subTest(name):
                self.article.tags = ['Python']
                self.forge(name, value)
                self.assertEqual('200 Ok', self.browser.headers['status'])
                if name.endswith('new:list'):
                    # A list of lines is lines (and nothing was selected).
                    self.assertEqual(['Zope'], self.article.tags)
                    continue
                self.assertIn('could not be read', self.browser.contents)
                self.assertEqual(['Python'], self.article.tags)

    def test_deeply_nested_json_is_refused_with_an_error(self):
        for name in ('form.keywords.tokens', 'form.keywords.lines'):
            with self.subTest(name):
                self.article.tags = ['Python']
                self.forge(name, '[' * 5000 + ']' * 5000)
                self.assertEqual('200 Ok', self.browser.headers['status'])
                self.assertIn('could not be read', self.browser.contents)
                self.assertEqual(['Python'], self.article.tags)

    def test_tokens_posted_as_one_json_list_are_stored(self):
        # As the enhancement posts them.
        self.post('edit-tagging', {
            'form.tags-empty-marker': '1',
            'form.tags.tokens': '["Zope", "new:Asyncio"]',
            'form.tags:list': 'Python',
            'form.actions.apply': 'Apply'})
        self.assertEqual(['Python', 'Zope', 'Asyncio'], self.article.tags)


class ChangingVocabularyTests(FunctionalTestCase):
    """Terms change between the rendering of a form and its save."""

    def test_a_stored_keyword_whose_token_changed_is_kept(self):
        vocabulary = use_vocabulary(self, [
            SimpleTerm('v1', 't1', 'One'), SimpleTerm('v2', 't2', 'Two'),
            SimpleTerm('v3', 't3', 'Three')])
        self.article.keywords = ['v1', 'v2']
        self.open('edit')
        # The app renames a token (derived from a title, say).
        vocabulary.terms[1] = SimpleTerm('v2', 't2-renamed', 'Two')
        self.browser.getControl('Apply').click()
        self.assertNotIn('class="error"', self.browser.contents)
        self.assertEqual(self.article.keywords, ['v1', 'v2'])
        self.browser.getControl('Apply').click()
        self.assertEqual(self.article.keywords, ['v1', 'v2'])

    def test_a_created_keyword_is_not_taken_for_a_suggestion(self):
        # Suggestions whose tokens are their values, as site keywords'
        # are: one somebody created is "new:York".
        use_vocabulary(self, [SimpleTerm('Python', 'Python', 'Python'),
                              SimpleTerm('new:York', 'new:York', 'new:York')])
        # The enhancement posts a keyword the user creates, "York", so.
        self.post('edit-tagging', {
            'form.tags-empty-marker': '1',
            'form.tags.tokens': json.dumps(['new:York']),
            'form.actions.apply': 'Apply'})
        self.assertEqual(self.article.tags, ['York'])

    def test_a_suggestion_that_looks_like_a_created_keyword_is_chosen(self):
        use_vocabulary(self, [
            SimpleTerm('new:York', 'new:York', 'new:York'),
            SimpleTerm('term:x', 'term:x', 'term:x'),
            SimpleTerm('stored:x', 'stored:x', 'stored:x'),
            SimpleTerm('x', 'x', 'x')])
        self.open('edit-tagging')
        self.browser.getControl('Tags').displayValue = [
            'new:York', 'term:x', 'stored:x']
        self.browser.getControl('Apply').click()
        self.assertEqual(self.article.tags, ['new:York', 'term:x', 'stored:x'])


class TypedTextTests(FunctionalTestCase):
    """What users type or paste into the textarea of the tagging form."""

    def test_lines_of_invisible_characters_only_are_ignored(self):
        invisible = {
            # Two of each: the value type wants two characters at least.
            'combining grapheme joiners': '\u034f\u034f',
            'variation selectors': '\ufe0f\ufe0f',
            'hangul fillers': '\u3164\u3164',
            'soft hyphens': '\u00ad\u00ad',
            'tags': '\U000e0041\U000e0042',
        }
        for name, text in invisible.items():
            with self.subTest(name):
                self.article.tags = ['Python']
                self.open('edit-tagging')
                self.browser.getControl(name='form.tags.new').value = text
                self.browser.getControl('Apply').click()
                self.assertEqual(self.article.tags, ['Python'])

    def test_a_pasted_soft_hyphen_finds_the_keyword_there_is(self):
        self.open('edit-tagging')
        self.browser.getControl(name='form.tags.new').value = (
            'Py\u00adthon\nZope\ufe0f')
        self.browser.getControl('Apply').click()
        self.assertEqual(self.article.tags, ['Python', 'Zope'])
