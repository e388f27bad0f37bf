"""Test layers: formlib forms served by a real zope.publisher WSGI app."""
import zope.component
import zope.component.testlayer
import zope.publisher.skinnable
import zope.security.management
import zope.testbrowser.wsgi
from zope.browserpage import ViewPageTemplateFile
from zope.publisher.base import DefaultPublication
from zope.publisher.browser import BrowserRequest
from zope.publisher.browser import BrowserView
from zope.publisher.interfaces import NotFound
from zope.publisher.publish import publish

import formlib.keywordwidget.tests


class Publication(DefaultPublication):
    """Traverses attributes, items and ``@@views``; one interaction each."""

    require_docstrings = False

    def beforeTraversal(self, request):
        super().beforeTraversal(request)
        # Without a skin on the request no browser:page is found.
        zope.publisher.skinnable.setDefaultSkin(request)
        zope.security.management.newInteraction(request)

    def traverseName(self, request, ob, name, check_auth=1):
        view_name = name[2:] if name.startswith('@@') else name
        view = zope.component.queryMultiAdapter((ob, request), name=view_name)
        if view is not None:
            return view
        if name.startswith('@@'):
            raise NotFound(ob, name, request)
        return super().traverseName(request, ob, name, check_auth)

    def getDefaultTraversal(self, request, ob):
        if isinstance(ob, BrowserView):
            return ob, ()
        return ob, ('index.html',)

    def endRequest(self, request, ob):
        zope.security.management.endInteraction()


class WSGIApplication:
    """A WSGI application publishing ``root`` with zope.publisher."""

    def __init__(self, root, handle_errors=True):
        self.publication = Publication(root)
        self.handle_errors = handle_errors

    def __call__(self, environ, start_response):
        request = BrowserRequest(environ['wsgi.input'], environ)
        request.setPublication(self.publication)
        # zope.testbrowser's handleErrors = False asks for the traceback.
        handle_errors = environ.get('wsgi.handleErrors', self.handle_errors)
        request = publish(request, handle_errors=handle_errors)
        response = request.response
        start_response(response.getStatusString(), response.getHeaders())
        return response.consumeBodyIter()


class StandardMacros(BrowserView):
    """The ``view`` macro that formlib's page forms extend."""

    template = ViewPageTemplateFile('layout.pt')

    def __getitem__(self, key):
        return self.template.macros[key]


class Root:
    """The published root: a fresh example article for every test."""

    def __init__(self):
        self.reset()

    def reset(self):
        from formlib.keywordwidget.tests.app import Article
        self.article = Article()


class WSGILayer(zope.testbrowser.wsgi.Layer):
    """Serves the example app of ``tests/app.py`` to zope.testbrowser."""

    def __init__(self, bases, name):
        self.__bases__ = bases
        self.__name__ = name

    def make_wsgi_app(self):
        self.root = Root()
        return WSGIApplication(self.root)

    def testSetUp(self):
        self.root.reset()


ZCML_LAYER = zope.component.testlayer.ZCMLFileLayer(
    formlib.keywordwidget.tests, 'ftesting.zcml', name='ZCMLLayer')
FUNCTIONAL_LAYER = WSGILayer((ZCML_LAYER,), 'FunctionalLayer')

