import pytest
from django.core import mail

from subscriptions import sending
from subscriptions.models import AnnouncedPost, Delivery
from tests.blog.conftest import publish
from website.models import OutboxMessage

pytestmark = pytest.mark.django_db


def sent_to(post_title=None):
    return sorted(
        address
        for message in mail.outbox
        if post_title is None or post_title in message.subject
        for address in message.to
    )


def test_a_new_post_goes_to_its_languages_subscribers_once(subscribe, publish_new):
    subscribe("ana@example.org", ["en"])
    subscribe("bea@example.org", ["es"])
    subscribe("cai@example.org", ["en", "es"])
    subscribe("dan@example.org", ["en"], confirmed_at=None)
    post = publish_new("en", title="Cataloguing in the open")
    assert sent_to("Cataloguing in the open") == ["ana@example.org", "cai@example.org"]
    assert AnnouncedPost.objects.filter(page=post, language="en").exists()


def test_republishing_or_editing_announces_nothing_again(
    subscribe, publish_new, django_capture_on_commit_callbacks
):
    subscribe("ana@example.org", ["en"])
    post = publish_new("en", title="Once only")
    post.title = "Once only, edited"
    with django_capture_on_commit_callbacks(execute=True):
        publish(post)
        post.unpublish()
        publish(post)
    assert sent_to() == ["ana@example.org"]
    assert Delivery.objects.count() == 1


def test_a_translation_goes_to_the_subscribers_of_its_language_only(
    subscribe, publish_new, site_locales, django_capture_on_commit_callbacks
):
    subscribe("ana@example.org", ["en"])
    subscribe("bea@example.org", ["es"])
    post = publish_new("en", title="Reading clubs")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        translation = post.copy_for_translation(site_locales["es"])
        translation.title = "Clubes de lectura"
        publish(translation)
    assert sent_to() == ["bea@example.org"]
    # In the post's language (its words come from the catalogue).
    assert OutboxMessage.objects.get(to="bea@example.org").language == "es"
    assert "Clubes de lectura" in mail.outbox[0].subject


def test_categories_narrow_what_a_subscriber_receives(
    subscribe, publish_new, categories
):
    # Chosen in Spanish, the category still matches the English post.
    subscribe("ana@example.org", ["en"], categories=[categories.mentoring_es])
    subscribe("bea@example.org", ["en"], categories=[categories.news])
    subscribe("cai@example.org", ["en"])
    publish_new("en", title="Pairs this spring", categories=[categories.mentoring])
    assert sent_to() == ["ana@example.org", "cai@example.org"]


def test_each_email_carries_one_click_unsubscribe_and_no_tracking(
    subscribe, publish_new
):
    subscription = subscribe("ana@example.org", ["en"])
    post = publish_new("en", title="Headers")
    [email] = mail.outbox
    from subscriptions import tokens

    token = tokens.manage_token(subscription)
    assert email.extra_headers["List-Unsubscribe"] == (
        f"<http://localhost/subscriptions/unsubscribe/{token}/>"
    )
    assert email.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    # The stored copy hides the token; the links are the post's own.
    stored = OutboxMessage.objects.get(to="ana@example.org")
    assert token not in stored.body_text + str(stored.headers)
    assert post.get_full_url() in email.body
    assert "utm_" not in email.body and "<img" not in email.alternatives[0][0]


def test_a_post_unpublished_before_its_batch_is_not_sent(
    subscribe, make_post, django_capture_on_commit_callbacks
):
    for n in range(5):
        subscribe(f"reader{n}@example.org", ["en"])
    post = make_post("en", title="Withdrawn")  # its fan-out not run yet
    post.unpublish()
    assert sending.send_post(post.pk, batch_size=2) == 0
    assert mail.outbox == []


def test_unpublishing_cancels_the_posts_emails_still_waiting(
    subscribe, make_post, django_capture_on_commit_callbacks
):
    subscribe("ana@example.org", ["en"])
    post = make_post("en", title="Withdrawn later")
    sending.queue_batch(post.pk, list(sending.recipients(post)))  # not delivered
    assert OutboxMessage.objects.get().status == "pending"
    post.unpublish()
    message = OutboxMessage.objects.get()
    assert message.status == "failed"
    assert "unpublished" in message.last_error


def test_the_weekly_digest_lists_the_weeks_posts_once(subscribe, publish_new):
    subscribe("ana@example.org", ["en"], weekly=True)
    subscribe("bea@example.org", ["es"], weekly=True)
    publish_new("en", title="First of the week")
    publish_new("en", title="Second of the week")
    assert mail.outbox == []  # weekly subscribers get no instant email
    assert sending.send_weekly_digest() == 1
    assert sending.send_weekly_digest() == 0
    digest = OutboxMessage.objects.get(to="ana@example.org")
    assert "2 new posts" in digest.subject
    assert "First of the week" in digest.body_text
    assert "Second of the week" in digest.body_text
