"""Tests of formlib.keywordwidget.settings."""
import unittest

import zope.interface
import zope.schema
from zope.schema.interfaces import IContextSourceBinder
from zope.schema.vocabulary import SimpleVocabulary


SUGGESTIONS = SimpleVocabulary.fromValues(['Python', 'Zope'])


def text_list():
    return zope.schema.List(value_type=zope.schema.TextLine())


class OpenKeywordsTests(unittest.TestCase):

    def _callFUT(self, field, suggestions):
        from formlib.keywordwidget.settings import open_keywords
        return open_keywords(field, suggestions)

    def test_open_keywords_marks_the_field(self):
        from formlib.keywordwidget import IHaveSelectableKeywords
        field = text_list()
        self._callFUT(field, SUGGESTIONS)
        self.assertTrue(IHaveSelectableKeywords.providedBy(field))

    def test_open_keywords_makes_the_field_open(self):
        from formlib.keywordwidget.settings import is_open
        field = text_list()
        self._callFUT(field, SUGGESTIONS)
        self.assertTrue(is_open(field))

    def test_open_keywords_refuses_a_choice_value_type(self):
        field = zope.schema.List(
            value_type=zope.schema.Choice(values=['a']))
        with self.assertRaises(TypeError):
            self._callFUT(field, SUGGESTIONS)

    def test_open_keywords_refuses_a_value_type_that_is_no_text(self):
        field = zope.schema.List(value_type=zope.schema.Int())
        with self.assertRaises(TypeError):
            self._callFUT(field, SUGGESTIONS)

    def test_open_keywords_refuses_a_field_that_is_no_collection(self):
        with self.assertRaises(TypeError):
            self._callFUT(zope.schema.TextLine(), SUGGESTIONS)

    def test_open_keywords_refuses_something_that_suggests_nothing(self):
        with self.assertRaises(ValueError):
            self._callFUT(text_list(), ['Python'])

    def test_open_keywords_survives_binding(self):
        from formlib.keywordwidget.settings import is_open
        field = text_list()
        self._callFUT(field, SUGGESTIONS)
        self.assertTrue(is_open(field.bind(object())))


class IsOpenTests(unittest.TestCase):

    def test_is_open_is_false_for_a_closed_field(self):
        from formlib.keywordwidget.settings import is_open
        field = zope.schema.List(
            value_type=zope.schema.Choice(values=['a']))
        self.assertFalse(is_open(field))


class VocabularyTests(unittest.TestCase):

    def _callFUT(self, field):
        from formlib.keywordwidget.settings import vocabulary
        return vocabulary(field)

    def _open(self, suggestions):
        from formlib.keywordwidget.settings import open_keywords
        field = text_list()
        open_keywords(field, suggestions)
        return field

    def test_vocabulary_of_a_closed_field_is_its_choices(self):
        field = zope.schema.List(
            value_type=zope.schema.Choice(vocabulary=SUGGESTIONS))
        self.assertIs(self._callFUT(field.bind(None)), SUGGESTIONS)

    def test_vocabulary_of_an_open_field_is_its_suggestions(self):
        field = self._open(SUGGESTIONS)
        self.assertIs(self._callFUT(field.bind(None)), SUGGESTIONS)

    def test_vocabulary_binds_a_source_binder_to_the_context(self):
        contexts = []

        @zope.interface.provider(IContextSourceBinder)
        def suggestions(context):
            contexts.append(context)
            return SUGGESTIONS

        field = self._open(suggestions)
        content = object()
        self.assertIs(self._callFUT(field.bind(content)), SUGGESTIONS)
        self.assertEqual(contexts, [content])

    def test_vocabulary_looks_up_a_named_vocabulary(self):
        from zope.schema.vocabulary import VocabularyRegistry
        from zope.schema.vocabulary import getVocabularyRegistry
        from zope.schema.vocabulary import setVocabularyRegistry
        registry = VocabularyRegistry()
        registry.register('test.suggestions', lambda context: SUGGESTIONS)
        self.addCleanup(setVocabularyRegistry, getVocabularyRegistry())
        setVocabularyRegistry(registry)
        field = self._open('test.suggestions')
        self.assertIs(self._callFUT(field.bind(None)), SUGGESTIONS)


class LargeThresholdTests(unittest.TestCase):

    def test_large_threshold_defaults_to_a_thousand_terms(self):
        from formlib.keywordwidget.settings import large_threshold
        self.assertEqual(large_threshold(text_list()), 1000)

    def test_set_large_threshold_sets_it_for_the_field(self):
        from formlib.keywordwidget.settings import large_threshold
        from formlib.keywordwidget.settings import set_large_threshold
        field = text_list()
        set_large_threshold(field, 50)
        self.assertEqual(large_threshold(field), 50)

    def test_set_large_threshold_leaves_other_fields_alone(self):
        from formlib.keywordwidget.settings import large_threshold
        from formlib.keywordwidget.settings import set_large_threshold
        set_large_threshold(text_list(), 50)
        self.assertEqual(large_threshold(text_list()), 1000)

    def test_set_large_threshold_refuses_a_negative_number(self):
        from formlib.keywordwidget.settings import set_large_threshold
        with self.assertRaises(ValueError):
            set_large_threshold(text_list(), -1)

    def test_set_large_threshold_refuses_a_string(self):
        from formlib.keywordwidget.settings import set_large_threshold
        with self.assertRaises(ValueError):
            set_large_threshold(text_list(), '50')
