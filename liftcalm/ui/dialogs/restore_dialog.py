"""File > Restore a backup: choose one of the daily backups, confirm, and it replaces everything."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout

from liftcalm.store.backups import list_backups

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class RestoreDialog(QDialog):
    def __init__(self, db_path: Path, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Restore a backup")
        self.resize(460, 360)
        self.chosen: Path | None = None
        self.list = QListWidget(self)
        for day, path in list_backups(db_path):
            item = QListWidgetItem(f"{day:%A %d %B %Y}  ·  {path.stat().st_size / 1024:,.0f} KB")
            item.setData(PATH_ROLE, str(path))
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        explanation = QLabel(
            "LiftCalm saves a backup of your data once a day, beside the database, and keeps the last 7. "
            "Restoring one replaces everything; what you have now is saved first, so nothing is lost.", self)
        explanation.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Restore…")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.list.count() > 0)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.list if self.list.count() else QLabel("There are no backups yet.", self))
        layout.addWidget(buttons)
        self.list.setVisible(self.list.count() > 0)
        self.list.itemActivated.connect(lambda _item: self.accept())

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.chosen = Path(item.data(PATH_ROLE))
        super().accept()
