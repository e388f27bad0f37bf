"""A compact keyword widget for a marker of one's own (see zcml.rst)."""
from html import escape

import zope.interface
from zope.publisher.interfaces.browser import IBrowserRequest

from formlib.keywordwidget.widget import KeywordDisplayWidget
from formlib.keywordwidget.widget import KeywordInputWidget


class IHaveCompactKeywords(zope.interface.Interface):
    """Marker for a keyword field shown in little space."""


class CompactKeywordInputWidget(KeywordInputWidget):
    """Four rows, and a class of its own for the style sheet."""

    # Keep `keywordwidget`: the enhancement looks for it.
    css_class = 'keywordwidget keywordwidget-compact'
    visible_rows = 4


class CompactKeywordDisplayWidget(KeywordDisplayWidget):
    """The keywords in one line."""

    def __call__(self):
        return '<span class="keywordwidget-compact">%s</span>' % ', '.join(
            '<bdi>%s</bdi>' % escape(self.keywords.title_of(value))
            for value in self._values())


class ICompactLayer(IBrowserRequest):
    """Skin layer whose requests get compact widgets for every keyword
    field."""
