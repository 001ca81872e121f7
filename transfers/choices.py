from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ImportKind(models.TextChoices):
    """What a file holds: one importer per kind (``transfers.importers.IMPORTERS``)."""

    PARTNER_CITIES = "partner_cities", _("Partner cities")
    PARTNERSHIPS = "partnerships", _("Partnerships")
    ORGANISATIONS = "organisations", _("Organisations")
    CONTACTS = "contacts", _("Contacts")
    CONSULATES = "consulates", _("Consulates")
    DIASPORA_GROUPS = "diaspora_groups", _("Diaspora groups")
    DELEGATIONS = "delegations", _("Delegations with their members")
    PARTICIPANTS = "participants", _("Exchange participants")


class ImportStatus(models.TextChoices):
    MAPPING = "mapping", _("Columns to match")
    QUEUED = "queued", _("Queued")
    VALIDATING = "validating", _("Checking the file")
    PREVIEWED = "previewed", _("Ready to confirm")
    IMPORTING = "importing", _("Saving")
    DONE = "done", _("Imported")
    REJECTED = "rejected", _("Rejected: nothing saved")
    FAILED = "failed", _("Failed: nothing saved")


class RowOutcome(models.TextChoices):
    CREATED = "created", pgettext_lazy("import row outcome", "Created")
    CHANGED = "changed", pgettext_lazy("import row outcome", "Changed")
    UNCHANGED = "unchanged", pgettext_lazy("import row outcome", "Unchanged")
    DUPLICATE = "duplicate", pgettext_lazy("import row outcome", "Repeated in the file")
    REJECTED = "rejected", pgettext_lazy("import row outcome", "Rejected")
