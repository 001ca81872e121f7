from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class NetworkScope(models.TextChoices):
    WORLD = "world", _("World")
    EUROPE = "europe", _("Europe")
    FRANCOPHONE = "francophone", _("French-speaking world")
    NATIONAL = "national", _("National")
    OTHER = "other", _("Other")


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    FOUNDING_MEMBER = "founding_member", _("Founding member")
    BOARD = "board", _("Board member")
    PRESIDENT = "president", _("President")
    VICE_PRESIDENT = "vice_president", _("Vice-president")
    WORKING_GROUP_LEAD = "working_group_lead", _("Working group lead")
    OBSERVER = "observer", _("Observer")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("project status", "Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", pgettext_lazy("project status", "Cancelled")


class FundingSource(models.TextChoices):
    OWN_BUDGET = "own_budget", _("Own budget")
    STATE = "state", _("State (national government)")
    EU = "eu", _("European Union")
    OTHER_EXTERNAL = "other_external", _("Other external funding")


class BudgetCategory(models.TextChoices):
    STAFF = "staff", pgettext_lazy("budget category", "Staff")
    TRAVEL = "travel", _("Travel and missions")
    EQUIPMENT = "equipment", _("Equipment and works")
    SERVICES = "services", _("Services and expertise")
    GRANTS = "grants", _("Grants to partners")
    EVENTS = "events", _("Events and communication")
    OTHER = "other", _("Other")


class ApdHeading(models.TextChoices):
    """Where a spending line goes in the yearly e-APD declaration (one heading a line)."""

    COOPERATION = "cooperation", _("Cooperation projects and twinnings")
    WATER_SANITATION = "water_sanitation", _("Water and sanitation (1 % Oudin-Santini law)")
    WASTE = "waste", _("Waste (1 % Oudin-Santini law)")
    ENERGY = "energy", _("Energy (1 % Pintat law)")
    NGO_GRANTS = "ngo_grants", _("Grants to associations and NGOs for development projects")
    AWARENESS = "awareness", _("Awareness-raising (global citizenship education)")
    REFUGEES = "refugees", _("Help to refugees")
    STUDENTS = "students", _("Grants to students from eligible countries")
    STAFF = "staff", _("Follow-up staff costs")
    MULTILATERAL = "multilateral", _("Contributions to multilateral organisations")
    NOT_ODA = "not_oda", _("Not development assistance")
