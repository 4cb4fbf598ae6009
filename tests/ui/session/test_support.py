"""A path to help: support first on low days, a rest day kept in the history, anchors on every scale,
a reflection that presumes nothing, help that names no country's numbers."""

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from liftcalm.core.clock import FakeClock
from liftcalm.core.models import Readiness
from liftcalm.core.scales import STRESS_AFTER_SET, STRESS_FINAL
from liftcalm.store import Store
from tests.ui.session.test_session import CTRL, make_routine, press, type_text


def to_readiness(qtbot, window):
    view = window.session
    press(qtbot, window, Qt.Key.Key_2, CTRL)
    press(qtbot, window, Qt.Key.Key_Return)
    assert view.stack.currentWidget() is view.readiness
    return view


def test_a_low_day_can_be_recorded_as_a_rest_day_and_it_stays_in_the_history(qtbot, open_window, db_path):
    make_routine(db_path)
    window = open_window(FakeClock())
    view = to_readiness(qtbot, window)
    type_text(qtbot, window, "216")
    qtbot.waitUntil(lambda: view.readiness.readiness().stress == 6)
    text = view.readiness.advice.text()
    assert view.readiness.advice.isVisible() and "support means people" in text and "rest today" in text
    assert view.readiness.rest_button.isVisible()
    qtbot.mouseClick(view.readiness.rest_button, Qt.MouseButton.LeftButton)
    assert view.stack.currentWidget() is view.start_screen and view.recorder is None
    with Store(db_path) as store:
        rows = store.conn.execute("SELECT kind, energy, motivation, stress_before, ended_at IS NOT NULL,"
                                  " (SELECT count(*) FROM logged_set) FROM session").fetchall()
    assert rows == [("rest", 2, 1, 6, 1, 0)]
    window.navigation.setCurrentRow(window.pages.indexOf(window.history_page))
    history = window.history_page.ensure_view()
    qtbot.waitUntil(lambda: len(history.sessions_model.rows) == 1)
    assert history.sessions_model.index(0, 1).data() == "Rest day"
    assert "energy 2, motivation 1, stress 6" in history.readiness_label.text()


def test_a_calm_session_is_offered_even_without_a_calm_routine(qtbot, open_window, db_path):
    make_routine(db_path)  # strength only
    window = open_window(FakeClock())
    view = to_readiness(qtbot, window)
    assert view.readiness.calm_button.isVisible()
    qtbot.mouseClick(view.readiness.calm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.recorder is not None)
    assert view.recorder.kind.value == "calm" and view.recorder.routine_name == "A short calm session"
    names = {view.store.exercises.get(p.exercise_id).name for p in view.recorder.run.plan}
    assert names == {"Cyclic Sighing", "Body Scan"}


def test_when_low_days_keep_coming_a_gentle_note_suggests_talking_to_someone(qtbot, open_window, db_path):
    make_routine(db_path)
    with Store(db_path) as store:
        for day in range(2):
            store.sessions.record_rest_day(Readiness(1, 1, None), 1.8e9 + day * 86400)
    window = open_window(FakeClock())
    view = to_readiness(qtbot, window)
    type_text(qtbot, window, "22")
    qtbot.waitUntil(lambda: view.readiness.readiness().motivation == 2)
    press(qtbot, window, Qt.Key.Key_Return)  # the third low day in a row: a note, and the session starts
    qtbot.waitUntil(lambda: view.recorder is not None)
    assert view.support_box.isVisible()
    assert "talking about with someone" in view.support_note.text()
    assert not re.search(r"streak|score|%", view.support_note.text())
    dismiss = next(b for b in view.support_box.findChildren(type(view.readiness.rest_button)) if b.text() == "Dismiss")
    qtbot.mouseClick(dismiss, Qt.MouseButton.LeftButton)
    assert not view.support_box.isVisible()


def test_two_low_days_of_three_bring_no_note(qtbot, open_window, db_path):
    make_routine(db_path)
    with Store(db_path) as store:
        store.sessions.record_rest_day(Readiness(1, 1, None), 1.8e9)
        store.sessions.record_rest_day(Readiness(6, 6, None), 1.8e9 + 86400)
    window = open_window(FakeClock())
    view = to_readiness(qtbot, window)
    type_text(qtbot, window, "11")
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.recorder is not None)
    assert not view.support_box.isVisible()
    window.session.keep_for_later()


def test_every_scale_shows_its_anchors_and_the_reflection_presumes_nothing(qtbot, open_window, db_path):
    make_routine(db_path)
    clock = FakeClock()
    window = open_window(clock)
    view = to_readiness(qtbot, window)
    anchors = [row.hint.text() for row in view.readiness.rows.values()]  # beside the question, on this wide screen
    assert anchors[0] == "0 none at all · 5 my usual · 10 the most I ever have"
    assert anchors[2] == "0 calm · 5 clearly stressed · 10 the most distress I can imagine"
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.recorder is not None)
    press(qtbot, window, Qt.Key.Key_Space)
    press(qtbot, window, Qt.Key.Key_Escape)
    rest = view.rest_screen
    assert rest.stress.anchors.text() == STRESS_AFTER_SET.anchor_text == rest.end_stress.anchors.text()
    type_text(qtbot, window, "o")  # "nothing in particular" is an answer too
    type_text(qtbot, window, "m")  # and so is "more tense"
    labels = [box.text() for box in rest.sign_boxes.values()]
    assert "Nothing in particular  (O)" in labels and "More tense  (M)" in labels
    assert rest.relief_box.findChildren(type(rest.title))[0].text() == "What do you notice?"
    row = view.store.sessions.logged_set_rows(view.recorder.session_id)[0]
    assert row["relief_signs"] == "nothing in particular,more tense"
    assert view.summary.final_stress.anchors.text() == STRESS_FINAL.anchor_text  # and at the end


def test_a_rating_keeps_when_it_was_given(qtbot, open_window, db_path):
    make_routine(db_path)
    window = open_window(FakeClock(start=5000.0))
    view = to_readiness(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.recorder is not None)
    press(qtbot, window, Qt.Key.Key_Space)
    press(qtbot, window, Qt.Key.Key_Escape)
    type_text(qtbot, window, "4")
    with Store(db_path) as store:
        row = store.conn.execute("SELECT stress_after_set, stress_after_set_at >= ended_at, stress_end_of_rest_at"
                                 " FROM logged_set").fetchone()
    assert row == (4, 1, None)
    window.session.keep_for_later()


def test_the_pacer_starts_with_a_breath_in_and_offers_cyclic_sighing_after_a_set(qtbot, open_window, db_path):
    make_routine(db_path)
    clock = FakeClock()
    window = open_window(clock)
    view = to_readiness(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.recorder is not None)
    press(qtbot, window, Qt.Key.Key_Space)
    press(qtbot, window, Qt.Key.Key_Escape)
    rest = view.rest_screen
    rest.pacer_pattern.setCurrentIndex(rest.pacer_pattern.findData("box"))
    clock.advance(7.3)  # switched on in the middle of a rest
    view._on_repaint_timer_timeout()
    press(qtbot, window, Qt.Key.Key_B, CTRL)
    view._on_repaint_timer_timeout()
    assert rest.pacer.phase.label == "Breathe in" and rest.pacer.phase.step_fraction < 0.05
    press(qtbot, window, Qt.Key.Key_S)  # skip; the next set, then its rest
    press(qtbot, window, Qt.Key.Key_Space)
    assert rest.pacer_pattern.currentData() == "cyclic_sighing"
    window.session.keep_for_later()


def test_coaching_lines_can_be_switched_off(qtbot, open_window, db_path):
    make_routine(db_path)
    with Store(db_path) as store:
        store.settings.coaching_lines = False
    window = open_window(FakeClock())
    view = to_readiness(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.recorder is not None)
    press(qtbot, window, Qt.Key.Key_Space)
    assert view.rest_screen.coaching.text() == "" and not view.rest_screen.coaching.isVisible()
    window.session.keep_for_later()


def test_help_names_where_to_turn_and_keeps_the_persons_contacts(qtbot, open_window, on_modal, db_path):
    from liftcalm.ui.dialogs.support_dialog import SupportDialog

    window = open_window()
    seen = []

    def fill_in(dialog):
        text = " ".join(label.text() for label in dialog.findChildren(type(dialog.saved_line)))
        seen.append(text)
        dialog.contacts.setPlainText("Sam 0123 456 789")
        dialog.reject()

    on_modal(fill_in, SupportDialog)
    window.support_action.trigger()
    text = seen[0]
    assert "local emergency number" in text and "findahelpline.com" in text and "not a treatment" in text
    assert not re.search(r"\b(911|999|112|988|111|116 ?123|000)\b", text)  # no one country's numbers
    with Store(db_path) as store:
        assert store.settings.support_contacts == "Sam 0123 456 789"


def test_the_first_run_and_help_carry_the_exercise_safety_note(qtbot, open_window):
    window = open_window()
    assert "chest pain" in window.routines.welcome_text.text()
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    names = [a.text().replace("&", "") for a in help_menu.actions()]
    assert "If you're struggling or in crisis…" in names and "Exercise safety…" in names


def test_the_low_day_message_links_to_help(qtbot, open_window, on_modal, db_path):
    from liftcalm.ui.dialogs.support_dialog import SupportDialog

    make_routine(db_path)
    window = open_window(FakeClock())
    view = to_readiness(qtbot, window)
    type_text(qtbot, window, "11")
    qtbot.waitUntil(view.readiness.help_button.isVisible)
    opened = []
    on_modal(lambda dialog: (opened.append(True), dialog.reject()), SupportDialog)
    qtbot.mouseClick(view.readiness.help_button, Qt.MouseButton.LeftButton)
    assert opened


def test_a_session_started_by_mistake_is_discarded_and_undo_brings_it_back(qtbot, open_window, on_modal, db_path):
    make_routine(db_path)
    window = open_window(FakeClock())
    view = to_readiness(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.recorder is not None)
    press(qtbot, window, Qt.Key.Key_Space)
    type_text(qtbot, window, "4")
    session_id = view.recorder.session_id

    def discard(box):
        next(b for b in box.buttons() if b.text() == "&Delete").click()

    on_modal(discard, QMessageBox)
    view.discard_action.trigger()
    assert view.recorder is None and view.stack.currentWidget() is view.start_screen
    with Store(db_path) as store:
        assert store.conn.execute("SELECT count(*) FROM session").fetchone()[0] == 0
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.undo_action.isEnabled() and "discard" in window.undo_action.text()
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: view.recorder is not None)
    assert view.recorder.session_id == session_id and view.recorder.ratings[0].stress_after_set == 4
    assert view.stack.currentWidget() is view.rest_screen
    window.session.keep_for_later()
