"""Chat bubbles: the assistant's question and the inspector's answer.

Text is built with rich `Text` (never markup) because answers may contain brackets,
and styled only with dim/bold/italic so the theme decides the colours.
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.widgets import Static

from interviewer.core.answers import AnswerRecord, display_value
from interviewer.core.models import Question, Section

POLARITY_LABELS = {"+": "+ ondersteunt de norm", "-": "− spreekt de norm tegen", "0": "0 neutraal"}


class AssistantBubble(Static):
    """A line from the assistant (intake prompts, notices)."""

    DEFAULT_CLASSES = "bubble assistant"

    def __init__(self, text: str, *, note: str | None = None, classes: str | None = None) -> None:
        content = Text(text, style="bold")
        if note:
            content.append("\n" + note, style="dim")
        super().__init__(content, classes=classes)


_LIST_ITEM = re.compile(r"^\s*([-*•]|\d+[.)])\s")


def reflow(text: str) -> str:
    """Undo the hard line breaks of a YAML block so the terminal wraps the text itself.

    Blank lines stay paragraph breaks and list items keep their own line; without this a
    line broken at 90 columns in the file shows up as a stray one-word line at 80.
    """
    paragraphs = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        lines: list[str] = []
        for line in paragraph.splitlines():
            if lines and not _LIST_ITEM.match(line):
                lines[-1] = f"{lines[-1]} {line.strip()}"
            else:
                lines.append(line.strip())
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


class ScriptBubble(Static):
    """A text the inspector reads out (intro, consent script): a title and plain body."""

    DEFAULT_CLASSES = "bubble assistant script"

    def __init__(self, title: str, body: str) -> None:
        super().__init__(Text.assemble((title, "bold"), "\n\n", reflow(body)))


class UserBubble(Static):
    """What the inspector entered during the intake."""

    DEFAULT_CLASSES = "bubble answer"

    def __init__(self, text: str) -> None:
        super().__init__(Text(text))


class QuestionBubble(Static):
    """A question with its section, hint, guidance and doorvragen (the last three quiet)."""

    DEFAULT_CLASSES = "bubble question"

    def __init__(self, question: Question, section: Section, *, revisit: bool = False) -> None:
        self.question = question
        super().__init__(question_text(question, section, revisit=revisit))


def question_text(question: Question, section: Section, *, revisit: bool = False) -> Text:
    text = Text()
    prefix = "Terug naar: " if revisit else ""
    text.append(f"{prefix}{section.title}\n", style="dim")
    text.append(question.text + (" *" if question.required else ""), style="bold")
    if question.hint:
        text.append(f"\n{question.hint}", style="italic")
    if question.guidance:
        text.append(f"\nAanwijzing: {question.guidance}", style="dim")
    for probe in question.doorvragen:
        text.append(f"\n  › {probe}", style="dim italic")
    return text


class AnswerBubble(Static):
    """The recorded answer with its status, remark, quote and polarity markers."""

    DEFAULT_CLASSES = "bubble answer"

    def __init__(self, question: Question, record: AnswerRecord,
                 previous: AnswerRecord | None = None) -> None:
        self.question = question
        self.previous = previous
        super().__init__(answer_text(question, record, previous))

    def show_record(self, record: AnswerRecord) -> None:
        """Redraw after an annotation (remark, quote, polarity) changed the answer."""
        self.update(answer_text(self.question, record, self.previous))


def answer_text(question: Question, record: AnswerRecord, previous: AnswerRecord | None) -> Text:
    text = Text(display_value(question, record))
    markers = []
    if record.quote:
        markers.append("citaat")
    if record.polarity:
        markers.append(f"polariteit {POLARITY_LABELS[record.polarity]}")
    if markers:
        text.append("\n[" + "] [".join(markers) + "]", style="italic")
    if record.remark:
        text.append(f"\nOpmerking: {record.remark}", style="dim")
    if previous is not None:
        text.append(f"\neerder: {display_value(question, previous)}", style="dim")
    return text
