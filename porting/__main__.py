"""``python -m porting``: the command line (see ``porting.cli``)."""

import sys

from porting.cli import main

sys.exit(main())
