from diaspora.filtersets import ConsulateFilterSet, DiasporaGroupFilterSet
from diaspora.models import Consulate, DiasporaGroup
from diaspora.selectors import consulate_list, diaspora_group_list
from intl_relations.api_base import RecordViewSet

from .serializers import ConsulateSerializer, DiasporaGroupSerializer


class ConsulateViewSet(RecordViewSet):
    """The consular corps: career and honorary consulates."""

    queryset = Consulate.objects.all()
    selector = staticmethod(consulate_list)
    serializer_class = ConsulateSerializer
    filterset_class = ConsulateFilterSet
    ordering_fields = ["country", "kind", "city", "consul_name"]
    export_fields = (
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
        "published",
    )
    export_filename = "consulates"


class DiasporaGroupViewSet(RecordViewSet):
    """Diaspora groups by origin country, with their estimated size."""

    queryset = DiasporaGroup.objects.all()
    selector = staticmethod(diaspora_group_list)
    serializer_class = DiasporaGroupSerializer
    filterset_class = DiasporaGroupFilterSet
    ordering_fields = ["name", "origin_country", "estimated_size", "size_year"]
    export_fields = (
        "name",
        "origin_country",
        "estimated_size",
        "size_source",
        "size_year",
        "local_government",
        "associations",
        "consulates",
        "published",
    )
    export_filename = "diaspora-groups"
