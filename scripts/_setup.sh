# Shared by scripts/run and scripts/test: create or update the local virtual
# environment, but only reinstall when pyproject.toml changed (fast second run).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="${PYTHON:-python3}"
if [[ ! -x "$VENV/bin/python" ]]; then
    "$PY" -m venv "$VENV"
fi
HASH="$(sha256sum "$ROOT/pyproject.toml" | cut -c1-16)"
STAMP="$VENV/.installed-$HASH-$1"
# A dev install (scripts/test) includes everything scripts/run needs: running the app
# after the tests must not reinstall.
if [[ ! -f "$STAMP" && ! -f "$VENV/.installed-$HASH-dev" ]]; then
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
    if [[ "$1" == dev ]]; then
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$ROOT[dev]"
    else
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$ROOT"
    fi
    # deduce (name detection in free text) builds its lookup cache on first use, which
    # takes a minute or two: do it once here rather than during the first interview.
    echo "Naammodel voorbereiden (eenmalig, kan 1-2 minuten duren)..." >&2
    "$VENV/bin/python" -m interviewer.core.privacy_worker --prepare 2>/dev/null \
        || echo "Naammodel niet voorbereid; de app valt terug op de namenlijst." >&2
    rm -f "$VENV"/.installed-*
    touch "$STAMP"
fi
