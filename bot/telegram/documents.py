"""Documents in the bot: /docs lists them (numbered), admins upload files and /remove them."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from telegram import Update
from telegram.ext import ContextTypes

from bot.telegram import names, render
from bot.telegram.handlers import _t, _who, services
from bot.telegram.streaming import keep_typing
from retrieval.errors import JianchaError
from retrieval.ingest.parse import SUPPORTED
from retrieval.types import IngestReport


async def docs(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/docs: the ingested documents."""
    svc = services(context)
    documents = await asyncio.to_thread(svc.engine.index.documents)
    if not documents:
        await update.effective_message.reply_text(_t(svc, update.effective_chat.id, "no_docs"))
        return
    displays = svc.state.display_names()
    lines = [f"<b>已收录 {len(documents)} 份文件 · {len(documents)} documents</b>"]
    lines += [f"{n}. {render.fit(d.title, 300)} ({render.esc(d.date or '—')})\n  <code>{render.esc(d.name)}</code>"
              + _sent_as(displays.get(d.name)) for n, d in enumerate(documents, start=1)]
    for text in render.pack(lines, sep="\n"):
        await update.effective_message.reply_html(text)


def _sent_as(display: str | None) -> str:
    return f"\n  上传名 sent as: {render.esc(names.one_line(display)[:120])}" if display else ""


def _ingest_reply(report: IngestReport) -> str:
    lines = []
    lines += [f"✅ 已收录 added: <code>{render.esc(n)}</code>" for n in report.added]
    lines += [f"♻️ 已更新 replaced: <code>{render.esc(n)}</code>" for n in report.replaced]
    lines += [f"= 未变化 unchanged: <code>{render.esc(n)}</code>" for n in report.unchanged]
    lines += [f"❌ 未收录 refused: {render.esc(reason)}" for reason in report.refused]
    if report.passages_embedded:
        lines.append(f"{report.passages_embedded} 个段落 passages indexed")
    return "\n".join(lines) or "—"


async def upload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An admin's file is ingested; anyone else's is refused."""
    svc = services(context)
    message = update.effective_message
    chat_id = update.effective_chat.id
    document = message.document
    display = document.file_name or "upload"
    name = names.safe_name(display.rsplit("/", 1)[-1])
    if not svc.access.is_admin(update.effective_user.id):
        svc.audit.record("refused", **_who(update), text=f"upload {name}")
        await message.reply_text(_t(svc, chat_id, "not_admin"))
        return
    if Path(name).suffix.lower() not in SUPPORTED:
        await message.reply_text(_t(svc, chat_id, "bad_type", name=name, types=" ".join(SUPPORTED)))
        return
    limit_mb = svc.settings.ingest.max_file_mb
    if document.file_size and document.file_size > limit_mb * 1024 * 1024:
        await message.reply_text(_t(svc, chat_id, "too_big", name=name, mb=document.file_size / 2**20,
                                    limit=limit_mb))
        return
    typing = asyncio.create_task(keep_typing(context, chat_id))
    try:
        with tempfile.TemporaryDirectory(prefix="jiancha-upload-") as folder:
            path = Path(folder) / name
            telegram_file = await document.get_file()
            await telegram_file.download_to_drive(path)
            try:
                result = await asyncio.to_thread(svc.engine.index.ingest, [path], False, True)
            except JianchaError as exc:
                await message.reply_text(f"⚠️ {exc}")
                return
    finally:
        typing.cancel()
    if name != display and name in result.added + result.replaced:
        svc.state.set_display_name(name, display)
    svc.audit.record("upload", **_who(update), text=name, value=result.model_dump_json())
    await message.reply_html(_ingest_reply(result))


async def remove(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/remove NAME or /remove N (the number in /docs), admins only."""
    svc = services(context)
    chat_id = update.effective_chat.id
    message = update.effective_message
    if not svc.access.is_admin(update.effective_user.id):
        await message.reply_text(_t(svc, chat_id, "not_admin"))
        return
    parts = (message.text or "").split(None, 1)
    argument = parts[1].strip() if len(parts) == 2 else ""  # as typed: inner spaces kept
    if not argument:
        await message.reply_text(_t(svc, chat_id, "empty", example="/remove 000_bf64703f7d023cd3.txt"))
        return
    documents = await asyncio.to_thread(svc.engine.index.documents)
    name = names.resolve(argument, [d.name for d in documents], svc.state.display_names())
    try:
        count = await asyncio.to_thread(svc.engine.index.remove, name)
    except JianchaError as exc:
        await message.reply_text(f"⚠️ {exc}")
        return
    svc.audit.record("remove", **_who(update), text=name, value=str(count))
    await message.reply_text(_t(svc, chat_id, "removed", name=name, n=count))
