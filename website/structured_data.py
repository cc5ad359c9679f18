"""Structured data (JSON-LD) for search engines."""

import json

from django.utils.safestring import mark_safe

# Characters that could end the <script> element or start markup inside it.
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data):
    """JSON for a <script type="application/ld+json">, safe inside HTML."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES))
