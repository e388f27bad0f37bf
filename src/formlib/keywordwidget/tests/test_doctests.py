"""Runs the narrative documentation under src/ as doctests."""
import doctest
import re

import zope.component.testing
from lxml.doctestcompare import LHTMLOutputChecker

import formlib.keywordwidget


NARRATIVES = [
    'widget.rst',
    'open.rst',
    'large.rst',
    'permission.rst',
    'zcml.rst',
    'sitekeywords.rst',
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


def test_suite():
    # Each narrative loads the ZCML it shows; the registries, security
    # checkers and principals are cleared after each.
    return doctest.DocFileSuite(
        *NARRATIVES,
        package=formlib.keywordwidget,
        setUp=zope.component.testing.setUp,
        tearDown=zope.component.testing.tearDown,
        checker=HTMLChecker(),
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
