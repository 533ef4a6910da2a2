"""The event as a few lines of text to paste into a WhatsApp or Signal group: each language's
title (bold in WhatsApp's *stars*), day, date and time, and call to action, then the place and
the link once."""

from __future__ import annotations

from rallyorg.flyers.content import FlyerContent


def chat_text(content: FlyerContent) -> str:
    blocks = []
    for half in content.languages:
        lines = [f"*{half.title}*" if half.title else "", f"{half.date} · {half.time}"]
        if half.call_to_action:
            lines.append(" ".join(half.call_to_action.split()))
        blocks.append("\n".join(line for line in lines if line))
    first = content.languages[0]
    shared = [", ".join(part for part in (first.venue_name, first.venue_address) if part), content.url]
    blocks.append("\n".join(line for line in shared if line))
    return "\n\n".join(block for block in blocks if block) + "\n"
