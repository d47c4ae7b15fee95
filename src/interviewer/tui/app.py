"""The Textual app: wiring only. Screens do the work; core decides everything."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerCancelled, WorkerFailed, WorkerState

from interviewer.core.store import Store
from interviewer.tui.keyhold import KeyHoldApp

T = TypeVar("T")

if TYPE_CHECKING:
    # The catalog (pydantic models, YAML) is loaded in a worker after the first paint.
    from interviewer.core.catalog import Catalog
    from interviewer.core.privacy import Checker


class InterviewerApp(KeyHoldApp):
    """Interview assistant for TSD inspectors.

    Args:
        store: the open database.
        catalog: toezichtkader and vragenlijsten; loaded in a worker when None, because
            parsing and validating the YAML takes longer than showing the home screen.
        catalog_paths: where to load the catalog from (default: the shipped vragenlijsten).
        exit_when_ready: exit as soon as the home screen is shown (start-up benchmark).
        privacy_checker: the privacy check for free text (default: the shared one on the
            installed name lists); tests pass their own.
    """

    CSS_PATH = "app.tcss"
    TITLE = "interviewer"
    # The palette (Ctrl+P) lists every action of the current screen: the way in when a
    # terminal or keyboard takes a function key (F1 in GNOME Terminal, F8 on a Mac).
    ENABLE_COMMAND_PALETTE = True
    COMMAND_PALETTE_DISPLAY = "^P"
    BINDINGS = [
        Binding("f1", "help", "Hulp", show=False),
        Binding("ctrl+p", "command_palette", "Opdrachten", show=False, priority=True),
        Binding("ctrl+q", "quit", "Afsluiten", show=False, priority=True),
        # Not priority: in a text field Ctrl+C copies; elsewhere it explains how to quit,
        # because people press it to copy and must not lose the screen they are on.
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    def __init__(self, *, store: Store, catalog: Catalog | None = None,
                 catalog_paths: list[Path] | None = None, exit_when_ready: bool = False,
                 privacy_checker: Checker | None = None) -> None:
        super().__init__()
        self._privacy_checker = privacy_checker
        self.store = store
        self.catalog: Catalog | None = catalog
        self.catalog_error: str | None = None
        """Dutch description of why the vragenlijsten could not be loaded."""
        self._catalog_paths = catalog_paths
        self._catalog_worker: Worker[Catalog] | None = None
        self._exit_when_ready = exit_when_ready
        self.ready_at: float | None = None
        """Wall-clock time the home screen was first painted (for the start-up benchmark)."""

    @property
    def privacy_checker(self) -> Checker:
        """The injected checker, else the shared one (imported only when an interview needs
        it: the home screen is painted without the privacy rules)."""
        if self._privacy_checker is None:
            from interviewer.core.privacy import default_checker

            self._privacy_checker = default_checker()
        return self._privacy_checker

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
        if self.catalog is None and self._catalog_worker is None and self.catalog_error is None:
            self._catalog_worker = self._load_catalog()  # asked for before the first paint
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

    async def run_with_own_store(self, job: Callable[[Store], T]) -> T:
        """Run `job(store)` in a thread, on a database connection of that thread's own.

        The app's connection belongs to the event loop's thread: a transaction the demo
        load had open there made the screen's writes look nested, and rolled them back.

        Raises:
            StoreError: the connection could not be opened, or the job's database work failed.
        """
        def run() -> T:
            with self.store.own_connection() as store:
                return job(store)

        return await asyncio.to_thread(run)

    def action_help(self) -> None:
        from interviewer.tui.dialogs.help import HelpDialog

        if not isinstance(self.screen, HelpDialog):
            self.push_screen(HelpDialog(getattr(self.screen, "HELP_TITLE", None)))

    def action_help_quit(self) -> None:
        self.notify("Ctrl+C kopieert (in een tekstvak). Afsluiten: Ctrl+Q.", title="Afsluiten?")

    async def action_quit(self) -> None:
        """Quit at once when everything is saved; ask first when typed work would be lost."""
        from interviewer.tui.dialogs.confirm import QuitDialog

        unsaved = [work for screen in self.screen_stack
                   if (work := getattr(screen, "unsaved_work", None))]
        # Ctrl+Q on its own question means "yes, quit"; on any other dialog it still asks.
        if not unsaved or isinstance(self.screen, QuitDialog):
            self.exit()
            return

        def decided(leave: bool | None) -> None:
            if leave:
                self.exit()

        self.push_screen(QuitDialog(unsaved), decided)

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from interviewer.tui.dialogs.palette import Palette

        if not isinstance(self.screen, CommandPalette):
            self.push_screen(Palette())

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette: the keys of the current screen (not those of its widgets), help, quit."""
        seen: set[str] = {"quit", "command_palette", "help", "app.help", "help_quit"}
        for active in screen.active_bindings.values():
            binding = active.binding
            if (active.node not in (screen, self) or not binding.description
                    or binding.action in seen or binding.system):
                continue
            seen.add(binding.action)
            keys = self.get_key_display(binding)
            yield SystemCommand(f"{binding.description} ({keys})", f"toets {keys}",
                                _runner(self, active.node, binding.action))
        yield SystemCommand("Hulp: alle toetsen (F1, ?)", "toetsen van dit scherm eerst", self.action_help)
        yield SystemCommand("Afsluiten (Ctrl+Q)", "vraagt eerst als er iets niet is opgeslagen",
                            self.action_quit)


def _runner(app: App[None], node: Any, action: str) -> Any:
    async def run() -> None:
        await app.run_action(action, node)

    return run


def make_app(store: Store, catalog: Catalog | None = None, **options: Any) -> InterviewerApp:
    """Build the app; used by the CLI, the tests and scripts/bench_startup.py."""
    return InterviewerApp(store=store, catalog=catalog, **options)
