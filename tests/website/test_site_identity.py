"""The network's identity from Settings > Network identity: name, tagline,
colours, social links and footer text on every page, colours refused when
they fail WCAG AA contrast, only administrators may change it, and saving
it purges every cached page."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils.form_data import nested_form_data, streamfield

from tests import page_cache_helpers
from tests.demo_accounts import client_of
from website.contrast import contrast_ratio
from website.models import SiteIdentity

pytestmark = pytest.mark.django_db
page_cache = page_cache_helpers.page_cache
commit = page_cache_helpers.commit


@pytest.mark.parametrize(
    ("first", "second", "ratio"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#ffffff", 1.0),
        ("#767676", "#ffffff", 4.54),  # the lightest grey that passes on white
        ("#777777", "#ffffff", 4.48),  # and the first that fails
        ("#1d4e6b", "#ffffff", 8.92),
    ],
)
def test_contrast_ratios_are_wcags(first, second, ratio):
    assert round(contrast_ratio(first, second), 2) == ratio
    assert contrast_ratio(first, second) == contrast_ratio(second, first)


def edit_url():
    site = Site.objects.get(is_default_site=True)
    return reverse("wagtailsettings:edit", args=["website", "siteidentity", site.pk])


def identity_form(**changes):
    data = {
        "name": "Bibliotecarias Unidas",
        "tagline": "Librarians across borders",
        "brand_colour": "#5b2a86",
        "accent_colour": "#9c3d00",
        "dark_brand_colour": "#d9b8f5",
        "footer_text": "Run by volunteers since 2016.",
        "social_links": streamfield(
            [("link", {"label": "Mastodon", "url": "https://social.example/@lib"})]
        ),
    }
    data.update(changes)
    return nested_form_data(data)


def test_every_page_shows_the_identity_saved_in_the_admin(
    demo_for_the_module, client, page_cache, commit
):
    client.get("/en/")
    assert client.get("/en/")["X-Cache"] == "hit"
    admin = client_of("admin@example.org")

    response = commit(admin.post, edit_url(), identity_form())

    assert response.status_code == 302
    home = client.get("/en/")
    assert home["X-Cache"] == "miss"  # the whole page cache was purged
    for text in (
        "Bibliotecarias Unidas",
        "Librarians across borders",
        "Run by volunteers since 2016.",
        'href="https://social.example/@lib"',
    ):
        assert text in home.text
    assert "<title>Librarians Network · Bibliotecarias Unidas</title>" in home.text
    # The colours reach the stylesheet in a <style> with the response's nonce.
    nonce = re.search(r"'nonce-([^']+)'", home["Content-Security-Policy"]).group(1)
    style = re.search(r'<style nonce="([^"]+)">([^<]*)</style>', home.text)
    assert style.group(1) == nonce
    assert "--brand:#5b2a86" in style.group(2)
    assert "--brand:#d9b8f5" in style.group(2)  # in the dark scheme
    # Other languages' pages too.
    assert "Bibliotecarias Unidas" in client.get("/es/").text
    SiteIdentity.objects.all().delete()


@pytest.mark.parametrize(
    ("field", "colour"),
    [
        ("brand_colour", "#7fa8c9"),  # white text on it: 2.4:1
        ("accent_colour", "#ff8c42"),  # on white: 2.3:1
        ("dark_brand_colour", "#1d4e6b"),  # on the dark page: 2.0:1
    ],
)
def test_a_colour_failing_wcag_aa_contrast_is_refused_with_a_message(
    demo_for_the_module, field, colour
):
    admin = client_of("admin@example.org")

    response = admin.post(edit_url(), identity_form(**{field: colour}))

    assert response.status_code == 200  # the form again, with the message
    assert "WCAG AA needs at least 4.5:1" in response.text
    assert colour in response.text
    # (Wagtail's settings view makes the row with the defaults on first use.)
    assert not SiteIdentity.objects.filter(**{field: colour}).exists()


def test_a_malformed_colour_is_refused(demo_for_the_module):
    admin = client_of("admin@example.org")
    response = admin.post(edit_url(), identity_form(brand_colour="navy"))
    assert response.status_code == 200
    assert "six hexadecimal digits" in response.text
    assert not SiteIdentity.objects.filter(brand_colour="navy").exists()


@pytest.mark.parametrize(
    "email",
    [
        "editor@example.org",
        "traductora@example.org",
        "organiser@example.org",
        "moderator@example.org",
        "member@example.org",
    ],
)
def test_only_administrators_change_the_identity(demo_for_the_module, email):
    other = client_of(email)
    assert other.get(edit_url()).status_code in (302, 403)
    response = other.post(edit_url(), identity_form())
    assert response.status_code in (302, 403)
    assert not SiteIdentity.objects.filter(name="Bibliotecarias Unidas").exists()


def test_without_a_setting_the_site_keeps_its_name_and_colours(
    demo_for_the_module, client
):
    home = client.get("/es/")
    assert "<style" not in home.text
    assert "Librarians Network" in home.text or "Red" in home.text
