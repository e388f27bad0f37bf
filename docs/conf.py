"""Sphinx configuration of formlib.keywordwidget's documentation."""
import importlib.metadata


project = 'formlib.keywordwidget'
author = 'formlib.keywordwidget developers'
copyright = '2026, ' + author
release = importlib.metadata.version('formlib.keywordwidget')
version = release

extensions = [
    'sphinx.ext.autodoc',
    'repoze.sphinx.autointerface',
]

exclude_patterns = ['_build']
# The narratives under src/ are doctests; their examples are Python.
highlight_language = 'python3'
autodoc_member_order = 'bysource'

html_theme_options = {
    'page_width': '1100px',
    'sidebar_width': '260px',
}
