"""The demo's status page: the sandbox request of this browser session, stepped through the
guide's eight steps (``porting.requests.sandbox``). Nothing of it is stored or mailed."""

from __future__ import annotations

import streamlit as st

import ui
from porting.calendar import oslo_today
from porting.i18n import format_date, format_integer
from porting.requests.sandbox import SANDBOX_PATH, sandbox_stages
from porting.wizard import steps
from porting.wizard.state import PortingRequest
from ui import pages
from ui.status.page import show_status, steps_text


def render_sandbox(request: PortingRequest) -> None:
    if not (request.demo and steps.submitted(request)):
        st.info(ui.text("demo.sandbox.missing"), icon=":material/slideshow:")
        st.page_link(pages.NUMBERS, label=ui.text("demo.sandbox.start"), icon=":material/arrow_forward:")
        return
    language = request.language
    stages = sandbox_stages(request.submission_day or oslo_today())
    stage = stages[min(max(request.demo_stage, 0), len(stages) - 1)]
    st.info(ui.text("demo.sandbox.status_banner"), icon=":material/slideshow:")
    reference = request.submitted_reference or ""
    st.subheader(ui.text("demo.sandbox.heading", reference=reference))
    count = format_integer(len(SANDBOX_PATH), language)
    st.caption(ui.text("demo.sandbox.stage", number=format_integer(stage.index + 1, language), count=count))
    back, forward, again = st.columns(3)
    back.button(
        ui.text("demo.sandbox.previous"), key="sandbox_previous", disabled=stage.first, width="stretch",
        icon=":material/arrow_back:", on_click=_move, args=(request, stage.index - 1),
    )  # fmt: skip
    forward.button(
        ui.text("demo.sandbox.next"), key="sandbox_next", disabled=stage.last, width="stretch",
        type="primary", icon=":material/arrow_forward:", on_click=_move, args=(request, stage.index + 1),
    )  # fmt: skip
    again.button(
        ui.text("demo.sandbox.again"), key="sandbox_again", disabled=stage.first, width="stretch",
        icon=":material/replay:", on_click=_move, args=(request, 0),
    )  # fmt: skip
    show_status(reference, stage.status, stage.porting_date, stage.rejection_reason, language)
    st.markdown(steps_text(stage.states, language))
    st.subheader(ui.text("request_status.history"))
    for status, day in (*stage.history, (stage.status, stage.day)):
        st.caption(f"{format_date(day, language, 'medium')} · {ui.text(f'request_status.name.{status}')}")


def _move(request: PortingRequest, index: int) -> None:
    request.demo_stage = index  # the buttons that would leave the path are disabled at its ends
