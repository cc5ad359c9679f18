"""The shared models: the home page, members' profiles, the email outbox,
the network's identity, the languages of translator groups and how far the
periodic jobs have got."""

from .identity import SiteIdentity
from .jobs import JobProgress
from .members import Profile
from .outbox import OutboxMessage, OutboxSecret
from .pages import HomePage, KnownViewRestrictionsMixin, StandardPage
from .translators import TranslatorGroup

__all__ = [
    "HomePage",
    "JobProgress",
    "KnownViewRestrictionsMixin",
    "OutboxMessage",
    "OutboxSecret",
    "Profile",
    "SiteIdentity",
    "StandardPage",
    "TranslatorGroup",
]
