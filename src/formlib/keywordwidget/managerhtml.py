"""The keyword manager's page as HTML; every text is escaped here."""
from html import escape
from urllib.parse import urlencode

import zope.component
from zope.i18n import translate
from zope.i18n.interfaces import INegotiator

from formlib.keywordwidget import safejson
from formlib.keywordwidget.i18n import MessageFactory as _
from formlib.keywordwidget.languages import catalog_languages
from formlib.keywordwidget.listing import ALPHABETICAL
from formlib.keywordwidget.listing import BY_USE
from formlib.keywordwidget.locales import DOMAIN
from formlib.keywordwidget.normalize import isolated
from formlib.keywordwidget.resources import bundle_url


MESSAGES_ID = 'keywordmanager-messages'

# The script's texts; `${...}` is filled in by the script.
SCRIPT_MESSAGES = {
    'loading': _('Loading\u2026'),
    'failed': _('The keywords could not be loaded.'),
}


def page_language(request):
    """The language the page's texts come in."""
    negotiator = zope.component.queryUtility(INegotiator)
    languages = ['en'] + (catalog_languages(DOMAIN) or [])
    if negotiator is None:
        return 'en'
    return negotiator.getLanguage(languages, request) or 'en'


class ManagerPage:
    """Renders the view `view` of the keyword manager."""

    def __init__(self, view):
        self.view = view
        self.request = view.request

    def t(self, message):
        """`message` translated and escaped."""
        return escape(translate(message, context=self.request))

    def url(self, **query):
        """The page's URL with `query` and the store chosen."""
        view = self.view
        if len(view.stores) > 1 and 'field' not in query:
            query['field'] = view.managed.id
        query = {name: value for name, value in query.items() if value}
        return view.url + ('?' + urlencode(query) if query else '')

    def __call__(self):
        view = self.view
        title = self.t(_('Manage keywords'))
        body = [self.stores(), self.messages()]
        if view.managed is None:
            body.append(self.no_store())
        else:
            body.extend([self.filter_form(), self.changes_form()])
        body.append(self.problems())
        return ''.join([
            '<!DOCTYPE html><html lang="%s"><head>' % escape(
                page_language(self.request)),
            '<meta charset="utf-8" />'
            '<meta name="viewport"'
            ' content="width=device-width, initial-scale=1" />',
            '<title>%s</title>' % title,
            '<link rel="stylesheet" href="%s" />' % escape(
                bundle_url(self.request, 'keywordmanager.css')),
            '<script type="application/json" id="%s">%s</script>' % (
                MESSAGES_ID, safejson.dumps({
                    key: translate(message, context=self.request)
                    for key, message in SCRIPT_MESSAGES.items()})),
            '<script defer="defer" src="%s"></script>' % escape(
                bundle_url(self.request, 'keywordmanager.js')),
            '</head><body class="keywordmanager"><main>',
            '<h1>%s</h1>' % title,
        ] + body + ['</main></body></html>'])

    def stores(self):
        """Links to each store, if there are several."""
        view = self.view
        if len(view.stores) < 2:
            return ''
        links = []
        for managed in view.stores:
            current = ' aria-current="page"' if managed is view.managed else ''
            links.append('<li><a href="%s"%s>%s</a></li>' % (
                escape(self.url(field=managed.id)), current,
                self.store_title(managed)))
        return '<nav class="keywordmanager-stores" aria-label="%s"><ul>%s' \
            '</ul></nav>' % (self.t(_('Keyword fields')), ''.join(links))

    def store_title(self, managed):
        titles = dict.fromkeys(
            translate(field.title, context=self.request)
            for field in managed.fields)
        return escape(', '.join(titles))

    def messages(self):
        view = self.view
        parts = []
        for message in view.status or ():
            parts.append('<p>%s</p>' % self.t(message))
        html = ''
        if parts:
            html += '<div class="keywordmanager-status" role="status">%s' \
                '</div>' % ''.join(parts)
        if view.error is not None:
            html += '<p class="keywordmanager-error" role="alert">%s</p>' % (
                self.t(view.error))
        return html

    def no_store(self):
        return '<p>%s</p>' % self.t(
            _('No keyword store of this site can be managed here.'))

    def problems(self):
        """The fields declared with site_keywords whose store was not
        found from here, and why."""
        problems = self.view.problems
        if not problems:
            return ''
        items = ''.join(
            '<li><code>%s</code>: %s</li>' % (escape(field), escape(
                '%s: %s' % (type(error).__name__, error)))
            for field, error in sorted(problems.items()))
        return (
            '<details class="keywordmanager-problems"><summary>%s</summary>'
            '<ul>%s</ul></details>' % (
                self.t(_('Keyword fields not managed here')), items))

    def filter_form(self):
        view, page = self.view, self.view.page
        orders = []
        for value, label in ((BY_USE, _('Most used first')),
                             (ALPHABETICAL, _('Alphabetically'))):
            orders.append(
                '<input type="radio" name="order" id="keywordmanager-order-'
                '%s" value="%s"%s /><label for="keywordmanager-order-%s">'
                '%s</label>' % (
                    value, value,
                    ' checked="checked"' if page.order == value else '',
                    value, self.t(label)))
        return (
            '<form class="keywordmanager-filter" method="get" action="%s"'
            ' role="search">%s'
            '<label for="keywordmanager-q">%s</label>'
            '<input type="search" id="keywordmanager-q" name="q" value="%s"'
            ' autocomplete="off" />'
            '<fieldset class="keywordmanager-order"><legend>%s</legend>%s'
            '</fieldset>'
            '<button type="submit">%s</button></form>' % (
                escape(view.url), self.store_field(),
                self.t(_('Filter')), escape(page.query),
                self.t(_('Order')), ''.join(orders), self.t(_('Show'))))

    def store_field(self):
        if len(self.view.stores) < 2:
            return ''
        return '<input type="hidden" name="field" value="%s" />' % escape(
            self.view.managed.id)

    def changes_form(self):
        view, page = self.view, self.view.page
        state = ''.join(
            '<input type="hidden" name="%s" value="%s" />' % (
                name, escape(str(value)))
            for name, value in (('token', view.token), ('q', page.query),
                                ('order', page.order),
                                ('page', page.number)))
        return (
            '<form class="keywordmanager-changes" method="post"'
            ' action="%s">%s%s<div id="keywordmanager-results">%s</div>%s%s'
            '<div id="keywordmanager-aliases">%s</div></form>' % (
                escape(view.url), state, self.store_field(), self.results(),
                self.also_selected(), self.actions(), self.aliases()))

    def results(self):
        """What a change of the filter, order or page replaces."""
        return self.duplicates() + self.keywords() + self.pages()

    def checkbox(self, name, value, id, label, count=None):
        checked = ' checked="checked"' if (
            name == 'keywords' and value in self.selected) else ''
        html = ('<input type="checkbox" name="%s:list" value="%s" id="%s"%s'
                ' /><label for="%s">%s</label>' % (
                    name, escape(value), id, checked, id,
                    escape(isolated(label))))
        if count is not None:
            html += ' <span class="keywordmanager-count">%d</span>' % count
        return html

    @property
    def selected(self):
        return set(self.view.selected)

    def duplicates(self):
        groups = self.view.duplicates
        if not groups:
            return ''
        items = []
        for number, group in enumerate(groups, 1):
            members = ''.join(
                '<li>%s</li>' % self.checkbox(
                    'keywords', keyword, 'keywordmanager-duplicate-%d-%d' % (
                        number, position), keyword, count)
                for position, (keyword, count) in enumerate(group, 1))
            items.append('<li><ul>%s</ul></li>' % members)
        return (
            '<section class="keywordmanager-duplicates"'
            ' aria-labelledby="keywordmanager-duplicates-title">'
            '<h2 id="keywordmanager-duplicates-title">%s</h2><p>%s</p>'
            '<ul>%s</ul></section>' % (
                self.t(_('Likely duplicates')),
                self.t(_('Keywords on this page that differ only in case,'
                         ' accents or a typing slip from others, with how'
                         ' many objects use each.')),
                ''.join(items)))

    def keywords(self):
        page = self.page
        if not page.rows:
            if page.query:
                text = _('No keyword matches ${query}.', mapping={
                    'query': '\u201c%s\u201d' % isolated(page.query)})
            else:
                text = _('No object uses a keyword yet.')
            return '<p class="keywordmanager-none">%s</p>' % self.t(text)
        rows = ''.join(
            '<tr><td>%s</td><td>%d</td></tr>' % (
                self.checkbox('keywords', keyword,
                              'keywordmanager-keyword-%d' % number, keyword),
                count)
            for number, (keyword, count) in enumerate(page.rows, 1))
        return (
            '<table class="keywordmanager-keywords"><caption>%s</caption>'
            '<thead><tr><th scope="col">%s</th><th scope="col">%s</th>'
            '</tr></thead><tbody>%s</tbody></table>' % (
                self.caption(), self.t(_('Keyword')),
                self.t(_('Used by')), rows))

    @property
    def page(self):
        return self.view.page

    def caption(self):
        page = self.page
        mapping = {'first': page.first, 'last': page.last,
                   'total': page.total, 'all': page.all}
        if page.capped and page.query:
            text = _('Keywords ${first} to ${last} of the best ${total}'
                     ' matches; type more to find others', mapping=mapping)
        elif page.capped:
            text = _('Keywords ${first} to ${last} of the ${total} most'
                     ' used of ${all}; alphabetically, all are listed',
                     mapping=mapping)
        elif page.order == ALPHABETICAL:
            text = _('Keywords ${first} to ${last} of ${total},'
                     ' alphabetically', mapping=mapping)
        elif page.query:
            text = _('Keywords ${first} to ${last} of ${total}, the best'
                     ' matches first', mapping=mapping)
        else:
            text = _('Keywords ${first} to ${last} of ${total}, the most'
                     ' used first', mapping=mapping)
        return self.t(text)

    def pages(self):
        page = self.page
        if page.pages < 2:
            return ''
        links = []
        query = {'q': page.query, 'order': page.order}
        if page.number > 1:
            links.append('<a rel="prev" href="%s">%s</a>' % (
                escape(self.url(page=page.number - 1, **query)),
                self.t(_('Previous page'))))
        links.append('<span>%s</span>' % self.t(_(
            'Page ${number} of ${pages}',
            mapping={'number': page.number, 'pages': page.pages})))
        if page.number < page.pages:
            links.append('<a rel="next" href="%s">%s</a>' % (
                escape(self.url(page=page.number + 1, **query)),
                self.t(_('Next page'))))
        return '<nav class="keywordmanager-pages" aria-label="%s">%s</nav>' % (
            self.t(_('Pages')), ' '.join(links))

    def also_selected(self):
        """Selected keywords that are not shown (e.g. after a change of the
        filter), kept selected."""
        shown = {keyword for keyword, _count in self.page.rows}
        shown.update(keyword for group in self.view.duplicates
                     for keyword, _count in group)
        hidden = [keyword for keyword in dict.fromkeys(self.view.selected)
                  if keyword not in shown]
        items = ''.join(
            '<li>%s</li>' % self.checkbox(
                'keywords', keyword, 'keywordmanager-selected-%d' % number,
                keyword)
            for number, keyword in enumerate(hidden, 1))
        return (
            '<fieldset class="keywordmanager-selected"%s><legend>%s</legend>'
            '<ul>%s</ul></fieldset>' % (
                '' if items else ' hidden="hidden"',
                self.t(_('Also selected')), items))

    def actions(self):
        return (
            '<fieldset class="keywordmanager-actions"><legend>%s</legend>'
            '<label for="keywordmanager-new">%s</label>'
            '<input type="text" id="keywordmanager-new" name="new"'
            ' value="%s" autocomplete="off" />'
            '<button type="submit" name="rename" value="rename">%s</button>'
            '<button type="submit" name="delete" value="delete">%s</button>'
            '</fieldset>' % (
                self.t(_('Change the selected keywords')),
                self.t(_('New keyword')), escape(self.view.new),
                self.t(_('Rename')), self.t(_('Delete'))))

    def aliases(self):
        page = self.page
        if not page.aliases:
            return ''
        rows = ''.join(
            '<tr><td>%s</td><td><bdi>%s</bdi></td></tr>' % (
                self.checkbox('aliases', alias,
                              'keywordmanager-alias-%d' % number, alias),
                escape(keyword))
            for number, (alias, keyword) in enumerate(page.aliases, 1))
        more = ''
        if page.more_aliases:
            more = '<p>%s</p>' % self.t(_(
                '${count} more aliases: filter to find them.',
                mapping={'count': page.more_aliases}))
        return (
            '<section class="keywordmanager-aliases"'
            ' aria-labelledby="keywordmanager-aliases-title">'
            '<h2 id="keywordmanager-aliases-title">%s</h2><p>%s</p>'
            '<table><thead><tr><th scope="col">%s</th><th scope="col">%s'
            '</th></tr></thead><tbody>%s</tbody></table>%s'
            '<button type="submit" name="remove-aliases"'
            ' value="remove-aliases">%s</button></section>' % (
                self.t(_('Aliases')),
                self.t(_('Typing an alias in a keyword field, in any case,'
                         ' gives its keyword; searching for it finds the'
                         ' keyword.')),
                self.t(_('Alias')), self.t(_('Keyword')), rows, more,
                self.t(_('Remove the selected aliases'))))


def render_page(view):
    return ManagerPage(view)()
