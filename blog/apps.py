from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = _("Blog")

    def ready(self):
        from django.db.models.signals import post_save
        from taggit.models import Tag

        from website import date_changes, home

        from . import cache, sidebar
        from .home import latest_posts
        from .models.snippets import name_new_tag

        post_save.connect(name_new_tag, sender=Tag, dispatch_uid="blog-name-new-tag")

        home.register_section(
            "blog/includes/home_latest_posts.html", latest_posts, 10, area="lead"
        )
        cache.connect()
        sidebar.connect()
        # Closed comments show on the post only, not in the listings.
        date_changes.register(cache.posts_whose_comments_closed, related=False)
