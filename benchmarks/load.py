"""`make load`: 50 chats asking 10 questions each at once, through the fake Bot API server, offline mode.

Every chat asks its next question when its previous answer arrives. Checked: every question is
answered in its own chat with the answer the engine gives that question (none lost, none mixed).
Reports answers/s and p50/p95 from update to answer. Run standalone or from bench.py (`run_load`).
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import asyncio  # noqa: E402
import html  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the fake Bot API server lives with the tests

from fake_telegram import TOKEN, FakeTelegram  # noqa: E402

from bot.telegram.app import build_application  # noqa: E402
from retrieval.engine import Engine  # noqa: E402
from retrieval.eval.recall import load_questions  # noqa: E402
from retrieval.index.store import Index  # noqa: E402
from retrieval.settings import Settings, StoreSettings, TelegramSettings  # noqa: E402

CHATS, PER_CHAT = 50, 10


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


class QueueingTelegram(FakeTelegram):
    """The fake server, also handing each chat's finished answers to that chat's queue (no rescans)."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: dict[int, asyncio.Queue] = {}

    async def _record(self, call) -> None:
        await super()._record(call)
        if call.method == "sendMessage" and call.status == 200 and call.buttons:
            self.answers.setdefault(call.chat_id, asyncio.Queue()).put_nowait(call)


def _fingerprint(answer: str) -> str:
    """A line of the expected answer as the bot must show it (HTML-escaped), to prove the reply is this one's."""
    lines = [line for line in answer.splitlines()[1:] if len(line) > 12] or answer.splitlines()
    return html.escape(lines[0][:24], quote=False)


async def _chat(tg: QueueingTelegram, chat_id: int, questions: list[str], expected: dict[str, str],
                latencies: list[float], problems: list[str]) -> None:
    for number, question in enumerate(questions, start=1):
        pushed = time.monotonic()
        await tg.send_text(chat_id, question)
        answer = await asyncio.wait_for(tg.answers.setdefault(chat_id, asyncio.Queue()).get(), 120)
        latencies.append((answer.at - pushed) * 1000)
        if expected[question] not in answer.text:
            problems.append(f"chat {chat_id}: reply {number} is not the answer to {question!r}")


async def _serve_and_load(settings: Settings, engine: Engine, plan: dict[int, list[str]],
                          expected: dict[str, str]) -> dict:
    tg = QueueingTelegram()
    await tg.start()
    app = build_application(settings.model_copy(update={"telegram": settings.telegram.model_copy(
        update={"api_base_url": tg.base_url})}), engine)
    await app.initialize()
    await app.post_init(app)
    await app.start()
    await app.updater.start_polling(poll_interval=0, timeout=1)
    latencies: list[float] = []
    problems: list[str] = []
    try:
        started = time.monotonic()
        await asyncio.gather(*(_chat(tg, chat, qs, expected, latencies, problems) for chat, qs in plan.items()))
        wall = time.monotonic() - started
    finally:
        await app.updater.stop()
        await app.stop()
        await app.post_shutdown(app)
        await app.shutdown()
        await tg.stop()
    answered = len(latencies)
    return {"load_chats": len(plan), "load_questions": sum(len(q) for q in plan.values()),
            "load_answered": answered, "load_mismatched": len(problems),
            "load_answers_per_s": round(answered / wall, 2),
            "load_p50_ms": round(percentile(latencies, 0.5), 1), "load_p95_ms": round(percentile(latencies, 0.95), 1),
            "load_problems": problems[:5]}


def run_load(data_dir: Path | None = None) -> dict:
    """Ingest seeds/ (if needed) with the default embedder, then drive the bot with 50 chats × 10 questions."""
    with tempfile.TemporaryDirectory() as tmp:
        data = data_dir or Path(tmp) / "data"
        telegram = TelegramSettings(token=TOKEN, allowed_users=",".join(str(3000 + i) for i in range(CHATS)),
                                    rate_limit=PER_CHAT * 2, stream_interval_s=60.0)
        settings = Settings(store=StoreSettings(data_dir=data), telegram=telegram)
        index = Index(settings)
        index.ingest([ROOT / "seeds"], progress=False)
        engine = Engine(settings, index=index)
        pool = [q.question for q in load_questions()]
        plan = {3000 + c: [pool[(c * PER_CHAT + k) % len(pool)] for k in range(PER_CHAT)] for c in range(CHATS)}
        expected = {q: _fingerprint(engine.answer([], q).answer) for q in {q for qs in plan.values() for q in qs}}
        return asyncio.run(_serve_and_load(settings, engine, plan, expected))


if __name__ == "__main__":
    print(json.dumps(run_load(), ensure_ascii=False, indent=2))
