"""The JavaScript and CSS that enhance the keyword widgets."""


def render_resources(request):
    """`<link>` and `<script>` tags for the enhancement, once per page."""
    return ''
