"""Uploaded file names: stored under a safe internal name; /remove takes what /docs shows, or its number."""

from __future__ import annotations

import hashlib
import os
import unicodedata

MAX_NAME_BYTES = 120  # well under the 255 bytes of a file name on ext4, with room for a temporary folder


def _clip_utf8(text: str, max_bytes: int) -> str:
    return text.encode("utf-8")[:max_bytes].decode("utf-8", "ignore")


def one_line(name: str) -> str:
    """The name as one line: control and format characters become spaces, runs of spaces one space."""
    name = unicodedata.normalize("NFC", name)
    return " ".join("".join(ch if ch.isprintable() else " " for ch in name).split())


def safe_name(display: str) -> str:
    """A name every file system takes and a user can type back: one line, no slashes, ≤ MAX_NAME_BYTES.
    A changed name gets a short hash of the original, so two different uploads never collide."""
    name = one_line(display.replace("/", " ").replace("\\", " ")).strip(". ")
    if name == display and len(name.encode("utf-8")) <= MAX_NAME_BYTES:
        return name
    stem, suffix = os.path.splitext(name)
    suffix = suffix.lower() if suffix.isascii() and len(suffix) <= 8 else ""
    digest = hashlib.sha1(display.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    stem = _clip_utf8(stem, MAX_NAME_BYTES - len(suffix) - len(digest) - 1).strip() or "upload"
    return f"{stem}-{digest}{suffix}"


def resolve(argument: str, names: list[str], displays: dict[str, str]) -> str:
    """The document `/remove ARGUMENT` means: an exact name, a number from /docs, or a name as shown
    (spaces and line breaks compared as single spaces); else the argument itself, for a 'not found'."""
    if argument in names:
        return argument
    if argument.isascii() and argument.isdigit() and 1 <= int(argument) <= len(names):
        return names[int(argument) - 1]
    wanted = one_line(argument)
    for name in names:
        if wanted in (one_line(name), one_line(displays.get(name, ""))):
            return name
    return argument
