import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from website.factories import UserFactory


@pytest.fixture
def translator(translations):
    call_command("setup_translator_groups", verbosity=0)
    user = UserFactory(username="teresa", email="teresa@example.org")
    user.groups.add(Group.objects.get(name="Translators: Español"))
    return user


@pytest.mark.django_db
def test_a_group_per_translated_language(translations):
    call_command("setup_translator_groups", verbosity=0)
    call_command("setup_translator_groups", verbosity=0)  # running it again is safe
    names = set(
        Group.objects.filter(name__startswith="Translators").values_list(
            "name", flat=True
        )
    )
    assert names == {"Translators: Español", "Translators: Français"}


@pytest.mark.django_db
def test_translator_edits_and_publishes_pages_of_their_language(
    client, translator, translations
):
    client.force_login(translator)
    spanish = translations["es"]
    assert client.get(f"/admin/pages/{spanish.pk}/edit/").status_code == 200
    assert spanish.permissions_for_user(translator).can_publish()


@pytest.mark.django_db
def test_translator_cannot_touch_pages_of_another_language(
    client, translator, translations
):
    client.force_login(translator)
    for code in ("en", "fr"):
        page = translations[code]
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 302
        assert not page.permissions_for_user(translator).can_edit()


@pytest.mark.django_db
def test_translators_may_start_translations_even_after_a_flush(translations):
    # wagtail-localize's migration made the permission; `flush` (every
    # transactional test) empties it, and no model declares it.
    Permission.objects.filter(codename="submit_translation").delete()
    call_command("setup_translator_groups", verbosity=0)
    group = Group.objects.get(name="Translators: Español")
    assert group.permissions.filter(codename="submit_translation").exists()
