"""The demo article, a Zope object."""
import zope.interface
from OFS.SimpleItem import SimpleItem

from formlib.keywordwidget.demo.interfaces import IArticle


@zope.interface.implementer(IArticle)
class Article(SimpleItem):
    """An article in the Zope object tree."""

    meta_type = 'Keyword demo article'

    # Defaults on the class: formlib reads fields with getattr, and a
    # field missing on the object would otherwise be acquired from a
    # parent.
    title = ''
    categories = ()
    keywords = ()

    def __init__(self, id, **values):
        self.id = id
        for name, value in values.items():
            setattr(self, name, value)
