"""docs/architecture.md draws the layers the import contract keeps: the same apps, the same order,
and no app of the platform left out of either."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DATE_INDEPENDENT = "reads files, no dates"


def contract_layers() -> list[set[str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    (contract,) = [
        c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"
    ]
    return [{app.strip() for app in re.split(r"[|:]", row)} for row in contract["layers"]]


def documented_layers() -> dict[str, int]:
    text = (ROOT / "docs" / "architecture.md").read_text()
    rows = re.findall(r"^\| (\d+) \| (`[a-z]+`(?:, `[a-z]+`)*) \|", text, re.MULTILINE)
    return {app: int(n) for n, apps in rows for app in re.findall(r"`([a-z]+)`", apps)}


def platform_apps() -> set[str]:
    return {p.parent.name for p in (ROOT / "platform" / "lotse").glob("*/apps.py")}


def test_the_layer_table_has_the_contracts_apps_in_its_order():
    layers = contract_layers()
    documented = documented_layers()
    expected = {app: len(layers) - i for i, row in enumerate(layers) for app in row}
    assert documented == expected


def test_every_platform_app_has_a_place_in_the_layers():
    in_contract = set().union(*contract_layers())
    assert platform_apps() - in_contract == set()


def test_the_contract_has_no_ignored_imports():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    for contract in config["tool"]["importlinter"]["contracts"]:
        assert "ignore_imports" not in contract, contract["name"]
