"""Benchmark of a post's comment thread: ours against django-comments-xtd's
stock `render_xtdcomment_tree`, side by side in the same run.

Run from the repository root, on SQLite (default) or PostgreSQL:

    .venv/bin/python bench/bench_comments.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/benchcomments \
        .venv/bin/python bench/bench_comments.py
    .venv/bin/python bench/bench_comments.py --no-write --requests 10

It creates a throwaway test database (destroyed at the end), a live post
with 200 comments three levels deep (50 threads: a comment, two replies, a
reply to the first reply; some replies by members), and measures, after a
few warm-ups, the median and p95 of the following, taking turns within each
round so that changes in the machine's load fall on all of them alike:

- the post's whole page, uncached, through Django's test client (server
  time: the client calls the WSGI handler in-process), and the same page of
  a post without comments (the rest of the page);
- our thread alone: the `{% comment_thread %}` tag and the comment list of
  `blog/comments/section.html` (`{% comment_entries %}`, which renders the
  entries in Python: `blog/comments/rendering.py`);
- our whole discussion section (`blog/comments/section.html`: likes, the
  thread, and the placeholder of the comment form, which comes as a
  fragment);
- django-comments-xtd's stock tree of the same comments:
  `{% render_xtdcomment_tree for object %}` with the stock
  `django_comments_xtd/comment_tree.html` (with xtd's URLs mounted for
  the rendering, as the stock template links to its reply view). The stock
  tag loads COMMENTS_XTD_MODEL, so its permalinks go through
  `BlogComment.get_absolute_url`, which reads the post once per comment
  (200 queries); it is measured a second time with django-comments' own
  `get_absolute_url` (a `reverse()`, no query), the fairer comparison;
- where our time goes: the thread again with `linkify` and then also the
  date formatting replaced by trivial stand-ins, and the tag alone.

Query counts come from CaptureQueriesContext. The results table for the
database in use is printed and written into bench/results_comments.md (the
other database's table there is kept).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import sys
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.db import connection  # noqa: E402
from django.template import RequestContext, Template  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)
from django.urls import set_urlconf  # noqa: E402

from bench.site_data import (  # noqa: E402
    THREADS,
    add_thread,
    reference_loop_ms,
    write_results,
)

RESULTS = ROOT / "bench" / "results_comments.md"
TARGET = 3.0

OURS_THREAD = (
    "{% load comment_tags %}{% comment_thread page as thread %}"
    '<ol class="comment-list">{% comment_entries thread page %}</ol>'
)
OURS_SECTION = '{% include "blog/comments/section.html" %}'
STOCK_TREE = "{% load comments_xtd %}{% render_xtdcomment_tree for object %}"


def stock_urlconf():
    """Our URLs plus django-comments-xtd's (the stock tree links to its reply
    view, which the site does not mount): used while rendering the stock
    tree only."""
    from importlib import import_module

    from django.urls import include, path

    module = types.ModuleType("bench_comments_urls")
    module.urlpatterns = [
        *import_module(settings.ROOT_URLCONF).urlpatterns,
        path("xtd-comments/", include("django_comments_xtd.urls")),
    ]
    return module


def build_site():
    """A live blog with a post of 200 comments and a post without any."""
    from wagtail.models import Site

    from blog.factories import BlogIndexPageFactory, BlogPageFactory
    from blog.models import BlogComment
    from website.factories import UserFactory

    home = Site.objects.get(is_default_site=True).root_page.specific
    blog = BlogIndexPageFactory(parent=home)
    post = BlogPageFactory(parent=blog, title="A busy discussion")
    quiet = BlogPageFactory(parent=blog, title="A quiet post")
    members = [UserFactory() for _ in range(10)]

    add_thread(post, members)
    assert BlogComment.objects.for_page(post).visible().count() == THREADS * 4
    return post, quiet


def timed(function, runs, warmups):
    return timed_together({"only": function}, runs, warmups)["only"]


def timed_together(functions, runs, warmups):
    """Median and p95 (ms) of each function, run in turn within each round
    so that a change in the machine's load falls on all of them alike (the
    ratios are what the benchmark is about)."""
    for function in functions.values():
        for _ in range(warmups):
            function()
    times = {label: [] for label in functions}
    for _ in range(runs):
        for label, function in functions.items():
            start = time.perf_counter()
            function()
            times[label].append((time.perf_counter() - start) * 1000)
    result = {}
    for label, values in times.items():
        values.sort()
        p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
        result[label] = (statistics.median(values), p95)
    return result


def count_queries(function):
    with CaptureQueriesContext(connection) as captured:
        result = function()
    return len(captured), result


def measure(post, quiet, runs, warmups):
    from django_comments.abstracts import CommentAbstractModel

    from blog.models import BlogComment

    client = Client()
    factory = RequestFactory()
    our_permalink = BlogComment.get_absolute_url

    def page(url):
        def get():
            response = client.get(url)
            assert response.status_code == 200, response.status_code
            return response.content.decode()

        return get

    def rendering(source, urlconf=None, stock_permalinks=False):
        template = Template(source)

        def render():
            if stock_permalinks:
                BlogComment.get_absolute_url = CommentAbstractModel.get_absolute_url
            set_urlconf(urlconf)
            request = factory.get(post.url)
            request.user = AnonymousUser()
            context = RequestContext(
                request,
                {"page": post, "object": post, "user": request.user},
            )
            try:
                return template.render(context)
            finally:
                set_urlconf(None)
                BlogComment.get_absolute_url = our_permalink

        return render

    cases = [
        ("Whole page, 200 comments (test client)", page(post.url)),
        ("Whole page, no comments (test client)", page(quiet.url)),
        ("Ours: thread (`comment_thread` + `comment_entries`)", rendering(OURS_THREAD)),
        ("Ours: whole section (likes, thread, form)", rendering(OURS_SECTION)),
        (STOCK, rendering(STOCK_TREE, stock_urlconf())),
        (
            STOCK_PLAIN,
            rendering(STOCK_TREE, stock_urlconf(), stock_permalinks=True),
        ),
    ]
    rows = {}
    for label, function in cases:
        function()  # caches a first visit fills (sites, locales, content types)
        queries, html = count_queries(function)
        rows[label] = {"queries": queries, "html": html}
    for label, (median, p95) in timed_together(dict(cases), runs, warmups).items():
        rows[label].update(median=median, p95=p95)
    return rows


def breakdown(post, runs, warmups):
    """Where our thread's time goes: the thread rendered again with our
    `linkify` and then also the date formatting replaced by trivial
    stand-ins, and the `{% comment_thread %}` tag alone (queries and tree,
    no HTML)."""
    from django.utils.html import escape

    from blog.comments import rendering

    factory = RequestFactory()
    linkify = rendering.linkify
    format_date = rendering.DateFormatter.__call__

    def median_of(source):
        template = Template(source)

        def render():
            request = factory.get(post.url)
            request.user = AnonymousUser()
            context = RequestContext(request, {"page": post, "user": request.user})
            return template.render(context)

        return timed(render, runs, warmups)[0]

    rows = {"Ours: thread, as measured above": median_of(OURS_THREAD)}
    try:
        rendering.linkify = escape
        rows["… with `linkify` replaced by `escape`"] = median_of(OURS_THREAD)
        rendering.DateFormatter.__call__ = lambda self, value: "date"
        rows["… and the date formatting by a constant"] = median_of(OURS_THREAD)
    finally:
        rendering.linkify = linkify
        rendering.DateFormatter.__call__ = format_date
    rows["`{% comment_thread %}` alone (query and tree; no HTML)"] = median_of(
        "{% load comment_tags %}{% comment_thread page as thread %}"
    )
    return rows


def check(rows):
    """Both renderings show the 200 comments."""
    ours = rows["Ours: thread (`comment_thread` + `comment_entries`)"]["html"]
    stock = rows[STOCK]["html"]
    plain = rows[STOCK_PLAIN]["html"]
    page = rows["Whole page, 200 comments (test client)"]["html"]
    counts = {
        "ours": len(re.findall(r'<li class="comment comment--', ours)),
        "stock": len(re.findall(r'<div id="c\d+" class="comment', stock)),
        "page": len(re.findall(r'<li class="comment comment--', page)),
        "stock, stock permalinks": len(
            re.findall(r'<div id="c\d+" class="comment', plain)
        ),
    }
    assert set(counts.values()) == {THREADS * 4}, counts
    return counts


STOCK = "Stock: `render_xtdcomment_tree`"
STOCK_PLAIN = "Stock, with stock permalinks (no page query per comment)"


def table(rows, vendor, runs, warmups, load, loop_ms):
    stock = rows[STOCK]["median"]
    plain = rows[STOCK_PLAIN]["median"]
    lines = [
        f"## {vendor}",
        "",
        f"{THREADS * 4} comments in {THREADS} threads, three levels; "
        f"median and p95 of {runs} renderings after {warmups} warm-ups; "
        f"load average before the run {load[0]:.2f} / {load[1]:.2f} / "
        f"{load[2]:.2f} (1/5/15 min) on {os.cpu_count()} cores; reference "
        f"loop {loop_ms:.0f} ms (`site_data.reference_loop_ms`); "
        f"Python {platform.python_version()}, Django {django.get_version()}, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        "",
        "| what | median | p95 | queries | stock / this | stock (stock "
        "permalinks) / this |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label, row in rows.items():
        ratios = ["—", "—"]
        if "Ours" in label:
            ratios = [f"{stock / row['median']:.1f}x", f"{plain / row['median']:.1f}x"]
        lines.append(
            f"| {label} | {row['median']:.1f} ms | {row['p95']:.1f} ms "
            f"| {row['queries']} | {' | '.join(ratios)} |"
        )
    ours = rows["Ours: thread (`comment_thread` + `comment_entries`)"]["median"]
    page = rows["Whole page, 200 comments (test client)"]["median"]
    quiet = rows["Whole page, no comments (test client)"]["median"]
    lines += [
        "",
        f"Ours is **{stock / ours:.1f}x** faster than the stock tree with our "
        f"comment model, **{plain / ours:.1f}x** with stock permalinks "
        f"(target {TARGET:.0f}x: {'met' if plain / ours >= TARGET else 'NOT met'}). "
        f"The 200 comments add {page - quiet:.1f} ms to the whole page.",
        "",
    ]
    return "\n".join(lines)


def write(section, vendor):
    header = (
        "# Comment thread: ours against django-comments-xtd's stock tree\n\n"
        "Written by `bench/bench_comments.py` (see its docstring for what is "
        "measured). One section per database; run the script with and without "
        "`DATABASE_URL` to refresh both.\n\n"
    )
    write_results(RESULTS, header, section, vendor)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--warmups", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()

    load = os.getloadavg()
    loop_ms = reference_loop_ms()
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        post, quiet = build_site()
        rows = measure(post, quiet, args.requests, args.warmups)
        check(rows)
        parts = breakdown(post, args.requests, args.warmups)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    vendor = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[connection.vendor]
    section = table(rows, vendor, args.requests, args.warmups, load, loop_ms)
    section += "\n".join(
        [
            "",
            "Where our thread's time goes (medians, same run):",
            "",
            "| variant | median |",
            "|---|---:|",
            *(f"| {label} | {median:.1f} ms |" for label, median in parts.items()),
            "",
        ]
    )
    print(section)
    if not args.no_write:
        write(section, vendor)
        print(f"Written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
