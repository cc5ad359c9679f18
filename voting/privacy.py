"""Voter rows of an address (website/privacy.py's contract).

A ballot holds no voter (voting/THREAT_MODEL.md), so ballots are left as
they are. The voter's row keeps what the count and the one-ballot rule
need (it voted or not) and loses what identifies the person: address,
name and account.
"""

from django.db.models import Q

from website.privacy import users_with

from .models import Voter


def voters_of(email):
    return Voter.objects.filter(Q(email__iexact=email) | Q(user__in=users_with(email)))


def export_personal_data(email):
    return {
        "voter_rolls": [
            {
                "email": voter.email,
                "name": voter.name,
                "invited": voter.invited_at.isoformat() if voter.invited_at else None,
                "voted": voter.voted_at.isoformat() if voter.voted_at else None,
            }
            for voter in voters_of(email).order_by("pk")
        ]
    }


def erase_personal_data(email, *, keep_comments):
    voters_of(email).update(email="", name="", user=None)
