"""The permissions a field needs: to edit it, and to add keywords to it."""
import zope.security


EDIT_PERMISSION = 'formlib.keywordwidget.edit_permission'
CREATE_PERMISSION = 'formlib.keywordwidget.create_permission'


def set_edit_permission(field, permission_id):
    """Declare, once on the schema field, the permission editing it needs."""
    field.setTaggedValue(EDIT_PERMISSION, permission_id)


def edit_permission(field):
    """The permission id editing ``field`` needs, or None if it needs none."""
    return field.queryTaggedValue(EDIT_PERMISSION)


def set_create_permission(field, permission_id):
    """Declare the permission adding keywords to an open field needs.

    Users without it choose among the keywords there are: they are offered
    no new ones, and what they type or post that is none is refused.
    """
    field.setTaggedValue(CREATE_PERMISSION, permission_id)


def create_permission(field):
    """The permission id adding keywords needs, or None if it needs none."""
    return field.queryTaggedValue(CREATE_PERMISSION)


def content_of(bound):
    """The content behind what formlib bound a field to.

    formlib binds a field of a schema the content does not provide to the
    schema's adapter of it.  Grants and local roles live on the content:
    an adapter that keeps it as its `context` (and has no `__parent__`
    that security policies could follow) is checked on that.
    """
    if getattr(bound, '__parent__', None) is None:
        content = getattr(bound, '__dict__', {}).get('context')
        if content is not None:
            return content
    return bound


def allowed(permission, content):
    """Whether the user has `permission` on ``content``; no permission is
    always allowed."""
    if permission is None:
        return True
    # One check serves both platforms: Zope installs AccessControl's
    # SecurityPolicy as zope.security's policy, which asks the security
    # manager for the permission's title on the (acquisition-wrapped)
    # object.
    return zope.security.checkPermission(permission, content)


def has_edit_permission(field, content):
    """Whether the user has ``field``'s edit permission on ``content``."""
    return allowed(edit_permission(field), content)


def may_edit(field):
    """Whether the current user may edit the bound ``field``'s content."""
    permission = edit_permission(field)
    # Most fields declare none: then no content to look for, as every
    # widget of the field is looked up.
    return permission is None or allowed(permission, content_of(field.context))


def may_create(field):
    """Whether the current user may add keywords to the bound ``field``."""
    return allowed(create_permission(field), content_of(field.context))


def edit_or_display(edit, display):
    """Widget factory: ``edit`` if the user may edit the field, else
    ``display``."""
    def widget(field, request):
        factory = edit if may_edit(field) else display
        return factory(field, request)
    return widget
