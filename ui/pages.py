"""The app's pages, each named once by the path Streamlit runs it from (relative to ``app.py``).

Everything that shows, links or switches to a page (``st.navigation``, ``st.page_link``,
``st.switch_page``) names it by these constants; ``tests/unit/test_pages.py`` checks that each
names a file in ``pages/`` and that each file there has one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, NewType

PagePath = NewType("PagePath", str)

NUMBERS: Final = PagePath("pages/1_numbers.py")
COMPANY: Final = PagePath("pages/2_company.py")
LOA: Final = PagePath("pages/3_loa.py")
DOCUMENTS: Final = PagePath("pages/4_documents.py")
SUBMIT: Final = PagePath("pages/5_submit.py")
STATUS: Final = PagePath("pages/6_status.py")
CONSOLE: Final = PagePath("pages/7_console.py")
ACCESSIBILITY: Final = PagePath("pages/8_accessibility.py")

ALL: Final = (NUMBERS, COMPANY, LOA, DOCUMENTS, SUBMIT, STATUS, CONSOLE, ACCESSIBILITY)

SANDBOX: Final = {"demo": "1"}  # the query of STATUS that opens the demo's sandbox request


def opens_sandbox(query: Mapping[str, str]) -> bool:
    """Whether the address's ``query`` opens the demo's sandbox request (``SANDBOX``)."""
    return SANDBOX.keys() <= query.keys()
