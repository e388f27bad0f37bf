"""Tests of formlib.keywordwidget.languages."""
import unittest

import zope.component
import zope.component.testing
import zope.interface
from zope.i18n.interfaces import ITranslationDomain


class TranslationKeyTests(unittest.TestCase):

    def setUp(self):
        import zope.configuration.xmlconfig
        zope.component.testing.setUp(self)
        # The package's own German catalog and zope.i18n's negotiator.
        zope.configuration.xmlconfig.string(
            '<configure xmlns="http://namespaces.zope.org/zope">'
            '<include package="formlib.keywordwidget" /></configure>')

    def tearDown(self):
        zope.component.testing.tearDown(self)

    def _callFUT(self, domains, *languages):
        from formlib.keywordwidget.languages import Preferences
        from formlib.keywordwidget.languages import translation_key
        return translation_key(domains, Preferences(languages))

    def test_key_is_the_language_a_catalog_negotiates(self):
        domains = {'formlib.keywordwidget'}
        self.assertEqual(('de',), self._callFUT(domains, 'fr', 'de'))
        self.assertEqual(('de',), self._callFUT(domains, 'de-ch'))
        self.assertEqual((None,), self._callFUT(domains, 'fr'))

    def test_key_is_the_allowed_language_zope_i18n_negotiates(self):
        import zope.i18n
        self.addCleanup(setattr, zope.i18n, 'ALLOWED_LANGUAGES',
                        zope.i18n.ALLOWED_LANGUAGES)
        zope.i18n.ALLOWED_LANGUAGES = ('en', 'de', 'fr')
        domains = {'formlib.keywordwidget'}
        self.assertEqual(('fr',), self._callFUT(domains, 'fr', 'de'))
        self.assertEqual(('de',), self._callFUT(domains, 'it', 'de'))
        # Nothing allowed in the preferences: the domain negotiates.
        self.assertEqual((None,), self._callFUT(domains, 'it'))

    def test_domain_without_translations_has_no_language(self):
        self.assertEqual((None,), self._callFUT({'nowhere'}, 'de'))

    def test_domain_that_hides_its_languages_keys_by_preferences(self):
        @zope.interface.implementer(ITranslationDomain)
        class Secretive:
            """Translates, but does not say into what."""
            domain = 'secretive'

            def translate(self, msgid, *args, **kw):
                return msgid

        zope.component.provideUtility(
            Secretive(), ITranslationDomain, 'secretive')
        self.assertEqual(('preferences', 'fr', 'de'),
                         self._callFUT({'secretive'}, 'fr', 'de'))

    def test_preferences_of_a_request(self):
        from zope.publisher.browser import TestRequest

        from formlib.keywordwidget.languages import preferences
        request = TestRequest(HTTP_ACCEPT_LANGUAGE='fr, de;q=0.5')
        self.assertEqual(('fr', 'de'), preferences(request).languages)
