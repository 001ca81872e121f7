"""Forms of the staff pages; the services check the rules when they save."""

from intl_relations.staff import StaffModelForm

from .models import Consulate, DiasporaGroup


class ConsulateForm(StaffModelForm):
    class Meta:
        model = Consulate
        fields = [
            "country",
            "kind",
            "consul_name",
            "consul_title",
            "address",
            "city",
            "jurisdiction",
            "email",
            "phone",
            "website",
            "opening_hours",
            "notes",
            "published",
        ]


class DiasporaGroupForm(StaffModelForm):
    class Meta:
        model = DiasporaGroup
        fields = [
            "name",
            "origin_country",
            "local_government",
            "estimated_size",
            "size_source",
            "size_year",
            "associations",
            "consulates",
            "partnerships",
            "description",
            "published",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A partnership's name reads its partner city and holder: fetch them in one go.
        field = self.fields["partnerships"]
        field.queryset = field.queryset.select_related("local_government", "partner_city")
