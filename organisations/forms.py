"""Forms of the staff pages; the services check the rules when they save."""

from django import forms
from django.utils.translation import gettext_lazy as _

from intl_relations.staff import StaffModelForm

from .models import Contact, Organisation


class OrganisationForm(StaffModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "acronym",
            "kind",
            "is_local",
            "country",
            "city",
            "address",
            "website",
            "email",
            "phone",
            "registration_number",
            "description",
            "published",
        ]


class ContactForm(StaffModelForm):
    class Meta:
        model = Contact
        fields = [
            "first_name",
            "last_name",
            "position",
            "organisation",
            "partner_city",
            "email",
            "phone",
            "languages",
            "notes",
        ]


class OrganisationRejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=100)
