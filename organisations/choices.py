from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    UNIVERSITY = "university", _("University or higher education")
    SCHOOL = "school", _("School")
    COMPANY = "company", _("Company")
    CHAMBER = "chamber", _("Chamber of commerce or business network")
    HOSPITAL = "hospital", _("Hospital or health institution")
    CULTURAL_ASSOCIATION = "cultural_association", _("Cultural association")
    SOLIDARITY_ASSOCIATION = "solidarity_association", _("International solidarity association")
    DIASPORA_ASSOCIATION = "diaspora_association", _("Diaspora association")
    SPORTS_CLUB = "sports_club", _("Sports club")
    LOCAL_GOVERNMENT = "local_government", _("Other local government")
    PARTNER_CITY_OFFICE = "partner_city_office", _("Partner city's office")
    PUBLIC_BODY = "public_body", _("Public body or agency")
    OTHER = "other", _("Other")


class OrganisationStatus(models.TextChoices):
    """Registration status of an organisation that signed up on the public portal."""

    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
