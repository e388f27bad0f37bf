"""Keyword edit and display widgets for zope.formlib, chosen by a marker."""
from formlib.keywordwidget.interfaces import IHaveSelectableKeywords
from formlib.keywordwidget.permission import edit_permission
from formlib.keywordwidget.permission import set_edit_permission
from formlib.keywordwidget.settings import open_keywords
from formlib.keywordwidget.settings import set_large_threshold


__all__ = [
    'IHaveSelectableKeywords',
    'edit_permission',
    'open_keywords',
    'set_edit_permission',
    'set_large_threshold',
]
