"""The README's configuration table names every variable the settings read."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# Read by the settings for the test run itself, not something to configure.
NOT_CONFIGURATION = {"TESTING"}


def test_every_environment_variable_of_the_settings_is_in_the_readme():
    source = (ROOT / "intl_relations" / "settings.py").read_text()
    read = set(re.findall(r'env(?:\.[a-z_]+)?\(\s*"([A-Z][A-Z0-9_]+)"', source))
    readme = (ROOT / "README.md").read_text()
    documented = set(re.findall(r"^\| `([A-Z0-9_]+)`", readme, re.MULTILINE)) | set(
        re.findall(r"`([A-Z][A-Z0-9_]+)`", readme)
    )
    assert "IMPORT_MAX_SIZE" in read
    assert read - NOT_CONFIGURATION - documented == set()
