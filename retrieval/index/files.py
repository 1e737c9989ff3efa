"""Which files an ingest takes: the supported files under the paths given, and whether a file would replace a
document that came from another file still on disk."""

from __future__ import annotations

import filecmp

from pathlib import Path

from retrieval.ingest.parse import SUPPORTED


def collect_files(paths: list[Path]) -> tuple[list[Path], list[str], list[str]]:
    """Files to ingest under the given paths, one-line refusals for named files we cannot take, and the files
    of the folders left out for their type ('旧版工作总结.doc', 'photo.jpg')."""
    files, refused, skipped = [], [], []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            files.extend(p for p in found if p.suffix.lower() in SUPPORTED)
            skipped.extend(str(p) for p in found if p.suffix.lower() not in SUPPORTED)
        elif path.is_file():
            files.append(path)
        else:
            refused.append(f"{path}: no such file or folder")
    return files, refused, skipped


def another_file(path: Path, origin: str | None) -> bool:
    """The document of this name came from another file that is still there ('甲院/工作报告.txt' indexed,
    '乙院/工作报告.txt' now): replacing it would lose a document. A file moved, or one uploaded (its temporary
    folder gone), replaces its earlier version; a copy of the same bytes (the seeds in the project and in
    ../shared) is the same document."""
    if not origin or origin == str(path.resolve()):
        return False
    try:
        return Path(origin).is_file() and not filecmp.cmp(origin, path, shallow=False)
    except OSError:
        return False


def gone_from(folders: list[Path], origins: dict[str, str]) -> list[str]:
    """The documents ingested from these folders (or folders inside them) whose file is no longer there:
    deleted, renamed or moved away since (`origins`: document name -> the file it was read from)."""
    roots = [folder.resolve() for folder in folders if folder.is_dir()]
    return sorted(name for name, origin in origins.items()
                  if any(Path(origin).is_relative_to(root) for root in roots) and not Path(origin).exists())
