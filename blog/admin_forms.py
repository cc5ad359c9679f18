"""The admin form of posts."""

from wagtail.admin.forms import WagtailAdminPageForm

from .models.snippets import Category


class BlogPageForm(WagtailAdminPageForm):
    """A post's editor offers the categories of the post's own language.

    A translation copied from another language keeps pointing at that
    language's categories (wagtail-localize copies the field as it is):
    the form shows their versions in the post's language, and saving
    stores those. A category not yet translated into the post's language
    stays offered and chosen, so that saving never drops it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("categories")
        locale_id = self.instance.locale_id
        if field is None or locale_id is None:
            return
        chosen = list(self.initial.get("categories") or [])
        elsewhere = [c for c in chosen if c.locale_id != locale_id]
        here = {
            category.translation_key: category
            for category in Category.objects.filter(
                locale_id=locale_id,
                translation_key__in=[c.translation_key for c in elsewhere],
            )
        }
        untranslated = [c.pk for c in elsewhere if c.translation_key not in here]
        self.initial["categories"] = [
            here.get(category.translation_key, category) for category in chosen
        ]
        field.queryset = Category.objects.filter(
            locale_id=locale_id
        ) | Category.objects.filter(pk__in=untranslated)
