"""Open the Textual app (imported lazily: `interviewer check` must not pay for Textual)."""

from __future__ import annotations

from pathlib import Path

from interviewer.cli.common import open_store


def open_tui(db: Path | None) -> None:
    from interviewer.tui.app import make_app

    store = open_store(db)
    try:
        make_app(store=store).run()
    finally:
        store.close()

