"""Peak RSS of the bot process serving the >= 50k-passage index, while it answers questions.

The parent runs the fake Bot API server and asks; the child is the real bot (python-telegram-bot
polling, the real Engine), its index the bench's large one (stored vectors from the projection
embedder, queries through e5). Peak RSS is the child's VmHWM from /proc.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

USER = 4000


def serve(data_dir: str, api_base_url: str) -> None:
    """Child: the bot on the large index until SIGTERM."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from bench import ProjectionEmbedder
    from fake_telegram import TOKEN

    from bot.telegram.app import build_application
    from retrieval.index.embed import make_embedder
    from retrieval.engine import Engine
    from retrieval.index.store import Index
    from retrieval.settings import Settings, StoreSettings, TelegramSettings
    from retrieval.index.vectors import ChromaVectors

    settings = Settings(store=StoreSettings(data_dir=Path(data_dir)),
                        telegram=TelegramSettings(token=TOKEN, api_base_url=api_base_url, allowed_users=str(USER),
                                                  rate_limit=1000))
    index = Index(settings, embedder=make_embedder(settings.embedder), vectors=ChromaVectors(settings.store, ProjectionEmbedder.name))
    build_application(settings, Engine(settings, index=index)).run_polling(poll_interval=0, timeout=1)


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


async def _measure(data_dir: Path, questions: list[str]) -> dict:
    from fake_telegram import FakeTelegram

    tg = FakeTelegram()
    await tg.start()
    child = subprocess.Popen([sys.executable, __file__, "--serve", str(data_dir), tg.base_url], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for number, question in enumerate(questions, start=1):
            await tg.send_text(USER, question)
            await tg.wait_for("sendMessage", lambda c: c.chat_id == USER and bool(c.buttons), timeout=120,
                              count=number)
        rss = peak_rss_mb(child.pid)
    finally:
        child.send_signal(signal.SIGTERM)
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
        await tg.stop()
    return {"bot_rss_mb": rss, "bot_rss_questions": len(questions)}


def measure(data_dir: Path, questions: list[str]) -> dict:
    return asyncio.run(_measure(data_dir, questions))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve(sys.argv[2], sys.argv[3])
