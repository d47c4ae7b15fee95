"""Where files live. Functions, never computed at import time; overridable for tests."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "interviewer"


def default_db_path() -> Path:
    """`INTERVIEWER_DB`, else interviewer.db in the user's data directory."""
    override = os.environ.get("INTERVIEWER_DB")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "interviewer.db"


def vragenlijsten_dir() -> Path:
    """The shipped toezichtkader and vragenlijsten (`INTERVIEWER_VRAGENLIJSTEN` overrides)."""
    override = os.environ.get("INTERVIEWER_VRAGENLIJSTEN")
    if override:
        return Path(override).expanduser()
    packaged = Path(__file__).parent / "vragenlijsten"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "vragenlijsten"


def exports_dir() -> Path:
    """Where exports go: `INTERVIEWER_EXPORTS`, else interviewer-exports in the user's documents.

    Always absolute, so the folder does not depend on where the app was started.
    """
    override = os.environ.get("INTERVIEWER_EXPORTS")
    if override:
        return Path(override).expanduser().resolve()
    from platformdirs import user_documents_path

    return user_documents_path() / "interviewer-exports"
