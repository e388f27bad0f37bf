"""The demo's views: five.formlib's own edit and display forms."""
from five.formlib.formbase import PageDisplayForm
from five.formlib.formbase import PageEditForm
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.formlib import form

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
