"""The demo article's schema; keywords and categories need an editor,
creating keywords needs one too."""
import zope.interface
import zope.schema

from formlib.keywordwidget import IHaveSelectableKeywords
from formlib.keywordwidget import set_create_permission
from formlib.keywordwidget import set_edit_permission
from formlib.keywordwidget import set_keyword_url
from formlib.keywordwidget import site_keywords
from formlib.keywordwidget.demo.vocabularies import CATEGORIES
from formlib.keywordwidget.i18n import MessageFactory as _
from formlib.keywordwidget.zcatalog import ZCatalogKeywords


EDIT_ARTICLE = 'formlib.keywordwidget.demo.EditArticle'
EDIT_KEYWORDS = 'formlib.keywordwidget.demo.EditKeywords'
CREATE_KEYWORDS = 'formlib.keywordwidget.demo.CreateKeywords'

# The catalog in the root and its index that counts the keywords.
CATALOG = 'catalog'
KEYWORDS_INDEX = 'keywords'


class IArticle(zope.interface.Interface):
    """An article with keywords and categories."""

    title = zope.schema.TextLine(title=_('Title'), required=False)

    categories = zope.schema.List(
        title=_('Categories'), required=False,
        value_type=zope.schema.Choice(vocabulary=CATEGORIES))

    keywords = zope.schema.List(
        title=_('Keywords'), required=False, max_length=50,
        value_type=zope.schema.TextLine(min_length=2, max_length=60))


# Categories are closed: only the vocabulary's.  Keywords are open: the
# keywords the site's articles use are suggested, most used first, and
# users who may create keywords add their own.
zope.interface.alsoProvides(IArticle['categories'], IHaveSelectableKeywords)
site_keywords(IArticle['keywords'],
              ZCatalogKeywords(CATALOG, KEYWORDS_INDEX))
set_create_permission(IArticle['keywords'], CREATE_KEYWORDS)
set_keyword_url(IArticle['keywords'], '/@@keyword?keyword={keyword}')
for name in ('categories', 'keywords'):
    set_edit_permission(IArticle[name], EDIT_KEYWORDS)
