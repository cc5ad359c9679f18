from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import routing, views
from .logins import DjangoAdminLoginForm
from .sitemap import MultilingualSitemap

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
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": MultilingualSitemap}},
        name="sitemap",
    ),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("comments/", include("blog.comments.urls")),
    path("", include("linkbacks.urls")),  # /xmlrpc/ and /webmention/
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
    path("accounts/", include("allauth.urls")),
    # Where the form of a page behind a password is sent (Wagtail's view,
    # with a status code for a wrong password and a rate limit), and
    # Wagtail's other views for private pages. They come before the page
    # pattern, which would answer them otherwise: "_util" is a slug.
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
