"""Demo content of the site shell: languages, the home page in each of
them, translator groups, and accounts for trying the site locally.

Run through `manage.py seed_demo`, which calls `build()` of every app's
`demo.py` in ORDER. Everything is looked up by a natural key before it is
created, so running it twice changes nothing.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .factories import UserFactory
from .models import HomePage
from .permissions import (
    ensure_translator_groups,
    submit_translation_permission,
    translator_group_name,
)

ORDER = 0

HOME = {
    "en": (
        "Librarians Network",
        "<p>A professional network of librarians who learn from each other "
        "across countries: a blog, a peer-mentoring program and elections "
        "in which members choose what we do next.</p>",
    ),
    "es": (
        "Red de Bibliotecarios",
        "<p>Una red profesional de bibliotecarios que aprenden unos de otros "
        "entre países: un blog, un programa de mentoría entre pares y "
        "elecciones en las que los miembros deciden qué hacemos después.</p>",
    ),
    "fr": (
        "Réseau des bibliothécaires",
        "<p>Un réseau professionnel de bibliothécaires qui apprennent les uns "
        "des autres d’un pays à l’autre : un blog, un programme de mentorat "
        "entre pairs et des élections où les membres choisissent la suite.</p>",
    ),
    "ar": (
        "شبكة أمناء المكتبات",
        "<p>شبكة مهنية من أمناء المكتبات يتعلّم بعضهم من بعض عبر البلدان: "
        "مدونة، وبرنامج للإرشاد بين الأقران، وانتخابات يختار فيها الأعضاء "
        "ما نفعله بعد ذلك.</p>",
    ),
}

# Invented people. Password for every demo account: librarian-demo
ACCOUNTS = [
    # username, email, display name, country, library, role
    ("admin", "admin@example.org", "Ada Admin", "GB", "Network office", "admin"),
    ("editor", "editor@example.org", "Edna Editor", "IE", "Network office", "editor"),
    (
        "traductora",
        "traductora@example.org",
        "Teresa Traductora",
        "ES",
        "Biblioteca Municipal de Valdecastro",
        "translator:es",
    ),
    (
        "member",
        "member@example.org",
        "Amaka Obi",
        "NG",
        "Lagos Academic Library Consortium",
        "member",
    ),
    (
        "moderator",
        "moderator@example.org",
        "Moses Moderator",
        "KE",
        "Network office",
        "moderator",
    ),
    (
        "organiser",
        "organiser@example.org",
        "Olga Organiser",
        "AR",
        "Network office",
        "organiser",
    ),
]

# Groups of the demo's staff roles, made here with access to the admin; each
# app's own demo.py gives them that app's rights (blog: moderating comments;
# program and voting: running rounds and elections), so the shell names the
# roles without knowing the apps.
ROLE_GROUPS = {
    "moderator": "Comment moderators",
    "organiser": "Organisers",
}

MEMBERS = [
    ("kofi", "Kofi Asante", "GH", "Kumasi Polytechnic Library", "en"),
    ("lucia", "Lucía Ferrer", "ES", "Biblioteca Pública de Alcaraz", "es"),
    ("mei", "Mei Ling Cheung", "HK", "Harbourside Community Library", "en"),
    ("sofia", "Sofía Quispe", "PE", "Biblioteca Universitaria del Sur", "es"),
    ("camille", "Camille Lefèvre", "FR", "Médiathèque des Tilleuls", "fr"),
    ("tunde", "Tunde Bakare", "NG", "Ibadan Medical Library", "en"),
]


def build(seed, stdout):
    if not Collection.get_first_root_node():  # made by migrations; gone after flush
        Collection.add_root(name="Root")
    locales = ensure_locales()
    home = ensure_home_pages(locales)
    ensure_translator_groups(home)
    ensure_accounts()
    stdout.write(
        f"  website: {len(locales)} languages, home page, "
        f"{len(ACCOUNTS) + len(MEMBERS)} accounts"
    )
    return home


def ensure_locales():
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.LANGUAGES
    }


def ensure_home_pages(locales):
    # Wagtail's migrations make a root page and a default site; `flush`
    # (and so every transactional test) empties them: the demo then makes them.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locales["en"])
    )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True)
    home = site.root_page.specific if site.root_page_id else None
    if not isinstance(home, HomePage):
        home = root.add_child(instance=HomePage(title=HOME["en"][0], slug="home-en"))
        site.root_page = home
    site.hostname, site.port, site.site_name = "127.0.0.1", 8000, HOME["en"][0]
    site.save()

    update_home(home, *HOME["en"])
    for code, locale in locales.items():
        if code == home.locale.language_code:
            continue
        translation = home.get_translations().filter(locale=locale).first()
        if translation is None:
            translation = home.copy_for_translation(locale)
        update_home(translation.specific, *HOME.get(code, HOME["en"]))
    return home


def update_home(page, title, intro):
    if page.title == title and page.intro == intro and page.live:
        return
    page.title, page.draft_title, page.intro = title, title, intro
    page.save_revision().publish()


# Snippets the demo's editors look after (add, change, delete).
EDITORS_SNIPPETS = {"blog": ("author", "category")}
# Editors write, publish and schedule pages in every language: these rights
# on the root page reach every language's tree.
EDITORS_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
# ...and upload and choose images and documents (featured images).
EDITORS_COLLECTION_PERMISSIONS = {
    "wagtailimages": ("add_image", "change_image", "choose_image"),
    "wagtaildocs": ("add_document", "change_document", "choose_document"),
}
# Wagtail's default workflow ("Moderators approval", on the root page) stays
# for pages submitted for review by someone who may not publish (guest
# posts sent in later); the editors, who publish, are its reviewers.
REVIEW_WORKFLOW = "Editorial review"
REVIEW_TASK = "Editor's approval"


def permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def editors_group():
    """Wagtail's "Editors" group (made by its migrations, or here after a
    `flush`), given what the demo's editors do: publish pages in every
    language, upload images, manage the blog's authors and categories,
    submit pages for translation, and review pages submitted for approval."""
    group, _created = Group.objects.get_or_create(name="Editors")
    group.permissions.add(
        permission("wagtailadmin", "access_admin"),
        submit_translation_permission(),
    )
    for app_label, models in EDITORS_SNIPPETS.items():
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label,
                content_type__model__in=models,
                codename__regex=r"^(add|change|delete)_",
            )
        )
    root = Page.get_first_root_node()
    for codename in EDITORS_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group, page=root, permission=permission("wagtailcore", codename)
        )
    collection = Collection.get_first_root_node()
    for app_label, codenames in EDITORS_COLLECTION_PERMISSIONS.items():
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=collection,
                permission=permission(app_label, codename),
            )
    ensure_review_workflow(group, root)
    return group


def ensure_review_workflow(editors, root):
    """The moderation workflow of every page: Wagtail's default one where
    its migrations made it (renamed for what it is now), made again after a
    `flush`; one task, approved by the editors."""
    link = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
    workflow = link.workflow if link else Workflow.objects.create(name=REVIEW_WORKFLOW)
    if link is None:
        WorkflowPage.objects.create(page=root, workflow=workflow)
    if workflow.name != REVIEW_WORKFLOW or not workflow.active:
        workflow.name, workflow.active = REVIEW_WORKFLOW, True
        workflow.save(update_fields=["name", "active"])
    task = next(
        (
            task
            for task in workflow.tasks.specific()
            if isinstance(task, GroupApprovalTask)
        ),
        None,
    )
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
        WorkflowTask.objects.create(
            workflow=workflow, task=task, sort_order=workflow.tasks.count()
        )
    if task.name != REVIEW_TASK or not task.active:
        task.name, task.active = REVIEW_TASK, True
        task.save(update_fields=["name", "active"])
    task.groups.add(editors)
    return workflow


def role_group(role):
    """The group of a staff role (ROLE_GROUPS), with access to the admin."""
    group, _created = Group.objects.get_or_create(name=ROLE_GROUPS[role])
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    return group


def grant(role, app_label, codenames):
    """Give the group of a staff role these model permissions of an app:
    called by each app's demo.py for its own models."""
    group = role_group(role)
    permissions = Permission.objects.filter(
        content_type__app_label=app_label, codename__in=codenames
    )
    missing = set(codenames) - set(permissions.values_list("codename", flat=True))
    if missing:
        raise ValueError(f"No such permissions in {app_label}: {sorted(missing)}")
    group.permissions.add(*permissions)


def ensure_accounts():
    for username, email, name, country, library, role in ACCOUNTS:
        user = UserFactory(
            username=username,
            email=email,
            profile__display_name=name,
            profile__country=country,
            profile__library=library,
            profile__language="es" if role.endswith(":es") else "en",
        )
        if role == "admin" and not user.is_superuser:
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
        elif role == "editor":
            user.groups.add(editors_group())
        elif role in ROLE_GROUPS:
            user.groups.add(role_group(role))
        elif role.startswith("translator:"):
            language = role.partition(":")[2]
            user.groups.add(Group.objects.get(name=translator_group_name(language)))
    for username, name, country, library, language in MEMBERS:
        UserFactory(
            username=username,
            email=f"{username}@example.org",
            profile__display_name=name,
            profile__country=country,
            profile__library=library,
            profile__language=language,
        )


def translate_page(page, locale, prepare=None, **fields):
    """The translation of `page` into `locale`, made once for the demo:
    copied, given `fields` (and whatever `prepare(translation)` changes, such
    as inline rows), and published. A second run returns the existing one."""
    existing = page.get_translations().filter(locale=locale).first()
    if existing is not None:
        return existing.specific
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    if prepare is not None:
        prepare(translation)
    translation.save_revision().publish()
    return translation
