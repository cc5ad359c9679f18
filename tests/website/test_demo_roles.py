"""What the demo's editor (editor@, Wagtail's "Editors" group) and Spanish
translator (traductora@, "Translators: Español") may do, logged in as those
accounts after `seed_demo`, and the doors their roles must not open: what
the README's demo accounts table says of them."""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Page, Workflow, WorkflowPage
from wagtail.permissions import policy_registry
from wagtail_localize.models import Translation, TranslationSource

from blog.models import BlogIndexPage, BlogPage
from program.models import MatchingRun, RoundPage
from voting.models import AuditEntry, ElectionPage

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture
def demo():
    call_command("seed_demo", verbosity=0)


def images_policy():
    return policy_registry.get_by_type(get_image_model())


def demo_user(email):
    return get_user_model().objects.get(email=email)


def refused(response):
    """Wagtail's refusal: 403, or back to the dashboard with a message."""
    return response.status_code == 403 or (
        response.status_code == 302
        and response["Location"] == reverse("wagtailadmin_home")
    )


def in_locale(page, code):
    return Page.objects.get(
        translation_key=page.translation_key, locale__language_code=code
    ).specific


def organisers_doors():
    election = ElectionPage.objects.filter(locale__language_code="en").first()
    round_page = RoundPage.objects.filter(locale__language_code="en").first()
    return {
        "get": [
            reverse("voting_dashboard", args=[election.pk]),
            reverse("program_matching"),
            reverse("program_round_desk", args=[round_page.pk]),
        ],
        "post": [
            reverse("voting_close_early", args=[election.pk]),
            reverse("voting_publish_results", args=[election.pk]),
            reverse("program_run_matching", args=[round_page.pk]),
        ],
    }


SETTINGS_DOORS = [
    "/admin/users/",
    "/admin/groups/",
    "/admin/locales/",
    "/admin/sites/",
    "/admin/workflows/list/",
    "/admin/outbox/",
    "/admin/social_login/",
    "/admin/settings/blog/commentmoderationsettings/",
]


def test_demo_editor_publishes_in_every_language_and_opens_no_organisers_door(
    client, demo
):
    editor = demo_user("editor@example.org")
    for blog in BlogIndexPage.objects.all():
        permissions = blog.permissions_for_user(editor)
        assert permissions.can_publish(), blog.locale
        assert permissions.can_publish_subpage(), blog.locale
    assert editor.has_perm("wagtail_localize.submit_translation")
    assert images_policy().user_has_permission(editor, "add")

    client.force_login(editor)
    # The editor's own doors open.
    english_post = BlogPage.objects.filter(locale__language_code="en").first()
    for door in (
        f"/admin/pages/{english_post.pk}/edit/",
        f"/admin/pages/{in_locale(english_post.get_parent(), 'fr').pk}/",
        "/admin/images/",
        reverse("wagtail_localize:submit_page_translation", args=[english_post.pk]),
    ):
        assert client.get(door).status_code == 200, door

    # Running elections and rounds is the organisers'; settings and
    # accounts the administrators'.
    audit, runs = AuditEntry.objects.count(), MatchingRun.objects.count()
    doors = organisers_doors()
    for door in doors["get"] + SETTINGS_DOORS:
        assert refused(client.get(door)), door
    for door in doors["post"]:
        assert refused(client.post(door)), door
    assert (AuditEntry.objects.count(), MatchingRun.objects.count()) == (audit, runs)


def test_demo_editor_reviews_pages_submitted_to_the_workflow(client, demo):
    """Wagtail's moderation workflow stays on every page, for those who may
    not publish (guest posts sent in for review); the editors approve."""
    workflow = WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow
    assert workflow.active
    (task,) = workflow.tasks.specific()
    assert set(task.groups.values_list("name", flat=True)) >= {"Editors"}

    post = BlogPage.objects.filter(locale__language_code="en").first()
    revision = post.save_revision()
    workflow.start(post, demo_user("admin@example.org"))
    editor = demo_user("editor@example.org")
    state = post.current_workflow_task_state
    actions = state.task.specific.get_actions(post, editor)
    assert "approve" in [name for name, _label, _modal in actions]

    client.force_login(editor)
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[post.pk, "approve", state.pk],
        ),
        {"comment": ""},
    )
    post.refresh_from_db()
    assert post.live_revision_id == revision.pk
    assert Workflow.objects.filter(name="Editorial review").exists()


def test_demo_translator_translates_spanish_only(client, demo):
    translator = demo_user("traductora@example.org")
    client.force_login(translator)
    english_post = BlogPage.objects.get(
        locale__language_code="en", slug="webinars-2018-and-the-winners-are"
    )
    spanish, french = (
        Page.objects.get(locale__language_code=code, depth=2) for code in ("es", "fr")
    )
    submit = reverse("wagtail_localize:submit_page_translation", args=[english_post.pk])

    # The submit form offers Spanish only, and refuses French.
    form = client.get(submit).context["form"]
    assert [locale.language_code for locale in form.fields["locales"].queryset] == [
        "es"
    ]
    response = client.post(submit, {"locales": [french.locale_id]})
    assert response.status_code == 400
    assert not english_post.has_translation(french.locale)
    response = client.post(submit, {"locales": [spanish.locale_id]})
    assert response.status_code == 302
    spanish_post = in_locale(english_post, "es")
    assert not spanish_post.live  # a draft, until she publishes it
    assert client.get(f"/admin/pages/{spanish_post.pk}/edit/").status_code == 200

    # English and French pages are not hers: not to edit, publish, unpublish,
    # delete, or add to; nor their translations; nor "Sync translated pages".
    french_translation = Translation.objects.create(
        source=TranslationSource.get_or_create_from_instance(english_post)[0],
        target_locale=french.locale,
    )
    french_translation.save_target(publish=False)
    french_post = in_locale(english_post, "fr")
    title = english_post.title
    for page in (english_post, french_post):
        edit = f"/admin/pages/{page.pk}/edit/"
        assert refused(client.get(edit)), page.locale
        assert refused(client.post(edit, {"action": "publish"})), page.locale
        assert refused(
            client.post(edit, {"title": "Hijacked", "action-publish": "publish"})
        )
        for action in ("unpublish", "delete"):
            assert refused(client.get(f"/admin/pages/{page.pk}/{action}/")), action
        assert refused(
            client.get(f"/admin/pages/add/blog/blogpage/{page.get_parent().pk}/")
        )
    for view in ("download_pofile", "preview_translation"):
        url = reverse(f"wagtail_localize:{view}", args=[french_translation.pk])
        assert refused(client.get(url)), view
    upload = reverse("wagtail_localize:upload_pofile", args=[french_translation.pk])
    assert refused(client.post(upload, {}))
    sync = reverse(
        "wagtail_localize:update_translations", args=[french_translation.source_id]
    )
    assert refused(client.get(sync))
    assert refused(client.post(sync, {"publish_translations": "on"}))
    english_post.refresh_from_db()
    french_post.refresh_from_db()
    assert english_post.title == title and not french_post.live

    # A translator starts from what readers can read: not from a draft.
    draft = BlogPage.objects.filter(locale__language_code="en").first()
    draft.unpublish()
    response = client.get(
        reverse("wagtail_localize:submit_page_translation", args=[draft.pk])
    )
    assert refused(response)

    # Settings, accounts, elections and rounds are not hers either.
    doors = organisers_doors()
    for door in doors["get"] + SETTINGS_DOORS:
        assert refused(client.get(door)), door
    for door in doors["post"]:
        assert refused(client.post(door)), door


def test_demo_translator_chooses_spanish_categories_and_authors(client, demo):
    client.force_login(demo_user("traductora@example.org"))
    spanish_post = BlogPage.objects.filter(locale__language_code="es").first()
    form = client.get(f"/admin/pages/{spanish_post.pk}/edit/").context["form"]
    assert {c.locale.language_code for c in form.fields["categories"].queryset} == {
        "es"
    }
    for model in ("author", "category"):
        chooser = client.get(reverse(f"wagtailsnippetchoosers_blog_{model}:choose"))
        rows = re.search(r"<tbody>(.*)</tbody>", chooser.json()["html"], re.S)[1]
        languages = re.findall(r"\b(English|Spanish|French|Arabic)\b", rows)
        assert languages and set(languages) == {"Spanish"}, model
    assert "Webinarios" in rows and "Webinars" not in rows


def readme_row(email):
    (row,) = [line for line in README.read_text().splitlines() if f"`{email}`" in line]
    return row


def test_readme_says_what_these_tests_check():
    editor = readme_row("editor@example.org")
    for claim in ("publish", "schedule", "every language", "approve", "*Editors*"):
        assert claim in editor
    translator = readme_row("traductora@example.org")
    for claim in ("start", "publish", "Spanish", "only", "*Translators: Español*"):
        assert claim in translator


def test_demo_editors_publish_and_review_after_a_flush():
    # What Wagtail's and wagtail-localize's migrations made, a `flush` (every
    # transactional test) empties: the demo makes it again.
    Workflow.objects.all().delete()
    Group.objects.all().delete()
    Permission.objects.filter(codename="submit_translation").delete()
    call_command("seed_demo", verbosity=0)
    editor = demo_user("editor@example.org")
    for home in Page.objects.filter(depth=2):
        assert home.permissions_for_user(editor).can_publish(), home.locale
    assert editor.has_perm("wagtail_localize.submit_translation")
    assert images_policy().user_has_permission(editor, "add")
    workflow = WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow
    (task,) = workflow.tasks.specific()
    assert list(task.groups.values_list("name", flat=True)) == ["Editors"]
