from django.db import models
from django.utils.translation import gettext_lazy as _


class ThemeCode(models.TextChoices):
    ECONOMY = "economy", _("Economy")
    HIGHER_EDUCATION = "higher_education", _("Higher education and research")
    CULTURE = "culture", _("Culture")
    YOUTH = "youth", _("Youth and education")
    CLIMATE = "climate", _("Climate and environment")
    MIGRATION = "migration", _("Migration and inclusion")
    HUMAN_RIGHTS = "human_rights", _("Human rights")
    GOVERNANCE = "governance", _("Governance")
    HEALTH = "health", _("Health")
    WATER = "water", _("Water and sanitation")
    TOURISM = "tourism", _("Tourism")
    SPORT = "sport", _("Sport")


class LocalGovernmentKind(models.TextChoices):
    COMMUNE = "commune", _("Commune")
    METROPOLIS = "metropolis", _("Metropolis or inter-municipal body")
    DEPARTMENT = "department", _("Department")
    REGION = "region", _("Region")
    OTHER = "other", _("Other")


class PartnerCityKind(models.TextChoices):
    CITY = "city", _("City")
    METROPOLIS = "metropolis", _("Metropolis")
    DISTRICT = "district", _("District or county")
    REGION = "region", _("Region, province or state")
    OTHER = "other", _("Other local government")


class PartnershipKind(models.TextChoices):
    TWINNING = "twinning", _("Twinning (sister city)")
    COOPERATION = "cooperation", _("Decentralised cooperation agreement")
    FRIENDSHIP = "friendship", _("Friendship agreement")
    MOU = "mou", _("Memorandum of understanding")
    ECONOMIC = "economic", _("Economic or trade partnership")
    THEMATIC = "thematic", _("Thematic project partnership")


class PartnershipStatus(models.TextChoices):
    EXPLORING = "exploring", _("Exploring")
    NEGOTIATING = "negotiating", _("Negotiating")
    ACTIVE = "active", _("Active")
    DORMANT = "dormant", _("Dormant")
    SUSPENDED = "suspended", _("Suspended")
    ENDED = "ended", _("Ended")


# The life cycle: from each status, where a partnership may go next.
PARTNERSHIP_TRANSITIONS: dict[str, tuple[str, ...]] = {
    PartnershipStatus.EXPLORING: (PartnershipStatus.NEGOTIATING, PartnershipStatus.ENDED),
    PartnershipStatus.NEGOTIATING: (
        PartnershipStatus.EXPLORING,
        PartnershipStatus.ACTIVE,
        PartnershipStatus.ENDED,
    ),
    PartnershipStatus.ACTIVE: (
        PartnershipStatus.DORMANT,
        PartnershipStatus.SUSPENDED,
        PartnershipStatus.ENDED,
    ),
    PartnershipStatus.DORMANT: (PartnershipStatus.ACTIVE, PartnershipStatus.ENDED),
    PartnershipStatus.SUSPENDED: (PartnershipStatus.ACTIVE, PartnershipStatus.ENDED),
    PartnershipStatus.ENDED: (),
}


class DocumentKind(models.TextChoices):
    AGREEMENT = "agreement", _("Signed agreement")
    AMENDMENT = "amendment", _("Amendment or renewal")
    DELIBERATION = "deliberation", _("Council deliberation")
    ACTION_PLAN = "action_plan", _("Action plan")
    REPORT = "report", _("Report")
    OTHER = "other", _("Other")
