"""Planning on the set screen: last time at a glance, the suggestion and its reason, F fills from last time,
U adds a warm-up ramp, the plates per side; each change undone with Ctrl+Z."""

from PySide6.QtCore import Qt

from liftcalm.core.clock import FakeClock
from liftcalm.core.models import Routine, RoutineItem, SetType
from liftcalm.core.session_recorder import SessionRecorder
from liftcalm.core.session_run import Phase
from liftcalm.store import Store
from tests.ui.session.test_session import CTRL, press

W = SetType.WORKING


def routine_done_once(db_path) -> int:
    """A squat routine, done once at 6 × 102.5 kg (the plan said 5 × 100 kg)."""
    with Store(db_path) as store:
        squat = store.exercises.find("Barbell Back Squat").id
        routine = store.book.add(Routine(None, "Legs", (RoutineItem(squat, (W, W), 5, 100.0, 120),)), "Add")
        store.settings.set("sound_on", "0")
        clock = FakeClock()
        recorder = SessionRecorder.start(store.sessions, clock, routine, store.exercises.get)
        while recorder.phase is not Phase.FINISHED:
            if recorder.phase is Phase.SET:
                index = len(recorder.run.logged)
                recorder.finish_set()
                recorder.amend_set(index, 6, 102.5, 8.0)
            else:
                recorder.skip_rest()
        recorder.finish(None, "")
        return squat


def start(qtbot, open_window):
    window = open_window(FakeClock())
    view = window.session
    press(qtbot, window, Qt.Key.Key_2, CTRL)
    press(qtbot, window, Qt.Key.Key_Return)
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.stack.currentWidget() is view.set_screen)
    return window, view


def test_last_time_the_suggestion_and_the_plates_are_on_the_set_screen(qtbot, open_window, db_path):
    routine_done_once(db_path)
    window, view = start(qtbot, open_window)
    screen = view.set_screen
    assert screen.last_time.text().startswith("Last time") and "6 × 102.5 kg @ 8" in screen.last_time.text()
    planned = view.recorder.run.current
    assert screen.reason.text() == planned.reason != ""  # why this target, in one line
    assert screen.plates is not None and "per side" in screen.plates.text.text()
    assert screen.target.text().endswith(f"{planned.target_load_kg:g} kg")


def test_f_fills_the_set_from_last_time_and_ctrl_z_takes_it_back(qtbot, open_window, db_path):
    routine_done_once(db_path)
    window, view = start(qtbot, open_window)
    run = view.recorder.run
    before = (run.current.target_reps, run.current.target_load_kg)
    press(qtbot, window, Qt.Key.Key_F)
    assert (run.current.target_reps, run.current.target_load_kg) == (6, 102.5)
    assert view.set_screen.target.text().startswith("6 reps × 102.5 kg")
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert (run.current.target_reps, run.current.target_load_kg) == before
    press(qtbot, window, Qt.Key.Key_F)
    press(qtbot, window, Qt.Key.Key_Space)  # an override: done as filled
    assert (run.logged[0].reps, run.logged[0].load_kg) == (6, 102.5)


def test_u_adds_a_warm_up_ramp_before_the_set_in_one_key(qtbot, open_window, db_path):
    routine_done_once(db_path)
    window, view = start(qtbot, open_window)
    run = view.recorder.run
    working = run.position
    press(qtbot, window, Qt.Key.Key_U)
    assert run.current.set_type is SetType.WARMUP and run.position != working
    ramp = [run.plan[i] for i in run.to_do() if run.plan[i].set_type is SetType.WARMUP]
    loads = [p.target_load_kg for p in ramp]
    assert len(ramp) >= 3 and loads == sorted(loads) and loads[-1] < run.plan[working].target_load_kg
    assert view.set_screen.set_line.text().startswith(f"Set 1 of {2 + len(ramp)} · Warm-up")
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert run.position == working and len(run.plan) == 2


def test_the_summary_says_what_will_be_suggested_next_time(qtbot, open_window, db_path):
    routine_done_once(db_path)
    window, view = start(qtbot, open_window)
    while view.recorder.phase is not Phase.FINISHED:
        if view.recorder.phase is Phase.SET:
            press(qtbot, window, Qt.Key.Key_Space)
        else:
            press(qtbot, window, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: view.summary.next_time.text() not in ("", "…"))
    assert view.summary.next_time.text().startswith("Barbell Back Squat: ")
    view.keep_for_later()
