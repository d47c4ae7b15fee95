"""Work as a team from the home screen: write this laptop's bundle to a folder (a USB stick,
a shared drive), or merge every bundle found in one, with progress and a summary."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, ProgressBar, Static

from interviewer.core.exchange.bundle import SUFFIX, BundleError, is_encrypted, write_bundle
from interviewer.core.exchange.merge import MergeError, MergeReport, merge_bundle
from interviewer.core.exchange.replicas import labels
from interviewer.core.store import Store, StoreError
from interviewer.paths import exports_dir


class ExchangeDialog(ModalScreen[bool]):
    """Dismisses True when something was merged (the home screen then refreshes)."""

    DEFAULT_CSS = """
    ExchangeDialog { align: center middle; }
    ExchangeDialog > #exchange-box {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        padding: 0 1; border: thick $primary; background: $surface;
    }
    ExchangeDialog #exchange-title { text-style: bold; color: $primary; }
    ExchangeDialog Label { margin-top: 1; color: $text-muted; }
    ExchangeDialog #exchange-buttons { height: auto; margin-top: 1; }
    ExchangeDialog #exchange-buttons Button { margin-right: 1; }
    ExchangeDialog #exchange-status { height: auto; max-height: 12; }
    ExchangeDialog #exchange-status.error { color: $error; }
    """
    BINDINGS = [Binding("escape", "close", "Sluiten")]

    def __init__(self, store: Store, folder: Path | None = None) -> None:
        super().__init__()
        self.store = store
        # Default: the exports folder (INTERVIEWER_EXPORTS), where the inspector already looks.
        self.folder = folder or exports_dir()
        self.merged = False

    def compose(self) -> ComposeResult:
        with Vertical(id="exchange-box"):
            yield Static("Samenwerken: bundels uitwisselen", id="exchange-title")
            yield Static("Schrijf je bundel naar een map (USB-stick, gedeelde map) of voeg de bundels "
                         "van collega's uit een map samen.")
            yield Label("Map")
            yield Input(value=str(self.folder), id="folder")
            if is_encrypted(self.store):
                yield Label("Wachtzin van de database (bundels worden ermee versleuteld)")
                yield Input(password=True, id="passphrase")
            with Horizontal(id="exchange-buttons"):
                yield Button("Bundel schrijven", variant="primary", id="write")
                yield Button("Bundels samenvoegen", id="merge")
                yield Button("Sluiten", id="close")
            yield ProgressBar(total=None, show_eta=False, id="progress")
            yield Static("Esc sluit dit venster.", id="exchange-status", markup=False)

    def on_mount(self) -> None:
        self.query_one("#folder", Input).focus()

    def _folder(self, *, create: bool = False) -> Path | None:
        text = self.query_one("#folder", Input).value.strip()
        if not text:
            self._status("Geef een map op.", error=True)
            return None
        folder = Path(text).expanduser()
        if create and not folder.exists():
            try:
                folder.mkdir(parents=True, mode=0o700)
            except OSError as exc:
                self._status(f"{folder}: kan de map niet maken ({exc.strerror}).", error=True)
                return None
        if not folder.is_dir():
            self._status(f"{folder}: map bestaat niet.", error=True)
            return None
        return folder

    def _passphrase(self) -> str | None:
        inputs = self.query("#passphrase")
        return inputs.first(Input).value if inputs else None

    @on(Button.Pressed, "#write")
    def start_write(self) -> None:
        folder = self._folder(create=True)
        if folder is not None:
            self._busy(True)
            self._status("Bundel wordt geschreven…")
            self.write(folder, self._passphrase())

    @on(Button.Pressed, "#merge")
    def start_merge(self) -> None:
        folder = self._folder()
        if folder is None:
            return
        paths = sorted(folder.glob(f"*{SUFFIX}"))
        if not paths:
            self._status(f"Geen bundels (*{SUFFIX}) in {folder}.", error=True)
            return
        self._busy(True)
        self.query_one("#progress", ProgressBar).update(total=len(paths), progress=0)
        self._status(f"{len(paths)} bundel(s) samenvoegen…")
        self.merge(paths, self._passphrase())

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(self.merged)

    # ------------------------------------------------------------------ workers (own connection each)

    @work(thread=True, exclusive=True, group="exchange")
    def write(self, folder: Path, passphrase: str | None) -> None:
        try:
            with self.store.own_connection() as store:
                path, manifest = write_bundle(store, folder, passphrase=passphrase)
        except (BundleError, StoreError) as exc:
            self.app.call_from_thread(self._done, [str(exc)], error=True)
            return
        self.app.call_from_thread(self._done, [
            f"Bundel geschreven: {path}",
            f"{manifest.entries} regels, eigen regels {manifest.rseq_from}-{manifest.rseq_to}, "
            f"keten eindigt op {manifest.head[:12]}."])

    @work(thread=True, exclusive=True, group="exchange")
    def merge(self, paths: list[Path], passphrase: str | None) -> None:
        lines: list[str] = []
        refused = 0
        try:
            with self.store.own_connection() as store:
                for path in paths:
                    try:
                        report = merge_bundle(store, path, passphrase=passphrase)
                    except MergeError as exc:
                        refused += 1
                        lines.append(f"geweigerd: {exc}")
                    else:
                        lines.append(report.summary(labels(store)))
                        self.app.call_from_thread(self._merged, report)
                    self.app.call_from_thread(self.query_one("#progress", ProgressBar).advance, 1)
        except StoreError as exc:
            lines.append(str(exc))
            refused += 1
        self.app.call_from_thread(self._done, lines, error=bool(refused))

    def _merged(self, report: MergeReport) -> None:
        self.merged = self.merged or report.new > 0

    def _done(self, lines: list[str], *, error: bool = False) -> None:
        if not self.is_attached:
            return
        self._busy(False)
        progress = self.query_one("#progress", ProgressBar)
        if progress.total is None:
            progress.update(total=1, progress=1)
        if any("nieuwe conflicten" in line and not line.endswith(" 0 nieuwe conflicten") for line in lines):
            lines.append("Conflicten staan in Beoordelen (r, dan c).")
        self._status("\n".join(lines), error=error)

    def _busy(self, busy: bool) -> None:
        for button in ("#write", "#merge"):
            self.query_one(button, Button).disabled = busy

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#exchange-status", Static)
        status.update(text)
        status.set_class(error, "error")
