"""The bot's hardening, unit by unit: redaction, linear splitting, rendering off the loop, max_tokens,
the network guard of subprocesses. (Hostile inputs end to end: tests/hostile_inputs.py, run by test_drills.)"""

from __future__ import annotations

import asyncio
import os
import sys


REJECTED = "987654321:AAHrejectedTokenXXXXXXXXXXXXXXXXXXXXX"


def test_redaction_covers_registered_secrets_and_token_shapes():
    from bot.redact import redact, remember

    remember("webhook-s3cret-value")
    text = redact(f"x {REJECTED} y webhook-s3cret-value z")
    assert text == "x <token> y <token> z"


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
    def recording(result, *args):
        threads.append(threading.current_thread())
        return real(result, *args)

    monkeypatch.setattr(render, "answer_messages", recording)

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
