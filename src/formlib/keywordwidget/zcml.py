"""The `formlib:widgets` directive: edit and display widget for a marker;
`formlib:platform` and `formlib:negotiator`, which adapt the package's
configuration to the application around it."""
import importlib

import zope.component
import zope.configuration.fields
import zope.interface
import zope.schema
from zope.component.zcml import adapter
from zope.configuration.exceptions import ConfigurationError
from zope.configuration.xmlconfig import include
from zope.formlib.interfaces import IDisplayWidget
from zope.formlib.interfaces import IInputWidget
from zope.i18n.interfaces import INegotiator
from zope.i18n.interfaces import IUserPreferredLanguages
from zope.publisher.interfaces.browser import IBrowserRequest
from zope.publisher.interfaces.http import IHTTPRequest

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


class INegotiatorDirective(zope.interface.Interface):
    """Provide zope.i18n's language negotiation where the app has none."""


# Runs after the actions of every other directive in the same run.
AFTER_EVERYTHING_ELSE = 1000


def negotiator(_context):
    # Our translations need a negotiator and the request's preferred
    # languages.  Zope registers both (registering them again would
    # conflict), a plain formlib app may not have them.
    _context.action(discriminator=None, callable=provide_negotiation,
                    order=AFTER_EVERYTHING_ELSE)


def provide_negotiation():
    from zope.i18n.negotiator import negotiator
    from zope.publisher.browser import BrowserLanguages
    site_manager = zope.component.getSiteManager()
    if site_manager.queryUtility(INegotiator) is None:
        site_manager.registerUtility(negotiator, INegotiator)
    if site_manager.adapters.lookup(
            (IHTTPRequest,), IUserPreferredLanguages) is None:
        site_manager.registerAdapter(
            BrowserLanguages, (IHTTPRequest,), IUserPreferredLanguages)


class IPlatformDirective(zope.interface.Interface):
    """Include the formlib configuration of the platform: five.formlib
    inside Zope, zope.formlib elsewhere."""


# A directive of Products.Five's meta.zcml, which Zope loads (Zope2.App)
# before the configuration of any package.
FIVE_DIRECTIVE = ('http://namespaces.zope.org/five', 'sizable')


def in_zope(_context):
    """Whether the configuration being loaded is a Zope application's."""
    try:
        _context.factory(_context, FIVE_DIRECTIVE)
    except ConfigurationError:
        return False
    return True


def platform(_context):
    # Inside Zope, five.formlib overrides registrations of zope.formlib's
    # ZCML; were zope.formlib's included from here, and five.formlib from
    # elsewhere, the two would conflict.  Including five.formlib from here
    # nests both under this package, and a second include of it, before or
    # after, is skipped: any order works.
    package = 'five.formlib' if in_zope(_context) else 'zope.formlib'
    include(_context, package=importlib.import_module(package))
