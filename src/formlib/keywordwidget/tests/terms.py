"""Vocabularies and tokens for tests of what a save stores."""
import zope.interface
from zope.schema.interfaces import IVocabularyTokenized
from zope.schema.vocabulary import SimpleTerm


@zope.interface.implementer(IVocabularyTokenized)
class Vocabulary:
    """A vocabulary whose terms a test changes, as an app's data changes."""

    def __init__(self, terms):
        self.terms = list(terms)

    def __iter__(self):
        return iter(self.terms)

    def __len__(self):
        return len(self.terms)

    def __contains__(self, value):
        return any(term.value == value for term in self.terms)

    def getTerm(self, value):
        for term in self.terms:
            if term.value == value:
                return term
        raise LookupError(value)

    def getTermByToken(self, token):
        for term in self.terms:
            if term.token == token:
                return term
        raise LookupError(token)


def numbered(count):
    """`count` terms whose titles are not their values."""
    return [SimpleTerm('k%04d' % number, 't%04d' % number,
                       'Keyword %04d' % number) for number in range(count)]


def stored(*values):
    """The tokens the stored keywords `values` are posted as."""
    from formlib.keywordwidget.keywords import stored_token
    return [stored_token(value) for value in values]


def use_vocabulary(test, terms):
    """Let the keywords of IArticle and the tags of ITagging (app.py) take
    a vocabulary of `terms` for the rest of `test`; returns it."""
    import zope.component
    from zope.schema.interfaces import IVocabularyFactory

    from formlib.keywordwidget.tests import app
    vocabulary = Vocabulary(terms)
    name = 'formlib.keywordwidget.tests.keywords'
    zope.component.provideUtility(
        lambda context: vocabulary, IVocabularyFactory, name)
    test.addCleanup(zope.component.provideUtility, app.keywords_vocabulary,
                    IVocabularyFactory, name)
    return vocabulary
