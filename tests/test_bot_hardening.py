"""The bot's hardening: secrets never printed, webhook secret required, state recovered, output capped."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from fake_telegram import FakeTelegram
from test_telegram import USER

REJECTED = "987654321:AAHrejectedTokenXXXXXXXXXXXXXXXXXXXXX"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIANCHA_", "TELEGRAM_", "OPENAI_"))}
    env.update(extra)
    return env


async def _jiancha(*args: str, env: dict[str, str], cwd: Path, timeout: float = 60) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(str(Path(sys.executable).parent / "jiancha"), *args, env=env,
                                                cwd=cwd, stdout=asyncio.subprocess.PIPE,
                                                stderr=asyncio.subprocess.PIPE)
    try:
        out, err = await asyncio.wait_for(proc.communicate(), timeout)
    finally:
        if proc.returncode is None:
            proc.kill()
    return proc.returncode, out.decode(), err.decode()


def test_a_rejected_token_is_not_printed(tmp_path):
    """The Bot API answers 401: PTB's InvalidToken names the token; stderr shows <token> instead."""
    async def main():
        tg = FakeTelegram()
        await tg.start()
        try:
            return await _jiancha("bot", env=_env(TELEGRAM_BOT_TOKEN=REJECTED, TELEGRAM_API_BASE_URL=tg.base_url,
                                                  JIANCHA_ALLOWED_USERS=str(USER),
                                                  JIANCHA_DATA_DIR=str(tmp_path / "data")), cwd=tmp_path)
        finally:
            await tg.stop()

    code, out, err = asyncio.run(main())
    assert code == 1
    assert REJECTED not in out + err and REJECTED.split(":")[1] not in out + err
    assert "jiancha: unexpected InvalidToken: The token `<token>` was rejected" in err


def test_redaction_covers_registered_secrets_and_token_shapes():
    from bot.redact import redact, remember

    remember("webhook-s3cret-value")
    text = redact(f"x {REJECTED} y webhook-s3cret-value z")
    assert text == "x <token> y <token> z"


def test_webhook_mode_refuses_to_start_without_a_secret(tmp_path):
    """No JIANCHA_WEBHOOK_SECRET: one line saying how to fix it, and no webhook is registered."""
    async def main():
        tg = FakeTelegram()
        await tg.start()
        try:
            code, out, err = await _jiancha("bot", env=_env(
                TELEGRAM_BOT_TOKEN="123456:TEST-token-never-logged", TELEGRAM_API_BASE_URL=tg.base_url,
                JIANCHA_ALLOWED_USERS=str(USER), JIANCHA_DATA_DIR=str(tmp_path / "data"),
                JIANCHA_TELEGRAM_MODE="webhook", JIANCHA_WEBHOOK_URL="https://example.org/hook"), cwd=tmp_path)
            return code, err, [c.method for c in tg.calls]
        finally:
            await tg.stop()

    code, err, methods = asyncio.run(main())
    assert code == 1 and "setWebhook" not in methods
    [line] = err.strip().splitlines()
    assert line.startswith("jiancha: JIANCHA_TELEGRAM_MODE=webhook needs JIANCHA_WEBHOOK_SECRET")
    assert "secrets.token_urlsafe" in line


def test_splitting_markup_is_linear_and_escape_aware():
    import time

    from bot.telegram.render import LIMIT, _hard_split, esc

    started = time.perf_counter()
    pieces = _hard_split("&<>" * 7000, LIMIT)
    assert time.perf_counter() - started < 0.5  # was 4.3 s, on the event loop
    assert len(pieces) <= 25 and "".join(pieces) == "&<>" * 7000
    assert all(LIMIT - 5 < len(esc(p)) <= LIMIT for p in pieces[:-1])


def test_large_answers_are_rendered_off_the_event_loop(monkeypatch):
    import threading

    from bot.telegram import handlers, render
    from retrieval.types import Result

    threads = []
    real = render.answer_messages
    monkeypatch.setattr(render, "answer_messages", lambda r, *a: threads.append(threading.current_thread()) or real(r, *a))

    class Sink:
        async def reply_html(self, text, **kwargs):
            return None

    asyncio.run(handlers._send_answer(Sink(), None, Result(answer="字" * 20_000), "abc", False))
    asyncio.run(handlers._send_answer(Sink(), None, Result(answer="短"), "abc", False))
    assert threads[0] is not threading.main_thread() and threads[1] is threading.main_thread()


def test_the_model_call_is_capped_in_tokens():
    from fake_openai import FakeOpenAI, Reply

    from retrieval.answer.llm import make_chat_model
    from retrieval.settings import LLMSettings

    with FakeOpenAI(Reply("好的")) as server:
        model = make_chat_model(LLMSettings(base_url=server.base_url, api_key="test", max_tokens=77))
        model.invoke("你好")
        sent = server.requests[-1]
    assert (sent.get("max_tokens") or sent.get("max_completion_tokens")) == 77
    assert LLMSettings().max_tokens > 0


def test_subprocesses_of_the_tests_cannot_reach_the_network(tmp_path):
    """A Python subprocess (as jiancha and the bot are) fails a non-loopback connect; loopback works."""
    import socket
    import subprocess

    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        script = ("import socket\n"
                  f"socket.create_connection(('127.0.0.1', {port}), timeout=5).close()\n"
                  "print('loopback ok', flush=True)\n"
                  "socket.create_connection(('93.184.216.34', 80), timeout=5)\n"
                  "print('reached the network')\n")
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                              cwd=tmp_path, env=dict(os.environ))
    assert "loopback ok" in done.stdout and "reached the network" not in done.stdout
    assert done.returncode != 0 and "NetworkBlocked" in done.stderr and "93.184.216.34" in done.stderr
