"""The content the page and load benchmarks run on, built with the apps'
factories in a throwaway database: a blog of 30 posts (one with 200
comments in 50 three-level threads, one quiet post that the load test
comments on), a mentoring program with an open round and five discussion
topics, and an open members' election with live results and 1,000 ballots.

Import after `django.setup()`.
"""

import random
import re
from types import SimpleNamespace

from django.conf import settings
from django.db import connection

POSTS = 30
THREADS = 50  # x 4 entries = 200 comments
BALLOTS = 1000


def use_file_database(path):
    """SQLite test databases live in memory by default; servers in other
    processes need a file."""
    if connection.vendor == "sqlite":
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = str(path)


def add_thread(post, members):
    from blog.models import BlogComment

    def add(number, parent, level, member=None):
        comment = BlogComment(
            content_object=post,
            site_id=settings.SITE_ID,
            user=member,
            user_name=f"Reader {number}-{level}",
            user_email=f"reader{number}-{level}@example.org",
            comment=(
                f"Comment {number} at level {level}: thank you for the prompts, "
                f"see https://example.org/{number}/{level} for our notes."
            ),
            language="en",
            parent_id=parent.pk if parent else 0,
        )
        comment.save()
        return comment

    for number in range(THREADS):
        top = add(number, None, 0)
        reply = add(number, top, 1, members[number % len(members)])
        add(number, reply, 2)
        add(number + 1000, top, 1)


def build_site(members=10):
    from wagtail.models import Site

    from blog.factories import (
        BlogIndexPageFactory,
        BlogPageFactory,
        DiscussionTopicPageFactory,
    )
    from program.factories import ProgramPageFactory, RoundPageFactory
    from voting.factories import ElectionIndexPageFactory, ElectionPageFactory
    from voting.models import Ballot
    from website.factories import UserFactory

    rng = random.Random(2018)
    home = Site.objects.get(is_default_site=True).root_page.specific
    people = [UserFactory() for _ in range(members)]
    blog = BlogIndexPageFactory(parent=home)
    posts = [BlogPageFactory(parent=blog) for _ in range(POSTS - 2)]
    busy = BlogPageFactory(parent=blog, title="A busy discussion")
    quiet = BlogPageFactory(parent=blog, title="A quiet post")
    add_thread(busy, people)

    program = ProgramPageFactory(parent=home)
    round_page = RoundPageFactory(parent=program)
    for number in range(1, 6):
        DiscussionTopicPageFactory(
            parent=blog,
            title=f"Discussion topic {number}",
            round=round_page,
            topic_number=number,
        )

    elections = ElectionIndexPageFactory(parent=home)
    elections.save_revision().publish()
    election = ElectionPageFactory(parent=elections, results_visibility="live")
    keys = [option.key for option in election.option_list]
    Ballot.objects.bulk_create(
        Ballot(
            election_key=election.translation_key,
            choices=rng.sample(keys, 2),
        )
        for _ in range(BALLOTS)
    )
    return SimpleNamespace(
        home=home,
        blog=blog,
        posts=posts,
        busy=busy,
        quiet=quiet,
        program=program,
        round=round_page,
        election=election,
        members=people,
    )


def write_results(path, header, section, vendor):
    """Put `section` (a Markdown section starting "## <vendor>") into the
    results file at `path`, keeping the other databases' sections."""
    sections = {}
    if path.exists():
        for part in re.split(r"(?m)^(?=## )", path.read_text())[1:]:
            sections[part.split("\n", 1)[0][3:].strip()] = part.rstrip() + "\n\n"
    sections[vendor] = section.rstrip() + "\n\n"
    order = sorted(sections, key=lambda name: (name != "SQLite", name))
    path.write_text(header + "".join(sections[name] for name in order).rstrip() + "\n")


def reference_loop_ms(runs=5):
    """Median time of a fixed pure-Python loop (summing ten million
    integers): how fast this machine's CPU was during a run. These virtual
    machines vary by up to twice from one hour to the next, so results
    from different runs compare only alongside this figure."""
    import statistics
    import time

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        total = 0
        for number in range(10_000_000):
            total += number
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)
