"""The Session page: start, readiness check, set, rest, summary; keyboard first.

The page shows what the core's ``SessionRecorder`` says (through ``SessionSignals``) and
forwards what the person does. Its one timer (``RepaintTimer``) only repaints, and sleeps until
the time shown next changes: the adapter's precise alarm ends rests at their deadlines.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from liftcalm.core.changes import ChangeKind
from liftcalm.core.clock import Clock, ClockAnchor, SuspendAwareClock
from liftcalm.core.durations import format_elapsed, format_remaining
from liftcalm.core.models import BodyLoad, ExerciseKind, Routine, RoutineItem
from liftcalm.core.session_run import Phase
from liftcalm.paths import RESOURCES
from liftcalm.ui.actions import make_action
from liftcalm.ui.look import PageStack, announce, plural
from liftcalm.ui.store_signals import StoreSignals

if TYPE_CHECKING:  # loaded with the first session, not at start-up
    from liftcalm.core.coaching import CoachingRotation
    from liftcalm.core.session_plan import PlannedSet
    from liftcalm.ui.session.eyes_free_cues import EyesFreeCues
    from liftcalm.ui.session.voice import Voice

# The settings the spoken cues and the flash follow (EyesFreeCues.apply_settings).
CUE_SETTINGS = frozenset({"voice_cues", "screen_flash", "sound_on", "volume", "cue_tone"})
QUICK_SESSION_NAME = "Quick session"
# Single keys always act during a session; a field takes keys only in a mode entered on purpose
# (E corrects the set just done, N writes a note) and left with Enter or Esc.
SESSION_KEYS_HELP = [
    ("Session", "Rate 0-10 (type 1 then 0 for 10); on a superset's next exercise, rates the one just done", "0 … 9"),
    ("Session", "Set done; a timed set: start it (5 s to get ready), then end it early", "Space"),
    ("Session", "Fill the set about to be done from last time", "F"),
    ("Session", "Add a warm-up ramp before the set about to be done", "U"),
    ("Session", "What you notice: breath slowing, heart settling, muscles warm, mind calmer, still tense,"
                " nothing in particular, more tense", "B, H, W, C, T, O, M"),
    ("Session", "Correct the set just done (then Enter saves, Esc keeps it)", "E"),
    ("Session", "Say the time left (for a screen reader; also in the status bar)", "R"),
    ("Session", "Write a note about this set (Enter or Esc leaves it)", "N"),
    ("Readiness check", "Choose the question", "Up, Down"),
    ("Workout overview", "Show or hide the whole workout", "V"),
    ("Workout overview", "Do the selected set or exercise next", "Enter"),
    ("Workout overview", "Skip the selected set or exercise", "S"),
    ("Workout overview", "Move the selected exercise after the next one", "L"),
    ("Workout overview", "Add a set to the selected exercise", "A"),
    ("Workout overview", "Remove the selected planned set", "Delete"),
    ("Workout overview", "Edit the selected logged set (reps, load, RPE, ratings, note)", "E"),
    ("Workout overview", "Write a note about the selected exercise, for this session", "N"),
]


@functools.cache
def coaching_lines():
    from liftcalm.core.coaching import load_coaching_lines

    return load_coaching_lines(RESOURCES / "coaching.json")


class SessionView(QWidget):
    """The page. Its screens are built when first needed, so start-up does not pay for them."""

    status_message = Signal(str)
    running_changed = Signal(bool)  # a session started (True) or ended (False)
    help_requested = Signal()  # "where to find help": the main window shows it

    def __init__(self, store, clock: Clock | None = None, parent=None):
        super().__init__(parent)
        self.store = store
        self.clock = clock or SuspendAwareClock()
        self.recorder = None  # the core's SessionRecorder while a session runs
        self._discarded = None  # the HistoryChange of a session just discarded, for Edit > Undo
        self._session_signals = None  # its Qt adapter
        self.routine_for_start = lambda: None  # the main window tells which routine Ctrl+Enter starts
        self._pending_start: tuple[Routine, object] | None = None
        self._rest_index: int | None = None  # the logged set the shown rest reflects on
        self._shown_set: int | None = None
        self._alerts = None
        self._cues: EyesFreeCues | None = None  # the spoken cues and the flash, made with the first session
        # Tests put a fake voice here before the first session (EyesFreeCues' voice_factory).
        self.voice_factory: Callable[[QObject], Voice] | None = None
        self._mini_timer = None
        self._coaching: CoachingRotation | None = None
        self._overview_open = False  # the workout overview (V) stays up while time moves the phase on
        self._last_times: dict = {}  # exercise id -> its LastTime (or None), read once per session
        self._page_active = False
        self._screens_built = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Session")  # during a session: what was last said (see _say)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._build_actions()
        self._signals = StoreSignals(store, self)
        self._signals.changed.connect(self._on_store_changed)

    def _ensure_screens(self) -> None:
        if self._screens_built:
            return
        self._screens_built = True
        from liftcalm.ui.session.overview_screen import OverviewScreen
        from liftcalm.ui.session.readiness_screen import ReadinessScreen
        from liftcalm.ui.session.repaint_timer import RepaintTimer
        from liftcalm.ui.session.rest_screen import RestScreen
        from liftcalm.ui.session.session_start_screen import SessionStartScreen
        from liftcalm.ui.session.set_screen import SetScreen
        from liftcalm.ui.session.summary_screen import SummaryScreen

        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setMargin(8)
        self.banner.setAutoFillBackground(True)
        self.banner.hide()
        # While writes are held (a full disk, a lock): what is wrong and what waits. Never hidden
        # by a timer: it goes when everything is written.
        self.unsaved_banner = QLabel(self)
        self.unsaved_banner.setWordWrap(True)
        self.unsaved_banner.setMargin(8)
        self.unsaved_banner.setAutoFillBackground(True)
        self.unsaved_banner.setBackgroundRole(self.unsaved_banner.backgroundRole().ToolTipBase)
        self.unsaved_banner.setForegroundRole(self.unsaved_banner.foregroundRole().ToolTipText)
        self.unsaved_banner.setAccessibleName("Not saved yet")
        self.unsaved_banner.hide()
        # A gentle note after a check-in, when low days keep coming; it stays until dismissed.
        self.support_box = QWidget(self)
        self.support_box.setAutoFillBackground(True)
        self.support_box.setBackgroundRole(self.support_box.backgroundRole().AlternateBase)
        support_layout = QHBoxLayout(self.support_box)
        self.support_note = QLabel(self.support_box)
        self.support_note.setWordWrap(True)
        self.support_note.setAccessibleName("A note about low days")
        support_help = QPushButton("Where to find help…", self.support_box)
        support_help.clicked.connect(self.help_requested.emit)
        support_close = QPushButton("Dismiss", self.support_box)
        support_close.clicked.connect(self.support_box.hide)
        support_layout.addWidget(self.support_note, 1)
        support_layout.addWidget(support_help)
        support_layout.addWidget(support_close)
        self.support_box.hide()
        # After a session that went differently from its routine: take today's changes over, or not.
        self.update_box = QWidget(self)
        self.update_box.setAutoFillBackground(True)
        self.update_box.setBackgroundRole(self.update_box.backgroundRole().AlternateBase)
        update_layout = QHBoxLayout(self.update_box)
        self.update_note = QLabel(self.update_box)
        self.update_note.setWordWrap(True)
        self.update_note.setAccessibleName("Today's changes to the routine")
        self.update_button = QPushButton("&Update the routine", self.update_box)
        self.update_button.clicked.connect(self._on_update_button_clicked)
        self.keep_button = QPushButton("&Keep it as it is", self.update_box)
        self.keep_button.clicked.connect(self._on_keep_button_clicked)
        update_layout.addWidget(self.update_note, 1)
        update_layout.addWidget(self.update_button, 0, Qt.AlignmentFlag.AlignTop)
        update_layout.addWidget(self.keep_button, 0, Qt.AlignmentFlag.AlignTop)
        self.update_box.hide()
        self._routine_update_offered = None
        self.start_screen = SessionStartScreen(self)
        self.readiness = ReadinessScreen(self)
        self.set_screen = SetScreen(self)
        self.rest_screen = RestScreen(self)
        self.summary = SummaryScreen(self)
        self.overview = OverviewScreen(self)
        self.stack = PageStack(self)
        for screen in (self.start_screen, self.readiness, self.set_screen, self.rest_screen, self.summary,
                       self.overview):
            self.stack.addWidget(screen)
        for button in self.findChildren(QAbstractButton):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys belong to the session, not a button
        self._layout.addWidget(self.unsaved_banner)
        self._layout.addWidget(self.support_box)
        self._layout.addWidget(self.update_box)
        self._layout.addWidget(self.banner)
        self._layout.addWidget(self.stack, 1)

        # Armed by each repaint for the moment the time shown next changes; never while no session runs.
        self._repaint_timer = RepaintTimer(self, self._on_repaint_timer_timeout)
        self._banner_timer = QTimer(self)
        self._banner_timer.setSingleShot(True)
        self._banner_timer.timeout.connect(self.banner.hide)
        self._connect_screens()
        self.stack.setCurrentWidget(self.start_screen)
        self.stack.show()  # added to a page already shown: show now, not on the next event loop turn

    # -- actions (the main window puts them in the Session menu) ----------------------------------
    def _build_actions(self) -> None:
        def action(text: str, keys: list[str], slot, checkable: bool = False):
            return make_action(self, text, slot, keys=keys, checkable=checkable)

        self.start_action = action("&Start session…", ["Ctrl+Return", "Ctrl+Enter"], self._on_start_action_triggered)
        self.empty_action = action("Start an &empty session…", ["Ctrl+Shift+Return", "Ctrl+Shift+Enter"],
                                   self.start_empty_session)
        self.done_action = action("Set &done", ["Space"], self.finish_set)
        self.minus_action = action("Rest −15 s", ["-"], lambda: self._adjust(-15))
        self.plus_action = action("Rest +15 s", ["+", "="], lambda: self._adjust(15))
        self.pause_action = action("&Pause or resume rest", ["P"], self._pause_or_resume)
        self.skip_action = action("S&kip rest", ["S"], self._skip_rest)
        self.add_exercise_action = action("&Add exercise to session…", ["Ctrl+E"], self.add_exercise)
        self.overview_action = action("Workout &overview", ["V"], self.toggle_overview)
        self.fill_action = action("&Fill the set from last time", ["F"], self.fill_from_last_time)
        self.ramp_action = action("Add a &warm-up ramp before this set", ["U"], self.add_warmup_ramp)
        self.pacer_action = action("&Breathing pacer", ["Ctrl+B"], lambda: self.rest_screen.toggle_pacer())
        self.end_action = action("&End session…", ["Ctrl+Shift+F"], self.end_session_early)
        self.discard_action = action("&Discard session…", [], self.discard_session)
        self.mini_timer_action = action("&Mini timer", ["Ctrl+M"], self._on_mini_timer_action_toggled, True)
        self.say_time_action = action("Say the &time left", ["R"], self.say_time_left)
        self._update_actions()

    def session_actions(self) -> list:
        return [self.start_action, self.empty_action, None, self.done_action, self.minus_action,
                self.plus_action, self.pause_action, self.skip_action, self.pacer_action, None,
                self.overview_action, self.fill_action, self.ramp_action, self.add_exercise_action,
                self.end_action, self.discard_action, None,
                self.say_time_action, self.mini_timer_action]

    def set_page_active(self, active: bool) -> None:
        """Single-key shortcuts only work while this page is shown."""
        self._page_active = active
        if active:
            self._ensure_screens()
        if active and self.recorder is None and self.stack.currentWidget() is self.start_screen:
            self.show_start(self.start_screen.current_routine_id)
        self._update_actions()
        if active:
            self._focus_current()

    def _update_actions(self) -> None:
        running = self.recorder is not None
        phase = self.recorder.phase if running else None
        on_page = self._page_active
        self.start_action.setEnabled(not running)
        self.empty_action.setEnabled(not running)
        self.done_action.setEnabled(on_page and phase is Phase.SET and not self._overview_open)
        for set_action in (self.fill_action, self.ramp_action):
            set_action.setEnabled(on_page and phase is Phase.SET and not self._overview_open)
        for rest_action in (self.minus_action, self.plus_action, self.pause_action, self.skip_action,
                            self.pacer_action):
            rest_action.setEnabled(on_page and phase is Phase.REST and not self._overview_open)
        self.add_exercise_action.setEnabled(on_page and running)
        self.overview_action.setEnabled(on_page and running and phase is not Phase.FINISHED)
        self.end_action.setEnabled(on_page and running and phase is not Phase.FINISHED)
        self.discard_action.setEnabled(running)
        self.mini_timer_action.setEnabled(running)
        self.say_time_action.setEnabled(on_page and phase in (Phase.SET, Phase.REST))

    # -- starting ------------------------------------------------------------------------------------
    def show_start(self, select_id: int | None = None) -> None:
        self._ensure_screens()
        routines = []
        last_done = self.store.sessions.last_started_by_routine()
        for routine_id, name, _count in self.store.routines.list():
            routine = self.store.routines.get(routine_id)
            details = f"{len(routine.items)} exercises, {sum(i.sets for i in routine.items)} sets"
            if routine_id in last_done:
                details += f" · last done {last_done[routine_id][:10]}"
            routines.append((routine_id, name, details))
        running = self.store.sessions.running(ClockAnchor.now(self.clock)) if self.recorder is None else None
        self.start_screen.fill(routines, select_id, running.routine_name if running else None)
        self.stack.setCurrentWidget(self.start_screen)
        self._update_actions()
        self._focus_current()

    def _on_start_action_triggered(self) -> None:
        self._ensure_screens()
        routine_id = self.start_screen.current_routine_id if self._page_active else self.routine_for_start()
        if routine_id is None:
            routine_id = self.start_screen.current_routine_id
        if routine_id is not None:
            self.begin_routine(routine_id)

    def begin_routine(self, routine_id: int) -> None:
        """Show the readiness check before ``routine_id``."""
        if self.recorder is not None:
            self.status_message.emit("A session is already running.")
            return
        self._ensure_screens()
        routine = self.store.routines.get(routine_id)
        if routine is None:
            return
        if not routine.items:
            QMessageBox.information(self, "Start session", f"“{routine.name}” has no exercises yet. "
                                    "Add some under Routines, or start an empty session.")
            return
        self._ask_readiness(routine)

    def start_empty_session(self) -> None:
        """An empty session: choose the first exercise, add more as you go (Ctrl+E)."""
        if self.recorder is not None:
            return
        self._ensure_screens()
        item = self._pick_item("Start an empty session")
        if item is not None:
            self._ask_readiness(Routine(None, QUICK_SESSION_NAME, (item,)))

    def _ask_readiness(self, routine: Routine) -> None:
        calm = self._calm_routine() if routine.id is None or not self._is_calm(routine) else None
        self._pending_start = (routine, None)
        self.readiness.show_for(routine.name, calm.name if calm else None)
        self.stack.setCurrentWidget(self.readiness)
        self._focus_current()

    def _calm_routine(self) -> Routine | None:
        """The person's first calm routine, or a short calm session from the catalogue."""
        for routine_id, _name, _count in self.store.routines.list():
            routine = self.store.routines.get(routine_id)
            if routine.items and self._is_calm(routine):
                return routine
        from liftcalm.core.session_plan import built_in_calm_routine

        calm = {e.name: e for e in self.store.exercises.all() if e.is_calm and not e.is_custom}
        return built_in_calm_routine(calm)

    def _is_calm(self, routine: Routine) -> bool:
        from liftcalm.core.session_recorder import (
            session_kind,  # the one place that decides
        )

        return session_kind(self.store.exercises.get(item.exercise_id) for item in routine.items) is ExerciseKind.CALM

    def _on_readiness_start_requested(self, readiness, shorter: bool) -> None:
        if self._pending_start is not None:
            self._start(self._pending_start[0], readiness, shorter)

    def _on_readiness_calm_requested(self, readiness) -> None:
        calm = self._calm_routine()
        if calm is not None:
            self._start(calm, readiness, False)

    def _on_readiness_rest_requested(self, readiness) -> None:
        """Rest today: the check-in is kept as a rest day, and nothing more is asked."""
        import time

        from liftcalm.core.session_recorder import WriteFailed

        try:
            self.store.sessions.record_rest_day(readiness, time.time())
        except WriteFailed as error:
            QMessageBox.warning(self, "Rest today", error.message.replace("Not saved yet", "Today's check-in could "
                                "not be saved").replace(" LiftCalm keeps trying.", " Try again later."))
            return
        self._pending_start = None
        self.status_message.emit("Rest day saved with today's check-in. Rest well.")
        self.show_start()
        self._note_repeated_low_days()

    def _note_repeated_low_days(self) -> None:
        """After a check-in: when very low days keep coming, say gently that talking to someone can help."""
        from liftcalm.core.coaching import (
            LOW_DAYS_OUT_OF,
            REPEATED_LOW_NOTE,
            low_days_keep_coming,
        )

        if low_days_keep_coming(self.store.sessions.recent_readiness(LOW_DAYS_OUT_OF)):
            self.support_note.setText(REPEATED_LOW_NOTE)
            self.support_box.show()

    def _start(self, routine: Routine, readiness, shorter: bool) -> None:
        from liftcalm.core.session_recorder import SessionRecorder, WriteFailed

        planned, reasons = self._with_suggestions(routine, readiness)
        try:
            recorder = SessionRecorder.start(self.store.sessions, self.clock, planned, self.store.exercises.get,
                                             readiness, shorter, reasons)
        except WriteFailed as error:  # nothing was done yet: nothing is lost
            QMessageBox.warning(self, "The session could not start", error.message.replace(
                "Not saved yet", "The session could not be started").replace(" LiftCalm keeps trying.", ""))
            self.show_start()
            return
        self._pending_start = None
        self._attach(recorder)
        self.status_message.emit(f"Session started: {routine.name}. Every set is saved as you finish it.")
        self._note_repeated_low_days()

    def _with_suggestions(self, routine: Routine, readiness):
        """The routine with each exercise's suggested targets for today (core.progression), and their reasons.

        Readiness counts: on a very low day nothing adds load. A suggestion that cannot be made
        leaves the routine as written.
        """
        if routine.id is None or self._is_calm(routine):
            return routine, None
        from liftcalm.core.progression import apply_suggestions

        exercises = {exercise.id: exercise for exercise in self.store.exercises.all()}
        settings = self.store.settings
        suggestions = self.store.planning.suggest_routine(routine, exercises, settings.unit,
                                                          inventory=settings.plate_inventory(), readiness=readiness)
        return apply_suggestions(routine, suggestions)

    def resume(self) -> bool:
        """Take up the session left running, if there is one; return whether there was."""
        if self.recorder is not None:
            return True
        running = self.store.sessions.running(ClockAnchor.now(self.clock))
        if running is None:
            return False
        from liftcalm.core.session_recorder import SessionRecorder

        self._ensure_screens()
        self._attach(SessionRecorder.resume(self.store.sessions, self.clock, running))
        self.status_message.emit(f"Resumed {running.routine_name} where it was.")
        return True

    def finish_left_running(self) -> None:
        """Close the session left running as it is (its sets stay in the history)."""
        import time

        from liftcalm.core.session_recorder import WriteFailed

        running = self.store.sessions.running(ClockAnchor.now(self.clock))
        if running is not None:
            try:  # the end is never before the start or the last set, whatever the wall clock says
                self.store.sessions.finish(running.id, time.time())
            except WriteFailed as error:
                QMessageBox.warning(self, "Finish the session", error.message.replace(
                    "Not saved yet", "The session could not be finished").replace(
                    " LiftCalm keeps trying.", " It is still there; try again later."))
            else:
                self.status_message.emit(f"Finished {running.routine_name} as it was.")
        self.show_start()

    def _attach(self, recorder) -> None:
        from liftcalm.core.coaching import CoachingRotation, lines_for_session
        from liftcalm.ui.session.session_signals import SessionSignals

        self.recorder = recorder
        self._last_times = {}
        self._discarded = None
        self._on_keep_button_clicked()  # an offer from the last session goes when the next one starts
        recorder.describe_set = self._set_title
        self._session_signals = SessionSignals(recorder, self)
        self._session_signals.write_failed.connect(self._update_unsaved_banner)
        self._session_signals.saved.connect(self._on_session_saved)
        self._coaching = CoachingRotation(lines_for_session(coaching_lines(), recorder.kind is ExerciseKind.CALM),
                                          recorder.session_id)
        self._session_signals.changed.connect(self._on_session_changed)
        self._session_signals.time_ended_phase.connect(self._on_session_time_ended_phase)
        self._session_signals.finished.connect(self._on_session_finished)
        self._rest_index = None
        self._shown_set = None
        self._alerts_object().rest_running(recorder.next_deadline())
        self._cues_object().attach(recorder, self._session_signals)
        self.running_changed.emit(True)
        self._show_phase()  # its repaint arms the repaint timer
        run = recorder.run
        if run.phase is Phase.SET and run.current is not None:
            self._say(f"{self._set_title(run.current)}: {self._target_text(run.current)}. Space when it is done.")

    def _alerts_object(self):
        if self._alerts is None:
            from liftcalm.ui.session.rest_alerts import RestAlerts

            self._alerts = RestAlerts(self.window(), self.store.settings, self.clock, self,
                                      menu_factory=self._make_tray_menu)
            self._alerts.fallback_notice.connect(self.show_banner)
            self._alerts.sound_failed.connect(self.show_banner)  # said once, at the first rest
        return self._alerts

    def _cues_object(self) -> EyesFreeCues:
        if self._cues is None:
            from liftcalm.ui.session.eyes_free_cues import EyesFreeCues

            extra = {"voice_factory": self.voice_factory} if self.voice_factory is not None else {}
            self._cues = EyesFreeCues(self.window(), self.store, self.clock, self, **extra)
            self._cues.notice.connect(self.show_banner)  # no speech engine: said once, calmly
        return self._cues

    def _make_tray_menu(self):
        """The tray icon's menu: the time left and the session's actions (through the page's RemoteControl)."""
        from liftcalm.ui.session.tray_menu import tray_menu_for

        menu = tray_menu_for(self)
        menu.said.connect(self.status_message)
        return menu

    def _on_store_changed(self, change) -> None:
        if change.touches(ChangeKind.SETTINGS) and self._alerts is not None:
            self._alerts.apply_settings()
        if (change.touches(ChangeKind.SETTINGS) and self._cues is not None
                and (not change.keys or CUE_SETTINGS.intersection(change.keys))):
            self._cues.apply_settings()
        # The routines offered, or what a restore put back: the start screen shows it afresh.
        if (change.touches(ChangeKind.ROUTINES) and self.recorder is None and self._screens_built
                and self.stack.currentWidget() is self.start_screen):
            self.show_start(self.start_screen.current_routine_id)

    # -- showing the phase -------------------------------------------------------------------------
    def _show_phase(self) -> None:
        recorder = self.recorder
        if recorder is None:
            return
        run = recorder.run
        if run.phase is not Phase.REST and self.stack.currentWidget() is self.rest_screen:
            self.rest_screen.commit_pending()
        if self._overview_open and run.phase is Phase.FINISHED:
            self._overview_open = False
        if self._overview_open:
            self._fill_overview()
            self.stack.setCurrentWidget(self.overview)
            self._update_actions()
            self._on_repaint_timer_timeout()
            return
        if run.phase is Phase.SET:
            if self._shown_set != run.position or self.stack.currentWidget() is not self.set_screen:
                self._show_set(run.current)
                self._shown_set = run.position
            self._rest_index = None
            self.stack.setCurrentWidget(self.set_screen)
        elif run.phase is Phase.REST:
            index = len(run.logged) - 1
            if self._rest_index != index:
                self._rest_index = index
                self._begin_rest(index)
                self.stack.setCurrentWidget(self.rest_screen)
            else:
                self.stack.setCurrentWidget(self.rest_screen)
        elif self.stack.currentWidget() is not self.summary:
            self._show_summary()
        self._update_actions()
        self._on_repaint_timer_timeout()
        if self.stack.currentWidget() is not self.rest_screen or not self.rest_screen.has_field_focus():
            self._focus_current()

    def _exercise(self, planned: PlannedSet):
        return self.store.exercises.get(planned.exercise_id)

    def _target_text(self, planned: PlannedSet) -> str:
        if planned.duration_s:
            minutes, seconds = divmod(planned.duration_s, 60)
            return f"{minutes} min {seconds} s" if seconds else f"{minutes} min"
        from liftcalm.core.set_targets import describe_planned_target

        return describe_planned_target(planned, self.store.settings.unit, self._exercise(planned))

    def _set_title(self, planned: PlannedSet) -> str:
        """ "Barbell Row, set 2 of 3", counted as this session does them (sets added or removed count)."""
        run = self.recorder.run if self.recorder is not None else None
        if run is not None and planned in run.plan:
            from liftcalm.core.session_overview import set_place

            number, count = set_place(run, run.plan.index(planned))
        else:
            number, count = planned.set_number, planned.set_count
        return f"{self._exercise(planned).name}, set {number} of {count}"

    def _next_text(self, after: int) -> str:
        run = self.recorder.run
        if after >= len(run.plan):
            return "After this: the summary."
        planned = run.plan[after]
        return f"Next: {self._set_title(planned)} · {self._target_text(planned)}"

    def _show_set(self, planned: PlannedSet) -> None:
        from liftcalm.core.session_overview import set_place

        run = self.recorder.run
        exercise = self._exercise(planned)
        number, count = set_place(run, run.position)
        self.set_screen.show_set(planned, exercise.name, self._target_text(planned),
                                 exercise.description if planned.duration_s else "",
                                 self._next_text(run.next_after(run.position)), number=number, count=count,
                                 notes=self._notes_for(planned), timed=run.is_timed(planned),
                                 last_time=self._last_time_text(planned), reason=planned.reason)
        from liftcalm.core.progression import uses_plates

        if not planned.duration_s and uses_plates(exercise) and planned.target_load_kg:
            self.set_screen.show_plates(planned.target_load_kg, self.store.settings.plate_inventory())
        else:
            self.set_screen.show_plates(None, None)
        self._show_round_rating()

    def _notes_for(self, planned: PlannedSet) -> str:
        """The routine's note for this exercise and this session's own, for the set screen."""
        notes = []
        routine = self._routine_of_session()
        if routine is not None and planned.item_index < len(routine.items):
            item = routine.items[planned.item_index]
            if item.exercise_id == planned.exercise_id and item.note:
                notes.append(f"Routine note: {item.note}")
        today = self.recorder.exercise_notes.get(planned.exercise_id) if self.recorder else None
        if today:
            notes.append(f"Today: {today}")
        last = self._last_time(planned.exercise_id)
        if last is not None and last.note:
            notes.append(f"Last time's note: {last.note}")
        return "\n".join(notes)

    def _last_time(self, exercise_id: int):
        """What the person did last time for this exercise (store.planning), read once per session and exercise."""
        cache = self._last_times
        if exercise_id not in cache:
            last = self.store.planning.last_time(exercise_id)
            # The running session is not "last time" (only finished sessions count), so a read stays true.
            cache[exercise_id] = last
        return cache[exercise_id]

    def _last_time_text(self, planned: PlannedSet) -> str:
        import datetime

        from liftcalm.core.last_time import describe_last_time

        if planned.duration_s:  # a calm practice
            return ""
        return describe_last_time(self._last_time(planned.exercise_id), self.store.settings.unit,
                                  datetime.date.today(), self._exercise(planned))

    def _routine_of_session(self):
        routine_id = self.recorder.routine_id if self.recorder is not None else None
        if routine_id is None:
            return None
        if getattr(self, "_routine_cache", (None, None))[0] != routine_id:
            self._routine_cache = (routine_id, self.store.routines.get(routine_id))
        return self._routine_cache[1]

    def _round_partner(self) -> int | None:
        """The logged set of this superset round that had no rest of its own, to rate from the set screen."""
        run = self.recorder.run
        if run.phase is not Phase.SET or not run.logged:
            return None
        last = run.logged[-1]
        started = run.snapshot().phase_started_at
        if last.ended_at != started or run.plan[last.plan_index].rest_after_s:
            return None
        return len(run.logged) - 1

    def _show_round_rating(self) -> None:
        index = self._round_partner()
        if index is None:
            self.set_screen.show_round_rating(None, None)
            return
        title = self._set_title(self.recorder.run.plan[self.recorder.run.logged[index].plan_index])
        self.set_screen.show_round_rating(f"Stress after {title}?", self.recorder.ratings[index].stress_after_set)

    def _begin_rest(self, index: int) -> None:
        run = self.recorder.run
        logged = run.logged[index]
        planned = run.plan[logged.plan_index]
        ratings = self._ratings_shown(index)
        cool_down = run.position >= len(run.plan)
        self.rest_screen.begin_rest(
            title="Cool-down" if cool_down else "Rest",
            next_text=self._next_text(run.position),
            logged_text=self._logged_text(index),
            reps=logged.reps, load_kg=logged.load_kg, rpe=logged.rpe, unit=self.store.settings.unit,
            coaching=self._coaching.line_for_rest(index).text if self.store.settings.coaching_lines else "",
            ratings=ratings,
            length_s=run.rest.length_s if run.rest else 0.0, is_timed_block=bool(planned.duration_s),
            body_load=self._exercise(planned).body_load)
        if run.rest is not None:
            self._say(f"{self._logged_text(index).split('.')[0]}. Rest {_spoken_time(run.rest.length_s)}. "
                           f"{self._next_text(run.position)}")

    def _ratings_shown(self, index: int) -> dict:
        said = self.recorder.ratings[index]
        return {"stress_after_set": said.stress_after_set, "stress_end_of_rest": said.stress_end_of_rest,
                "relief_signs": ",".join(said.relief_signs), "relief_note": said.relief_note}

    def _logged_text(self, index: int) -> str:
        """The rest's line about the set just done: saved, or not yet (never shown as saved when it is not)."""
        recorder = self.recorder
        title = self._set_title(recorder.run.plan[recorder.run.logged[index].plan_index])
        if recorder.is_saved(index):
            return f"Saved: {title}. Correct it if it went differently:"
        return f"Not saved yet: {title} (LiftCalm keeps trying). Correct it if it went differently:"

    def _update_unsaved_banner(self, *_args) -> None:
        recorder = self.recorder
        if recorder is None or not recorder.pending or recorder.fault is None:
            self.unsaved_banner.hide()
            return
        sets = [write.label for write in recorder.pending if write.method == "log_set"]
        others = len(recorder.pending) - len(sets)
        waiting = ", ".join(sets[:3]) + (f" and {len(sets) - 3} more sets" if len(sets) > 3 else "")
        if others:
            waiting += (" and " if waiting else "") + plural(others, "other change")
        self.unsaved_banner.setText(f"{recorder.fault.message} Waiting to be saved: {waiting}. "
                                    "The timer goes on as usual.")
        self.unsaved_banner.show()
        if self.stack.currentWidget() is self.rest_screen and self._rest_index is not None:
            self.rest_screen.logged_line.setText(self._logged_text(self._rest_index))

    def _on_session_saved(self) -> None:
        self._update_unsaved_banner()
        if self.stack.currentWidget() is self.rest_screen and self._rest_index is not None:
            self.rest_screen.logged_line.setText(self._logged_text(self._rest_index))
        self.status_message.emit("Everything is saved now.")
        if self.stack.currentWidget() is self.summary:
            self._read_summary()  # read again: sets that waited count now

    def _show_summary(self) -> None:
        self.summary.begin(self.recorder.routine_name, calm=self.recorder.kind is ExerciseKind.CALM)
        self.stack.setCurrentWidget(self.summary)
        self._alerts_object().rest_running(None)
        self._read_summary()

    def _read_summary(self) -> None:
        from liftcalm.ui.background import StoreOp

        session_id = self.recorder.session_id
        StoreOp(parent=self, store=self.store, work=lambda store: store.history.summary(session_id),
                success=self._on_summary_read).failure(
            lambda error: self.summary.loading.setText(f"The summary could not be computed: {error}")
        ).run_in_background()

    def _on_summary_read(self, summary) -> None:
        if self.recorder is not None:
            self.summary.show_summary(summary, self.store.settings.unit)
            self.summary.show_next_time(self._next_time_lines())

    def _next_time_lines(self) -> list[str]:
        """Per exercise of the routine: what progression will suggest next time, from today's sets."""
        from liftcalm.core.last_time import LastTime, PastSet

        recorder = self.recorder
        routine = self._routine_of_session()
        if recorder is None or routine is None or recorder.kind is ExerciseKind.CALM:
            return []
        run, settings = recorder.run, self.store.settings
        lines = []
        for index, item in enumerate(routine.items):
            done = [(recorder.as_done(n), logged, recorder.ratings[n]) for n, logged in enumerate(run.logged)
                    if run.plan[logged.plan_index].item_index == index]
            if not done:
                continue
            sets = tuple(PastSet(planned.set_number, planned.set_type, logged.reps, logged.load_kg, logged.rpe,
                                 said.relief_note, None if logged.duration_s is None else round(logged.duration_s),
                                 logged.distance_m) for planned, logged, said in done)
            today = LastTime(item.exercise_id, recorder.session_id, "", sets)
            exercise = self.store.exercises.get(item.exercise_id)
            suggestion = self.store.planning.suggest(item, exercise, settings.unit, settings.plate_inventory(),
                                                     last=today)
            lines.append(f"{exercise.name}: {suggestion.reason}")
        return lines

    def _focus_current(self) -> None:
        if not self._page_active or not self._screens_built:
            return
        if self.stack.currentWidget() is self.start_screen:
            self.start_screen.focus_list()
        else:
            self.setFocus()

    # -- repainting -----------------------------------------------------------------------------------
    def _on_repaint_timer_timeout(self) -> None:
        """Show the time now, where it can be seen, then sleep until what is shown next changes.

        Called by the repaint timer, and after every change of the session. While the page
        cannot be seen (minimised, hidden, another page in front) only the tray icon and the
        mini timer are brought up to date, and the timer wakes only for them.
        """
        from liftcalm.ui.session.repaint_timer import earliest, shown_time_changes_in, stopwatch_changes_in

        recorder = self.recorder
        if recorder is None:
            return
        recorder.tick()  # the alarm ends phases at their deadlines; this only catches up after a sleep
        if self.recorder is None:  # the tick finished the session
            return
        run, now = recorder.run, self.clock.now()
        timer = self._repaint_timer
        shown = timer.owner_shown()
        due = shown_time_changes_in(run, now)
        remaining, paused, phase_text = None, False, ""
        if run.phase is Phase.SET:
            block_end = run.block_deadline()
            remaining = None if block_end is None else max(0.0, block_end - now)
            if shown and self.stack.currentWidget() is self.set_screen:
                self.set_screen.show_time(run.stopwatch(now), remaining, run.timer_deadlines(), now)
            digits = format_remaining(remaining) if remaining is not None else format_elapsed(run.stopwatch(now))
            phase_text = self._set_title(run.current) if run.current else ""
        elif run.phase is Phase.REST and run.rest is not None:
            rest = run.rest
            remaining, paused = rest.remaining(now), rest.is_paused
            if shown and self.stack.currentWidget() is self.rest_screen:
                # The rest screen's own changes (the relief question, the pacer's frames) come on top.
                due = earliest(due, self.rest_screen.show_time(remaining, rest.progress(now), paused,
                                                               max(0.0, now - rest.started_at)))
            digits = format_remaining(remaining)
            phase_text = "Rest (paused)" if paused else "Rest"
        else:
            digits, phase_text = "✓", "Session done"
        if shown and self._overview_open and run.phase is not Phase.FINISHED:
            if run.phase is Phase.REST and run.rest is not None:
                nxt = self._set_title(run.current) if run.current else "the summary"
                self.overview.show_now(f"Resting: {digits} left{' (paused)' if paused else ''} · next {nxt}")
            elif run.current is not None:
                self.overview.show_now(f"Now: {self._set_title(run.current)} · {format_elapsed(run.stopwatch(now))}")
                due = earliest(due, stopwatch_changes_in(run.stopwatch(now)))  # a timed set counts down apart
        on_tray = self._alerts_object().show_remaining(remaining if run.phase is Phase.REST else None, paused)
        on_mini = self._mini_timer is not None and self._mini_timer.isVisible()
        if on_mini:
            self._mini_timer.show_state(phase_text, digits, paused)
        timer.arm(due, also_shown=on_tray or on_mini)

    # -- actions ------------------------------------------------------------------------------------
    def finish_set(self) -> None:
        """Space: the set is done; a timed set not started yet starts its get-ready countdown instead."""
        if self.recorder is None or self.recorder.phase is not Phase.SET:
            return
        run = self.recorder.run
        if run.is_timed() and run.timer_deadlines() is None:
            self.recorder.start_timer()
            return
        self.recorder.finish_set()

    def _adjust(self, seconds: int) -> None:
        if self.recorder is not None:
            self.recorder.adjust_rest(seconds)

    def _pause_or_resume(self) -> None:
        if self.recorder is not None:
            self.recorder.pause_or_resume_rest()

    def _skip_rest(self) -> None:
        if self.recorder is not None:
            self.recorder.skip_rest()

    @property
    def undo_history(self):
        """What Edit > Undo acts on while this page is shown: every set logged, taken back or changed
        in the running session, or a session just discarded."""
        if not self._page_active:
            return None
        if self.recorder is None:
            return _DiscardUndo(self) if self._discarded is not None else None
        return None if self.recorder.phase is Phase.FINISHED else self.recorder.history

    def undo(self) -> None:
        """Undo the latest step of the running session (Edit > Undo on this page), or a discard."""
        if self.recorder is None and self._discarded is not None:
            self._undo_discard()
            return
        self._undo_or_redo(self.recorder.undo, "Undid")

    def _undo_discard(self) -> None:
        history = self.store.history_edits.history
        if history.undo_label != self._discarded.label:
            self._discarded = None  # History has changed things since: its own undo takes over
            return
        self.store.history_edits.undo()
        self._discarded = None
        self.status_message.emit("The discarded session is back.")
        self.resume()

    def redo(self) -> None:
        if self.recorder is not None:
            self._undo_or_redo(self.recorder.redo, "Redid")

    def _undo_or_redo(self, step_of, done: str) -> None:
        from liftcalm.core.session_run import SessionError

        if self.undo_history is None:
            return
        try:
            step = step_of()
        except SessionError as error:
            self.status_message.emit(f"That cannot be done now: {error}.")
            return
        if step is not None:
            self.status_message.emit(f"{done}: {step.label}.")
            self._refresh_rest_values()

    def take_back_last_set(self) -> None:
        """Take back the last logged set, to do it again (Edit > Undo brings it back)."""
        if self.recorder is not None:
            taken_back = self.recorder.take_back_last_set()
            if taken_back is not None:
                self.status_message.emit(f"Took back {self._set_title(taken_back)}: do it again when ready.")

    # -- planning at the rack --------------------------------------------------------------------------
    def fill_from_last_time(self) -> None:
        """F: the set about to be done takes last time's reps and load for the same set (Ctrl+Z undoes it)."""
        from liftcalm.core.last_time import past_set_for_planned

        recorder = self.recorder
        if recorder is None or recorder.phase is not Phase.SET or recorder.run.current is None:
            return
        run = recorder.run
        planned = run.current
        past = past_set_for_planned(self._last_time(planned.exercise_id), run.plan, run.position)
        if past is None:
            self.status_message.emit("Nothing to fill from: this is the first time for this exercise.")
            return
        targets = {}
        if past.reps is not None and not planned.target_duration_s and not planned.target_distance_m:
            targets["target_reps"] = past.reps
        if past.load_kg is not None:
            targets["target_load_kg"] = past.load_kg
        if not targets:
            self.status_message.emit("Last time's set has no reps or load to fill from.")
            return
        recorder.retarget(run.position, f"fill {self._set_title(planned)} from last time", **targets)
        self._shown_set = None
        self._show_phase()
        self.status_message.emit(f"Filled from last time: {self._target_text(run.current)}. Ctrl+Z undoes it.")

    def add_warmup_ramp(self) -> None:
        """U: warm-up sets up to this set's load (the scheme in Preferences), the first of them next."""
        from dataclasses import replace

        from liftcalm.core.models import SetType
        from liftcalm.core.progression import no_ramp_reason, warmup_targets

        recorder = self.recorder
        if recorder is None or recorder.phase is not Phase.SET or recorder.run.current is None:
            return
        run, settings = recorder.run, self.store.settings
        planned = run.current
        exercise = self._exercise(planned)
        ramp = warmup_targets(planned.target_load_kg, exercise, settings.unit, settings.warmup_scheme,
                              settings.warmup_rest_s, settings.plate_inventory(),
                              self.store.planning.exercise_plan(planned.exercise_id))
        if not ramp or planned.set_type is SetType.WARMUP:
            self.status_message.emit(no_ramp_reason(exercise) if planned.set_type is not SetType.WARMUP
                                     else "No warm-up ramp for a warm-up set: it ramps up to a working set.")
            return
        sets = tuple(replace(planned, set_type=SetType.WARMUP, target_reps=t.reps or planned.target_reps,
                             target_load_kg=t.load_kg, target_reps_max=None, target_rpe=None,
                             target_rir=None, rest_after_s=t.rest_s if t.rest_s is not None else 60, reason="")
                     for t in ramp)
        recorder.insert_before(run.position, sets, f"add a warm-up ramp to {exercise.name}")
        self._shown_set = None
        self._show_phase()
        self.status_message.emit(f"Added {plural(len(sets), 'warm-up set')} before this set. Ctrl+Z undoes it.")

    # -- the workout overview -----------------------------------------------------------------------
    def toggle_overview(self) -> None:
        """Show the whole workout (V), or go back to the set or rest it covers."""
        if self.recorder is None or self.recorder.phase is Phase.FINISHED:
            return
        if self.stack.currentWidget() is self.rest_screen:
            self.rest_screen.commit_pending()
        self._overview_open = not self._overview_open
        self.overview.say("")
        self._shown_set = None
        self._show_phase()
        if self._overview_open:
            self.overview.focus_tree()

    def _fill_overview(self) -> None:
        from liftcalm.core.session_overview import workout_overview

        run = self.recorder.run
        self.overview.title.setText(f"Workout: {self.recorder.routine_name}")
        self.overview.show_workout(workout_overview(run), lambda exercise_id: self.store.exercises.get(
            exercise_id).name, lambda index: self._target_text(run.plan[index]), self._done_text)

    def _done_text(self, logged_index: int) -> str:
        from liftcalm.core.load_display import display_set_load

        run, unit = self.recorder.run, self.store.settings.unit
        logged = run.logged[logged_index]
        body_load = self._exercise(run.plan[logged.plan_index]).body_load
        parts = []
        if logged.reps is not None:
            parts.append(f"{logged.reps} reps")
        if logged.load_kg or (body_load is not BodyLoad.NONE and logged.reps is not None):
            parts.append(display_set_load(logged.load_kg, unit, body_load))  # "BW + 10 kg" for a weighted dip
        if logged.duration_s is not None:
            parts.append(format_elapsed(logged.duration_s))
        if logged.distance_m is not None:
            parts.append(f"{logged.distance_m:g} m")
        if logged.rpe is not None:
            parts.append(f"RPE {logged.rpe:g}")
        said = self.recorder.ratings[logged_index]
        if said.stress_after_set is not None:
            parts.append(f"stress {said.stress_after_set}" + (
                f" → {said.stress_end_of_rest}" if said.stress_end_of_rest is not None else ""))
        if said.relief_note:
            parts.append("note")
        text = " · ".join(parts) or "done"
        return text if self.recorder.is_saved(logged_index) else f"{text} (not saved yet)"

    def _connect_overview(self) -> None:
        o = self.overview
        o.close_requested.connect(self.toggle_overview)
        o.jump_requested.connect(self._on_overview_jump_requested)
        o.skip_requested.connect(lambda indices, what: self._plan_change(
            lambda: self.recorder.skip_sets(indices, f"skip {what}"), f"Skipped {what}."))
        o.remove_requested.connect(lambda index: self._plan_change(
            lambda: self.recorder.remove_set(index), "Removed that set."))
        o.move_later_requested.connect(self._on_overview_move_later_requested)
        o.add_set_requested.connect(lambda item, name: self._plan_change(
            lambda: self.recorder.add_set(item, name), f"Added a set of {name}."))
        o.edit_requested.connect(self.edit_logged_set)
        o.note_requested.connect(self._on_overview_note_requested)

    def _plan_change(self, change, said: str) -> None:
        from liftcalm.core.session_run import SessionError

        if self.recorder is None:
            return
        try:
            change()
        except SessionError as error:
            self.overview.say(f"That cannot be done now: {error}.")
            return
        self.overview.say(f"{said} Ctrl+Z undoes it.")
        self.status_message.emit(said)

    def _on_overview_jump_requested(self, index: int) -> None:
        from liftcalm.core.session_run import SessionError

        try:
            self.recorder.jump_to(index)
        except SessionError as error:
            self.overview.say(f"That cannot be done now: {error}.")
            return
        title = self._set_title(self.recorder.run.plan[index])
        self.status_message.emit(f"Next: {title}.")
        self.toggle_overview()  # back to the set (or the rest before it)

    def _on_overview_move_later_requested(self, item_index: int, name: str) -> None:
        if self.recorder is None:
            return
        if self.recorder.move_exercise_later(item_index, name):
            self.overview.say(f"Moved {name} after the next exercise. Ctrl+Z undoes it.")
        else:
            self.overview.say(f"Nothing comes after {name} to move it behind.")

    def _on_overview_note_requested(self, exercise_id: int, name: str) -> None:
        from PySide6.QtWidgets import QInputDialog

        from liftcalm.core.validation import ValidationError, parse_note

        if self.recorder is None:
            return
        old = self.recorder.exercise_notes.get(exercise_id, "")
        text, accepted = QInputDialog.getText(self, "Note for this session", f"A note about {name} today:",
                                              text=old)
        self._back_from_dialog()
        if not accepted:
            return
        try:
            note = parse_note(text)
        except ValidationError as error:
            self.overview.say(error.message)
            return
        self.recorder.note_exercise(exercise_id, note, name)
        if any(write.method == "note_exercise" for write in self.recorder.pending):  # held: never said as saved
            self.overview.say(f"Not saved yet: the note for {name} waits; LiftCalm keeps trying.")
        else:
            self.overview.say(f"Note for {name} saved." if note else f"Note for {name} cleared.")

    def _back_from_dialog(self) -> None:
        """The keys come back to the session (the window is active again, the overview's tree focused)."""
        self.window().activateWindow()
        if self._overview_open:
            self.overview.focus_tree()
        else:
            self._focus_current()

    def edit_logged_set(self, index: int) -> None:
        """Edit logged set ``index`` (numbers, ratings, note): each change an undo step, saved at once."""
        from PySide6.QtWidgets import QDialog

        from liftcalm.core.session_recorder import UNSET
        from liftcalm.ui.session.set_editor import SetEditor, SetValues

        recorder = self.recorder
        if recorder is None or not 0 <= index < len(recorder.run.logged):
            return
        logged, said = recorder.run.logged[index], recorder.ratings[index]
        planned = recorder.run.plan[logged.plan_index]
        editor = SetEditor(f"Edit {self._set_title(planned)}", SetValues(
            logged.reps, logged.load_kg, logged.rpe, logged.duration_s, logged.distance_m, said.stress_after_set,
            said.stress_end_of_rest, said.relief_note), self.store.settings.unit, recorder.run.is_timed(planned),
            bool(planned.target_distance_m), self)
        accepted = editor.exec() == QDialog.DialogCode.Accepted and editor.values is not None
        values = editor.values
        editor.deleteLater()
        self._back_from_dialog()
        if not accepted or self.recorder is not recorder or index >= len(recorder.run.logged):
            return
        recorder.amend_set(index, values.reps, values.load_kg, values.rpe, values.duration_s, values.distance_m)
        recorder.rate_set(index, stress_after_set=values.stress_after_set,
                          stress_end_of_rest=values.stress_end_of_rest, relief_note=values.note,
                          relief_signs=UNSET)
        self.status_message.emit(f"Saved the changes to {self._set_title(planned)}."
                                 if recorder.is_saved(index) else "Not saved yet: the changes wait; "
                                 "LiftCalm keeps trying.")
        self._refresh_rest_values()

    def _refresh_rest_values(self) -> None:
        """Show the rest's set as it is now (after an undo), unless it is being corrected."""
        if (self.recorder is None or self._rest_index is None or self.stack.currentWidget() is not self.rest_screen
                or self._rest_index >= len(self.recorder.run.logged)):
            return
        logged = self.recorder.run.logged[self._rest_index]
        self.rest_screen.show_values(logged.reps, logged.load_kg, logged.rpe, self._ratings_shown(self._rest_index))

    def add_exercise(self) -> None:
        if self.recorder is None:
            return
        item = self._pick_item("Add an exercise to this session")
        if item is not None:
            name = self.store.exercises.get(item.exercise_id).name
            self.recorder.add_exercise(item, name)
            self.status_message.emit(f"Added {name} to the session. Ctrl+Z undoes it.")

    def _pick_item(self, title: str) -> RoutineItem | None:
        from PySide6.QtWidgets import QDialog

        from liftcalm.ui.exercise_picker import ExercisePicker

        picker = ExercisePicker(self.store, self)
        picker.setWindowTitle(title)
        accepted = picker.exec() == QDialog.DialogCode.Accepted and picker.chosen is not None
        picker.deleteLater()
        self._focus_current()
        if not accepted:
            return None
        return RoutineItem.for_exercise(picker.chosen, self.store.settings.default_rest_s)

    def discard_session(self) -> None:
        """A session started by mistake goes, sets and all, after a confirmation; Edit > Undo brings it back."""
        from liftcalm.store.database import STORE_FAULTS
        from liftcalm.ui.actions import confirm_delete

        recorder = self.recorder
        if recorder is None:
            return
        sets = len(recorder.run.logged)
        if not confirm_delete(self, "Discard session",
                              f"Discard this session of {recorder.routine_name} and its {sets} logged "
                              f"set{'s' if sets != 1 else ''}? Nothing of it stays in your history."):
            self._focus_current()
            return
        try:
            change = self.store.history_edits.delete_session(recorder.session_id)
        except STORE_FAULTS as error:
            QMessageBox.warning(self, "Discard session", f"The session could not be discarded ({error}); "
                                "it goes on as it was.")
            return
        self._discarded = change
        self._detach()
        self.status_message.emit(f"Discarded {recorder.routine_name}. Edit > Undo (Ctrl+Z) brings it back.")
        self.show_start()

    def end_session_early(self) -> None:
        if self.recorder is None or self.recorder.phase is Phase.FINISHED:
            return
        answer = QMessageBox.question(
            self, "End session", "End the session here? The sets you did are saved; the summary comes next.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes)
        if answer == QMessageBox.StandardButton.Yes:
            self.recorder.end_early()
        self._focus_current()

    def finish_now(self) -> None:
        """Close the running session as it is, without the summary (closing the app)."""
        if self.recorder is not None:
            self.recorder.finish(None, "")

    def _on_summary_finish_requested(self, stress_final, note: str) -> None:
        if self.recorder is not None:
            self.recorder.finish(stress_final, note)

    def _on_session_finished(self, _session_id: int) -> None:
        update = self._routine_update()
        self._detach()
        self.status_message.emit("Session saved. Well done for showing up.")
        self.show_start()
        if update is not None:
            self._offer_routine_update(update)

    def _routine_update(self):
        """What the finished session did differently from its routine, to offer taking over (or None)."""
        from liftcalm.core.routine_update import routine_update
        from liftcalm.core.units import format_load

        recorder = self.recorder
        routine = self._routine_of_session() if recorder is not None else None
        if routine is None or recorder.kind is ExerciseKind.CALM or not recorder.run.logged:
            return None
        unit = self.store.settings.unit
        run = recorder.run
        return routine_update(routine, run.plan, run.order, run.logged,
                              lambda exercise_id: self.store.exercises.get(exercise_id).name,
                              lambda kg: f"{format_load(kg, unit)} {unit}")

    def _offer_routine_update(self, update) -> None:
        """After a session that changed its plan: what would change in the routine, with two buttons; never modal."""
        self._routine_update_offered = update
        self.update_note.setText(
            f"Today went differently from “{update.routine.name}”. Update the routine with today's changes?\n"
            + "\n".join(f"• {line}" for line in update.changes)
            + "\nReps stay as planned, and skipped sets stay in the routine.")
        self.update_box.show()

    def _on_update_button_clicked(self) -> None:
        from liftcalm.core.validation import ValidationError
        from liftcalm.store.database import STORE_FAULTS

        update, self._routine_update_offered = self._routine_update_offered, None
        self.update_box.hide()
        if update is None:
            return
        try:
            self.store.book.edit(update.routine, "update from today's session")
        except (ValidationError, *STORE_FAULTS) as error:
            QMessageBox.warning(self, "Update the routine", f"The routine could not be updated ({error}); it is "
                                "as it was.")
            return
        self.status_message.emit(f"Updated “{update.routine.name}” with today's changes (Edit > Undo on Routines "
                                 "takes it back).")

    def _on_keep_button_clicked(self) -> None:
        self._routine_update_offered = None
        self.update_box.hide()
    def _detach(self) -> None:
        self._repaint_timer.stop()
        if self._cues is not None:
            self._cues.detach()
        if self._alerts is not None:
            self._alerts.rest_running(None)
            self._alerts.show_remaining(None)
        if self._mini_timer is not None:
            self._mini_timer.hide()
            self.mini_timer_action.setChecked(False)
        if self._session_signals is not None:
            self._session_signals.stop()
            self._session_signals.deleteLater()
        self.recorder = None
        self._session_signals = None
        self.running_changed.emit(False)
        self._update_actions()

    def keep_for_later(self) -> None:
        """Leave the session saved as running (closing the app); the next start offers it."""
        self._detach()

    def shutdown(self) -> None:
        if not self._screens_built:
            return
        self._repaint_timer.stop()
        if self._cues is not None:
            self._cues.shutdown()
        if self._alerts is not None:
            self._alerts.shutdown()
        if self._mini_timer is not None:
            self._mini_timer.close()

    # -- session and screen signals ---------------------------------------------------------------
    def _connect_screens(self) -> None:
        self.start_screen.start_requested.connect(self.begin_routine)
        self.start_screen.empty_requested.connect(self.start_empty_session)
        self.start_screen.resume_requested.connect(self.resume)
        self.readiness.start_requested.connect(self._on_readiness_start_requested)
        self.readiness.calm_requested.connect(self._on_readiness_calm_requested)
        self.readiness.rest_requested.connect(self._on_readiness_rest_requested)
        self.readiness.help_requested.connect(self.help_requested.emit)
        self.readiness.cancelled.connect(self.show_start)
        self.set_screen.done_clicked.connect(self.finish_set)
        r = self.rest_screen
        r.adjust_clicked.connect(self._adjust)
        r.pause_clicked.connect(self._pause_or_resume)
        r.skip_clicked.connect(self._skip_rest)
        r.confirmed.connect(self._on_rest_confirmed)
        r.stress_rated.connect(lambda value: self._rate(stress_after_set=value))
        r.end_stress_rated.connect(lambda value: self._rate(stress_end_of_rest=value))
        r.signs_changed.connect(lambda signs: self._rate(relief_signs=signs))
        r.note_changed.connect(lambda note: self._rate(relief_note=note))
        r.leave_fields.connect(self.setFocus)
        r.timing_changed.connect(self._on_repaint_timer_timeout)  # the pacer came or went: its frames follow
        self.summary.finish_requested.connect(self._on_summary_finish_requested)
        self.set_screen.round_rated.connect(self._on_round_rated)
        self._connect_overview()

    def _on_session_changed(self) -> None:
        if self.recorder is None:
            return
        self._update_unsaved_banner()
        self._alerts_object().rest_running(self.recorder.run.next_deadline())
        self._show_phase()

    def _on_session_time_ended_phase(self, kind: str) -> None:
        run = self.recorder.run
        if run.phase is Phase.FINISHED:
            title, message = "Cool-down over", "Time for the summary."
        elif kind == "block":
            title, message = "Block done", "Rest a moment."
        else:
            title = "Rest is over"
            message = f"Next: {self._set_title(run.current)}" if run.current else ""
        if kind == "block":
            self._alerts_object().block_ended(title, message)
        else:
            self._alerts_object().rest_ended(title, message)
        self._say(f"{title}. {message}" if message else f"{title}.", assertive=True)

    def time_left_text(self) -> str:
        """What "say the time left" says: the rest's time left and what comes next, or the set and its time."""
        recorder = self.recorder
        if recorder is None:
            return ""
        run, now = recorder.run, self.clock.now()
        if run.phase is Phase.REST and run.rest is not None:
            paused = ", paused" if run.rest.is_paused else ""
            return f"{_spoken_time(run.rest.remaining(now))} left in the rest{paused}. {self._next_text(run.position)}"
        if run.phase is Phase.SET and run.current is not None:
            block_end = run.block_deadline()
            if block_end is not None:
                timing = f"{_spoken_time(max(0.0, block_end - now))} left"
            else:
                timing = f"{_spoken_time(run.stopwatch(now))} since it began"
            return f"{self._set_title(run.current)}: {self._target_text(run.current)}. {timing}."
        return ""

    def _say(self, text: str, assertive: bool = False) -> None:
        """Have a screen reader say ``text``: as an announcement, and as the page's name on a new focus.

        Readers that do not speak announcements (Orca 43 here) still speak the name of an object
        that takes the focus. The page holds the focus during a session (its keys are its own), so
        it takes the text as its name and the focus again; a field being edited keeps its own.
        """
        announce(self, text, assertive)
        focused = QApplication.focusWidget()
        typing = isinstance(focused, (QLineEdit, QPlainTextEdit))  # a note or a correction keeps the focus
        if QAccessible.isActive() and (focused is self or (self.isAncestorOf(focused) and not typing)):
            self.setAccessibleName(text)
            self.clearFocus()
            self.setFocus()

    def say_time_left(self) -> None:
        """R: a screen reader says the time left now (and the status bar shows it)."""
        text = self.time_left_text()
        if text:
            self._say(text, assertive=True)
            self.status_message.emit(text)

    def _on_rest_confirmed(self, reps: int | None, load_kg: float | None, rpe) -> None:
        if self.recorder is not None and self._rest_index is not None:
            self.recorder.amend_set(self._rest_index, reps, load_kg, rpe)
            saved = self.recorder.is_saved(self._rest_index)
            self.status_message.emit("Saved the corrected set." if saved else
                                     "Not saved yet: the corrected set waits; LiftCalm keeps trying.")

    def _on_round_rated(self, value) -> None:
        index = self._round_partner() if self.recorder is not None else None
        if index is not None:
            self.recorder.rate_set(index, stress_after_set=value)

    def _rate(self, **rating) -> None:
        if self.recorder is not None and self._rest_index is not None:
            self.recorder.rate_set(self._rest_index, **rating)

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setBackgroundRole(self.banner.backgroundRole().Highlight)
        self.banner.setForegroundRole(self.banner.foregroundRole().HighlightedText)
        self.banner.show()
        self._banner_timer.start(10000)

    def _on_mini_timer_action_toggled(self, checked: bool) -> None:
        if checked:
            if self._mini_timer is None:
                from liftcalm.ui.session.mini_timer import MiniTimer

                self._mini_timer = MiniTimer()
                self._mini_timer.closed.connect(lambda: self.mini_timer_action.setChecked(False))
                self._mini_timer.activate_requested.connect(self._raise_window)
            self._mini_timer.show()
            self._on_repaint_timer_timeout()
        elif self._mini_timer is not None:
            self._mini_timer.hide()

    def _raise_window(self) -> None:
        window = self.window()
        window.showNormal()
        window.raise_()
        window.activateWindow()

    # -- keys -----------------------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        if not self._screens_built:
            super().keyPressEvent(event)
            return
        key, text = event.key(), event.text()
        current = self.stack.currentWidget()
        plain = not event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier)
        if plain and text.isdigit() and len(text) == 1:
            if current is self.readiness:
                self.readiness.press_digit(int(text))
                return
            if current is self.rest_screen:
                self.rest_screen.press_digit(int(text))
                return
            if current is self.summary:
                self.summary.press_digit(int(text))
                return
            if current is self.set_screen and self.set_screen.round_rating_shown():
                self.set_screen.press_digit(int(text))
                return
        if current is self.readiness:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.readiness.start()
                return
            if key == Qt.Key.Key_Escape:
                self.show_start()
                return
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.readiness.move_active(-1 if key == Qt.Key.Key_Up else 1)
                return
        if current is self.rest_screen and plain and text:
            if text.upper() == "N":
                self.rest_screen.focus_note()
                return
            if text.upper() == "E":
                self.rest_screen.start_editing()
                return
            if self.rest_screen.toggle_sign(text):
                return
        if current is self.overview:
            self.overview.handle_key(event)
            if event.isAccepted():
                return
        if current is self.summary and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.summary.finish_button.click()
            return
        super().keyPressEvent(event)


def _spoken_time(seconds: float) -> str:
    """"1 minute 5 seconds", as a screen reader should say a time (never "1:05"): the voice cues' words."""
    from liftcalm.core.spoken_cues import duration  # not at start-up: it loads the session plan

    return duration(seconds)


class _DiscardUndo:
    """Edit > Undo on the Session page right after a discard: it brings the session back."""

    can_undo, can_redo, redo_label = True, False, ""

    def __init__(self, view: SessionView):
        self.undo_label = "discard session"
