"""Serve the app: ``python -m ui.serve [streamlit run options]`` (``make run`` does).

The same as ``streamlit run app.py``, with one difference. The app lists its pages itself
(``st.navigation`` in ``ui/wizard/flow.py``), but a folder named ``pages/`` beside ``app.py`` makes a new
Streamlit server take its first run in the older multipage mode, which knows only the folder's
file names. A first visitor who comes straight to a status link (``/track?token=…``) or the
console (``/team``) then sees "Page not found" before the right page. Saying up front that the
folder is not used that way makes the first visit like every other.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

from porting import logs

APP = Path(__file__).resolve().parent.parent / "app.py"


def main(argv: Sequence[str] | None = None) -> None:
    logs.configure()  # before the first visitor: the server's own start is logged the same way
    PagesManager.uses_pages_directory = False  # what st.navigation sets on its first call
    options = list(sys.argv[1:] if argv is None else argv)
    sys.argv = ["streamlit", "run", str(APP), *options]
    cli.main()


if __name__ == "__main__":
    main()
