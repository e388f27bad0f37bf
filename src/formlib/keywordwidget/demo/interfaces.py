"""The demo article's schema; keywords and categories need an editor."""
import zope.interface
import zope.schema

from formlib.keywordwidget import IHaveSelectableKeywords
from formlib.keywordwidget import open_keywords
from formlib.keywordwidget import set_edit_permission
from formlib.keywordwidget.demo.vocabularies import CATEGORIES
from formlib.keywordwidget.demo.vocabularies import KEYWORDS
from formlib.keywordwidget.i18n import MessageFactory as _


EDIT_ARTICLE = 'formlib.keywordwidget.demo.EditArticle'
EDIT_KEYWORDS = 'formlib.keywordwidget.demo.EditKeywords'


class IArticle(zope.interface.Interface):
    """An article with keywords and categories."""

    title = zope.schema.TextLine(title=_('Title'), required=False)

    categories = zope.schema.List(
        title=_('Categories'), required=False,
        value_type=zope.schema.Choice(vocabulary=CATEGORIES))

    keywords = zope.schema.List(
        title=_('Keywords'), required=False, max_length=50,
        value_type=zope.schema.TextLine(min_length=2, max_length=60))


# Categories are closed: only the vocabulary's.  Keywords are open: users
# may add their own, the 20,000 and more of the vocabulary only suggest.
zope.interface.alsoProvides(IArticle['categories'], IHaveSelectableKeywords)
open_keywords(IArticle['keywords'], KEYWORDS)
for name in ('categories', 'keywords'):
    set_edit_permission(IArticle[name], EDIT_KEYWORDS)
