"""One direction of dependency (issue 20): the layers contract holds with no exceptions, and no
app of ours reaches another behind the linter's back — by looking it up in the app registry or
by importing it where a failed import is swallowed."""

import ast
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[3]
PLATFORM = ROOT / "platform" / "lotse"
OUR_PACKAGES = ("lotse", "notifications", "matching")
OUR_LABELS = frozenset(
    config.label
    for config in apps.get_app_configs()
    if config.name.startswith("lotse.") or config.name == "notifications"
)
REGISTRY_LOOKUPS = {"get_model", "is_installed"}
IMPORT_ERRORS = {"ImportError", "ModuleNotFoundError"}


def _names_our_app(text: str) -> bool:
    """ "placements", "placements.Placement" or "lotse.placements"."""
    return text.startswith("lotse.") or text.split(".")[0] in OUR_LABELS


def _is_ours(module: str) -> bool:
    return module.split(".")[0] in OUR_PACKAGES


def _registry_lookup_of_ours(node: ast.AST) -> bool:
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return False
    if node.func.attr not in REGISTRY_LOOKUPS:
        return False
    named = node.args[:1] + [k.value for k in node.keywords if k.arg in {"app_label", "app_name"}]
    return any(
        isinstance(arg, ast.Constant) and isinstance(arg.value, str) and _names_our_app(arg.value)
        for arg in named
    )


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    caught = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(isinstance(name, ast.Name) and name.id in IMPORT_ERRORS for name in caught)


def _imports_ours(node: ast.AST) -> bool:
    if isinstance(node, ast.ImportFrom):
        return node.level > 0 or _is_ours(node.module or "")
    if isinstance(node, ast.Import):
        return any(_is_ours(alias.name) for alias in node.names)
    return False


def _guarded_import_of_ours(node: ast.AST) -> bool:
    if not isinstance(node, ast.Try | ast.TryStar):
        return False
    if not any(_catches_import_error(handler) for handler in node.handlers):
        return False
    return any(_imports_ours(inner) for stmt in node.body for inner in ast.walk(stmt))


def violations(source: str, name: str = "<source>") -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source, name)):
        if _registry_lookup_of_ours(node):
            found.append(f"{name}:{node.lineno}: app registry lookup of our app")
        elif _guarded_import_of_ours(node):
            found.append(f"{name}:{node.lineno}: our import behind except ImportError")
    return found


def violations_under(root: Path) -> list[str]:
    # Migrations must use apps.get_model: it gives the historical model of that migration.
    modules = [p for p in sorted(root.rglob("*.py")) if "migrations" not in p.parts]
    return [
        problem
        for path in modules
        for problem in violations(path.read_text(), str(path.relative_to(root)))
    ]


def test_no_app_looks_up_another_of_ours_or_swallows_a_failed_import_of_it():
    assert violations_under(PLATFORM) == []


def test_it_finds_a_model_looked_up_from_another_app_of_ours():
    source = 'from django.apps import apps\nPlacement = apps.get_model("placements", "Placement")\n'
    assert violations(source) == ["<source>:2: app registry lookup of our app"]


def test_it_finds_an_app_of_ours_asked_whether_it_is_installed():
    source = 'if apps.is_installed("lotse.placements"):\n    pass\n'
    assert violations(source) == ["<source>:1: app registry lookup of our app"]


def test_it_finds_a_model_named_by_its_dotted_label():
    assert violations('apps.get_model("safeguarding.Concern")') != []


def test_it_lets_a_lookup_of_djangos_own_models_through():
    assert violations('apps.get_model("auth", "User")\napps.is_installed("allauth.mfa")') == []


def test_it_finds_an_import_of_ours_that_may_fail_silently():
    source = (
        "try:\n"
        "    from lotse.safeguarding.selectors import volunteer_has_open_concern\n"
        "except (ModuleNotFoundError, ImportError):\n"
        "    volunteer_has_open_concern = None\n"
    )
    assert violations(source) == ["<source>:1: our import behind except ImportError"]


def test_it_finds_a_relative_import_that_may_fail_silently():
    assert violations("try:\n    from . import beat\nexcept ImportError:\n    pass\n") != []


def test_it_lets_an_optional_third_party_import_through():
    assert violations("try:\n    import sentry_sdk\nexcept ImportError:\n    pass\n") == []


def test_it_finds_a_violation_in_an_app_but_not_in_its_migrations(tmp_path):
    lookup = 'from django.apps import apps\nNeed = apps.get_model("needs", "Need")\n'
    (tmp_path / "placements" / "migrations").mkdir(parents=True)
    (tmp_path / "placements" / "selectors.py").write_text(lookup)
    (tmp_path / "placements" / "migrations" / "0002_data.py").write_text(lookup)
    found = violations_under(tmp_path)
    assert found == ["placements/selectors.py:2: app registry lookup of our app"]


def test_the_import_contracts_have_no_exceptions():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    assert any(contract["type"] == "layers" for contract in config["contracts"])
    assert [c["name"] for c in config["contracts"] if "ignore_imports" in c] == []


def test_every_import_contract_holds():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(["platform", "."])}
    result = subprocess.run([lint_imports], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
