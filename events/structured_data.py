"""An event as schema.org `Event` (JSON-LD), for search engines."""

from django.utils.html import strip_tags

from . import times
from .models import EventStatus

EVENT_STATUS = {
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
}


def event_data(page, url, organiser_name):
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "url": url,
        "eventStatus": EVENT_STATUS.get(
            page.status, "https://schema.org/EventScheduled"
        ),
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
        "location": {"@type": "VirtualLocation", "url": url},
        "organizer": [
            {"@type": "Organization", "name": organiser_name},
            *(
                {"@type": "Organization", "name": partner.name, "url": partner.url}
                if partner.url
                else {"@type": "Organization", "name": partner.name}
                for partner in page.co_organisers.all()
            ),
        ],
    }
    if page.starts_at:
        zone = times.zone(page.time_zone)
        data["startDate"] = page.starts_at.astimezone(zone).isoformat()
        data["endDate"] = page.ends_at.astimezone(zone).isoformat()
    description = strip_tags(page.description or "").strip()
    if description:
        data["description"] = description
    if page.language_of_delivery:
        data["inLanguage"] = page.language_of_delivery
    performers = [
        {"@type": "Person", "name": row.speaker.name}
        for row in page.speakers.select_related("speaker")
    ]
    if performers:
        data["performer"] = performers
    return data
