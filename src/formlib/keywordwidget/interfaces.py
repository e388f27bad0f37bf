"""Interfaces of formlib.keywordwidget."""
import zope.formlib.interfaces
import zope.interface


class IHaveSelectableKeywords(zope.interface.Interface):
    """Marker for a field that wants the selectable-keywords widgets."""


class IKeywordInputWidget(zope.formlib.interfaces.IInputWidget):
    """Edit widget that selects keywords from the field's vocabulary."""


class IKeywordDisplayWidget(zope.formlib.interfaces.IDisplayWidget):
    """Display widget that lists the titles of the stored keywords."""


class IKeywordStore(zope.interface.Interface):
    """The keywords a site's objects use, and how many use each.

    `formlib.keywordwidget.site_keywords` suggests them in a field.  The
    package brings stores for a ZCatalog and a zope.catalog index; an app
    implements this for a store of its own.  Keywords are text.
    """

    def count(keyword):
        """How many objects use `keyword`: 0 if none."""

    def search(query, limit):
        """(keyword, count) pairs matching `query`, best first.

        At most `limit`.  Keywords equal to the query ignoring case come
        first, then those that start with it, then those with a later word
        that starts with it, then those that contain it, each most used
        first; but for the first, case, accents and whitespace do not
        count.  An empty query answers the most used keywords.  A search
        must not walk all keywords.
        """

    def objects(keyword):
        """The objects that use `keyword`, whatever the user may see.

        For tools that change keywords across the site.  An entry whose
        object is gone, or lives elsewhere now (removed or moved without
        the store being told), is a
        `formlib.keywordwidget.sitekeywords.StaleEntry` instead.
        """

    def alias(text):
        """The keyword that `text`, ignoring case, stands for, or None.

        Typing `text` in a keyword widget then means that keyword, and
        searching for it answers that keyword first.
        """


class IManageableKeywordStore(IKeywordStore):
    """A keyword store the keyword manager (``@@manage-keywords``) lists.

    The manager changes the objects that use a keyword (`objects`) through
    the fields declared with `site_keywords` for the store and notifies an
    ``ObjectModifiedEvent`` for each, as an edit form does: the store
    counts the change when the site reindexes the object on that event.
    Stores found for several fields are one store if they are equal.
    """

    location = zope.interface.Attribute(
        """The object that keeps the store's keywords (its catalog, its
        index), located in the site the keywords belong to; or None.

        The manager of a site manages the stores kept in that site, and
        those that are kept in no site's tree (None, a global utility).
        """)

    def __len__():
        """How many distinct keywords objects use."""

    def keywords(start=''):
        """Every keyword objects use, alphabetically ignoring case, from
        the first that sorts at or after `start`.

        Lazy: the manager takes one page of it, and `count` of those.
        """

    def spellings(text):
        """(keyword, count) of the keywords equal to `text` ignoring case,
        the most used first.

        The manager looks up each typing slip of a keyword it lists: a
        lookup, not a walk from `text` on.
        """

    def aliases():
        """(alias, keyword) pairs of every alias, by alias."""

    def add_alias(text, keyword):
        """Let `text`, ignoring case, stand for `keyword`."""

    def remove_alias(text):
        """Let `text` stand for no keyword."""


class ISearchableVocabulary(zope.interface.Interface):
    """A vocabulary that searches itself, e.g. a store's keywords by use.

    Its terms may have a `count`: how many objects use them.  Its tokens
    are the keywords themselves: on an open field, a posted token that
    names no term any more is taken as that keyword, typed.
    """

    def search(query, limit):
        """Terms matching `query`, best first; for an empty query the
        terms to offer first, if any."""

    def spelling(text):
        """The term that `text` means, ignoring case, or None."""
