"""A real OpenAI-compatible /v1/chat/completions server on 127.0.0.1, scripted per test.

Each request takes the next behaviour from a queue (the last one repeats when the queue runs dry):
    Reply("text") or Reply(lambda request: "text")  -- a completion, streamed as SSE if asked
    Delay(seconds, reply)                           -- answer late (to trip the client's timeout)
    Status(429, retry_after="1") / Status(500)      -- an error response
    Garbage()                                       -- 200 with a body that is not JSON
Every request body is recorded in `requests` so tests can assert what the model was given.
"""

from __future__ import annotations

import json
import threading
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    text: str | Callable[[dict], str]

    def render(self, request: dict) -> str:
        return self.text(request) if callable(self.text) else self.text


@dataclass
class Delay:
    seconds: float
    reply: Reply


@dataclass
class Status:
    code: int
    retry_after: str | None = None


@dataclass
class Garbage:
    body: bytes = b"<html>502 bad gateway, not json"


def user_text(request: dict) -> str:
    """The concatenated text of every message the model was sent."""
    parts = []
    for message in request.get("messages", []):
        content = message.get("content")
        parts.append(content if isinstance(content, str) else json.dumps(content, ensure_ascii=False))
    return "\n".join(parts)


def passage_with(request: dict, needle: str) -> int:
    """The number under which the model was given the passage containing needle."""
    for match in re.finditer(r'<passage n="(\d+)"[^>]*>\n(.*?)</passage>', user_text(request), re.S):
        if needle in match.group(2):
            return int(match.group(1))
    raise AssertionError(f"no passage with {needle!r} was given")


class FakeOpenAI:
    """Start with `with FakeOpenAI() as server:`; `server.base_url` is the OPENAI_BASE_URL to use."""

    def __init__(self, *behaviours) -> None:
        self.queue = list(behaviours)
        self.requests: list[dict] = []
        self.times: list[float] = []
        self.chunk_delay_s = 0.0  # pause between streamed chunks, to watch a stream arrive
        self._stop = threading.Event()
        self._lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:
                owner._serve(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def script(self, *behaviours) -> None:
        """Replace the queue of behaviours."""
        with self._lock:
            self.queue = list(behaviours)

    def __enter__(self) -> "FakeOpenAI":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def _next(self):
        with self._lock:
            if not self.queue:
                return Status(500)
            return self.queue.pop(0) if len(self.queue) > 1 else self.queue[0]

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length)
        if not handler.path.endswith("/chat/completions"):
            return self._json(handler, 404, {"error": {"message": f"no route {handler.path}"}})
        request = json.loads(body or b"{}")
        with self._lock:
            self.requests.append(request)
            self.times.append(time.monotonic())
        behaviour = self._next()
        if isinstance(behaviour, Delay):
            if self._stop.wait(behaviour.seconds):
                return
            behaviour = behaviour.reply
        if isinstance(behaviour, Status):
            headers = {"Retry-After": behaviour.retry_after} if behaviour.retry_after else {}
            return self._json(handler, behaviour.code, {"error": {"message": f"status {behaviour.code}",
                                                                  "type": "fake"}}, headers)
        if isinstance(behaviour, Garbage):
            return self._raw(handler, 200, behaviour.body, "application/json")
        text = behaviour.render(request)
        if request.get("stream"):
            return self._stream(handler, request, text)
        return self._json(handler, 200, _completion(request, text))

    def _json(self, handler, code: int, payload: dict, headers: dict | None = None) -> None:
        self._raw(handler, code, json.dumps(payload, ensure_ascii=False).encode(), "application/json", headers)

    @staticmethod
    def _raw(handler, code: int, data: bytes, content_type: str, headers: dict | None = None) -> None:
        handler.send_response(code)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            handler.send_header(key, value)
        handler.end_headers()
        handler.wfile.write(data)

    def _stream(self, handler, request: dict, text: str) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/event-stream")
        handler.send_header("Cache-Control", "no-cache")
        handler.end_headers()
        pieces = [text[i:i + 7] for i in range(0, len(text), 7)] or [""]
        for piece in pieces:
            _send_event(handler, _chunk(request, {"content": piece}, None))
            time.sleep(self.chunk_delay_s)
        _send_event(handler, _chunk(request, {}, "stop"))
        handler.wfile.write(b"data: [DONE]\n\n")
        handler.wfile.flush()


def _send_event(handler, payload: dict) -> None:
    handler.wfile.write(b"data: " + json.dumps(payload, ensure_ascii=False).encode() + b"\n\n")
    handler.wfile.flush()


def _completion(request: dict, text: str) -> dict:
    return {"id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
            "model": request.get("model", "fake"),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}


def _chunk(request: dict, delta: dict, finish: str | None) -> dict:
    return {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()),
            "model": request.get("model", "fake"),
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
