from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from intl_relations.db import TimeStampedModel

from .choices import ConsulateKind, SizeSource


class Consulate(TimeStampedModel):
    """A career or honorary consulate in or near the city."""

    country = CountryField(_("country represented"), db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ConsulateKind.choices)
    consul_name = models.CharField(_("consul"), max_length=200, blank=True)
    consul_title = models.CharField(
        _("consul's title"), max_length=200, blank=True, help_text=_("For example Consul General.")
    )
    address = models.TextField(_("address"), blank=True)
    city = models.CharField(_("city"), max_length=120)
    jurisdiction = models.TextField(
        _("jurisdiction"), blank=True, help_text=_("Departments or regions the consulate covers.")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    notes = models.TextField(_("internal notes"), blank=True)
    published = models.BooleanField(
        _("published"), default=True, help_text=_("Listed in the public consular directory.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consulate")
        verbose_name_plural = _("consulates")
        ordering = ["country", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "kind", "city"],
                name="one_consulate_per_country_kind_city",
                violation_error_message=_(
                    "This country already has a consulate of this kind in this city."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.country.name} ({self.city})"


class DiasporaGroup(TimeStampedModel):
    """Inhabitants of the city by origin country, with an estimated size and its source."""

    name = models.CharField(_("name"), max_length=200)
    origin_country = CountryField(_("origin country"), db_index=True)
    estimated_size = models.PositiveIntegerField(_("estimated size"), null=True, blank=True)
    size_source = models.CharField(
        _("source of the estimate"), max_length=30, choices=SizeSource.choices, blank=True
    )
    size_year = models.PositiveSmallIntegerField(
        _("year of the estimate"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2200)],
    )
    local_government = models.ForeignKey(
        "partnerships.LocalGovernment",
        verbose_name=_("local government"),
        on_delete=models.PROTECT,
        related_name="diaspora_groups",
    )
    associations = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("associations"),
        blank=True,
        related_name="diaspora_groups",
    )
    consulates = models.ManyToManyField(
        Consulate, verbose_name=_("consulates"), blank=True, related_name="diaspora_groups"
    )
    partnerships = models.ManyToManyField(
        "partnerships.Partnership",
        verbose_name=_("partnerships"),
        blank=True,
        related_name="diaspora_groups",
        help_text=_("Partnerships with cities of the origin country."),
    )
    description = models.TextField(_("description"), blank=True)
    published = models.BooleanField(_("published"), default=False)

    history = HistoricalRecords(m2m_fields=[associations, consulates, partnerships])

    class Meta:
        verbose_name = _("diaspora group")
        verbose_name_plural = _("diaspora groups")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["local_government", "origin_country"],
                name="one_diaspora_group_per_country",
                violation_error_message=_(
                    "This local government already has a diaspora group for this country."
                ),
            ),
            models.CheckConstraint(
                condition=Q(estimated_size__isnull=True)
                | (Q(size_source__gt="") & Q(size_year__isnull=False)),
                name="diaspora_size_has_source_and_year",
                violation_error_message=_("An estimated size needs its source and its year."),
            ),
        ]

    def __str__(self) -> str:
        return self.name
