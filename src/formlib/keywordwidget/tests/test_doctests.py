"""Runs the narrative documentation under src/ as doctests."""
import doctest
import re

import zope.component.testing
from lxml.doctestcompare import LHTMLOutputChecker

import formlib.keywordwidget
from formlib.keywordwidget import sitekeywords


NARRATIVES = [
    'widget.rst',
    'open.rst',
    'large.rst',
    'permission.rst',
    'zcml.rst',
    'sitekeywords.rst',
    'keywordmanager.rst',
]

# The first keyword widget on a page adds the enhancement's <link> and
# <script> tags; examples that do not show them compare without them.
RESOURCE_TAGS = re.compile(r'<link [^>]*>|<script[^>]*>.*?</script>', re.S)


class HTMLChecker(LHTMLOutputChecker):
    """Compares HTML as parsed markup: attribute order and whitespace
    between tags do not count, ``...`` matches any text."""

    def _without_resources(self, want, got):
        return got if '<link' in want else RESOURCE_TAGS.sub('', got)

    def check_output(self, want, got, optionflags):
        return super().check_output(
            want, self._without_resources(want, got), optionflags)

    def output_difference(self, example, got, optionflags):
        return super().output_difference(
            example, self._without_resources(example.want, got), optionflags)


def set_up(test):
    # The fields a narrative declares with site_keywords are its own.
    test.globs['declared_before'] = dict(sitekeywords.DECLARED_FIELDS)
    sitekeywords.DECLARED_FIELDS.clear()
    zope.component.testing.setUp(test)


def tear_down(test):
    zope.component.testing.tearDown(test)
    sitekeywords.DECLARED_FIELDS.clear()
    sitekeywords.DECLARED_FIELDS.update(test.globs['declared_before'])


def test_suite():
    # Each narrative loads the ZCML it shows; the registries, security
    # checkers and principals are cleared after each.
    return doctest.DocFileSuite(
        *NARRATIVES,
        package=formlib.keywordwidget,
        setUp=set_up,
        tearDown=tear_down,
        checker=HTMLChecker(),
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
