"""The plate calculator as a widget: the plates of one side drawn on the sleeve, and the line to read.

It follows whatever load it is given (``show_load``), with no dialog: place it on the set
screen or in the routine editor and call ``show_load`` whenever the set shown changes.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from liftcalm.core.load_display import format_weight
from liftcalm.core.plates import PlateInventory, PlateLoad, load_plates

# Competition colours by weight, in kilograms and in pounds; other plates are grey.
_COLOURS = {25.0: "#c62828", 20.0: "#1565c0", 15.0: "#f9a825", 10.0: "#2e7d32", 5.0: "#eeeeee",
            45.0: "#1565c0", 35.0: "#f9a825"}


class PlateView(QWidget):
    """Shows the plates per side for a load: a drawing and one line, e.g. "20 + 10 per side on the 20 kg bar"."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.drawing = _PlateDrawing(self)
        self.text = QLabel(self)
        self.text.setObjectName("plateText")
        self.text.setWordWrap(True)
        self.text.setAccessibleName("Plates per side")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.drawing)
        layout.addWidget(self.text, 1)
        self.plate_load: PlateLoad | None = None

    def show_load(self, load_kg: float | None, inventory: PlateInventory) -> None:
        """Follow a new load (None: nothing to load, the widget says so)."""
        if load_kg is None or load_kg <= 0:
            self.plate_load = None
            self.text.setText("No load to put on the bar.")
        else:
            self.plate_load = load_plates(load_kg, inventory)
            self.text.setText(self.plate_load.describe())
        self.drawing.set_plates(self.plate_load)
        self.setToolTip(self.text.text())


class _PlateDrawing(QWidget):
    """One sleeve of the bar with its plates, heaviest nearest the collar, as loaded."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._load: PlateLoad | None = None
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(150, 44)

    def set_plates(self, load: PlateLoad | None) -> None:
        self._load = load
        self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        height = self.height()
        middle = height / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(QPalette.ColorRole.Mid))
        painter.drawRect(QRectF(0, middle - 3, self.width(), 6))  # the sleeve
        painter.drawRect(QRectF(6, middle - 8, 6, 16))  # the collar
        if self._load is None:
            return
        heaviest = max((*self._load.per_side, 1.0))
        x = 14.0
        font = painter.font()
        font.setPointSizeF(max(6.0, font.pointSizeF() - 2))
        painter.setFont(font)
        for plate in self._load.per_side:
            plate_height = max(10.0, (height - 2) * (0.35 + 0.65 * plate / max(heaviest, 20.0)))
            width = 12.0 if plate >= 10 else 9.0
            if x + width > self.width():
                break
            colour = QColor(_COLOURS.get(plate, "#9e9e9e"))
            painter.setBrush(colour)
            painter.setPen(palette.color(QPalette.ColorRole.Shadow))
            rect = QRectF(x, middle - plate_height / 2, width, plate_height)
            painter.drawRoundedRect(rect, 2, 2)
            painter.save()
            painter.translate(rect.center())
            painter.rotate(-90)
            painter.setPen(QColor("#000000") if colour.lightness() > 140 else QColor("#ffffff"))
            painter.drawText(QRectF(-plate_height / 2, -width / 2, plate_height, width),
                             Qt.AlignmentFlag.AlignCenter, format_weight(plate))
            painter.restore()
            x += width + 1
