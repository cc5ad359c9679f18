"""Pages that are one thing in every language, with words in each.

An election or a mentoring round is one page per language (wagtail-localize),
but what it *is* (its dates, rules and state, and for an election the
identity of its options) must be the same in all of them: they share one
ballot box or one set of applications. The page every other language was
copied from, the *source page* (the first one made: the lowest id among the
pages that share its translation key), holds these facts; a translation
carries words only.

`SourceFactsMixin` makes that true whatever writes the page: Wagtail's edit
form (whatever is POSTed), wagtail-localize's translation editor and its
sync (which copies from a snapshot of the source that may be old), a
revision published or scheduled later, code:

- saving a translation first takes the facts from its source's row, and
  lines up its translatable child rows (an election's options) with the
  source's: the same set, in the same order, only their words its own;
- saving the source writes its facts and child rows to every translation,
  in the same transaction, so no language is ever behind.

`SourceFactsPageForm` shows a translation's facts read-only in the admin
(Django ignores what is POSTed for a disabled field) and refuses a
translation that adds or removes child rows, with a message. `synchronised`
declares the facts to wagtail-localize as synchronised and not overridable,
so its editor offers no field for them.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail_localize.fields import SynchronizedField


def synchronised(names):
    """wagtail-localize's declaration of `names` as facts: copied from the
    source, never overridden in a translation."""
    return [SynchronizedField(name, overridable=False) for name in names]


class SourceFactsMixin:
    """For a page model (before `Page` in its bases) whose `source_facts`
    (field names) and `source_children` (names of child relations to
    TranslatableMixin rows) are the same in every language."""

    source_facts = ()
    source_children = ()

    def translations_queryset(self):
        return type(self)._default_manager.filter(translation_key=self.translation_key)

    def source_page_id(self):
        """The id of this page's source page (its own id when it is one)."""
        first = (
            self.translations_queryset().order_by("pk").values_list("pk", flat=True)
        ).first()
        if first is None or (self.pk is not None and self.pk <= first):
            return self.pk
        return first

    @property
    def source_page(self):
        """The source page itself (this page when it is one)."""
        source_id = self.source_page_id()
        if source_id is None or source_id == self.pk:
            return self
        return type(self)._default_manager.get(pk=source_id)

    def _fact_columns(self, update_fields=None):
        columns = []
        for name in self.source_facts:
            field = self._meta.get_field(name)
            if update_fields is None or {name, field.attname} & set(update_fields):
                columns.append(field.attname)
        return columns

    def save(self, *args, update_fields=None, **kwargs):
        columns = self._fact_columns(update_fields)
        children = update_fields is None and bool(self.source_children)
        if not columns and not children:
            return super().save(*args, update_fields=update_fields, **kwargs)
        with transaction.atomic():
            source_id = self.source_page_id()
            if source_id is not None and source_id != self.pk:
                # A translation: the facts are its source's, whatever it holds.
                values = (
                    type(self)._default_manager.filter(pk=source_id).values(*columns)
                ).first()
                for column, value in (values or {}).items():
                    setattr(self, column, value)
                result = super().save(*args, update_fields=update_fields, **kwargs)
                if children:
                    align_children(self, source_id, [self])
                return result
            result = super().save(*args, update_fields=update_fields, **kwargs)
            translations = list(self.translations_queryset().exclude(pk=self.pk))
            if translations and columns:
                self.translations_queryset().exclude(pk=self.pk).update(
                    **{column: getattr(self, column) for column in columns}
                )
            if translations and children:
                align_children(self, self.pk, translations)
            return result


def align_children(page, source_id, targets):
    """Give each of `targets` (translations of `page`) the child rows of the
    source page `source_id` for each relation in `page.source_children`:
    the same translation keys in the same order. A row new to a target is a
    copy of the source's (its words are translated later); a row the source
    no longer has goes."""
    for relation in page.source_children:
        remote = page._meta.get_field(relation).remote_field
        model, parent = remote.model, remote.attname
        source_rows = list(
            model._default_manager.filter(**{parent: source_id}).order_by("pk")
        )
        keys = [row.translation_key for row in source_rows]
        for target in targets:
            rows = model._default_manager.filter(**{parent: target.pk})
            rows.exclude(translation_key__in=keys).delete()
            have = {row.translation_key: row for row in rows}
            for source_row in source_rows:
                row = have.get(source_row.translation_key)
                if row is None:
                    copy_child(source_row, target, parent)
                elif getattr(row, "sort_order", None) != getattr(
                    source_row, "sort_order", None
                ):
                    row.sort_order = source_row.sort_order
                    row.save(update_fields=["sort_order"])


def copy_child(row, target, parent):
    values = {
        field.attname: getattr(row, field.attname)
        for field in row._meta.concrete_fields
        if not field.primary_key
    }
    values[parent] = target.pk
    values["locale_id"] = target.locale_id
    type(row)._default_manager.create(**values)


class SourceFactsPageForm(WagtailAdminPageForm):
    """The admin form of a SourceFactsMixin page: in a translation, the
    facts are shown as the source has them and cannot be changed, and child
    rows (an election's options) can be translated but not added or
    removed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance
        self.source = None
        if page.pk is None:
            return
        source_id = page.source_page_id()
        if source_id == page.pk:
            return
        self.source = (
            type(page)._default_manager.select_related("locale").get(pk=source_id)
        )
        note = _(
            "The same in every language: change it on the source page (%(language)s)."
        ) % {"language": self.source.locale.get_display_name()}
        for name in page.source_facts:
            field = self.fields.get(name)
            if field is None:
                continue
            field.disabled = True
            field.help_text = f"{field.help_text} {note}".strip()
            # What the form shows (and saves) is what the source holds now.
            self.initial[name] = page._meta.get_field(name).value_from_object(
                self.source
            )

    def is_valid(self):
        valid = super().is_valid()
        if valid and self.source is not None and self.children_changed():
            self.add_error(
                None,
                _(
                    "A translation translates the options but cannot add or "
                    "remove them: do that on the source page (%(language)s)."
                )
                % {"language": self.source.locale.get_display_name()},
            )
            return False
        return valid

    def children_changed(self):
        for relation in self.instance.source_children:
            formset = self.formsets.get(relation)
            if formset is None:
                continue
            for form in formset.forms:
                if formset.can_delete and formset._should_delete_form(form):
                    if form.instance.pk is not None:
                        return True
                elif form.instance.pk is None and form.has_changed():
                    return True
        return False
