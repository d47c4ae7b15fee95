"""The answer area: an editor that fits the question type, posting one Submitted message.

Open answers get a multi-line TextArea (submitted with Ctrl+S, because a TextArea keeps
Enter for new lines); getal and datum a single-line Input; choices, scales and ZRM a
numbered list where a digit picks (the interview saves it at once) and Enter submits;
meerkeuze a list where a digit or space toggles and Enter submits.

The screen's submit keys are priority bindings that hold the keyboard (see `keyhold`);
the value is read once the keys typed before the submit key have had their effect, and
the next editor gets focus at once, before the held keys are replayed to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, OptionList, SelectionList, TextArea
from textual.widgets.option_list import Option

from interviewer.core.answers import AnswerRecord, display_value
from interviewer.core.models import Question, QuestionType
from interviewer.tui.keyhold import after_queued

ZRM_LABELS = {1: "Acute problematiek", 2: "Niet zelfredzaam", 3: "Beperkt zelfredzaam",
              4: "Voldoende zelfredzaam", 5: "Volledig zelfredzaam"}

LINE_HINTS = {QuestionType.GETAL: ("getal, bijvoorbeeld 3 of 2,5", r"[-0-9,. ]*"),
              QuestionType.DATUM: ("dd-mm-jjjj", r"[0-9/.-]*")}


def _digit(event: events.Key) -> int | None:
    """The 0-based option index for keys 1-9."""
    return int(event.character) - 1 if event.character and event.character in "123456789" else None


class ChoiceEditor(OptionList):
    """Numbered options: a digit highlights its option, Enter submits."""

    def index_for(self, digit: str) -> int | None:
        """The option a digit key picks: the score itself on a scale, else the n-th option."""
        ids = [self.get_option_at_index(i).id for i in range(self.option_count)]
        if digit in ids and all(i is not None and i.lstrip("-").isdigit() for i in ids):
            return ids.index(digit)
        index = int(digit) - 1 if digit in "123456789" else None
        return index if index is not None and index < self.option_count else None

    def on_key(self, event: events.Key) -> None:
        index = self.index_for(event.character) if event.character and event.character.isdigit() else None
        if index is not None:
            self.highlighted = index
            event.stop()


class MultiEditor(SelectionList[str]):
    """Numbered options to tick: a digit or space toggles, Enter submits."""

    BINDINGS = [Binding("enter", "confirm", "Opslaan", show=False)]

    @dataclass
    class Confirmed(Message):
        pass

    def on_key(self, event: events.Key) -> None:
        index = _digit(event)
        if index is not None and index < self.option_count:
            self.highlighted = index
            self.toggle(self.get_option_at_index(index).value)
            event.stop()

    def action_confirm(self) -> None:
        self.post_message(self.Confirmed())


class AnswerInput(Vertical):
    """Shows the editor for the current question and reports what was entered."""

    @dataclass
    class Submitted(Message):
        raw: object
        """Text, an option code, a list of codes or a score, for `parse_answer`."""

    editor: Widget | None = None
    shown_text: str = ""
    """The text the editor was filled with, to tell typed work from what is already saved."""

    @property
    def edited(self) -> bool:
        """True when text was typed that is not saved yet (quitting asks first)."""
        return _text_of(self.editor) != self.shown_text

    async def show(self, question: Question | None, previous: AnswerRecord | None = None,
                   *, single_line: bool = False, text: str | None = None) -> None:
        """Replace the editor; prefill it with `previous` (or a draft `text`)."""
        editor = None if question is None else build_editor(question, previous, single_line, text)
        self.shown_text = _text_of(editor)
        if editor is not None and _refill(self.editor, editor):
            return
        await self.remove_children()
        self.editor = editor
        if editor is not None:
            # The local, not self.editor: a second show() (F3 pressed twice quickly) can
            # replace self.editor while this one awaits the mount.
            await self.mount(editor)
            if editor.is_attached:
                # Focus now, not on the next tick (Widget.focus): the held keys are
                # replayed right after this and must reach the new editor.
                self.screen.set_focus(editor)

    @property
    def enter_submits(self) -> bool:
        """Enter saves in every editor but the open answer's, where it starts a new line."""
        return self.editor is not None and not isinstance(self.editor, TextArea)

    def digit_index(self, digit: str) -> int | None:
        """The option a digit picks in a single-choice editor (None: not such an editor)."""
        return self.editor.index_for(digit) if isinstance(self.editor, ChoiceEditor) else None

    def submit_when_settled(self, choose: int | None = None) -> None:
        """Post Submitted once the keys typed before the submit key have had their effect.

        The submit key is a priority binding, run as soon as the app reads it, while keys
        typed just before it may still wait in the editor's queue or be bubbling up to
        their bindings. `choose` highlights that option first (a digit that saves).
        """
        def submit() -> None:
            if choose is not None and isinstance(self.editor, ChoiceEditor):
                self.editor.highlighted = choose
            self.post_message(self.Submitted(self.value()))

        after_queued(self.editor or self, submit)

    def text_now(self) -> str | None:
        """The open answer's text as it stands (for drafts); None for other editors."""
        return self.editor.text if isinstance(self.editor, TextArea) else None

    def value(self) -> object:
        editor = self.editor
        if isinstance(editor, TextArea):
            return editor.text
        if isinstance(editor, Input):
            return editor.value
        if isinstance(editor, MultiEditor):
            return list(editor.selected)
        if isinstance(editor, OptionList) and editor.highlighted is not None:
            return editor.get_option_at_index(editor.highlighted).id
        return None

    @on(Input.Submitted)
    @on(OptionList.OptionSelected)
    @on(MultiEditor.Confirmed)
    def _submitted(self, event: Message) -> None:
        if isinstance(event, OptionList.OptionSelected) and isinstance(self.editor, MultiEditor):
            return  # Space in a SelectionList only toggles; it is not a submit.
        event.stop()
        self.post_message(self.Submitted(self.value()))


def _text_of(editor: Widget | None) -> str:
    if isinstance(editor, TextArea):
        return editor.text.strip()
    if isinstance(editor, Input):
        return editor.value.strip()
    return ""


def build_editor(question: Question, previous: AnswerRecord | None, single_line: bool,
                 draft: str | None = None) -> Widget:
    old = previous.value if previous is not None and previous.answered else None
    kind = question.type
    if kind in (QuestionType.JANEE, QuestionType.KEUZE):
        options = [(o.code, o.label) for o in question.options]
        return _choices(options, old)
    if kind is QuestionType.MEERKEUZE:
        chosen = set(old or [])
        return MultiEditor(*[(Text(f"{i}. {o.label}"), o.code, o.code in chosen)
                             for i, o in enumerate(question.options, start=1)], id="editor")
    if kind in (QuestionType.SCHAAL, QuestionType.ZRM):
        labels = question.scale_labels or (ZRM_LABELS if kind is QuestionType.ZRM else {})
        scores = range(question.scale_min, question.scale_max + 1)
        return _choices([(str(n), labels.get(n, "")) for n in scores], old, numbered=False)
    if kind in LINE_HINTS or single_line:
        placeholder, restrict = LINE_HINTS.get(kind, ("", None))
        text = display_value(question, previous) if old is not None and previous else ""
        return Input(text, placeholder=placeholder, restrict=restrict, id="editor")
    text = draft if draft is not None else str(old or "")
    editor = TextArea(text, id="editor", placeholder="Typ het antwoord; Ctrl+S slaat op")
    editor.move_cursor(editor.document.end)
    return editor


def _refill(current: Widget | None, new: Widget) -> bool:
    """Load `new`'s content into the mounted editor when both are of the same kind.

    Keeping the widget keeps the focus, so the footer need not recompose its keys;
    that and the saved mount are most of the time between Enter and the next question.
    """
    if type(current) is ChoiceEditor and type(new) is ChoiceEditor:
        current.clear_options()
        current.add_options(new.options)
        current.highlighted = new.highlighted if new.highlighted is not None else 0
        return True
    if type(current) is TextArea and type(new) is TextArea:
        current.load_text(new.text)
        current.move_cursor(current.document.end)
        return True
    return False


def _choices(options: list[tuple[str, str]], old: object, *, numbered: bool = True) -> ChoiceEditor:
    def prompt(index: int, code: str, label: str) -> str:
        if not numbered:
            return f"{code}. {label}" if label else code
        return f"{index}. {label}"

    editor = ChoiceEditor(*[Option(prompt(i, code, label), id=code)
                            for i, (code, label) in enumerate(options, start=1)],
                          id="editor", markup=False)
    codes = [code for code, _ in options]
    if old is not None and str(old) in codes:
        editor.highlighted = codes.index(str(old))
    return editor
