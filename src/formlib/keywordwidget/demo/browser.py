"""The demo's views: five.formlib's own edit and display forms, and the
listing of the articles that use a keyword."""
from Acquisition import aq_get
from five.formlib.formbase import PageDisplayForm
from five.formlib.formbase import PageEditForm
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.formlib import form

from formlib.keywordwidget.demo.interfaces import CATALOG
from formlib.keywordwidget.demo.interfaces import KEYWORDS_INDEX
from formlib.keywordwidget.demo.interfaces import IArticle
from formlib.keywordwidget.i18n import MessageFactory as _


class EditForm(PageEditForm):
    """Edit the article; keywords and categories only as an editor."""

    label = _('Edit article')
    form_fields = form.Fields(IArticle)


class DisplayForm(PageDisplayForm):
    """The article, read-only."""

    label = _('Article')
    form_fields = form.Fields(IArticle)


class StandardMacros(BrowserView):
    """The page layout that formlib's page forms extend."""

    template = ViewPageTemplateFile('layout.pt')

    def __getitem__(self, key):
        return self.template.macros[key]


class KeywordListing(BrowserView):
    """The articles that use a keyword: where keyword links lead."""

    template = ViewPageTemplateFile('listing.pt')
    #: Articles listed at most.
    shown = 100

    def __call__(self):
        return self.template()

    @property
    def keyword(self):
        keyword = self.request.form.get('keyword', '')
        return keyword if isinstance(keyword, str) else ''

    def articles(self):
        """The articles that use the keyword: (count, the first shown)."""
        if not self.keyword:
            return 0, []
        catalog = aq_get(self.context, CATALOG)
        brains = catalog.searchResults({KEYWORDS_INDEX: self.keyword})
        shown = [{'title': brain.title or brain.getPath(),
                  'url': self.request.physicalPathToURL(brain.getPath())}
                 for brain in brains[:self.shown]]
        return len(brains), shown
