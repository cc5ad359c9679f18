from .pages import (
    EventCoOrganiser,
    EventIndexPage,
    EventPage,
    EventSlide,
    EventSpeaker,
    EventStatus,
    ScheduleStatus,
)
from .registrations import AnnouncedSchedule, Registration
from .speakers import Speaker

__all__ = [
    "AnnouncedSchedule",
    "EventCoOrganiser",
    "EventIndexPage",
    "EventPage",
    "EventSlide",
    "EventSpeaker",
    "EventStatus",
    "Registration",
    "ScheduleStatus",
    "Speaker",
]
