from django.db import migrations

THEME_CODES = [
    "economy",
    "higher_education",
    "culture",
    "youth",
    "climate",
    "migration",
    "human_rights",
    "governance",
    "health",
    "water",
    "tourism",
    "sport",
]


def load_themes(apps, schema_editor):
    Theme = apps.get_model("partnerships", "Theme")
    for code in THEME_CODES:
        Theme.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_initial")]

    operations = [migrations.RunPython(load_themes, migrations.RunPython.noop)]
