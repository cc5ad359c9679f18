"""Applications to a round, the interests applicants choose from, and the
matches made from them.

An application belongs to the round's *anchor* page (the source page of the
round's translations), so every language version of a round shares its
applications and matches. One person, one application per round: the
normalised `email_key` is unique per round, whatever the case, dots or +tags
of the address.
"""

import datetime
import hashlib
import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.models import TranslatableMixin

from website.time_zones import sort_key

from .. import reasons

GMAIL_DOMAINS = {"gmail.com", "googlemail.com"}

# ISO 639-1 codes applicants can choose: the languages the matcher names in its
# explanations (matching.LANGUAGE_NAMES; a test keeps the two lists equal).
LANGUAGE_CHOICES = [
    ("ar", _("Arabic")),
    ("bn", _("Bengali")),
    ("de", _("German")),
    ("el", _("Greek")),
    ("en", _("English")),
    ("es", _("Spanish")),
    ("fa", _("Persian")),
    ("fr", _("French")),
    ("he", _("Hebrew")),
    ("hi", _("Hindi")),
    ("id", _("Indonesian")),
    ("it", _("Italian")),
    ("ja", _("Japanese")),
    ("ko", _("Korean")),
    ("ms", _("Malay")),
    ("nl", _("Dutch")),
    ("pl", _("Polish")),
    ("pt", _("Portuguese")),
    ("ru", _("Russian")),
    ("sv", _("Swedish")),
    ("sw", _("Swahili")),
    ("th", _("Thai")),
    ("tr", _("Turkish")),
    ("uk", _("Ukrainian")),
    ("ur", _("Urdu")),
    ("vi", _("Vietnamese")),
    ("zh", _("Chinese")),
]


def normalise_email(address):
    """The identity of an address: lower case; for Gmail-style addresses
    without dots or +tag in the local part (they reach the same mailbox)."""
    local, _at, domain = address.strip().lower().rpartition("@")
    if domain == "googlemail.com":
        domain = "gmail.com"
    if domain in GMAIL_DOMAINS:
        local = local.split("+", 1)[0].replace(".", "")
    return f"{local}@{domain}"


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("%(value)s is not a time zone name such as Europe/Madrid."),
            params={"value": value},
            code="invalid_time_zone",
        )


def validate_languages(value):
    known = {code for code, _name in LANGUAGE_CHOICES}
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Choose at least one language."), code="required")
    unknown = [code for code in value if code not in known]
    if unknown:
        raise ValidationError(
            _("Unknown language: %(codes)s."),
            params={"codes": ", ".join(map(str, unknown))},
            code="invalid_language",
        )


def validate_availability(value):
    """Local hours of the week: whole numbers from 0 to 167."""
    if not isinstance(value, list) or not all(
        isinstance(hour, int) and not isinstance(hour, bool) and 0 <= hour < 168
        for hour in value
    ):
        raise ValidationError(
            _("Give the hours of the week as whole numbers from 0 to 167."),
            code="invalid_availability",
        )


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class Interest(TranslatableMixin, models.Model):
    """A professional interest applicants choose from (cataloguing, outreach…)."""

    name = models.CharField(
        _("name"), max_length=80, help_text=_("For example: cataloguing.")
    )

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Sector(models.TextChoices):
    ACADEMIC = "academic", _("Academic library")
    PUBLIC = "public", _("Public library")
    SCHOOL = "school", _("School library")
    SPECIAL = "special", _("Special library")
    NATIONAL = "national", _("National library")
    OTHER = "other", _("Other")


class ApplicantRole(models.TextChoices):
    PEER = "peer", _("Peer")
    MENTOR = "mentor", _("Mentor")
    MENTEE = "mentee", _("Mentee")


class CareerStage(models.TextChoices):
    """In order: the matcher counts how many stages apart two people are."""

    STUDENT = "student", _("Student")
    EARLY = "early", _("Early career (under 5 years)")
    MID = "mid", _("Mid career (5 to 15 years)")
    SENIOR = "senior", _("Senior (over 15 years)")


class KeepInTouch(models.TextChoices):
    EMAIL = "email", _("Email")
    VIDEO = "video", _("Video calls")
    PHONE = "phone", _("Phone")
    MESSAGING = "messaging", _("Messaging apps")


class ApplicationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Application.Status.SUBMITTED)

    def reachable(self):
        """Those the program may still email: not left (an applicant who
        deleted their account keeps their match until the round ends, and
        is sent nothing more)."""
        return self.filter(erase_after_round=False)

    def for_round(self, round_page):
        return self.filter(round__translation_key=round_page.translation_key)


class Application(models.Model):
    """One person's application to one round."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for email confirmation")
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    round = models.ForeignKey(
        "program.RoundPage",
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("round"),
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email"))
    email_key = models.CharField(
        _("email key"),
        max_length=254,
        editable=False,
        help_text=_("The address normalised: one application per person."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="program_applications",
        verbose_name=_("member"),
    )
    country = CountryField(_("country"))
    languages = models.JSONField(
        _("languages"),
        default=list,
        validators=[validate_languages],
        help_text=_("ISO 639-1 codes of the languages the applicant speaks."),
    )
    sector = models.CharField(
        _("library sector"), max_length=20, choices=Sector.choices
    )
    role = models.CharField(
        _("role"),
        max_length=10,
        choices=ApplicantRole.choices,
        default=ApplicantRole.PEER,
    )
    career_stage = models.CharField(
        _("career stage"), max_length=10, choices=CareerStage.choices
    )
    interests = models.ManyToManyField(
        Interest, blank=True, related_name="applications", verbose_name=_("interests")
    )
    goals = models.TextField(_("goals"), max_length=2000, blank=True)
    keep_in_touch = models.JSONField(
        _("ways to keep in touch"), default=list, blank=True
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, validators=[validate_time_zone]
    )
    availability = models.JSONField(
        _("weekly availability"),
        default=list,
        blank=True,
        validators=[validate_availability],
        help_text=_(
            "Hours of a typical week the applicant is free, in their time zone: "
            "0 is Monday 00:00 to 01:00, 167 Sunday 23:00 to 24:00."
        ),
    )
    earlier_rounds = models.PositiveSmallIntegerField(
        _("earlier rounds"),
        default=0,
        help_text=_("How many earlier rounds the applicant took part in."),
    )
    language = models.CharField(_("language for emails"), max_length=10, default="en")
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Status.choices,
        default=Status.SUBMITTED,
        db_index=True,
    )
    edit_token_hash = models.CharField(max_length=64, editable=False, blank=True)
    # The matcher's reason code and its values (matching.Unmatched), put into
    # words in the reader's language when shown: get_unmatched_reason_display.
    unmatched_reason = models.CharField(
        _("why unmatched"), max_length=40, blank=True, editable=False
    )
    unmatched_values = models.JSONField(
        _("why unmatched: details"), default=dict, blank=True, editable=False
    )
    # The applicant deleted their account while matched in a round still
    # running: the application keeps what the partner and the organisers
    # need until the round ends, then is anonymised (program/privacy.py).
    # Nothing more is emailed to it meanwhile.
    erase_after_round = models.BooleanField(
        _("to be anonymised when the round ends"),
        default=False,
        editable=False,
        help_text=_(
            "The applicant deleted their account: their match stays until the "
            "round ends; they are sent no more emails."
        ),
    )
    # Anonymised: the name is left empty and shown as "a former member" in
    # the reader's language (display_name), never stored in one language.
    anonymised = models.BooleanField(_("anonymised"), default=False, editable=False)
    created_at = models.DateTimeField(_("applied"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["round", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "email_key"], name="program_one_application_each"
            )
        ]

    def __str__(self):
        return f"{self.display_name} <{self.email}>"

    def save(self, *args, **kwargs):
        self.email_key = normalise_email(self.email)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if not self.email or not self.round_id:
            return
        self.email_key = normalise_email(self.email)
        others = Application.objects.filter(
            round=self.round_id, email_key=self.email_key
        )
        if others.exclude(pk=self.pk).exists():
            raise ValidationError(
                {"email": _("This person has already applied to this round.")}
            )

    @property
    def display_name(self):
        """The applicant's name, or "a former member" in the active
        language once anonymised."""
        if self.anonymised:
            return gettext("a former member")
        return self.name

    display_name.fget.short_description = _("name")

    @property
    def language_names(self):
        """The applicant's languages by name in the active language, in
        alphabetical order."""
        names = dict(LANGUAGE_CHOICES)
        return sorted(
            (str(names.get(code, code)) for code in self.languages), key=sort_key
        )

    def get_unmatched_reason_display(self):
        """Why matching left this application out, in the active language
        ("" if it did not). The admin's listing and inspect view show this
        in place of the code."""
        if not self.unmatched_reason:
            return ""
        return reasons.unmatched(
            self.unmatched_reason, self.unmatched_values, self.country.code
        )

    @property
    def keep_in_touch_labels(self):
        labels = dict(KeepInTouch.choices)
        return [str(labels.get(code, code)) for code in self.keep_in_touch]

    def interest_names_in(self, language):
        """The applicant's interests by name in `language` where it has a
        translation of them (else as the applicant chose them), sorted."""
        chosen = list(self.interests.all())
        translated = dict(
            Interest.objects.filter(
                translation_key__in=[interest.translation_key for interest in chosen],
                locale__language_code=language,
            ).values_list("translation_key", "name")
        )
        return sorted(
            (translated.get(i.translation_key, i.name) for i in chosen), key=sort_key
        )

    def new_edit_token(self):
        """A fresh secret for the edit link; only its hash is kept."""
        token = secrets.token_urlsafe(24)
        self.edit_token_hash = hash_token(token)
        return token

    def token_matches(self, token):
        return bool(self.edit_token_hash) and secrets.compare_digest(
            self.edit_token_hash, hash_token(token)
        )

    def utc_offset_minutes(self, on_date):
        moment = datetime.datetime.combine(
            on_date, datetime.time(12), tzinfo=zoneinfo.ZoneInfo(self.time_zone)
        )
        return int(moment.utcoffset().total_seconds() // 60)


class MatchQuerySet(models.QuerySet):
    def for_round(self, round_page):
        return self.filter(round__translation_key=round_page.translation_key)


class Match(models.Model):
    """A pair (or trio) of applications of one round. `MatchSeat` rows hold
    each member's own state; the seat's one-to-one application makes sure
    nobody sits in two matches."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        RELEASED = "released", _("Released")

    round = models.ForeignKey(
        "program.RoundPage",
        on_delete=models.CASCADE,
        related_name="matches",
        verbose_name=_("round"),
    )
    member_a = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("member A"),
    )
    member_b = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("member B"),
    )
    member_c = models.ForeignKey(
        Application,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("member C (trio)"),
    )
    score = models.IntegerField(_("score"), default=0)
    # Facts and points per link (storage.breakdown), and the hard rules a
    # locked group breaks ([{"rule": code, "people": [id, id]}]): put into
    # words in the reader's language when shown (`explanation`, `warnings`).
    breakdown = models.JSONField(_("score breakdown"), default=dict, blank=True)
    rule_breaks = models.JSONField(
        _("rules broken (locked by hand)"), default=list, blank=True
    )
    locked = models.BooleanField(
        _("locked"),
        default=False,
        help_text=_("Locked matches are kept when matching runs again."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    connected = models.BooleanField(
        _("connected"),
        default=False,
        help_text=_("A member said they have connected."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = MatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["round", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(member_a=F("member_b")), name="program_match_not_self_ab"
            ),
            models.CheckConstraint(
                condition=~Q(member_a=F("member_c")), name="program_match_not_self_ac"
            ),
            models.CheckConstraint(
                condition=~Q(member_b=F("member_c")), name="program_match_not_self_bc"
            ),
        ]

    def __str__(self):
        return " & ".join(member.display_name for member in self.members)

    @property
    def members(self):
        return [m for m in (self.member_a, self.member_b, self.member_c) if m]

    @property
    def member_ids(self):
        ids = (self.member_a_id, self.member_b_id, self.member_c_id)
        return tuple(m for m in ids if m)

    @property
    def member_names(self):
        return {member.pk: member.display_name for member in self.members}

    @property
    def explanation(self):
        """Why this match was made, in the active language."""
        return reasons.match_explanation(
            self.breakdown,
            self.member_names,
            dict(LANGUAGE_CHOICES),
            dict(Sector.choices),
        )

    @property
    def score_parts(self):
        """What the score is made of: [(criterion, points)], in the active
        language."""
        return reasons.score_parts(self.breakdown)

    @property
    def warnings(self):
        """The rules this match breaks (a group the organiser locked), in
        the active language; "" when none."""
        if not self.rule_breaks:
            return ""
        return reasons.rule_breaks(self.rule_breaks, self.member_names)

    def get_rule_breaks_display(self):
        return self.warnings  # what the admin's inspect view shows


class MatchSeat(models.Model):
    """One member's place in a match: release and check-in state. An
    application has at most one seat, so nobody is in two matches."""

    class CheckIn(models.TextChoices):
        UNKNOWN = "", _("No answer yet")
        CONNECTED = "connected", _("We have connected")
        CANNOT_REACH = "cannot_reach", _("I cannot reach my partner")

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="seats")
    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="seat"
    )
    message_key = models.CharField(_("email key"), max_length=120, blank=True)
    sends = models.PositiveSmallIntegerField(_("emails sent"), default=0)
    released_at = models.DateTimeField(_("release scheduled for"), null=True)
    check_in = models.CharField(
        _("check-in"), max_length=20, choices=CheckIn.choices, blank=True
    )
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)

    class Meta:
        verbose_name = _("match seat")
        verbose_name_plural = _("match seats")
        ordering = ["match", "application"]

    def __str__(self):
        return str(self.application)


class ExcludedPair(models.Model):
    """Two applications the organiser unpaired: matching will not pair them."""

    round = models.ForeignKey(
        "program.RoundPage", on_delete=models.CASCADE, related_name="+"
    )
    application_a = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="+"
    )
    application_b = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application_a", "application_b"], name="program_excluded_once"
            )
        ]

    def __str__(self):
        return f"{self.application_a_id} / {self.application_b_id}"
