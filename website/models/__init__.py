"""The shared models: the home page, members' profiles, the email outbox and
the languages of translator groups."""

from .members import Profile
from .outbox import OutboxMessage
from .pages import HomePage, StandardPage
from .translators import TranslatorGroup

__all__ = ["HomePage", "OutboxMessage", "Profile", "StandardPage", "TranslatorGroup"]
