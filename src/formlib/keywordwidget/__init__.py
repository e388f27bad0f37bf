"""Keyword edit and display widgets for zope.formlib, chosen by a marker."""
from formlib.keywordwidget.interfaces import IHaveSelectableKeywords


__all__ = ['IHaveSelectableKeywords']
