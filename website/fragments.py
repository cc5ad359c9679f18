"""Forms as fragments: a page that renders a CSRF token cannot be cached
(the token sets a cookie), so cached pages carry a placeholder instead, a
link to the form on a page of its own:

    <div class="fragment" data-fragment="{{ url }}"><a href="{{ url }}">…</a></div>

`website/js/fragments.js` fetches `url` with the header `X-Fragment: 1` and
puts the answer in place of the link; without JavaScript the link leads to
the same view, which then answers with a whole page around the form. Either
way the answer is never cached and its tokens are fresh.
"""

from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_vary_headers

HEADER = "X-Fragment"
PAGE_TEMPLATE = "website/fragment_page.html"


def is_fragment_request(request):
    return request.headers.get(HEADER) == "1"


def render_fragment(request, template, context, *, heading, back_url, back_title):
    """`template` alone for fragments.js, else on a page of its own titled
    `heading`, with a link back to `back_url` ("Back to “back_title”")."""
    if is_fragment_request(request):
        response = render(request, template, context)
        response[HEADER] = "1"
    else:
        page = {
            **context,
            "fragment_template": template,
            "heading": heading,
            "back_url": back_url,
            "back_title": back_title,
        }
        response = render(request, PAGE_TEMPLATE, page)
    patch_vary_headers(response, [HEADER])
    add_never_cache_headers(response)
    return response
