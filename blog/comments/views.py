"""The comment endpoints. They live outside `i18n_patterns` (a redirect to a
language prefix would drop the POST body) and answer in the post's language.

Every refusal is a page that says what went wrong, with a 4xx status, and
stores nothing.
"""

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_comments.models import CommentFlag
from django_comments_xtd import signed
from django_comments_xtd.models import MaxThreadLevelExceededException

from website import ratelimit
from website.fragments import render_fragment

from ..models import BlogComment, BlogPage, CannotReply, reply_target
from . import emails
from .forms import CommentForm, form_context, remember
from .moderation import Decision, judge

COMMENT_FIELDS = {
    name
    for field in BlogComment._meta.concrete_fields
    for name in (field.name, field.attname)
}


class Refusal(Exception):
    """A request we answer with a message page and a 4xx status."""

    def __init__(self, status, title, message):
        super().__init__(message)
        self.status, self.title, self.message = status, title, message


def refuse(request, refusal, page=None):
    return render(
        request,
        "blog/comments/refused.html",
        {"title": refusal.title, "message": refusal.message, "post": page},
        status=refusal.status,
    )


def bad_form():
    return Refusal(
        400,
        _("This comment form cannot be used"),
        _(
            "The form was incomplete, changed, or open for too long (more than "
            "two hours). Nothing was saved. Go back, reload the page and send "
            "your comment again."
        ),
    )


def is_id(value):
    return value.isascii() and value.isdigit() and len(value) < 12


def live_post(content_type, object_pk):
    """The live post that a form's hidden fields name, or a Refusal."""
    try:
        model = apps.get_model(*str(content_type).split(".", 1))
    except (LookupError, ValueError, TypeError):
        raise bad_form() from None
    object_pk = str(object_pk)
    if not (issubclass(model, BlogPage) and is_id(object_pk)):
        raise bad_form()
    post = model.objects.live().public().filter(pk=int(object_pk)).first()
    if post is None:
        raise no_such_post()
    return post


def no_such_post():
    # 400, not 404: outside the language prefix, LocaleMiddleware turns a 404
    # into a redirect to /en/…, which would lose the POST and the message.
    return Refusal(
        400,
        _("This post is not available"),
        _("The post does not exist or is not published. Nothing was saved."),
    )


def post_or_refusal(post_id):
    post = BlogPage.objects.live().public().filter(pk=post_id).specific().first()
    if post is None:
        raise no_such_post()
    return post


def comments_closed():
    return Refusal(
        403,
        _("Comments are closed"),
        _("This post no longer accepts comments. Nothing was saved."),
    )


def check_parent(post, parent_id):
    """The visible comment of `post` being replied to (None for a new
    thread), or a Refusal."""
    try:
        return reply_target(post, parent_id)
    except CannotReply as reason:
        raise Refusal(
            400,
            _("This reply cannot be saved"),
            f"{reason.message} {_('Nothing was saved.')}",
        ) from None


def cannot_reply(reason):
    """A `?reply_to=` that names a comment nobody can answer."""
    return Refusal(400, _("You cannot reply to this comment"), reason.message)


def discarded():
    return Refusal(
        403,
        _("Your comment was not published"),
        _(
            "It contains words or addresses that this site does not accept. "
            "If you think this is a mistake, write to the editors."
        ),
    )


def save_comment(request, fields, post, verdict, confirmation=None):
    """Store a new comment as the moderation `verdict` says, and send the
    emails it causes, in one transaction. `confirmation` (a digest of the
    confirmation link) is unique: a second comment from the same link
    raises IntegrityError, and nothing of it is kept."""
    data = {key: value for key, value in fields.items() if key in COMMENT_FIELDS}
    data["is_public"] = verdict.decision == Decision.PUBLISH
    data["hold_reason"] = "" if data["is_public"] else verdict.reason
    data["confirmation"] = confirmation
    with transaction.atomic():
        check_parent(post, data.get("parent_id"))
        comment = BlogComment(**data)
        try:
            comment.save()
        except MaxThreadLevelExceededException:
            raise Refusal(
                400,
                _("This reply cannot be saved"),
                _("Replies go at most three levels deep. Nothing was saved."),
            ) from None
        if comment.is_public:
            emails.notify_followers(request, comment, post)
        else:
            emails.notify_moderators(comment, post)
    return comment


def sent_url(post, status):
    return f"{reverse('comments-sent')}?{urlencode({'post': post.pk, 's': status})}"


@csrf_protect
@require_POST
def post_comment(request):
    limit, window = settings.COMMENTS_RATE_LIMIT
    if not ratelimit.allow("comment", ratelimit.client_ip(request), limit, window):
        return render(request, "blog/comments/rate_limited.html", status=429)
    data = request.POST.copy()
    try:
        post = live_post(data.get("content_type"), data.get("object_pk"))
    except Refusal as refusal:
        return refuse(request, refusal)
    with translation.override(post.locale.language_code):
        try:
            return handle_post(request, data, post)
        except Refusal as refusal:
            return refuse(request, refusal, post)


def handle_post(request, data, post):
    user = request.user
    if user.is_authenticated:
        data["name"] = user.profile.name[:50]
        data["email"] = user.email
    form = CommentForm(post, data=data)
    if form.security_errors():
        if "honeypot" in form.errors:
            raise Refusal(
                400,
                _("Your comment was refused"),
                _("The form had a field filled in that people leave empty."),
            )
        raise bad_form()
    if not post.comments_open():
        raise comments_closed()
    if not form.is_valid():
        return render(
            request,
            "blog/comments/form_errors.html",
            {"form": form, "post": post},
            status=400,
        )
    check_parent(post, form.cleaned_data["reply_to"])
    comment = form.get_comment_object(site_id=settings.SITE_ID)
    comment.ip_address = ratelimit.client_ip(request)
    if user.is_authenticated:
        comment.user = user
        verdict = judge(comment, member=True)
        if verdict.decision == Decision.DISCARD:
            raise discarded()
        saved = save_comment(request, comment, post, verdict)
        if saved.is_public:
            return redirect(saved.get_absolute_url())
        return redirect(sent_url(post, "held"))
    if judge(comment).decision == Decision.DISCARD:
        raise discarded()
    key = signed.dumps(
        comment, compress=True, extra_key=settings.COMMENTS_XTD_SALT
    ).decode()
    with transaction.atomic():
        emails.send_confirmation(request, comment, key, post)
    response = redirect(sent_url(post, "confirm"))
    remember(response, form)
    return response


@require_GET
def sent(request):
    """After posting: "check your email", or "awaiting moderation"."""
    post_id = request.GET.get("post", "")
    post = None
    if is_id(post_id):
        post = (
            BlogPage.objects.live().public().filter(pk=int(post_id)).specific().first()
        )
    status = request.GET.get("s")
    if post is None or status not in {"confirm", "held"}:
        return refuse(request, no_such_post())
    with translation.override(post.locale.language_code):
        return render(
            request, "blog/comments/sent.html", {"post": post, "status": status}
        )


@require_GET
def confirm(request, key):
    """The link in the confirmation email: store the comment, published or
    held as the moderation rules say. A link stores one comment, however
    often and however many times at once it is followed (the comment keeps
    a digest of the link, unique in the database); every later visit is
    told so."""
    try:
        fields = signed.loads(key, extra_key=settings.COMMENTS_XTD_SALT)
        post = fields["content_object"].specific
    except Exception:  # a bad signature, or a post that is gone
        return refuse(
            request,
            Refusal(
                400,
                _("This confirmation link does not work"),
                _(
                    "It may have been copied incompletely, or the post is no "
                    "longer there. Nothing was saved."
                ),
            ),
        )
    confirmation = emails.digest(key)
    with translation.override(post.locale.language_code):
        existing = BlogComment.objects.filter(confirmation=confirmation).first()
        if existing is not None:  # the link was followed before
            return already_confirmed(request, existing, post)
        try:
            if not post.live or not post.comments_open():
                raise comments_closed()
            verdict = judge(fields)
            if verdict.decision == Decision.DISCARD:
                raise discarded()
            comment = save_comment(request, fields, post, verdict, confirmation)
        except Refusal as refusal:
            return refuse(request, refusal, post)
        except IntegrityError:  # followed at the same moment by another request
            existing = BlogComment.objects.filter(confirmation=confirmation).first()
            if existing is None:
                raise
            return already_confirmed(request, existing, post)
        if comment.is_public:
            return redirect(comment.get_absolute_url())
        return redirect(sent_url(post, "held"))


def already_confirmed(request, comment, post):
    """The answer to a confirmation link followed again: where the comment
    is now (published, waiting, or neither), and nothing stored."""
    return render(
        request,
        "blog/comments/already_confirmed.html",
        {"post": post, "comment": comment, "shown": is_shown(comment)},
    )


def is_shown(comment):
    return comment.is_public and not comment.is_removed and not comment.is_spam


@csrf_exempt  # the signed token is the credential (one-click unsubscribe)
@require_http_methods(["GET", "POST"])
def mute(request, key):
    """Stop follow-up emails of one post's thread for one address. GET asks
    (so that link checkers in mailboxes unsubscribe nobody), POST does."""
    try:
        post_id, email = emails.read_mute_token(key)
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return refuse(
            request,
            Refusal(
                400,
                _("This unsubscribe link does not work"),
                _("It may have been copied incompletely."),
            ),
        )
    post = BlogPage.objects.filter(pk=post_id).specific().first()
    if post is None:
        return refuse(request, no_such_post())
    with translation.override(post.locale.language_code):
        done = request.method == "POST"
        if done:
            BlogComment.objects.for_page(post).filter(
                user_email__iexact=email, followup=True
            ).update(followup=False)
        return render(request, "blog/comments/muted.html", {"post": post, "done": done})


@require_GET
def comment_form(request, post_id):
    """The comment form (a reply form with `?reply_to=`) with a fresh
    security hash and CSRF token: a fragment of the cached post page, or a
    page of its own without JavaScript (website.fragments)."""
    try:
        post = post_or_refusal(post_id)
    except Refusal as refusal:
        return refuse(request, refusal)

    with translation.override(post.locale.language_code):
        try:
            parent = reply_target(post, request.GET.get("reply_to"))
        except CannotReply as reason:
            return refuse(request, cannot_reply(reason), post)
        context = form_context(request, post, parent)
        if parent is not None:
            heading = _("Reply to %(name)s") % {"name": parent.author_name}
        else:
            heading = _("Leave a comment")
        return render_fragment(
            request,
            "blog/comments/form.html",
            context,
            heading=heading,
            back_url=f"{post.url}#comments",
            back_title=post.title,
        )


@login_required
@require_http_methods(["GET", "POST"])
def flag(request, comment_id):
    """A member reports a comment to the moderators (once each). GET asks
    first: the cached page links here rather than carrying a form."""
    comment = BlogComment.objects.visible().filter(pk=comment_id).first()
    post = comment.content_object if comment is not None else None
    if post is None:
        return refuse(
            request,
            Refusal(
                400,
                _("This comment is not available"),
                _("It may have been removed already."),
            ),
        )
    if request.method == "GET":
        with translation.override(post.locale.language_code):
            return render_fragment(
                request,
                "blog/fragments/flag_form.html",
                {"comment": comment},
                heading=_("Report a comment"),
                back_url=comment.get_absolute_url(),
                back_title=post.title,
            )
    CommentFlag.objects.get_or_create(
        comment=comment, user=request.user, flag=CommentFlag.SUGGEST_REMOVAL
    )
    with translation.override(post.locale.language_code):
        messages.success(
            request, _("Thank you. The moderators will look at this comment.")
        )
    return redirect(comment.get_absolute_url())
