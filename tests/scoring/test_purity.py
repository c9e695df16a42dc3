"""scoring/ is pure domain logic: no Slack, database, HTTP or template imports (STYLE.md habit 2)."""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import scoring

FORBIDDEN = ("slack_sdk", "slack_bolt", "sqlalchemy", "httpx", "jinja2", "alembic", "psycopg",
             "apscheduler", "bot", "handlers")
SCORING_DIR = Path(scoring.__file__).parent


def _modules() -> list[str]:
    return sorted(f"scoring.{m.name}" for m in pkgutil.walk_packages([str(SCORING_DIR)]))


def test_scoring_has_the_expected_modules() -> None:
    assert {"scoring.types", "scoring.signals", "scoring.scorecard"} <= set(_modules())


def test_importing_every_scoring_module_loads_no_forbidden_package() -> None:
    code = (
        "import importlib, json, sys\n"
        f"for m in {_modules()!r}: importlib.import_module(m)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=SCORING_DIR.parent)
    loaded = json.loads(out.stdout)
    bad = [m for m in loaded if m.split(".")[0] in FORBIDDEN]
    assert bad == []


def test_no_scoring_source_file_imports_a_forbidden_package() -> None:
    for path in sorted(SCORING_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in FORBIDDEN, f"{path.name}:{node.lineno} imports {name}"
