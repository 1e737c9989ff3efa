"""What the command line checks before it acts, and how it says what went wrong: one line naming the setting,
the path or the argument, and what it must be."""

from __future__ import annotations

import argparse


def positive(value: str) -> int:
    """argparse type: a whole number of at least 1."""
    if not value.strip().isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {value!r}")
    return int(value)


def setting_problem(exc) -> str:
    """'JIANCHA_RATE_LIMIT='ten': Input should be a valid integer …' for the first setting pydantic refused."""
    first = exc.errors()[0]
    name = ".".join(str(part) for part in first.get("loc", ())) or exc.title
    return (f"setting {name}={first.get('input')!r} is not valid: {first.get('msg', '').removeprefix('Value error, ')}"
            f"; fix it in the environment or in .env (read from the current directory)")


def file_problem(exc: OSError) -> str:
    """'cannot write /x/y.docx: No such file or directory' for a path the system refused."""
    where = f" {exc.filename}" if exc.filename else ""
    return (f"cannot use{where}: {exc.strerror or exc}; check the path (and JIANCHA_DATA_DIR, the index folder, which "
            f"must be a writable directory)")


def export_to(suffix: str):
    """argparse type: a file name ending in `suffix` ('.docx'), so an export never overwrites a source text."""
    def checked(value: str) -> str:
        if not value.lower().endswith(suffix):
            raise argparse.ArgumentTypeError(f"the file name must end in {suffix}, not {value!r}")
        return value
    return checked
