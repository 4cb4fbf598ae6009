"""Every control of every page can be found and understood with a screen reader.

Each page and main dialog is walked widget by widget, and every interactive one (buttons, line
edits, combo and spin boxes, check boxes, list, table and tree views, sliders, tab bars, text
editors) must have an accessible name: what Qt's accessibility interface reports, so a button's
text or a label's buddy counts, as it does for Orca. Fields that hold a quantity say its unit.
"""

from datetime import date

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAccessible, QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

from liftcalm.core.clock import FakeClock
from liftcalm.store import Store
from liftcalm.store.demo import write_demo
from tests.ui.session.test_session import CTRL, make_routine, press, type_text

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QAbstractSlider, QTabBar,
               QPlainTextEdit, QTextEdit)
# Parts of a control that Qt presents as the control itself: a combo box's list, a spin box's
# field, a view's viewport and corner button, a tab bar's scroll arrows.
COMPOSITE = (QComboBox, QAbstractSpinBox, QAbstractItemView, QTabBar)


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader gets; for a combo or spin box Qt falls back to the value, so its own name."""
    if isinstance(widget, (QComboBox, QAbstractSpinBox)):
        return widget.accessibleName().strip()
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def interactive_widgets(root: QWidget) -> list[QWidget]:
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, INTERACTIVE) or isinstance(widget, (QScrollBar, QHeaderView)):
            continue
        parent, inside = widget.parentWidget(), False
        while parent is not None and parent is not root.parentWidget():
            if isinstance(parent, COMPOSITE):
                inside = True
                break
            parent = parent.parentWidget()
        if not inside:
            found.append(widget)
    return found


def unnamed(root: QWidget) -> list[str]:
    """The interactive widgets under ``root`` (shown or not) that a screen reader could not name."""
    return [f"{type(w).__name__} {w.objectName()!r} in {type(w.parentWidget()).__name__}"
            f" {w.text() if callable(getattr(w, 'text', None)) else ''!r}"
            for w in interactive_widgets(root) if not accessible_name(w)]


CHECKED: dict[str, int] = {}


def check(name: str, root: QWidget) -> None:
    CHECKED[name] = len(interactive_widgets(root))
    assert unnamed(root) == [], name


def test_every_control_of_every_page_and_main_dialog_has_an_accessible_name(qtbot, open_window, db_path, on_modal,
                                                                            tmp_path):
    with Store(db_path) as store:
        write_demo(store, years=0.3, seed=4, end=date.today())
    make_routine(db_path)
    clock = FakeClock()
    window = open_window(clock)
    window.resize(1280, 800)
    check("main window", window)
    check("routines", window.routines)

    # Graphs and History are built when first shown.
    press(qtbot, window, Qt.Key.Key_3, CTRL)
    graphs = window.graphs_page.ensure_view()
    qtbot.waitUntil(lambda: graphs.graphs and graphs.graphs["stress_volume"].stack.currentWidget() is not None)
    check("graphs", graphs)
    press(qtbot, window, Qt.Key.Key_4, CTRL)
    history = window.history_page.ensure_view()
    qtbot.waitUntil(lambda: history.sessions_model.rows != [])
    check("history", history)

    # The session screens, one after the other, as a person goes through them.
    view = window.session
    press(qtbot, window, Qt.Key.Key_2, CTRL)
    check("session start", view.start_screen)
    view.start_screen.routines.setCurrentRow(view.start_screen.routines.count() - 1)  # Strength A, added last
    press(qtbot, window, Qt.Key.Key_Return)
    type_text(qtbot, window, "11")  # a low day: the advice and its buttons show too
    check("readiness", view.readiness)
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.recorder is not None)
    check("set", view.set_screen)
    press(qtbot, window, Qt.Key.Key_Space)
    press(qtbot, window, Qt.Key.Key_B, CTRL)  # the breathing pacer
    clock.advance(50)  # the reflection shows
    view._on_repaint_timer_timeout()
    check("rest", view.rest_screen)
    press(qtbot, window, Qt.Key.Key_V)
    check("overview", view.overview)
    press(qtbot, window, Qt.Key.Key_V)
    view.recorder.end_early()
    qtbot.waitUntil(lambda: view.stack.currentWidget() is view.summary)
    check("summary", view.summary)
    check("session page", view)
    view.keep_for_later()

    # The main dialogs.
    from liftcalm.ui.dialogs.import_dialog import ImportDialog
    from liftcalm.ui.dialogs.preferences_dialog import PreferencesDialog
    from liftcalm.ui.dialogs.support_dialog import SupportDialog
    from liftcalm.ui.report.dialog import ReportDialog
    from tests.ui.dialogs.test_import_dialog import FIXTURES

    for name, dialog in (("preferences", PreferencesDialog(window.store, window)),
                         ("support", SupportDialog(window.store, window)),
                         ("report", ReportDialog(window.store, window)),
                         ("import", ImportDialog(window.store, FIXTURES / "strong_android_plain.csv", window))):
        qtbot.addWidget(dialog)
        dialog.show()
        if name == "import":
            qtbot.waitUntil(lambda d=dialog: d._summary is not None or "Nothing" in d.message.text(), timeout=10000)
        check(name, dialog)
        dialog.close()
    print(f"interactive widgets checked: {CHECKED} ({sum(CHECKED.values())} in all)")


def test_fields_that_hold_a_quantity_say_its_unit(qtbot, open_window, db_path):
    make_routine(db_path)
    window = open_window()
    form = window.routines.form
    assert accessible_name(form.load.edit) == "Target load, kilograms"
    assert accessible_name(form.rest.edit) == "Rest, seconds"
    assert "How long" in form.duration.edit.accessibleDescription()
    window.store.settings.unit = "lb"
    assert accessible_name(form.load.edit) == "Target load, pounds"
    assert accessible_name(form.load_step.edit) == "Load step, pounds"

    press(qtbot, window, Qt.Key.Key_4, CTRL)
    history = window.history_page.ensure_view()
    assert accessible_name(history.load_field.edit) == "Load, pounds"
    assert accessible_name(history.stress_after_field.edit) == "Stress after set, 0 to 10"

    from liftcalm.ui.dialogs.preferences_dialog import PreferencesDialog

    dialog = PreferencesDialog(window.store, window)
    qtbot.addWidget(dialog)
    assert accessible_name(dialog.default_rest.edit) == "Default rest, seconds"
    assert accessible_name(dialog.bars[window.store.settings.unit].edit) == "Bar, pounds"
    assert accessible_name(dialog.volume) == "Volume, percent"
    assert accessible_name(dialog.theme) == "Theme"


def test_a_refused_value_is_said_in_words_to_a_screen_reader_too(qtbot, open_window, db_path, monkeypatch):
    from liftcalm.ui import validated_field

    said = []
    monkeypatch.setattr(validated_field, "announce", lambda widget, text, assertive=False: said.append(text))
    make_routine(db_path)
    window = open_window()
    field = window.routines.form.sets
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "999")
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert field.error and said == [f"Not saved: {field.error}"]
    assert field.error in field.edit.accessibleDescription()


def test_the_rest_says_the_time_left_on_demand_and_its_end(qtbot, open_window, db_path, monkeypatch):
    from liftcalm.ui.session import session_view

    said = []
    monkeypatch.setattr(session_view, "announce", lambda widget, text, assertive=False: said.append(text))
    make_routine(db_path)
    clock = FakeClock()
    window = open_window(clock)
    view = window.session
    press(qtbot, window, Qt.Key.Key_2, CTRL)
    press(qtbot, window, Qt.Key.Key_Return)
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.recorder is not None)
    press(qtbot, window, Qt.Key.Key_R)
    assert said[-1].startswith("Barbell Back Squat, set 1 of 2: 5 reps × 60 kg.")
    press(qtbot, window, Qt.Key.Key_Space)
    assert "Rest 1 minute" in said[-1] and "Next: Barbell Back Squat, set 2 of 2" in said[-1]
    clock.advance(15)
    view._on_repaint_timer_timeout()
    press(qtbot, window, Qt.Key.Key_R)
    assert said[-1].startswith("45 seconds left in the rest. Next: Barbell Back Squat, set 2 of 2")
    clock.advance(46)
    view._on_repaint_timer_timeout()
    qtbot.waitUntil(lambda: any(text.startswith("Rest is over.") for text in said))
    assert "Next: Barbell Back Squat, set 2 of 2" in [t for t in said if t.startswith("Rest is over.")][-1]
    view.keep_for_later()


def test_a_reader_without_announcements_hears_it_as_the_focused_pages_name(qtbot, open_window, db_path,
                                                                         monkeypatch):
    """Orca 43 speaks no announcements, but speaks what takes the focus: the page, named with the text."""
    from liftcalm.ui.session import session_view

    monkeypatch.setattr(session_view, "announce", lambda widget, text, assertive=False: None)
    monkeypatch.setattr(session_view.QAccessible, "isActive", staticmethod(lambda: True))
    make_routine(db_path)
    window = open_window(FakeClock())
    view = window.session
    focused = []
    press(qtbot, window, Qt.Key.Key_2, CTRL)
    press(qtbot, window, Qt.Key.Key_Return)
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.recorder is not None)
    assert view.accessibleName().startswith("Barbell Back Squat, set 1 of 2: 5 reps × 60 kg.")
    view.installEventFilter(filter_ := _FocusIns(focused))
    press(qtbot, window, Qt.Key.Key_Space)
    assert view.hasFocus() and focused  # the page took the focus again, with its new name
    assert "Rest 1 minute" in view.accessibleName()
    view.removeEventFilter(filter_)
    view.keep_for_later()


class _FocusIns(QObject):
    def __init__(self, seen):
        super().__init__()
        self.seen = seen

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.FocusIn:
            self.seen.append(watched)
        return False


@pytest.mark.parametrize("points", [9, 14])
def test_headings_follow_the_system_font_size(qtbot, open_window, db_path, points):
    app = QApplication.instance()
    before = app.font()
    font = QFont(before)
    font.setPointSizeF(points)
    app.setFont(font)
    try:
        make_routine(db_path)
        window = open_window()
        title = window.routines.routine_title
        assert title.font().pointSizeF() == pytest.approx(points * 1.6)
        body = [label for label in window.routines.findChildren(QLabel) if label.property("liftcalmType") is None]
        assert body and all(label.font().pointSizeF() == pytest.approx(points) for label in body)
    finally:
        app.setFont(before)
