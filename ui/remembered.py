"""The requests this browser submitted, remembered in a cookie so that "Request status" opens them.

The cookie holds status tokens only, the very ones the status links carry, joined by dots: no
reference, no name, no address. It is written by a short script in the page on the receipt (a
script cannot make it HttpOnly, so it holds nothing the status link does not), and read on the
status page from the request the browser opened the session with (``st.context.cookies``); the
token submitted in this session counts too, as the cookie is read only once a session. Whatever
the cookie holds, at most ``KEPT`` well-formed tokens are read from it.
"""

from __future__ import annotations

import re

import streamlit as st

import ui

COOKIE = "porting_requests"
KEPT = 10  # the newest requests remembered
MAX_AGE_DAYS = 180  # the porting takes weeks; a closed request's link goes after the retention
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")  # porting.requests.schema.new_token: URL-safe base64
_READ = KEPT * 70  # characters of the cookie read: enough for KEPT tokens and their dots
_SCRIPT = """<script>
(function () {
  var name = "%(name)s", token = "%(token)s", kept = %(kept)d, pattern = /^[A-Za-z0-9_-]{20,64}$/;
  var found = document.cookie.split("; ").filter(function (c) { return c.indexOf(name + "=") === 0; })[0];
  var tokens = (found ? found.slice(name.length + 1).split(".") : []).filter(function (t) {
    return pattern.test(t) && t !== token;
  });
  tokens.push(token);
  document.cookie = name + "=" + tokens.slice(-kept).join(".") + "; path=/; max-age=%(age)d; samesite=strict"
    + (location.protocol === "https:" ? "; secure" : "");
})();
</script>"""


def is_token(text: str) -> bool:
    """Whether ``text`` has the form of a status token (and so nothing else can ride in the cookie).

    >>> is_token("Zk3x9_Qm-2bV7nR1tY8wLp4sHc6dJf0A"), is_token('x"; document.cookie="')
    (True, False)
    """
    return _TOKEN.fullmatch(text) is not None


def remember(token: str) -> None:
    """Add ``token`` to this browser's remembered requests (the newest ``KEPT`` are kept)."""
    if not is_token(token):
        return
    values = {"name": COOKIE, "token": token, "kept": KEPT, "age": MAX_AGE_DAYS * 24 * 3600}
    st.html(_SCRIPT % values, unsafe_allow_javascript=True)  # nothing in it but a checked token


def cookie_value() -> str:
    """The cookie as the browser sent it when it opened the session (``""`` without one)."""
    value = st.context.cookies.get(COOKIE)
    return value if isinstance(value, str) else ""


def remembered_tokens() -> tuple[str, ...]:
    """The status tokens this browser remembers, newest first, at most ``KEPT``."""
    raw = cookie_value()
    tokens = [token for token in raw[:_READ].split(".") if is_token(token)]
    submitted = ui.request().submitted_token
    if submitted and is_token(submitted):
        tokens.append(submitted)
    newest_first = list(dict.fromkeys(reversed(tokens)))
    return tuple(newest_first[:KEPT])
