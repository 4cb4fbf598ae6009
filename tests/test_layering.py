"""The core, the store and the command line must not load Qt."""

import subprocess
import sys


def test_core_store_and_cli_import_no_qt():
    code = (
        "import sys, liftcalm.core.models, liftcalm.core.routine_book, liftcalm.core.catalogue, "
        "liftcalm.core.validation, liftcalm.core.session_run, liftcalm.core.session_plan, liftcalm.core.clock, "
        "liftcalm.core.rest_countdown, liftcalm.store, liftcalm.cli\n"
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
