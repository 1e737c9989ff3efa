"""While an answer is being worked out: the typing action, and previews of a streamed answer."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass

from telegram import Chat, Message
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, EndPointNotFound, InvalidToken, TelegramError
from telegram.ext import ContextTypes

from bot.telegram import render

log = logging.getLogger(__name__)

TYPING_EVERY_S = 4.0


@dataclass
class Drafts:
    """Whether the Bot API server has sendMessageDraft (Bot API 9.3+): unknown until first tried."""

    supported: bool | None = None


async def keep_typing(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> None:
    """Renew the typing action until cancelled."""
    while True:
        with contextlib.suppress(TelegramError):
            await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
        await asyncio.sleep(TYPING_EVERY_S)


class Streamer:
    """Shows a partial answer at most once per interval: as a draft (sendMessageDraft) in private chats
    where the server has it, else by editing one message. The first preview only comes after one
    interval, so quick answers arrive as one message."""

    def __init__(self, message: Message, interval_s: float, drafts: Drafts) -> None:
        self.origin = message
        self.interval_s = interval_s
        self.drafts = drafts
        self.loop = asyncio.get_running_loop()
        self.latest = ""
        self.shown = ""
        self.message: Message | None = None
        self._wake = asyncio.Event()
        self._done = asyncio.Event()
        self._task = asyncio.create_task(self._run())

    def on_partial(self, text: str) -> None:
        """Called from the engine's thread with the answer so far."""
        self.latest = text
        self.loop.call_soon_threadsafe(self._wake.set)

    async def _run(self) -> None:
        last = time.monotonic()
        while not self._done.is_set():
            await self._wake.wait()
            self._wake.clear()
            with contextlib.suppress(asyncio.TimeoutError):  # wait out the interval unless finished first
                await asyncio.wait_for(self._done.wait(), max(0.0, last + self.interval_s - time.monotonic()))
            if self._done.is_set():
                return
            preview = render.streaming_preview(self.latest)
            if preview == self.shown:
                continue
            if not await self._draft(preview):
                with contextlib.suppress(BadRequest):
                    if self.message is None:
                        self.message = await self.origin.reply_html(preview)
                    else:
                        await self.message.edit_text(preview, parse_mode=ParseMode.HTML)
            self.shown = preview
            last = time.monotonic()

    async def _draft(self, preview: str) -> bool:
        """Show the preview as a draft; False when drafts are unavailable here (then edits are used)."""
        if self.drafts.supported is False or self.message is not None or self.origin.chat.type != Chat.PRIVATE:
            return False
        try:
            await self.origin.get_bot().send_message_draft(self.origin.chat_id, self.origin.message_id, preview,
                                                           parse_mode=ParseMode.HTML)
        except (EndPointNotFound, InvalidToken):  # python-telegram-bot reports an unknown method's 404 so
            self.drafts.supported = False  # an older Bot API server: fall back to editing a message
            log.info("sendMessageDraft is not available on this Bot API server; streaming by edits")
            return False
        except TelegramError:
            return True  # one preview lost is no loss; the final answer is sent anyway
        self.drafts.supported = True
        return True

    async def finish(self) -> Message | None:
        """Stop previewing (an edit under way completes); the preview message, if one was sent."""
        self._done.set()
        self._wake.set()
        with contextlib.suppress(Exception):
            await self._task
        return self.message
