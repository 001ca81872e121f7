from rest_framework import serializers

MONEY = {"max_digits": 16, "decimal_places": 2}


class HeadingTotalSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    amount = serializers.DecimalField(**MONEY)
    lines = serializers.IntegerField()


class CountryTotalSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    income_group = serializers.CharField(help_text="LDC, LIC, LMIC, UMIC, or empty.")
    eligible = serializers.BooleanField()
    amount = serializers.DecimalField(**MONEY)
    held_back = serializers.DecimalField(**MONEY)


class ProjectRowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    country = serializers.CharField()
    amounts = serializers.DictField(child=serializers.DecimalField(**MONEY))
    declared = serializers.DecimalField(**MONEY)
    held_back = serializers.DecimalField(**MONEY)


class DeclarationWarningSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=["no_heading", "no_country", "not_eligible", "no_apd_amount"]
    )
    message = serializers.CharField()
    project_id = serializers.IntegerField()
    project_title = serializers.CharField()
    amount = serializers.DecimalField(**MONEY)


class DeclarationSerializer(serializers.Serializer):
    """The e-APD worksheet of a year."""

    year = serializers.IntegerField()
    dac_list = serializers.CharField(source="dac_list.name")
    local_government = serializers.IntegerField(
        source="local_government.pk", allow_null=True, default=None, read_only=True
    )
    declared = serializers.DecimalField(**MONEY)
    held_back = serializers.DecimalField(**MONEY)
    headings = HeadingTotalSerializer(many=True)
    countries = CountryTotalSerializer(many=True)
    projects = ProjectRowSerializer(many=True)
    warnings = DeclarationWarningSerializer(many=True)
