"""The form that edits one exercise of a routine: its sets, each set's target, last time and the suggestion."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from liftcalm.core.last_time import LastTime, describe_last_time, targets_from_last_time
from liftcalm.core.load_display import display_load, load_number, same_written_load
from liftcalm.core.models import (
    PROGRESSION_HELP,
    Exercise,
    ExercisePlan,
    Measure,
    Progression,
    RoutineItem,
    SetType,
)
from liftcalm.core.plates import PlateInventory
from liftcalm.core.progression import (
    Suggestion,
    default_load_step_kg,
    default_progression,
    no_ramp_reason,
    uses_plates,
    with_warmup_ramp,
)
from liftcalm.core.set_targets import format_rep_target, parse_rep_target
from liftcalm.core.units import Unit
from liftcalm.core.validation import (
    ValidationError,
    parse_duration,
    parse_load,
    parse_note,
    parse_rest,
    parse_sets,
)
from liftcalm.core.warmup import DEFAULT_SCHEME, WARMUP_REST_S, WarmupStep
from liftcalm.ui.actions import signals_blocked
from liftcalm.ui.look import make_error, make_heading, make_muted
from liftcalm.ui.plate_view import PlateView
from liftcalm.ui.routines.set_targets_model import SetTargetsModel, SetTargetsTable
from liftcalm.ui.validated_field import ValidatedField

VARIES = "varies by set"


@dataclass(frozen=True)
class PlanningContext:
    """What the form shows beside the plan: last time, the suggestion, and what the calculators use."""

    last: LastTime | None = None
    suggestion: Suggestion | None = None
    plan: ExercisePlan | None = None  # the person's own rule; None: the defaults
    inventory: PlateInventory | None = None
    scheme: tuple[WarmupStep, ...] = DEFAULT_SCHEME
    warmup_rest_s: int = WARMUP_REST_S
    today: date = field(default_factory=date.today)


class ItemForm(QWidget):
    """Shows one RoutineItem; each accepted field emits ``item_edited(new_item, label)``.

    ``plan_edited(ExercisePlan)`` asks for an exercise's progression or load step to be saved;
    ``status_message(text)`` explains an action that could not be done.
    """

    item_edited = Signal(object, str)
    plan_edited = Signal(object)
    status_message = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._item: RoutineItem | None = None
        self._exercise: Exercise | None = None
        self._unit = Unit.KG
        self._context = PlanningContext()

        self.title = QLabel(self)
        self.title.setObjectName("itemTitle")
        make_heading(self.title, "subheading")
        self.details = QLabel(self)
        make_muted(self.details)
        self.details.setWordWrap(True)
        self.last_time = QLabel(self)
        self.last_time.setObjectName("lastTime")
        self.last_time.setWordWrap(True)
        self.last_time.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.suggestion = QLabel(self)
        self.suggestion.setObjectName("suggestion")
        self.suggestion.setWordWrap(True)

        self.sets = ValidatedField(parse_sets)
        self.reps = ValidatedField(parse_rep_target, lambda value: _rep_text(value))
        self.reps.edit.setToolTip("Every working set: 8, or a range like 8-12")
        self.load = ValidatedField(self._parse_load, lambda kg: load_number(kg, self._unit))
        self.rest = ValidatedField(parse_rest)
        self.duration = ValidatedField(parse_duration)
        self.superset = QCheckBox("Superset with the next exercise", self)
        self.superset.setToolTip("Alternate the sets of both exercises, with no rest between them")
        self.note = ValidatedField(parse_note)
        self.note.edit.setPlaceholderText("A cue or reminder, e.g. “Keep the chest up”")

        self.targets_model = SetTargetsModel(self)
        self.targets_table = SetTargetsTable(self)
        self.targets_table.setModel(self.targets_model)
        header = self.targets_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.targets_message = QLabel(self)
        self.targets_message.setObjectName("fieldError")
        self.targets_message.setWordWrap(True)
        make_error(self.targets_message)
        self.targets_message.hide()
        self.targets_hint = make_muted(QLabel(
            "Type in a cell; Enter saves it and moves to the next set. Reps may be a range (8-12); "
            "effort an RPE (@8) or reps in reserve (2 RIR).", self))
        self.targets_hint.setWordWrap(True)
        self.targets_box = QWidget(self)
        box_layout = QVBoxLayout(self.targets_box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.setSpacing(4)
        box_layout.addWidget(self.targets_table)
        self.planning_buttons = QGridLayout()  # the routine editor puts its planning actions here
        self.planning_buttons.setContentsMargins(0, 0, 0, 0)
        box_layout.addLayout(self.planning_buttons)
        box_layout.addWidget(self.targets_message)
        box_layout.addWidget(self.targets_hint)
        self.targets_box.setFocusProxy(self.targets_table)
        self.plates = PlateView(self)

        self.progression = QComboBox(self)
        self.progression.setAccessibleName("Progression")
        for number, rule in enumerate(Progression):
            self.progression.addItem(rule.label, rule.value)
            self.progression.setItemData(number, PROGRESSION_HELP[rule], Qt.ItemDataRole.ToolTipRole)
        self.progression.setToolTip("How the suggestion moves on from last time")
        self.load_step = ValidatedField(self._parse_step, lambda kg: load_number(kg, self._unit))
        self.load_step.setFixedWidth(160)
        self.progression_row = self.progression

        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for widget in (self.sets, self.reps, self.load, self.rest, self.duration):
            widget.setFixedWidth(160)
        self.note.setMinimumWidth(160)
        self.targets_table.setMinimumWidth(200)
        self.layout_.addRow(self.title)
        self.layout_.addRow(self.details)
        self.layout_.addRow(self.last_time)
        self.layout_.addRow(self.suggestion)
        self.layout_.addRow("&Sets:", self.sets)
        self.layout_.addRow("Target &reps:", self.reps)
        self.layout_.addRow("Target &load:", self.load)
        self.layout_.addRow("&Duration (s):", self.duration)
        self.layout_.addRow("R&est (s):", self.rest)
        self.layout_.addRow("Set &plan:", self.targets_box)
        self.layout_.addRow("Plates:", self.plates)
        self.layout_.addRow("Pro&gression:", self.progression_row)
        self.layout_.addRow("Load s&tep:", self.load_step)
        self.load_step_label = self.layout_.labelForField(self.load_step)
        self.layout_.addRow("", self.superset)
        self.layout_.addRow("N&ote:", self.note)
        self.layout_.labelForField(self.targets_box).setBuddy(self.targets_table)
        self.layout_.labelForField(self.progression_row).setBuddy(self.progression)
        self.targets_table.setAccessibleName("Set plan")
        self.targets_table.setAccessibleDescription("One row per set: its type, target and effort; type in a cell, "
                                                    "Enter saves it")
        self.progression.setAccessibleDescription("How the suggestion moves on from last time")
        self.superset.setAccessibleDescription("Alternate the sets of both exercises, with no rest between them")
        self._descriptions = {
            self.sets: "How many sets, warm-ups included",
            self.reps: "Every working set: a number like 8, or a range like 8-12",
            self.load: "Every working set's load; empty when the sets differ",
            self.duration: "How long the practice lasts, in seconds",
            self.rest: "Rest after each set, in seconds",
            self.load_step: "How much the suggestion adds at a time; empty for the usual step",
            self.note: "A cue or reminder shown during the session",
        }
        self._name_fields()

        self.sets.value_committed.connect(self._on_sets_value_committed)
        self.reps.value_committed.connect(self._on_reps_value_committed)
        self.load.value_committed.connect(self._on_load_value_committed)
        self.rest.value_committed.connect(lambda v: self._emit(replace(self._item, rest_s=v), "Change rest"))
        self.duration.value_committed.connect(
            lambda v: self._emit(replace(self._item, duration_s=v), "Change duration"))
        self.note.value_committed.connect(lambda v: self._emit(replace(self._item, note=v), "Change note"))
        self.superset.toggled.connect(self._on_superset_toggled)
        self.targets_model.target_edited.connect(self._on_targets_model_target_edited)
        self.targets_model.edit_refused.connect(self._on_targets_model_edit_refused)
        self.targets_table.selectionModel().currentRowChanged.connect(lambda *_args: self._show_plates())
        self.progression.activated.connect(self._on_progression_activated)
        self.load_step.value_committed.connect(self._on_load_step_value_committed)

    # -- showing ------------------------------------------------------------------------------
    def set_item(self, item: RoutineItem, exercise: Exercise, unit: Unit, is_last: bool, same_row: bool,
                 context: PlanningContext | None = None) -> None:
        """Show ``item``; emits nothing. ``same_row``: a refresh of the row already shown."""
        keep = same_row and unit is self._unit
        self._item, self._exercise, self._unit = item, exercise, unit
        self._context = context or PlanningContext()
        self.title.setText(exercise.name)
        if exercise.is_calm:
            self.details.setText(exercise.description or "Calm practice")
        else:
            parts = [", ".join(exercise.muscles), exercise.equipment]
            if exercise.measure is not Measure.REPS:
                parts.append("timed" if exercise.measure is Measure.TIME else "distance")
            self.details.setText(" · ".join(p for p in parts if p) + (" · custom" if exercise.is_custom else ""))
        self.layout_.labelForField(self.load).setText(f"Target &load ({unit}):")
        self.load.edit.setPlaceholderText(VARIES)
        self.reps.edit.setPlaceholderText(VARIES)
        working = [t for t in item.targets if t.set_type is SetType.WORKING] or list(item.targets)
        same_reps = len({(t.reps, t.reps_max) for t in working}) == 1 and working[0].reps is not None
        same_load = len({t.load_kg for t in working}) == 1 and working[0].load_kg is not None
        for widget, value in (
            (self.sets, item.sets),
            (self.reps, (working[0].reps, working[0].reps_max) if same_reps else None),
            (self.load, working[0].load_kg if same_load else None),
            (self.rest, item.rest_s),
            (self.duration, item.duration_s or exercise.duration_s or 300),
            (self.note, item.note),
        ):
            widget.set_value(value, keep_pending=keep)
        strength = not exercise.is_calm
        for widget in (self.load, self.targets_box, self.progression_row, self.load_step):
            self.layout_.setRowVisible(widget, strength)
        self.layout_.setRowVisible(self.reps, strength and exercise.measure is Measure.REPS)
        self.layout_.setRowVisible(self.duration, exercise.is_calm)
        self.layout_.setRowVisible(self.last_time, strength)
        self.layout_.setRowVisible(self.suggestion, strength)
        self.layout_.setRowVisible(self.plates,
                                   strength and uses_plates(exercise) and self._context.inventory is not None)
        with signals_blocked(self.superset):
            self.superset.setChecked(item.superset_with_next)
        self.superset.setEnabled(not is_last or item.superset_with_next)
        self._show_planning(keep)

    def _show_planning(self, keep: bool) -> None:
        item, exercise, context = self._item, self._exercise, self._context
        self.last_time.setText(describe_last_time(context.last, self._unit, context.today, exercise))
        suggestion = context.suggestion
        if suggestion is not None:
            sets = _suggested_sets(suggestion, self._unit, exercise)
            self.suggestion.setText(f"Next time: {sets}" + (f". {suggestion.reason}" if suggestion.reason else ""))
        else:
            self.suggestion.setText("")
        current = self.targets_table.currentIndex()
        self.targets_model.set_item(item, exercise, self._unit, suggestion)
        self.targets_table.setColumnHidden(SetTargetsModel.SUGGESTED, suggestion is None)
        self.targets_table.setColumnHidden(SetTargetsModel.EFFORT, exercise.measure is not Measure.REPS)
        rows = self.targets_model.rowCount()
        if rows:
            row = min(current.row(), rows - 1) if current.isValid() and keep else 0
            column = current.column() if current.isValid() and keep else SetTargetsModel.AMOUNT
            if not current.isValid() or not keep or current.row() >= rows:
                self.targets_table.setCurrentIndex(self.targets_model.index(row, column))
        self._fit_targets_table(rows)
        rule = context.plan.progression if context.plan is not None else default_progression(exercise)
        with signals_blocked(self.progression):
            self.progression.setCurrentIndex(self.progression.findData(rule.value))
        default_step = default_load_step_kg(exercise, self._unit)
        self.load_step.edit.setPlaceholderText(f"{load_number(default_step, self._unit)} (usual)")
        self.load_step.set_value(context.plan.load_step_kg if context.plan is not None else None, keep_pending=keep)
        self.load_step_label.setText(f"Load s&tep ({self._unit}):")
        self._name_fields()
        self._show_plates()

    def _name_fields(self) -> None:
        """Each field is named by its label, the unit spoken ("Target load, kilograms")."""
        for field_, description in self._descriptions.items():
            field_.name_from(self.layout_.labelForField(field_), description)

    def _fit_targets_table(self, rows: int) -> None:
        """As tall as its sets, up to eight: the table scrolls past that, the form never overlaps it."""
        table = self.targets_table
        header = table.verticalHeader()
        shown = sum(header.sectionSize(row) for row in range(min(rows, 8)))
        scroll_bar = table.horizontalScrollBar().sizeHint().height() if table.horizontalScrollBar().isVisible() else 0
        table.setFixedHeight(table.horizontalHeader().sizeHint().height() + shown + 2 * table.frameWidth()
                             + scroll_bar + 6)

    def _show_plates(self) -> None:
        if self._item is None or self._context.inventory is None or self._exercise is None \
                or not uses_plates(self._exercise):
            return
        row = self.targets_table.currentIndex().row()
        targets = self._item.targets
        target = targets[row] if 0 <= row < len(targets) else next(
            (t for t in targets if t.set_type is SetType.WORKING), targets[0])
        self.plates.show_load(target.load_kg, self._context.inventory)
        self.plates.text.setText(f"Set {targets.index(target) + 1}: {self.plates.text.text()}")

    def focus_first_field(self) -> None:
        field_ = self.duration if self._exercise is not None and self._exercise.is_calm else self.sets
        field_.edit.setFocus()
        field_.edit.selectAll()

    # -- planning actions ---------------------------------------------------------------------
    def add_warmup_ramp(self) -> bool:
        """Replace the warm-ups with a ramp up to the first working set (Preferences hold the scheme)."""
        if not self._ready_for_planning():
            return False
        context = self._context
        item = with_warmup_ramp(self._item, self._exercise, self._unit, context.scheme, context.warmup_rest_s,
                                context.inventory, context.plan)
        if item is None:
            self.status_message.emit(no_ramp_reason(self._exercise))
            return False
        count = item.set_types.count(SetType.WARMUP)
        self._emit(item, "Add a warm-up ramp")
        self.status_message.emit(f"Added {count} warm-up sets before the first working set. Ctrl+Z takes them back.")
        return True

    def same_for_all(self) -> bool:
        """Give every set of the selected set's type the selected set's target ("same for all sets")."""
        if not self._ready_for_planning():
            return False
        row = self.targets_table.currentIndex().row()
        if not 0 <= row < self._item.sets:
            row = next((i for i, t in enumerate(self._item.targets) if t.set_type is SetType.WORKING), 0)
        target = self._item.targets[row]
        item = self._item.with_same_for_all(row)
        self._emit(item, f"Same target for every {target.set_type.label.lower()} set")
        return True

    def fill_from_last_time(self) -> bool:
        """Take each set's numbers from last time."""
        if not self._ready_for_planning():
            return False
        if self._context.last is None:
            self.status_message.emit("Nothing to fill in: this is the first time for this exercise.")
            return False
        item = self._item.with_targets(targets_from_last_time(self._context.last, self._item.targets))
        self._emit(item, "Fill from last time")
        return True

    def use_suggestion(self) -> bool:
        """Write the suggested targets into the plan."""
        if not self._ready_for_planning() or self._context.suggestion is None:
            return False
        self._emit(self._context.suggestion.item(self._item), "Use the suggestion")
        return True

    def _ready_for_planning(self) -> bool:
        return self._item is not None and self._exercise is not None and not self._exercise.is_calm

    # -- edits ---------------------------------------------------------------------------------
    def _parse_load(self, text: str) -> float:
        kg = parse_load(text, self._unit)
        shown = self.load.value()
        if shown is not None and same_written_load(kg, shown, self._unit) and \
                text.strip() == load_number(shown, self._unit):
            return shown  # the rounded text read back: the exact stored load is kept
        return kg

    def _parse_step(self, text: str) -> float | None:
        if not text.strip():
            return None
        kg = parse_load(text, self._unit)
        if not 0 < kg <= 50:
            raise ValidationError("load_step", f"The load step must be more than 0 and at most "
                                               f"{load_number(50, self._unit)} {self._unit}.")
        shown = self.load_step.value()
        if shown is not None and text.strip() == load_number(shown, self._unit):
            return shown
        return kg

    def _emit(self, item: RoutineItem, label: str) -> None:
        assert self._exercise is not None
        self.item_edited.emit(item, f"{label} of {self._exercise.name}")

    def _on_sets_value_committed(self, count: int) -> None:
        self._emit(self._item.with_sets(count), "Change sets")

    def _on_reps_value_committed(self, value) -> None:
        reps, top = value
        self._emit(self._item.with_all_working(reps=reps, reps_max=top), "Change reps")

    def _on_load_value_committed(self, kg: float) -> None:
        self._emit(self._item.with_all_working(load_kg=kg), "Change load")

    def _on_superset_toggled(self, checked: bool) -> None:
        self._emit(replace(self._item, superset_with_next=checked), "Change superset")

    def _on_targets_model_target_edited(self, row: int, target, label: str) -> None:
        self._emit(self._item.with_target(row, target), label)

    def _on_targets_model_edit_refused(self, message: str) -> None:
        self.targets_message.setText(message)
        self.targets_message.setVisible(bool(message))

    def _on_progression_activated(self, _index: int) -> None:
        if self._exercise is None:
            return
        rule = Progression(self.progression.currentData())
        step = self._context.plan.load_step_kg if self._context.plan is not None else None
        self.plan_edited.emit(ExercisePlan(self._exercise.id, rule, step))

    def _on_load_step_value_committed(self, kg) -> None:
        if self._exercise is None:
            return
        rule = Progression(self.progression.currentData())
        self.plan_edited.emit(ExercisePlan(self._exercise.id, rule, kg))


def _rep_text(value) -> str:
    if value is None:
        return ""
    reps, top = value
    return f"{reps}-{top}" if top is not None else str(reps)


def _suggested_sets(suggestion: Suggestion, unit: Unit, exercise: Exercise) -> str:
    """"2 warm-ups, then 3 × 8-12 × 102.5 kg": the working sets of a suggestion, grouped when alike."""
    from liftcalm.core.load_display import display_bodyweight_load

    groups: list[list] = []
    for target in suggestion.targets:
        if target.set_type is SetType.WARMUP:
            continue
        if exercise.measure is Measure.TIME:
            amount = f"{target.duration_s} s" if target.duration_s else "time not set"
        elif exercise.measure is Measure.DISTANCE:
            amount = f"{target.distance_m:g} m" if target.distance_m else "distance not set"
        else:
            amount = format_rep_target(target) or "reps not set"
        if exercise.counts_body_weight:
            load = display_bodyweight_load(target.load_kg, unit, exercise.is_assisted)
        else:
            load = display_load(target.load_kg, unit) if target.load_kg else ""
        text = f"{amount} × {load}" if load else amount
        if groups and groups[-1][0] == text:
            groups[-1][1] += 1
        else:
            groups.append([text, 1])
    warmups = suggestion.targets and sum(1 for t in suggestion.targets if t.set_type is SetType.WARMUP)
    sets = ", ".join(f"{count} × {text}" if count > 1 else text for text, count in groups)
    if warmups:
        sets = f"{warmups} warm-up{'s' if warmups > 1 else ''}, then {sets}"
    return sets

