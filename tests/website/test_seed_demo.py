import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Collection, Page, Site


def row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"website", "blog", "program", "voting", "wagtailcore", "auth", "account"}
        and model._meta.label not in {"wagtailcore.ModelLogEntry"}
    }


@pytest.mark.django_db
def test_seed_demo_builds_the_site_and_running_it_again_changes_nothing(client):
    call_command("seed_demo", verbosity=0)
    first = row_counts()
    call_command("seed_demo", verbosity=0)
    assert row_counts() == first

    assert client.get("/en/").status_code == 200
    assert "Red de Bibliotecarios" in client.get("/es/").text
    assert "Réseau des bibliothécaires" in client.get("/fr/").text


@pytest.mark.django_db
def test_demo_accounts_can_log_in(client):
    call_command("seed_demo", verbosity=0)
    User = get_user_model()
    for email in (
        "admin@example.org",
        "editor@example.org",
        "traductora@example.org",
        "member@example.org",
    ):
        assert EmailAddress.objects.get(email=email).verified
        assert client.login(
            username=User.objects.get(email=email).username, password="librarian-demo"
        )
    assert User.objects.get(email="admin@example.org").is_superuser


@pytest.mark.django_db
def test_spanish_translator_may_edit_spanish_pages_only(client):
    call_command("seed_demo", verbosity=0)
    translator = get_user_model().objects.get(email="traductora@example.org")
    english_home = Page.objects.get(depth=2, locale__language_code="en")
    spanish_home = Page.objects.get(depth=2, locale__language_code="es")
    client.force_login(translator)
    assert client.get(f"/admin/pages/{spanish_home.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{english_home.pk}/edit/").status_code == 302


@pytest.mark.django_db
def test_seed_demo_builds_the_site_on_a_flushed_database(client):
    # `manage.py flush` empties what Wagtail's migrations made: the root
    # page, the default site, the groups and the root collection.
    Site.objects.all().delete()
    Page.get_first_root_node().delete()
    Group.objects.all().delete()
    Collection.objects.all().delete()
    assert not Page.objects.exists()

    call_command("seed_demo", verbosity=0)

    assert Site.objects.get(is_default_site=True).root_page.title
    assert client.get("/en/").status_code == 200
    assert client.get("/es/").status_code == 200
    editor = get_user_model().objects.get(email="editor@example.org")
    client.force_login(editor)
    assert client.get("/admin/pages/").status_code == 200


@pytest.mark.django_db
def test_demo_editor_may_manage_the_blogs_authors_and_categories(client):
    call_command("seed_demo", verbosity=0)
    client.force_login(get_user_model().objects.get(email="editor@example.org"))
    for model in ("author", "category"):
        assert client.get(f"/admin/snippets/blog/{model}/").status_code == 200
        assert client.get(f"/admin/snippets/blog/{model}/add/").status_code == 200
