"""The German translation: complete, compiled, and used by the forms."""
import gettext
import json
import re
import unittest
from urllib.parse import urlencode

import zope.i18n
import zope.testbrowser.wsgi
from zope.schema.vocabulary import SimpleTerm

from formlib.keywordwidget import locales
from formlib.keywordwidget.i18n import MessageFactory as _
from formlib.keywordwidget.testing import FUNCTIONAL_LAYER
from formlib.keywordwidget.tests.terms import use_vocabulary


GERMAN = (locales.LOCALES / 'de' / 'LC_MESSAGES' /
          'formlib.keywordwidget.po')


def template_msgids():
    text = (locales.LOCALES / 'formlib.keywordwidget.pot').read_text()
    return set(re.findall(r'^msgid "(.+)"$', text, re.MULTILINE))


class CatalogTests(unittest.TestCase):

    def test_every_message_has_a_german_translation(self):
        with open(GERMAN.with_suffix('.mo'), 'rb') as mo:
            catalog = gettext.GNUTranslations(mo)._catalog
        untranslated = sorted(
            msgid for msgid in template_msgids() if not catalog.get(msgid))
        self.assertEqual([], untranslated)

    def test_shipped_mo_file_is_compiled_from_the_po_file(self):
        self.assertEqual(locales.compiled(GERMAN),
                         GERMAN.with_suffix('.mo').read_bytes(),
                         'Run `make translations` to compile it.')

    def test_template_holds_the_widget_messages(self):
        self.assertLessEqual(
            {'(unavailable)', 'Not available for selection: ${keywords}',
             'No results', 'Add ${keyword}'}, template_msgids())


class GermanFormTests(unittest.TestCase):
    """Forms rendered for a browser that asks for German."""

    layer = FUNCTIONAL_LAYER

    def setUp(self):
        self.browser = zope.testbrowser.wsgi.Browser()
        self.browser.addHeader('Accept-Language', 'de')
        self.article = self.layer.root.article

    def test_edit_form_error_is_german(self):
        self.browser.post('http://localhost/article/@@edit', {
            'form.keywords-empty-marker': '1',
            'form.keywords:list': ['Zope', 'forged'],
            'form.actions.apply': 'Apply'})
        self.assertIn('Nicht zur Auswahl verf\u00fcgbar: \u201cforged\u201d',
                      self.browser.contents)

    def test_long_error_counts_the_rest_in_german(self):
        self.browser.post('http://localhost/article/@@edit', {
            'form.keywords-empty-marker': '1',
            'form.keywords:list': ['bad%d' % i for i in range(12)],
            'form.actions.apply': 'Apply'})
        self.assertIn('und 2 weitere', self.browser.contents)

    def test_edit_form_texts_are_german(self):
        self.article.keywords = ['Zope', 'Turbogears']
        self.browser.open('http://localhost/article/@@edit')
        self.assertIn('Turbogears (nicht mehr verf\u00fcgbar)',
                      self.browser.contents)
        # The enhancement's texts are handed to the script translated.
        self.assertIn('Keine Treffer', self.browser.contents)
        self.assertIn('${keyword} hinzuf\u00fcgen', self.browser.contents)

    def test_open_field_asks_for_keywords_in_german(self):
        self.browser.open('http://localhost/article/@@edit-tagging')
        self.assertIn('Schlagw\u00f6rter hinzuf\u00fcgen, eines pro Zeile',
                      self.browser.contents)

    def test_display_of_nothing_is_german(self):
        self.browser.open('http://localhost/article/@@display')
        self.assertIn('(keine)', self.browser.contents)


class TranslatedSearchTests(unittest.TestCase):
    """Keywords with translated titles, searched by users of different
    languages: what one finds never depends on who searched before."""

    layer = FUNCTIONAL_LAYER

    def setUp(self):
        use_vocabulary(self, [
            SimpleTerm('categories', 'categories', _('Categories')),
            SimpleTerm('article', 'article', _('Article'))])

    def search(self, query, accept_language):
        browser = zope.testbrowser.wsgi.Browser()
        browser.addHeader('Accept-Language', accept_language)
        browser.open(
            'http://localhost/article/@@keywordwidget-search?' + urlencode(
                {'field': 'formlib.keywordwidget.tests.app.IArticle.keywords',
                 'q': query}))
        return [item['title']
                for item in json.loads(browser.contents)['items']]

    def test_allowed_languages_let_no_user_change_what_others_find(self):
        # zope.i18n negotiates among $zope_i18n_allowed_languages when they
        # are set, not among the catalog's languages: French is allowed,
        # and has no catalog, so French users get the English defaults.
        self.addCleanup(setattr, zope.i18n, 'ALLOWED_LANGUAGES',
                        zope.i18n.ALLOWED_LANGUAGES)
        zope.i18n.ALLOWED_LANGUAGES = ('en', 'de', 'fr')
        self.assertEqual(self.search('Cat', 'fr, de;q=0.5'), ['Categories'])
        self.assertEqual(self.search('Kat', 'de'), ['Kategorien'])
        self.assertEqual(self.search('Cat', 'fr'), ['Categories'])
