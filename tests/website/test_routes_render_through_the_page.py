"""Every route of every routable page renders through the page
(website/routes.py): what a page's `get_context` holds reaches the template
of each of its routes, refusals included, as it reaches the page itself.

The test marks every context `Page.get_context` builds, then requests every
route of every page model that has routes. A route that answers with a
template it filled by hand (`TemplateResponse(request, template, {...})`)
has no mark and fails; a new route fails until it is listed in `ROUTES`,
with a URL to try it at. Routes that answer with data (feeds, CSV, JSON)
render no template and are listed in `DATA_ROUTES`.
"""

import datetime

import pytest
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, get_page_models

from blog.factories import (
    AuthorFactory,
    BlogIndexPageFactory,
    BlogPageFactory,
    CategoryFactory,
    DiscussionTopicPageFactory,
)
from blog.models import BlogIndexPage, BlogPage, DiscussionTopicPage
from contributions.factories import ContributePageFactory
from contributions.models import ContributePage
from events.factories import EventIndexPageFactory, EventPageFactory
from events.models import EventIndexPage, EventPage
from program.factories import (
    ApplicationFactory,
    ProgramPageFactory,
    RoundPageFactory,
    SpeedMentoringEventPageFactory,
)
from program.models import RoundPage, SpeedMentoringEventPage
from voting.factories import ElectionIndexPageFactory, ElectionPageFactory
from voting.models import ElectionPage
from website.factories import UserFactory

MARK = "rendered_through_get_context"

# {page model: {route pattern: the URL tried, filled in with the test's data}}
ROUTES = {
    BlogIndexPage: {
        "": "",
        "tag/<slug:tag>/": "tag/{tag}/",
        "category/<slug:category>/": "category/{category}/",
        "author/<slug:author>/": "author/{author}/",
        "<int:year>/": "2018/",
        "<int:year>/<int:month>/": "2018/1/",
        "feed/": "feed/",
        "feed/atom/": "feed/atom/",
        "category/<slug:category>/feed/": "category/{category}/feed/",
        "category/<slug:category>/feed/atom/": "category/{category}/feed/atom/",
        "tag/<slug:tag>/feed/": "tag/{tag}/feed/",
        "tag/<slug:tag>/feed/atom/": "tag/{tag}/feed/atom/",
    },
    BlogPage: {
        "": "",
        "comments/feed/": "comments/feed/",
        "comments/feed/atom/": "comments/feed/atom/",
    },
    DiscussionTopicPage: {
        "": "",
        "comments/feed/": "comments/feed/",
        "comments/feed/atom/": "comments/feed/atom/",
    },
    SpeedMentoringEventPage: {
        "": "",
        "timetable/tables/": "timetable/tables/",
        "timetable/people/": "timetable/people/",
        "timetable/csv/": "timetable/csv/",
    },
    RoundPage: {
        "": "",
        "apply/": "apply/",
        "application/<id:pk>/<str:token>/": "application/{application}/{token}/",
        "my-application/": "my-application/",
        "check-in/<str:token>/": "check-in/not-a-seat/",
        "application/<id:pk>/<str:token>/address/": (
            "application/{application}/{token}/address/"
        ),
        "address/confirm/<str:token>/": "address/confirm/not-a-link/",
    },
    ContributePage: {
        "": "",
        "message/": "message/",
        "photo/": "photo/",
        "photo/confirm/<str:token>/": "photo/confirm/not-a-link/",
        "write/": "write/",
        "sent/<slug:what>/": "sent/message/",
    },
    ElectionPage: {
        "": "",
        "vote/": "vote/",
        "vote/<str:token>/": "vote/not-a-link/",
        "nominate/": "nominate/",
        "results/": "results/",
        "results/json/": "results/json/",
        "ballots/csv/": "ballots/csv/",
    },
    EventIndexPage: {"": "", "calendar/": "calendar/"},
    EventPage: {
        "": "",
        "register/": "register/",
        "confirm/<str:token>/": "confirm/not-a-link/",
        "cancel/<str:token>/": "cancel/not-a-link/",
        "ics/": "ics/",
    },
}
DATA_ROUTES = {
    "calendar/",
    "ics/",
    "feed/",
    "feed/atom/",
    "category/{category}/feed/",
    "category/{category}/feed/atom/",
    "tag/{tag}/feed/",
    "tag/{tag}/feed/atom/",
    "comments/feed/",
    "comments/feed/atom/",
    "timetable/csv/",
    "results/json/",
    "ballots/csv/",
}


def routable_page_models():
    return [
        model for model in get_page_models() if issubclass(model, RoutablePageMixin)
    ]


def test_every_route_of_every_routable_page_is_listed_here():
    patterns = {
        model: {str(route.pattern) for route in model.get_subpage_urls()}
        for model in routable_page_models()
    }
    assert patterns == {model: set(urls) for model, urls in ROUTES.items()}


@pytest.fixture
def through_get_context(monkeypatch):
    """Every context that Page.get_context builds carries MARK: the page."""
    get_context = Page.get_context

    def marked(self, request, *args, **kwargs):
        context = get_context(self, request, *args, **kwargs)
        context[MARK] = self
        return context

    monkeypatch.setattr(Page, "get_context", marked)


@pytest.fixture
def pages(home):
    """One live page of each routable type, with what its routes show."""
    author = AuthorFactory(slug="ana")
    category = CategoryFactory(slug="news")
    blog = BlogIndexPageFactory(parent=home)
    blog.save_revision().publish()
    post = BlogPageFactory(
        parent=blog, date=datetime.date(2018, 1, 5), authors=[author]
    )
    post.categories.add(category)
    post.tags.add("catalogues")
    post.save_revision().publish()
    program = ProgramPageFactory(parent=home)
    program.save_revision().publish()
    event = SpeedMentoringEventPageFactory(parent=program)
    round_page = RoundPageFactory(parent=program)
    round_page.save_revision().publish()
    topic = DiscussionTopicPageFactory(parent=blog, round=round_page)
    member = UserFactory(username="amaka")
    application = ApplicationFactory(round=round_page, user=member)
    token = application.new_edit_token()
    application.save()
    elections = ElectionIndexPageFactory(parent=home)
    elections.save_revision().publish()
    election = ElectionPageFactory(parent=elections)
    events = EventIndexPageFactory(parent=home)
    events.save_revision().publish()
    webinar = EventPageFactory(parent=events)
    webinar.save_revision().publish()
    return {
        EventIndexPage: events,
        EventPage: webinar,
        BlogIndexPage: blog,
        BlogPage: BlogPage.objects.get(pk=post.pk),
        DiscussionTopicPage: topic,
        SpeedMentoringEventPage: event,
        RoundPage: round_page,
        ElectionPage: election,
        ContributePage: ContributePageFactory(parent=home),
    }, {
        "tag": "catalogues",
        "category": "news",
        "author": "ana",
        "application": application.pk,
        "token": token,
        "member": member,
    }


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "member"])
def test_every_route_that_renders_a_template_renders_it_through_the_page(
    client, pages, through_get_context, signed_in
):
    pages, data = pages
    if signed_in:
        client.force_login(data["member"])
    rendered = set()
    for model, routes in ROUTES.items():
        page = pages[model]
        for url in dict.fromkeys(routes.values()):
            response = client.get(page.url + url.format(**data))
            assert response.status_code < 500, url
            if not response.templates:
                assert url in DATA_ROUTES or response.status_code in (301, 302), (
                    model,
                    url,
                    response.status_code,
                )
                continue
            assert url not in DATA_ROUTES, (model, url)
            context = response.context
            assert context.get(MARK) is not None, (model, url, "context built by hand")
            assert context[MARK].pk == page.pk, (model, url)
            rendered.add((model.__name__, url))
    # Every HTML route answered with a template, but those that send a
    # visitor to log in, and the application form a member who has applied
    # is sent past (to their application).
    expected = {
        (model.__name__, url)
        for model, routes in ROUTES.items()
        for url in routes.values()
        if url not in DATA_ROUTES
    }
    if signed_in:
        expected -= {("RoundPage", "apply/")}
    else:
        expected -= {
            ("RoundPage", "my-application/"),
            ("ElectionPage", "vote/"),
            ("ElectionPage", "nominate/"),
        }
    assert rendered == expected
