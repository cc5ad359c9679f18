from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page

from .forms import ProfileForm

SEARCH_RESULTS_PER_PAGE = 10
SEARCH_QUERY_MAX_LENGTH = 200


def page_number(request, paginator):
    """The requested page of results; a bad ?page= falls back gracefully:
    not a number → the first page, past the end → the last page."""
    number = request.GET.get("page", 1)
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


@require_GET
def search(request):
    """Search the live, public pages of the reader's language only."""
    query = request.GET.get("q", "").strip()[:SEARCH_QUERY_MAX_LENGTH]
    results = Page.objects.none()
    if query:
        results = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .specific()
            .search(query)
        )
    paginator = Paginator(results, SEARCH_RESULTS_PER_PAGE)
    return render(
        request,
        "website/search.html",
        {"query": query, "results": page_number(request, paginator)},
    )


@login_required
def profile(request):
    """A member's own profile: show it and let them change it."""
    form = ProfileForm(request.POST or None, instance=request.user.profile)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Your profile has been saved."))
            return redirect("profile")
        status = 400
    else:
        status = 200
    return render(request, "website/profile.html", {"form": form}, status=status)


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    return render(request, "website/robots.txt", content_type="text/plain")
