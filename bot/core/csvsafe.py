"""CSV that spreadsheets open as text: a cell starting = + - @ tab or CR gets a leading quote (OWASP CSV injection).

defusedcsv (PyPI) was considered: it leaves cells starting with a tab or a carriage return alone, which
Excel and LibreOffice still read as the start of a formula, so this is a small writer over the stdlib's.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Iterable, Sequence

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """One cell as text; a leading formula character is neutralised with a `'` (numbers stay numbers)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(_TRIGGERS) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """The whole file: a header and the rows, every text cell made safe, CRLF line ends as RFC 4180 says."""
    buf = io.StringIO()
    out = csv.writer(buf, quoting=csv.QUOTE_MINIMAL)
    out.writerow([safe_cell(h) for h in header])
    for row in rows:
        out.writerow([safe_cell(v) for v in row])
    return buf.getvalue()
