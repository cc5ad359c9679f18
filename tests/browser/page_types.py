"""Every public page type of the demo, in English (left to right) and in
Arabic (right to left), for the layout tests and `make screenshots`.

The demo has only its home page and blog in Arabic: `arabic_copies()`
copies the other sections into Arabic (their words stay English, the page
is laid out right to left around them), as a translator's first step does.
"""

from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction

from blog.models import BlogIndexPage, BlogPage
from contributions.models import ContributePage, GalleryPage
from events.models import EventIndexPage, EventPage
from program.models import ProgramPage, RoundPage, SpeedMentoringEventPage
from voting.models import ElectionIndexPage, ElectionPage
from website.factories import StandardPageFactory
from website.models import HomePage


def arabic_copies():
    """Publish an Arabic copy of every demo page that has none, parents
    first, and a standard page (with its copy); return the Arabic locale."""
    arabic = Locale.objects.get(language_code="ar")
    english_home = HomePage.objects.get(locale__language_code="en")
    StandardPageFactory(parent=english_home, title="About the network", slug="about")
    pages = Page.objects.filter(locale__language_code="en", depth__gt=2).order_by(
        "path"
    )
    for page in pages.specific():
        if page.has_translation(arabic):
            continue
        copy = page.copy_for_translation(arabic, copy_parents=False)
        copy.save_revision().publish()
    return arabic


def private_page():
    """A page behind a password: the password form is a page type too."""
    minutes = StandardPageFactory(
        parent=HomePage.objects.get(locale__language_code="en"), title="Minutes"
    )
    PageViewRestriction.objects.create(
        page=minutes, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    return minutes


def url_in(model, language, **filters):
    return (
        model.objects.live()
        .filter(locale__language_code=language, **filters)
        .order_by("path")
        .first()
        .url
    )


def public_page_types(language):
    """{page type: path} for anonymous readers, in `language`."""
    topic_filter = {"slug__startswith": "discussion-topic"}
    post = BlogPage.objects.live().filter(locale__language_code=language)
    topic = post.filter(
        translation_key=BlogPage.objects.get(
            slug="discussion-topic-getting-to-know-you", locale__language_code="en"
        ).translation_key
    ).first()
    post = post.exclude(pk=topic.pk).exclude(**topic_filter).order_by("-date").first()
    round_page = next(
        page
        for page in RoundPage.objects.live().filter(locale__language_code=language)
        if page.accepts_applications
    )
    past_round = next(
        page
        for page in RoundPage.objects.live().filter(locale__language_code=language)
        if page.is_past
    )
    election = url_in(ElectionPage, language, slug="webinars-2018")
    event = url_in(SpeedMentoringEventPage, language)
    webinars = EventPage.objects.live().filter(locale__language_code=language)
    now = timezone.now()
    contact = url_in(ContributePage, language)
    return {
        "home": f"/{language}/",
        "standard page": url_in(Page, language, slug="about", depth=3),
        "blog index": url_in(BlogIndexPage, language),
        "post": post.url,
        "discussion topic": topic.url,
        "program": url_in(ProgramPage, language),
        "round, open": round_page.url,
        "round, past": past_round.url,
        "speed-mentoring event": event,
        "timetable sheets": f"{event}timetable/tables/",
        "elections": url_in(ElectionIndexPage, language),
        "election": url_in(ElectionPage, language, slug="webinars-2019"),
        "results": f"{election}results/",
        "events": url_in(EventIndexPage, language),
        "event, upcoming": webinars.filter(starts_at__gt=now).order_by("path")[0].url,
        "event, past": webinars.filter(ends_at__lt=now).order_by("path")[0].url,
        "event registration (guest)": (
            webinars.filter(starts_at__gt=now).order_by("path")[0].url + "register/"
        ),
        "contact": contact,
        "contact message form": f"{contact}message/",
        "photo form": f"{contact}photo/",
        "guest post form": f"{contact}write/",
        "gallery": url_in(GalleryPage, language),
        "follow by email": f"/{language}/subscriptions/follow/",
        "my data by email": f"/{language}/my-data/",
        "search": f"/{language}/search/?q=mentoring",
        "log-in": f"/{language}/accounts/login/",
        "sign-up": f"/{language}/accounts/signup/",
        "not found": f"/{language}/no-such-page/",
    }


def member_page_types(language):
    """{page type: path} for a signed-in member."""
    round_page = next(
        page
        for page in RoundPage.objects.live().filter(locale__language_code=language)
        if page.accepts_applications
    )
    election = url_in(ElectionPage, language, slug="webinars-2019")
    return {
        "application form": f"{round_page.url}apply/",
        "ballot": f"{election}vote/",
        "profile": f"/{language}/accounts/profile/",
        "my data": f"/{language}/accounts/my-data/",
    }
