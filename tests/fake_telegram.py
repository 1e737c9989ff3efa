"""A fake Telegram Bot API server (aiohttp, 127.0.0.1) that the real python-telegram-bot Application polls.

Tests enqueue updates (messages, callback queries, documents), then wait for the bot's calls; errors can
be scripted (`fail_next("sendMessage", 2, retry_after=1)` answers the next two sendMessage calls with 429).
"""

from __future__ import annotations

import asyncio
import html
import itertools
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from aiohttp import web

TOKEN = "123456:TEST-token-never-logged"
BOT_USER = {"id": 123456, "is_bot": True, "first_name": "检察助手", "username": "jiancha_test_bot",
            "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": False}


ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "blockquote",
                "tg-spoiler", "span", "tg-emoji"}
_TAG = re.compile(r"<(/?)([a-zA-Z-]+)((?:\s[^<>]*)?)>")
_ENTITY = re.compile(r"&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)")


class ApiError(Exception):
    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.code = code
        self.description = description


def check_html(text: str) -> str:
    """Telegram's HTML rules, strictly: known tags, balanced, every other <, > and & escaped; ≤ 4096 chars."""
    stack: list[str] = []
    plain: list[str] = []
    position = 0
    for match in [*_TAG.finditer(text), None]:
        segment = text[position:match.start() if match else len(text)]
        if "<" in segment or ">" in segment or _ENTITY.search(segment):
            raise ApiError(400, f"Bad Request: can't parse entities: unescaped character near {segment[:40]!r}")
        plain.append(segment)
        if match is None:
            break
        closing, tag = match.group(1), match.group(2).lower()
        if tag not in ALLOWED_TAGS:
            raise ApiError(400, f"Bad Request: can't parse entities: unsupported start tag \"{tag}\"")
        if closing:
            if not stack or stack.pop() != tag:
                raise ApiError(400, f"Bad Request: can't parse entities: unexpected end tag {tag}")
        else:
            stack.append(tag)
        position = match.end()
    if stack:
        raise ApiError(400, f"Bad Request: can't parse entities: unclosed {stack}")
    return html.unescape("".join(plain))


def check_text(params: dict) -> None:
    text = str(params.get("text", ""))
    shown = check_html(text) if params.get("parse_mode") == "HTML" else text
    if not shown.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    if len(shown) > 4096:
        raise ApiError(400, "Bad Request: message is too long")


@dataclass
class Call:
    """One Bot API request the bot made."""

    method: str
    params: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)
    status: int = 200

    @property
    def chat_id(self) -> int | None:
        value = self.params.get("chat_id")
        return int(value) if value is not None else None

    @property
    def text(self) -> str:
        return str(self.params.get("text", ""))

    @property
    def buttons(self) -> list[tuple[str, str]]:
        markup = self.params.get("reply_markup") or {}
        return [(b["text"], b.get("callback_data", "")) for row in markup.get("inline_keyboard", []) for b in row]


def _value(raw: str) -> Any:
    try:
        return json.loads(raw)
    except (ValueError, TypeError):
        return raw


class FakeTelegram:
    """The Bot API at http://127.0.0.1:PORT/bot<token>/<method>, files at /file/bot<token>/<path>."""

    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.calls: list[Call] = []
        self.updates: list[dict] = []
        self.files: dict[str, tuple[str, bytes]] = {}  # file_id -> (file_path, data)
        self.failures: dict[str, list[tuple[int, int]]] = {}
        self.outages: list[tuple[float, float, int, int, frozenset[str] | None]] = []  # see outage()
        self.supports_drafts = False  # sendMessageDraft arrived in Bot API 9.3; older servers answer 404
        self._ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- lifecycle -----------------------------------------------------------------------
    async def start(self) -> None:
        app = web.Application(client_max_size=64 * 2**20)
        app.router.add_post("/bot{token}/{method}", self._api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._file)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    # -- scripting -----------------------------------------------------------------------
    def fail_next(self, method: str, times: int = 1, code: int = 429, retry_after: int = 1) -> None:
        self.failures.setdefault(method, []).extend([(code, retry_after)] * times)

    def outage(self, seconds: float, code: int = 502, retry_after: int = 1, methods: tuple[str, ...] | None = None,
               delay: float = 0.0) -> float:
        """From `delay` seconds from now, for `seconds`, answer every call of `methods` (None: all, getUpdates
        included) with `code`; a long poll under way when it starts fails too, its updates kept for later.
        Returns the monotonic time the outage ends."""
        start = time.monotonic() + delay
        self.outages.append((start, start + seconds, code, retry_after, frozenset(methods) if methods else None))
        return start + seconds

    def _down(self, method: str) -> tuple[int, int] | None:
        now = time.monotonic()
        for start, end, code, retry_after, methods in self.outages:
            if start <= now < end and (methods is None or method in methods):
                return code, retry_after
        return None

    async def _push(self, kind: str, payload: dict) -> dict:
        update = {"update_id": next(self._ids), kind: payload}
        async with self._changed:
            self.updates.append(update)
            self._changed.notify_all()
        return update

    def _chat(self, chat_id: int, chat_type: str) -> dict:
        chat = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = f"user{chat_id}"
        else:
            chat["title"] = f"group {chat_id}"
        return chat

    def _user(self, user_id: int) -> dict:
        return {"id": user_id, "is_bot": False, "first_name": f"user{user_id}", "username": f"u{user_id}"}

    def message(self, user_id: int, text: str | None = None, chat_id: int | None = None, chat_type: str = "private",
                reply_to: dict | None = None, **extra: Any) -> dict:
        """A Message dict from a user; /commands get their bot_command entity."""
        message = {"message_id": next(self._message_ids), "date": int(time.time()),
                   "chat": self._chat(chat_id or user_id, chat_type), "from": self._user(user_id), **extra}
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        return message

    async def send_text(self, user_id: int, text: str, **kwargs: Any) -> dict:
        return await self._push("message", self.message(user_id, text, **kwargs))

    async def send_sticker(self, user_id: int) -> dict:
        sticker = {"file_id": "stk", "file_unique_id": "stk", "type": "regular", "width": 512, "height": 512,
                   "is_animated": False, "is_video": False}
        return await self._push("message", self.message(user_id, sticker=sticker))

    async def send_document(self, user_id: int, filename: str, data: bytes, mime: str = "application/octet-stream",
                            **kwargs: Any) -> dict:
        file_id = f"file{len(self.files) + 1}"
        suffix = re.sub(r"[^a-z0-9]", "", filename.rsplit(".", 1)[-1].lower())[:8] if "." in filename else ""
        self.files[file_id] = (f"documents/{file_id}.{suffix or 'bin'}", data)  # as Telegram: not the user's name
        document = {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": filename,
                    "mime_type": mime, "file_size": len(data)}
        return await self._push("message", self.message(user_id, document=document, **kwargs))

    async def press(self, user_id: int, bot_message: Call, data: str) -> dict:
        """Press an inline button of a message the bot sent."""
        result = bot_message.params["_result"]
        query = {"id": str(next(self._ids)), "from": self._user(user_id), "chat_instance": "ci",
                 "message": result, "data": data}
        return await self._push("callback_query", query)

    # -- waiting -------------------------------------------------------------------------
    async def wait_for(self, method: str | tuple[str, ...], predicate: Callable[[Call], bool] = lambda c: True,
                       timeout: float = 15.0, count: int = 1) -> list[Call]:
        """The first `count` successful calls of `method` matching `predicate` (waits for them)."""
        deadline = time.monotonic() + timeout
        async with self._changed:
            while True:
                methods = (method,) if isinstance(method, str) else method
                found = [c for c in self.calls if c.method in methods and c.status == 200 and predicate(c)]
                if len(found) >= count:
                    return found[:count]
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = [(c.method, c.chat_id, c.text[:60]) for c in self.calls[-15:]]
                    raise AssertionError(f"timed out waiting for {count} × {method}; last calls: {seen}")
                try:
                    await asyncio.wait_for(self._changed.wait(), remaining)
                except asyncio.TimeoutError:
                    pass

    async def reply_to(self, chat_id: int, timeout: float = 15.0, count: int = 1) -> list[Call]:
        return await self.wait_for("sendMessage", lambda c: c.chat_id == chat_id, timeout, count)

    async def answer_in(self, chat_id: int, timeout: float = 15.0) -> Call:
        """The finished answer in a chat: the message (sent or edited from a streamed preview) with buttons."""
        [call] = await self.wait_for(("sendMessage", "editMessageText"),
                                     lambda c: c.chat_id == chat_id and bool(c.buttons), timeout)
        return call

    def sent(self, method: str = "sendMessage", chat_id: int | None = None) -> list[Call]:
        return [c for c in self.calls if c.method == method and c.status == 200
                and (chat_id is None or c.chat_id == chat_id)]

    # -- the API -------------------------------------------------------------------------
    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        method = request.match_info["method"]
        try:
            params, files = await _read_params(request)
        except ConnectionResetError:  # the client hung up mid-request (a bot closing its long poll at shutdown)
            return web.Response(status=499)
        call = Call(method, params, files)
        if self._down(method) is not None:
            return await self._outage_response(call)
        if method != "getUpdates" and self.failures.get(method):
            code, retry_after = self.failures[method].pop(0)
            call.status = code
            await self._record(call)
            return web.json_response({"ok": False, "error_code": code,
                                      "description": f"Too Many Requests: retry after {retry_after}",
                                      "parameters": {"retry_after": retry_after}}, status=code)
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        try:
            result = await handler(params, files)
        except ApiError as exc:
            call.status = exc.code
            call.params["_error"] = exc.description
            await self._record(call)
            return web.json_response({"ok": False, "error_code": exc.code, "description": exc.description},
                                     status=exc.code)
        if method == "getUpdates" and self._down(method) is not None:  # the outage began during the long poll
            return await self._outage_response(call)
        if method != "getUpdates":
            call.params["_result"] = result
            await self._record(call)
        return web.json_response({"ok": True, "result": result})

    async def _outage_response(self, call: Call) -> web.Response:
        """What a Bot API outage looks like: 429 with retry_after, or a gateway's HTML page for 5xx."""
        code, retry_after = self._down(call.method) or (502, 1)
        call.status = code
        await self._record(call)
        if code == 429:
            return web.json_response({"ok": False, "error_code": 429,
                                      "description": f"Too Many Requests: retry after {retry_after}",
                                      "parameters": {"retry_after": retry_after}}, status=429)
        return web.Response(status=code, text=f"<html><body><h1>{code} Bad Gateway</h1></body></html>",
                            content_type="text/html")

    async def _record(self, call: Call) -> None:
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    async def _file(self, request: web.Request) -> web.Response:
        path = request.match_info["path"]
        for file_path, data in self.files.values():
            if file_path == path and request.match_info["token"] == self.token:
                return web.Response(body=data)
        return web.Response(status=404)

    def _sent_message(self, params: dict, **extra: Any) -> dict:
        chat_id = int(params["chat_id"])
        message = {"message_id": next(self._message_ids), "date": int(time.time()), "from": BOT_USER,
                   "chat": self._chat(chat_id, "private" if chat_id > 0 else "group"), **extra}
        if "text" in params:
            message["text"] = str(params["text"])
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    async def _m_getMe(self, params, files):
        return BOT_USER

    async def _m_deleteWebhook(self, params, files):
        return True

    async def _m_setWebhook(self, params, files):
        return True

    async def _m_setMyCommands(self, params, files):
        return True

    async def _m_sendChatAction(self, params, files):
        return True

    async def _m_answerCallbackQuery(self, params, files):
        return True

    async def _m_close(self, params, files):
        return True

    async def _m_sendMessage(self, params, files):
        check_text(params)
        return self._sent_message(params)

    async def _m_editMessageText(self, params, files):
        check_text(params)
        return self._sent_message(params) | {"message_id": int(params["message_id"]), "edit_date": int(time.time())}

    async def _m_sendMessageDraft(self, params, files):
        if not self.supports_drafts:
            raise ApiError(404, "Not Found")
        check_text(params)
        if not int(params.get("draft_id", 0)):
            raise ApiError(400, "Bad Request: draft_id must be non-zero")
        return True

    async def _m_sendDocument(self, params, files):
        name = params.get("_filenames", {}).get("document", "file")
        data = files.get("document", b"")
        return self._sent_message(params, document={"file_id": f"out{len(self.files)}", "file_unique_id": "o",
                                                    "file_name": name, "file_size": len(data)})

    async def _m_getFile(self, params, files):
        file_id = str(params["file_id"])
        file_path, data = self.files[file_id]
        return {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_size": len(data), "file_path": file_path}

    async def _m_getUpdates(self, params, files):
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + timeout
        async with self._changed:
            if offset:  # as Telegram does: an offset confirms every earlier update, which is then forgotten
                self.updates = [u for u in self.updates if u["update_id"] >= offset]
            while True:
                pending = [u for u in self.updates if u["update_id"] >= offset][:limit]
                remaining = deadline - time.monotonic()
                if pending or remaining <= 0:
                    return pending
                try:
                    await asyncio.wait_for(self._changed.wait(), remaining)
                except asyncio.TimeoutError:
                    pass


async def _read_params(request: web.Request) -> tuple[dict[str, Any], dict[str, bytes]]:
    """A Bot API call's parameters and uploaded files, whatever encoding the client chose."""
    params: dict[str, Any] = {}
    files: dict[str, bytes] = {}
    if request.content_type.startswith("multipart/"):
        reader = await request.multipart()
        async for part in reader:
            if part.filename:
                files[part.name] = await part.read()
                params.setdefault("_filenames", {})[part.name] = part.filename
            else:
                params[part.name] = _value(await part.text())
    elif request.content_type == "application/json":
        params = await request.json()
    else:
        params = {k: _value(v) for k, v in (await request.post()).items()}
    return params, files
