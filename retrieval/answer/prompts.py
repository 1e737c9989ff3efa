"""Prompt files: `prompts/{name}_{language}.txt` at the top of the project, read once each."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"


@lru_cache(maxsize=None)
def prompt_text(name: str, language: str) -> str:
    """The text of prompts/{name}_{language}.txt."""
    return (PROMPTS_DIR / f"{name}_{language}.txt").read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def kind_guidance(kind: str, language: str) -> str:
    """How an answer to this kind of question should open (prompts/kinds_{language}.txt, `kind<TAB>text`)."""
    rows = dict(line.split("\t", 1) for line in prompt_text("kinds", language).splitlines() if "\t" in line)
    return rows.get(kind, rows["general"]).strip()
