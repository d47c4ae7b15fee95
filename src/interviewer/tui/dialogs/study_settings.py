"""Change a study afterwards: title, region, place, retention date and inspectorates.

The checks are core's (`studies.parse_settings`); this dialog only shows the fields and the
Dutch message of the field refused. It dismisses with the checked settings; the caller saves.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from interviewer.core import studies
from interviewer.core.studies import SettingsError, StudySettings
from interviewer.tui.dialogs.confirm import ConfirmDialog
from interviewer.tui.keyhold import KeyHoldApp, after_queued

FIELDS = (("title", "Titel"), ("region", "Regio"), ("place", "Plaats (voorblad rapport)"),
          ("retention", "Bewaren tot (DD-MM-JJJJ)"))


class StudySettingsDialog(ModalScreen[StudySettings | None]):
    """Enter moves to the next field (in the inspectorates it starts a new line), Ctrl+S saves.

    Enter and Ctrl+S hold the keyboard until they have had their effect: keys typed straight
    after them belong to the next field or to the question that follows, never to the field left.
    """

    BINDINGS = [Binding("escape", "dismiss", "Annuleren"),
                Binding("enter", "next_field", "Volgende", show=False, priority=True),
                Binding("ctrl+s", "save", "Opslaan", priority=True)]

    _dismissed = False

    def __init__(self, current: StudySettings, *, today: date | None = None) -> None:
        super().__init__()
        self.current = current
        self.today = today or date.today()

    def compose(self) -> ComposeResult:
        c = self.current
        values = {"title": c.title, "region": c.region, "place": c.place,
                  "retention": c.retention_until.strftime("%d-%m-%Y") if c.retention_until else ""}
        with Vertical(classes="dialog settings"):
            yield Static("Onderzoek wijzigen", classes="dialog-title")
            boxes = {field: Input(values[field], id=field, placeholder=label) for field, label in FIELDS}
            for field, label in FIELDS:
                boxes[field].border_title = label
            yield boxes["title"]
            yield boxes["region"]
            with Horizontal(classes="pair"):  # side by side: the dialog fits 80x24
                yield boxes["place"]
                yield boxes["retention"]
            area = TextArea("\n".join(c.inspecties), id="inspecties", soft_wrap=True)
            area.border_title = "Inspecties (één per regel; leeg = huidige namen)"
            yield area
            yield Static("", id="error", classes="error", markup=False)
            yield Static("Enter = volgend veld, Ctrl+S = opslaan, Esc annuleert.", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def _form(self) -> dict[str, str]:
        form = {field: self.query_one(f"#{field}", Input).value for field, _ in FIELDS}
        return {**form, "inspecties_text": self.query_one("#inspecties", TextArea).text}

    @property
    def unsaved_work(self) -> str | None:
        try:
            unchanged = studies.parse_settings(self.current, **self._form()) == self.current
        except SettingsError:
            unchanged = False
        return None if unchanged else "de gegevens van het onderzoek"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # In the inspectorates Enter is a new line: the key goes on to the text area.
        return not (action == "next_field" and isinstance(self.focused, TextArea))

    def action_next_field(self) -> None:
        self._after_typed(self._move_on)

    def action_save(self) -> None:
        self._after_typed(self._save)

    def _after_typed(self, then: Callable[[Widget | None], None]) -> None:
        keys = cast(KeyHoldApp, self.app)
        keys.hold_keys()
        left = self.focused

        async def settled() -> None:
            try:
                if not self._dismissed and self.app.screen is self:  # not closed meanwhile
                    then(left)
            finally:
                await keys.release_keys()

        after_queued(left or self, settled)

    def _move_on(self, left: Widget | None) -> None:
        order: list[Widget] = [*self.query(Input), self.query_one("#inspecties", TextArea)]
        at = order.index(left) if left in order else -1
        target = order[min(at + 1, len(order) - 1)]
        if isinstance(target, TextArea):
            # At the end: the usual change is one more inspectorate, so Enter starts its line.
            target.move_cursor(target.document.end)
        self.set_focus(target)  # now, not next tick: held keys follow

    def _save(self, _left: Widget | None) -> None:
        try:
            settings = studies.parse_settings(self.current, **self._form())
        except SettingsError as refused:
            self.query_one("#error", Static).update(str(refused))
            self.set_focus(self.query_one(f"#{refused.field}"))
            return
        self.query_one("#error", Static).update("")
        changed = settings.retention_until != self.current.retention_until
        if changed and studies.retention_passed(settings, self.today):
            until = settings.retention_until.strftime("%d-%m-%Y") if settings.retention_until else ""
            self.app.push_screen(ConfirmDialog(
                f"De bewaartermijn {until} ligt in het verleden. De volgende purge verwijdert dan "
                "de antwoorden, opmerkingen en het journaal van dit onderzoek. Toch opslaan?",
                yes="Opslaan", no="Terug", enter_confirms=False),
                lambda yes: self._confirmed(settings, yes))
            return
        self._finish(settings)

    def _confirmed(self, settings: StudySettings, yes: bool | None) -> None:
        if yes:
            self._finish(settings)
        else:
            self.set_focus(self.query_one("#retention", Input))

    def _finish(self, settings: StudySettings) -> None:
        self._dismissed = True
        self.dismiss(settings)
