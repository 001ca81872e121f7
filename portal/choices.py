from django.db import models
from django.utils.translation import gettext_lazy as _


class ProposalKind(models.TextChoices):
    PROJECT = "project", _("Project")
    VISIT = "visit", _("Visit or delegation")


class ProposalStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_REVIEW = "in_review", _("In review")
    ACCEPTED = "accepted", _("Taken up")
    DECLINED = "declined", _("Declined")
