"""Each subscriber is sent a post once, whatever the number of workers
fanning it out at the same time: the unique (subscription, post) row is
the guarantee, on PostgreSQL."""

import pytest
from django.core import mail
from django.utils.timezone import now

from blog.factories import BlogIndexPageFactory, BlogPageFactory
from subscriptions import sending
from subscriptions.models import Delivery, Subscription
from tests.concurrency import at_once
from website.models import OutboxMessage


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_fanning_out_one_post_send_each_subscriber_once(home):
    post = BlogPageFactory(parent=BlogIndexPageFactory(parent=home), title="Race")
    Subscription.objects.bulk_create(
        Subscription(
            email=f"reader{n}@example.org", languages=["en"], confirmed_at=now()
        )
        for n in range(300)
    )
    # Small batches, so that the two fan-outs interleave and collide.
    results = at_once(
        lambda: sending.send_post(post.pk, batch_size=25),
        lambda: sending.send_post(post.pk, batch_size=25),
    )
    assert sum(results) == 300
    assert Delivery.objects.filter(page=post).count() == 300
    assert OutboxMessage.objects.count() == 300
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        f"reader{n}@example.org" for n in range(300)
    )
