"""Events from an election's winners: "create an event for each winning
option". Each event is a page under the events index of the election's
language, with the option's title, its date to be confirmed, and a link
back to the election (and so its results). Asking twice creates nothing
new: an option that already has its event is skipped.

The election is read through one named function of the voting app
(`voting.tallies.counted`: the stored count the results page shows).
"""

from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug

from .models import EventIndexPage, EventPage, ScheduleStatus


def is_election(page):
    return page.specific_class is not None and (
        page.specific_class._meta.label == "voting.ElectionPage"
    )


def winning_options(election):
    """[(option key, title)] of the published winners, in the election's
    language; [] while the results are not published or nobody voted."""
    from voting import tallies
    from voting.electorate import turnout

    if not election.results_published:
        return []
    cast, _electorate = turnout(election)
    result = tallies.counted(election, cast).result  # the stored count
    if not result.ballots_counted:
        return []
    titles = election.option_titles()
    descriptions = {option.key: option.description for option in election.option_list}
    return [
        (str(key), titles.get(str(key), str(key)), descriptions.get(str(key), ""))
        for key in result.winners
    ]


def events_index_for(election):
    return (
        EventIndexPage.objects.filter(locale_id=election.locale_id).first()
        or EventIndexPage.objects.first()
    )


def existing_events(election):
    """{option key: event page} already made from this election."""
    return {
        str(page.election_option_key): page
        for page in EventPage.objects.filter(
            election_option_key__isnull=False,
            election__translation_key=election.translation_key,
        )
    }


def create_events(election, user, *, publish):
    """Make the missing events (drafts, or published if `publish`);
    returns the new pages."""
    index = events_index_for(election)
    if index is None:
        raise EventIndexPage.DoesNotExist
    made = []
    with transaction.atomic():
        have = existing_events(election)
        for key, title, description in winning_options(election):
            if key in have:
                continue
            page = EventPage(
                title=title,
                slug=find_available_slug(index, slugify(title) or "event"),
                topic=title,
                description=f"<p>{escape(description)}</p>" if description else "",
                schedule_status=ScheduleStatus.TO_BE_CONFIRMED,
                election=election,
                election_option_key=key,
                locale=index.locale,
                owner=user,
            )
            index.add_child(instance=page)
            revision = page.save_revision(user=user, log_action=True)
            if publish:
                revision.publish(user=user)
            made.append(page)
    return made
