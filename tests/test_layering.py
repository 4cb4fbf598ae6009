"""The core, the store and the command line must not load Qt."""

import os
import subprocess
import sys


def test_core_store_and_cli_import_no_qt():
    code = (
        "import importlib, pkgutil, sys, liftcalm.core, liftcalm.store, liftcalm.cli\n"
        "for package in (liftcalm.core, liftcalm.store):\n"
        "    for module in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "        importlib.import_module(module.name)\n"
        "from liftcalm.store import Store\n"
        "import tempfile, os\n"
        "Store(os.path.join(tempfile.mkdtemp(), 'x.db')).close()\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'pyqtgraph')))\n"
        "print(loaded)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "[]"


def test_starting_the_window_loads_neither_pyqtgraph_nor_multimedia(tmp_path):
    """Start-up stays close to a bare Qt window: graphs and sound load when first used."""
    code = (
        "import sys, os\n"
        "from pathlib import Path\n"
        "from liftcalm.app import open_main_window\n"
        f"app, window = open_main_window(Path({str(tmp_path / 'start.db')!r}))\n"
        "app.processEvents()\n"
        "heavy = sorted(m for m in sys.modules if m.startswith(('pyqtgraph', 'numpy', 'PySide6.QtMultimedia')))\n"
        "print(heavy)\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
