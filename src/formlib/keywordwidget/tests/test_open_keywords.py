"""Tests of the keyword widgets on open fields and large vocabularies."""
import unittest

import lxml.html
import zope.interface
import zope.schema
from zope.interface.interface import InterfaceClass
from zope.publisher.browser import TestRequest
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


SUGGESTIONS = SimpleVocabulary([
    SimpleTerm('Python', 'python', 'Python'),
    SimpleTerm('Zope', 'zope', 'Zope'),
    SimpleTerm('Plone', 'plone', 'Plone'),
])


def make_field(closed=False, threshold=None, **kw):
    """A keywords field in a schema of its own, open or closed."""
    from formlib.keywordwidget import IHaveSelectableKeywords
    from formlib.keywordwidget.settings import open_keywords
    from formlib.keywordwidget.settings import set_large_threshold
    if closed:
        value_type = zope.schema.Choice(vocabulary=SUGGESTIONS)
    else:
        value_type = zope.schema.TextLine(min_length=2, max_length=20)
    kw.setdefault('required', False)
    field = zope.schema.List(title='Keywords', value_type=value_type, **kw)
    InterfaceClass('ITagged', attrs={'keywords': field})
    if closed:
        zope.interface.alsoProvides(field, IHaveSelectableKeywords)
    else:
        open_keywords(field, SUGGESTIONS)
    if threshold is not None:
        set_large_threshold(field, threshold)
    return field


class Content:
    """Something with keywords."""

    def __init__(self, field, keywords=()):
        zope.interface.alsoProvides(self, field.interface)
        self.keywords = keywords


def make_widget(field, keywords=(), form=None):
    """An edit widget for content with `keywords`, as a form makes it."""
    from formlib.keywordwidget.widget import KeywordInputWidget
    request = TestRequest(form=form or {}, PATH_INFO='/content/@@edit')
    request._traversed_names = ['content', '@@edit']
    content = Content(field, keywords)
    widget = KeywordInputWidget(field.bind(content), request)
    widget.setPrefix('form')
    if form is None:
        widget.setRenderedValue(keywords)
    return widget


def submit(field, tokens=(), typed='', keywords=()):
    return make_widget(field, keywords, {
        'form.keywords': list(tokens),
        'form.keywords.new': typed,
        'form.keywords-empty-marker': '1',
    })


def error_text(widget):
    from zope.i18n import translate
    return translate(widget._error.doc())


class OpenKeywordsInputTests(unittest.TestCase):

    def test_typed_lines_become_keywords(self):
        widget = submit(make_field(), typed='Pyramid\nDjango')
        self.assertEqual(widget.getInputValue(), ['Pyramid', 'Django'])

    def test_typed_keyword_takes_the_vocabulary_spelling(self):
        widget = submit(make_field(), typed='python')
        self.assertEqual(widget.getInputValue(), ['Python'])

    def test_typed_keyword_is_trimmed_and_collapsed(self):
        widget = submit(make_field(), typed='  Zope \t  Toolkit  ')
        self.assertEqual(widget.getInputValue(), ['Zope Toolkit'])

    def test_typed_keyword_is_composed_to_nfc(self):
        widget = submit(make_field(), typed='Zu\u0308rich')
        self.assertEqual(widget.getInputValue(), ['Z\u00fcrich'])

    def test_typed_keyword_keeps_commas_and_semicolons(self):
        widget = submit(make_field(), typed='Smith, John\na; b')
        self.assertEqual(widget.getInputValue(), ['Smith, John', 'a; b'])

    def test_typed_duplicates_merge_ignoring_case(self):
        widget = submit(make_field(), typed='Pyramid\nPYRAMID\npyramid')
        self.assertEqual(widget.getInputValue(), ['Pyramid'])

    def test_typed_duplicate_of_a_selected_keyword_merges(self):
        widget = submit(make_field(), tokens=['zope'], typed='ZOPE')
        self.assertEqual(widget.getInputValue(), ['Zope'])

    def test_empty_lines_are_ignored(self):
        widget = submit(make_field(), typed='\n  \nPyramid\n\n')
        self.assertEqual(widget.getInputValue(), ['Pyramid'])

    def test_selected_then_typed_is_the_users_order(self):
        widget = submit(
            make_field(), tokens=['zope', 'python'], typed='Pyramid\nAsyncio')
        self.assertEqual(
            widget.getInputValue(), ['Zope', 'Python', 'Pyramid', 'Asyncio'])

    def test_prefixed_select_value_is_typed_text(self):
        from formlib.keywordwidget.keywords import NEW_KEYWORD_PREFIX
        widget = submit(
            make_field(), tokens=[NEW_KEYWORD_PREFIX + ' Pyramid '])
        self.assertEqual(widget.getInputValue(), ['Pyramid'])

    def test_prefixed_select_value_takes_the_vocabulary_spelling(self):
        from formlib.keywordwidget.keywords import NEW_KEYWORD_PREFIX
        widget = submit(make_field(), tokens=[NEW_KEYWORD_PREFIX + 'plone'])
        self.assertEqual(widget.getInputValue(), ['Plone'])

    def test_unprefixed_unknown_select_value_is_refused(self):
        from zope.formlib.interfaces import ConversionError
        widget = submit(make_field(), tokens=['forged'])
        with self.assertRaises(ConversionError):
            widget.getInputValue()
        self.assertIn('\u201cforged\u201d', error_text(widget))

    def test_kept_stored_keyword_stays_as_stored(self):
        from formlib.keywordwidget.keywords import NEW_KEYWORD_PREFIX
        widget = submit(make_field(), tokens=[NEW_KEYWORD_PREFIX + 'odd  one'],
                        keywords=['odd  one'])
        self.assertEqual(widget.getInputValue(), ['odd  one'])

    def test_typed_keyword_takes_a_stored_spelling(self):
        widget = submit(make_field(), typed='PYRAMID', keywords=['Pyramid'])
        self.assertEqual(widget.getInputValue(), ['Pyramid'])

    def test_list_takes_the_posted_order_then_typed_keywords(self):
        from formlib.keywordwidget.keywords import NEW_KEYWORD_PREFIX
        # Stored as Pyramid, Zope; the user moved Zope first.
        widget = submit(
            make_field(), tokens=['zope', NEW_KEYWORD_PREFIX + 'Pyramid'],
            typed='Asyncio', keywords=['Pyramid', 'Zope'])
        self.assertEqual(
            widget.getInputValue(), ['Zope', 'Pyramid', 'Asyncio'])

    def test_too_long_keyword_is_named_with_the_limit(self):
        from zope.formlib.interfaces import ConversionError
        widget = submit(make_field(), typed='A keyword much too long to keep')
        with self.assertRaises(ConversionError):
            widget.getInputValue()
        self.assertIn('\u201cA keyword much too long to keep\u201d'
                      ' (longer than 20 characters)', error_text(widget))

    def test_too_short_keyword_is_named_with_the_limit(self):
        from zope.formlib.interfaces import ConversionError
        widget = submit(make_field(), typed='Pyramid\nx')
        with self.assertRaises(ConversionError):
            widget.getInputValue()
        self.assertIn('\u201cx\u201d (shorter than 2 characters)',
                      error_text(widget))

    def test_typed_controls_and_bidi_overrides_are_dropped(self):
        widget = submit(make_field(),
                        typed='Py\x00thon\n\u200b\u200b\n\u202eevil.exe')
        self.assertEqual(widget.getInputValue(), ['Python', 'evil.exe'])

    def test_form_feed_and_line_separators_do_not_split_a_line(self):
        widget = submit(make_field(),
                        typed='Smith\x0cJohn\r\nZope\u2028Plone\x85Go')
        self.assertEqual(widget.getInputValue(),
                         ['Smith John', 'Zope Plone Go'])

    def test_right_to_left_keywords_are_isolated_where_shown(self):
        from zope.formlib.interfaces import ConversionError
        hebrew = '\u05e9\u05dc\u05d5\u05dd'
        widget = make_widget(make_field(), keywords=[hebrew])
        # The enhancement gets the text alone, to isolate where it shows it.
        self.assertIn('data-text="%s">\u2068%s\u2069</option>'
                      % (hebrew, hebrew), widget())
        widget = submit(make_field(), typed=hebrew * 6)
        with self.assertRaises(ConversionError):
            widget.getInputValue()
        self.assertIn('\u201c\u2068%s\u2069\u201d' % (hebrew * 6),
                      error_text(widget))

    def test_stored_keyword_beyond_the_limits_is_kept(self):
        # Stored before the limits were set: it must not block every save.
        from formlib.keywordwidget.keywords import NEW_KEYWORD_PREFIX
        stored = ['A keyword stored long ago, far too long', 'x']
        widget = submit(
            make_field(), typed='Asyncio', keywords=stored,
            tokens=[NEW_KEYWORD_PREFIX + keyword for keyword in stored])
        self.assertEqual(widget.getInputValue(), stored + ['Asyncio'])

    def test_chosen_suggestion_beyond_the_limits_is_named(self):
        from zope.formlib.interfaces import ConversionError

        from formlib.keywordwidget.settings import open_keywords
        field = make_field()
        open_keywords(field, SimpleVocabulary.fromValues(
            ['A suggestion much too long', 'Zope']))
        widget = submit(field, tokens=['A suggestion much too long', 'Zope'])
        with self.assertRaises(ConversionError):
            widget.getInputValue()
        self.assertEqual(
            'Not accepted: \u201cA suggestion much too long\u201d'
            ' (longer than 20 characters)', error_text(widget))

    def test_too_many_keywords_say_how_many_are_allowed(self):
        from zope.formlib.interfaces import WidgetInputError
        widget = submit(make_field(max_length=2), typed='aa\nbb\ncc')
        with self.assertRaises(WidgetInputError):
            widget.getInputValue()
        self.assertEqual(
            error_text(widget), 'Choose at most 2 keywords, not 3.')

    def test_too_few_keywords_say_how_many_are_needed(self):
        from zope.formlib.interfaces import WidgetInputError
        widget = submit(make_field(min_length=2), typed='aa')
        with self.assertRaises(WidgetInputError):
            widget.getInputValue()
        self.assertEqual(
            error_text(widget), 'Choose at least 2 keywords, not 1.')


class ClosedKeywordsInputTests(unittest.TestCase):

    def test_typed_keyword_matches_a_term_ignoring_case(self):
        widget = submit(make_field(closed=True), typed='PLONE')
        self.assertEqual(widget.getInputValue(), ['Plone'])

    def test_unknown_typed_keyword_is_refused_by_name(self):
        from zope.formlib.interfaces import ConversionError
        widget = submit(make_field(closed=True), typed='Pyramid')
        with self.assertRaises(ConversionError):
            widget.getInputValue()
        self.assertEqual(error_text(widget),
                         'Not available for selection: \u201cPyramid\u201d')

    def test_prefixed_select_value_is_refused_by_name(self):
        from zope.formlib.interfaces import ConversionError

        from formlib.keywordwidget.keywords import NEW_KEYWORD_PREFIX
        widget = submit(
            make_field(closed=True), tokens=[NEW_KEYWORD_PREFIX + 'Pyramid'])
        with self.assertRaises(ConversionError):
            widget.getInputValue()
        self.assertIn('\u201cnew:Pyramid\u201d', error_text(widget))


def parse(html):
    return lxml.html.fragment_fromstring(html, create_parent='div')


class RenderTests(unittest.TestCase):

    def test_open_field_says_it_is_open(self):
        div = parse(make_widget(make_field())()).find('div')
        self.assertEqual(div.get('data-open'), 'true')

    def test_closed_field_says_it_is_closed(self):
        div = parse(make_widget(make_field(closed=True))()).find('div')
        self.assertEqual(div.get('data-open'), 'false')

    def test_widget_names_the_prefix_of_new_keywords(self):
        from formlib.keywordwidget.keywords import NEW_KEYWORD_PREFIX
        div = parse(make_widget(make_field())()).find('div')
        self.assertEqual(div.get('data-new-prefix'), NEW_KEYWORD_PREFIX)

    def test_open_field_has_a_labelled_textarea(self):
        html = parse(make_widget(make_field())())
        textarea = html.get_element_by_id('form.keywords.new')
        self.assertEqual(textarea.tag, 'textarea')
        self.assertEqual(textarea.get('name'), 'form.keywords.new')
        label = html.xpath('//label[@for="form.keywords.new"]')
        self.assertEqual(label[0].text, 'Add keywords, one per line')

    def test_small_closed_field_has_no_textarea(self):
        html = parse(make_widget(make_field(closed=True))())
        self.assertEqual(html.xpath('//textarea'), [])

    def test_small_field_lists_every_suggestion(self):
        html = parse(make_widget(make_field())())
        self.assertEqual(
            [option.get('value') for option in html.xpath('//option')],
            ['python', 'zope', 'plone'])

    def test_small_field_has_no_search_url(self):
        div = parse(make_widget(make_field())()).find('div')
        self.assertIsNone(div.get('data-search-url'))

    def test_stored_free_keyword_is_a_selected_stored_option(self):
        from formlib.keywordwidget.keywords import stored_token
        html = parse(make_widget(make_field(), keywords=['Pyramid'])())
        option = html.xpath('//option[@value="%s"]' % stored_token(
            'Pyramid'))[0]
        self.assertEqual(option.get('selected'), 'selected')
        self.assertEqual(option.text, 'Pyramid')
        self.assertIsNone(option.get('class'))

    def test_created_keyword_shown_again_is_a_selected_prefixed_option(self):
        from zope.formlib.interfaces import ConversionError
        widget = submit(make_field(), ['new:Pyramid', 'new:x'])
        with self.assertRaises(ConversionError):
            widget.getInputValue()
        html = parse(widget())
        self.assertEqual(
            [(option.get('value'), option.get('selected'))
             for option in html.xpath('//option[@selected]')],
            [('new:Pyramid', 'selected'), ('new:x', 'selected')])

    def test_large_field_renders_only_the_selected_keywords(self):
        field = make_field(threshold=2)
        html = parse(make_widget(field, keywords=['Zope', 'Pyramid'])())
        from formlib.keywordwidget.keywords import stored_token
        self.assertEqual(
            [(option.get('value'), option.text)
             for option in html.xpath('//option')],
            [(stored_token('Zope'), 'Zope'),
             (stored_token('Pyramid'), 'Pyramid')])

    def test_threshold_counts_terms_above_it(self):
        html = parse(make_widget(make_field(threshold=3))())
        self.assertEqual(len(html.xpath('//option')), 3)

    def test_large_field_gives_the_search_url(self):
        div = parse(make_widget(make_field(threshold=0))()).find('div')
        self.assertEqual(
            div.get('data-search-url'),
            'http://127.0.0.1/content/@@keywordwidget-search?field=' + __name__
            + '.ITagged.keywords')

    def test_large_closed_field_has_a_textarea(self):
        html = parse(make_widget(make_field(closed=True, threshold=0))())
        self.assertEqual(len(html.xpath('//textarea')), 1)

    def test_large_closed_field_marks_an_unavailable_keyword(self):
        field = make_field(closed=True, threshold=0)
        html = parse(make_widget(field, keywords=['Gone'])())
        option = html.xpath('//option')[0]
        self.assertEqual(option.get('class'), 'unavailable')
        self.assertEqual(option.text, 'Gone (unavailable)')

    def test_typed_text_comes_back_escaped_after_an_error(self):
        from zope.formlib.interfaces import ConversionError
        widget = submit(make_field(), typed='x\n<b>&"</b>')
        with self.assertRaises(ConversionError):
            widget.getInputValue()
        html = widget()
        # After the line end a browser drops after the start tag.
        self.assertIn('>\nx\n&lt;b&gt;&amp;&quot;&lt;/b&gt;</textarea>', html)

    def test_selection_comes_back_after_an_error(self):
        from formlib.keywordwidget.keywords import NEW_KEYWORD_PREFIX
        widget = submit(
            make_field(), tokens=['zope', NEW_KEYWORD_PREFIX + 'Pyramid'],
            typed='x')
        html = parse(widget())
        self.assertEqual(
            [option.get('value')
             for option in html.xpath('//option[@selected]')],
            ['zope', 'new:Pyramid'])

    def test_refused_select_value_comes_back_as_typed(self):
        from formlib.keywordwidget.keywords import NEW_KEYWORD_PREFIX
        widget = submit(make_field(), tokens=[NEW_KEYWORD_PREFIX + 'x'])
        html = parse(widget())
        self.assertEqual(
            [option.get('value')
             for option in html.xpath('//option[@selected]')], ['new:x'])

    def test_textarea_is_empty_for_a_rendered_value(self):
        widget = submit(make_field(), typed='Pyramid')
        widget.setRenderedValue(['Pyramid'])
        self.assertIn('rows="3">\n</textarea>', widget())


class RefusedKeywordsTests(unittest.TestCase):
    """After an error, keywords the value type refused come back where the
    user put them, marked."""

    def rerender(self, *tokens):
        from zope.formlib.interfaces import InputErrors
        widget = submit(make_field(), tokens=tokens)
        with self.assertRaises(InputErrors):
            widget.getInputValue()
        return parse(widget())

    def selected(self, html):
        return [option.get('value')
                for option in html.xpath('//option[@selected]')]

    def test_refused_keyword_keeps_its_place(self):
        html = self.rerender('zope', 'new:x', 'new:Flask', 'python')
        self.assertEqual(['zope', 'new:x', 'new:Flask', 'python'],
                         self.selected(html))

    def test_refused_keyword_is_marked(self):
        html = self.rerender('zope', 'new:x')
        option = html.xpath('//option[@value="new:x"]')[0]
        self.assertEqual('refused', option.get('class'))
        self.assertEqual('x (not accepted)', option.text)
        self.assertIsNone(
            html.xpath('//option[@value="zope"]')[0].get('class'))

    def test_refused_keyword_posted_twice_comes_back_once(self):
        html = self.rerender('new:x', 'zope', 'new:x ')
        self.assertEqual(['new:x', 'zope'], self.selected(html))

    def test_refused_keyword_is_escaped(self):
        html = self.rerender('new:<')
        option = html.xpath('//option[@selected]')[0]
        self.assertEqual('new:<', option.get('value'))
        self.assertEqual('< (not accepted)', option.text)


class SearchIndexTests(unittest.TestCase):
    """The edit page of a large field has its search index built before
    the first search needs it."""

    def field(self, vocabulary, threshold=0):
        from formlib.keywordwidget import IHaveSelectableKeywords
        from formlib.keywordwidget.settings import set_large_threshold
        field = zope.schema.List(
            title='Keywords', required=False,
            value_type=zope.schema.Choice(vocabulary=vocabulary))
        InterfaceClass('ITagged', attrs={'keywords': field})
        zope.interface.alsoProvides(field, IHaveSelectableKeywords)
        if threshold is not None:
            set_large_threshold(field, threshold)
        return field

    def render(self, field):
        from formlib.keywordwidget.index import builder
        make_widget(field)()
        builder.wait()

    def kept_index(self, terms):
        from formlib.keywordwidget.index import kept_index
        from formlib.keywordwidget.index import saved_state
        return kept_index(terms, saved_state(terms))

    def test_edit_page_of_a_large_field_builds_its_index(self):
        terms = SimpleVocabulary.fromValues(['Python', 'Zope'])
        self.render(self.field(terms))
        self.assertTrue(self.kept_index(terms).built)

    def test_edit_page_of_a_small_field_builds_none(self):
        terms = SimpleVocabulary.fromValues(['Python', 'Zope'])
        self.render(self.field(terms, threshold=None))
        self.assertIsNone(self.kept_index(terms))

    def test_vocabulary_is_read_in_the_requests_thread(self):
        # It may read its terms from the request's database connection.
        import threading

        class Terms(SimpleVocabulary):
            def __iter__(self):
                readers.add(threading.current_thread())
                return super().__iter__()

        readers = set()
        terms = Terms([SimpleTerm('Python', 'python', 'Python')])
        self.render(self.field(terms))
        self.assertEqual(readers, {threading.current_thread()})

    def test_translated_titles_are_left_to_the_search(self):
        # Translations may be the request's site's, unknown to a thread.
        from zope.i18nmessageid import MessageFactory
        _ = MessageFactory('formlib.keywordwidget.tests')
        terms = SimpleVocabulary([
            SimpleTerm('c', 'c', _('colour', default='Colour'))])
        self.render(self.field(terms))
        self.assertFalse(self.kept_index(terms).built)


class DisplayTests(unittest.TestCase):

    def test_display_shows_a_free_keyword_as_available(self):
        from formlib.keywordwidget.widget import KeywordDisplayWidget
        field = make_field()
        widget = KeywordDisplayWidget(field.bind(None), TestRequest())
        widget.setRenderedValue(['Pyramid'])
        self.assertEqual(
            widget(),
            '<ul class="keywordwidget-display"><li><bdi>Pyramid</bdi></li>'
            '</ul>')
