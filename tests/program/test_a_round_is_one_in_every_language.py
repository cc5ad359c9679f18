"""What a mentoring round is (its number, application window, partnership
dates, state and matching rules) is set on its source page and is the same
in every language, whatever saves a translation; a translation carries
words only."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone
from wagtail_localize.models import TranslationSource

from program.models import RoundPage

NOW = timezone.now().replace(microsecond=0)
migration = importlib.import_module(
    "program.migrations.0008_translations_take_the_source_facts"
)

OTHER_FACTS = {
    "number": 9,
    "applications_open_at": NOW - datetime.timedelta(days=1),
    "applications_close_at": NOW + datetime.timedelta(days=300),
    "starts_on": datetime.date(2030, 1, 1),
    "ends_on": datetime.date(2030, 6, 1),
    "matches_released": True,
    "match_mode": "mentor_mentee",
    "allow_same_country": True,
    "odd_one_out": "wait",
    "match_objective": "max_score",
    "max_country_share": 0.5,
    "weight_interests": 0.0,
    "weight_sector": 9.0,
    "weight_career_stage": 9.0,
    "weight_timezone": 9.0,
    "match_seed": 77,
}


def facts(page):
    page = RoundPage.objects.get(pk=page.pk)
    return {name: getattr(page, name) for name in RoundPage.source_facts}


@pytest.mark.django_db
def test_every_fact_of_a_round_is_synchronised_and_not_overridable():
    from wagtail_localize.fields import get_translatable_fields

    declared = {
        field.field_name: field
        for field in get_translatable_fields(RoundPage)
        if field.field_name in RoundPage.source_facts
    }
    assert set(declared) == set(RoundPage.source_facts)
    assert not any(field.overridable for field in declared.values())


@pytest.mark.django_db
def test_a_translation_saved_with_other_facts_keeps_the_source_facts(rounds):
    english, spanish = rounds
    for name, value in OTHER_FACTS.items():
        setattr(spanish, name, value)
    spanish.intro = "Inscríbete."
    spanish.save_revision().publish()
    assert facts(spanish) == facts(english)
    assert RoundPage.objects.get(pk=spanish.pk).intro == "Inscríbete."


@pytest.mark.django_db
def test_publishing_the_source_round_changes_every_translation(rounds):
    english, spanish = rounds
    english.applications_close_at = NOW + datetime.timedelta(days=2)
    english.match_mode = "mentor_mentee"
    english.save_revision().publish()
    assert facts(spanish) == facts(english)
    assert RoundPage.objects.get(pk=spanish.pk).match_mode == "mentor_mentee"


@pytest.mark.django_db
def test_the_translation_editor_sync_takes_the_live_source_facts(rounds, locales):
    english, spanish = rounds
    source, _created = TranslationSource.get_or_create_from_instance(english)
    english.applications_close_at = NOW + datetime.timedelta(days=1)
    english.save_revision().publish()
    source.create_or_update_translation(locales["es"], publish=True, fallback=True)
    assert facts(spanish) == facts(english)


@pytest.mark.django_db
def test_the_migration_gives_stored_translations_their_source_facts(rounds):
    english, spanish = rounds
    RoundPage.objects.filter(pk=spanish.pk).update(**OTHER_FACTS)
    migration.align(apps, None)
    assert facts(spanish) == facts(english)
