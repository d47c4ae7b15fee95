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
    START=$SECONDS
    LOCK="$ROOT/requirements/app.txt"
    [[ "$1" == dev ]] && LOCK="$ROOT/requirements/dev.txt"
    TOTAL="$(grep -cE '^[A-Za-z0-9][A-Za-z0-9._-]*==' "$LOCK" || true)"
    echo "Eenmalig: $TOTAL pakketten installeren uit $(basename "$(dirname "$LOCK")")/$(basename "$LOCK") (vaste versies)..." >&2
    # One numbered line per package as progress, then a line while pip unpacks them all;
    # the whole log stays in .venv/pip.log, and pip's own exit status decides (pipefail).
    "$VENV/bin/python" -m pip install --disable-pip-version-check --progress-bar off \
        --require-hashes -r "$LOCK" 2>&1 | tee "$VENV/pip.log" \
        | { awk -v total="$TOTAL" -f "$ROOT/scripts/_pip_progress.awk" >&2 || true; }
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
        --no-deps --no-build-isolation -e "$ROOT" 2>&1 | { grep -v "^WARNING: Location" >&2 || true; }
    rm -f "$VENV"/.installed-*
    touch "$STAMP"
    echo "Installatie klaar in $((SECONDS - START)) s." >&2
    # Optional and not needed to start: the privacy check's name lists are prepared in the
    # background (the app builds them itself if it gets there first; the file is replaced
    # atomically, so either way one complete file). Output goes to a log, not the screen.
    # The privacy check's name, place and street lists: deduce's lists written once into
    # a compact file in the user's cache, so the app loads them in a fraction of a second.
    ( "$VENV/bin/python" -m interviewer.core.privacy --build-lexicon >/dev/null \
        || echo "Namenlijsten niet klaargezet; de app maakt ze bij de eerste controle." \
    ) >"$VENV/lexicon.log" 2>&1 </dev/null &
fi
