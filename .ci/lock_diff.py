"""What changed between two lock files (`make lock`, `make upgrade`): added, removed, moved."""

import re
import sys
from pathlib import Path

PIN = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==([^\s;\\]+)")


def pins(path: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for line in Path(path).read_text().splitlines():
        if match := PIN.match(line):
            found.setdefault(match[1].lower(), set()).add(match[2])
    return found


def main(before_path: str, after_path: str) -> None:
    before, after = pins(before_path), pins(after_path)
    lines = []
    for name in sorted(before.keys() | after.keys()):
        old, new = ", ".join(sorted(before.get(name, ()))), ", ".join(sorted(after.get(name, ())))
        if old != new:
            lines.append(f"  {name}: {old or '(new)'} -> {new or '(removed)'}")
    print("Lock changes:" if lines else "Lock unchanged.")
    print("\n".join(lines))


if __name__ == "__main__":
    main(*sys.argv[1:3])
