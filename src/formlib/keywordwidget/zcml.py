"""The `formlib:widgets` directive: edit and display widget for a marker."""
import zope.configuration.fields
import zope.interface
import zope.schema
from zope.component.zcml import adapter
from zope.formlib.interfaces import IDisplayWidget
from zope.formlib.interfaces import IInputWidget
from zope.publisher.interfaces.browser import IBrowserRequest

from formlib.keywordwidget.permission import edit_or_display


class IWidgetsDirective(zope.interface.Interface):
    """Register the widgets formlib uses for fields that provide a marker."""

    for_ = zope.configuration.fields.GlobalInterface(
        title='Marker interface provided by the fields',
        required=True)

    edit = zope.configuration.fields.GlobalObject(
        title='Edit widget factory, called with (field, request)',
        required=True)

    display = zope.configuration.fields.GlobalObject(
        title='Display widget factory, called with (field, request)',
        description='Also stands in for the edit widget where the user '
                    'lacks the edit permission declared on the field.',
        required=True)

    layer = zope.configuration.fields.GlobalInterface(
        title='Request layer the widgets are for',
        required=False,
        default=IBrowserRequest)


def widgets(_context, for_, edit, display, layer=IBrowserRequest):
    # Plain adapters, not views: a <view> would hand formlib a
    # security-proxied widget.  Where formlib asks for an input widget, a
    # user who lacks the field's edit permission gets the display widget;
    # formlib's getWidgetsData skips widgets that are not IInputWidget, so
    # nothing posted for the field is applied.
    adapter(_context, [edit_or_display(edit, display)],
            provides=IInputWidget, for_=[for_, layer])
    adapter(_context, [display], provides=IDisplayWidget, for_=[for_, layer])
