"""`manage.py privacy export|erase EMAIL` across every app, on the demo:
export gathers each app's data; erase leaves no row that names the address
in any table (a walk over every model's text columns), removes the account
and allauth's rows, keeps ballots, and keeps comments as "a former member"
or removes them."""

import json
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import models

from blog.models import BlogComment, PostLike
from subscriptions.models import Subscription
from voting.models import Ballot
from website import privacy

pytestmark = pytest.mark.django_db

EMAIL = "member@example.org"
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def rows_naming(address):
    """[(model, field, count)] of every text column holding `address`."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if not isinstance(field, TEXT_FIELDS):
                continue
            lookup = f"{field.name}__icontains"
            count = model._default_manager.filter(**{lookup: address}).count()
            if count:
                found.append((model._meta.label, field.name, count))
    return found


@pytest.fixture
def member_with_everything(demo_for_the_module):
    user = get_user_model().objects.get(email=EMAIL)
    Subscription.objects.create(
        email=EMAIL, user=user, languages=["en"], confirmed_at=user.date_joined
    )
    return user


def test_the_demo_member_has_data_in_several_apps(member_with_everything):
    assert rows_naming(EMAIL)  # the walk finds something before the erase
    out = StringIO()
    call_command("privacy", "export", EMAIL, stdout=out)
    data = json.loads(out.getvalue())
    assert data["account"]["accounts"][0]["email"] == EMAIL
    assert data["subscriptions"]["subscriptions"][0]["languages"] == ["en"]
    assert data["blog"]["comments"] or data["blog"]["likes"]
    assert {"program", "voting"} <= data.keys()


def test_erase_leaves_no_row_with_the_address_in_any_table(member_with_everything):
    user = member_with_everything
    commented = BlogComment.objects.filter(user=user).count()
    ballots = Ballot.objects.count()
    call_command("privacy", "erase", EMAIL, stdout=StringIO())
    assert rows_naming(EMAIL) == []
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert not EmailAddress.objects.filter(email__iexact=EMAIL).exists()
    assert not PostLike.objects.filter(user_id=user.pk).exists()
    assert (
        not Subscription.objects.exists()
        or not Subscription.objects.filter(email=EMAIL).exists()
    )
    assert Ballot.objects.count() == ballots  # ballots hold no identity
    kept = BlogComment.objects.filter(user_name="a former member")
    assert kept.count() >= commented


def test_erase_can_remove_the_comments_instead(member_with_everything):
    user = member_with_everything
    ids = list(BlogComment.objects.filter(user=user).values_list("pk", flat=True))
    privacy.erase(EMAIL, keep_comments=False)
    assert rows_naming(EMAIL) == []
    assert all(c.is_removed for c in BlogComment.objects.filter(pk__in=ids))


def test_the_comment_privacy_command_still_answers(demo_for_the_module):
    out = StringIO()
    call_command("comment_privacy", "export", EMAIL, stdout=out)
    json.loads(out.getvalue())


def test_every_app_that_stores_personal_data_is_in_the_registry():
    labels = [label for label, _module in privacy.modules()]
    assert {"blog", "program", "voting", "subscriptions"} <= set(labels)
    assert "website" not in labels  # the account's own rows are the registry's
