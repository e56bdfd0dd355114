"""Charts the pages show, built with Altair (which Streamlit ships with) from ``porting`` data."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import Any

import altair as alt
import pandas as pd

from porting.i18n import format_date, t
from porting.quote.timeline import CalendarDay, Timeline, calendar_days
from porting.rules import rules

# Status never rests on colour alone: each kind of day also has its name in the legend and tooltip.
_BRAND = rules().brand_colour
_DAY_COLOURS = {"business": "#DCE5F7", "weekend": "#B8BFCA", "holiday": "#EF9F80", "porting": _BRAND}
# Pixels: the strip of days and the bar of the confirmation window. Streamlit sizes the frame
# by the chart's height alone, so the height leaves room for the axis and the legend too.
_BAND = 56
_HEIGHT = 110
# A day's label, 24.12, from its ISO date: cut from the text, so no time zone can move it.
_DAY_MONTH = "slice(datum.value, 8, 10) + '.' + slice(datum.value, 5, 7)"
# The labels are chosen to leave room between them, and every one chosen is drawn (Vega would
# otherwise drop every other one when they crowd, the porting day's with them).
_MOST_LABELS = 8  # Mondays labelled at most
_LABEL_GAP_DAYS = 5  # a Monday this close to the first day or the porting day goes unlabelled


def timeline_spec(plan: Timeline, language: str) -> dict[str, Any]:
    """``timeline_chart`` as the Vega-Lite specification Streamlit draws, built once per plan and
    language: Altair checks a chart against its schema as it builds it, which cost more than the
    rest of the quote step's run together, at every rerun."""
    spec: dict[str, Any] = json.loads(_spec(plan.start, plan.porting_day, plan.confirmation_window, language))
    return spec  # a copy of its own: Streamlit may add to the one it is given


@lru_cache(maxsize=512)  # a plan is its first day, its porting day and its window: few per day
def _spec(start: date, porting_day: date, window: tuple[date, date], language: str) -> str:
    plan = Timeline(start, porting_day, porting_day, window, 0, ())  # what the chart reads of a plan
    return json.dumps(timeline_chart(plan, language).to_dict())


def timeline_chart(plan: Timeline, language: str) -> alt.LayerChart | alt.FacetChart:
    """Every day from submission to porting day as a strip: weekends and holidays shaded and
    named, the days the confirmed date may be announced outlined, the porting day marked."""
    days = calendar_days(plan.start, plan.porting_day)
    kinds = {kind: t(f"timeline.kind.{kind}", language) for kind in _DAY_COLOURS}
    first, last = plan.confirmation_window
    # One band per day on an ordinal scale, keyed by the ISO date: a label then sits over the
    # middle of its day's cell. (On a time scale a tick is an instant, midnight, so each label sat
    # on the edge between two cells, and the porting day's cell was labelled with the next day.)
    frame = pd.DataFrame(
        {
            "day": [day.day.isoformat() for day in days],
            "kind": [kinds["porting" if day.day == plan.porting_day else day.kind] for day in days],
            "label": [format_date(day.day, language) for day in days],
            "holiday": [day.holiday.names[language] if day.holiday else "" for day in days],
        }
    )
    in_window = [first <= day.day <= last for day in days]
    x = alt.X(
        "day:O",
        title=None,
        scale=alt.Scale(domain=list(frame["day"])),
        axis=alt.Axis(
            values=_labelled_days(days, plan.porting_day),
            labelExpr=_DAY_MONTH,
            labelAngle=0,
            labelOverlap=False,
            orient="top",
            ticks=False,
        ),
    )
    cells = (
        alt.Chart(frame)
        .mark_rect(stroke="white", strokeWidth=1)
        .encode(
            x=x,
            y=alt.value(10),
            y2=alt.value(_BAND),
            color=alt.Color(
                "kind:N",
                title=None,
                scale=alt.Scale(domain=list(kinds.values()), range=list(_DAY_COLOURS.values())),
                legend=alt.Legend(orient="right", columns=2, rowPadding=2, symbolType="square"),
            ),
            tooltip=[
                alt.Tooltip("label:N", title=t("timeline.chart_day", language)),
                alt.Tooltip("kind:N", title=t("timeline.chart_kind", language)),
                alt.Tooltip("holiday:N", title=t("timeline.chart_holiday", language)),
            ],
        )
    )
    # The days the confirmed date may be announced: a bar along the strip, named in its tooltip.
    window = (
        alt.Chart(frame[in_window].assign(note=t("timeline.chart_window", language)))
        .mark_rect(color=_BRAND)
        .encode(
            x=x,
            y=alt.value(_BAND + 3),
            y2=alt.value(_BAND + 9),
            tooltip=alt.Tooltip("note:N", title=""),
        )
    )
    # SVG whatever the plan's length (Streamlit turns to a canvas for large data): its labels and
    # cells stay elements that a screen reader, and the browser test, can find.
    return alt.layer(cells, window).properties(
        height=_HEIGHT, width="container", usermeta={"embedOptions": {"renderer": "svg"}}
    )


def _labelled_days(days: Sequence[CalendarDay], porting_day: date) -> list[str]:
    """The days whose date is written over the strip: the first, the porting day, and Mondays
    (every week, or every few weeks on a long plan) far enough from both to leave room."""
    first = days[0].day
    mondays = [day.day for day in days if day.day.weekday() == 0]
    step = max(1, -(-len(mondays) // _MOST_LABELS))
    spaced = [
        monday
        for monday in mondays[::step]
        if min(abs((monday - first).days), abs((porting_day - monday).days)) >= _LABEL_GAP_DAYS
    ]
    return [day.isoformat() for day in sorted({first, *spaced, porting_day})]
