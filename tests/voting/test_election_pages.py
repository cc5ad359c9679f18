import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from voting.factories import ElectionIndexPageFactory, ElectionPageFactory
from voting.models import ElectionIndexPage, ElectionPage, ElectionStatus
from website.models import HomePage

NOW = timezone.now()


class ElectionPageTypeTests(WagtailPageTestCase):
    def setUp(self):
        self.home = Page.objects.get(depth=2).specific
        self.index = ElectionIndexPageFactory(parent=self.home)
        self.index.save_revision().publish()

    def test_page_type_rules(self):
        self.assertAllowedParentPageTypes(ElectionIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ElectionIndexPage, {ElectionPage})
        self.assertAllowedParentPageTypes(ElectionPage, {ElectionIndexPage})
        self.assertAllowedSubpageTypes(ElectionPage, set())

    def test_pages_and_routes_are_renderable(self):
        election = ElectionPageFactory(parent=self.index, results_visibility="live")
        self.assertPageIsRenderable(self.index)
        self.assertPageIsRenderable(election)
        self.assertPageIsRenderable(election, "results/")
        base = election.url
        assert self.client.get(base + "results/").status_code == 200
        assert self.client.get(base + "results/json/").status_code == 200
        assert self.client.get(base + "vote/").status_code == 302  # sign in first
        assert self.client.get(base + "nominate/").status_code == 302
        # Ballots are published only after the close.
        assert self.client.get(base + "ballots/csv/").status_code == 403
        response = self.client.get(election.url)
        self.assertContains(response, "Open access")
        self.assertContains(response, "Voting open")

    def test_index_lists_open_upcoming_and_closed_elections(self):
        ElectionPageFactory(parent=self.index, title="Now open")
        ElectionPageFactory(
            parent=self.index,
            title="Next year",
            voting_opens_at=NOW + datetime.timedelta(days=30),
            voting_closes_at=NOW + datetime.timedelta(days=40),
        )
        ElectionPageFactory(
            parent=self.index,
            title="Last year",
            voting_opens_at=NOW - datetime.timedelta(days=40),
            voting_closes_at=NOW - datetime.timedelta(days=30),
        )
        html = self.client.get(self.index.url).text
        assert html.index("Open elections") < html.index("Now open")
        assert html.index("Upcoming elections") < html.index("Next year")
        assert html.index("Closed elections") < html.index("Last year")

    def test_editor_can_create_an_election_with_options(self):
        self.login()
        opens = (NOW + datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
        closes = (NOW + datetime.timedelta(days=8)).strftime("%Y-%m-%d %H:%M")
        self.assertCanCreate(
            self.index,
            ElectionPage,
            nested_form_data(
                {
                    "title": "Webinars 2019",
                    "slug": "webinars-2019",
                    "question": "Which webinars?",
                    "description": rich_text("Pick four."),
                    "options": inline_formset(
                        [
                            {"title": "Copyright", "description": ""},
                            {"title": "Open access", "description": ""},
                        ]
                    ),
                    "winners": 1,
                    "ballot_type": "rank",
                    "counting_rule": "stv",
                    "electorate": "members",
                    "results_visibility": "after_close",
                    "voting_opens_at": opens,
                    "voting_closes_at": closes,
                }
            ),
        )
        election = ElectionPage.objects.get(slug="webinars-2019")
        assert [o.title for o in election.options.all()] == ["Copyright", "Open access"]
        assert election.tie_seed > 0


@pytest.mark.django_db
def test_clean_refuses_a_rule_that_does_not_suit_the_ballot_type(election_index):
    election = ElectionPageFactory.build(ballot_type="rank", counting_rule="approval")
    with pytest.raises(ValidationError) as error:
        election.clean()
    assert "counting_rule" in error.value.message_dict


@pytest.mark.django_db
def test_clean_refuses_voting_that_closes_before_it_opens(election_index):
    election = ElectionPageFactory.build(
        voting_opens_at=NOW, voting_closes_at=NOW - datetime.timedelta(hours=1)
    )
    with pytest.raises(ValidationError) as error:
        election.clean()
    assert "voting_closes_at" in error.value.message_dict


@pytest.mark.django_db
def test_status_follows_dates_and_actions(election_index):
    election = ElectionPageFactory(
        parent=election_index,
        nominations_open_at=NOW - datetime.timedelta(days=2),
        nominations_close_at=NOW + datetime.timedelta(days=2),
        voting_opens_at=NOW + datetime.timedelta(days=3),
        voting_closes_at=NOW + datetime.timedelta(days=9),
    )
    assert election.status == ElectionStatus.NOMINATIONS_OPEN
    assert election.status_at(NOW + datetime.timedelta(days=2, hours=1)) == (
        ElectionStatus.UPCOMING
    )
    assert election.status_at(NOW + datetime.timedelta(days=4)) == (
        ElectionStatus.VOTING_OPEN
    )
    assert election.status_at(NOW + datetime.timedelta(days=10)) == (
        ElectionStatus.CLOSED
    )
    election.closed_early_at = NOW + datetime.timedelta(days=5)
    assert election.status_at(NOW + datetime.timedelta(days=6)) == (
        ElectionStatus.CLOSED
    )
    election.results_published = True
    assert election.status == ElectionStatus.RESULTS_PUBLISHED


@pytest.mark.django_db
def test_organiser_actions_survive_publishing_an_old_revision(election_index):
    election = ElectionPageFactory(parent=election_index)
    revision = election.latest_revision
    ElectionPage.objects.filter(pk=election.pk).update(
        closed_early_at=NOW, results_published=True
    )
    election.refresh_from_db()
    revision.publish()
    election.refresh_from_db()
    assert election.closed_early_at is not None
    assert election.results_published


@pytest.mark.django_db
def test_translation_keeps_option_keys_and_translates_titles(
    home, election_index, locales
):
    election = ElectionPageFactory(parent=election_index)
    es_index = election_index.copy_for_translation(locales["es"])
    es_index.save_revision().publish()
    translation = election.copy_for_translation(locales["es"])
    option = translation.options.first()
    option.title = "Derechos de autor"
    option.save()
    translation.save_revision().publish()
    assert translation.specific.option_titles()[option.key] == "Derechos de autor"
    assert {o.key for o in translation.specific.option_list} == {
        o.key for o in election.option_list
    }
    assert translation.specific.tie_seed == election.tie_seed
