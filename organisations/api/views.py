from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from intl_relations.api_base import RecordViewSet
from intl_relations.permissions import Action
from organisations.filtersets import ContactFilterSet, OrganisationFilterSet
from organisations.models import Contact, Organisation
from organisations.selectors import contact_list, organisation_list
from organisations.services import organisation_approve, organisation_reject

from .serializers import ContactSerializer, OrganisationSerializer


class OrganisationViewSet(RecordViewSet):
    """Local and foreign organisations, including portal registrations."""

    queryset = Organisation.objects.all()
    selector = staticmethod(organisation_list)
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet
    ordering_fields = ["name", "kind", "country", "city", "status", "created_at"]
    export_fields = (
        "name",
        "acronym",
        "kind",
        "status",
        "country",
        "city",
        "website",
        "email",
        "phone",
        "published",
    )
    export_filename = "organisations"

    @extend_schema(request=None, responses=OrganisationSerializer)
    @action(detail=True, methods=["post"], permission_action=Action.CHANGE)
    def approve(self, request, pk=None):
        """Approve a registration made on the public portal."""
        organisation = organisation_approve(organisation=self.get_object(), user=request.user)
        return Response(self.get_serializer(self._reload(organisation)).data)

    @extend_schema(request=None, responses=OrganisationSerializer)
    @action(detail=True, methods=["post"], permission_action=Action.CHANGE)
    def reject(self, request, pk=None):
        """Reject a registration made on the public portal."""
        organisation = organisation_reject(organisation=self.get_object(), user=request.user)
        return Response(self.get_serializer(self._reload(organisation)).data)


class ContactViewSet(RecordViewSet):
    """People to reach at an organisation or a partner city."""

    queryset = Contact.objects.all()
    selector = staticmethod(contact_list)
    serializer_class = ContactSerializer
    filterset_class = ContactFilterSet
    ordering_fields = ["last_name", "first_name", "organisation__name", "created_at"]
    export_fields = (
        "first_name",
        "last_name",
        "position",
        "organisation",
        "partner_city",
        "email",
        "phone",
        "languages",
    )
    export_filename = "contacts"
