"""Summaries against a real OpenAI-compatible server: one deadline for the whole summary, 429 handling,
and sections quoted extractively when the model is slow or fails."""

from __future__ import annotations

import re
import time

import pytest

from fake_openai import FakeOpenAI, Reply, Status, user_text
from retrieval.answer.llm import make_chat_model
from retrieval.settings import LLMSettings
from retrieval.summaries.practice import summarize


def _map_or_reduce(slow_unless: str | None = None, delay: float = 0.0):
    """Map prompts: a cited note on the passage with 485 (or 无相关内容); reduce prompts: the notes echoed.
    With slow_unless, every map call whose passages lack that text first sleeps `delay` seconds."""
    def reply(request: dict) -> str:
        text = user_text(request)
        if "</passages>" not in text:
            return text.split("<notes>")[-1].split("</notes>")[0].strip()
        if slow_unless and slow_unless not in text:
            time.sleep(delay)
        for n, passage in re.findall(r"^\[(\d+)\] \(.*?\)\n(.*)$", text, re.M):
            if "485" in passage:
                return f"- 安徽省共对485件案件组织开展公开听证，有效息诉率达76.5%[{n}]。"
        return "无相关内容"
    return reply


def _settings(server: FakeOpenAI, summary_timeout_s: float = 20.0) -> LLMSettings:
    return LLMSettings(base_url=server.base_url, api_key="test", timeout_s=30.0, summary_timeout_s=summary_timeout_s,
                       retry_after_max_s=5.0)


def test_rate_limited_map_call_is_retried_after_retry_after(seeded_index):
    with FakeOpenAI(Status(429, retry_after="1"), Reply(_map_or_reduce())) as server:
        settings = _settings(server)
        result = summarize(seeded_index, "公开听证", chat_model=make_chat_model(settings), settings=settings)
        times = list(server.times)
    assert result.mode == "llm" and "485" in result.answer
    assert not any("without the model" in w for w in result.warnings), result.warnings
    maps = sum(1 for r in server.requests if "</passages>" in user_text(r))
    assert len(server.requests) == maps + 1  # the 429'd map was asked again (maps counts both), then one reduce
    assert times[-1] - times[0] >= 1.0  # Retry-After honoured


def test_slow_model_is_bounded_by_the_summary_deadline_and_sections_are_quoted(seeded_index):
    with FakeOpenAI(Reply(_map_or_reduce(slow_unless="485", delay=6.0))) as server:
        settings = _settings(server, summary_timeout_s=2.0)
        started = time.monotonic()
        result = summarize(seeded_index, "公开听证", chat_model=make_chat_model(settings), settings=settings)
        elapsed = time.monotonic() - started
    assert elapsed < 4.5, elapsed
    assert result.mode == "llm" and "76.5%" in result.answer  # the section the model did in time
    assert any("without the model (timeout)" in w for w in result.warnings), result.warnings
    assert any("could not combine" in w for w in result.warnings), result.warnings
    assert len(result.citations) >= 2  # quoted sections are cited too
    bullets = [line for line in result.answer.splitlines() if line.startswith("- ")]
    assert bullets, result.answer
    for line in bullets:
        assert re.search(r"\[\d+\]", line), line


@pytest.mark.parametrize("behaviour", ["slow", "429"])
def test_model_that_never_answers_in_time_gives_the_extractive_summary(seeded_index, behaviour):
    script = Status(429, retry_after="30") if behaviour == "429" else Reply(_map_or_reduce("never there", 6.0))
    with FakeOpenAI(script) as server:
        settings = _settings(server, summary_timeout_s=1.5)
        started = time.monotonic()
        result = summarize(seeded_index, "公开听证", chat_model=make_chat_model(settings), settings=settings)
        elapsed = time.monotonic() - started
    assert elapsed < 4.0, elapsed
    assert result.mode == "extractive" and "485" in result.answer
    assert any("429" in w if behaviour == "429" else "timeout" in w for w in result.warnings), result.warnings
