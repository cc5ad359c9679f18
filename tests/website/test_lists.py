"""Lists in running text read as a sentence in each language."""

import pytest
from django.template import Context, Template
from django.utils import translation

from website.lists import and_list, starts_with_i_sound


@pytest.mark.parametrize(
    ("language", "items", "text"),
    [
        ("en", [], ""),
        ("en", ["English"], "English"),
        ("en", ["English", "French"], "English and French"),
        ("en", ["Arabic", "English", "French"], "Arabic, English and French"),
        ("es", ["francés", "portugués"], "francés y portugués"),
        ("es", ["árabe", "español", "francés"], "árabe, español y francés"),
        ("es", ["español", "inglés"], "español e inglés"),
        ("es", ["catalogación", "historia"], "catalogación e historia"),
        ("es", ["agua", "hielo"], "agua y hielo"),
        ("fr", ["anglais", "français"], "anglais et français"),
        ("ar", ["العربية", "الإنجليزية", "الفرنسية"], "العربية، الإنجليزية والفرنسية"),
    ],
)
def test_items_are_joined_as_the_language_writes_a_list(language, items, text):
    with translation.override(language):
        assert and_list(items) == text


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("inglés", True),
        ("Italiano", True),
        ("historia", True),
        ("hielo", False),
        ("iowa", False),
        ("español", False),
    ],
)
def test_spanish_writes_e_before_the_sound_i(word, expected):
    assert starts_with_i_sound(word) is expected


def test_lazy_strings_are_joined_not_printed_as_a_python_list():
    from django.utils.translation import gettext_lazy

    template = Template(
        "{% load list_tags %}{% autoescape off %}{{ names|and_list }}"
        "{% endautoescape %}"
    )
    names = [gettext_lazy("English"), gettext_lazy("French")]
    with translation.override("en"):
        assert template.render(Context({"names": names})) == "English and French"
