"""Charts the pages show, built with Altair (which Streamlit ships with) from ``porting`` data."""

from __future__ import annotations

import altair as alt
import pandas as pd

from porting.i18n import format_date, t
from porting.timeline import Timeline, calendar_days

# Status never rests on colour alone: each kind of day also has its name in the tooltip and legend.
_DAY_COLOURS = {"business": "#E8EEF9", "weekend": "#C9CED6", "holiday": "#F2B8A2"}


def timeline_chart(plan: Timeline, language: str) -> alt.LayerChart:
    """Every day from submission to porting day: weekends and holidays shaded and named,
    the confirmation window as a band and the porting day as a rule."""
    days = calendar_days(plan.start, plan.porting_day)
    kinds = {kind: t(f"timeline.kind.{kind}", language) for kind in _DAY_COLOURS}
    frame = pd.DataFrame(
        {
            "day": [pd.Timestamp(day.day) for day in days],
            "next": [pd.Timestamp(day.day) + pd.Timedelta(days=1) for day in days],
            "kind": [kinds[day.kind] for day in days],
            "label": [format_date(day.day, language) for day in days],
            "holiday": [day.holiday.names[language] if day.holiday else "" for day in days],
        }
    )
    scale = alt.Scale(domain=list(kinds.values()), range=list(_DAY_COLOURS.values()))
    cells = (
        alt.Chart(frame)
        .mark_rect(stroke="white", strokeWidth=1)
        .encode(
            x=alt.X("day:T", title=None, axis=alt.Axis(format="%d.%m", labelAngle=0)),
            x2="next:T",
            color=alt.Color("kind:N", scale=scale, title=None, legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("label:N", title=t("timeline.chart_day", language)),
                alt.Tooltip("kind:N", title=t("timeline.chart_kind", language)),
                alt.Tooltip("holiday:N", title=t("timeline.chart_holiday", language)),
            ],
        )
    )
    first, last = plan.confirmation_window
    marks = pd.DataFrame(
        {
            "from": [pd.Timestamp(first)],
            "to": [pd.Timestamp(last) + pd.Timedelta(days=1)],
            "porting": [pd.Timestamp(plan.porting_day)],
            "window_label": [t("timeline.chart_window", language)],
            "porting_label": [t("timeline.chart_porting_day", language)],
        }
    )
    window = (
        alt.Chart(marks)
        .mark_rect(opacity=0.0, stroke="#3A5BD9", strokeWidth=3, strokeDash=[4, 2])
        .encode(x="from:T", x2="to:T", tooltip=alt.Tooltip("window_label:N", title=""))
    )
    porting = (
        alt.Chart(marks)
        .mark_rule(color="#3A5BD9", strokeWidth=4)
        .encode(x="porting:T", tooltip=alt.Tooltip("porting_label:N", title=""))
    )
    label = (
        alt.Chart(marks)
        .mark_text(align="left", dx=6, dy=-28, color="#3A5BD9", fontWeight="bold")
        .encode(x="porting:T", text="porting_label:N")
    )
    return alt.layer(cells, window, porting, label).properties(height=90)
