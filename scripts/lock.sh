#!/usr/bin/env bash
# Regenerate requirements.txt and requirements-dev.txt from pyproject.toml: each is the
# `pip freeze` of a clean virtual environment, so the lock holds every transitive pin.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

deps() {  # $1: "runtime" or "dev"
    python3 - "$1" <<'PY'
import sys, tomllib
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
names = project["dependencies"]
if sys.argv[1] == "dev":
    names = names + project["optional-dependencies"]["dev"]
print("\n".join(names))
PY
}

python3 -m venv "$work/runtime"
deps runtime > "$work/runtime.in"
"$work/runtime/bin/pip" install --quiet -r "$work/runtime.in"
python3 -m venv "$work/dev"
deps dev > "$work/dev.in"
"$work/dev/bin/pip" install --quiet -r "$work/dev.in"

"$work/runtime/bin/pip" freeze > "$work/runtime.lock"
{
    echo "# Lock file of the runtime dependencies (pip freeze of a clean venv with pyproject's"
    echo "# [project.dependencies]). Regenerate with scripts/lock.sh."
    cat "$work/runtime.lock"
} > requirements.txt
{
    echo "# Lock file of the development and test dependencies, on top of requirements.txt."
    echo "# Regenerate with scripts/lock.sh."
    echo "-r requirements.txt"
    "$work/dev/bin/pip" freeze | grep -v -x -F -f "$work/runtime.lock"
} > requirements-dev.txt
echo "requirements.txt and requirements-dev.txt written."
