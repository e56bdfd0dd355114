"""``python -m porting``: the command line (see ``porting.cli.main``)."""

import sys

from porting.cli.main import main

sys.exit(main())
