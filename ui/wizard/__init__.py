"""The wizard's steps as Streamlit renders them: numbers and quote, company, letter, documents, submit.

Pages in ``pages/`` call these; each reads and changes the session's ``PortingRequest``.

Modules:

- ``flow``: navigation, progress, Back and Next
- ``numbers``: the numbers step's file and results
- ``quote``: the live quote
- ``charts``: Altair charts
- ``share``: the quote in the address
- ``company``: the company step
- ``loa``: the letter step
- ``documents``: the documents step
- ``invoice_day``: the invoice's date, on the quote and beside the invoice upload
- ``submit``: review and submit, and the receipt
- ``drafts``: the request kept as a draft as the customer goes, and resumed from its private link
- ``draft_mail``: e-mail me this link
- ``keys``: the keys of the widgets that show the request
- ``demo``: demo mode
"""

__all__ = [
    'caller_id', 'charts', 'company', 'demo', 'documents', 'draft_mail', 'drafts', 'flow', 'invoice_day',
    'keys', 'loa', 'numbers', 'porting_day', 'quote', 'share', 'submit',
]
