"""What Streamlit's markdown would make live in a piece of source: links, headings, icons.

A model of Streamlit 1.67's ``StreamlitMarkdown`` for the constructs a person's text must never
produce. It works in the same two stages as the frontend: the parser sees the source with its
backslash escapes (CommonMark §2.4), then text-level rewrites run on the parsed text, where the
escapes are already resolved (GFM autolink literals, ``:material_x:`` icons, emoji shortcodes).
AppTest hands tests the markdown source, so tests ask this model what the browser would draw.
"""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_NEUTRAL = "\ue000"  # stands in for an escaped mark, which the parser reads as plain text

# Parser level, on the source with escaped marks masked out.
_PARSED = {
    "link": re.compile(r"\]\s*[(\[]|<(?:https?:|mailto:|[^<>\s]+@)", re.IGNORECASE),
    "heading": re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)|^ {0,3}(?:=+|-+)[ \t]*$", re.MULTILINE),
    "html": re.compile(r"<[A-Za-z/!?]|&(?:#\d+|#x[0-9a-f]+|[a-z]+);", re.IGNORECASE),
    "directive": re.compile(r":[A-Za-z-]+\["),
    "maths": re.compile(r"\$[^$\n]*\$"),
    "emphasis": re.compile(r"([*_~`])\S(?:.*?\S)?\1"),
    "table": re.compile(r"^.*\|.*\n *\|? *:?-+:? *\|", re.MULTILINE),
    "block": re.compile(r"^ {0,3}(?:[-+*]|\d+[.)]|>)(?:[ \t]|$)|(?:^|\n)[ \t]*\n {4,}\S", re.MULTILINE),
}

# Text level, on the parsed text (Streamlit's own patterns, with JavaScript's ASCII \w).
_REWRITTEN = {
    "link": re.compile(r"(?:https?://|www(?=\.))[-.\w]+", re.IGNORECASE | re.ASCII),
    "e-mail link": re.compile(r"[-.\w+]+@[-\w]+(?:\.[-\w]+)+", re.ASCII),
    "icon": re.compile(r":material_\w+:", re.ASCII),
    "emoji": re.compile(r":[\w+-][\w+-]*:", re.ASCII),
}


def parsed_text(source: str) -> str:
    """The text a reader sees once the parser has resolved the escapes."""
    return _ESCAPE.sub(r"\1", source.replace(":material/", ":material_"))


def shown(source: str) -> str:
    """What a reader sees of ``source``: the parsed text without the invisible word joiners."""
    return parsed_text(source).replace("\u2060", "")


def live_markup(source: str) -> list[str]:
    """Each construct in ``source`` that Streamlit would render as markup, as ``kind: text``."""
    masked = _ESCAPE.sub(_NEUTRAL, source.replace(":material/", ":material_"))
    return _found(_PARSED, masked) + _found(_REWRITTEN, parsed_text(source))


def _found(rules: dict[str, re.Pattern[str]], text: str) -> list[str]:
    return [f"{kind}: {match.group()}" for kind, rule in rules.items() for match in rule.finditer(text)]
