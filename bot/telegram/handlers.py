"""Telegram handlers: tiny, typed; the engine does the work, render.py the HTML, state.py the memory."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

from telegram import CallbackQuery, Chat, InputFile, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import (Application, ApplicationHandlerStop, CallbackQueryHandler, CommandHandler,
                          ContextTypes, MessageHandler, TypeHandler, filters)

from bot.telegram import render
from bot.telegram.access import Access, RateLimiter
from bot.telegram.audit import AuditLog
from bot.telegram.state import ChatState
from bot.telegram.streaming import Drafts, Streamer, keep_typing
from bot.telegram.texts import HELP, HELP_ADMIN, STRANGER, STRANGER_GROUP, TEXT
from retrieval.answer.place_followup import only_places
from retrieval.answer.ground import language_of
from retrieval.errors import Ambiguous, JianchaError, NoMatch
from retrieval.settings import Settings
from retrieval.types import Result, Turn, cited_titles

log = logging.getLogger(__name__)

REFUSALS_PER_MINUTE = 3  # replies (and audit rows) one stranger or unlisted group gets; the rest are dropped
REFUSED_AUDIT_CHARS = 200  # of a stranger's message, kept in the audit log
OFF_LOOP_CHARS = 4000  # answers longer than this are rendered off the event loop
HISTORY_ANSWER_CHARS = 4000  # of an answer, kept as history for follow-ups (a runaway one is cut)


class EngineLike(Protocol):
    """What the bot needs from retrieval.engine.Engine."""

    index: Any

    def answer(self, history: list[Turn], message: str,
               on_partial: Callable[[str], None] | None = None) -> Result: ...

    def summarize(self, topic: str, language: str | None = None) -> Result: ...

    def report(self, name: str, language: str | None = None) -> Result: ...


@dataclass
class Services:
    """Everything the handlers share, kept in application.bot_data['services']."""

    settings: Settings
    engine: EngineLike
    state: ChatState
    audit: AuditLog
    access: Access
    limiter: RateLimiter
    workers: asyncio.Semaphore
    chat_locks: defaultdict[int, asyncio.Lock] = field(default_factory=lambda: defaultdict(asyncio.Lock))
    drafts: Drafts = field(default_factory=Drafts)
    refusals: RateLimiter = field(default_factory=lambda: RateLimiter(REFUSALS_PER_MINUTE))
    # SQLite writes wait for the disk: one thread of their own, neither on the event loop nor queued
    # behind the engine's answers in the default executor.
    writer: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="sqlite"))

    def close(self) -> None:
        self.writer.shutdown(wait=True)
        self.state.close()
        self.audit.close()


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return context.application.bot_data["services"]


def _t(svc: Services, chat_id: int, key: str, **kwargs: Any) -> str:
    return TEXT[svc.state.language(chat_id)][key].format(**kwargs)


def _who(update: Update) -> dict:
    user = update.effective_user
    chat = update.effective_chat
    return {"user_id": user.id if user else None, "username": user.username if user else None,
            "chat_id": chat.id if chat else None}


def _clip(text: str | None, limit: int) -> str | None:
    return text if text is None or len(text) <= limit else text[:limit] + "…"


def _addressed(message: Message, bot_id: int, bot_username: str | None) -> bool:
    """In a group: a command, a mention of the bot, or a reply to the bot."""
    text = message.text or message.caption or ""
    if text.startswith("/"):
        return True
    if bot_username and f"@{bot_username}".lower() in text.lower():
        return True
    reply = message.reply_to_message
    return bool(reply and reply.from_user and reply.from_user.id == bot_id)


def _strip_mention(text: str, bot_username: str | None) -> str:
    if bot_username:
        for form in (f"@{bot_username}", f"@{bot_username.lower()}"):
            text = text.replace(form, " ")
    return text.strip()


# -- the gate: strangers and group chatter stop here ------------------------------------
async def gate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Refuse strangers with one polite line; in groups ignore what is not addressed to the bot."""
    svc = services(context)
    message = update.effective_message
    chat = update.effective_chat
    group = chat is not None and chat.type != Chat.PRIVATE
    if message is not None and update.callback_query is None and group and \
            not _addressed(message, context.bot.id, context.bot.username):
        raise ApplicationHandlerStop
    if chat is not None and not svc.access.may_serve_chat(chat.id, not group):
        await _refuse(update, svc, chat.id, STRANGER_GROUP.format(chat_id=chat.id))
    user = update.effective_user
    if svc.access.may_ask(user.id if user else None):
        return
    await _refuse(update, svc, user.id if user else 0, STRANGER)


async def _refuse(update: Update, svc: Services, key: int, reply: str) -> None:
    """One polite line and an audit row, at most a few a minute per user (or group); then stop."""
    if not svc.refusals.check(key):  # beyond that, a flood gets neither replies nor audit rows
        message = update.effective_message
        said = (message.text or message.caption) if message else None
        svc.audit.record("refused", **_who(update), text=_clip(said, REFUSED_AUDIT_CHARS))
        if update.callback_query is not None:
            await update.callback_query.answer(reply, show_alert=True)
        elif message is not None:
            await message.reply_text(reply, do_quote=update.effective_chat.type != Chat.PRIVATE)
    raise ApplicationHandlerStop


# -- commands -------------------------------------------------------------------------
async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start and /help: what the bot knows and how to ask."""
    svc = services(context)
    text = HELP
    if svc.access.is_admin(update.effective_user.id):
        text += HELP_ADMIN.format(mb=svc.settings.ingest.max_file_mb)
    await update.effective_message.reply_html(text)


async def new(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/new: forget this chat's conversation."""
    svc = services(context)
    chat_id = update.effective_chat.id
    svc.state.forget(chat_id)
    await update.effective_message.reply_text(_t(svc, chat_id, "new"))


async def lang(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/lang zh|en: the interface language of this chat."""
    svc = services(context)
    chat_id = update.effective_chat.id
    choice = (context.args[0].lower() if context.args else "")
    if choice not in TEXT:
        await update.effective_message.reply_text(_t(svc, chat_id, "lang_usage"))
        return
    svc.state.set_language(chat_id, choice)
    await update.effective_message.reply_text(_t(svc, chat_id, "lang"))


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ask QUESTION."""
    await _work(update, context, "question", " ".join(context.args or []), "/ask 今年办理了多少公益诉讼案件？")


async def summary(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/summary TOPIC: a summary with a .docx to download."""
    await _work(update, context, "summary", " ".join(context.args or []), "/summary 未成年人检察")


async def report(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/report NAME: an overview of one document, named by file name, part of its title or a place."""
    await _work(update, context, "report", " ".join(context.args or []), "/report 重庆")


async def text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Plain text is a question."""
    question = _strip_mention(update.effective_message.text or "", context.bot.username)
    await _work(update, context, "question", question, "今年办理了多少公益诉讼案件？")


async def non_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos, voice …: a short hint."""
    svc = services(context)
    await update.effective_message.reply_text(_t(svc, update.effective_chat.id, "non_text"))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/anything else: which commands there are."""
    svc = services(context)
    await update.effective_message.reply_text(_t(svc, update.effective_chat.id, "unknown_command"))


# -- the work: typing, streaming, engine, render, state, audit --------------------------
def _call(svc: Services, kind: str, chat_id: int, argument: str,
          on_partial: Callable[[str], None]) -> Callable[[], Result]:
    if kind in ("summary", "report"):
        method = getattr(svc.engine, "summarize" if kind == "summary" else "report", None)
        if method is None:
            raise JianchaError(f"/{kind} is not available in this version yet")
        return lambda: method(argument, language=_work_language(svc, chat_id, argument))
    turns = svc.settings.telegram.history_turns  # history is read in the worker thread, as is the answer
    return lambda: svc.engine.answer(svc.state.history(chat_id, turns), argument, on_partial=on_partial)


def _remember(svc: Services, kind: str, chat_id: int, argument: str, result: Result, who: dict) -> str:
    """The answer's buttons, the exchange and the audit event: SQLite commits, run off the event loop."""
    answer_id = svc.state.save_answer(chat_id, result.citations, result.attachment)
    if kind == "question":
        svc.state.add_exchange(chat_id, argument, result.answer[:HISTORY_ANSWER_CHARS], cited_titles(result.citations))
    svc.audit.record(kind, **who, text=argument, answer_id=answer_id, passages=[c.passage_id for c in result.citations])
    return answer_id


_FILE_NAME = re.compile(r"^[\w.-]+\.(?:txt|md|html?|pdf|docx)$", re.I)


def _work_language(svc: Services, chat_id: int, argument: str) -> str:
    """An English argument asks in English; a Chinese name or place ('/report 重庆'), a file name
    ('003_17342af2a1c5acdf.txt'), a number ('/report 144') or a place's pinyin ('/report kunming'), no language
    of their own, take the chat's language."""
    own = language_of(argument) == "en" and re.search(r"[A-Za-z]{2}", argument) is not None \
        and not _FILE_NAME.match(argument.strip()) and not only_places(argument)
    return "en" if own else svc.state.language(chat_id)


async def _work(update: Update, context: ContextTypes.DEFAULT_TYPE, kind: str, argument: str, example: str) -> None:
    svc = services(context)
    message = update.effective_message
    chat_id = update.effective_chat.id
    user_id = update.effective_user.id
    limit = svc.settings.telegram.max_message_chars
    if not argument.strip():
        await message.reply_text(_t(svc, chat_id, "empty", example=example))
        return
    if len(argument) > limit:
        await message.reply_text(_t(svc, chat_id, "too_long", n=len(argument), limit=limit))
        return
    wait = svc.limiter.check(user_id)
    if wait:
        await message.reply_text(_t(svc, chat_id, "rate", s=int(wait + 0.999), n=svc.limiter.per_minute))
        return
    group = update.effective_chat.type != Chat.PRIVATE
    async with svc.chat_locks[chat_id]:  # one question at a time per chat, so history stays in order
        typing = asyncio.create_task(keep_typing(context, chat_id))
        streamer = Streamer(message, svc.settings.telegram.stream_interval_s, svc.drafts)
        try:
            async with svc.workers:
                result = await asyncio.to_thread(_call(svc, kind, chat_id, argument, streamer.on_partial))
        except JianchaError as exc:
            await message.reply_text(f"⚠️ {_in_chat_language(svc, chat_id, exc)}", do_quote=group)
            return
        finally:
            typing.cancel()
            streamed = await streamer.finish()
        # Each commit waits for the disk (synchronous=FULL); fifty chats' commits on the loop stalled them all.
        answer_id = await asyncio.get_running_loop().run_in_executor(
            svc.writer, _remember, svc, kind, chat_id, argument, result, _who(update))
        await _send_answer(message, streamed, result, answer_id, group, svc.settings.telegram.max_answer_messages)


MATCHES_SHOWN = 10


def _in_chat_language(svc: Services, chat_id: int, exc: JianchaError) -> str:
    """A document not found, or several found, said in the chat's language with its titles (the file names and
    the command line are for administrators); other errors as they are."""
    if isinstance(exc, Ambiguous):  # '/report 指导案例' matches 190 cases: the first ones, and how many in all
        shown = [f"{n}) {title or name}" for n, (name, title) in enumerate(exc.matches[:MATCHES_SHOWN], start=1)]
        more = len(exc.matches) - len(shown)
        matches = "\n".join(shown + ([f"…（+{more}）"] if more else []))
        return _t(svc, chat_id, "ambiguous", n=len(exc.matches), query=exc.query, matches=matches)
    if isinstance(exc, NoMatch):
        return _t(svc, chat_id, "no_match", query=exc.query)
    return str(exc)


async def _send_answer(message: Message, streamed: Message | None, result: Result, answer_id: str,
                       group: bool, max_messages: int = render.MAX_MESSAGES) -> None:
    if len(result.answer) > OFF_LOOP_CHARS:  # a large answer is rendered in a thread: the loop serves others
        parts = await asyncio.to_thread(render.answer_messages, result, render.LIMIT, max_messages)
    else:
        parts = render.answer_messages(result, render.LIMIT, max_messages)
    keyboard = render.answer_keyboard(answer_id, result)
    for number, part in enumerate(parts):
        markup = keyboard if number == len(parts) - 1 else None
        if number == 0 and streamed is not None:
            try:
                await streamed.edit_text(part, parse_mode=ParseMode.HTML, reply_markup=markup)
                continue
            except BadRequest:
                log.warning("could not edit the streamed message; sending the answer anew")
        await message.reply_html(part, reply_markup=markup, do_quote=group and number == 0)


# -- buttons --------------------------------------------------------------------------
CALLBACK = re.compile(r"([cdf]):([0-9a-f]{1,32})(?::([0-9a-z]{1,8}))?", re.ASCII)  # what answer_keyboard makes
FEEDBACK = frozenset({"up", "down"})  # the 👍 and 👎 buttons


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """[n] opens a passage, 📄 sends the .docx, 👍/👎 are recorded; anything else is answered 'expired'."""
    svc = services(context)
    query = update.callback_query
    chat = update.effective_chat
    parsed = CALLBACK.fullmatch(query.data or "")
    if chat is None or parsed is None or not svc.state.owns(chat.id, parsed[2]):  # inline, forged or foreign
        await query.answer(TEXT[svc.state.language(chat.id) if chat else "zh"]["expired"], show_alert=True)
        return
    kind, answer_id, arg = parsed.groups()
    if kind == "f" and arg in FEEDBACK:
        svc.audit.record("feedback", **_who(update), answer_id=answer_id, value=arg)
        await query.answer(_t(svc, chat.id, "thanks"))
    elif kind == "d" and arg is None and (attachment := svc.state.attachment(chat.id, answer_id)) is not None:
        await query.answer()
        svc.audit.record("download", **_who(update), answer_id=answer_id, text=attachment.filename)
        await context.bot.send_document(chat.id, InputFile(attachment.data, filename=attachment.filename))
    elif kind == "c" and arg and arg.isdigit() and (citation := svc.state.citation(chat.id, answer_id, int(arg))):
        await query.answer()
        svc.audit.record("passage", **_who(update), answer_id=answer_id, passages=[citation.passage_id])
        await _send_passage(context, query, chat.id, render.passage_message(citation))
    else:
        await query.answer(_t(svc, chat.id, "expired"), show_alert=True)


async def _send_passage(context: ContextTypes.DEFAULT_TYPE, query: CallbackQuery, chat_id: int, html: str) -> None:
    if isinstance(query.message, Message):
        await query.message.reply_html(html, do_quote=True)
    else:  # the answer is too old for Telegram to show it to us: send the passage on its own
        await context.bot.send_message(chat_id, html, parse_mode=ParseMode.HTML)


# -- errors ---------------------------------------------------------------------------
async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log first, then tell the user in one line."""
    log.error("update %s failed", getattr(update, "update_id", "?"), exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        with contextlib.suppress(Exception):
            svc = services(context)
            await context.bot.send_message(update.effective_chat.id, _t(svc, update.effective_chat.id, "error"))


def register(application: Application) -> None:
    """Wire the handlers; the gate runs first (group -1)."""
    from bot.telegram import documents  # it imports this module's helpers
    application.add_handler(TypeHandler(Update, gate), group=-1)
    application.add_handler(CommandHandler(["start", "help"], start))
    application.add_handler(CommandHandler("ask", ask))
    application.add_handler(CommandHandler(["summary", "summarize", "summarise"], summary))  # as the CLI names it
    application.add_handler(CommandHandler("report", report))
    application.add_handler(CommandHandler("docs", documents.docs))
    application.add_handler(CommandHandler("new", new))
    application.add_handler(CommandHandler("lang", lang))
    application.add_handler(CommandHandler("remove", documents.remove))
    application.add_handler(CallbackQueryHandler(button, pattern=r"^[cdf]:"))
    fresh = filters.UpdateType.MESSAGE  # edits of old messages are not new questions
    application.add_handler(MessageHandler(fresh & filters.Document.ALL, documents.upload))
    application.add_handler(MessageHandler(fresh & filters.TEXT & ~filters.COMMAND, text))
    application.add_handler(MessageHandler(fresh & ~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL,
                                           non_text))
    application.add_handler(MessageHandler(fresh & filters.COMMAND, unknown_command))
    application.add_error_handler(on_error)

