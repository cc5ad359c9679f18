"""A round's anchor (its source page, which applications and matches belong
to) is looked up once per page instance, however often a request reads it,
and looked up again when the instance stands for another page (a copy, a
new page saved) or is reloaded."""

import pytest

from program.factories import (
    ApplicationFactory,
)
from program.models import RoundPage

pytestmark = pytest.mark.django_db


def test_a_translations_anchor_is_its_source_read_in_one_lookup(
    rounds, django_assert_num_queries
):
    english, spanish = rounds
    spanish = RoundPage.objects.get(pk=spanish.pk)
    with django_assert_num_queries(2):  # the source's id, then the source
        anchors = {spanish.anchor.pk for _ in range(20)}
    assert anchors == {english.pk}


def test_a_source_pages_anchor_is_itself_read_in_one_query(
    rounds, django_assert_num_queries
):
    english, _spanish = rounds
    english = RoundPage.objects.get(pk=english.pk)
    with django_assert_num_queries(1):
        anchors = [english.anchor for _ in range(20)]
    assert all(anchor is english for anchor in anchors)


def test_the_anchor_is_looked_up_again_for_a_copy_and_after_a_reload(
    rounds, django_assert_num_queries
):
    english, spanish = rounds
    spanish = RoundPage.objects.get(pk=spanish.pk)
    assert spanish.anchor.pk == english.pk
    spanish.refresh_from_db()
    with django_assert_num_queries(2):
        assert spanish.anchor.pk == english.pk
    spanish.pk = spanish.id = None  # now stands for a new page
    with django_assert_num_queries(2):
        assert spanish.anchor.pk == english.pk


def test_editing_an_application_by_its_link_looks_the_anchor_up_once(
    client, rounds, django_assert_max_num_queries
):
    english, spanish = rounds
    application = ApplicationFactory(round=english, language="es")
    token = application.new_edit_token()
    application.save()
    url = spanish.url + spanish.reverse_subpage(
        "application", args=[application.pk, token]
    )
    client.get(url)  # what a first visit caches (site, locales)
    # The edit route reads the anchor twice (to find the application, then
    # for the form): one lookup of two queries, not two (15 queries before).
    with django_assert_max_num_queries(13) as queries:
        response = client.get(url)
    assert response.status_code == 200
    source_lookups = [
        q["sql"]
        for q in queries.captured_queries
        if 'FROM "program_roundpage"' in q["sql"] and "ORDER BY" in q["sql"]
    ]
    assert len(source_lookups) == 1
