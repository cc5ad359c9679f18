"""Dates and times that end a sentence end it with one full stop.

Django's English formats end a time with "p.m.", so "Voting closes on
Dec. 5, 2026, 11 p.m.." carried two stops. The site's own formats
(website/formats/) write the time without a trailing stop in every
language."""

import datetime
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

TIMES = [
    datetime.datetime(2026, 12, 5, hour, minute, tzinfo=datetime.UTC)
    for hour, minute in [(23, 0), (0, 0), (12, 0), (9, 30)]
]
SENTENCE = Template(
    '{{ when|date:"DATETIME_FORMAT" }}.|{{ when|time }}.|'
    '{{ when|date:"SHORT_DATETIME_FORMAT" }}.'
)


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
@pytest.mark.parametrize("when", TIMES, ids=lambda when: when.strftime("%H%M"))
def test_a_date_and_time_ending_a_sentence_ends_it_once(language, when):
    with translation.override(language):
        rendered = SENTENCE.render(Context({"when": when}))

    for sentence in rendered.split("|"):
        assert not sentence.endswith(".."), sentence


def test_the_voting_reminder_says_when_voting_closes_without_a_stray_stop():
    election = SimpleNamespace(
        title="Webinars 2019",
        voting_closes_at=datetime.datetime(2026, 12, 5, 23, 0, tzinfo=datetime.UTC),
    )
    with translation.override("en"):
        body = render_to_string(
            "voting/email/reminder/body.txt",
            {"election": election, "voter": None, "url": "https://x.example/"},
        )

    assert "you can vote until Dec. 5, 2026, 11:00 PM, with the link" in body
    assert ".." not in body
