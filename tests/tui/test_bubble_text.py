"""Scripts read out to the respondent wrap with the terminal, not with the YAML file."""

from __future__ import annotations

from interviewer.tui.widgets.bubble import reflow


def test_hard_breaks_inside_a_paragraph_are_joined() -> None:
    text = "zodat ze niet tot u of tot\nhet gezin te herleiden zijn.\n\nNieuwe alinea."
    assert reflow(text) == "zodat ze niet tot u of tot het gezin te herleiden zijn.\n\nNieuwe alinea."


def test_list_items_keep_their_own_line() -> None:
    text = "U kunt:\n- stoppen wanneer u wilt\n- een vraag\n  overslaan\n1. of iets anders"
    assert reflow(text) == "U kunt:\n- stoppen wanneer u wilt\n- een vraag overslaan\n1. of iets anders"
