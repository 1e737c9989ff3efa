"""Prompt files: `prompts/{name}_{language}.txt` at the top of the project, read once each."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"


@lru_cache(maxsize=None)
def prompt_text(name: str, language: str) -> str:
    """The text of prompts/{name}_{language}.txt."""
    return (PROMPTS_DIR / f"{name}_{language}.txt").read_text(encoding="utf-8")
