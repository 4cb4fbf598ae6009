"""After the last set: what you did, what it cost, what eased, and how you feel now."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from liftcalm.core.analytics import volume_left_out_text
from liftcalm.core.durations import format_minutes
from liftcalm.core.load_display import display_set_load
from liftcalm.core.scales import STRESS_FINAL
from liftcalm.core.session_summary import CALMER_BY_POINTS
from liftcalm.core.units import Unit, format_load
from liftcalm.ui import theme
from liftcalm.ui.look import make_heading, make_muted, plural
from liftcalm.ui.session.rating_row import RatingRow


def format_rating(value: float | None, count: int, total: int) -> str:
    if value is None:
        return f"not rated (0 of {total} sets)"
    return f"{value:.1f} / 10  ({count} of {total} sets rated)"


def signed(value: float, text: str) -> str:
    return f"+{text}" if value > 0 else text


class SummaryScreen(QWidget):
    finish_requested = Signal(object, str)  # final stress (None if skipped), note

    def __init__(self, parent=None):
        super().__init__(parent)
        self._calm = False
        # What was done, in one card; how it feels now and a note, in another, with Finish.
        figures_card = theme.Card(self, padding=theme.SPACE_L)
        self.title = make_heading(QLabel(figures_card), "title")
        self.title.setWordWrap(True)
        self.loading = make_muted(QLabel("Adding it up…", figures_card))
        self.figures = QFormLayout()
        self.figures.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.figures.setHorizontalSpacing(theme.SPACE_L)
        self.figures.setVerticalSpacing(theme.SPACE_XS)
        self.duration = QLabel(figures_card)
        self.sets = QLabel(figures_card)
        self.volume = QLabel(figures_card)
        self.volume.setWordWrap(True)
        self.stress = QLabel(figures_card)
        self.relief = QLabel(figures_card)
        self.relief.setWordWrap(True)
        self.records = QLabel(figures_card)
        self.records.setWordWrap(True)
        self.comparison = QLabel(figures_card)
        self.comparison.setWordWrap(True)
        self.next_time = QLabel(figures_card)
        self.next_time.setWordWrap(True)
        self.next_time.setAccessibleName("What will be suggested next time")
        for label, value in (("Duration", self.duration), ("Sets", self.sets), ("Volume load", self.volume),
                             ("Mean stress after sets", self.stress), ("Mean relief", self.relief),
                             ("Personal records", self.records), ("Last time", self.comparison),
                             ("Next time", self.next_time)):
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            caption = make_muted(QLabel(f"{label}:", figures_card))
            caption.setBuddy(value)
            if not value.accessibleName():
                value.setAccessibleName(label)
            self.figures.addRow(caption, value)
        relief_hint = make_muted(QLabel("Relief is the stress right after a set minus the stress at the end of "
                                        "its rest: how much the rest gave back.", figures_card))
        relief_hint.setWordWrap(True)
        figures = QVBoxLayout(figures_card)
        figures.setSpacing(theme.SPACE_S)
        figures.addWidget(self.title)
        figures.addWidget(self.loading)
        figures.addLayout(self.figures)
        figures.addWidget(relief_hint)

        finish_card = theme.Card(self, padding=theme.SPACE_L)
        self.final_stress = RatingRow(finish_card)
        self.final_stress.set_scale(STRESS_FINAL)
        self.note = QLineEdit(finish_card)
        self.note.setPlaceholderText("A note about today, if you like")
        self.note.setAccessibleName("Session note")
        self.note.setAccessibleDescription("Optional; kept with this session in History")
        self.note.setMaxLength(500)
        self.note.returnPressed.connect(self._on_finish_button_clicked)
        note_label = QLabel("&Note:", finish_card)
        note_label.setBuddy(self.note)
        self.finish_button = QPushButton("Finish and save  (Enter)", finish_card)
        self.finish_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.finish_button.setMinimumHeight(44)
        self.finish_button.clicked.connect(self._on_finish_button_clicked)
        theme.set_tone(self.finish_button, "primary")
        finish = QVBoxLayout(finish_card)
        finish.setSpacing(theme.SPACE_S)
        finish.addWidget(self.final_stress)
        note_row = QHBoxLayout()
        note_row.addWidget(note_label)
        note_row.addWidget(self.note, 1)
        finish.addLayout(note_row)
        finish.addWidget(self.finish_button)

        content = QWidget(self)
        column = QVBoxLayout(content)
        column.setContentsMargins(theme.SPACE_XL, theme.SPACE_L, theme.SPACE_XL, theme.SPACE_L)
        column.setSpacing(theme.SPACE_M)
        column.addWidget(figures_card)
        column.addWidget(finish_card)
        column.addStretch(1)
        # A long list of records or of next time's suggestions scrolls; it never squeezes the rest.
        scroll = QScrollArea(self)
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys belong to the session: digits rate, Enter saves
        scroll.viewport().setBackgroundRole(self.backgroundRole())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def begin(self, routine_name: str, calm: bool = False) -> None:
        """Show the screen at once; the figures follow when they are computed.

        A calm session (breathing, stretching) lifts nothing: its volume row says so, not "0 kg".
        """
        self._calm = calm
        self.title.setText(f"Well done: {routine_name}")
        self.loading.show()
        for label in (self.duration, self.sets, self.volume, self.stress, self.relief, self.records,
                      self.comparison, self.next_time):
            label.setText("…")
        self.final_stress.clear()
        self.note.clear()

    def show_next_time(self, lines: list[str]) -> None:
        """What will be suggested next time, one line per exercise with its reason."""
        self.next_time.setText("\n".join(lines) if lines else "the plan as written (no progression set)")

    def show_summary(self, summary, unit: Unit) -> None:
        self.loading.hide()
        self.duration.setText(format_minutes(summary.duration_s))
        self.sets.setText(f"{summary.set_count} ({summary.working_set_count} working)")
        if self._calm:
            volume = "none: a calm practice lifts nothing"
        elif summary.volume_load_kg is None:
            volume = "not known: no working set with reps and a known load"
        else:
            volume = f"{format_load(summary.volume_load_kg, unit)} {unit}  (reps × load, working sets)"
        self.volume.setText(volume + (f"\n{text}" if (text := volume_left_out_text(summary.volume_left_out)) else ""))
        self.stress.setText(format_rating(summary.mean_stress_after_set, summary.rated_set_count, summary.set_count))
        if summary.mean_relief is None:
            self.relief.setText("not enough ratings for relief yet")
        else:
            self.relief.setText(f"{summary.mean_relief:.1f} points  ({plural(summary.relief_count, 'rest')}); "
                                f"rests that ended calmer by {CALMER_BY_POINTS} points or more: "
                                f"{summary.calmer_count} of {summary.relief_count}")
        if summary.records:
            self.records.setText("\n".join(
                f"{r.exercise_name}: {r.reps} × {display_set_load(r.load_kg, unit, r.body_load)}, estimated 1RM "
                f"{format_load(round(r.e1rm_kg, 1), unit)} {unit}"
                + ("" if r.previous_best_kg is None else f" (was {format_load(round(r.previous_best_kg, 1), unit)})")
                for r in summary.records))
        else:
            self.records.setText("none this time; records are not the point of every session")
        self.comparison.setText(self.comparison_text(summary, unit, calm=self._calm))

    @staticmethod
    def comparison_text(summary, unit: Unit, calm: bool = False) -> str:
        """Last time, alike with alike: a shorter session beside the last shorter one, and early ends said."""
        comparison = summary.comparison
        if comparison is None:
            if summary.shorter:
                return "this was the shorter version; there is no earlier shorter one to compare with"
            if summary.other_version_before:
                return ("no earlier full session of this routine to compare with: "
                        "the earlier ones were the shorter version")
            return "the first time with this routine"
        version = "the last shorter session, " if summary.shorter else ""
        volume = ("no known volume" if comparison.volume_load_kg is None
                  else f"{format_load(comparison.volume_load_kg, unit)} {unit}")
        parts = [f"{version}{comparison.date[:10]}: {format_minutes(comparison.duration_s)}"
                 + ("" if calm else f", {volume}")]
        change = comparison.volume_change_kg
        if change is not None and not calm:  # in words: "-11025 kg today" read as a weight, not a difference
            amount = format_load(abs(change), unit)
            parts.append("the same volume today" if amount == format_load(0.0, unit) else
                         f"{amount} {unit} {'more' if change > 0 else 'less'} volume today")
        stress = comparison.stress_change
        if stress is not None:
            parts.append("the same mean stress today" if f"{abs(stress):.1f}" == "0.0" else
                         f"mean stress {abs(stress):.1f} {'higher' if stress > 0 else 'lower'} today")
        if summary.volume_left_out or comparison.volume_left_out:
            parts.append(f"volume compared over sets with a known load ({summary.volume_left_out} left out today, "
                         f"{comparison.volume_left_out} then)")
        if summary.ended_early and comparison.ended_early:
            parts.append("both sessions ended before their plan did, so they may not be alike")
        elif summary.ended_early:
            parts.append("this session ended before its plan did, so the two are not like for like")
        elif comparison.ended_early:
            parts.append("that session ended before its plan did, so the two are not like for like")
        return "; ".join(parts)

    def press_digit(self, digit: int) -> None:
        self.final_stress.press_digit(digit)

    def _on_finish_button_clicked(self) -> None:
        self.finish_requested.emit(self.final_stress.value, self.note.text().strip())
