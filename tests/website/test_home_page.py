import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text

from blog.models import BlogIndexPage
from contributions.models import ContributePage
from events.models import EventIndexPage
from program.models import ProgramPage
from voting.models import ElectionIndexPage
from website.models import HomePage, StandardPage


@pytest.mark.django_db
def test_home_page_is_served_in_each_language(client, translations):
    for code, expected_title in [
        ("en", "Librarians Network"),
        ("es", "Red de Bibliotecarios"),
        ("fr", "Réseau"),
    ]:
        response = client.get(f"/{code}/")
        assert response.status_code == 200
        assert f'<html lang="{code}" dir="ltr">' in response.text
        assert f"<h1>{expected_title}</h1>" in response.text


@pytest.mark.django_db
def test_root_redirects_to_a_language_prefix(client, home):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 302
    assert response["Location"] == "/es/"


@pytest.mark.django_db
def test_base_template_has_skip_link_landmarks_and_no_external_assets(client, home):
    html = client.get("/en/").text
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert '<nav class="main-nav" aria-label="Main">' in html
    assert "<footer" in html
    assert 'name="viewport"' in html
    for attribute in ('src="http', 'src="//', 'href="//'):
        assert attribute not in html
    stylesheet_links = [line for line in html.splitlines() if "stylesheet" in line]
    assert stylesheet_links
    assert all('href="/static/' in line for line in stylesheet_links)


class HomePageTests(WagtailPageTestCase):
    def setUp(self):
        self.home = Page.objects.get(depth=2).specific

    def test_data_migration_makes_a_home_page_the_site_root(self):
        self.assertIsInstance(self.home, HomePage)
        self.assertPageIsRenderable(self.home)

    def test_page_type_rules(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                BlogIndexPage,
                ProgramPage,
                ElectionIndexPage,
                EventIndexPage,
                StandardPage,
                ContributePage,
            },
        )
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})

    def test_editor_can_create_a_standard_page(self):
        self.login()
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {"title": "About us", "slug": "about", "body": rich_text("Who we are.")}
            ),
        )
        page = StandardPage.objects.get(slug="about")
        self.assertPageIsRenderable(page)
        response = self.client.get("/en/about/")
        self.assertContains(response, "<h1>About us</h1>")
