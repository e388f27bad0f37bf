"""The enhancement's files as two bundles: versioned, compressed, cached.

A page links one script and one stylesheet whose URLs carry a digest of
their content, so browsers keep them for a year and fetch them anew only
when the package changes.
"""
import functools
import gzip
import hashlib
import os
import re

import zope.interface
from zope.publisher.browser import BrowserView
from zope.publisher.interfaces import IPublishTraverse
from zope.publisher.interfaces import NotFound


STATIC = os.path.join(os.path.dirname(__file__), 'static')

# Vendored files point to source maps we do not ship.
SOURCE_MAP = re.compile(rb'^//# sourceMappingURL=.*$', re.MULTILINE)

# The view that serves the bundles (configure.zcml).
VIEW_NAME = 'keywordwidget-static'

# A year: the URL changes whenever the content does.
FOREVER = 'public, max-age=31536000, immutable'
# An outdated digest (a page rendered before an upgrade) gets today's
# content, which the browser must not keep under the old URL.
REVALIDATE = 'no-cache'


class Bundle:
    """Files of static/ joined into one body, plain and gzipped."""

    def __init__(self, name, content_type, paths, separator=b'\n'):
        self.name = name
        self.content_type = content_type
        parts = []
        for path in paths:
            with open(os.path.join(STATIC, path), 'rb') as file:
                parts.append(SOURCE_MAP.sub(b'', file.read()).rstrip(b'\n'))
        self.body = separator.join(parts) + b'\n'
        self.gzipped = gzip.compress(self.body, compresslevel=9, mtime=0)
        self.digest = hashlib.sha256(self.body).hexdigest()[:16]

    def etag(self, gzipped):
        # Each encoding is a representation of its own.
        return '"%s%s"' % (self.digest, '-gzip' if gzipped else '')


# Styles and scripts, each in the order they must apply or run.  Scripts
# are joined with a semicolon: a file that ends in an expression without
# one would otherwise call the next file's opening parenthesis.
BUNDLES = {
    'keywordwidget.css': (
        'text/css; charset=utf-8',
        ('tom-select/tom-select.min.css', 'keywordwidget.css'),
        b'\n'),
    'keywordwidget.js': (
        'text/javascript; charset=utf-8',
        # Tom Select, what our plugins share, a plugin per concern, and
        # the enhancement itself.
        ('tom-select/tom-select.complete.min.js',
         'keywordwidget-text.js',
         'keywordwidget-status.js',
         'keywordwidget-match.js',
         'keywordwidget-chips.js',
         'keywordwidget-search.js',
         'keywordwidget-typing.js',
         'keywordwidget-order.js',
         'keywordwidget-history.js',
         'keywordwidget.js'),
        b'\n;\n'),
    # The keyword manager's page (managerview.py).
    'keywordmanager.css': (
        'text/css; charset=utf-8', ('keywordmanager.css',), b'\n'),
    'keywordmanager.js': (
        'text/javascript; charset=utf-8', ('keywordmanager.js',), b'\n'),
}


@functools.cache
def bundle(name):
    """The bundle called `name`, read and compressed once per process."""
    return Bundle(name, *BUNDLES[name])


def quality(parameters):
    """The q parameter among a coding's `parameters`: 1 if there is none,
    0 if it cannot be read (a plain body is always understood)."""
    for parameter in parameters:
        name, _equals, value = parameter.partition('=')
        if name.strip().lower() == 'q':
            try:
                return float(value.strip())
            except ValueError:
                return 0
    return 1


def accepts_gzip(request):
    """Whether the request's Accept-Encoding allows gzip.

    A coding named counts before the wildcard, whatever their order
    (RFC 9110, 12.5.3): "*;q=0, gzip" accepts gzip, "gzip;q=0, *" does
    not; a quality of 0 refuses.
    """
    header = request.getHeader('Accept-Encoding') or ''
    qualities = {}
    for coding in header.split(','):
        name, *parameters = coding.split(';')
        qualities.setdefault(name.strip().lower(), quality(parameters))
    for name in ('gzip', 'x-gzip', '*'):
        if name in qualities:
            return qualities[name] > 0
    return False


def not_modified(request, etag):
    """Whether If-None-Match names `etag` (weak tags compared as strong)
    or is "*", which any current representation matches (RFC 9110,
    13.1.2)."""
    header = request.getHeader('If-None-Match') or ''
    tags = {tag.strip().removeprefix('W/') for tag in header.split(',')}
    return etag in tags or '*' in tags


def bundle_path(name):
    """The path of a bundle below the site, with its digest."""
    return '@@%s/%s/%s' % (VIEW_NAME, bundle(name).digest, name)


@zope.interface.implementer(IPublishTraverse)
class BundleView(BrowserView):
    """Serves ``@@keywordwidget-static/<digest>/<bundle name>``."""

    digest = name = None

    def publishTraverse(self, request, name):
        if self.digest is None:
            self.digest = name
        elif self.name is None and name in BUNDLES:
            self.name = name
        else:
            raise NotFound(self, name, request)
        return self

    def browserDefault(self, request):
        return self, ()

    def __call__(self):
        if self.name is None:
            raise NotFound(self, self.digest, self.request)
        served = bundle(self.name)
        response = self.request.response
        gzipped = accepts_gzip(self.request)
        etag = served.etag(gzipped)
        response.setHeader('ETag', etag)
        response.setHeader('Vary', 'Accept-Encoding')
        response.setHeader(
            'Cache-Control',
            FOREVER if self.digest == served.digest else REVALIDATE)
        if not_modified(self.request, etag):
            response.setStatus(304)
            return b''
        response.setHeader('Content-Type', served.content_type)
        response.setHeader('X-Content-Type-Options', 'nosniff')
        if gzipped:
            response.setHeader('Content-Encoding', 'gzip')
            return served.gzipped
        return served.body
