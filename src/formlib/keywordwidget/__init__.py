"""Keyword edit and display widgets for zope.formlib, chosen by a marker."""
from formlib.keywordwidget.interfaces import IHaveSelectableKeywords
from formlib.keywordwidget.permission import edit_permission
from formlib.keywordwidget.permission import set_edit_permission


__all__ = [
    'IHaveSelectableKeywords',
    'edit_permission',
    'set_edit_permission',
]
