"""Export the rapportage from the TUI: one gemeente or all, into a folder, with progress."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, ProgressBar, Select, Static
from textual.worker import get_current_worker

from interviewer.core.catalog import Catalog
from interviewer.core.report import ExportError, TemplateError, export_report_and_bewijs
from interviewer.core.store import Store, StoreError
from interviewer.paths import exports_dir

ALL = "__alle__"


class ExportDialog(ModalScreen[list[Path] | None]):
    """Pick a gemeente (or all) and a folder; the reports are written in a thread worker.

    Dismisses with the files written (None when nothing was exported).
    """

    DEFAULT_CSS = """
    ExportDialog {
        align: center middle;
    }
    ExportDialog > #export-box {
        width: 72;
        height: auto;
        padding: 1 2;
        border: thick $primary;
        background: $surface;
    }
    ExportDialog #export-title {
        text-style: bold;
        color: $primary;
        margin-bottom: 1;
    }
    ExportDialog Label {
        margin-top: 1;
        color: $text-muted;
    }
    ExportDialog #export-buttons {
        height: auto;
        margin-top: 1;
    }
    ExportDialog #export-buttons Button {
        margin-right: 2;
    }
    ExportDialog ProgressBar {
        margin-top: 1;
    }
    ExportDialog #export-status {
        margin-top: 1;
        height: auto;
    }
    ExportDialog #export-status.error {
        color: $error;
    }
    """

    BINDINGS = [Binding("escape", "close", "Sluiten")]

    def __init__(self, *, store: Store, catalog: Catalog, study_id: str) -> None:
        super().__init__()
        self.store = store
        self.catalog = catalog
        self.study_id = study_id
        self.written: list[Path] = []

    def compose(self) -> ComposeResult:
        study = self.store.study(self.study_id)
        options = [("Alle gemeenten", ALL)] + [
            (g["name"], g["id"]) for g in self.store.gemeenten(self.study_id)]
        with Vertical(id="export-box"):
            yield Static("Rapportage exporteren (Word)", id="export-title")
            yield Static(str(study["title"]))
            yield Label("Gemeente")
            yield Select(options, value=ALL, allow_blank=False, id="gemeente")
            yield Label("Map")
            yield Input(value=str(exports_dir()), id="folder")
            with Horizontal(id="export-buttons"):
                yield Button("Exporteren", variant="primary", id="start")
                yield Button("Sluiten", id="close")
            yield ProgressBar(total=None, show_eta=False, id="progress")
            yield Static("Esc sluit dit venster.", id="export-status")

    # ------------------------------------------------------------------ actions

    @on(Button.Pressed, "#start")
    @on(Input.Submitted, "#folder")
    def start_export(self) -> None:
        folder_text = self.query_one("#folder", Input).value.strip()
        if not folder_text:
            self._status("Geef een map op.", error=True)
            return
        choice = self.query_one("#gemeente", Select).value
        ids = ([g["id"] for g in self.store.gemeenten(self.study_id)] if choice == ALL
               else [str(choice)])
        self.query_one("#start", Button).disabled = True
        self.query_one("#progress", ProgressBar).update(total=len(ids), progress=0)
        self._status(f"Bezig met {len(ids)} rapportage(s)…")
        self.export(ids, Path(folder_text).expanduser())

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(list(self.written) or None)

    # ------------------------------------------------------------------ worker

    @work(thread=True, exclusive=True, group="export")
    def export(self, gemeente_ids: list[str], folder: Path) -> None:
        """Runs off the UI thread; every screen update goes through call_from_thread."""
        worker = get_current_worker()
        try:
            # This thread's own connection: the app's belongs to the event loop's thread.
            with self.store.own_connection() as store:
                for gemeente_id in gemeente_ids:
                    if worker.is_cancelled:  # the dialog was closed: stop between reports
                        return
                    paths = export_report_and_bewijs(store, self.catalog, gemeente_id, folder)
                    self.app.call_from_thread(self._advance, paths)
        except (TemplateError, ExportError, StoreError) as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._finished, folder)

    def _advance(self, paths: list[Path]) -> None:
        if not self.is_attached:  # closed while the last report was written
            return
        self.written += paths
        self.query_one("#progress", ProgressBar).advance(1)
        self._status(f"Geschreven: {', '.join(p.name for p in paths)}")

    def _finished(self, folder: Path) -> None:
        if not self.is_attached:  # closed while the last report was written
            return
        self.query_one("#start", Button).disabled = False
        count = len(self.written) // 2
        self._status(f"Klaar: {count} rapportage{'s' if count != 1 else ''} met bewijsoverzicht in "
                     f"{folder}. Open ze in Word en werk de inhoudsopgave bij.")

    def _failed(self, message: str) -> None:
        if not self.is_attached:  # closed while the last report was written
            return
        self.query_one("#start", Button).disabled = False
        self._status(message, error=True)

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#export-status", Static)
        status.update(text)
        status.set_class(error, "error")
