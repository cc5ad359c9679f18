import pytest
from django.core.management import CommandError, call_command

from voting.models import AuditEntry, Voter
from website.models import OutboxMessage


@pytest.mark.django_db
def test_command_imports_and_invites(make_election, tmp_path):
    election = make_election(electorate="closed")
    roll = tmp_path / "roll.csv"
    roll.write_text("email,name\nana@example.org,Ana\nbo@example.org,Bo\n")
    call_command("election", "import", election.slug, csv=str(roll))
    call_command("election", "invite", str(election.pk))
    call_command("election", "invite", str(election.pk))
    assert Voter.objects.count() == 2
    assert OutboxMessage.objects.filter(key__startswith="ballot-invite:").count() == 2
    assert set(AuditEntry.objects.values_list("action", flat=True)) == {
        "import",
        "invite",
    }


@pytest.mark.django_db
def test_command_refuses_a_bad_roll_and_stores_nothing(make_election, tmp_path):
    election = make_election(electorate="closed")
    roll = tmp_path / "roll.csv"
    roll.write_text("ana@example.org\nAna@Example.org\n")
    with pytest.raises(CommandError, match="already on line 1"):
        call_command("election", "import", election.slug, csv=str(roll))
    assert Voter.objects.count() == 0
