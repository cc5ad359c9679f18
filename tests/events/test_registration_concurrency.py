"""Places hold under concurrency, on PostgreSQL: 50 people registering at
the same moment for the last 10 places give 10 registered and 40 waiting,
never 11; and 20 cancellations at once move exactly 20 people up."""

import pytest

from events import registration
from events.factories import RegistrationFactory
from events.models import Registration
from tests.concurrency import at_once
from website.factories import UserFactory

Status = Registration.Status

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def nearly_full(event):
    """Capacity 25, of which 15 are taken."""
    event.capacity = 25
    event.save_revision().publish()
    for _ in range(15):
        RegistrationFactory(event=event)
    return event


def test_fifty_members_at_once_for_the_last_ten_places(nearly_full):
    members = [
        UserFactory(username=f"racer{n}", email=f"racer{n}@example.org")
        for n in range(50)
    ]
    results = at_once(
        *(
            (
                lambda user=user: registration.register_member(
                    nearly_full, user, language="en"
                )
            )
            for user in members
        )
    )
    statuses = [result.status for result in results]
    assert statuses.count(Status.REGISTERED) == 10
    assert statuses.count(Status.WAITING) == 40
    assert Registration.objects.for_event(nearly_full).registered().count() == 25
    assert Registration.objects.for_event(nearly_full).waiting().count() == 40


def test_fifty_guests_confirming_at_once_for_the_last_ten_places(nearly_full):
    guests = [
        registration.register_guest(
            nearly_full, name=f"Guest {n}", email=f"g{n}@example.org", language="fr"
        )
        for n in range(50)
    ]
    at_once(
        *(
            (lambda token=guest.token: registration.confirm(nearly_full, token))
            for guest in guests
        )
    )
    assert Registration.objects.for_event(nearly_full).registered().count() == 25
    assert Registration.objects.for_event(nearly_full).waiting().count() == 40


def test_the_same_member_clicking_twice_at_once_is_registered_once(nearly_full):
    member = UserFactory(username="double", email="double@example.org")
    at_once(
        *(
            lambda: registration.register_member(nearly_full, member, language="en")
            for _ in range(5)
        )
    )
    assert Registration.objects.filter(email="double@example.org").count() == 1


def test_cancellations_at_once_move_up_exactly_as_many(nearly_full):
    waiting = [
        RegistrationFactory(event=nearly_full, status=Status.WAITING) for _ in range(30)
    ]
    RegistrationFactory.create_batch(10, event=nearly_full)  # now full: 25
    leaving = list(Registration.objects.registered()[:20])
    at_once(*((lambda r=r: registration.cancel(nearly_full, r)) for r in leaving))
    assert Registration.objects.for_event(nearly_full).registered().count() == 25
    promoted = Registration.objects.filter(
        pk__in=[w.pk for w in waiting], status=Status.REGISTERED
    )
    # First come, first served: the first twenty who waited.
    assert sorted(promoted.values_list("pk", flat=True)) == [w.pk for w in waiting[:20]]
