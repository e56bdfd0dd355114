"""The session-state keys of the wizard's widgets that show the request, each named once.

A widget that shows part of the ``PortingRequest`` (given its value by ``ui.keep_widget``) keeps
that value in session state under its key; resuming a draft forgets every such key, so each widget
shows the resumed value (``ui.wizard.drafts``). Each name and each family of keys here registers
itself as it is defined, so the set ``shows_request`` knows cannot miss a key the wizard uses;
``tests/unit/test_widget_keys.py`` checks that the wizard writes no such key out by hand.

>>> company("city"), confirm_range(2)
('company_city', 'confirm_range_2')
>>> shows_request(NUMBERS_TEXT), shows_request(company("email")), shows_request("loa_language")
(True, True, False)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

_NAMES: set[str] = set()
_PREFIXES: list[str] = []


def _widget(name: str) -> str:
    _NAMES.add(name)
    return name


def _family(prefix: str) -> Callable[[object], str]:
    """The keys ``prefix`` + a part (a field, a slot, an index), each one widget's."""
    _PREFIXES.append(prefix)

    def key(part: object) -> str:
        return f"{prefix}{part}"

    return key


# The numbers step, and the quote's plan.
NUMBERS_SOURCE: Final = _widget("numbers_source")
NUMBERS_TEXT: Final = _widget("numbers_text")
NUMBERS_COLUMN: Final = _widget("numbers_column")
PROVIDER_COUNT: Final = _widget("provider_count")
SUBMISSION_DAY: Final = _widget("submission_day")
REQUESTED_PORTING_DAY: Final = _widget("requested_porting_day")
INVOICE_DAY: Final = _widget("invoice_day")  # on the quote and again beside the invoice upload
provider_of = _family("provider_of_")  # by the number of providers (a new count, a new table) and page
caller_id = _family("caller_id_")  # the Virtual Caller ID choice: its page, its editors by page, all, none

# The company step: one per field of CompanyDetails; the account at each further current provider
# by the provider's index and field (the first provider's are the company's own).
company = _family("company_")
provider_account = _family("provider_account_")

# The letter: where it is signed and whether the port is partial.
LOA_PLACE: Final = _widget("loa_place")
PARTIAL_PORT: Final = _widget("partial_port")
MAIN_NUMBER: Final = _widget("main_number")
PARTIAL_REST: Final = _widget("partial_rest")

# The documents step: what only the customer can confirm, and an upload's problem by its slot.
CONFIRM_ACTIVE: Final = _widget("confirm_active")
confirm_range = _family("confirm_range_")  # by the range block's index
acknowledge = _family("acknowledge_")  # by the acknowledgement's key in rules.toml
upload_problem = _family("upload_problem_")

# Review and submit.
SUBMIT_CONSENT: Final = _widget("submit_consent")


def names() -> frozenset[str]:
    """The single keys registered."""
    return frozenset(_NAMES)


def prefixes() -> tuple[str, ...]:
    """The prefixes of the families of keys registered."""
    return tuple(_PREFIXES)


def shows_request(key: object) -> bool:
    """Whether ``key`` (a session-state key) belongs to a widget that shows the request."""
    return isinstance(key, str) and (key in _NAMES or key.startswith(tuple(_PREFIXES)))
