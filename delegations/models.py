from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from intl_relations.db import TimeStampedModel

from .choices import (
    CostCategory,
    DelegationStatus,
    Direction,
    FollowUpStatus,
    MemberRole,
    ProgrammeItemKind,
)


class Delegation(TimeStampedModel):
    """A visit: a delegation the city receives (incoming) or sends (outgoing)."""

    title = models.CharField(_("title"), max_length=200)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DelegationStatus.choices,
        default=DelegationStatus.PLANNED,
    )
    local_government = models.ForeignKey(
        "partnerships.LocalGovernment",
        verbose_name=_("local government"),
        on_delete=models.PROTECT,
        related_name="delegations",
    )
    partner_city = models.ForeignKey(
        "partnerships.PartnerCity",
        verbose_name=_("partner city"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegations",
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        verbose_name=_("partnership"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegations",
    )
    country = CountryField(
        _("country"), help_text=_("Where the delegation comes from or goes to."), db_index=True
    )
    destination = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("City or cities visited.")
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    purpose = models.TextField(_("purpose"))
    themes = models.ManyToManyField(
        "partnerships.Theme", verbose_name=_("themes"), blank=True, related_name="delegations"
    )
    outcomes = models.TextField(_("outcomes"), blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer in charge"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegations_in_charge",
    )
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Announced on the public portal.")
    )

    history = HistoricalRecords(m2m_fields=[themes])

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["-starts_on", "title"]
        indexes = [
            # The list's order, and the id: any page's ids are read off the index alone,
            # not sorted from 50,000 (it serves ranges of dates too).
            models.Index(fields=["-starts_on", "title", "id"], name="delegation_order"),
            models.Index(fields=["direction", "starts_on"]),
            models.Index(fields=["status", "starts_on"]),
            models.Index(fields=["published", "starts_on"]),
            # The home page's upcoming and recent delegations: the few still under way
            # or just over, found by their end date instead of read through 50,000.
            models.Index(fields=["ends_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="delegation_ends_after_start",
                violation_error_message=_("A delegation cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class DelegationMember(TimeStampedModel):
    """A person in a delegation, with the role they hold in it."""

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="members"
    )
    full_name = models.CharField(_("full name"), max_length=200)
    role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices)
    position = models.CharField(_("position"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegation_memberships",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_head = models.BooleanField(_("head of delegation"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("delegation member")
        verbose_name_plural = _("delegation members")
        ordering = ["delegation", "-is_head", "full_name"]
        indexes = [
            models.Index(fields=["role"]),
            # The API list's order (and a delegation's members, head first): a page's ids
            # are read off the index alone, page 1,000 as page 1, not sorted from 250,000.
            models.Index(
                fields=["delegation", "-is_head", "full_name", "id"],
                name="delegation_member_list_order",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["delegation"],
                condition=Q(is_head=True),
                name="one_head_per_delegation",
                violation_error_message=_("A delegation has only one head."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name


class ProgrammeItem(TimeStampedModel):
    """A meeting, site visit or reception in a delegation's programme."""

    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("delegation"),
        on_delete=models.CASCADE,
        related_name="programme",
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=ProgrammeItemKind.choices, default="meeting"
    )
    title = models.CharField(_("title"), max_length=200)
    location = models.CharField(_("location"), max_length=200, blank=True)
    host = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("host"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_programme_items",
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        ordering = ["delegation", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=F("starts_at")),
                name="programme_item_ends_after_start",
                violation_error_message=_("A programme item cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class DelegationCost(TimeStampedModel):
    """A cost of a delegation (travel, accommodation, interpreting…)."""

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="costs"
    )
    category = models.CharField(_("category"), max_length=20, choices=CostCategory.choices)
    label = models.CharField(_("label"), max_length=200)
    amount = models.DecimalField(
        _("amount (EUR)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    paid_by = models.CharField(
        _("paid by"), max_length=200, blank=True, help_text=_("Leave empty if the city paid.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("delegation cost")
        verbose_name_plural = _("delegation costs")
        ordering = ["delegation", "category", "label"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="delegation_cost_not_negative",
                violation_error_message=_("A cost cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.amount} €)"


class FollowUpAction(TimeStampedModel):
    """Something to do after a delegation: a letter, a project, a return visit."""

    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("delegation"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    description = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["delegation", "due_on"]

    def __str__(self) -> str:
        return self.description
