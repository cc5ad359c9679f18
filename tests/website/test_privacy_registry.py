"""`manage.py privacy export|erase EMAIL` across every app, on the demo:
export gathers each app's data; erase leaves no row that names the address
in any table (a walk over every model's text columns), removes the account
and allauth's rows, keeps ballots, and keeps comments as by "a former
member" or removes them. A member matched in a round still running is the
one exception until the round ends: only their application names them,
and `manage.py privacy complete` anonymises it once the round is over."""

import datetime
import json
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import models
from django.utils import timezone

from blog.models import BlogComment, PostLike
from program.factories import ApplicationFactory, RoundPageFactory
from program.models import Application, ProgramPage, RoundPage
from program.release import release_matches
from program.storage import create_match
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
    kept = BlogComment.objects.filter(former_member=True, user_name="")
    assert kept.count() >= commented


@pytest.fixture
def matched_in_a_running_round(member_with_everything):
    """The member is also matched, and the match released, in a round whose
    partnerships run now."""
    user = member_with_everything
    now, today = timezone.now(), timezone.localdate()
    running = RoundPageFactory(
        parent=ProgramPage.objects.filter(locale__language_code="en").first(),
        number=99,
        applications_open_at=now - datetime.timedelta(days=60),
        applications_close_at=now - datetime.timedelta(days=30),
        starts_on=today - datetime.timedelta(days=20),
        ends_on=today + datetime.timedelta(days=70),
        matches_released=True,
    )
    mine = ApplicationFactory(round=running, name="Demo member", email=EMAIL, user=user)
    partner = ApplicationFactory(round=running, email="partner@example.net")
    create_match(running, [mine.pk, partner.pk])
    release_matches(running)
    return running


def test_until_the_round_ends_only_the_kept_application_names_the_address(
    matched_in_a_running_round,
):
    running = matched_in_a_running_round
    call_command("privacy", "erase", EMAIL, stdout=StringIO())
    kept = Application.objects.get(round=running, email=EMAIL)
    assert kept.erase_after_round
    assert rows_naming(EMAIL) == [
        ("program.Application", "email", 1),
        ("program.Application", "email_key", 1),
    ]

    RoundPage.objects.filter(pk=running.pk).update(
        ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    call_command("privacy", "complete", stdout=StringIO())
    assert rows_naming(EMAIL) == []


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
