"""Text fit to print on a terminal: one copy for the ``liftcalm`` commands and ``liftcalm session``."""

from __future__ import annotations

# Control characters and the marks that turn text right to left: an exercise name is the person's
# own text (or an imported file's), and must not be able to move the cursor or rewrite the terminal.
_TERMINAL_CONTROLS = dict.fromkeys([*range(0x00, 0x20), *range(0x7F, 0xA0), 0x061C, 0x200E, 0x200F,
                                    *range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def terminal_text(text: object) -> str:
    """``text`` without control characters, on one line (line breaks and tabs become spaces)."""
    return str(text).replace("\n", " ").replace("\t", " ").translate(_TERMINAL_CONTROLS)
