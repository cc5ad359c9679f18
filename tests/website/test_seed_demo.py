import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from wagtail.models import Collection, Page, Site

from blog.models import BlogPage
from linkbacks.models import SentLinkback

from .test_deploy_check import SAMPLE_ENVIRONMENT, manage


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


@pytest.mark.django_db
def test_seed_demo_queues_no_linkbacks_even_where_publishing_would(
    settings, django_capture_on_commit_callbacks
):
    # The production queue, and linkback sending on (its default outside
    # dev): publishing the demo's posts must queue nothing that would tell
    # the sites they link to (example.org) about them.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.LINKBACKS_SEND = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", verbosity=0)
    assert BlogPage.objects.live().exists()  # posts were published
    queued = DBTaskResult.objects.values_list("task_path", flat=True)
    assert not [path for path in queued if path.startswith("linkbacks.")]
    assert not SentLinkback.objects.exists()


def test_seed_demo_refuses_to_run_with_production_settings():
    result = manage("seed_demo", **SAMPLE_ENVIRONMENT)
    assert result.returncode != 0
    assert "seed_demo is for local use only" in result.stderr
    assert "Demo content is ready" not in result.stdout
