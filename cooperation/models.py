from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intl_relations.db import TimeStampedModel

from .choices import (
    ApdHeading,
    BudgetCategory,
    FundingSource,
    MembershipRole,
    NetworkScope,
    ProjectStatus,
)

MONEY = {"max_digits": 14, "decimal_places": 2}
NON_NEGATIVE = [MinValueValidator(Decimal("0"))]
YEAR = [MinValueValidator(1900), MaxValueValidator(2200)]


class Network(TimeStampedModel):
    """A network of cities (AIMF, Eurocities, UCLG, Intercultural Cities…)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    scope = models.CharField(_("scope"), max_length=20, choices=NetworkScope.choices)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.acronym or self.name


class NetworkMembership(TimeStampedModel):
    """A local government's membership of a network, with its role and yearly fee."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="memberships"
    )
    local_government = models.ForeignKey(
        "partnerships.LocalGovernment",
        verbose_name=_("local government"),
        on_delete=models.CASCADE,
        related_name="network_memberships",
    )
    role = models.CharField(
        _("role"), max_length=30, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    annual_fee = models.DecimalField(
        _("annual fee (EUR)"), **MONEY, default=Decimal("0"), validators=NON_NEGATIVE
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        ordering = ["network__name", "local_government__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "local_government"],
                name="one_membership_per_network",
                violation_error_message=_(
                    "This local government is already a member of this network."
                ),
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=F("joined_on")),
                name="membership_left_after_joined",
                violation_error_message=_("A membership cannot end before it began."),
            ),
            models.CheckConstraint(
                condition=Q(annual_fee__gte=0),
                name="membership_fee_not_negative",
                violation_error_message=_("The annual fee cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.local_government} – {self.network}"


class CooperationProject(TimeStampedModel):
    """An action carried out with partners, with its budget lines and funding."""

    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(
        _("title in English"),
        max_length=200,
        blank=True,
        help_text=_("For the IATI file, published in French and English."),
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        verbose_name=_("partnership"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
    )
    partner_city = models.ForeignKey(
        "partnerships.PartnerCity",
        verbose_name=_("partner city"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
    )
    local_government = models.ForeignKey(
        "partnerships.LocalGovernment",
        verbose_name=_("local government"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    themes = models.ManyToManyField(
        "partnerships.Theme", verbose_name=_("themes"), blank=True, related_name="projects"
    )
    partners = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("partner organisations"),
        blank=True,
        related_name="projects",
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    objectives_en = models.TextField(_("objectives in English"), blank=True)
    results = models.TextField(_("results"), blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer in charge"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects_in_charge",
    )
    published = models.BooleanField(_("published"), default=False)

    history = HistoricalRecords(m2m_fields=[themes, partners])

    class Meta:
        verbose_name = _("cooperation project")
        verbose_name_plural = _("cooperation projects")
        ordering = ["-starts_on", "title"]
        indexes = [models.Index(fields=["status", "starts_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="project_ends_after_start",
                violation_error_message=_("A project cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class BudgetLine(TimeStampedModel):
    """One line of a project's budget for a year: planned, spent, and the APD share."""

    project = models.ForeignKey(
        CooperationProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="budget_lines",
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR, db_index=True)
    label = models.CharField(_("label"), max_length=200)
    category = models.CharField(
        _("category"), max_length=20, choices=BudgetCategory.choices, default=BudgetCategory.OTHER
    )
    funding_source = models.CharField(
        _("funding source"), max_length=20, choices=FundingSource.choices
    )
    funder = models.CharField(
        _("funder"), max_length=200, blank=True, help_text=_("For example the AFD or a region.")
    )
    planned_amount = models.DecimalField(
        _("planned amount (EUR)"), **MONEY, default=Decimal("0"), validators=NON_NEGATIVE
    )
    spent_amount = models.DecimalField(
        _("spent amount (EUR)"), **MONEY, default=Decimal("0"), validators=NON_NEGATIVE
    )
    apd_amount = models.DecimalField(
        _("official development assistance (EUR)"),
        **MONEY,
        default=Decimal("0"),
        validators=NON_NEGATIVE,
        help_text=_("The part of the spent amount declared as APD (ODA)."),
    )
    water_one_percent = models.BooleanField(
        _("water and sanitation 1 %"),
        default=False,
        help_text=_("Financed under the 1 % water and sanitation law (Oudin-Santini)."),
    )
    apd_heading = models.CharField(
        _("e-APD heading"),
        max_length=20,
        choices=ApdHeading.choices,
        blank=True,
        db_index=True,
        help_text=_("Where the line goes in the yearly declaration of development assistance."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["project", "-year", "label"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_amount__gte=0) & Q(spent_amount__gte=0) & Q(apd_amount__gte=0),
                name="budget_amounts_not_negative",
                violation_error_message=_("Budget amounts cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(apd_amount__lte=F("spent_amount")),
                name="apd_within_spent_amount",
                violation_error_message=_("The APD amount cannot exceed the amount spent."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} – {self.year} – {self.label}"
