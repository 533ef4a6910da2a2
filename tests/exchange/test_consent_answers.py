"""Yes/no answers as sign-up forms collect them, in English, Spanish and Portuguese: a clear
answer may carry a qualifier; anything doubtful is not consent."""

from __future__ import annotations

import pytest

from rallyorg.exchange.values import parse_bool


@pytest.mark.parametrize(
    ("answer", "meaning"),
    [
        ("Sí", True),
        ("Sí, por WhatsApp", True),  # a Google Forms "Other" answer
        ("sim, mas só à noite", True),
        ("Yes - text me", True),
        ("Claro que sí", True),
        ("subscribed", True),  # Action Network
        ("No", False),
        ("No, gracias", False),
        ("Não, obrigada", False),
        ("unsubscribed", False),
        ("never subscribed", False),
        ("", None),
    ],
)
def test_clear_answers(answer: str, meaning: bool | None) -> None:
    assert parse_bool(answer) is meaning


@pytest.mark.parametrize(
    "answer",
    [
        "bouncing",
        "talvez",
        "no sé",
        "Sí/No",
        "Sí, pero no por teléfono",
        "maybe later",
        "depende",
        "whatever",
    ],
)
def test_doubtful_answers_are_not_read_as_yes_or_no(answer: str) -> None:
    with pytest.raises(ValueError):
        parse_bool(answer)
