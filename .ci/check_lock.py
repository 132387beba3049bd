"""Fail when the virtualenv holds a version other than the lock's (CI: installed == locked)."""

import importlib.metadata
import re
import sys
from pathlib import Path

from packaging.markers import Marker
from packaging.utils import canonicalize_name

ENTRY = re.compile(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def locked(path: Path) -> dict[str, str]:
    wanted = {}
    for line in path.read_text().splitlines():
        match = ENTRY.match(line)
        if match and (not match[3] or Marker(match[3]).evaluate()):
            wanted[canonicalize_name(match[1])] = match[2]
    return wanted


def main(lock_path: str) -> int:
    wanted = locked(Path(lock_path))
    installed = {
        canonicalize_name(dist.metadata["Name"]): dist.version
        for dist in importlib.metadata.distributions()
    }
    problems = [
        f"{name}: locked {version}, installed {installed.get(name, 'nothing')}"
        for name, version in sorted(wanted.items())
        if installed.get(name) != version
    ]
    extra = sorted(set(installed) - set(wanted) - {"pip", "lotse"})
    problems += [f"{name}: installed {installed[name]}, not in the lock" for name in extra]
    ok = f"{len(wanted)} packages installed exactly as locked in {lock_path}."
    print("\n".join(problems) or ok)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
