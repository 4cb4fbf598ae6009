"""Guard against a PySide6 build that loses a reference to None on every void call.

PySide6 6.12.0 on Python 3.11 does: ``widget.update()`` and every other call returning
nothing decrements None's reference count, and the interpreter aborts ("none_dealloc")
after a few thousand repaints, mid-session. pyproject.toml excludes that build.
"""

import sys

from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QWidget


def test_void_calls_keep_none_alive(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    pixmap = QPixmap(8, 8)
    painter = QPainter(pixmap)
    before = sys.getrefcount(None)
    for _ in range(500):
        widget.update()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor("red"))
    after = sys.getrefcount(None)
    painter.end()
    assert after >= before - 50, f"None lost {before - after} references in 1,500 calls"
