"""Compare two builds file by file: ``python benchmarks/reproducible.py BUILD_A BUILD_B``.

Used by ``nox -s bench`` (two clean builds of the whole site) and by ``tests/test_reproducible.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path


def differences(a: Path, b: Path) -> list[str]:
    """The relative paths whose bytes differ, or that exist on one side only (sorted)."""
    files = {side: {p.relative_to(side).as_posix() for p in side.rglob("*") if p.is_file()} for side in (a, b)}
    found = [f"{name} (missing in b)" for name in files[a] - files[b]]
    found += [f"{name} (missing in a)" for name in files[b] - files[a]]
    found += [name for name in files[a] & files[b] if (a / name).read_bytes() != (b / name).read_bytes()]
    return sorted(found)


if __name__ == "__main__":
    diff = differences(Path(sys.argv[1]), Path(sys.argv[2]))
    print("\n".join(diff) or "identical")
    sys.exit(1 if diff else 0)
