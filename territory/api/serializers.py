from django.utils import translation
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from territory.selectors import GAPS, CountryDiagnosis


class CountryDiagnosisSerializer(serializers.Serializer):
    """One country of the territory diagnosis."""

    country = serializers.CharField(source="code", help_text=_("ISO 3166-1 alpha-2 code."))
    numeric = serializers.CharField(help_text=_("ISO 3166-1 numeric code."))
    name = serializers.CharField(help_text=_("The country's name in the request's language."))
    name_fr = serializers.SerializerMethodField(help_text=_("The country's name in French."))
    name_en = serializers.SerializerMethodField(help_text=_("The country's name in English."))
    diaspora_groups = serializers.IntegerField()
    diaspora_size = serializers.IntegerField(
        allow_null=True,
        help_text=_("The sum of the groups' known size estimates; null when none is known."),
    )
    consulates_career = serializers.IntegerField()
    consulates_honorary = serializers.IntegerField()
    partnerships = serializers.IntegerField(help_text=_("Partnerships that have not ended."))
    idle_partnerships = serializers.IntegerField(
        help_text=_(
            "Active or dormant partnerships with no delegation, exchange program or "
            "cooperation project in the recent years."
        )
    )
    projects = serializers.IntegerField(help_text=_("Cooperation projects not cancelled."))
    delegations_received = serializers.IntegerField()
    delegations_sent = serializers.IntegerField()
    exchanges = serializers.IntegerField(help_text=_("Exchange programs."))
    gaps = serializers.ListField(child=serializers.ChoiceField(choices=list(GAPS.items())))
    gap_texts = serializers.ListField(
        child=serializers.CharField(), help_text=_("Each gap in a sentence.")
    )

    def _name_in(self, row: CountryDiagnosis, language: str) -> str:
        with translation.override(language):
            return str(row.country.name)

    def get_name_fr(self, row: CountryDiagnosis) -> str:
        return self._name_in(row, "fr")

    def get_name_en(self, row: CountryDiagnosis) -> str:
        return self._name_in(row, "en")


class ThresholdsSerializer(serializers.Serializer):
    large_diaspora = serializers.IntegerField(
        help_text=_("A diaspora of at least this many people is large.")
    )
    activity_years = serializers.IntegerField(
        help_text=_("Years without activity after which a partnership is idle.")
    )
    since = serializers.DateField(help_text=_("Activity from this day on counts as recent."))


class TerritoryDiagnosisSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    thresholds = ThresholdsSerializer()
    results = CountryDiagnosisSerializer(many=True)
