"""The Textual app: wiring only. Screens do the work; core decides everything."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.binding import Binding
from textual.worker import Worker, WorkerCancelled, WorkerFailed, WorkerState

from interviewer.core.store import Store
from interviewer.tui.keyhold import KeyHoldApp

if TYPE_CHECKING:
    # The catalog (pydantic models, YAML) is loaded in a worker after the first paint.
    from interviewer.core.catalog import Catalog


class InterviewerApp(KeyHoldApp):
    """Interview assistant for TSD inspectors.

    Args:
        store: the open database.
        catalog: toezichtkader and vragenlijsten; loaded in a worker when None, because
            parsing and validating the YAML takes longer than showing the home screen.
        catalog_paths: where to load the catalog from (default: the shipped vragenlijsten).
        exit_when_ready: exit as soon as the home screen is shown (start-up benchmark).
    """

    CSS_PATH = "app.tcss"
    TITLE = "interviewer"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("f1", "help", "Hulp"),
        Binding("ctrl+q", "quit", "Afsluiten", show=False, priority=True),
        # Every answer is already on disk, so Ctrl+C may simply quit.
        Binding("ctrl+c", "quit", "Afsluiten", show=False, priority=True),
    ]

    def __init__(self, *, store: Store, catalog: Catalog | None = None,
                 catalog_paths: list[Path] | None = None, exit_when_ready: bool = False) -> None:
        super().__init__()
        self.store = store
        self.catalog: Catalog | None = catalog
        self.catalog_error: str | None = None
        """Dutch description of why the vragenlijsten could not be loaded."""
        self._catalog_paths = catalog_paths
        self._catalog_worker: Worker[Catalog] | None = None
        self._exit_when_ready = exit_when_ready
        self.ready_at: float | None = None
        """Wall-clock time the home screen was first painted (for the start-up benchmark)."""

    def on_mount(self) -> None:
        from interviewer.tui.screens.home import HomeScreen

        self.push_screen(HomeScreen())

    @work(thread=True, exclusive=True, group="catalog")
    def _load_catalog(self) -> Catalog:
        from interviewer.core.catalog import load_catalog_or_raise
        from interviewer.paths import vragenlijsten_dir

        return load_catalog_or_raise(self._catalog_paths or [vragenlijsten_dir()])

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._catalog_worker:
            return
        if event.state is WorkerState.SUCCESS:
            self.catalog = event.worker.result
        elif event.state is WorkerState.ERROR:
            error = event.worker.error
            from interviewer.core.catalog import CatalogError

            detail = str(error) if isinstance(error, CatalogError) else repr(error)
            self.catalog_error = f"De vragenlijsten zijn niet te laden:\n{detail}"
            self.notify(self.catalog_error, severity="error", timeout=30)

    async def require_catalog(self) -> Catalog | None:
        """The catalog, waiting for the loader if needed; None (and a message) if broken."""
        worker = self._catalog_worker
        if self.catalog is None and worker is not None:
            with contextlib.suppress(WorkerFailed, WorkerCancelled):
                await worker.wait()
            if worker.state is WorkerState.SUCCESS:
                self.catalog = worker.result
        if self.catalog is None:
            self.notify(self.catalog_error or "De vragenlijsten worden nog geladen.",
                        severity="error")
        return self.catalog

    def home_ready(self) -> None:
        """Called by the home screen once it shows its data."""
        self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        self.ready_at = time.time()
        # Loading starts only now: parsing the vragenlijsten must not delay the first paint.
        if self.catalog is None and self._catalog_worker is None:
            self._catalog_worker = self._load_catalog()
        if self._exit_when_ready:
            self.exit()

    def action_help(self) -> None:
        from interviewer.tui.dialogs.help import HelpDialog

        if not isinstance(self.screen, HelpDialog):
            self.push_screen(HelpDialog())


def make_app(store: Store, catalog: Catalog | None = None, **options: Any) -> InterviewerApp:
    """Build the app; used by the CLI, the tests and scripts/bench_startup.py."""
    return InterviewerApp(store=store, catalog=catalog, **options)
