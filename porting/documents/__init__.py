"""The documents the porting guide requires, read and checked before submission.

Pure domain: heavy reading runs in ``porting.worker``; nothing here touches the store or the network.

Modules:

- ``kinds``: what a file is by its content: its first bytes, the kind its name claims, the size allowed
- ``reading``: ``check_upload``: an upload opened (PDF, PNG, JPEG) in a worker, or why it cannot be used
- ``ocr``: the text of a photo or scan, read by Tesseract in a worker, with how sure it was of each word
- ``facts``: what a text (a layer or OCR's) states: the invoice date, org number, company name, numbers
- ``findings``: what the check reports: a ``Finding`` per reason, its notes, what blocks submission
- ``preflight``: ``preflight``: the guide's rejection reasons checked, each with its fix
"""

__all__ = ['facts', 'findings', 'kinds', 'ocr', 'preflight', 'reading']
