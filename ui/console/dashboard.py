"""The console's dashboard: open requests by status, their age against the guide's porting time,
rejection reasons by month, and requests and numbers ported per week.

The figures come from ``porting.requests.dashboard`` (aggregate queries); each chart is drawn
with its figures as a table below it, for people who do not read charts, and a CSV download of
that table. Every label comes from the catalogue (``dashboard.…``). A chart's Vega-Lite spec is
built once per figures and language (Altair checks each chart against its schema as it builds
it, which is slow), and a copy is handed to Streamlit at each run.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

import ui
from porting.i18n import format_date, t
from porting.requests.dashboard import (
    AGE_BANDS,
    AT_RISK,
    LATE,
    ON_TIME,
    AgeCount,
    Dashboard,
    PortedWeek,
    RejectionCount,
    StatusCount,
    dashboard,
)
from porting.rules import rules
from ui.tables import fitted_table
from ui.wizard.submit import shared_store

# Each band has its name in the legend, the tooltip and the table: colour is never alone.
_BAND_COLOURS = {ON_TIME: "#4C9A6A", AT_RISK: "#E0A526", LATE: "#C8453B"}
_HEIGHT = 260
_SVG = {"embedOptions": {"renderer": "svg"}}  # marks a screen reader (and a browser test) can find


def render_dashboard() -> None:
    """The dashboard as of today in Oslo, or a clear word that there is nothing to show yet."""
    figures = dashboard(shared_store())
    language = ui.request().language
    st.subheader(ui.text("dashboard.heading"))
    if figures.empty:
        st.info(ui.text("dashboard.empty"), icon=":material/bar_chart:")
        return
    st.caption(ui.text("dashboard.as_of", day=format_date(figures.today, language, "medium")))
    for section in _SECTIONS:
        section(figures, language)


def _open(figures: Dashboard, language: str) -> None:
    items = figures.open_by_status
    if _heading("open", shown=bool(items)):
        _chart(_open_spec(items, language))
        _table("open", open_frame(items, language))


def _age(figures: Dashboard, language: str) -> None:
    items = figures.ages
    if _heading("age", shown=bool(items)):
        st.markdown(ui.text("dashboard.age.totals", **figures.band_totals()))
        _chart(_age_spec(items, language))
        _table("age", age_frame(items, language))


def _rejections(figures: Dashboard, language: str) -> None:
    items = figures.rejections
    if _heading("rejections", shown=bool(items)):
        _chart(_rejections_spec(items, language))
        _table("rejections", rejections_frame(items, language))


def _ported(figures: Dashboard, language: str) -> None:
    items = figures.ported
    if _heading("ported", shown=any(week.requests for week in items)):
        _chart(_ported_spec(items, language))
        _table("ported", ported_frame(items, language))


def _heading(name: str, *, shown: bool) -> bool:
    """A chart's heading and caption, or with nothing to show the word that says so; whether to
    draw the chart."""
    st.markdown(f"#### {ui.text(f'dashboard.{name}.heading')}")
    if ui.has_text(f"dashboard.{name}.caption"):
        st.caption(ui.text(f"dashboard.{name}.caption"))
    if not shown:
        st.caption(ui.text(f"dashboard.{name}.none"))
    return shown


_SECTIONS: tuple[Callable[[Dashboard, str], None], ...] = (_open, _age, _rejections, _ported)


# --- Tables: the figures with the catalogue's column names, shown and downloaded -------------


def _column(name: str, language: str) -> str:
    return t(f"dashboard.column.{name}", language)


def _named(rows: list[dict[str, Any]], columns: tuple[str, ...], language: str) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(columns)).rename(columns=lambda name: _column(name, language))


def _status(status: str, language: str) -> str:
    return t(f"console.status.{status}", language)


def _band(band: str, language: str) -> str:
    return t(f"dashboard.band.{band}", language)


def _reason(key: str, language: str) -> str:
    found = rules().rejection_reason(key)
    return found.texts[language]["issue"] if found is not None else key


def open_frame(open_by_status: Sequence[StatusCount], language: str) -> pd.DataFrame:
    rows = [{"status": _status(item.status, language), "requests": item.requests} for item in open_by_status]
    return _named(rows, ("status", "requests"), language)


def age_frame(ages: Sequence[AgeCount], language: str) -> pd.DataFrame:
    rows = [{"age": item.age, "band": _band(item.band, language), "requests": item.requests} for item in ages]
    return _named(rows, ("age", "band", "requests"), language)


def rejections_frame(rejections: Sequence[RejectionCount], language: str) -> pd.DataFrame:
    rows = [
        {"month": f"{item.month:%Y-%m}", "reason": _reason(item.reason, language), "requests": item.requests}
        for item in rejections
    ]
    return _named(rows, ("month", "reason", "requests"), language)


def ported_frame(ported: Sequence[PortedWeek], language: str) -> pd.DataFrame:
    rows = [
        {"week": item.week.isoformat(), "requests": item.requests, "numbers": item.numbers} for item in ported
    ]
    return _named(rows, ("week", "requests", "numbers"), language)


def _table(name: str, frame: pd.DataFrame) -> None:
    fitted_table(frame)
    st.download_button(
        ui.text("dashboard.download"),
        data=frame.to_csv(index=False).encode("utf-8-sig"),  # with a BOM: Excel reads æ, ø and å right
        file_name=f"dashboard-{name}.csv",
        mime="text/csv",
        help=ui.text("dashboard.download_help"),
        icon=":material/download:",
        on_click="ignore",
        key=f"dashboard_download_{name}",
    )


# --- Charts: specs built once per figures and language ---------------------------------------


def chart_specs(figures: Dashboard, language: str) -> tuple[str, str, str, str]:
    """The four charts' Vega-Lite specs as JSON, built once per figures and language."""
    return (
        _open_spec(figures.open_by_status, language),
        _age_spec(figures.ages, language),
        _rejections_spec(figures.rejections, language),
        _ported_spec(figures.ported, language),
    )


def _chart(spec: str) -> None:
    st.vega_lite_chart(json.loads(spec), width="stretch")  # a copy of its own: Streamlit adds to it


def _spec(chart: alt.TopLevelMixin) -> str:
    return json.dumps(chart.properties(height=_HEIGHT, width="container", usermeta=_SVG).to_dict())


@lru_cache(maxsize=64)
def _open_spec(open_by_status: tuple[StatusCount, ...], language: str) -> str:
    frame = open_frame(open_by_status, language)
    status, requests = frame.columns
    chart = (
        alt.Chart(frame)
        .mark_bar(color=rules().brand_colour)
        .encode(
            x=alt.X(f"{requests}:Q", title=requests, axis=alt.Axis(tickMinStep=1)),
            y=alt.Y(f"{status}:N", title=None, sort=list(frame[status])),
            tooltip=[status, requests],
        )
    )
    return _spec(chart)


@lru_cache(maxsize=64)
def _age_spec(ages: tuple[AgeCount, ...], language: str) -> str:
    frame = age_frame(ages, language)
    age, band, requests = frame.columns
    bands = [_band(name, language) for name in AGE_BANDS]
    limit = rules().timeline.porting_business_days
    # One bar a day of age, as wide as the day, on an axis from 0 past the guide's limit.
    scale = alt.Scale(domain=[-0.5, max(limit, *(item.age for item in ages)) + 1.5], nice=False)
    bars = (
        alt.Chart(frame)
        .transform_calculate(start=f"datum['{age}'] - 0.4", end=f"datum['{age}'] + 0.4")
        .mark_bar()
        .encode(
            x=alt.X("start:Q", title=age, scale=scale, axis=alt.Axis(tickMinStep=1)),
            x2="end:Q",
            y=alt.Y(
                f"{requests}:Q", title=requests, scale=alt.Scale(domainMin=0), axis=alt.Axis(tickMinStep=1)
            ),
            y2=alt.datum(0),  # a bar up from 0, not a tick at its height
            color=alt.Color(
                f"{band}:N",
                title=None,
                scale=alt.Scale(domain=bands, range=[_BAND_COLOURS[name] for name in AGE_BANDS]),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[alt.Tooltip(f"{age}:Q"), alt.Tooltip(f"{band}:N"), alt.Tooltip(f"{requests}:Q")],
        )
    )
    guide = (
        alt.Chart(pd.DataFrame({"at": [limit + 0.5], "label": [t("dashboard.age.limit", language)]}))
        .mark_rule(strokeDash=[4, 4], color=_BAND_COLOURS[LATE])
        .encode(x=alt.X("at:Q", scale=scale), tooltip=alt.Tooltip("label:N", title=""))
    )
    return _spec(alt.layer(bars, guide))


@lru_cache(maxsize=64)
def _rejections_spec(rejections: tuple[RejectionCount, ...], language: str) -> str:
    frame = rejections_frame(rejections, language)
    month, reason, requests = frame.columns
    reasons = [item.texts[language]["issue"] for item in rules().rejection_reasons]
    # A stored reason the rules no longer name is shown as its key, with a colour of its own.
    reasons += [shown for shown in dict.fromkeys(frame[reason]) if shown not in reasons]
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X(f"{month}:O", title=month, axis=alt.Axis(labelAngle=0)),
            y=alt.Y(f"{requests}:Q", title=requests, stack="zero", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                f"{reason}:N", title=None, scale=alt.Scale(domain=reasons), legend=alt.Legend(orient="top")
            ),
            tooltip=[month, reason, requests],
        )
    )
    return _spec(chart)


@lru_cache(maxsize=64)
def _ported_spec(ported: tuple[PortedWeek, ...], language: str) -> str:
    frame = ported_frame(ported, language)
    week, requests, numbers = frame.columns
    measure, count = _column("measure", language), "count"
    long = frame.melt(id_vars=[week], value_vars=[requests, numbers], var_name=measure, value_name=count)
    chart = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X(f"{week}:O", title=week, axis=alt.Axis(labelAngle=-45)),
            xOffset=alt.XOffset(f"{measure}:N", sort=[requests, numbers]),
            y=alt.Y(f"{count}:Q", title=None, axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                f"{measure}:N",
                title=None,
                scale=alt.Scale(domain=[requests, numbers], range=[rules().brand_colour, "#8FA8D8"]),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[week, measure, alt.Tooltip(f"{count}:Q", title=measure)],
        )
    )
    return _spec(chart)
