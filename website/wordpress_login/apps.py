from django.apps import AppConfig


class WordPressLoginConfig(AppConfig):
    name = "website.wordpress_login"
    label = "wordpress_login"
    verbose_name = "WordPress.com login"
