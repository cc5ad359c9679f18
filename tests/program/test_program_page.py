"""The program page lists its rounds under "Current rounds", "Upcoming
rounds" and "Past rounds" by what each round really is today."""

import datetime
import re

import pytest
from django.utils import timezone

from program.factories import ProgramPageFactory, RoundPageFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def headed_lists(html):
    """{section heading: [round titles]} of the program page's round lists."""
    sections = re.findall(
        r"<h2 id=\"rounds-\d+\">(.*?)</h2>(.*?)</section>", html, flags=re.S
    )
    return {
        heading: re.findall(r"<h3><a [^>]*>(.*?)</a></h3>", body)
        for heading, body in sections
    }


def test_rounds_are_grouped_by_their_real_state(client, home):
    program = ProgramPageFactory(parent=home)
    now, today = timezone.now(), timezone.localdate()
    RoundPageFactory(  # applications open now: it is the round of the moment
        parent=program,
        number=4,
        applications_open_at=now - 3 * DAY,
        applications_close_at=now + 25 * DAY,
        starts_on=today + 40 * DAY,
        ends_on=today + 130 * DAY,
    )
    RoundPageFactory(  # applications closed, partners being matched
        parent=program,
        number=3,
        applications_open_at=now - 30 * DAY,
        applications_close_at=now - 2 * DAY,
        starts_on=today + 10 * DAY,
        ends_on=today + 100 * DAY,
    )
    RoundPageFactory(  # opens next month
        parent=program,
        number=5,
        applications_open_at=now + 30 * DAY,
        applications_close_at=now + 60 * DAY,
        starts_on=today + 70 * DAY,
        ends_on=today + 160 * DAY,
    )
    RoundPageFactory(  # over
        parent=program,
        number=1,
        applications_open_at=now - 300 * DAY,
        applications_close_at=now - 280 * DAY,
        starts_on=today - 250 * DAY,
        ends_on=today - 160 * DAY,
    )

    response = client.get(program.url)

    assert response.status_code == 200
    assert headed_lists(response.text) == {
        "Current rounds": ["Round 4", "Round 3"],
        "Upcoming rounds": ["Round 5"],
        "Past rounds": ["Round 1"],
    }
