"""``python -m rallyorg``: the ``rallyorg`` command."""

import sys

from rallyorg.app import main

sys.exit(main())
