"""The shared models: the home page, members' profiles, the email outbox,
the languages of translator groups and how far the periodic jobs have got."""

from .jobs import JobProgress
from .members import Profile
from .outbox import OutboxMessage
from .pages import HomePage, KnownViewRestrictionsMixin, StandardPage
from .translators import TranslatorGroup

__all__ = [
    "HomePage",
    "JobProgress",
    "KnownViewRestrictionsMixin",
    "OutboxMessage",
    "Profile",
    "StandardPage",
    "TranslatorGroup",
]
