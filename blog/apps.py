from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = _("Blog")

    def ready(self):
        from website import date_changes, home

        from . import cache
        from .home import latest_posts

        home.register_section("blog/includes/home_latest_posts.html", latest_posts, 10)
        cache.connect()
        # Closed comments show on the post only, not in the listings.
        date_changes.register(cache.posts_whose_comments_closed, related=False)
