"""Look a company up in Enhetsregisteret, the Brønnøysund Register Centre's register of legal entities.

Source: the open API at https://data.brreg.no/enhetsregisteret/api (licence NLOD, no key;
https://data.brreg.no/enhetsregisteret/api/dokumentasjon/en/index.html; show
``registry.attribution`` beside its data). ``GET /enheter/{orgnr}`` answers 200 with the
entity (a deleted one too, with few fields and ``slettedato``), 404 for a number never
registered and 410 for one removed from public view.

A look-up never raises for what the network or the register does: every outcome is a
``Lookup`` whose ``status`` says what happened and whose ``message`` is the catalogue key
that explains it to a person. When the register cannot be reached, people type the
details themselves. An invalid organisation number is not sent at all:

>>> lookup("974 760 674")
Lookup(status='invalid', entity=None, message='registry.invalid')
>>> entity_url("974 760 673", "https://registry.test/api/")
'https://registry.test/api/enheter/974760673'

``roles_lookup`` asks ``GET /enheter/{orgnr}/roller`` the same way, for who holds a role:

>>> roles_lookup("974 760 674")
RolesLookup(status='invalid', roles=())
"""

from __future__ import annotations

import http.client
import json
import logging
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from porting import settings
from porting.company.details import compact_org_number, validate_org_number
from porting.company.register import Lookup, Status, entity_from_json, outcome
from porting.company.roles import RolesLookup, roles_from_json
from porting.logs import scrub

DEFAULT_BASE_URL = settings.DEFAULT_REGISTER_URL
BASE_URL_VARIABLE = "BRREG_BASE_URL"  # read at each look-up: tests and mirrors point it elsewhere
DEFAULT_TIMEOUT = 3.0  # seconds; the form waits this long at most before people type the details
USER_AGENT = "norway-number-porting-wizard/1.0 (Python urllib)"
_MAX_ANSWER_BYTES = 1_000_000  # an entity is a few kilobytes; more is not an answer we want

_STATUS_OF_HTTP_ERROR: dict[int, Status] = {404: "unknown", 410: "removed"}

_log = logging.getLogger(__name__)


def entity_url(org_number: str, base_url: str | None = None) -> str:
    """Where the register answers for ``org_number``: ``base_url``, else ``$BRREG_BASE_URL``, else brreg."""
    base = base_url or settings.section(settings.Registry).base_url
    return f"{base.rstrip('/')}/enheter/{compact_org_number(org_number)}"


def lookup(org_number: str, *, base_url: str | None = None, timeout: float = DEFAULT_TIMEOUT) -> Lookup:
    """What the register says about ``org_number``; never raises for network, HTTP or JSON trouble."""
    if validate_org_number(org_number) is not None:
        return outcome("invalid")
    number = compact_org_number(org_number)
    url = entity_url(number, base_url)
    status, document = _answer(url, timeout)
    entity = entity_from_json(document, number) if status == "found" else None
    if status == "found" and entity is None:
        _log.warning("Enhetsregisteret answered %s with something other than an entity", scrub(url))
        status = "unreachable"
    return outcome(status, entity, org_number=number)


def roles_lookup(
    org_number: str, *, base_url: str | None = None, timeout: float = DEFAULT_TIMEOUT
) -> RolesLookup:
    """Who holds a role in ``org_number``; never raises for network, HTTP or JSON trouble."""
    if validate_org_number(org_number) is not None:
        return RolesLookup("invalid")
    url = f"{entity_url(org_number, base_url)}/roller"
    status, document = _answer(url, timeout)
    roles = roles_from_json(document) if status == "found" else None
    if status == "found" and roles is None:
        _log.warning("Enhetsregisteret answered %s with something other than roles", scrub(url))
        status = "unreachable"
    return RolesLookup(status, roles or (), compact_org_number(org_number))


def _answer(url: str, timeout: float) -> tuple[Status, object]:
    """What the register says at ``url``: ``found`` and its JSON, or the status of an answer that
    holds none (``unknown``, ``removed``, ``unreachable``, logged without any body)."""
    try:
        return "found", _get_json(url, timeout)
    except urllib.error.HTTPError as error:
        error.close()
        status = _STATUS_OF_HTTP_ERROR.get(error.code)
        if status is None:
            _log.warning("Enhetsregisteret answered HTTP %s for %s", error.code, scrub(url))
            return "unreachable", None
        return status, None
    except (OSError, http.client.HTTPException, ValueError, RecursionError) as error:
        _log.warning("Enhetsregisteret could not be read at %s: %s", scrub(url), type(error).__name__)
        return "unreachable", None


def _get_json(url: str, timeout: float) -> object:
    if urlsplit(url).scheme not in ("http", "https"):  # urllib would also open file: URLs
        raise ValueError(f"not an HTTP URL: {url}")
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        body = response.read(_MAX_ANSWER_BYTES + 1)
    if len(body) > _MAX_ANSWER_BYTES:
        raise ValueError(f"answer longer than {_MAX_ANSWER_BYTES} bytes")
    return json.loads(body)
