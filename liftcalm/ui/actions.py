"""Small shared pieces of every page: actions, platform shortcuts, blocked signals, delete confirmation."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from liftcalm.ui import theme

Keys = Iterable["str | QKeySequence.StandardKey"]


def key_sequences(keys: Keys) -> list[QKeySequence]:
    """Key sequences for ``keys``: text like "Ctrl+E", or a ``QKeySequence.StandardKey``.

    A standard key brings this platform's bindings (Undo is Ctrl+Z here, Cmd+Z on a Mac); one
    the platform has no binding for is left out, so give a text key after it as the fallback.
    """
    sequences: list[QKeySequence] = []
    for key in keys:
        found = QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey) else [QKeySequence(key)]
        sequences += [sequence for sequence in found if sequence not in sequences]
    return sequences


def make_action(owner: QWidget, text: str, slot: Callable | None = None, *, keys: Keys = (), icon: str | None = None,
                tip: str = "", short_text: str = "", checkable: bool = False,
                context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut) -> QAction:
    """An action of ``owner``: its shortcuts (work while ``owner``'s window is active), icon and tooltip.

    The tooltip names the first shortcut as this platform writes it; ``short_text`` is what a
    tool button shows beside the icon.
    """
    action = QAction(theme.icon(icon) if icon else QIcon(), text, owner)  # drawn in the theme's colours
    sequences = key_sequences(keys)
    action.setShortcuts(sequences)
    shown = sequences[0].toString(QKeySequence.SequenceFormat.NativeText) if sequences else ""
    action.setToolTip((tip or text.replace("&", "").rstrip("…")) + (f" ({shown})" if shown else ""))
    action.setShortcutContext(context)
    action.setCheckable(checkable)
    if short_text:
        action.setIconText(short_text)
    if slot is not None:
        action.triggered.connect(slot)
    owner.addAction(action)
    return action


@contextlib.contextmanager
def signals_blocked(*objects: QObject) -> Iterator[None]:
    """Change widgets without their signals, so a two-way binding does not loop; exception-safe."""
    previous = [obj.blockSignals(True) for obj in objects]
    try:
        yield
    finally:
        for obj, was_blocked in zip(objects, previous):
            obj.blockSignals(was_blocked)


def confirm_delete(parent: QWidget, title: str, text: str) -> bool:
    """Ask before deleting; Cancel is the default. True when the person chose Delete."""
    box = QMessageBox(QMessageBox.Icon.Question, title, f"{text}\n\nYou can undo this with Ctrl+Z.", parent=parent)
    delete = box.addButton("&Delete", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    box.deleteLater()
    return box.clickedButton() is delete
