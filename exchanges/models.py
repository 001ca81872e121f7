from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from intl_relations.db import TimeStampedModel

from .choices import (
    ApplicationStatus,
    AttachmentKind,
    ParticipantDirection,
    ParticipantRole,
    ParticipantStatus,
    ProgramKind,
)


class ExchangeProgram(TimeStampedModel):
    """An exchange (students, youth, schools, professionals, solidarity leave, culture)."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ProgramKind.choices)
    local_government = models.ForeignKey(
        "partnerships.LocalGovernment",
        verbose_name=_("local government"),
        on_delete=models.PROTECT,
        related_name="exchange_programs",
    )
    partner_city = models.ForeignKey(
        "partnerships.PartnerCity",
        verbose_name=_("partner city"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exchange_programs",
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        verbose_name=_("partnership"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="exchange_programs",
    )
    host_organisations = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("host organisations"),
        blank=True,
        related_name="hosted_exchange_programs",
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), help_text=_("How many participants the program takes in all.")
    )
    max_participants_per_application = models.PositiveIntegerField(
        _("participants per application"),
        default=1,
        help_text=_("A school or organisation may apply for a group up to this size."),
    )
    applications_open_on = models.DateField(_("applications open on"))
    applications_close_on = models.DateField(_("applications close on"))
    starts_on = models.DateField(_("exchange starts on"), null=True, blank=True)
    ends_on = models.DateField(_("exchange ends on"), null=True, blank=True)
    eligibility = models.TextField(_("eligibility"), blank=True)
    description = models.TextField(_("public description"), blank=True)
    published = models.BooleanField(_("published"), default=False)

    history = HistoricalRecords(m2m_fields=[host_organisations])

    class Meta:
        verbose_name = _("exchange program")
        verbose_name_plural = _("exchange programs")
        ordering = ["-applications_open_on", "title"]
        indexes = [
            # The programs' order, which the participants' list follows too ("program"
            # first): PostgreSQL walks it and each program's participants by their
            # foreign key instead of sorting 100,000 joined rows (EXPLAIN: 200 ms to 1 ms).
            models.Index(fields=["-applications_open_on", "title"], name="program_order"),
            models.Index(fields=["published", "applications_close_on"]),
            models.Index(fields=["kind", "starts_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gt=0),
                name="program_capacity_positive",
                violation_error_message=_("The capacity must be at least 1."),
            ),
            models.CheckConstraint(
                condition=Q(max_participants_per_application__gt=0)
                & Q(max_participants_per_application__lte=F("capacity")),
                name="program_group_size_within_capacity",
                violation_error_message=_(
                    "Participants per application must be between 1 and the capacity."
                ),
            ),
            models.CheckConstraint(
                condition=Q(applications_close_on__gte=F("applications_open_on")),
                name="program_window_closes_after_opening",
                violation_error_message=_("Applications cannot close before they open."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="program_ends_after_start",
                violation_error_message=_("An exchange cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Application(TimeStampedModel):
    """An application to an exchange program, reviewed by staff."""

    program = models.ForeignKey(
        ExchangeProgram,
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )
    applicant_name = models.CharField(_("applicant's name"), max_length=200)
    applicant_email = models.EmailField(_("applicant's e-mail"))
    motivation = models.TextField(_("motivation"))
    participants_count = models.PositiveIntegerField(
        _("number of participants"), default=1, validators=[MinValueValidator(1)]
    )
    preferred_start_on = models.DateField(_("preferred start"), null=True, blank=True)
    preferred_end_on = models.DateField(_("preferred end"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decided_applications",
    )
    decision_note = models.TextField(_("decision note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(fields=["status", "program"]),
            # The list's order (with the id: a page's ids read off the index alone), alone
            # and after the usual status filter.
            models.Index(fields=["-submitted_at", "id"], name="application_submitted_order"),
            models.Index(fields=["status", "-submitted_at"], name="application_status_submitted"),
        ]
        constraints = [
            models.UniqueConstraint(
                Lower("applicant_email"),
                "program",
                name="one_application_per_person_and_program",
                violation_error_message=_("This person has already applied to this program."),
            ),
            models.CheckConstraint(
                condition=Q(participants_count__gte=1),
                name="application_has_participants",
                violation_error_message=_("An application has at least one participant."),
            ),
            models.CheckConstraint(
                condition=Q(preferred_end_on__isnull=True)
                | Q(preferred_start_on__isnull=True)
                | Q(preferred_end_on__gte=F("preferred_start_on")),
                name="application_dates_in_order",
                violation_error_message=_("The preferred end cannot be before the start."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.applicant_name} – {self.program}"


def application_document_path(instance: "ApplicationDocument", filename: str) -> str:
    return f"applications/{instance.application_id}/{filename}"


class ApplicationDocument(TimeStampedModel):
    """A document attached to an application (CV, letter, project)."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), upload_to=application_document_path, max_length=300)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")
        ordering = ["application", "kind"]

    def __str__(self) -> str:
        return self.original_name or self.file.name


class Participant(TimeStampedModel):
    """A person who took part (or is selected to take part) in an exchange."""

    program = models.ForeignKey(
        ExchangeProgram,
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participants",
    )
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="exchange_participants",
    )
    role = models.CharField(_("role"), max_length=20, choices=ParticipantRole.choices)
    direction = models.CharField(
        _("direction"),
        max_length=10,
        choices=ParticipantDirection.choices,
        default=ParticipantDirection.OUTGOING,
    )
    home_country = CountryField(_("home country"), default="FR")
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ParticipantStatus.choices,
        default=ParticipantStatus.SELECTED,
    )
    departed_on = models.DateField(_("departed on"), null=True, blank=True)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["program", "full_name"]
        indexes = [
            models.Index(fields=["status", "departed_on"]),
            # The API list's order (and a programme's participants): a page's ids are read
            # off the index alone, page 1,000 as page 1.
            models.Index(fields=["program", "full_name", "id"], name="participant_list_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(returned_on__isnull=True)
                | Q(departed_on__isnull=True)
                | Q(returned_on__gte=F("departed_on")),
                name="participant_returns_after_departure",
                violation_error_message=_("A participant cannot return before leaving."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name
