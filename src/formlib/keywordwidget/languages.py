"""Which translation titles get, decided without keeping the request."""
import zope.component
import zope.interface
from zope.i18n import negotiate
from zope.i18n.interfaces import INegotiator
from zope.i18n.interfaces import ITranslationDomain
from zope.i18n.interfaces import IUserPreferredLanguages


@zope.interface.implementer(IUserPreferredLanguages)
class Preferences:
    """A request's preferred languages, without the request.

    A negotiator asks it as it asks the request; an index translated with
    it can be kept for other requests without keeping this one (its form,
    its principal) alive.
    """

    def __init__(self, languages):
        self.languages = tuple(languages)

    def getPreferredLanguages(self):
        return list(self.languages)


def preferences(request):
    """The languages `request` prefers, best first."""
    languages = IUserPreferredLanguages(request, None)
    if languages is None:
        return Preferences(())
    return Preferences(languages.getPreferredLanguages())


def catalog_languages(domain):
    """The languages a translation domain translates to, None if unknown."""
    translations = zope.component.queryUtility(
        ITranslationDomain, domain or '')
    if translations is None:
        return []
    if hasattr(translations, 'getCatalogsInfo'):
        # zope.i18n's TranslationDomain, as i18n:registerTranslations makes.
        return list(translations.getCatalogsInfo())
    messages = getattr(translations, 'messages', None)
    if isinstance(messages, dict):
        # zope.i18n's SimpleTranslationDomain.
        return sorted({language for language, _msgid in messages})
    return None


def translation_key(domains, preferences):
    """What translating messages of `domains` for `preferences` gives.

    The language each domain translates to, negotiated exactly as
    zope.i18n's `translate` does: among the allowed languages where they
    are set ($zope_i18n_allowed_languages), the same for every domain;
    else each domain among the languages of its catalogs.  Users whose
    preferences negotiate the same languages share one translation,
    however they word their Accept-Language.  Where a domain does not
    tell its languages, the preferences themselves.
    """
    allowed = negotiate(preferences)
    negotiator = zope.component.queryUtility(INegotiator)
    key = []
    for domain in sorted(domains, key=str):
        if allowed is not None:
            key.append(allowed)
            continue
        languages = catalog_languages(domain)
        if languages is None or negotiator is None:
            return ('preferences',) + preferences.languages
        key.append(negotiator.getLanguage(languages, preferences))
    return tuple(key)
