"""How a route of a routable page answers with HTML.

Every `RoutablePageMixin` route that renders a template renders it through
the page, with Wagtail's `RoutablePageMixin.render()`: the page's
`get_context` (and so whatever a subclass adds to it), its template unless
the route names another, and the context processors, exactly as for the page
itself. A route never builds `{"page": …, "self": …}` by hand
(tests/website/test_routes_render_through_the_page.py fails if one does).

`render()` has no status code; `render_route` adds it, so that refusals
(400, 403, 404, 409, 429) are rendered the same way as the rest.
"""


def render_route(page, request, template=None, context=None, status=200):
    """The page rendered with `template` (the page's own when None) and
    `context` over its `get_context`, answered with `status`."""
    response = page.render(request, template=template, context_overrides=context)
    response.status_code = status
    return response
