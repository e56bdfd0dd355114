"""The wizard's steps in order: navigation, progress with check marks, Back and Next.

A step is done when what it collects is complete; the sidebar shows how far the customer is.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

import ui
from porting.calendar import oslo_today
from porting.company.details import validate_company
from porting.rules import rules
from porting.wizard.state import PortingRequest
from ui import pages
from ui.errors import caught


@dataclass(frozen=True)
class Step:
    path: pages.PagePath
    title: str  # catalogue key
    icon: str
    # Apart from the file's stem on purpose: Streamlit still maps pages/ by file name (the older
    # multipage layout), and a page whose path matched would run without app.py.
    url_path: str


STEPS = (
    Step(pages.NUMBERS, "nav.numbers", "🔢", "quote"),
    Step(pages.COMPANY, "nav.company", "🏢", "details"),
    Step(pages.LOA, "nav.loa", "✍️", "authorization"),
    Step(pages.DOCUMENTS, "nav.documents", "📎", "paperwork"),
    Step(pages.SUBMIT, "nav.submit", "📨", "send"),
)
DONE_ICON = "✅"


def done(request: PortingRequest) -> dict[pages.PagePath, bool]:
    """Which steps hold everything they ask for."""
    reading = ui.reading(request)
    return {
        pages.NUMBERS: reading is not None and bool(reading.portable_rows),
        pages.COMPANY: not validate_company(request.company, oslo_today()),
        pages.LOA: request.loa_downloaded,
        pages.DOCUMENTS: all(document.key in request.documents for document in rules().documents),
        pages.SUBMIT: request.submitted_reference is not None,
    }


def run(request: PortingRequest) -> bool:
    """Show the current page; for a step of the wizard, then the progress and Back/Next in the
    sidebar. Whether the page was a step of the wizard.

    The progress comes after the step has run, so it counts what the customer entered just now.
    """
    finished = done(request)
    step_pages = [
        st.Page(
            step.path,
            title=ui.text(step.title),
            icon=DONE_ICON if finished[step.path] else step.icon,
            url_path=step.url_path,
            default=index == 0,
        )
        for index, step in enumerate(STEPS)
    ]
    status = st.Page(pages.STATUS, title=ui.text("nav.status"), icon="📍", url_path="track")
    console = st.Page(pages.CONSOLE, title=ui.text("console.nav"), icon="🗂️", url_path="team")
    current = st.navigation(
        {ui.text("nav.section_request"): step_pages, ui.text("nav.section_follow"): [status, console]}
    )
    if current.url_path in (status.url_path, console.url_path):  # not steps of the wizard
        with caught(current.url_path):
            current.run()
        return False
    index = next(number for number, page in enumerate(step_pages) if page.url_path == current.url_path)
    sidebar = st.sidebar.container()
    with caught(current.url_path):  # a failing step still leaves the progress and Back/Next
        current.run()
    finished = done(request)
    with sidebar:
        count = sum(finished.values())
        st.progress(count / len(STEPS), text=ui.text("flow.progress", done=count, steps=len(STEPS)))
        back, forward = st.columns(2)
        if index > 0 and back.button(ui.text("flow.back"), icon=":material/arrow_back:", width="stretch"):
            st.switch_page(step_pages[index - 1])
        if index + 1 < len(step_pages) and forward.button(
            ui.text("flow.next"), icon=":material/arrow_forward:", type="primary", width="stretch"
        ):
            st.switch_page(step_pages[index + 1])
    return True
