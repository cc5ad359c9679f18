"""The shared models: the home page, members' profiles and the email outbox."""

from .members import Profile
from .outbox import OutboxMessage
from .pages import HomePage, StandardPage

__all__ = ["HomePage", "OutboxMessage", "Profile", "StandardPage"]
