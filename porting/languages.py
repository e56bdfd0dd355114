"""The languages the app speaks: English (``en``) and Norwegian Bokmål (``nb``), English first.

A foundation of its own, so that the rules file can be read in every language without the
message catalogue, which fills the rules' facts into its texts.
"""

LANGUAGES: tuple[str, ...] = ("en", "nb")
DEFAULT_LANGUAGE = "en"


# Language tags a browser may send for a language the app speaks: Bokmål is also sent as the
# macrolanguage ``no``, and a Nynorsk reader reads Bokmål far better than English.
_TAGS = {"en": "en", "nb": "nb", "no": "nb", "nn": "nb"}


def preferred_language(accept_language: str | None) -> str | None:
    """The app's language a browser asks for first in its ``Accept-Language`` header (RFC 9110:
    tags weighted by ``q``, in order), or ``None`` when it asks for none the app speaks.

    >>> preferred_language("nb-NO,nb;q=0.9,no;q=0.8,en-US;q=0.7,en;q=0.6")
    'nb'
    >>> preferred_language("de-DE,de;q=0.9,en;q=0.8,nb;q=0.7"), preferred_language("sv, da")
    ('en', None)
    >>> preferred_language("en;q=0.5, no;q=0.9"), preferred_language(None)
    ('nb', None)
    """
    if not accept_language:
        return None
    weighted: list[tuple[float, int, str]] = []
    for order, item in enumerate(accept_language[:1_000].split(",")[:50]):
        tag, _, parameters = item.strip().partition(";")
        weight = 1.0
        name, _, value = parameters.strip().partition("=")
        if name.strip().lower() == "q":
            try:
                weight = float(value)
            except ValueError:
                continue
        language = _TAGS.get(tag.strip().lower().split("-", 1)[0])
        if language is not None and weight > 0:
            weighted.append((-weight, order, language))
    return min(weighted)[2] if weighted else None
