"""The review's consent, given to the request as it then stood.

The customer confirms the details on the review before sending. The confirmation is kept with
the request (``PortingRequest.consented_to``), so it survives a visit to another page; it holds
for exactly what was confirmed: a fingerprint of everything entered and every document uploaded.
Any change after it (a number, a detail, another document) makes the fingerprint differ, and the
review asks again.

>>> from porting.wizard.state import PortingRequest
>>> request = PortingRequest(numbers_text="21 23 45 67")
>>> given = consent_fingerprint(request)
>>> given == consent_fingerprint(PortingRequest(numbers_text="21 23 45 67", language="nb", step="send"))
True
>>> request.numbers_text += "\\n80012345"
>>> consent_fingerprint(request) == given
False
"""

from __future__ import annotations

import hashlib
import json

from porting.wizard.state import PortingRequest, to_state


def consent_fingerprint(request: PortingRequest) -> str:
    """A digest of what the customer entered (``to_state``: numbers, plan, company, answers) and
    of each document uploaded; the language it is shown in, and the step the customer is on, are
    not part of it."""
    documents = sorted(
        (slot, document.name, hashlib.sha256(document.data).hexdigest())
        for slot, document in request.documents.items()
    )
    state = to_state(request)
    state.pop("step", None)  # where the customer is, not what they entered
    entered = json.dumps([state, documents], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(entered.encode("utf-8")).hexdigest()


def consent_holds(request: PortingRequest) -> bool:
    """Whether the consent given on the review still covers the request as it is now."""
    return request.consented_to is not None and request.consented_to == consent_fingerprint(request)
