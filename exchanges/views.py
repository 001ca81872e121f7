"""Staff pages of exchange programs, applications (with decisions) and participants."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intl_relations import staff
from intl_relations.staff import Related, workflow_action

from . import selectors, services
from .choices import APPLICATION_TRANSITIONS, ApplicationStatus
from .filtersets import ApplicationFilterSet, ExchangeProgramFilterSet, ParticipantFilterSet
from .forms import ApplicationDecisionForm, ApplicationForm, ExchangeProgramForm, ParticipantForm
from .models import Application, ExchangeProgram, Participant
from .tables import ApplicationTable, ExchangeProgramTable, ParticipantTable


class ExchangeProgramList(staff.StaffListView):
    model = ExchangeProgram
    selector = selectors.exchange_program_list
    filterset_class = ExchangeProgramFilterSet
    table_class = ExchangeProgramTable
    filter_form_fields = (
        "q",
        "kind",
        "country",
        "published",
        "open_for_applications",
        "starts_after",
        "starts_before",
    )


class ExchangeProgramDetail(staff.StaffDetailView):
    model = ExchangeProgram
    selector = selectors.exchange_program_list
    related = (
        Related(
            gettext_lazy("Applications"),
            ApplicationTable,
            lambda obj, user: selectors.application_list(user=user).filter(program=obj),
            add_url=lambda obj: f"{reverse('staff:application_add')}?program={obj.pk}",
            exclude=("program",),
        ),
        Related(
            gettext_lazy("Participants"),
            ParticipantTable,
            lambda obj, user: selectors.participant_list(user=user).filter(program=obj),
            add_url=lambda obj: f"{reverse('staff:participant_add')}?program={obj.pk}",
            exclude=("program",),
        ),
    )


class ExchangeProgramCreate(staff.StaffCreateView):
    model = ExchangeProgram
    form_class = ExchangeProgramForm


class ExchangeProgramUpdate(staff.StaffUpdateView):
    model = ExchangeProgram
    form_class = ExchangeProgramForm


class ExchangeProgramDelete(staff.StaffDeleteView):
    model = ExchangeProgram


class ApplicationList(staff.StaffListView):
    model = Application
    selector = selectors.application_list
    filterset_class = ApplicationFilterSet
    table_class = ApplicationTable
    filter_form_fields = ("q", "status", "submitted_after", "submitted_before")


class ApplicationDecide(staff.StaffActionView):
    model = Application
    form_class = ApplicationDecisionForm
    form_prefix = "decision"

    def get_form_kwargs(self, obj):
        return {"application": obj}

    def perform(self, obj, data):
        services.application_decide(
            application=obj, status=data["status"], note=data["note"], user=self.request.user
        )
        return _("The application is now “%(status)s”.") % {
            "status": ApplicationStatus(data["status"]).label
        }


class ApplicationDetail(staff.StaffDetailView):
    model = Application
    selector = selectors.application_list
    related = (
        Related(
            gettext_lazy("Participants"),
            ParticipantTable,
            lambda obj, user: selectors.participant_list(user=user).filter(application=obj),
            add_url=lambda obj: (
                f"{reverse('staff:participant_add')}?program={obj.program_id}&application={obj.pk}"
            ),
            exclude=("program",),
        ),
    )

    def get_actions(self, obj):
        choices = [
            s for s in APPLICATION_TRANSITIONS[obj.status] if s != ApplicationStatus.WITHDRAWN
        ]
        if not choices:
            return []
        return [
            workflow_action(
                _("Decide"),
                reverse("staff:application_decide", args=[obj.pk]),
                ApplicationDecide.blank_form(obj),
                button=_("Record the decision"),
            )
        ]


class ApplicationCreate(staff.StaffCreateView):
    model = Application
    form_class = ApplicationForm

    def save(self, form, formsets):
        # Recorded by staff, checked by the same rules as the public portal's.
        data = {k: v for k, v in staff.form_data(form).items() if k in services.SUBMITTED_FIELDS}
        return services.application_submit(
            program=form.cleaned_data["program"],
            organisation=form.cleaned_data["organisation"],
            data=data,
            user=self.request.user,
        )


class ApplicationUpdate(staff.StaffUpdateView):
    model = Application
    form_class = ApplicationForm


class ApplicationDelete(staff.StaffDeleteView):
    model = Application


class ParticipantList(staff.StaffListView):
    model = Participant
    selector = selectors.participant_list
    filterset_class = ParticipantFilterSet
    table_class = ParticipantTable
    filter_form_fields = (
        "q",
        "role",
        "direction",
        "status",
        "country",
        "departed_after",
        "departed_before",
    )
    # The application by its applicant's name: its own label would read its program again.
    export_fields = (
        "full_name",
        "email",
        "program__title",
        "application__applicant_name",
        "organisation",
        "role",
        "direction",
        "home_country",
        "status",
        "departed_on",
        "returned_on",
    )


class ParticipantDetail(staff.StaffDetailView):
    model = Participant
    selector = selectors.participant_list


class ParticipantCreate(staff.StaffCreateView):
    model = Participant
    form_class = ParticipantForm


class ParticipantUpdate(staff.StaffUpdateView):
    model = Participant
    form_class = ParticipantForm


class ParticipantDelete(staff.StaffDeleteView):
    model = Participant
