from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Direction(models.TextChoices):
    INCOMING = "incoming", _("Incoming (received by the city)")
    OUTGOING = "outgoing", _("Outgoing (sent by the city)")


class DelegationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CONFIRMED = "confirmed", _("Confirmed")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


DELEGATION_TRANSITIONS: dict[str, tuple[str, ...]] = {
    DelegationStatus.PLANNED: (DelegationStatus.CONFIRMED, DelegationStatus.CANCELLED),
    DelegationStatus.CONFIRMED: (
        DelegationStatus.PLANNED,
        DelegationStatus.DONE,
        DelegationStatus.CANCELLED,
    ),
    DelegationStatus.DONE: (),
    DelegationStatus.CANCELLED: (DelegationStatus.PLANNED,),
}


class MemberRole(models.TextChoices):
    ELECTED = "elected", _("Elected official")
    STAFF = "staff", pgettext_lazy("delegation member role", "Staff")
    BUSINESS = "business", _("Business")
    EDUCATION = "education", _("Education and research")
    CULTURE = "culture", _("Culture")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    DIASPORA = "diaspora", _("Diaspora")
    OTHER = "other", _("Other")


class ProgrammeItemKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    SITE_VISIT = "site_visit", _("Site visit")
    RECEPTION = "reception", _("Official reception")
    CONFERENCE = "conference", _("Conference or forum")
    SIGNING = "signing", _("Signing ceremony")
    CULTURAL = "cultural", _("Cultural event")
    TRAVEL = "travel", _("Travel")
    OTHER = "other", _("Other")


class CostCategory(models.TextChoices):
    TRAVEL = "travel", _("Travel")
    ACCOMMODATION = "accommodation", _("Accommodation")
    MEALS = "meals", _("Meals and receptions")
    INTERPRETING = "interpreting", _("Interpreting and translation")
    GIFTS = "gifts", _("Protocol gifts")
    LOCAL_TRANSPORT = "local_transport", _("Local transport")
    OTHER = "other", _("Other")


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")
