"""The package's translations; ``python -m`` this package compiles them."""
import pathlib


LOCALES = pathlib.Path(__file__).parent
DOMAIN = 'formlib.keywordwidget'


def catalogs():
    """Paths of the .po files, one a language."""
    return sorted(LOCALES.glob('*/LC_MESSAGES/%s.po' % DOMAIN))


def compiled(po_path):
    """The .mo file's bytes for a .po file."""
    from pythongettext.msgfmt import Msgfmt
    with open(po_path, 'rb') as po:
        return Msgfmt(po, name=str(po_path)).get()
