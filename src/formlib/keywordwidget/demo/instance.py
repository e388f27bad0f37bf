"""Create the demo's Zope instance and set up its users and article."""
import os
import sys

import transaction
import zope.component
from zope.security.interfaces import IPermission

from formlib.keywordwidget.demo.content import Article
from formlib.keywordwidget.demo.interfaces import CREATE_KEYWORDS
from formlib.keywordwidget.demo.interfaces import EDIT_ARTICLE
from formlib.keywordwidget.demo.interfaces import EDIT_KEYWORDS
from formlib.keywordwidget.demo.site import ARTICLES
from formlib.keywordwidget.demo.site import catalog_article
from formlib.keywordwidget.demo.site import set_up_articles
from formlib.keywordwidget.demo.site import set_up_catalog


USERS = [
    ('admin', ['Manager']),
    ('editor', ['Editor']),
    ('author', ['Author']),
    ('tagger', ['Tagger']),
]

ROLES_FOR = {
    EDIT_ARTICLE: ['Manager', 'Editor', 'Author', 'Tagger'],
    EDIT_KEYWORDS: ['Manager', 'Editor', 'Tagger'],
    CREATE_KEYWORDS: ['Manager', 'Editor'],
}

ZOPE_CONF = """\
%define INSTANCE {home}
instancehome $INSTANCE

<zodb_db main>
  <filestorage>
    path $INSTANCE/var/Data.fs
  </filestorage>
  mount-point /
</zodb_db>

<environment>
  CHAMELEON_CACHE $INSTANCE/var/cache
</environment>

# Editors who save at once conflict where their changes cannot merge (two
# saves that create the same keyword), often again on the retry, as they
# save again at once: Zope runs such a request again up to this many times
# (3 by default), and nearly every save lands.  See "Under load" in
# docs/performance.rst.
max-conflict-retries 6
"""

# As mkwsgiinstance writes it, the port left to `runwsgi ... http_port=`;
# the translogger filter is why the `zope` extra needs Paste.
ZOPE_INI = """\
[app:zope]
use = egg:Zope#main
zope_conf = %(here)s/zope.conf

[server:main]
use = egg:waitress#main
host = 127.0.0.1
port = %(http_port)s

[filter:translogger]
use = egg:Paste#translogger
setup_console_handler = False

[pipeline:main]
pipeline =
    egg:Zope#httpexceptions
    translogger
    zope

[loggers]
keys = root, wsgi

[handlers]
keys = console

[formatters]
keys = generic, message

[formatter_generic]
format = %(asctime)s %(levelname)s [%(name)s] %(message)s
datefmt = %Y-%m-%d %H:%M:%S

[formatter_message]
format = %(message)s

[logger_root]
level = INFO
handlers = console

[logger_wsgi]
level = INFO
handlers = console
qualname = wsgi
propagate = 0

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic
"""

SITE_ZCML = """\
<configure xmlns="http://namespaces.zope.org/zope">
  <include package="Zope2.App" />
  <include package="formlib.keywordwidget.demo" />
</configure>
"""

ARTICLE = dict(
    title='Keyword widgets for Zope',
    categories=['howto', 'release'],
    keywords=['Python', 'Zope', 'Zope widgets', 'Python testing'],
)


def create_instance(home):
    """Write the instance's configuration unless it is there."""
    home = os.path.abspath(home)
    files = {
        'etc/zope.conf': ZOPE_CONF.format(home=home),
        'etc/zope.ini': ZOPE_INI,
        'etc/site.zcml': SITE_ZCML,
    }
    for name in ('etc', 'var', 'var/cache'):
        os.makedirs(os.path.join(home, name), exist_ok=True)
    for name, text in files.items():
        path = os.path.join(home, name)
        if not os.path.exists(path):
            with open(path, 'w') as f:
                f.write(text)


def set_up_site(app, articles=ARTICLES):
    """Roles, users, the catalog, ``/article`` and `articles` more in
    ``/articles``, in the root ``app``, where missing."""
    roles = set(app.valid_roles())
    for role in ('Editor', 'Author', 'Tagger'):
        if role not in roles:
            app._addRole(role)
    for permission, roles in ROLES_FOR.items():
        title = zope.component.getUtility(IPermission, permission).title
        app.manage_permission(title, roles, acquire=False)
    for name, roles in USERS:
        if app.acl_users.getUserById(name) is None:
            app.acl_users._doAddUser(name, name, roles, [])
    set_up_catalog(app)
    if 'article' not in app.objectIds():
        app._setObject('article', Article('article', **ARTICLE))
    # Also an article of a demo from before the catalog.
    catalog_article(app.article, None)
    set_up_articles(app, articles)


def main(home, port):
    """Create the instance if needed and set up its site, then close it:
    FileStorage's lock must be free before the server starts."""
    import Zope2
    from zc.lockfile import LockError
    from Zope2.Startup.run import configure_wsgi
    create_instance(home)
    configure_wsgi(os.path.join(home, 'etc', 'zope.conf'))
    try:
        Zope2.startup_wsgi()
    except LockError:
        sys.exit('%s is in use: is the demo running already?' % home)
    app = Zope2.app()
    set_up_site(app)
    transaction.commit()
    app._p_jar.close()
    Zope2.DB.close()
    url = 'http://127.0.0.1:%s/article' % port
    print('\nKeyword widgets demo, Ctrl-C stops it:\n'
          '  %s/@@display  (anyone)\n'
          '  %s/@@edit     (log in)\n'
          '  %s/@@manage-keywords  (admin)\n'
          'Log-ins (user/password): admin/admin (Manager), editor/editor'
          ' (edits every field),\n  tagger/tagger (chooses Keywords, does'
          ' not create new ones),\n  author/author (edits the title, not'
          ' Keywords or Categories)\n' % (
              url, url, url.rpartition('/')[0]), flush=True)


if __name__ == '__main__':
    main(*sys.argv[1:3])
