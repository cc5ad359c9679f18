from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WordPressLoginConfig(AppConfig):
    name = "website.wordpress_login"
    label = "wordpress_login"
    verbose_name = _("WordPress.com login")
