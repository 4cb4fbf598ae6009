"""The plate calculator widget follows the load it is given, with no dialog."""

from liftcalm.core.plates import PlateInventory
from liftcalm.core.units import Unit, unit_to_kg
from liftcalm.ui.plate_view import PlateView


def test_the_plate_view_follows_each_load(qtbot):
    view = PlateView()
    qtbot.addWidget(view)
    view.show()
    kg = PlateInventory.default(Unit.KG)
    view.show_load(100.0, kg)
    assert view.text.text() == "25 + 15 per side on the 20 kg bar" and view.plate_load.per_side == (25.0, 15.0)
    view.show_load(101.0, kg)
    assert view.text.text().endswith("closest: 100 kg")
    view.show_load(unit_to_kg(315, Unit.LB), PlateInventory.default(Unit.LB))
    assert view.text.text() == "45 + 45 + 45 per side on the 45 lb bar"
    view.show_load(None, kg)
    assert view.text.text() == "No load to put on the bar." and view.plate_load is None
    view.grab()  # paints without a load as with one
