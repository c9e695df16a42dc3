"""The CSV export writer: formula triggers neutralised, everything else kept as typed."""

from __future__ import annotations

import csv
import io

import pytest

from bot.core.csvsafe import csv_text, safe_cell


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_cells_that_start_a_formula_get_a_leading_quote(cell):
    assert safe_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell,out", [("Ada", "Ada"), ("ünïcode", "ünïcode"), (42, "42"), (-3, "-3"), (None, ""),
                                      ("a=b", "a=b"), (True, "yes")])
def test_other_cells_are_kept(cell, out):
    assert safe_cell(cell) == out


def test_a_file_reads_back_with_the_same_rows():
    text = csv_text(("name", "note"), [("Ada, Lovelace", 'said "hi"\nthen left'), ("=cmd|' /C calc'!A0", "-")])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["name", "note"], ["Ada, Lovelace", 'said "hi"\nthen left'], ["'=cmd|' /C calc'!A0", "'-"]]
