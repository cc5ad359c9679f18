"""Per-language translator groups.

A translator belongs to "Translators: <language>" and may add, edit and
publish that language's pages and translatable snippets, and nothing in
other languages. Editors of the source language are not affected.

- Pages: each locale has its own tree in Wagtail, so page permissions on
  that locale's home page are exactly "this language and nothing else".
- Snippets (authors, categories, interests…): one table holds every
  language, and Wagtail's model permissions know nothing of languages. The
  group holds the model permissions (wagtail-localize's editor checks them),
  its `TranslatorGroup` record names its language, and
  `TranslatorPermissionPolicy` limits what its members reach to that
  language. The admin hooks in `website.wagtail_hooks` and
  `TranslatorScopeMiddleware` apply the policy where Wagtail and
  wagtail-localize only ask the model-level question.
"""

from django import forms
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Q
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupPagePermission, Locale, Page, TranslatableMixin
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.models import get_snippet_models
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_localize.models import Translation, TranslationSource

from .i18n import language_name
from .models import TranslatorGroup

TRANSLATOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
# Snippets have no draft state here, so saving is publishing. Deleting stays
# with the editors: a deleted author disappears from every language's posts.
TRANSLATOR_SNIPPET_ACTIONS = ("add", "change", "view")
ANY_ACTION = {"add", "change", "delete", "view"}


class TranslatorPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed to their languages for translators.

    Whoever holds a permission through their own user permissions, a group
    that is not a translator group, or as a superuser, holds it in every
    language. Whoever holds it only through translator groups holds it for
    the instances in those groups' languages.
    """

    def __init__(self, model):
        if not issubclass(model, TranslatableMixin):
            raise TypeError(f"{model.__name__} is not translatable.")
        super().__init__(model)

    def translator_locale_ids(self, user):
        """The languages `user` translates, through their translator groups."""
        cache = _user_cache(user)
        if "locales" not in cache:
            cache["locales"] = set(
                TranslatorGroup.objects.filter(group__user=user).values_list(
                    "locale_id", flat=True
                )
            )
        return cache["locales"]

    def holds_in_every_language(self, user, actions):
        """Whether `user` holds any of `actions` outside translator groups."""
        if not user.is_active:
            return False
        if user.is_superuser:
            return True
        key = (self.model._meta.label, frozenset(actions))
        cache = _user_cache(user)
        if key not in cache:
            cache[key] = (
                self._get_permission_objects_for_actions(actions)
                .filter(
                    Q(user=user)
                    | Q(group__user=user, group__translator_language__isnull=True)
                )
                .exists()
            )
        return cache[key]

    def user_has_permission_in_locale(self, user, action, locale):
        if not self.user_has_permission(user, action):
            return False
        return self.holds_in_every_language(user, {action}) or (
            locale.pk in self.translator_locale_ids(user)
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission_in_locale(user, action, instance.locale)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance)
            for action in actions
        )

    def instances_user_has_any_permission_for(self, user, actions):
        instances = self.model._default_manager.all()
        if not self.user_has_any_permission(user, actions):
            return instances.none()
        if self.holds_in_every_language(user, actions):
            return instances
        return instances.filter(locale_id__in=self.translator_locale_ids(user))


def _user_cache(user):
    """Answers kept on the user object, which lives for one request."""
    if not hasattr(user, "_translator_scope"):
        user._translator_scope = {}
    return user._translator_scope


def translator_policy(model):
    """The model's TranslatorPermissionPolicy, or None if it has another."""
    policy = policy_registry.get_by_type(model)
    return policy if isinstance(policy, TranslatorPermissionPolicy) else None


def check_instance_permission(user, action, instance):
    """Raise PermissionDenied if a translator reaches outside their language."""
    policy = translator_policy(type(instance))
    if policy and not policy.user_has_permission_for_instance(user, action, instance):
        raise PermissionDenied


def choosable_by(user, objects):
    """`objects` (of a translatable snippet) as a chooser offers them to
    `user`: a translator sees their languages' items only, whoever holds
    the snippet's permissions outside translator groups (or none at all)
    sees every language."""
    policy = translator_policy(objects.model)
    if policy is None or policy.holds_in_every_language(user, ANY_ACTION):
        return objects
    locale_ids = policy.translator_locale_ids(user)
    return objects.filter(locale_id__in=locale_ids) if locale_ids else objects


class TranslatorScopedChooseMixin:
    def get_object_list(self):
        return choosable_by(self.request.user, super().get_object_list())


class ChooseView(TranslatorScopedChooseMixin, snippet_chooser.ChooseView):
    pass


class ChooseResultsView(TranslatorScopedChooseMixin, snippet_chooser.ChooseResultsView):
    pass


class TranslatableSnippetChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    """The chooser of a translatable snippet (an author for a post): a
    translator is offered their languages' items only."""

    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView


class TranslatableSnippetViewSet(SnippetViewSet):
    """The admin of a translatable snippet: translators list, edit and
    choose the instances of their own languages; everyone else as usual."""

    chooser_viewset_class = TranslatableSnippetChooserViewSet

    def register_permissions(self):
        # Registered before Wagtail creates its default policy for the model.
        if policy_registry.get_by_type(self.model, fallback=False) is None:
            register_permission_policy(
                self.model, TranslatorPermissionPolicy(self.model), exact_class=True
            )
        super().register_permissions()

    def get_queryset(self, request):
        return translator_policy(self.model).instances_user_has_any_permission_for(
            request.user, ANY_ACTION
        )


SUBMIT_TRANSLATION = "wagtail_localize.submit_translation"


def submit_translation_permission():
    """wagtail-localize's "Can submit translations", which its migration
    made (a `flush` empties it, and no model declares it to make it again)."""
    permission, _created = Permission.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(Translation),
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    return permission


def submits_in_every_language(user):
    """Whether `user` may submit translations into every language: a
    superuser, or holding wagtail-localize's `submit_translation` through
    their own permissions or a group that is not a translator group."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    return (
        Permission.objects.filter(
            content_type__app_label="wagtail_localize", codename="submit_translation"
        )
        .filter(
            Q(user=user) | Q(group__user=user, group__translator_language__isnull=True)
        )
        .exists()
    )


def translator_locales(user):
    """The languages of `user`'s translator groups."""
    if not user.is_active:
        return []
    return list(Locale.objects.filter(translator_groups__group__user=user).distinct())


def translation_target_locales(user):
    """The languages `user` may submit pages and snippets for translation
    into: every one for editors, their groups' languages for translators
    (who hold `submit_translation` through those groups), none otherwise."""
    locales = Locale.objects.all()
    if not user.has_perm(SUBMIT_TRANSLATION):
        return locales.none()
    if submits_in_every_language(user):
        return locales
    return locales.filter(pk__in=[locale.pk for locale in translator_locales(user)])


def translatable_snippet_models():
    return [model for model in get_snippet_models() if translator_policy(model)]


def translator_group_name(language_code):
    return f"Translators: {language_name(language_code)}"


def ensure_translator_group(locale, root_page):
    """Create (or repair) the translator group of `locale`, whose pages live
    under `root_page` (that locale's home page). Returns the group."""
    group, _created = Group.objects.get_or_create(
        name=translator_group_name(locale.language_code)
    )
    TranslatorGroup.objects.update_or_create(group=group, defaults={"locale": locale})
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        ),
        # Starting a translation themselves; website.translating narrows the
        # submit form to the group's language.
        submit_translation_permission(),
    )
    for codename in TRANSLATOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=root_page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    for model in translatable_snippet_models():
        group.permissions.add(
            *translator_policy(model)._get_permission_objects_for_actions(
                TRANSLATOR_SNIPPET_ACTIONS
            )
        )
    return group


def ensure_translator_groups(home_page):
    """A group for every language the site's home page is translated into,
    apart from the source language."""
    groups = []
    for translation in home_page.get_translations().select_related("locale"):
        if translation.locale_id != home_page.locale_id:
            groups.append(ensure_translator_group(translation.locale, translation))
    return groups


class TranslatorScopeMiddleware:
    """wagtail-localize's translation views (string edits, PO download and
    upload, machine translation, preview, sync) check only the model
    permission for snippets; refuse them for a translation into a language
    the translator does not work in. Pages are checked by wagtail-localize
    itself, through their tree, except "Sync translated pages", which asks
    only for `submit_translation` (translators hold it, to start
    translations into their language) and pushes the source page to every
    language: it needs the right to edit the source page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or "wagtail_localize" not in match.namespaces:
            return None
        if not request.user.is_authenticated:
            return None
        instance = _localize_view_instance(view_kwargs)
        if instance is None:
            return None
        if not isinstance(instance, Page):
            check_instance_permission(request.user, "change", instance)
        elif (
            "translation_source_id" in view_kwargs
            and not instance.permissions_for_user(request.user).can_edit()
        ):
            raise PermissionDenied
        return None


def _localize_view_instance(view_kwargs):
    """The object a wagtail-localize view works on, or None if there is
    none (the view then answers 404 itself)."""
    try:
        if "translation_id" in view_kwargs:
            translation = Translation.objects.select_related("source").get(
                pk=view_kwargs["translation_id"]
            )
            return translation.get_target_instance()
        if "translation_source_id" in view_kwargs:
            source = TranslationSource.objects.get(
                pk=view_kwargs["translation_source_id"]
            )
            return source.get_source_instance()
    except ObjectDoesNotExist:
        return None
    return None


class TranslatorLanguageForm(forms.Form):
    """The "Translation" panel of the group editor: which language, if any,
    the group translates (the `TranslatorGroup` record). Page permissions
    and snippet model permissions are set in the panels beside it, or all
    at once by `manage.py setup_translator_groups`."""

    locale = forms.ModelChoiceField(
        queryset=Locale.objects.all(),
        required=False,
        label=_("Translates into"),
        empty_label=_("Not a translator group"),
        help_text=_(
            "Members may edit the snippets (authors, categories, interests) of "
            "this language only, whatever the snippet permissions below say."
        ),
    )

    def __init__(self, data=None, files=None, instance=None, prefix="translator"):
        self.group = instance
        initial = {}
        if instance is not None and instance.pk is not None:
            record = TranslatorGroup.objects.filter(group=instance).first()
            initial["locale"] = record.locale if record else None
        super().__init__(data, files, initial=initial, prefix=prefix)

    def save(self):
        locale = self.cleaned_data["locale"]
        if locale is None:
            TranslatorGroup.objects.filter(group=self.group).delete()
        else:
            TranslatorGroup.objects.update_or_create(
                group=self.group, defaults={"locale": locale}
            )

    def as_admin_panel(self):
        return render_to_string(
            "website/admin/translator_language_panel.html", {"form": self}
        )


def admin_forbidden(request, reason):
    """A 403 page in the admin's layout that says why. (Wagtail's own
    answer to PermissionDenied is a redirect to the dashboard; doors that
    a role must find shut answer 403 instead, which clients and tests can
    tell apart from success.)"""
    return TemplateResponse(
        request,
        "website/admin/forbidden.html",
        {"page_title": _("Not allowed"), "header_icon": "warning", "reason": reason},
        status=403,
    )
