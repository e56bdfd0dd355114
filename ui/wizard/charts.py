"""Charts the pages show, built with Altair (which Streamlit ships with) from ``porting`` data."""

from __future__ import annotations

import altair as alt
import pandas as pd

from porting.i18n import format_date, t
from porting.quote.timeline import Timeline, calendar_days
from porting.rules import rules

# Status never rests on colour alone: each kind of day also has its name in the legend and tooltip.
_BRAND = rules().brand_colour
_DAY_COLOURS = {"business": "#DCE5F7", "weekend": "#B8BFCA", "holiday": "#EF9F80", "porting": _BRAND}
# Pixels: the strip of days and the bar of the confirmation window. Streamlit sizes the frame
# by the chart's height alone, so the height leaves room for the axis and the legend too.
_BAND = 56
_HEIGHT = 110


def timeline_chart(plan: Timeline, language: str) -> alt.LayerChart | alt.FacetChart:
    """Every day from submission to porting day as a strip: weekends and holidays shaded and
    named, the days the confirmed date may be announced outlined, the porting day marked."""
    days = calendar_days(plan.start, plan.porting_day)
    kinds = {kind: t(f"timeline.kind.{kind}", language) for kind in _DAY_COLOURS}
    first, last = plan.confirmation_window
    frame = pd.DataFrame(
        {
            "day": [pd.Timestamp(day.day) for day in days],
            "next": [pd.Timestamp(day.day) + pd.Timedelta(days=1) for day in days],
            "kind": [kinds["porting" if day.day == plan.porting_day else day.kind] for day in days],
            "label": [format_date(day.day, language) for day in days],
            "holiday": [day.holiday.names[language] if day.holiday else "" for day in days],
        }
    )
    in_window = [first <= day.day <= last for day in days]
    x = alt.X("day:T", title=None, axis=alt.Axis(format="%d.%m", labelAngle=0, orient="top"))
    cells = (
        alt.Chart(frame)
        .mark_rect(stroke="white", strokeWidth=1)
        .encode(
            x=x,
            x2="next:T",
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
            x2="next:T",
            y=alt.value(_BAND + 3),
            y2=alt.value(_BAND + 9),
            tooltip=alt.Tooltip("note:N", title=""),
        )
    )
    return alt.layer(cells, window).properties(height=_HEIGHT, width="container")
