"""Runs the narrative documentation under src/ as doctests."""
import doctest
import re

import zope.component.testing
from lxml.doctestcompare import LHTMLOutputChecker
from zope.configuration import xmlconfig

import formlib.keywordwidget


NARRATIVES = [
    'widget.rst',
    'open.rst',
    'large.rst',
    'permission.rst',
    'zcml.rst',
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


def setUp(test):
    zope.component.testing.setUp(test)
    xmlconfig.file('configure.zcml', formlib.keywordwidget)


def tearDown(test):
    zope.component.testing.tearDown(test)


def test_suite():
    return doctest.DocFileSuite(
        *NARRATIVES,
        package=formlib.keywordwidget,
        setUp=setUp,
        tearDown=tearDown,
        checker=HTMLChecker(),
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
