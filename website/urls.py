from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import patterns, privacy_views, routing, sitemap, views
from .logins import DjangoAdminLoginForm

handler404 = "website.views.page_not_found"

# Django admin's log-in counts failed attempts with the site's and the
# Wagtail admin's (website/logins.py).
admin.site.login_form = DjangoAdminLoginForm

# Machine endpoints stay outside i18n_patterns: the redirect to a language
# prefix would drop POST bodies. Each app adds its own here.
urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap.index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap.section, name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("comments/", include("blog.comments.urls")),
    path("", include("linkbacks.urls")),  # /xmlrpc/ and /webmention/
    path("", include("subscriptions.unsubscribe_urls")),  # RFC 8058 one-click
    path("", include("fediverse.urls")),  # WebFinger, actors, inboxes
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", views.search, name="search"),
    path("accounts/profile/", views.profile, name="profile"),
    path("accounts/my-data/", privacy_views.my_data, name="my_data"),
    path(
        "accounts/my-data/download/",
        privacy_views.my_data_download,
        name="my_data_download",
    ),
    path(
        "accounts/my-data/delete/", privacy_views.delete_account, name="my_data_delete"
    ),
    path("my-data/", privacy_views.request_export, name="my_data_request"),
    path("my-data/<str:token>/", privacy_views.export_by_link, name="my_data_link"),
    path("subscriptions/", include("subscriptions.urls")),
    path("accounts/", include("allauth.urls")),
    # Where the form of a page behind a password is sent (Wagtail's view,
    # with a status code for a wrong password and a rate limit), and
    # Wagtail's other views for private pages. They come before the page
    # pattern, which would answer them otherwise: "_util" is a slug.
    # The design system's components, for the people of the admin.
    path("_util/patterns/", patterns.patterns, name="patterns"),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        views.page_password,
        name="wagtailcore_authenticate_with_password",
    ),
    *[
        pattern
        for pattern in wagtail_urls.urlpatterns
        if pattern.name
        not in {"wagtail_serve", "wagtailcore_authenticate_with_password"}
    ],
    # Wagtail's page tree comes last: it answers every other path. Pages are
    # found by website/routing.py (fewer queries), then served by Wagtail.
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
)
