# Shared by scripts/run and scripts/test: create or update the local virtual environment
# from the lock (requirements/*.txt, with hashes), so every machine runs exactly the
# versions CI passed with. Reinstalls only when the lock or pyproject.toml changed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="${PYTHON:-python3}"
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "interviewer heeft Python 3.11 of nieuwer nodig ($PY is ouder of ontbreekt)." >&2
    exit 1
fi
if [[ ! -x "$VENV/bin/python" ]]; then
    echo "Virtuele omgeving aanmaken in .venv/ ..." >&2
    "$PY" -m venv "$VENV"
fi
HASH="$(cat "$ROOT/pyproject.toml" "$ROOT/requirements/app.txt" "$ROOT/requirements/dev.txt" \
    | sha256sum | cut -c1-16)"
STAMP="$VENV/.installed-$HASH-$1"
# A dev install (scripts/test) includes everything scripts/run needs: running the app
# after the tests must not reinstall.
if [[ ! -f "$STAMP" && ! -f "$VENV/.installed-$HASH-dev" ]]; then
    LOCK="$ROOT/requirements/app.txt"
    [[ "$1" == dev ]] && LOCK="$ROOT/requirements/dev.txt"
    echo "Afhankelijkheden installeren uit $(basename "$(dirname "$LOCK")")/$(basename "$LOCK") (vaste versies)..." >&2
    # Show one line per package as progress; the whole log stays in .venv/pip.log, and
    # pip's own exit status decides (pipefail), not the filter's.
    "$VENV/bin/python" -m pip install --disable-pip-version-check --progress-bar off \
        --require-hashes -r "$LOCK" 2>&1 | tee "$VENV/pip.log" \
        | { grep --line-buffered -E "^(Collecting|Successfully|ERROR)" >&2 || true; }
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
        --no-deps --no-build-isolation -e "$ROOT" 2>&1 | { grep -v "^WARNING: Location" >&2 || true; }
    # The privacy check's name, place and street lists: deduce's lists written once into
    # a compact file in the user's cache, so the app loads them in a fraction of a second.
    echo "Namenlijsten voor de privacycontrole klaarzetten..." >&2
    "$VENV/bin/python" -m interviewer.core.privacy --build-lexicon >/dev/null \
        || echo "Namenlijsten niet klaargezet; de app maakt ze bij de eerste controle." >&2
    rm -f "$VENV"/.installed-*
    touch "$STAMP"
fi
