"""Tables drawn on a canvas (``st.dataframe``) with each column as wide as its longest text.

The grid sizes a column by its first rows only, so a longer text further down, such as an area
named "Hordaland" under "Oslo", was cut. Each column is given the width its header and its
longest cell need instead, the widest column capped: a longer text there shows whole when its
cell is chosen, and the table scrolls sideways where the columns are wider than the page.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

# The grid writes 14 px Source Sans: about 7 px a character, capitals and digits a little more;
# each cell has 8 px of padding on either side, and a header leaves room for its sort arrow.
_PIXELS_A_CHARACTER = 7.5
_PADDING = 36
NARROWEST, WIDEST = 64, 480


def width_for(texts: Iterable[object]) -> int:
    """The pixels a column needs for the longest of ``texts`` (its header among them), between
    ``NARROWEST`` and ``WIDEST``.

    >>> width_for(["Area", "Oslo", "Hordaland"])
    104
    >>> width_for(["x"]) == NARROWEST, width_for(["x" * 200]) == WIDEST
    (True, True)
    """
    longest = max((len(str(text)) for text in texts), default=0)
    return max(NARROWEST, min(WIDEST, round(longest * _PIXELS_A_CHARACTER + _PADDING)))


def fitted_columns(
    frame: pd.DataFrame, labels: Mapping[str, str] | None = None, pinned: Collection[str] = ()
) -> dict[str, Any]:
    """A ``column_config`` giving each column of ``frame`` its label (``labels``, else its name)
    and the width its label and its values need; the ``pinned`` columns stay in view on the left
    when the table is scrolled sideways."""
    labels = labels or {}
    config: dict[str, Any] = {}
    for column in frame.columns:
        label = labels.get(column, str(column))
        values = frame[column].dropna()  # width_for reads each as text
        config[column] = st.column_config.Column(
            label, width=width_for([label, *values]), pinned=True if column in pinned else None
        )
    return config


def fitted_table(
    data: pd.DataFrame | Mapping[str, Sequence[object]],
    labels: Mapping[str, str] | None = None,
    *,
    pinned: Collection[str] = (),
    **options: Any,
) -> Any:
    """``st.dataframe`` of ``data`` (a frame, or its columns by name) without its index, across
    the page, each column fitted."""
    frame = data if isinstance(data, pd.DataFrame) else pd.DataFrame(data)
    config = fitted_columns(frame, labels, pinned)
    return st.dataframe(frame, hide_index=True, width="stretch", column_config=config, **options)
