"""Compile every .po file of the package into the .mo file shipped."""
from formlib.keywordwidget.locales import catalogs
from formlib.keywordwidget.locales import compiled


for po_path in catalogs():
    po_path.with_suffix('.mo').write_bytes(compiled(po_path))
    print('compiled', po_path)
