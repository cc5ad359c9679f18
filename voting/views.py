"""The public views of an election, reached through ElectionPage's routes:
casting a ballot, proposing an option, the results and their exports."""

import json
import re

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from website import csvexport, ratelimit
from website.routes import render_route
from website.views import page_number

from . import casting
from .forms import BallotForm, NominationForm
from .models import Ballot, BallotType, Electorate, Nomination
from .models.records import RECEIPT_ALPHABET
from .results import ballots_csv_lines, results_context
from .results import results_json as build_results_json

RECEIPTS_PER_PAGE = 500


def allow(scope, request, limit, window):
    """The site's rate limit, per client address."""
    return ratelimit.allow(scope, ratelimit.client_ip(request), limit, window)


def render(request, election, template, context, status=200, cacheable=False):
    """`template` rendered through the election page (website.routes)."""
    response = render_route(election, request, template, context, status)
    if not cacheable:  # cacheable: the page cache may keep it (website.pagecache)
        add_never_cache_headers(response)
    # A ballot link in the address bar must not leak to other sites. Not
    # "no-referrer": Chromium then sends `Origin: null` with the ballot form,
    # and Django's CSRF check refuses it (only a real browser shows that).
    response["Referrer-Policy"] = "same-origin"
    return response


def vote(request, election, token=None):
    """The ballot: GET shows the form, POST casts it and shows the receipt."""
    template = "voting/election_vote.html"

    def refuse(error):
        return render(
            request,
            election,
            template,
            {
                "refusal": error.message,
                "already_voted": isinstance(error, casting.AlreadyVoted),
                "token": token,
            },
            status=error.status,
        )

    if election.electorate == Electorate.MEMBERS:
        if token is not None:
            return refuse(casting.UnknownLink())
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
    elif token is None:
        return refuse(casting.NotEligible())
    try:
        casting.check_window(election, timezone.now())
        if token is not None:
            voter = casting.voter_for_token(election, token)
            if voter.voted_at is not None:
                raise casting.AlreadyVoted()
        elif casting.has_voted(election, request.user):
            raise casting.AlreadyVoted()
    except casting.BallotRefused as error:
        return refuse(error)

    if request.method != "POST":
        form = BallotForm(election)
        return render(request, election, template, {"form": form, "token": token})

    limit, window = getattr(settings, "VOTING_BALLOT_RATE_LIMIT", (30, 60))
    if not allow("ballot", request, limit, window):
        return refuse(casting.TooManyAttempts())
    form = BallotForm(election, request.POST)
    if not form.is_valid():
        return render(
            request, election, template, {"form": form, "token": token}, status=400
        )
    try:
        ballot = casting.cast_ballot(
            election, form.cleaned_choices(), token=token, user=request.user
        )
    except casting.BallotRefused as error:
        return refuse(error)
    titles = election.option_titles()
    return render(
        request,
        election,
        template,
        {
            "ballot": ballot,
            "ballot_titles": [titles.get(key, key) for key in ballot.choices],
            "ranked": election.ballot_type == BallotType.RANK,
        },
    )


def nominate(request, election):
    """Members propose an option while nominations are open."""
    template = "voting/election_nominate.html"
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not election.nominations_open:
        return render(
            request,
            election,
            template,
            {"refusal": _("Nominations are not open for this election.")},
            status=403,
        )
    form = NominationForm(request.POST or None)
    if request.method != "POST":
        return render(request, election, template, {"form": form})
    limit, window = getattr(settings, "VOTING_NOMINATION_RATE_LIMIT", (10, 3600))
    if not allow("nomination", request, limit, window):
        return render(
            request,
            election,
            template,
            {"refusal": casting.TooManyAttempts.message},
            429,
        )
    if not form.is_valid():
        return render(request, election, template, {"form": form}, status=400)
    Nomination.objects.create(
        election_key=election.translation_key,
        title=form.cleaned_data["title"],
        description=form.cleaned_data["description"],
        language=election.locale.language_code,
        proposed_by=request.user,
    )
    return render(request, election, template, {"proposed": True})


def ballot_text(election, titles, choices):
    """A ballot as a line of option titles ("A > B" for a ranking)."""
    separator = " > " if election.ballot_type == BallotType.RANK else "; "
    return separator.join(titles.get(key, key) for key in choices)


def find_receipt(election, query, titles):
    """What the receipt finder says about `query`: (code, ballot) when a
    ballot has it, an error message for a code that cannot be one, or None
    when no ballot has it."""
    code = re.sub(r"[\s-]+", "", query).upper()
    if not re.fullmatch(f"[{RECEIPT_ALPHABET}]{{12}}", code):
        return _(
            "“%(code)s” is not a receipt code: a receipt code has twelve letters "
            "and digits, for example K7PD-Q2XM-9HTA."
        ) % {"code": query[:40]}
    code = f"{code[:4]}-{code[4:8]}-{code[8:]}"
    choices = (
        Ballot.objects.filter(election_key=election.translation_key, receipt=code)
        .values_list("choices", flat=True)
        .first()
    )
    if choices is None:
        return None
    return (code, ballot_text(election, titles, choices))


def results(request, election):
    template = "voting/election_results.html"
    if not election.results_visible:
        return render(request, election, template, {"hidden": True})
    context = results_context(election)
    status = 200
    if election.ballots_public:
        titles = election.option_titles()
        paginator = Paginator(
            Ballot.objects.filter(election_key=election.translation_key)
            .order_by("receipt")
            .values_list("receipt", "choices"),
            RECEIPTS_PER_PAGE,
        )
        receipts = page_number(request, paginator)
        context["receipts"] = receipts
        context["receipt_rows"] = [
            (receipt, ballot_text(election, titles, choices))
            for receipt, choices in receipts
        ]
        if query := request.GET.get("receipt", "").strip():
            found = find_receipt(election, query, titles)
            context["receipt_query"] = query[:40]
            if isinstance(found, tuple):
                context["receipt_found"] = found
            elif found is not None:
                context["receipt_invalid"] = found
                status = 400
    # Visible results are the same for every reader: cached, and purged when
    # a ballot changes them (voting/cache.py).
    return render(request, election, template, context, status, cacheable=True)


def results_json(request, election):
    if not election.results_visible:
        return JsonResponse({"error": _("The results are not public yet.")}, status=403)
    data = build_results_json(election)
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )


def ballots_csv(request, election):
    if not election.ballots_public:
        return HttpResponse(
            _(
                "The ballots are published once voting has closed and the results "
                "are public."
            ),
            status=403,
            content_type="text/plain; charset=utf-8",
        )
    return csvexport.streaming_lines_response(
        ballots_csv_lines(election), f"ballots-{election.slug}.csv"
    )
