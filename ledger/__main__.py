"""``python -m ledger``: the command line (``ledger.cli``)."""

import sys

from ledger.cli import main

sys.exit(main())
