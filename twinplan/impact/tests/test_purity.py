"""The calculation package imports nothing from Django or the rest of the project."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return modules


def test_no_django_and_no_other_twinplan_package() -> None:
    sources = [p for p in PACKAGE.rglob("*.py") if "tests" not in p.parts]
    assert sources
    for path in sources:
        for module in imported_modules(path):
            assert not module.startswith("django"), (path, module)
            if module.startswith("twinplan"):
                assert module.startswith("twinplan.impact"), (path, module)


def test_no_clock_is_read() -> None:
    for path in PACKAGE.rglob("*.py"):
        if "tests" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert ".today()" not in text, path
        assert ".now()" not in text, path
