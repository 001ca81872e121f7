from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from intl_relations.db import ChoiceDisplayMixin, TimeStampedModel, validate_language_codes

from .choices import (
    DocumentKind,
    LocalGovernmentKind,
    PartnerCityKind,
    PartnershipKind,
    PartnershipStatus,
    ThemeCode,
)

LATITUDE = [MinValueValidator(-90), MaxValueValidator(90)]
LONGITUDE = [MinValueValidator(-180), MaxValueValidator(180)]


class Theme(ChoiceDisplayMixin, models.Model):
    """A field of action (economy, culture, water and sanitation…), shared by all records.

    The list is fixed by the field's vocabulary and loaded by a data migration; the
    name shown is the translated label of its code.
    """

    code = models.CharField(_("code"), max_length=30, choices=ThemeCode.choices, unique=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["code"]

    def __str__(self) -> str:
        return str(self.get_code_display())


class LocalGovernment(TimeStampedModel):
    """The home side: a local government the office works for.

    A single-city office has one; a metropolis pooling its communes, or a network of
    cities, has several. Exactly one is the default.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=LocalGovernmentKind.choices, default="commune"
    )
    country = CountryField(_("country"), default="FR")
    official_code = models.CharField(
        _("official code"), max_length=20, blank=True, help_text=_("INSEE or SIREN code.")
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True, validators=LATITUDE
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True, validators=LONGITUDE
    )
    is_default = models.BooleanField(_("default"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("local government")
        verbose_name_plural = _("local governments")
        ordering = ["-is_default", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="one_default_local_government",
                violation_error_message=_("Only one local government can be the default."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PartnerCity(TimeStampedModel):
    """A foreign local government (city, region, metropolis) the city works with."""

    name = models.CharField(_("name"), max_length=200)
    local_name = models.CharField(_("name in the local language"), max_length=200, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=PartnerCityKind.choices, default=PartnerCityKind.CITY
    )
    country = CountryField(_("country"), db_index=True)
    region = models.CharField(_("region"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True, validators=LATITUDE
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True, validators=LONGITUDE
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(
        _("population year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2200)],
    )
    languages = models.CharField(
        _("languages"),
        max_length=60,
        blank=True,
        validators=[validate_language_codes],
        help_text=_("ISO 639-1 codes separated by commas, for example “de, en”."),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    description = models.TextField(_("public description"), blank=True)
    notes = models.TextField(_("internal notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partner city")
        verbose_name_plural = _("partner cities")
        ordering = ["name", "country"]
        indexes = [models.Index(fields=["country", "name"])]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "country", "region"],
                name="unique_partner_city_per_country_region",
                violation_error_message=_(
                    "A partner city with this name already exists in this country and region."
                ),
            ),
            models.CheckConstraint(
                condition=(Q(latitude__isnull=True) & Q(longitude__isnull=True))
                | (
                    # Explicit "not null": a CHECK that evaluates to NULL passes, so
                    # a latitude without a longitude would otherwise slip through.
                    Q(latitude__isnull=False)
                    & Q(longitude__isnull=False)
                    & Q(latitude__gte=-90)
                    & Q(latitude__lte=90)
                    & Q(longitude__gte=-180)
                    & Q(longitude__lte=180)
                ),
                name="partner_city_coordinates_valid",
                violation_error_message=_(
                    "Coordinates need both a latitude (−90 to 90) and a longitude (−180 to 180)."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country.code})"


class Partnership(TimeStampedModel):
    """A twinning or a lighter partnership between local government(s) and a partner city."""

    local_government = models.ForeignKey(
        LocalGovernment,
        verbose_name=_("local government"),
        on_delete=models.PROTECT,
        related_name="partnerships",
        help_text=_("The local government that holds the partnership."),
    )
    co_holders = models.ManyToManyField(
        LocalGovernment,
        verbose_name=_("other holders"),
        blank=True,
        related_name="co_held_partnerships",
        help_text=_("Other local governments that pool their means in it."),
    )
    partner_city = models.ForeignKey(
        PartnerCity,
        verbose_name=_("partner city"),
        on_delete=models.PROTECT,
        related_name="partnerships",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PartnershipKind.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PartnershipStatus.choices,
        default=PartnershipStatus.EXPLORING,
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    last_renewed_on = models.DateField(_("last renewed on"), null=True, blank=True)
    review_on = models.DateField(_("review or renewal date"), null=True, blank=True, db_index=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="partnerships"
    )
    co_partners = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("local co-partners"),
        blank=True,
        related_name="partnerships",
    )
    summary = models.TextField(_("public summary"), blank=True)
    notes = models.TextField(_("internal notes"), blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer in charge"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnerships_in_charge",
    )
    published = models.BooleanField(_("published"), default=False)

    history = HistoricalRecords(m2m_fields=[themes, co_partners, co_holders])

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["partner_city__name", "kind"]
        indexes = [
            models.Index(fields=["status", "kind"]),
            models.Index(fields=["published", "status"]),
            models.Index(fields=["signed_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(signed_on__isnull=True)
                | Q(ended_on__gte=F("signed_on")),
                name="partnership_ends_after_signing",
                violation_error_message=_("A partnership cannot end before it was signed."),
            ),
            models.CheckConstraint(
                condition=Q(last_renewed_on__isnull=True)
                | Q(signed_on__isnull=True)
                | Q(last_renewed_on__gte=F("signed_on")),
                name="partnership_renewed_after_signing",
                violation_error_message=_("A partnership cannot be renewed before it was signed."),
            ),
            models.UniqueConstraint(
                fields=["local_government", "partner_city", "kind"],
                condition=~Q(status=PartnershipStatus.ENDED),
                name="one_open_partnership_per_pair_and_kind",
                violation_error_message=_(
                    "This local government already has a partnership of this kind with "
                    "this partner city."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.local_government} – {self.partner_city.name} ({self.get_kind_display()})"


def partnership_document_path(instance: "PartnershipDocument", filename: str) -> str:
    return f"partnerships/{instance.partnership_id}/{filename}"


class PartnershipDocument(TimeStampedModel):
    """An agreement, amendment, deliberation or report attached to a partnership."""

    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("partnership"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=partnership_document_path, max_length=300)
    dated_on = models.DateField(_("date"), null=True, blank=True)
    language = models.CharField(
        _("language"), max_length=20, blank=True, validators=[validate_language_codes]
    )
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the public partnership page.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partnership document")
        verbose_name_plural = _("partnership documents")
        ordering = ["partnership", "-dated_on", "title"]

    def __str__(self) -> str:
        return self.title
