"""Finding 10: hostile import files: huge numbers, other encodings and binary are reported, never a traceback."""

from __future__ import annotations

import json

from bot.candidates.importer import import_file, import_text


def test_a_401_digit_number_skips_its_line_and_the_rest_imports(services, team):
    t = team.lower()
    lines = [json.dumps({"name": "Before Bad", "github": 7}),
             '{"name": "Huge", "github": "huge-%s", "signals": {"repos": [{"name": "x/y", "stars": %s}]}}' % (t, "9" * 401),
             json.dumps({"name": "After", "github": f"after-{t}"})]
    report = import_text(services, team_id=team, text="\n".join(lines), kind="jsonl", source="test")
    assert [n for n, _ in report.errors] == [1, 2] and report.added == 1, report.summary()


def test_utf16_with_a_bom_imports_and_latin1_or_binary_says_which_encoding(services, team, tmp_path):
    good = tmp_path / "utf16.csv"
    good.write_bytes(("name,github\nZoë Ünal,zoe-" + team.lower() + "\n").encode("utf-16"))
    assert import_file(services, team_id=team, path=good).added == 1
    for name, data in (("latin1.csv", "name,github\nZoë,zoe2\n".encode("latin-1")), ("bin.csv", bytes(range(256)) * 4)):
        path = tmp_path / name
        path.write_bytes(data)
        try:
            import_file(services, team_id=team, path=path)
        except Exception as exc:  # noqa: BLE001 - the type is what is checked
            assert type(exc).__name__ == "UserError" and "UTF-8" in str(exc)
        else:
            raise AssertionError(f"{name} imported without a word")
