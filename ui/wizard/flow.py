"""The wizard's steps in order: navigation, progress with check marks, Back and Next.

A step is done when what it collects is complete; the sidebar shows how far the customer is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import streamlit as st
from streamlit.navigation.page import StreamlitPage

import ui
from porting.calendar import oslo_today
from porting.wizard import steps
from porting.wizard.state import PortingRequest
from ui import pages
from ui.errors import caught


@dataclass(frozen=True)
class Step:
    name: steps.Step  # when it is done: porting.wizard.steps
    path: pages.PagePath
    title: str  # catalogue key
    icon: str
    # Apart from the file's stem on purpose: Streamlit still maps pages/ by file name (the older
    # multipage layout), and a page whose path matched would run without app.py.
    url_path: str


STEPS = (
    Step(steps.Step.NUMBERS, pages.NUMBERS, "nav.numbers", ":material/dialpad:", "quote"),
    Step(steps.Step.COMPANY, pages.COMPANY, "nav.company", ":material/business:", "details"),
    Step(steps.Step.LOA, pages.LOA, "nav.loa", ":material/draw:", "authorization"),
    Step(steps.Step.DOCUMENTS, pages.DOCUMENTS, "nav.documents", ":material/attach_file:", "paperwork"),
    Step(steps.Step.SUBMIT, pages.SUBMIT, "nav.submit", ":material/send:", "send"),
)
DONE_ICON = ":material/check_circle:"


def done(request: PortingRequest) -> dict[steps.Step, bool]:
    """Which steps hold everything they ask for (``porting.wizard.steps`` has the rule)."""
    return steps.progress(request, reading=ui.reading(request), today=oslo_today())


def missing(request: PortingRequest, *wanted: steps.Step) -> list[Step]:
    """Those of the ``wanted`` steps that are not yet done, in order: to link to them."""
    reading, today = ui.reading(request), oslo_today()
    return [
        step for step in STEPS
        if step.name in wanted and not steps.done(step.name, request, reading=reading, today=today)
    ]  # fmt: skip


def menu(step_pages: list[StreamlitPage], status: StreamlitPage, statement: StreamlitPage) -> None:
    """The sidebar's menu as links: the wizard's steps, the status page, then the accessibility
    statement. Never the console."""
    with st.sidebar.container(key="menu"):
        st.caption(ui.text("nav.section_request"))
        for page in step_pages:
            st.page_link(page)
        st.caption(ui.text("nav.section_follow"))
        st.page_link(status)
        st.page_link(statement)


Keep = Callable[[PortingRequest, str], Mapping[str, str]]


def run(request: PortingRequest, keep: Keep | None = None) -> bool:
    """Show the current page; for a step of the wizard, then the progress in the sidebar and Back
    and Next under the step. Whether the page was a step of the wizard.

    The progress comes after the step has run, so it counts what the customer entered just now.
    ``keep`` (``ui.wizard.drafts.autosave``) is then given the request and the step's url path, and
    returns the address's parameters: Back and Next carry them to the next step, so switching
    neither drops them nor adds a history entry for them.
    """
    finished = done(request)
    step_pages = [
        st.Page(
            step.path,
            title=ui.text(step.title),
            icon=DONE_ICON if finished[step.name] else step.icon,
            url_path=step.url_path,
            default=index == 0,
        )
        for index, step in enumerate(STEPS)
    ]
    status = st.Page(
        pages.STATUS, title=ui.text("nav.status"), icon=":material/location_on:", url_path="track"
    )
    console = st.Page(
        pages.CONSOLE, title=ui.text("console.nav"), icon=":material/folder_open:", url_path="team"
    )
    statement = st.Page(
        pages.ACCESSIBILITY,
        title=ui.text("nav.accessibility"),
        icon=":material/accessibility_new:",
        url_path="accessibility",
    )
    # Every page is known, the console too (at /team, links to it with their ? parameters work);
    # the menu is drawn apart, without the console: customers are never shown the team's way in.
    current = st.navigation([*step_pages, status, console, statement], position="hidden")
    menu(step_pages, status, statement)
    if current.url_path in (status.url_path, console.url_path, statement.url_path):  # not steps
        with caught(current.url_path):
            current.run()
        return False
    index = next(number for number, page in enumerate(step_pages) if page.url_path == current.url_path)
    going, carried = st.session_state.pop(_GOING, (None, {}))
    if isinstance(going, int) and 0 <= going < len(step_pages) and going != index:
        # Back or Next was pressed: go at once, without drawing the step the customer leaves
        # (its run would only be thrown away), carrying the address's parameters along.
        st.switch_page(step_pages[going], query_params=carried)
    sidebar = st.sidebar.container()
    with caught(current.url_path):  # a failing step still leaves the progress and Back/Next
        current.run()
    parameters: Mapping[str, str] = st.query_params.to_dict()
    if keep is not None:
        with caught(f"{current.url_path} kept"):
            parameters = keep(request, current.url_path)
    finished = done(request)
    with sidebar:
        count = sum(finished.values())
        st.progress(count / len(STEPS), text=ui.text("flow.progress", done=count, steps=len(STEPS)))
    _steps_buttons(index, len(step_pages), parameters)
    return True


def _steps_buttons(index: int, count: int, parameters: Mapping[str, str]) -> None:
    """Back and Next under the step, in the main area where a phone shows them (its sidebar is
    folded away): Back on the left, Next on the right, on one row at every width."""
    row = st.container(
        horizontal=True, horizontal_alignment="distribute" if index > 0 else "right", key="steps_buttons"
    )
    with row:
        if index > 0:
            st.button(
                ui.text("flow.back"), icon=":material/arrow_back:", key="flow_back",
                on_click=_go, args=(index - 1, parameters),
            )  # fmt: skip
        if index + 1 < count:
            st.button(
                ui.text("flow.next"), icon=":material/arrow_forward:", type="primary", key="flow_next",
                on_click=_go, args=(index + 1, parameters),
            )  # fmt: skip


_GOING = "flow_going_to"  # the step Back or Next asked for and the address, until the run that goes there


def _go(index: int, parameters: Mapping[str, str]) -> None:
    """Back's and Next's callback: the next run goes to step ``index``, with the address's
    ``parameters``, before drawing anything."""
    st.session_state[_GOING] = (index, dict(parameters))
