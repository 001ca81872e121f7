from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from intl_relations.db import TimeStampedModel

from .choices import OrganisationKind, OrganisationStatus


class Organisation(TimeStampedModel):
    """A local or foreign organisation the office works with.

    Local co-partners of partnerships (a university, a hospital, companies), hosts of
    delegations and exchanges, diaspora and solidarity associations, and the partner
    organisations that register on the public portal are all organisations.
    """

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    status = models.CharField(
        _("registration status"),
        max_length=20,
        choices=OrganisationStatus.choices,
        default=OrganisationStatus.APPROVED,
        db_index=True,
    )
    is_local = models.BooleanField(
        _("local organisation"),
        default=True,
        help_text=_("Based in the city (or one of the local governments it works with)."),
    )
    country = CountryField(_("country"), default="FR")
    city = models.CharField(_("city"), max_length=120, blank=True)
    address = models.TextField(_("address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    registration_number = models.CharField(
        _("registration number"),
        max_length=40,
        blank=True,
        help_text=_("SIRET, RNA or the foreign equivalent."),
    )
    description = models.TextField(_("description"), blank=True)
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Listed in the public directory.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["kind", "name"]),
            models.Index(fields=["country", "name"]),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class Contact(TimeStampedModel):
    """A person to reach at an organisation or a partner city."""

    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100)
    position = models.CharField(_("position"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
    )
    partner_city = models.ForeignKey(
        "partnerships.PartnerCity",
        verbose_name=_("partner city"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    languages = models.CharField(_("languages"), max_length=60, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | Q(partner_city__isnull=False),
                name="contact_belongs_somewhere",
                violation_error_message=_(
                    "A contact belongs to an organisation or a partner city."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()
