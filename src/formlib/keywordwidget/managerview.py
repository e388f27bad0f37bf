"""The keyword manager, ``<site>/@@manage-keywords``: lists the keywords
of the site's keyword stores, renames, merges and deletes them.

Changes come only by POST with the page's token, which the page also sets
as a cookie that only pages of this site get (SameSite=Strict): another
site can neither read the token nor make a browser send the cookie.
"""
import hmac
import re
import secrets
from urllib.parse import urlsplit

from zope.publisher.browser import BrowserView

from formlib.keywordwidget import manager
from formlib.keywordwidget.duplicates import likely_duplicates
from formlib.keywordwidget.errors import named_inputs
from formlib.keywordwidget.errors import quote_input
from formlib.keywordwidget.i18n import MessageFactory as _
from formlib.keywordwidget.listing import KeywordPage
from formlib.keywordwidget.managerhtml import render_page


TOKEN_COOKIE = 'formlib.keywordwidget.manager'
TOKEN = re.compile(r'[A-Za-z0-9_-]{32}')
ACTIONS = ('rename', 'delete', 'remove-aliases')


def request_cookies(request):
    cookies = getattr(request, 'cookies', None)
    # Zope's request has them as an attribute, zope.publisher's not.
    return request.getCookies() if cookies is None else cookies


class KeywordManager(BrowserView):
    """Lists, renames, merges and deletes the keywords of the site."""

    def __call__(self):
        self.status = self.error = None
        self.stores, self.problems = manager.managed_stores(self.context)
        self.managed = self._chosen_store()
        self.token = self._token()
        self.selected = self.texts('keywords')
        self.new = self.text('new')
        action = next((name for name in ACTIONS if name in self.request.form),
                      None)
        if action is not None and self.request.method == 'POST':
            self._act(action)
        self.page, self.duplicates = None, []
        if self.managed is not None:
            self.page = KeywordPage(
                self.managed.store, self.text('q'), self.text('order'),
                self.page_number())
            self.duplicates = likely_duplicates(
                self.managed.store, self.page.rows)
        response = self.request.response
        response.setHeader('Content-Type', 'text/html; charset=utf-8')
        response.setHeader('Cache-Control', 'private, no-store')
        # No other site may show the page in a frame and have its buttons
        # clicked unseen.
        response.setHeader('X-Frame-Options', 'DENY')
        response.setHeader('Content-Security-Policy', "frame-ancestors 'none'")
        return render_page(self)

    def text(self, name):
        """A text the request has under `name`, else ''."""
        value = self.request.form.get(name, '')
        return value if isinstance(value, str) else ''

    def texts(self, name):
        """The texts the request has under `name` (posted as `name:list`).
        """
        values = self.request.form.get(name, [])
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, (list, tuple)):
            return []
        return [value for value in values if isinstance(value, str)]

    def page_number(self):
        number = self.text('page')
        return int(number) if number.isascii() and number.isdigit() else 1

    @property
    def url(self):
        return self.request.getURL()

    def _chosen_store(self):
        chosen = self.text('field')
        for managed in self.stores:
            if managed.id == chosen:
                return managed
        return self.stores[0] if self.stores else None

    def _token(self):
        """The page's token: the browser's, or a new one it gets."""
        token = request_cookies(self.request).get(TOKEN_COOKIE, '')
        if not (isinstance(token, str) and TOKEN.fullmatch(token)):
            token = secrets.token_urlsafe(24)
        # For the site's pages only, out of scripts' reach, and never sent
        # along with a request another site makes.
        path = urlsplit(self.url).path.rpartition('/')[0] + '/'
        self.request.response.setCookie(
            TOKEN_COOKIE, token, path=path, httponly=True,
            samesite='Strict')
        return token

    def _act(self, action):
        posted = self.text('token')
        if not hmac.compare_digest(posted.encode(), self.token.encode()):
            self.request.response.setStatus(403)
            self.error = _(
                'Nothing was changed: the form came without this page\'s'
                ' security token.  Please try again.')
            return
        if self.managed is None:
            return
        try:
            if action == 'remove-aliases':
                self._remove_aliases()
            elif not self.selected:
                self.error = _('Select the keywords to change.')
            elif action == 'rename':
                self._rename()
            else:
                self._delete()
        except manager.KeywordChangeError as error:
            self.error = error.message

    def _rename(self):
        outcome = manager.rename(self.managed, self.selected, self.new)
        mapping = {'keywords': named_inputs(outcome.keywords),
                   'keyword': quote_input(outcome.target),
                   'count': outcome.objects}
        if outcome.merged:
            done = _('${keywords} merged into ${keyword} on ${count} objects.',
                     mapping=mapping)
        else:
            done = _('${keywords} renamed to ${keyword} on ${count} objects.',
                     mapping=mapping)
        self.status = [done]
        if outcome.aliases:
            self.status.append(_(
                'Typing ${aliases} now gives ${keyword}.',
                mapping={'aliases': named_inputs(outcome.aliases),
                         'keyword': quote_input(outcome.target)}))
        self.selected, self.new = [], ''

    def _delete(self):
        outcome = manager.delete(self.managed, self.selected)
        self.status = [_(
            '${keywords} deleted from ${count} objects.',
            mapping={'keywords': named_inputs(outcome.keywords),
                     'count': outcome.objects})]
        self.selected = []

    def _remove_aliases(self):
        removed = manager.remove_aliases(
            self.managed, self.texts('aliases'))
        if not removed:
            self.error = _('Select the aliases to remove.')
            return
        self.status = [_(
            'Removed the aliases ${aliases}.',
            mapping={'aliases': named_inputs(removed)})]
