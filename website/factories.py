"""Factories for the shared models; tests and the demo content use them."""

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from wagtail.models import Site

from .models import HomePage, StandardPage


class UserFactory(factory.django.DjangoModelFactory):
    """A member who can log in: a verified primary email address and a
    profile (created by the post_save signal, filled in here)."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"member{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = ""
    last_name = ""
    password = factory.django.Password("librarian-demo")

    @factory.post_generation
    def profile(user, create, extracted, **fields):
        if not create:
            return
        profile = user.profile
        for name, value in fields.items():
            setattr(profile, name, value)
        profile.save()

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.update_or_create(
                user=user,
                email=user.email,
                defaults={"verified": True, "primary": True},
            )


def site_home():
    """The default site's home page: where a factory's page goes when the
    test names no parent (the data migration makes it)."""
    return Site.objects.get(is_default_site=True).root_page.specific


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Librarians Network"
    intro = "<p>A network of librarians learning from each other.</p>"


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    parent = factory.LazyFunction(site_home)
    title = factory.Sequence(lambda n: f"Page {n}")
    body = "<p>About the network.</p>"
