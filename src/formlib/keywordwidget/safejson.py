"""JSON that can never be read as markup."""
import json


def dumps(data):
    """JSON with no raw `<`, `>` or `&`, even inside strings.

    Safe inside a `<script>` block (no `</script>` or `<!--` can end it)
    and as a response that a browser might sniff as HTML.
    """
    text = json.dumps(data, ensure_ascii=False)
    return (text.replace('&', '\\u0026')
                .replace('<', '\\u003c')
                .replace('>', '\\u003e'))
