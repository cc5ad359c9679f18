"""django-allauth adapter: members' mail goes through the outbox."""

import uuid

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation

from . import outbox


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Render allauth's message as allauth does, then hand it to the
        outbox instead of sending it from inside the request."""
        context = {
            "request": self.request,
            "email": email,
            "current_site": get_current_site(self.request),
            **context,
        }
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (
                body
                for body, kind in getattr(message, "alternatives", [])
                if kind == "text/html"
            ),
            "",
        )
        outbox.store(
            # Every confirmation or reset link is a message of its own: a
            # member who asks again must get a new one.
            key=f"account:{template_prefix.rpartition('/')[2]}:{uuid.uuid4()}",
            to=email,
            subject=message.subject,
            body_text=message.body,
            body_html=html,
            language=translation.get_language() or "",
            template=template_prefix,
        )
