"""File > Restore a backup: every backup with when it was saved and what it holds; choose one to restore."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from liftcalm.store.backups import BackupInfo, BackupKind
from liftcalm.ui.background import StoreOp
from liftcalm.ui.look import plural

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
NO_BACKUPS_TEXT = ("There are no backups yet. LiftCalm saves one each day it starts; "
                   "you can also choose a copy you saved with File > Save a backup copy.")


def day_text(day) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def saved_text(info: BackupInfo) -> str:
    """When the file was saved: "Saturday 1 November 2026, 06:12"."""
    return f"{day_text(info.saved_at)}, {info.saved_at:%H:%M}" if info.saved_at else "date unknown"


def size_text(size: int) -> str:
    return f"{size / 1024:,.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:,.1f} MB"


def contents_text(info: BackupInfo, separator: str = "  ·  ") -> str:
    """What a usable backup holds: "624 sessions, the last on Wednesday 31 December 2025 · 4 routines"."""
    if info.sessions == 0:
        sessions = "No sessions"
    else:
        sessions = plural(info.sessions, "session")
        if info.last_session is not None:
            sessions += f", the last on {day_text(info.last_session)}"
    return f"{sessions}{separator}{plural(info.routines, 'routine')}"


def kind_text(info: BackupInfo) -> str:
    if info.kind is BackupKind.DAILY:
        return "Daily backup"
    if info.kind is BackupKind.BEFORE_RESTORE:
        return "Saved before a restore"
    return f"Chosen file {info.path.name}"


def backup_text(info: BackupInfo) -> str:
    """Two lines: when, what kind and how big; then what it holds, or why it cannot be restored."""
    first = f"{saved_text(info)}  ·  {kind_text(info)}  ·  {size_text(info.size)}"
    second = contents_text(info) if info.usable else f"Cannot be restored: {info.problem}"
    return f"{first}\n{second}"


class RestoreDialog(QDialog):
    """Lists the daily backups, the copies saved before a restore, and any file the person chooses.

    What each file holds is read on a worker: every file is checked whole, which on years of
    training takes longer than a frame. ``backups_read`` follows each reading (``reading`` counts
    those under way). On accept,
    ``chosen`` is the file to restore and ``chosen_info`` what it holds.
    """

    backups_read = Signal()

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Restore a backup")
        self.resize(620, 420)
        self.store = store
        self.chosen: Path | None = None
        self.chosen_info: BackupInfo | None = None
        self._backups: dict[Path, BackupInfo] = {}
        self.reading = 0

        explanation = QLabel(
            "LiftCalm saves a backup of your data once a day, beside the database, and keeps the last 7; "
            "a copy is also saved before every restore. Restoring one replaces everything; what you have now "
            "is saved first.", self)
        explanation.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Backups")
        self.list.setWordWrap(True)
        self.list.setSpacing(4)
        self.status = QLabel("Reading your backups…", self)
        self.status.setWordWrap(True)
        self.choose_button = QPushButton("Choose a &file…", self)
        self.choose_button.setToolTip("A copy saved with File > Save a backup copy, or another LiftCalm database")
        self.choose_button.clicked.connect(lambda: self.choose_file())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.restore_button.setText("&Restore…")
        self.restore_button.setEnabled(False)
        buttons.addButton(self.choose_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.list.currentItemChanged.connect(self._on_list_current_item_changed)
        self.list.itemActivated.connect(lambda _item: self.accept())

        self.reading += 1
        StoreOp(parent=self, store=store, work=lambda worker: worker.backups(), success=self._on_backups_read
                ).failure(self._on_read_failed).run_in_background()

    @property
    def backups(self) -> list[BackupInfo]:
        """What the list shows, in its order: newest first."""
        return [self._backups[Path(self.list.item(row).data(PATH_ROLE))] for row in range(self.list.count())]

    def choose_file(self, path: str | Path | None = None) -> None:
        """Add a file of the person's choosing to the list (read on a worker), and select it."""
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, "Choose a backup file", str(Path.home()),
                                                  "LiftCalm databases (*.db);;All files (*)")
        if not path:
            return
        path = Path(path)
        self.status.setText(f"Reading {path.name}…")
        self.reading += 1
        StoreOp(parent=self, store=self.store, work=lambda worker: worker.describe_backup(path),
                success=self._on_file_read).failure(self._on_read_failed).run_in_background()

    def accept(self) -> None:
        info = self._current_info()
        if info is None or not info.usable:
            return
        self.chosen, self.chosen_info = info.path, info
        super().accept()

    def _on_backups_read(self, found: list[BackupInfo]) -> None:
        self.reading -= 1
        for info in found:
            self._backups[info.path.resolve()] = info
        self._fill(select=None)
        self.status.setText("" if self._backups else NO_BACKUPS_TEXT)
        self.backups_read.emit()

    def _on_file_read(self, info: BackupInfo) -> None:
        self.reading -= 1
        self._backups[info.path.resolve()] = info
        self._fill(select=info.path.resolve())
        self.status.setText("" if info.usable else f"{info.path.name} cannot be restored; the reason is in the list.")
        self.backups_read.emit()

    def _on_read_failed(self, error: Exception) -> None:
        self.reading -= 1
        self.status.setText(f"The backups could not be read: {error}")
        self.backups_read.emit()

    def _fill(self, select: Path | None) -> None:
        """Show every file known, newest first; keep the selection unless ``select`` says otherwise."""
        current = self._current_info()
        if select is None and current is not None:
            select = current.path.resolve()
        ordered = sorted(self._backups.items(), key=lambda pair: (pair[1].saved_at is not None,
                                                                   pair[1].saved_at, pair[1].path.name), reverse=True)
        self.list.clear()
        dimmed = self.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        for key, info in ordered:
            item = QListWidgetItem(backup_text(info))
            item.setData(PATH_ROLE, str(key))
            item.setToolTip(str(info.path))
            if not info.usable:
                item.setForeground(dimmed)
            self.list.addItem(item)
            if key == select:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self._update_restore_button()

    def _current_info(self) -> BackupInfo | None:
        item = self.list.currentItem()
        return self._backups.get(Path(item.data(PATH_ROLE))) if item is not None else None

    def _on_list_current_item_changed(self, _current, _previous) -> None:
        self._update_restore_button()

    def _update_restore_button(self) -> None:
        info = self._current_info()
        self.restore_button.setEnabled(info is not None and info.usable)
