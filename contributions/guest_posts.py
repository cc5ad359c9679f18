""" "Write for us": a reader's post becomes a draft guest post in the blog of
the writer's language, by a guest author made from their bio, submitted to
Wagtail's moderation workflow; the writer hears when it is published or
declined (signals.py)."""

import io

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import Collection, Workflow

from blog.models import Author, BlogIndexPage, BlogPage, BlogPageAuthor

from .models import GuestPostSubmission


def paragraphs(text):
    """Plain text to paragraph blocks: an empty line between paragraphs,
    a single line break kept as <br>. Escaped: the text is not HTML."""
    blocks = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        lines = [escape(line.strip()) for line in chunk.split("\n") if line.strip()]
        if lines:
            blocks.append(("paragraph", "<p>" + "<br/>".join(lines) + "</p>"))
    return blocks


def unique_slug(model, base, **filters):
    base = (slugify(base) or "guest")[:80]
    slug, number = base, 1
    while model.objects.filter(slug=slug, **filters).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def featured_image(photo, title, user):
    """A Wagtail image of the writer's (already cleaned) photo."""
    data, extension = photo
    return get_image_model().objects.create(
        title=title[:255],
        collection=Collection.get_first_root_node(),
        uploaded_by_user=user,
        file=ImageFile(io.BytesIO(data), name=f"guest-post.{extension}"),
    )


def submit(request, contribute_page, data, photo=None):
    """The draft post made from the form's `data`, in the workflow; None if
    the writer's language has no blog."""
    locale = contribute_page.locale
    blog = BlogIndexPage.objects.filter(locale=locale).first()
    if blog is None:
        return None
    user = request.user if request.user.is_authenticated else None
    name = data.get("name") or user.profile.name
    email = data.get("email") or user.email
    with transaction.atomic():
        author = Author.objects.create(
            locale=locale,
            name=name,
            slug=unique_slug(Author, name, locale=locale),
            bio=data["bio"],
            role=data.get("role", ""),
            organisation=data.get("organisation", ""),
            is_guest=True,
        )
        post = BlogPage(
            title=data["title"],
            slug=unique_slug(BlogPage, data["title"], locale=locale),
            excerpt=data["excerpt"],
            body=paragraphs(data["text"]),
            live=False,
            owner=user,
        )
        if photo is not None:
            post.featured_image = featured_image(photo, data["title"], user)
            post.featured_image_alt = data["photo_alt"]
            post.credit_creator = name
        post.post_authors = [BlogPageAuthor(author=author)]
        blog.add_child(instance=post)
        post.save_revision(user=user, log_action=True)
        GuestPostSubmission.objects.create(
            page=post, name=name, email=email, language=locale.language_code
        )
        workflow = post.get_workflow() or Workflow.objects.filter(active=True).first()
        if workflow is not None:
            workflow.start(post, user)
    return post
