"""The bundle's entry point, for both of its executables: ``rallyorg-gui`` (no console on
Windows and macOS) starts the desktop app, ``rallyorg`` is the command line (and, without a
command, the app too). One script keeps both on one analysed set of modules."""

import sys
from pathlib import Path

from rallyorg.app import gui_main, main

if __name__ == "__main__":
    starts_gui = Path(sys.executable).stem.lower() == "rallyorg-gui"
    sys.exit(gui_main() if starts_gui else main())
