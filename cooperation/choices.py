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
