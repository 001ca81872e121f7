from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProgramKind(models.TextChoices):
    STUDENTS = "students", _("Students")
    YOUTH = "youth", _("Youth")
    SCHOOLS = "schools", _("Schools")
    PROFESSIONALS = "professionals", _("Professionals")
    SOLIDARITY_LEAVE = "solidarity_leave", _("Employees on solidarity leave")
    CULTURE = "culture", _("Culture")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    ACCEPTED = "accepted", _("Accepted")
    WAITLISTED = "waitlisted", _("Waitlisted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Decisions staff can take from each status; withdrawing is the applicant's own move.
APPLICATION_TRANSITIONS: dict[str, tuple[str, ...]] = {
    ApplicationStatus.SUBMITTED: (
        ApplicationStatus.UNDER_REVIEW,
        ApplicationStatus.ACCEPTED,
        ApplicationStatus.WAITLISTED,
        ApplicationStatus.REJECTED,
        ApplicationStatus.WITHDRAWN,
    ),
    ApplicationStatus.UNDER_REVIEW: (
        ApplicationStatus.ACCEPTED,
        ApplicationStatus.WAITLISTED,
        ApplicationStatus.REJECTED,
        ApplicationStatus.WITHDRAWN,
    ),
    ApplicationStatus.WAITLISTED: (
        ApplicationStatus.ACCEPTED,
        ApplicationStatus.REJECTED,
        ApplicationStatus.WITHDRAWN,
    ),
    ApplicationStatus.ACCEPTED: (ApplicationStatus.WITHDRAWN,),
    ApplicationStatus.REJECTED: (),
    ApplicationStatus.WITHDRAWN: (),
}


class AttachmentKind(models.TextChoices):
    CV = "cv", _("CV")
    LETTER = "letter", _("Letter of recommendation")
    TRANSCRIPT = "transcript", _("Transcript or certificate")
    PROJECT = "project", _("Project description")
    OTHER = "other", _("Other")


class ParticipantRole(models.TextChoices):
    STUDENT = "student", _("Student")
    PUPIL = "pupil", _("Pupil")
    YOUNG_PERSON = "young_person", _("Young person")
    TEACHER = "teacher", _("Teacher or supervisor")
    PROFESSIONAL = "professional", _("Professional")
    EMPLOYEE = "employee", _("Employee on solidarity leave")
    ARTIST = "artist", _("Artist")
    OTHER = "other", _("Other")


class ParticipantDirection(models.TextChoices):
    OUTGOING = "outgoing", _("From the city to the partner")
    INCOMING = "incoming", _("From the partner to the city")


class ParticipantStatus(models.TextChoices):
    SELECTED = "selected", _("Selected")
    TOOK_PART = "took_part", _("Took part")
    CANCELLED = "cancelled", pgettext_lazy("participant status", "Cancelled")
