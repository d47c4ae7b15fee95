"""`python -m interviewer.core.privacy --build-lexicon`: write the privacy check's name lists
(scripts/_setup.sh runs it once per install; the app rebuilds the file itself if it is missing)."""

from __future__ import annotations

import sys

from interviewer.core.privacy import lexicon

if sys.argv[1:] != ["--build-lexicon"]:
    sys.exit("gebruik: python -m interviewer.core.privacy --build-lexicon")
try:
    print(lexicon.build())
except (OSError, RuntimeError) as exc:
    sys.exit(f"Namenlijsten niet geschreven: {exc}")
