import unittest

import zope.interface
import zope.schema
from zope.publisher.browser import TestRequest
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


HOSTILE = '<script>alert("x")</script> & \'q\' \u202egnp.exe \U0001F600'


def vocabulary(*titles):
    """Terms with tokens t0, t1, ... and the given titles as values."""
    return SimpleVocabulary([
        SimpleTerm(title, 't%d' % index, title)
        for index, title in enumerate(titles)])


class IDocument(zope.interface.Interface):

    keywords = zope.schema.List(
        title='Keywords', required=False,
        value_type=zope.schema.Choice(
            vocabulary=vocabulary('Python', 'Zope', 'Plone')))

    tags = zope.schema.Set(
        title='Tags', required=False,
        value_type=zope.schema.Choice(
            vocabulary=vocabulary('beta', 'Alpha', 'gamma')))


@zope.interface.implementer(IDocument)
class Document:

    def __init__(self, keywords=(), tags=frozenset()):
        self.keywords = list(keywords)
        self.tags = set(tags)


def form(*tokens, **extra):
    """A submitted form for the widget named ``field.keywords``."""
    data = {'field.keywords-empty-marker': '1'}
    if tokens:
        data['field.keywords'] = list(tokens)
    data.update(extra)
    return data


class KeywordInputWidgetTests(unittest.TestCase):

    def setUp(self):
        import zope.component.testing
        from zope.formlib.exception import WidgetInputErrorView
        from zope.formlib.interfaces import IWidgetInputError
        from zope.publisher.interfaces.browser import IBrowserRequest
        zope.component.testing.setUp(self)
        zope.component.provideAdapter(
            WidgetInputErrorView, (IWidgetInputError, IBrowserRequest))

    def tearDown(self):
        import zope.component.testing
        zope.component.testing.tearDown(self)

    def _getTargetClass(self):
        from formlib.keywordwidget.widget import KeywordInputWidget
        return KeywordInputWidget

    def _makeOne(self, form=None, content=None, field=None, **kw):
        field = (field or IDocument['keywords']).bind(content or Document())
        for name, value in kw.items():
            setattr(field, name, value)
        return self._getTargetClass()(field, TestRequest(form=form or {}))

    def test_provides_its_interface(self):
        from zope.interface.verify import verifyObject

        from formlib.keywordwidget.interfaces import IKeywordInputWidget
        self.assertTrue(verifyObject(IKeywordInputWidget, self._makeOne()))

    def test_select_id_is_the_widget_name(self):
        html = self._makeOne()()
        self.assertIn(
            '<select multiple="multiple" id="field.keywords"'
            ' name="field.keywords:list"', html)

    def test_options_carry_tokens_and_titles(self):
        html = self._makeOne()()
        self.assertIn('<option value="t0">Python</option>', html)
        self.assertIn('<option value="t2">Plone</option>', html)

    def test_term_without_title_shows_its_value(self):
        field = zope.schema.List(
            __name__='keywords', value_type=zope.schema.Choice(
                vocabulary=SimpleVocabulary.fromValues(['abc'])))
        widget = self._getTargetClass()(field, TestRequest())
        self.assertIn('<option value="abc">abc</option>', widget())

    def test_stored_values_are_selected(self):
        widget = self._makeOne()
        widget.setRenderedValue(['Zope'])
        html = widget()
        self.assertIn('<option value="t1" selected="selected">Zope</option>',
                      html)
        self.assertIn('<option value="t0">Python</option>', html)

    def test_stored_values_come_first_in_their_order(self):
        widget = self._makeOne()
        widget.setRenderedValue(['Plone', 'Python'])
        html = widget()
        self.assertLess(html.index('Plone'), html.index('Python'))
        self.assertLess(html.index('Python'), html.index('Zope'))
        self.assertEqual(1, html.count('Plone'))

    def test_hidden_marker_tells_an_empty_selection_from_no_input(self):
        self.assertIn(
            '<input type="hidden" name="field.keywords-empty-marker"',
            self._makeOne()())
        self.assertFalse(self._makeOne({}).hasInput())
        self.assertTrue(self._makeOne(form()).hasInput())

    def test_empty_selection_gives_empty_list(self):
        self.assertEqual([], self._makeOne(form()).getInputValue())

    def test_tokens_become_values(self):
        widget = self._makeOne(form('t2', 't0'))
        self.assertEqual(['Plone', 'Python'], widget.getInputValue())

    def test_single_posted_token_is_a_list_of_one(self):
        widget = self._makeOne({'field.keywords-empty-marker': '1',
                                'field.keywords': 't1'})
        self.assertEqual(['Zope'], widget.getInputValue())

    def test_duplicate_tokens_are_merged(self):
        widget = self._makeOne(form('t1', 't0', 't1'))
        self.assertEqual(['Zope', 'Python'], widget.getInputValue())

    def test_posted_order_is_the_new_order(self):
        # The user moved Plone before Zope, and added Python.
        content = Document(keywords=['Zope', 'Plone'])
        widget = self._makeOne(form('t2', 't1', 't0'), content=content)
        self.assertEqual(['Plone', 'Zope', 'Python'], widget.getInputValue())

    def test_set_field_gives_a_set(self):
        field = IDocument['tags'].bind(Document())
        request = TestRequest(form={
            'field.tags-empty-marker': '1', 'field.tags': ['t0', 't2']})
        widget = self._getTargetClass()(field, request)
        self.assertEqual({'beta', 'gamma'}, widget.getInputValue())

    def test_unknown_token_names_it_in_error(self):
        from zope.formlib.interfaces import ConversionError
        widget = self._makeOne(form('t0', 'forged'))
        with self.assertRaises(ConversionError):
            widget.getInputValue()
        self.assertIn('\u201cforged\u201d', widget.error())
        self.assertIn('Not available for selection', widget.error())

    def test_error_names_ten_inputs_then_counts_the_rest(self):
        tokens = ['bad%02d' % index for index in range(13)]
        message = self._error_of(self._makeOne(form(*tokens)))
        self.assertIn('bad09', message)
        self.assertNotIn('bad10', message)
        self.assertIn('and 3 more', message)

    def _error_of(self, widget):
        from zope.formlib.interfaces import InputErrors
        with self.assertRaises(InputErrors):
            widget.getInputValue()
        return widget.error()

    def test_error_cuts_long_inputs(self):
        widget = self._makeOne(form('x' * 5000))
        message = self._error_of(widget)
        self.assertIn('x' * 40 + '\u2026', message)
        self.assertNotIn('x' * 41, message)

    def test_error_escapes_the_offending_input(self):
        widget = self._makeOne(form('<b>"bad"</b>'))
        message = self._error_of(widget)
        self.assertIn('&lt;b&gt;&quot;bad&quot;&lt;/b&gt;', message)
        self.assertNotIn('<b>', message)

    def test_rerender_after_error_keeps_the_valid_selection(self):
        widget = self._makeOne(form('t2', 'forged'))
        self._error_of(widget)
        html = widget()
        self.assertIn('<option value="t2" selected="selected">Plone</option>',
                      html)
        self.assertNotIn('forged', html)

    def test_error_is_tied_to_the_select(self):
        widget = self._makeOne(form('t0', 'forged'))
        self.assertIn('id="field.keywords-error"', self._error_of(widget))
        self.assertIn(
            '<select multiple="multiple" id="field.keywords"'
            ' name="field.keywords:list" size="8" aria-invalid="true"'
            ' aria-describedby="field.keywords-error">', widget())

    def test_select_without_error_is_not_marked_invalid(self):
        widget = self._makeOne(form('t0'))
        widget.getInputValue()
        self.assertEqual('', widget.error())
        self.assertNotIn('aria-invalid', widget())

    def test_text_typed_on_a_closed_field_comes_back_after_an_error(self):
        # The enhancement posts what it could not match, as typed text.
        widget = self._makeOne(form('t0', **{'field.keywords.new': 'Flask'}))
        self.assertIn('\u201cFlask\u201d', self._error_of(widget))
        html = widget()
        self.assertIn('<label for="field.keywords.new">', html)
        self.assertIn(
            '<textarea id="field.keywords.new" name="field.keywords.new"'
            ' rows="3" aria-invalid="true"'
            ' aria-describedby="field.keywords-error">\nFlask</textarea>',
            html)

    def test_closed_small_field_without_typed_text_has_no_textarea(self):
        widget = self._makeOne(form('t0', 'forged'))
        self._error_of(widget)
        self.assertNotIn('<textarea', widget())

    def test_required_field_refuses_empty_selection(self):
        from zope.formlib.interfaces import WidgetInputError
        widget = self._makeOne(form(), required=True)
        with self.assertRaises(WidgetInputError):
            widget.getInputValue()

    def test_max_length_of_the_field_is_enforced(self):
        from zope.formlib.interfaces import WidgetInputError
        widget = self._makeOne(form('t0', 't1'), max_length=1)
        with self.assertRaises(WidgetInputError):
            widget.getInputValue()

    def test_hostile_titles_and_tokens_are_escaped(self):
        field = zope.schema.List(
            __name__='keywords', value_type=zope.schema.Choice(
                vocabulary=SimpleVocabulary([
                    SimpleTerm('v', '"><script>x</script>', HOSTILE)])))
        html = self._getTargetClass()(field, TestRequest())()
        self.assertNotIn('<script>', html)
        self.assertIn('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"',
                      html)
        self.assertIn('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
                      ' &amp; &#x27;q&#x27; \u202egnp.exe \U0001F600', html)

    def test_right_to_left_title_is_isolated_in_the_select_alone(self):
        # The select shows it isolated; the enhancement gets the text.
        field = zope.schema.List(
            __name__='keywords', value_type=zope.schema.Choice(
                vocabulary=vocabulary('\u05e9\u05dc\u05d5\u05dd!', 'Zope')))
        html = self._getTargetClass()(field, TestRequest())()
        self.assertIn(
            '<option value="t0" data-text="\u05e9\u05dc\u05d5\u05dd!">'
            '\u2068\u05e9\u05dc\u05d5\u05dd!\u2069</option>'
            '<option value="t1">Zope</option>', html)

    def test_value_is_given_where_neither_title_nor_token_spells_it(self):
        # The server takes a typed value as its keyword: so does the
        # enhancement.
        field = zope.schema.List(
            __name__='keywords', value_type=zope.schema.Choice(
                vocabulary=SimpleVocabulary([
                    SimpleTerm('howto', 'howto', 'How-to'),
                    SimpleTerm('news', 't1', 'News'),
                    SimpleTerm('<rel>', 't2', 'Release'),
                    SimpleTerm('Zope', 't3')])))
        widget = self._getTargetClass()(field, TestRequest())
        widget.setRenderedValue(['news'])
        html = widget()
        self.assertIn(
            '<option value="t1" selected="selected" data-spelling="news">'
            'News</option>', html)
        self.assertIn(
            '<option value="howto">How-to</option>'
            '<option value="t2" data-spelling="&lt;rel&gt;">Release</option>'
            '<option value="t3">Zope</option>', html)

    def test_every_kind_of_term_is_listed_as_rendered_alone(self):
        # The options of terms not chosen are built in a quick loop:
        # each must still carry what the chosen option of its term does.
        from zope.i18nmessageid import MessageFactory
        message = MessageFactory('formlib.keywordwidget.tests')
        field = zope.schema.List(
            __name__='keywords', value_type=zope.schema.Choice(
                vocabulary=SimpleVocabulary([
                    SimpleTerm('Python', 'python', 'Python'),
                    SimpleTerm('Zope', 'Zope', 'Zope'),
                    SimpleTerm('Cafe', 'cafe', 'Caf\xe9'),
                    SimpleTerm('\u05e9\u05dc\u05d5\u05dd', 'shalom',
                               '\u05e9\u05dc\u05d5\u05dd'),
                    SimpleTerm('rtl', 'rtl', '\u05e9 <b>'),
                    SimpleTerm('howto', 'howto', 'How-to'),
                    SimpleTerm('<rel>', 't1', 'Release'),
                    SimpleTerm('new:x', 'new:x', 'New x'),
                    SimpleTerm('term', 'stored:y', 'Stored y'),
                    SimpleTerm(7, 'seven', 'Seven'),
                    SimpleTerm('untitled', 'u"t'),
                    SimpleTerm('m', 'm', message(
                        'Kw ${n}', mapping={'n': '<1>'})),
                    SimpleTerm('"q"', 'q', HOSTILE),
                ])))
        widget = self._getTargetClass()(field, TestRequest())
        self.maxDiff = None
        options = widget().split('size="8">')[1].split('</select>')[0]
        self.assertEqual(
            '<option value="python">Python</option>'
            '<option value="Zope">Zope</option>'
            '<option value="cafe" data-spelling="Cafe">Caf\xe9</option>'
            '<option value="shalom" data-text="\u05e9\u05dc\u05d5\u05dd">'
            '\u2068\u05e9\u05dc\u05d5\u05dd\u2069</option>'
            '<option value="rtl" data-text="\u05e9 &lt;b&gt;">'
            '\u2068\u05e9 &lt;b&gt;\u2069</option>'
            '<option value="howto">How-to</option>'
            '<option value="t1" data-spelling="&lt;rel&gt;">Release</option>'
            '<option value="term:new:x" data-spelling="new:x">New x</option>'
            '<option value="term:stored:y" data-spelling="term">'
            'Stored y</option>'
            '<option value="seven">Seven</option>'
            '<option value="u&quot;t">untitled</option>'
            '<option value="m">Kw &lt;1&gt;</option>'
            '<option value="q" data-text="%s" data-spelling="&quot;q&quot;">'
            '\u2068%s\u2069</option>' % ((
                '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;'
                ' &#x27;q&#x27; \u202egnp.exe \U0001F600',) * 2),
            options)

    def test_listed_options_need_no_separator_or_prefix_of_their_own(self):
        # A NUL in a title, a reserved prefix inside a token: the options
        # are escaped, and their tokens posted, as each alone would be.
        field = zope.schema.List(
            __name__='keywords', value_type=zope.schema.Choice(
                vocabulary=SimpleVocabulary([
                    SimpleTerm('A\0<', 'x-new:a', 'A\0<'),
                    SimpleTerm('B', 'new:b', 'B')])))
        html = self._getTargetClass()(field, TestRequest())()
        self.assertIn(
            '<option value="x-new:a">A\0&lt;</option>'
            '<option value="term:new:b">B</option>', html)

    def test_stored_value_out_of_vocabulary_is_shown_unavailable(self):
        from formlib.keywordwidget.keywords import stored_token
        content = Document(keywords=['Zope', 'Gone <old>'])
        widget = self._makeOne(content=content)
        widget.setRenderedValue(content.keywords)
        html = widget()
        self.assertIn(
            '<option class="unavailable" value="%s" selected="selected"'
            ' data-text="Gone &lt;old&gt;">Gone &lt;old&gt; (unavailable)'
            '</option>' % stored_token('Gone <old>'), html)

    def test_unavailable_value_left_selected_is_kept(self):
        from formlib.keywordwidget.keywords import stored_token
        content = Document(keywords=['Gone', 'Zope'])
        widget = self._makeOne(
            form(stored_token('Gone'), 't1', 't0'), content=content)
        self.assertEqual(['Gone', 'Zope', 'Python'], widget.getInputValue())

    def test_unavailable_value_deselected_is_removed(self):
        content = Document(keywords=['Gone', 'Zope'])
        widget = self._makeOne(form('t1'), content=content)
        self.assertEqual(['Zope'], widget.getInputValue())

    def test_stored_token_for_a_value_not_stored_is_refused(self):
        from zope.formlib.interfaces import ConversionError

        from formlib.keywordwidget.keywords import stored_token
        widget = self._makeOne(
            form(stored_token('Forged')), content=Document())
        with self.assertRaises(ConversionError):
            widget.getInputValue()

    def test_content_without_the_schema_has_no_stored_values(self):
        # e.g. an add form, bound to the container
        field = IDocument['keywords'].bind(object())
        widget = self._getTargetClass()(field, TestRequest(form=form('t0')))
        self.assertEqual(['Python'], widget.getInputValue())


class KeywordDisplayWidgetTests(unittest.TestCase):

    def _getTargetClass(self):
        from formlib.keywordwidget.widget import KeywordDisplayWidget
        return KeywordDisplayWidget

    def _makeOne(self, value, field=None):
        field = (field or IDocument['keywords']).bind(Document())
        widget = self._getTargetClass()(field, TestRequest())
        widget.setRenderedValue(value)
        return widget

    def test_provides_its_interface(self):
        from zope.formlib.interfaces import IInputWidget
        from zope.interface.verify import verifyObject

        from formlib.keywordwidget.interfaces import IKeywordDisplayWidget
        widget = self._makeOne([])
        self.assertTrue(verifyObject(IKeywordDisplayWidget, widget))
        self.assertFalse(IInputWidget.providedBy(widget))

    def test_lists_titles_in_stored_order(self):
        self.assertEqual(
            '<ul class="keywordwidget-display"><li><bdi>Zope</bdi></li>'
            '<li><bdi>Python</bdi></li></ul>',
            self._makeOne(['Zope', 'Python'])())

    def test_set_is_listed_alphabetically(self):
        widget = self._makeOne({'gamma', 'Alpha', 'beta'},
                               field=IDocument['tags'])
        html = widget()
        self.assertLess(html.index('Alpha'), html.index('beta'))
        self.assertLess(html.index('beta'), html.index('gamma'))

    def test_empty_value_says_none(self):
        self.assertEqual(
            '<span class="keywordwidget-display-empty">(none)</span>',
            self._makeOne([])())
        self.assertIn('(none)', self._makeOne(None)())

    def test_value_out_of_vocabulary_is_marked_unavailable(self):
        self.assertIn(
            '<li class="unavailable"><bdi>Gone &amp; lost</bdi>'
            ' (unavailable)</li>',
            self._makeOne(['Gone & lost'])())

    def test_hostile_titles_are_escaped(self):
        field = zope.schema.List(
            __name__='keywords', value_type=zope.schema.Choice(
                vocabulary=SimpleVocabulary([SimpleTerm('v', 't', HOSTILE)])))
        widget = self._getTargetClass()(field, TestRequest())
        widget.setRenderedValue(['v'])
        html = widget()
        self.assertNotIn('<script>', html)
        self.assertIn('&lt;script&gt;', html)


class UnusualFieldTests(unittest.TestCase):
    """Vocabularies, schemas and contexts off the beaten track."""

    def widget(self, field, context, **form):
        from formlib.keywordwidget.widget import KeywordInputWidget
        form['field.%s-empty-marker' % field.__name__] = '1'
        return KeywordInputWidget(field.bind(context), TestRequest(form=form))

    def test_typed_keyword_matches_a_term_whose_value_is_no_text(self):
        from formlib.keywordwidget import set_large_threshold
        field = zope.schema.List(
            __name__='keywords', value_type=zope.schema.Choice(
                vocabulary=SimpleVocabulary([
                    SimpleTerm(1, '1', 'Python'),
                    SimpleTerm(2, '2', 'Zope')])))
        set_large_threshold(field, 1)
        widget = self.widget(field, None, **{'field.keywords.new': 'zope'})
        self.assertEqual([2], widget.getInputValue())

    def test_field_without_a_schema_has_no_stored_values(self):
        field = zope.schema.List(
            __name__='keywords',
            value_type=zope.schema.Choice(values=['a', 'b']))
        widget = self.widget(field, object(), **{'field.keywords': ['a']})
        self.assertIn('<option value="a" selected="selected">a</option>',
                      widget())
        self.assertEqual(['a'], widget.getInputValue())

    def test_source_without_a_size_is_searched_not_listed(self):
        from zope.schema.interfaces import IIterableSource

        @zope.interface.implementer(IIterableSource)
        class Source:
            """Iterable and tokenized, but of no known size."""
            vocabulary = SimpleVocabulary.fromValues(['Python', 'Zope'])

            def __contains__(self, value):
                return value in self.vocabulary

            def __iter__(self):
                return iter(self.vocabulary)

            def getTerm(self, value):
                return self.vocabulary.getTerm(value)

            def getTermByToken(self, token):
                return self.vocabulary.getTermByToken(token)

        field = zope.schema.List(
            __name__='keywords',
            value_type=zope.schema.Choice(source=Source()))
        widget = self.widget(field, None)
        widget.setRenderedValue(['Zope'])
        html = widget()
        self.assertIn('>Zope</option>', html)
        self.assertNotIn('>Python</option>', html)

    def test_keywords_of_one_context_never_go_to_another(self):
        # Two contexts whose vocabularies have equal tokens and titles but
        # other values: typing picks this context's value.
        from formlib.keywordwidget import set_large_threshold

        @zope.interface.provider(
            zope.schema.interfaces.IContextSourceBinder)
        def people(context):
            return SimpleVocabulary([
                SimpleTerm(context.team + '/ann', 'ann', 'Ann'),
                SimpleTerm(context.team + '/bob', 'bob', 'Bob')])

        class ITeam(zope.interface.Interface):
            members = zope.schema.List(
                value_type=zope.schema.Choice(source=people))

        @zope.interface.implementer(ITeam)
        class Team:
            members = ()

            def __init__(self, team):
                self.team = team

        set_large_threshold(ITeam['members'], 1)
        for team in ('red', 'blue'):
            widget = self.widget(
                ITeam['members'], Team(team), **{'field.members.new': 'Ann'})
            self.assertEqual([team + '/ann'], widget.getInputValue())

    def test_equal_tokens_with_other_values_never_cross_contexts(self):
        # SimpleVocabulary.fromItems in a context binder: the same tokens,
        # no titles, each context's own values.
        from zope.formlib.interfaces import ConversionError

        from formlib.keywordwidget import set_large_threshold
        from formlib.keywordwidget.keywords import Keywords

        @zope.interface.provider(
            zope.schema.interfaces.IContextSourceBinder)
        def people(context):
            return SimpleVocabulary.fromItems([
                ('ann', context.team + '/ann'),
                ('bob', context.team + '/bob')])

        class ITeam(zope.interface.Interface):
            members = zope.schema.List(
                value_type=zope.schema.Choice(source=people))

        @zope.interface.implementer(ITeam)
        class Team:
            members = ()

            def __init__(self, team):
                self.team = team

        set_large_threshold(ITeam['members'], 1)
        for team, other in (('red', 'blue'), ('blue', 'red')):
            widget = self.widget(
                ITeam['members'], Team(team),
                **{'field.members.new': team + '/ann'})
            self.assertEqual([team + '/ann'], widget.getInputValue())
            widget = self.widget(
                ITeam['members'], Team(team),
                **{'field.members.new': other + '/bob'})
            with self.assertRaises(ConversionError) as caught:
                widget.getInputValue()
            self.assertIn('Not available for selection',
                          caught.exception.doc())
            keywords = Keywords(ITeam['members'].bind(Team(team)),
                                TestRequest())
            found = keywords.search('bob', 5)
            self.assertEqual([term.value for term in found], [team + '/bob'])

    def test_kept_keywords_count_towards_the_maximum(self):
        from zope.formlib.interfaces import WidgetInputError

        from formlib.keywordwidget.keywords import stored_token
        field = zope.schema.List(
            __name__='keywords', max_length=2,
            value_type=zope.schema.Choice(values=['a', 'b']))
        field.interface = IDocument
        content = Document(keywords=['gone', 'a'])
        widget = self.widget(field, content, **{'field.keywords': [
            stored_token('gone'), 'a', 'b']})
        with self.assertRaises(WidgetInputError):
            widget.getInputValue()
        from zope.i18n import translate
        self.assertEqual('Choose at most 2 keywords, not 3.',
                         translate(widget._error.doc()))


class SearchUrlTests(unittest.TestCase):

    def test_widget_rendered_outside_a_publication_has_no_search_url(self):
        from formlib.keywordwidget.settings import set_large_threshold
        from formlib.keywordwidget.widget import KeywordInputWidget
        field = zope.schema.List(
            __name__='keywords', value_type=zope.schema.Choice(
                values=['Python', 'Zope']))
        set_large_threshold(field, 1)
        field.interface = IDocument
        widget = KeywordInputWidget(field.bind(Document()), TestRequest())
        html = widget()
        self.assertIsNone(widget.search_url())
        self.assertNotIn('data-search-url', html)
