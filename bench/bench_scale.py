"""Every page type, admin view, export and periodic command at 100 times
today's content: server time (median) and query count, at demo size and
at a fraction or the whole of issue #23's data set, on PostgreSQL.

    make bench-scale                                  # demo, 10 % and full size
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scale \\
        .venv/bin/python bench/bench_scale.py --scales 0 0.1 --requests 7

Scale 1 is issue #23's data set: 2,000 English and 1,000 Spanish posts,
200,000 comments (one post with 5,000), 20,000 members and likes, an
approval election with 100,000 ballots and a ranked one with 20,000, and
100,000 emails in the outbox of which 831 are due, and 10 rounds of 2,000
applications (bulk inserted), the first one paired into 1,000 proposed
matches for the matching desk. Scale 0 is the benchmarks' usual demo
content (bench/site_data.py), which every scale builds first.

Pages go through Wagtail's API (`add_child`, one by one: treebeard's paths
and the search index need it); rows that no invariant guards are bulk
inserted (members, likes, ballots, outbox rows, and comments, whose three
tables django-comments' model inheritance spreads them over are filled with
one INSERT per table and batch). Each scale is built in a throwaway test
database, measured uncached (page cache off, persistent connections,
templates rendered without the test environment's instrumentation, as in
production), and destroyed. The table and the EXPLAIN plans of the fixed queries go into
bench/results_scale.md.
"""

import argparse
import datetime
import io
import math
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    setup_test_environment,
    teardown_test_environment,
)
from django.utils import timezone  # noqa: E402

from bench.site_data import build_site, reference_loop_ms  # noqa: E402

RESULTS = ROOT / "bench" / "results_scale.md"

# Scale 1: issue #23's data set.
FULL = {
    "en_posts": 2000,
    "es_posts": 1000,
    "comments": 200_000,
    "busy_comments": 5000,
    "members": 20_000,
    "approval_ballots": 100_000,
    "ranked_ballots": 20_000,
    "outbox": 100_000,
    "outbox_due": 831,
    "rounds": 10,
    "applications_per_round": 2000,
}
# Scale 0, "demo": bench/site_data.py's content (30 posts, one with 200
# comments, 10 members) and two published elections and an outbox of the
# demo's size.
DEMO = {
    "en_posts": 0,
    "es_posts": 0,
    "comments": 0,
    "busy_comments": 0,
    "members": 0,
    "approval_ballots": 1000,
    "ranked_ballots": 200,
    "outbox": 200,
    "outbox_due": 5,
    "rounds": 0,
    "applications_per_round": 0,
}
BATCH = 5000


def sized(scale):
    if not scale:
        return dict(DEMO)
    return {name: max(1, round(value * scale)) for name, value in FULL.items()}


def batches(items, size=BATCH):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def add_posts(parent, how_many, prefix):
    from blog.models import BlogPage

    start = datetime.date(2016, 1, 1)
    posts = []
    for number in range(how_many):
        post = BlogPage(
            title=f"{prefix} {number}: what the library learned",
            slug=f"scale-{prefix.lower()}-{number}",
            date=start + datetime.timedelta(days=number % 3650),
            excerpt="A short summary of the post about a library.",
            live=True,
            first_published_at=timezone.now(),
            last_published_at=timezone.now(),
        )
        parent.add_child(instance=post)
        posts.append(post)
    return posts


def bulk_comments(comments):
    """Insert unsaved BlogComment objects: django-comments' table, then
    django-comments-xtd's, then the blog's, one INSERT per table and batch
    (bulk_create does not take multi-table inheritance)."""
    from django_comments.models import Comment
    from django_comments_xtd.models import XtdComment

    from blog.models import BlogComment

    for batch in batches(comments):
        base = [
            Comment(
                **{
                    field.attname: getattr(comment, field.attname)
                    for field in Comment._meta.concrete_fields
                    if not field.primary_key
                }
            )
            for comment in batch
        ]
        Comment.objects.bulk_create(base)
        for comment, row in zip(batch, base, strict=True):
            comment.pk = comment.id = row.pk
            comment.comment_ptr_id = comment.xtdcomment_ptr_id = row.pk
            comment.thread_id = comment.parent_id = row.pk
        with connection.cursor() as cursor:
            for model in (XtdComment, BlogComment):
                fields = model._meta.local_concrete_fields
                columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
                marks = ", ".join(["%s"] * len(fields))
                cursor.executemany(
                    f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} "
                    f"({columns}) VALUES ({marks})",
                    [
                        [
                            field.get_db_prep_save(
                                getattr(comment, field.attname), connection
                            )
                            for field in fields
                        ]
                        for comment in batch
                    ],
                )


def comment_rows(posts, how_many, rng, start=0):
    from blog.models import BlogComment

    now = timezone.now()
    for number in range(start, start + how_many):
        post = posts[number % len(posts)] if len(posts) > 1 else posts[0]
        status = number % 20
        yield BlogComment(
            content_object=post,
            site_id=settings.SITE_ID,
            user_name=f"Reader {number}",
            user_email=f"reader{number % 5000}@example.org",
            comment=f"Comment {number}: thank you, our library tried this too.",
            language=post.locale.language_code,
            submit_date=now - datetime.timedelta(minutes=rng.randrange(5_000_000)),
            is_public=status != 0,
            is_removed=status == 1,
            is_spam=status == 2,
            level=0,
            order=1,
        )


COUNTRIES = ("ES", "GB", "FR", "MX", "JP", "KE", "BR", "IN", "NG", "AR")


def add_round_applications(round_page, how_many, matched=False):
    """`how_many` submitted applications to `round_page`, bulk inserted (no
    invariant beyond one seat per person is at stake), paired into proposed
    matches if `matched`."""
    from program.factories import ApplicationFactory
    from program.models import Application, Match, MatchSeat
    from program.models.applications import normalise_email

    people = [
        ApplicationFactory.build(
            round=round_page,
            country=COUNTRIES[i % len(COUNTRIES)],
            name=f"Applicant {round_page.pk}-{i}",
            email=f"applicant{round_page.pk}-{i}@example.org",
        )
        for i in range(how_many)
    ]
    for person in people:  # what save() would set
        person.email_key = normalise_email(person.email)
    people = Application.objects.bulk_create(people, batch_size=BATCH)
    if not matched:
        return
    matches = Match.objects.bulk_create(
        (
            Match(
                round=round_page,
                member_a_id=people[2 * i].pk,
                member_b_id=people[2 * i + 1].pk,
                score=10,
            )
            for i in range(how_many // 2)
        ),
        batch_size=BATCH,
    )
    MatchSeat.objects.bulk_create(
        (
            MatchSeat(match=match, application_id=member)
            for match in matches
            for member in (match.member_a_id, match.member_b_id)
        ),
        batch_size=BATCH,
    )


def build_scale(scale, site):
    from django.contrib.auth import get_user_model
    from wagtail.models import Locale

    from blog.models import PostLike
    from voting import actions
    from voting.factories import ElectionPageFactory
    from voting.models import Ballot
    from website.models import OutboxMessage

    size = sized(scale)
    rng = random.Random(23)
    timings = {}

    started = time.perf_counter()
    spanish = Locale.objects.get_or_create(language_code="es")[0]
    home_es = site.home.copy_for_translation(spanish)
    home_es.save_revision().publish()
    blog_es = site.blog.copy_for_translation(spanish)
    blog_es.save_revision().publish()
    en_posts = add_posts(site.blog, size["en_posts"], "Post")
    es_posts = add_posts(blog_es, size["es_posts"], "Entrada")
    timings["pages"] = time.perf_counter() - started

    started = time.perf_counter()
    busy = en_posts[0] if en_posts else site.busy
    if size["comments"]:
        bulk_comments(list(comment_rows([busy], size["busy_comments"], rng)))
        others = en_posts[1:] + es_posts
        bulk_comments(
            list(
                comment_rows(
                    others, size["comments"] - size["busy_comments"], rng, start=10**6
                )
            )
        )
    timings["comments"] = time.perf_counter() - started

    started = time.perf_counter()
    User = get_user_model()
    for batch in batches(range(size["members"])):
        User.objects.bulk_create(
            User(
                username=f"bench-member{number}",
                email=f"bench-member{number}@example.org",
                password="!",
            )
            for number in batch
        )
    members = list(
        User.objects.filter(username__startswith="bench-member").values_list(
            "pk", flat=True
        )
    )
    liked = [site.busy.pk, *[post.pk for post in en_posts[:50]]]
    PostLike.objects.bulk_create(
        (
            PostLike(page_id=liked[number % len(liked)], user_id=pk)
            for number, pk in enumerate(members)
        ),
        batch_size=BATCH,
    )
    timings["members and likes"] = time.perf_counter() - started

    started = time.perf_counter()
    closed = {
        "voting_opens_at": timezone.now() - datetime.timedelta(days=7),
        "voting_closes_at": timezone.now() - datetime.timedelta(hours=1),
    }
    approval = ElectionPageFactory(
        parent=site.election.get_parent(), title="Approval at scale", **closed
    )
    ranked = ElectionPageFactory(
        parent=site.election.get_parent(),
        title="Ranked at scale",
        ballot_type="rank",
        counting_rule="stv",
        max_choices=None,
        **closed,
    )
    for election, how_many in (
        (approval, size["approval_ballots"]),
        (ranked, size["ranked_ballots"]),
    ):
        keys = [option.key for option in election.option_list]
        Ballot.objects.bulk_create(
            (
                Ballot(
                    election_key=election.translation_key,
                    choices=rng.sample(keys, rng.randint(1, len(keys))),
                    shuffled=True,
                )
                for _ in range(how_many)
            ),
            batch_size=BATCH,
        )
        actions.publish_results(election)
    timings["elections"] = time.perf_counter() - started

    started = time.perf_counter()
    now = timezone.now()
    OutboxMessage.objects.bulk_create(
        (
            OutboxMessage(
                key=f"bench:{number}",
                to=f"member{number % 20000}@example.org",
                subject=f"Your application {number}",
                body_text="Thank you for applying.",
                status="sent" if number >= size["outbox_due"] else "pending",
                next_attempt_at=now - datetime.timedelta(minutes=1),
                created_at=now - datetime.timedelta(minutes=number),
            )
            for number in range(size["outbox"])
        ),
        batch_size=BATCH,
    )
    timings["outbox"] = time.perf_counter() - started

    started = time.perf_counter()
    from program.factories import RoundPageFactory

    big_round = site.round
    for number in range(size["rounds"]):
        round_page = RoundPageFactory(
            parent=site.program, number=100 + number, title=f"Round {100 + number}"
        )
        add_round_applications(
            round_page, size["applications_per_round"], matched=number == 0
        )
        if number == 0:
            big_round = round_page
    timings["rounds"] = time.perf_counter() - started
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    return {
        "size": size,
        "timings": timings,
        "busy": busy,
        "round": big_round,
        "approval": approval,
        "ranked": ranked,
    }


def measurements(site, built):
    """(label, url or callable, admin?) for every view measured."""
    from django.urls import reverse

    from blog.models.pages import POSTS_PER_PAGE

    blog_pages = max(
        1, math.ceil(site.blog.get_children().live().count() / POSTS_PER_PAGE)
    )
    deep = min(150, blog_pages)
    busy, approval, ranked = built["busy"], built["approval"], built["ranked"]
    comments = "/admin/snippets/blog/blogcomment/"
    return [
        ("Home", site.home.url, False),
        ("Blog index", site.blog.url, False),
        # Page 150 at full size (the issue's), the last page below that.
        ("Blog index, deep page", f"{site.blog.url}?page={deep}", False),
        ("Post (the busiest)", busy.url, False),
        ("Comment feed of the busiest post", busy.url + "comments/feed/", False),
        ("Round page (the biggest round)", built["round"].url, False),
        ("sitemap.xml (index)", reverse("sitemap"), False),
        (
            "sitemap-pages.xml (page 1)",
            reverse("sitemap_section", args=["pages"]),
            False,
        ),
        ("Search “library”", "/en/search/?q=library", False),
        ("Election results, approval", approval.url + "results/", False),
        ("Election results, ranked", ranked.url + "results/", False),
        ("Election results JSON, approval", approval.url + "results/json/", False),
        ("Ballots CSV, approval (streamed)", approval.url + "ballots/csv/", False),
        ("Admin comments, all", comments, True),
        ("Admin comments, pending", comments + "?status=pending", True),
        ("Admin comments, published", comments + "?status=published", True),
        ("Admin comments, reported", comments + "?status=flagged", True),
        ("Admin comments, one post", f"{comments}?post={busy.pk}", True),
        ("Admin outgoing email", reverse("outbox:index"), True),
        ("Admin page explorer, blog", f"/admin/pages/{site.blog.pk}/", True),
        (
            "Matching desk (the biggest round)",
            f"/admin/program/matching/{built['round'].pk}/",
            True,
        ),
        ("process_outbox", "process_outbox", None),
        ("purge_date_changes", "purge_date_changes", None),
    ]


def run_one(client, admin, target, kind):
    if kind is None:
        call_command(target, verbosity=0, stdout=io.StringIO())
        return None
    response = (admin if kind else client).get(target)
    assert response.status_code == 200, (target, response.status_code)
    if response.streaming:
        size = sum(len(chunk) for chunk in response.streaming_content)
    else:
        size = len(response.content)
    return size


def measure(site, built, runs):
    from django.contrib.auth import get_user_model

    client = Client()
    admin = Client()
    user = get_user_model().objects.create_superuser(
        "bench-admin", "bench-admin@example.org", "x"
    )
    admin.force_login(user)
    rows = []
    for label, target, kind in measurements(site, built):
        if kind is None and target == "process_outbox":
            # Each run enqueues the due rows again: keep them due.
            from website.models import OutboxMessage

            def reset():
                OutboxMessage.objects.filter(status="pending").update(
                    next_attempt_at=timezone.now() - datetime.timedelta(minutes=1)
                )
        else:

            def reset():
                pass

        reset()
        size = run_one(client, admin, target, kind)  # warm-up
        queries = []

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        reset()
        with connection.execute_wrapper(count):
            run_one(client, admin, target, kind)
        times = []
        for _ in range(runs):
            reset()
            started = time.perf_counter()
            run_one(client, admin, target, kind)
            times.append((time.perf_counter() - started) * 1000)
        rows.append((label, statistics.median(times), len(queries), size))
    return rows


def explain_plans(site, built):
    """EXPLAIN ANALYZE of the queries this work changed, on PostgreSQL."""
    from django.db.models import Exists, OuterRef
    from django_comments.models import CommentFlag

    from blog.models import BlogComment, BlogPage
    from blog.models.comments import visible_comment_counts
    from blog.models.pages import POSTS_PER_PAGE
    from website.models import OutboxMessage

    if connection.vendor != "postgresql":
        return []
    busy = built["busy"]
    listing = site.blog.specific.posts()
    deep = listing[149 * POSTS_PER_PAGE : 150 * POSTS_PER_PAGE]
    page_posts = list(deep) or list(listing[:POSTS_PER_PAGE])
    plans = [
        ("Blog index, page 150 (no comment subquery)", deep),
        (
            "Comment counts of one page of posts",
            BlogComment.objects.visible()
            .filter(
                content_type_id__in={post.content_type_id for post in page_posts},
                object_pk__in=[str(post.pk) for post in page_posts],
                site_id=settings.SITE_ID,
            )
            .order_by()
            .values("content_type_id", "object_pk"),
        ),
        (
            "Comment feed of the busiest post",
            BlogComment.objects.visible()
            .for_page(busy)
            .order_by("-submit_date", "-pk")[:20],
        ),
        (
            "Admin comments, pending, first page",
            BlogComment.objects.pending().order_by("-submit_date")[:50],
        ),
        (
            "Admin comments, reported, first page",
            BlogComment.objects.filter(
                Exists(
                    CommentFlag.objects.filter(
                        comment_id=OuterRef("pk"), flag=CommentFlag.SUGGEST_REMOVAL
                    )
                ),
                is_removed=False,
                is_spam=False,
            ).order_by("-submit_date")[:50],
        ),
        (
            "Admin outgoing email, first page",
            OutboxMessage.objects.order_by("-created_at")[:20],
        ),
    ]
    assert visible_comment_counts(page_posts) is not None
    assert BlogPage is not None
    out = []
    for label, queryset in plans:
        plan = queryset.explain(analyze=True)
        lines = plan.splitlines()
        out.append((label, "\n".join(lines[:12])))
    out += request_plans(site, built)
    return out


def request_plans(site, built):
    """EXPLAIN ANALYZE of the queries of a request that read the big tables
    (the ballots CSV, a sitemap page, the search, the outbox listing, the
    explorer), as the request sent them."""
    from django.contrib.auth import get_user_model
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    admin = Client()
    admin.force_login(get_user_model().objects.get(username="bench-admin"))
    wanted = [
        (
            "Ballots CSV, the ballots' lines",
            Client(),
            built["approval"].url + "ballots/csv/",
            "string_agg",
        ),
        (
            "Sitemap page 1, its pages",
            Client(),
            reverse("sitemap_section", args=["pages"]),
            "LIMIT 2000",
        ),
        ("Search “library”, the count", Client(), "/en/search/?q=library", "COUNT"),
        ("Search “library”, the results", Client(), "/en/search/?q=library", "ts_rank"),
        ("Admin outgoing email, the count", admin, reverse("outbox:index"), "COUNT"),
        (
            "Admin page explorer, the rows and their translation buttons",
            admin,
            f"/admin/pages/{site.blog.pk}/",
            "_localize_sync_source_id",
        ),
    ]
    out = []
    for label, client, url, marker in wanted:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        sql = next(
            (q["sql"] for q in captured.captured_queries if marker in q["sql"]), None
        )
        if sql is None:
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN ANALYZE " + sql)
            lines = [row[0] for row in cursor.fetchall()]
        # The plan's outline and its totals.
        out.append((label, "\n".join(lines[:14] + lines[-2:])))
    return out


def run_scale(scale, runs):
    setup_test_environment()
    instrumented = True
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        with transaction.atomic():
            site = build_site()
        built = build_scale(scale, site)
        build_seconds = time.perf_counter() - started
        connection.settings_dict["CONN_MAX_AGE"] = 60
        connection.close()
        # Requests are rendered as in production: without the test
        # environment's template instrumentation, which copies the context
        # of every template rendered (thousands on an admin listing).
        teardown_test_environment()
        instrumented = False
        rows = measure(site, built, runs)
        plans = explain_plans(site, built) if scale else []
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        if instrumented:
            teardown_test_environment()
    return {
        "scale": scale,
        "rows": rows,
        "build_seconds": build_seconds,
        "timings": built["timings"],
        "size": built["size"],
        "plans": plans,
    }


def label_of(scale):
    return "demo" if not scale else f"{scale:.0%}"


def report(results, runs, load, loop_ms):
    vendor = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[connection.vendor]
    lines = [
        "# Pages, admin views, exports and commands at scale",
        "",
        "Written by `bench/bench_scale.py` (`make bench-scale`; see its "
        f"docstring). {vendor}, page cache off, persistent connections; "
        f"median of {runs} requests after one warm-up, and the queries of "
        f"one request; load average before the run {load[0]:.2f} / "
        f"{load[1]:.2f} / {load[2]:.2f} on {os.cpu_count()} cores shared "
        f"with other work; reference loop {loop_ms:.0f} ms; "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        "",
        "Goal (issue #23): public pages ≤ 100 ms with the queries of the demo; "
        "admin views and exports ≤ 300 ms; periodic commands ≤ 100 ms plus a "
        "bounded amount per row.",
        "",
    ]
    for result in results:
        if result["scale"]:
            size = ", ".join(
                f"{name} {value:,}" for name, value in result["size"].items()
            )
            built = "; ".join(
                f"{name} {seconds:.0f} s" for name, seconds in result["timings"].items()
            )
            lines.append(
                f"- {label_of(result['scale'])}: {size}; built in "
                f"{result['build_seconds']:.0f} s ({built})."
            )
    lines += [
        "",
        "| what | " + " | ".join(label_of(r["scale"]) for r in results) + " |",
    ]
    lines.append("|---|" + "---:|" * len(results))
    for index, (label, *_rest) in enumerate(results[0]["rows"]):
        cells = []
        for result in results:
            _label, median, queries, size = result["rows"][index]
            weight = f", {size / 1024:,.0f} KB" if size else ""
            cells.append(f"{median:,.0f} ms ({queries} q{weight})")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    for result in results:
        if result["plans"]:
            lines += ["", f"## EXPLAIN ANALYZE at {label_of(result['scale'])}", ""]
            for label, plan in result["plans"]:
                lines += [f"{label}:", "", "```", plan, "```", ""]
    return "\n".join(lines).rstrip() + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[0, 0.1, 1])
    parser.add_argument("--requests", type=int, default=7)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        # `make bench` runs every script on SQLite: nothing to say there.
        print("bench_scale measures PostgreSQL: set DATABASE_URL (skipped).")
        return
    load = os.getloadavg()
    loop_ms = reference_loop_ms(runs=3)
    results = []
    for scale in args.scales:
        print(f"== scale {label_of(scale)}", flush=True)
        results.append(run_scale(scale, args.requests))
        for label, median, queries, _size in results[-1]["rows"]:
            print(f"  {label}: {median:.1f} ms, {queries} queries", flush=True)
    text = report(results, args.requests, load, loop_ms)
    print(text)
    if not args.no_write:
        RESULTS.write_text(text)
        print(f"Written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
