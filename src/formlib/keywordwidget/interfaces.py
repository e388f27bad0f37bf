"""Interfaces of formlib.keywordwidget."""
import zope.formlib.interfaces
import zope.interface


class IHaveSelectableKeywords(zope.interface.Interface):
    """Marker for a field that wants the selectable-keywords widgets."""


class IKeywordInputWidget(zope.formlib.interfaces.IInputWidget):
    """Edit widget that selects keywords from the field's vocabulary."""


class IKeywordDisplayWidget(zope.formlib.interfaces.IDisplayWidget):
    """Display widget that lists the titles of the stored keywords."""
