"""Cells of the CSV files the app writes, safe to open in a spreadsheet.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is taken
for a formula by Excel, LibreOffice and Google Sheets, and a formula can fetch addresses or
run commands. Text such a cell holds (a photo's name, a label the user taught, a model
name) gets a leading apostrophe, which spreadsheets show as text (OWASP's rule for CSV
injection); numbers are written as they are.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
