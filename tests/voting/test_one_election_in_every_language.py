"""What an election is (who votes, when, how ballots look and are counted,
whether results show live, the organiser's actions, which options there
are) is set on its source page and is the same in every language, whatever
saves a translation: the admin's edit form (whatever is POSTed), the
translation editor's sync, a revision published later. A translation
carries words only."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import querydict_from_html
from wagtail_localize.models import TranslationSource

from voting.factories import ElectionPageFactory
from voting.models import ElectionOption, ElectionPage
from website.factories import UserFactory
from website.permissions import ensure_translator_group

NOW = timezone.now().replace(microsecond=0)
migration = importlib.import_module(
    "voting.migrations.0003_translations_take_the_source_facts"
)

# Each fact of the election, and a value that differs from the source's.
OTHER_FACTS = {
    "winners": 3,
    "ballot_type": "rank",
    "max_choices": None,
    "counting_rule": "borda",
    "electorate": "closed",
    "nominations_open_at": NOW - datetime.timedelta(days=30),
    "nominations_close_at": NOW - datetime.timedelta(days=20),
    "voting_opens_at": NOW - datetime.timedelta(days=10),
    "voting_closes_at": NOW + datetime.timedelta(days=60),
    "results_visibility": "live",
    "closed_early_at": NOW,
    "results_published": True,
    "results_published_at": NOW,
    "tie_seed": 12345,
}


def facts(page):
    page = ElectionPage.objects.get(pk=page.pk)
    return {name: getattr(page, name) for name in ElectionPage.source_facts}


def option_rows(page):
    return list(
        ElectionOption.objects.filter(page=page)
        .order_by("sort_order")
        .values_list("translation_key", "sort_order")
    )


@pytest.fixture
def election(home, election_index, locales):
    """An English election (the source) and its Spanish translation."""
    english = ElectionPageFactory(parent=election_index, title="Webinars 2019")
    election_index.copy_for_translation(locales["es"]).save_revision().publish()
    spanish = english.copy_for_translation(locales["es"])
    spanish.title = "Webinarios 2019"
    spanish.slug = "webinarios-2019"
    spanish.save_revision().publish()
    return english, ElectionPage.objects.get(pk=spanish.pk)


@pytest.mark.django_db
def test_a_translation_saved_with_other_facts_keeps_the_source_facts(election):
    english, spanish = election
    for name, value in OTHER_FACTS.items():
        setattr(spanish, name, value)
    spanish.title = "Webinarios del año"
    spanish.save_revision().publish()

    assert facts(spanish) == facts(english)
    assert ElectionPage.objects.get(pk=spanish.pk).title == "Webinarios del año"


@pytest.mark.django_db
def test_publishing_the_source_changes_every_translation_at_once(election):
    english, spanish = election
    closes = NOW + datetime.timedelta(days=3)
    english.voting_closes_at = closes
    english.results_visibility = "live"
    english.save_revision().publish()

    spanish = ElectionPage.objects.get(pk=spanish.pk)
    assert spanish.voting_closes_at == closes
    assert spanish.results_visibility == "live"
    assert facts(spanish) == facts(english)


@pytest.mark.django_db
def test_a_draft_of_the_source_changes_no_translation(election):
    english, spanish = election
    before = facts(spanish)
    draft = english.get_latest_revision_as_object()
    draft.voting_closes_at = NOW + datetime.timedelta(days=90)
    draft.save_revision()
    assert facts(spanish) == before


@pytest.mark.django_db
def test_a_translation_has_the_source_options_and_translates_only_their_words(
    election,
):
    english, spanish = election
    # A translation that adds an option and drops another keeps the source's.
    page = spanish.get_latest_revision_as_object()
    options = list(page.options.all())
    options[0].title = "Derechos de autor"
    page.options = [
        options[0],
        *options[2:],
        ElectionOption(title="Solo en español", locale=spanish.locale),
    ]
    page.save_revision().publish()
    assert option_rows(spanish) == option_rows(english)
    titles = ElectionOption.objects.filter(page=spanish).values_list("title", flat=True)
    assert "Solo en español" not in titles
    assert "Derechos de autor" in titles

    # The source adds one and removes one: every language follows at once.
    page = english.get_latest_revision_as_object()
    page.options = [
        *list(page.options.all())[1:],
        ElectionOption(title="Podcasts", locale=english.locale),
    ]
    page.save_revision().publish()
    assert option_rows(spanish) == option_rows(english)
    assert len(option_rows(spanish)) == 4


@pytest.mark.django_db
def test_the_translation_editor_sync_takes_the_live_source_facts(election, locales):
    english, spanish = election
    # wagtail-localize copies from its snapshot of the source, taken here...
    source, _created = TranslationSource.get_or_create_from_instance(english)
    # ...after which the organiser's editor changes the closing date.
    closes = NOW + datetime.timedelta(days=2)
    english.voting_closes_at = closes
    english.save_revision().publish()

    source.create_or_update_translation(locales["es"], publish=True, fallback=True)

    spanish = ElectionPage.objects.get(pk=spanish.pk)
    assert spanish.voting_closes_at == closes
    assert facts(spanish) == facts(english)


@pytest.fixture
def translator(election, locales):
    """A member of "Translators: Español", the group every Spanish
    translator of the site belongs to."""
    english, spanish = election
    spanish_home = spanish.get_parent().get_parent()
    group = ensure_translator_group(locales["es"], spanish_home)
    user = UserFactory(username="traductora")
    user.groups.add(Group.objects.get(pk=group.pk))
    client = Client()
    client.force_login(user)
    return client


def admin_client():
    client = Client()
    client.force_login(UserFactory(username="ada", is_staff=True, is_superuser=True))
    return client


def edit_form(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return response, querydict_from_html(response.text, form_id="page-edit-form")


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


@pytest.mark.django_db
def test_the_edit_form_of_a_translation_shows_the_facts_read_only(translator, election):
    english, spanish = election
    response, _data = edit_form(translator, spanish)
    soup = WagtailTestUtils.get_soup(response.text)
    for name in ("voting_closes_at", "electorate", "results_visibility", "winners"):
        assert soup.find(id=f"id_{name}").has_attr("disabled"), name
    assert not soup.find(id="id_title").has_attr("disabled")
    assert "change it on the source page (English)" in response.text
    # The source's own form is not affected.
    english_form = WagtailTestUtils.get_soup(edit_form(admin_client(), english)[0].text)
    assert not english_form.find(id="id_voting_closes_at").has_attr("disabled")


@pytest.mark.django_db
def test_what_a_translator_posts_for_the_facts_is_ignored(translator, election):
    english, spanish = election
    before = facts(english)
    _response, data = edit_form(translator, spanish)
    data["title"] = "Webinarios 2019 (revisado)"
    data["voting_closes_at"] = local(NOW + datetime.timedelta(days=365))
    data["voting_opens_at"] = local(NOW - datetime.timedelta(days=5))
    data["results_visibility"] = "live"
    data["electorate"] = "closed"
    data["winners"] = "4"
    data["action-publish"] = "action-publish"
    response = translator.post(
        reverse("wagtailadmin_pages:edit", args=[spanish.pk]), data
    )
    assert response.status_code == 302

    spanish = ElectionPage.objects.get(pk=spanish.pk)
    assert spanish.title == "Webinarios 2019 (revisado)"
    assert facts(spanish) == before == facts(english)


@pytest.mark.django_db
def test_a_translator_cannot_add_or_remove_options(translator, election):
    english, spanish = election
    _response, data = edit_form(translator, spanish)
    total = int(data["options-TOTAL_FORMS"])
    data["options-TOTAL_FORMS"] = str(total + 1)
    data[f"options-{total}-title"] = "Solo en español"
    data[f"options-{total}-description"] = ""
    data[f"options-{total}-ORDER"] = str(total)
    data[f"options-{total}-DELETE"] = ""
    data["action-publish"] = "action-publish"
    url = reverse("wagtailadmin_pages:edit", args=[spanish.pk])
    response = translator.post(url, data)
    assert response.status_code == 200
    assert "cannot add or remove them" in response.text

    _response, data = edit_form(translator, spanish)
    data["options-0-DELETE"] = "1"
    data["action-publish"] = "action-publish"
    response = translator.post(url, data)
    assert response.status_code == 200
    assert "cannot add or remove them" in response.text
    assert option_rows(spanish) == option_rows(english)
    assert not ElectionOption.objects.filter(title="Solo en español").exists()


@pytest.mark.django_db
def test_the_migration_gives_stored_translations_their_source_facts(election):
    english, spanish = election
    # As a translator could leave them before: other facts, other options.
    ElectionPage.objects.filter(pk=spanish.pk).update(
        **{
            name: value
            for name, value in OTHER_FACTS.items()
            if name not in {"max_choices"}
        }
    )
    ElectionOption.objects.filter(page=spanish).first().delete()
    ElectionOption.objects.create(
        page=spanish, locale=spanish.locale, title="Solo en español", sort_order=9
    )

    migration.align(apps, None)

    assert facts(spanish) == facts(english)
    assert option_rows(spanish) == option_rows(english)
