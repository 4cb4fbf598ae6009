"""The graphs page. Only this package imports pyqtgraph, and only when the page is first shown."""

from liftcalm.ui.charts.graphs_view import GraphsView

__all__ = ["GraphsView"]
