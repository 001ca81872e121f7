#!/usr/bin/env python
import os
import sys
from pathlib import Path


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intl_relations.settings")
    # A fresh checkout (no .env, nothing exported) is a developer's machine: commands such
    # as `makemigrations --check` run on the development defaults, as `make run` does.
    # A deployment always names its SECRET_KEY (environment or .env), so it is untouched.
    configured = {"DEBUG", "SECRET_KEY"} & os.environ.keys()
    if not configured and not (Path(__file__).resolve().parent / ".env").is_file():
        os.environ["DEBUG"] = "true"
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
