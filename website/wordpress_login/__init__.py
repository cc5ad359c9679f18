"""Log in with WordPress.com: an allauth OAuth2 provider.

allauth 65 dropped its WordPress provider; many members of these networks
blog on WordPress.com, so the site carries its own. Like every provider it
is switched on by adding its client id and secret under Settings → Social
login in the Wagtail admin.
"""
