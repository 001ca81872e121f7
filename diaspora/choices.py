from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsulateKind(models.TextChoices):
    CONSULATE_GENERAL = "consulate_general", _("Consulate general")
    CONSULATE = "consulate", _("Consulate")
    HONORARY = "honorary", _("Honorary consulate")
    CONSULAR_AGENCY = "consular_agency", _("Consular agency")


class SizeSource(models.TextChoices):
    CENSUS = "census", _("National census (INSEE)")
    CONSULAR_REGISTER = "consular_register", _("Consular register")
    ASSOCIATION = "association", _("Association estimate")
    STUDY = "study", _("Study or survey")
    OFFICE_ESTIMATE = "office_estimate", _("Office estimate")
