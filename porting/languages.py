"""The languages the app speaks: English (``en``) and Norwegian Bokmål (``nb``), English first.

A foundation of its own, so that the rules file can be read in every language without the
message catalogue, which fills the rules' facts into its texts.
"""

LANGUAGES: tuple[str, ...] = ("en", "nb")
DEFAULT_LANGUAGE = "en"
