"""Training preferences: applied and saved the moment they change."""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from liftcalm.core import reminders
from liftcalm.core.bodyweight import check_body_weight
from liftcalm.core.load_display import display_load, load_number
from liftcalm.core.plates import STANDARD_BARS, format_plates, parse_bar, parse_plates
from liftcalm.core.tones import TONE_NAMES, TONES
from liftcalm.core.units import Unit, kg_to_unit
from liftcalm.core.validation import ValidationError, parse_load, parse_rest
from liftcalm.core.warmup import format_scheme, parse_scheme
from liftcalm.store.settings import THEMES, VOLUME_RANGE
from liftcalm.ui.session.rest_alerts import SoundsFactory
from liftcalm.ui.session.rest_sounds import RestSounds, SoundUnavailable, sound_unavailable_reason
from liftcalm.ui.theme import MODE_LABELS
from liftcalm.ui.validated_field import ValidatedField

# The rest alerts' switches: setting key and check box text (mnemonics unique in the dialog).
ALERT_SWITCHES = (
    ("sound_on", "Play a &sound when a rest ends"),
    ("countdown_beeps", "Count&down beeps 3, 2, 1 seconds before the end"),
    ("notifications", "Desktop &notification when a rest ends"),
    ("taskbar_alert", "&Flash the taskbar when a rest ends"),
    ("tray_time", "Rest time &left on the tray icon"),
)
SOUND_UNAVAILABLE = ("Sound is unavailable: install libpulse0 (Debian/Ubuntu: sudo apt-get install libpulse0), "
                     "then restart LiftCalm. The other alerts still work.")


class PreferencesDialog(QDialog):
    """Each change is saved at once; the store announces it to every page.

    The test sound's player is built on the first click of "Test sound"; QtMultimedia is
    imported when the dialog opens, to say whether sound can play at all. Where it cannot,
    the sound controls are disabled and keep the saved settings as they are.
    """

    def __init__(self, store, parent=None, *, sounds_factory: SoundsFactory | None = None):
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self._store = store
        self._sounds_factory = sounds_factory or _cue_sounds
        self._sounds: RestSounds | None = None
        self._sound_problem = sound_unavailable_reason()  # None: this computer can play sounds
        self.unit = QComboBox(self)
        self.unit.addItem("Kilograms (kg)", Unit.KG.value)
        self.unit.addItem("Pounds (lb)", Unit.LB.value)
        self.unit.setCurrentIndex(self.unit.findData(store.settings.unit.value))
        self.default_rest = ValidatedField(parse_rest)
        self.default_rest.set_value(store.settings.default_rest_s)
        self.theme = QComboBox(self)
        for key in THEMES:
            self.theme.addItem(MODE_LABELS[key], key)
        self.theme.setCurrentIndex(self.theme.findData(store.settings.theme))
        self.theme.setToolTip("Light or dark, or as your desktop is set; every window changes at once")
        self.theme.setAccessibleName("Theme")
        self.unit.setAccessibleName("Weight unit")
        self.theme.setAccessibleDescription("Follow the system, Light or Dark; every window changes at once")
        hint = QLabel("Loads are stored in kilograms and shown in the unit you choose. "
                      "The default rest is used for exercises you add.", self)
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        columns = QHBoxLayout()
        outer.addLayout(columns)
        form = QFormLayout()
        columns.addLayout(form, 1)
        right = QVBoxLayout()
        right.addWidget(self._build_plates())
        right.addWidget(self._build_body_weight())
        right.addWidget(self._build_reminder())
        right.addStretch(1)
        columns.addLayout(right, 1)
        form.addRow("T&heme:", self.theme)
        form.addRow("&Weight unit:", self.unit)
        form.addRow("Default &rest (s):", self.default_rest)
        self.default_rest.name_from(form.labelForField(self.default_rest), "Used for exercises you add")
        form.addRow(hint)
        self.coaching_lines = QCheckBox("Show a &coaching line in each rest", self)
        self.coaching_lines.setChecked(store.settings.coaching_lines)
        self.coaching_lines.toggled.connect(partial(self._on_switch_toggled, "coaching_lines"))
        form.addRow(self.coaching_lines)
        form.addRow(self._build_alerts())
        form.addRow(self._build_eyes_free())
        outer.addWidget(buttons)
        self.unit.currentIndexChanged.connect(self._on_unit_changed)
        self.theme.currentIndexChanged.connect(self._on_theme_changed)
        self.default_rest.value_committed.connect(self._on_default_rest_committed)

    def _build_alerts(self) -> QGroupBox:
        settings = self._store.settings
        group = QGroupBox("Rest alerts", self)
        self.switches: dict[str, QCheckBox] = {}
        for key, text in ALERT_SWITCHES:
            box = QCheckBox(text, group)
            box.setChecked(getattr(settings, key))
            box.toggled.connect(partial(self._on_switch_toggled, key))
            self.switches[key] = box
        self.volume = QSlider(Qt.Orientation.Horizontal, group)
        self.volume.setRange(*VOLUME_RANGE)
        self.volume.setSingleStep(5)
        self.volume.setPageStep(10)
        self.volume.setValue(settings.volume)
        self.volume.setTracking(False)  # a drag saves once, when the slider is let go
        self.volume.setAccessibleName("Volume, percent")
        self.volume.setAccessibleDescription("Loudness of the rest sounds, 0 to 100 percent")
        self.volume_value = QLabel(group)
        self.volume_value.setMinimumWidth(self.volume_value.fontMetrics().horizontalAdvance("100%"))
        self._show_volume(self.volume.value())
        self.test_sound = QPushButton("&Test sound", group)
        self.cue_tone = QComboBox(group)
        for tone in TONES:
            self.cue_tone.addItem(TONE_NAMES[tone], tone)
        self.cue_tone.setCurrentIndex(self.cue_tone.findData(settings.cue_tone))
        self.cue_tone.setAccessibleName("Sound of the cues")
        self.cue_tone.setAccessibleDescription("The end of a rest, the last three seconds and the end of a timed set "
                                               "each have their own sound in this tone")
        self.cue_tone.setToolTip("Rest over, the last seconds and a timed set's end each sound different")
        self.cue_tone.currentIndexChanged.connect(self._on_cue_tone_changed)
        volume_label = QLabel("&Volume:", group)
        volume_label.setBuddy(self.volume)
        volume_row = QHBoxLayout()
        volume_row.addWidget(volume_label)
        volume_row.addWidget(self.volume, 1)
        volume_row.addWidget(self.volume_value)
        volume_row.addWidget(self.cue_tone)
        volume_row.addWidget(self.test_sound)
        layout = QVBoxLayout(group)
        self.sound_note = QLabel(SOUND_UNAVAILABLE, group)
        self.sound_note.setWordWrap(True)
        layout.addWidget(self.switches["sound_on"])
        layout.addWidget(self.sound_note)
        layout.addLayout(volume_row)
        for key, _text in ALERT_SWITCHES[1:]:
            layout.addWidget(self.switches[key])
        if not QSystemTrayIcon.isSystemTrayAvailable():
            note = QLabel("This desktop has no system tray: the end of a rest is announced "
                          "in LiftCalm's window instead.", group)
            note.setWordWrap(True)
            layout.addWidget(note)
        self.volume.sliderMoved.connect(self._on_volume_moved)
        self.volume.valueChanged.connect(self._on_volume_changed)
        self.test_sound.clicked.connect(self._on_test_sound_clicked)
        self._enable_sound_controls()
        return group

    def _build_eyes_free(self) -> QGroupBox:
        """Voice cues and the screen flash: a session without looking at the screen."""
        settings = self._store.settings
        group = QGroupBox("Without looking", self)
        layout = QVBoxLayout(group)
        self.voice_cues = QCheckBox("Sp&oken cues: what comes next, and 30 seconds left", group)
        self.voice_cues.setChecked(settings.voice_cues)
        self.voice_cues.toggled.connect(partial(self._on_switch_toggled, "voice_cues"))
        self.voice_note = QLabel(group)
        self.voice_note.setWordWrap(True)
        self.screen_flash = QCheckBox("Flash the w&indow when a rest ends", group)
        self.screen_flash.setChecked(settings.screen_flash)
        self.screen_flash.toggled.connect(partial(self._on_switch_toggled, "screen_flash"))
        layout.addWidget(self.voice_cues)
        layout.addWidget(self.voice_note)
        layout.addWidget(self.screen_flash)
        self._show_voice_note()
        return group

    def _show_voice_note(self) -> None:
        """Say up front where no speech engine is installed; the saved choice stays as it is."""
        from liftcalm.ui.session.voice import NO_ENGINE, speech_engines

        try:
            engines = speech_engines()
        except ImportError:
            engines = []
        self.voice_note.setText(NO_ENGINE)
        self.voice_note.setVisible(not engines)
        self.voice_cues.setEnabled(bool(engines) or self.voice_cues.isChecked())

    def _build_reminder(self) -> QGroupBox:
        """The optional training reminder: a time and the days, a notification while LiftCalm runs."""
        settings = self._store.settings
        group = QGroupBox("Training reminder", self)
        layout = QVBoxLayout(group)
        self.reminder_on = QCheckBox("Remind me, &gently, while LiftCalm is open", group)
        self.reminder_on.setChecked(settings.reminder_on)
        self.reminder_on.toggled.connect(self._on_reminder_on_toggled)
        self.reminder_time = ValidatedField(reminders.parse_reminder_time, reminders.format_reminder_time)
        self.reminder_time.set_value(reminders.parse_reminder_time(settings.reminder_time))
        self.reminder_time.edit.setPlaceholderText("18:00")
        self.reminder_time.value_committed.connect(self._on_reminder_time_committed)
        time_row = QHBoxLayout()
        time_label = QLabel("At:", group)
        time_label.setBuddy(self.reminder_time.edit)
        time_row.addWidget(time_label)
        time_row.addWidget(self.reminder_time, 1)
        self.reminder_time.name_from(time_label, "The time of day, hours:minutes, e.g. 18:00")
        self.reminder_days_row = QWidget(group)
        days_row = QHBoxLayout(self.reminder_days_row)
        days_row.setContentsMargins(0, 0, 0, 0)
        chosen = reminders.parse_reminder_days(settings.reminder_days)
        self.reminder_days: dict[int, QCheckBox] = {}
        for day, name in enumerate(reminders.DAY_NAMES, start=1):
            box = QCheckBox(name, self.reminder_days_row)
            box.setChecked(day in chosen)
            box.setAccessibleName(f"Remind on {date(2024, 1, day):%A}")  # 1 January 2024 was a Monday
            box.toggled.connect(self._on_reminder_days_toggled)
            days_row.addWidget(box)
            self.reminder_days[day] = box
        days_row.addStretch(1)
        note = QLabel("One gentle notification at that time, not on a day you already trained or checked in. "
                      "No counts, no streaks.", group)
        note.setWordWrap(True)
        layout.addWidget(self.reminder_on)
        layout.addLayout(time_row)
        layout.addWidget(self.reminder_days_row)
        layout.addWidget(note)
        self._enable_reminder_controls()
        return group

    def _enable_reminder_controls(self) -> None:
        on = self.reminder_on.isChecked()
        self.reminder_time.setEnabled(on)
        self.reminder_days_row.setEnabled(on)

    def _on_reminder_on_toggled(self, on: bool) -> None:
        self._store.settings.reminder_on = on
        self._enable_reminder_controls()

    def _on_reminder_time_committed(self, at) -> None:
        self._store.settings.reminder_time = reminders.format_reminder_time(at)

    def _on_reminder_days_toggled(self) -> None:
        days = frozenset(day for day, box in self.reminder_days.items() if box.isChecked())
        self._store.settings.reminder_days = reminders.format_reminder_days(days)

    def _on_cue_tone_changed(self) -> None:
        self._store.settings.cue_tone = self.cue_tone.currentData()
        if self._sounds is not None and hasattr(self._sounds, "set_tone"):
            self._sounds.set_tone(self.cue_tone.currentData())

    def _build_plates(self) -> QGroupBox:
        """The plate calculator's bar and plates, in both units, and the warm-up calculator's ramp."""
        settings = self._store.settings
        group = QGroupBox("Bar, plates and warm-ups", self)
        layout = QFormLayout(group)
        self.bars: dict[Unit, ValidatedField] = {}
        self.plate_fields: dict[Unit, ValidatedField] = {}
        labels = {Unit.KG: ("&Bar (kg):", "&Plates (kg):"), Unit.LB: ("B&ar (lb):", "Plat&es (lb):")}
        for unit in (Unit.KG, Unit.LB):
            inventory = settings.plate_inventory(unit)
            bar = ValidatedField(lambda text, u=unit: parse_bar(text, u), lambda value: f"{value:g}")
            bar.set_value(inventory.bar)
            bar.edit.setPlaceholderText(" or ".join(f"{b:g}" for b in STANDARD_BARS[unit]))
            bar.edit.setToolTip(f"Your bar: {' or '.join(f'{b:g} {unit}' for b in STANDARD_BARS[unit])}, "
                                f"or any other (0 for a plate-loaded machine)")
            bar.value_committed.connect(lambda value, u=unit: self._store.settings.set_bar(u, value))
            plates = ValidatedField(lambda text, u=unit: parse_plates(text, u), format_plates)
            plates.set_value(inventory.plates)
            plates.edit.setToolTip("The plates you have, e.g. 25, 20, 15, 10, 5, 2.5, 1.25; "
                                   "20x2 says two pairs only")
            plates.value_committed.connect(lambda value, u=unit: self._store.settings.set_plates(
                u, format_plates(value)))
            layout.addRow(labels[unit][0], bar)
            layout.addRow(labels[unit][1], plates)
            bar.name_from(layout.labelForField(bar), f"Your bar, {' or '.join(f'{b:g}' for b in STANDARD_BARS[unit])}"
                                                       f" {unit}, or 0 for a plate-loaded machine")
            plates.name_from(layout.labelForField(plates), "The plates you have, e.g. 25, 20, 15, 10, 5, 2.5, 1.25")
            self.bars[unit], self.plate_fields[unit] = bar, plates
        self.warmup_scheme = ValidatedField(parse_scheme, format_scheme)
        self.warmup_scheme.set_value(settings.warmup_scheme)
        self.warmup_scheme.edit.setToolTip("The ramp before the first working set: bar×10, then percentages of "
                                           "the working load with their reps")
        self.warmup_scheme.value_committed.connect(self._on_warmup_scheme_committed)
        self.warmup_rest = ValidatedField(parse_rest)
        self.warmup_rest.set_value(settings.warmup_rest_s)
        self.warmup_rest.value_committed.connect(self._on_warmup_rest_committed)
        layout.addRow("Warm-&up ramp:", self.warmup_scheme)
        layout.addRow("War&m-up rest (s):", self.warmup_rest)
        self.warmup_scheme.name_from(layout.labelForField(self.warmup_scheme),
                                     "The ramp before the first working set, e.g. bar×10, 50%×5, 70%×3")
        self.warmup_rest.name_from(layout.labelForField(self.warmup_rest), "Rest after each warm-up set")
        note = QLabel("The plate calculator uses the bar and plates of your weight unit. A weight they cannot "
                      "make is shown with the closest one they can.", group)
        note.setWordWrap(True)
        layout.addRow(note)
        return group

    def _build_body_weight(self) -> QGroupBox:
        group = QGroupBox("Body weight", self)
        layout = QFormLayout(group)
        unit = self._store.settings.unit
        self.body_weight = ValidatedField(self._parse_body_weight, lambda kg: load_number(kg, self._store.settings.unit))
        self.body_weight.edit.setPlaceholderText("not given")
        self.body_weight_note = QLabel(group)
        self.body_weight_note.setWordWrap(True)
        self._body_weight_label = QLabel(f"Bod&y weight today ({unit}):", group)
        self._body_weight_label.setBuddy(self.body_weight.edit)
        layout.addRow(self._body_weight_label, self.body_weight)
        layout.addRow(self.body_weight_note)
        self.body_weight.value_committed.connect(self._on_body_weight_committed)
        self._show_body_weight()
        return group

    def _show_body_weight(self) -> None:
        latest = self._store.planning.latest_body_weight()
        unit = self._store.settings.unit
        self._body_weight_label.setText(f"Bod&y weight today ({unit}):")
        self.body_weight.name_from(self._body_weight_label, "Counted in the volume of bodyweight exercises")
        if latest is None:
            self.body_weight.set_value(None)
            self.body_weight_note.setText("Counted in the volume and estimated maximum of bodyweight exercises "
                                          "(push-ups, dips, pull-ups). Until you give it, those are left out.")
            return
        day, kg = latest
        self.body_weight.set_value(kg if day == date.today() else None)
        self.body_weight_note.setText(f"In force: {display_load(kg, unit)}, given on {day:%d %b %Y}. "
                                      "A new value counts from today on; earlier sessions keep theirs.")

    def _parse_body_weight(self, text: str) -> float:
        unit = self._store.settings.unit
        kg = parse_load(text, unit)
        shown = self.body_weight.value()
        if shown is not None and text.strip() == load_number(shown, unit):
            return shown
        try:
            return check_body_weight(kg)
        except ValidationError:
            low, high = (kg_to_unit(v, unit) for v in (20, 400))
            raise ValidationError("body_weight", f"Body weight must be from {low:.0f} to {high:.0f} {unit}.") from None

    def _on_body_weight_committed(self, kg: float) -> None:
        self._store.planning.set_body_weight(date.today(), kg)
        self._show_body_weight()

    def _on_warmup_scheme_committed(self, steps) -> None:
        self._store.settings.warmup_scheme = format_scheme(steps)

    def _on_warmup_rest_committed(self, seconds: int) -> None:
        self._store.settings.warmup_rest_s = seconds

    def _enable_sound_controls(self) -> None:
        """Sound controls work only with sound on, and only where sound can play at all."""
        available = self._sound_problem is None
        self.switches["sound_on"].setEnabled(available)  # still shows the saved choice
        on = available and self.switches["sound_on"].isChecked()
        for widget in (self.volume, self.volume_value, self.test_sound, self.switches["countdown_beeps"],
                       self.cue_tone):
            widget.setEnabled(on)
        self.sound_note.setVisible(not available)
        self.sound_note.setToolTip(self._sound_problem or "")

    def _show_volume(self, percent: int) -> None:
        self.volume_value.setText(f"{percent}%")

    def _on_volume_moved(self, percent: int) -> None:
        self._show_volume(percent)  # saved when the slider is let go

    def _on_unit_changed(self) -> None:
        self._store.settings.unit = Unit(self.unit.currentData())
        self._show_body_weight()

    def _on_theme_changed(self) -> None:
        self._store.settings.theme = self.theme.currentData()  # the main window re-themes the app

    def _on_default_rest_committed(self, seconds: int) -> None:
        self._store.settings.default_rest_s = seconds

    def _on_switch_toggled(self, key: str, on: bool) -> None:
        setattr(self._store.settings, key, on)
        if key == "sound_on":
            self._enable_sound_controls()

    def _on_volume_changed(self, percent: int) -> None:
        self._show_volume(percent)
        self._store.settings.volume = percent

    def _on_test_sound_clicked(self) -> None:
        if self._sounds is None:
            try:
                self._sounds = self._sounds_factory(self)
            except SoundUnavailable as error:
                self._sound_problem = str(error) or "sound is unavailable"
                self._enable_sound_controls()
                return
        if hasattr(self._sounds, "set_tone"):
            self._sounds.set_tone(self._store.settings.cue_tone)
        self._sounds.set_volume(self.volume.sliderPosition())
        self._sounds.play_rest_end()  # played as soon as it is loaded, on the first click

    def reject(self) -> None:
        for field in (self.default_rest, *self.bars.values(), *self.plate_fields.values(), self.warmup_scheme,
                      self.warmup_rest, self.body_weight, self.reminder_time):
            field.edit.editingFinished.emit()  # keep a value typed just before closing
        super().reject()


def _cue_sounds(parent):
    """The test sound: the cue sounds of the chosen tone (``set_tone`` is called before each play)."""
    from liftcalm.ui.session.cue_sounds import CueSounds

    return CueSounds(parent)
