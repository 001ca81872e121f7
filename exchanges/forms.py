"""Forms of the staff pages; the services check the rules when they save."""

from django import forms
from django.utils.translation import gettext_lazy as _

from intl_relations.staff import StaffModelForm

from .choices import APPLICATION_TRANSITIONS, ApplicationStatus
from .models import Application, ExchangeProgram, Participant


class ExchangeProgramForm(StaffModelForm):
    class Meta:
        model = ExchangeProgram
        fields = [
            "title",
            "kind",
            "local_government",
            "partner_city",
            "partnership",
            "host_organisations",
            "capacity",
            "max_participants_per_application",
            "applications_open_on",
            "applications_close_on",
            "starts_on",
            "ends_on",
            "eligibility",
            "description",
            "published",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["partnership"]
        field.queryset = field.queryset.select_related("local_government", "partner_city")


class ApplicationForm(StaffModelForm):
    """An application recorded by staff (on paper, by e-mail), checked like any other."""

    class Meta:
        model = Application
        fields = [
            "program",
            "organisation",
            "applicant_name",
            "applicant_email",
            "motivation",
            "participants_count",
            "preferred_start_on",
            "preferred_end_on",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            # Moving an application to another program is a new application.
            del self.fields["program"]


class ApplicationDecisionForm(forms.Form):
    status = forms.ChoiceField(label=_("Decision"))
    note = forms.CharField(
        label=_("Note to the applicant"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(ApplicationStatus.choices)
        self.fields["status"].choices = [
            (status, labels[status])
            for status in APPLICATION_TRANSITIONS[application.status]
            if status != ApplicationStatus.WITHDRAWN
        ]


class ParticipantForm(StaffModelForm):
    class Meta:
        model = Participant
        fields = [
            "program",
            "application",
            "full_name",
            "email",
            "organisation",
            "role",
            "direction",
            "home_country",
            "status",
            "departed_on",
            "returned_on",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["application"]
        field.queryset = field.queryset.select_related("program")
