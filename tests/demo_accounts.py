"""The demo's own accounts (`manage.py seed_demo`), for the permission
tests that log in as them rather than as a superuser."""

from django.contrib.auth import get_user_model
from django.test import Client


def client_of(email):
    """A test client logged in as the demo account with this email."""
    client = Client()
    client.force_login(get_user_model().objects.get(email=email))
    return client
