"""Every finding the accounting core and the spreadsheet module can return has a sentence in Danish and English."""

import re
from pathlib import Path

import pytest
from django.utils import translation

import klimapartner
from klimapartner.accounting.problems import MESSAGES, Problem
from klimapartner.climate.findings import FILE_CODES, _MESSAGES, describe

SOURCE = Path(klimapartner.__file__).parent
# Problem("code", …), RowError(row, column, "code", …), bad(column, "code"), _error("code"), SpreadsheetError("code")
CALLS = re.compile(r"""(?:Problem|_error|SpreadsheetError|CellError)\(\s*"([a-z_0-9]+)"|bad\((?:column|"[a-z_]+"),\s*"([a-z_]+)"|RowError\([^"]*"[a-z_]*",\s*"([a-z_]+)\"""")


def emitted_codes() -> set[str]:
    codes = set()
    for path in [*(SOURCE / "accounting").glob("*.py"), SOURCE / "spreadsheets.py"]:
        for match in CALLS.finditer(path.read_text()):
            codes.update(c for c in match.groups() if c)
    return codes


def test_the_scan_finds_the_codes_it_should():
    codes = emitted_codes()
    assert {"unknown_unit", "jump_up", "partner_twice", "threshold_out_of_range", "chp_methods_mixed",
            "missing_sheets", "not_xlsx", "too_large", "not_a_year"} <= codes
    assert len(codes) > 60


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_code_has_a_sentence(language):
    missing = sorted(c for c in emitted_codes() if c not in _MESSAGES and c not in FILE_CODES)
    assert missing == []
    # every name a sentence can ask for, with a value any of them can format
    names = {name for path in (SOURCE / "climate" / "findings.py", SOURCE / "spreadsheet_errors.py")
             for name in re.findall(r"%\((\w+)\)s", path.read_text())}
    names |= {"field", "allowed", "accepted", "sheets", "found", "missing", "columns", "source", "variant"}
    params = {name: "1" for name in names}
    with translation.override(language):
        for code in sorted(emitted_codes()):
            text = describe(Problem(code, params=params))
            assert text and "(%s)" % code not in text, code


def test_every_code_has_an_english_line_for_the_command_line():
    from klimapartner.accounting.factors import ROW_MESSAGES
    from klimapartner.spreadsheets import MESSAGES as SHEET_MESSAGES

    assert sorted(c for c in emitted_codes() if c not in MESSAGES and c not in SHEET_MESSAGES
                  and c not in ROW_MESSAGES) == []
