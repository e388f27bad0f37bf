"""Keyword edit and display widgets for zope.formlib, chosen by a marker."""
from formlib.keywordwidget.interfaces import IHaveSelectableKeywords
from formlib.keywordwidget.interfaces import IKeywordStore
from formlib.keywordwidget.permission import create_permission
from formlib.keywordwidget.permission import edit_permission
from formlib.keywordwidget.permission import set_create_permission
from formlib.keywordwidget.permission import set_edit_permission
from formlib.keywordwidget.settings import open_keywords
from formlib.keywordwidget.settings import set_keyword_url
from formlib.keywordwidget.settings import set_large_threshold
from formlib.keywordwidget.sitekeywords import KeywordStoreError
from formlib.keywordwidget.sitekeywords import site_keywords


__all__ = [
    'IHaveSelectableKeywords',
    'IKeywordStore',
    'KeywordStoreError',
    'create_permission',
    'edit_permission',
    'open_keywords',
    'set_create_permission',
    'set_edit_permission',
    'set_keyword_url',
    'set_large_threshold',
    'site_keywords',
]
