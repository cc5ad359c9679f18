from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from website.permissions import TranslatableSnippetViewSet

from .comments import admin as comments_admin  # noqa: F401 (registers its hooks)
from .models import Author, Category, TagName


class AuthorViewSet(TranslatableSnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Authors")
    list_display = ["name", "organisation", "is_guest", "locale"]
    list_filter = ["is_guest", "locale"]
    search_fields = ["name"]


class CategoryViewSet(TranslatableSnippetViewSet):
    model = Category
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]


class TagNameViewSet(TranslatableSnippetViewSet):
    model = TagName
    icon = "tag"
    menu_label = _("Tag names")
    list_display = ["name", "tag", "locale"]
    list_filter = ["locale"]


class BlogViewSetGroup(SnippetViewSetGroup):
    items = (AuthorViewSet, CategoryViewSet, TagNameViewSet)
    menu_icon = "doc-full"
    menu_label = _("Blog")
    menu_name = "blog"


register_snippet(BlogViewSetGroup)
