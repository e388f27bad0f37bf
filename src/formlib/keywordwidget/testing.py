"""Test layers: formlib forms served by a real zope.publisher WSGI app,
over real HTTP to headless Chromium, and the demo site in a real Zope."""
import base64
import contextlib
import io
import os
import shutil
import socketserver
import tempfile
import threading
import wsgiref.simple_server

import transaction
import zope.component
import zope.component.testlayer
import zope.publisher.skinnable
import zope.security.management
import zope.testbrowser.wsgi
import zope.traversing.namespace
from zope.authentication.interfaces import IAuthentication
from zope.browserpage import ViewPageTemplateFile
from zope.browserresource.resource import Resource
from zope.publisher.base import DefaultPublication
from zope.publisher.browser import BrowserRequest
from zope.publisher.browser import BrowserView
from zope.publisher.interfaces import IPublishTraverse
from zope.publisher.interfaces import NotFound
from zope.publisher.publish import publish

import formlib.keywordwidget.tests


class Publication(DefaultPublication):
    """Traverses attributes, items, ``@@views`` and ``++namespaces++``.

    One interaction per request, for the principal the registered
    authentication finds.
    """

    require_docstrings = False

    def beforeTraversal(self, request):
        super().beforeTraversal(request)
        # Without a skin on the request no browser:page is found.
        zope.publisher.skinnable.setDefaultSkin(request)
        self.authenticate(request)
        zope.security.management.newInteraction(request)

    def authenticate(self, request):
        auth = zope.component.queryUtility(IAuthentication)
        if auth is not None:
            request.setPrincipal(
                auth.authenticate(request) or auth.unauthenticatedPrincipal())

    def traverseName(self, request, ob, name, check_auth=1):
        namespace, namespace_name = zope.traversing.namespace.nsParse(name)
        if namespace:
            # E.g. ++resource++formlib.keywordwidget, our JS and CSS.
            return zope.traversing.namespace.namespaceLookup(
                namespace, namespace_name, ob, request)
        if IPublishTraverse.providedBy(ob):
            # E.g. a directory resource, or a view with a path below it.
            return ob.publishTraverse(request, name)
        view_name = name[2:] if name.startswith('@@') else name
        view = zope.component.queryMultiAdapter((ob, request), name=view_name)
        if view is not None:
            return view
        if name.startswith('@@'):
            raise NotFound(ob, name, request)
        return super().traverseName(request, ob, name, check_auth)

    def getDefaultTraversal(self, request, ob):
        # Ask no view for its interfaces: under ZOPE_INTERFACE_STRICT_IRO
        # the classes browser:page makes for formlib forms raise.
        if isinstance(ob, Resource):
            # A file resource publishes its GET method.
            return ob.browserDefault(request)
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
        # What the add form of tests/app.py received.
        self.added = None


class WSGILayer(zope.testbrowser.wsgi.Layer):
    """Serves the example app of ``tests/app.py`` to zope.testbrowser."""

    def __init__(self, bases, name):
        self.__bases__ = bases
        self.__name__ = name

    def setUp(self):
        # One root for the layer: every app made from it publishes the
        # same objects the tests look at.
        self.root = Root()
        super().setUp()

    def make_wsgi_app(self):
        return WSGIApplication(self.root)

    def testSetUp(self):
        self.root.reset()


class ThreadingWSGIServer(socketserver.ThreadingMixIn,
                          wsgiref.simple_server.WSGIServer):
    """A WSGI server that answers each connection in a thread of its own.

    A browser opens connections it may not use at once; a server with one
    thread would wait on such an idle one and never answer the others.
    """

    daemon_threads = True


class QuietRequestHandler(wsgiref.simple_server.WSGIRequestHandler):
    """Logs no request lines into the test output, but keeps them.

    ``server.requests`` lists (request line, status, body bytes sent).
    """

    def log_request(self, code='-', size='-'):
        self.server.requests.append((self.requestline, int(code), size))

    def log_message(self, format, *args):
        pass


def bounded_body(app):
    """The app reads the request body, and nothing past it.

    wsgiref hands over the socket itself: Zope's multipart parser would
    wait there for more than the browser sent.
    """
    def app_with_bounded_body(environ, start_response):
        length = int(environ.get('CONTENT_LENGTH') or 0)
        environ['wsgi.input'] = io.BytesIO(environ['wsgi.input'].read(length))
        return app(environ, start_response)
    return app_with_bounded_body


class HTTPServerThread:
    """Serves a WSGI app over real HTTP on a free port of 127.0.0.1."""

    def __init__(self, app):
        self.server = wsgiref.simple_server.make_server(
            '127.0.0.1', 0, bounded_body(app),
            server_class=ThreadingWSGIServer,
            handler_class=QuietRequestHandler)
        self.server.requests = []
        self.url = 'http://127.0.0.1:%d' % self.server.server_port
        self.requests = self.server.requests
        self.thread = threading.Thread(
            target=self.server.serve_forever, name='http-server',
            daemon=True)

    def start(self):
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


CHROMIUM = '/usr/bin/chromium'
# Headless, as root, without reaching out to the network.
CHROMIUM_ARGS = [
    '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run']
# Set to 1 (CI does) to make a missing browser fail the browser tests.
REQUIRE_BROWSER = 'FORMLIB_KEYWORDWIDGET_REQUIRE_BROWSER'


class BrowserLayer:
    """The example app over real HTTP, and headless Chromium to drive it.

    Without Chromium the layer still sets up; ``browser`` is then None and
    ``missing`` says why.
    """

    def __init__(self, bases, name, chromium=CHROMIUM):
        self.__bases__ = bases
        self.__name__ = name
        self.chromium = chromium
        self.browser = None
        self.missing = None

    def make_wsgi_app(self):
        self.root = Root()
        return WSGIApplication(self.root)

    def setUp(self):
        self.server = HTTPServerThread(self.make_wsgi_app())
        self.server.start()
        self.url = self.server.url
        if not os.path.exists(self.chromium):
            self.missing = (
                '%s not found: install Debian\'s chromium to run the'
                ' browser tests' % self.chromium)
            return
        # Imported here, so the other layers work without Playwright.
        from playwright.sync_api import sync_playwright
        self.playwright = sync_playwright().start()
        self.browser = self.playwright.chromium.launch(
            executable_path=self.chromium, args=CHROMIUM_ARGS)

    def tearDown(self):
        if self.browser is not None:
            self.browser.close()
            self.playwright.stop()
            self.browser = None
        self.server.stop()

    def testSetUp(self):
        self.root.reset()


ZCML_LAYER = zope.component.testlayer.ZCMLFileLayer(
    formlib.keywordwidget.tests, 'ftesting.zcml', name='ZCMLLayer')
FUNCTIONAL_LAYER = WSGILayer((ZCML_LAYER,), 'FunctionalLayer')
BROWSER_LAYER = BrowserLayer((ZCML_LAYER,), 'BrowserLayer')


def log_in(browser, user, password=None):
    """Send basic-auth credentials, the password defaulting to the user's
    name (as in the demo and the test app)."""
    credentials = '%s:%s' % (user, user if password is None else password)
    browser.addHeader('Authorization', 'Basic %s' % base64.b64encode(
        credentials.encode()).decode())


class ZopeDemoLayer:
    """The demo site of ``make demo`` in a real Zope, booted from a fresh
    instance as ``runwsgi`` boots it; ``/article`` is reset for each test."""

    __bases__ = ()
    __name__ = 'ZopeDemoLayer'
    #: Articles in ``/articles``: a tenth of the demo's, built in seconds.
    articles = 200

    def setUp(self):
        import paste.deploy

        from formlib.keywordwidget.demo.instance import create_instance
        self.home = tempfile.mkdtemp()
        create_instance(self.home)
        self.wsgi_app = paste.deploy.loadapp(
            'config:' + os.path.join(self.home, 'etc', 'zope.ini'),
            global_conf={'http_port': '0'})

    def testSetUp(self):
        from formlib.keywordwidget.demo.instance import set_up_site
        with self.zope_app() as app:
            if 'article' in app.objectIds():
                app._delObject('article')
            set_up_site(app, articles=self.articles)

    def browser(self, user=None):
        """A test browser on the demo site, logged in as `user`, if any."""
        from zope.testbrowser.browser import Browser
        browser = Browser(wsgi_app=self.wsgi_app)
        if user is not None:
            log_in(browser, user)
        return browser

    @contextlib.contextmanager
    def zope_app(self):
        """The Zope root, committed and closed on leaving."""
        import Zope2
        app = Zope2.app()
        try:
            yield app
            transaction.commit()
        finally:
            transaction.abort()
            app._p_jar.close()

    def tearDown(self):
        import Zope2
        Zope2.DB.close()
        shutil.rmtree(self.home)
        # Zope starts once per process: the runner goes on in a new one.
        raise NotImplementedError


ZOPE_DEMO_LAYER = ZopeDemoLayer()


class ZopeBrowserLayer(BrowserLayer):
    """The demo site in a real Zope over real HTTP, driven by Chromium."""

    def make_wsgi_app(self):
        return ZOPE_DEMO_LAYER.wsgi_app

    def testSetUp(self):
        # The demo layer resets the site for each test.
        pass


ZOPE_BROWSER_LAYER = ZopeBrowserLayer((ZOPE_DEMO_LAYER,), 'ZopeBrowserLayer')
