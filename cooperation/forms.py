"""Forms of the staff pages; the services check the rules when they save."""

from django.forms import inlineformset_factory

from intl_relations.staff import StaffModelForm

from .models import BudgetLine, CooperationProject, Network, NetworkMembership


class NetworkForm(StaffModelForm):
    class Meta:
        model = Network
        fields = ["name", "acronym", "scope", "website", "description"]


class NetworkMembershipForm(StaffModelForm):
    class Meta:
        model = NetworkMembership
        fields = [
            "network",
            "local_government",
            "role",
            "joined_on",
            "left_on",
            "annual_fee",
            "notes",
        ]


class CooperationProjectForm(StaffModelForm):
    class Meta:
        model = CooperationProject
        fields = [
            "title",
            "title_en",
            "local_government",
            "partner_city",
            "partnership",
            "status",
            "themes",
            "partners",
            "starts_on",
            "ends_on",
            "objectives",
            "objectives_en",
            "results",
            "officer",
            "published",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["partnership"]
        field.queryset = field.queryset.select_related("local_government", "partner_city")


class BudgetLineForm(StaffModelForm):
    class Meta:
        model = BudgetLine
        fields = [
            "project",
            "year",
            "label",
            "category",
            "funding_source",
            "funder",
            "planned_amount",
            "spent_amount",
            "apd_amount",
            "water_one_percent",
            "apd_heading",
        ]


BudgetLineFormSet = inlineformset_factory(
    CooperationProject,
    BudgetLine,
    form=StaffModelForm,
    fields=[
        "year",
        "label",
        "category",
        "funding_source",
        "funder",
        "planned_amount",
        "spent_amount",
        "apd_amount",
        "water_one_percent",
        "apd_heading",
    ],
    extra=1,
    can_delete=True,
)
