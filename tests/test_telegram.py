"""End to end: the real python-telegram-bot Application polls a fake Bot API server on 127.0.0.1,
answering with the real Engine over the seeded index (deterministic fake embedder, no model)."""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import time

import pytest
from fake_telegram import TOKEN, FakeTelegram

from bot.telegram.app import RedactToken, build_application, file_url_for
from retrieval.engine import Engine
from retrieval.settings import TelegramSettings
from retrieval.types import Result

USER, ADMIN, STRANGER = 1001, 1002, 6666
CROWD = list(range(2001, 2021))
QUESTION = "昆明市检察院办理了多少代表建议？"


class RecordingEngine(Engine):
    """The real Engine, remembering what each call was given; can echo the question, pad or stream."""

    def __init__(self, *args, echo: bool = False, long: bool = False, stream: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.calls: list[tuple[str, list]] = []
        self.echo, self.long, self.stream = echo, long, stream

    def answer(self, history, message, on_partial=None) -> Result:
        self.calls.append((message, list(history)))
        result = super().answer(history, message, on_partial)
        if self.stream and on_partial:
            for end in range(20, len(result.answer), 40):
                on_partial(result.answer[:end])
                time.sleep(0.05)
        if self.echo:
            result.answer = f"【{message}】\n\n{result.answer}"
        if self.long:
            paragraphs = [f"第{i}段 paragraph {i}: " + "检察机关依法履职，" * 40 for i in range(30)]
            result.answer = "\n\n".join(paragraphs) + "\n\n" + result.answer
        return result


class FailingEngine(RecordingEngine):
    """Breaks on 'boom' (a bug) and on 'empty' (a one-line product error)."""

    def answer(self, history, message, on_partial=None) -> Result:
        if message == "boom":
            raise RuntimeError("engine bug")
        if message == "empty":
            from retrieval.errors import JianchaError

            raise JianchaError("the question is empty; type what you want to know")
        return super().answer(history, message, on_partial)


def settings_for(index, tg: FakeTelegram, **overrides):
    overrides.setdefault("stream_interval_s", 30.0)  # quick answers never show a preview, however loaded the CI
    telegram = TelegramSettings(token=TOKEN, api_base_url=tg.base_url, allowed_users=",".join(map(str, [USER, *CROWD])),
                                admins=str(ADMIN), **overrides)
    return index.settings.model_copy(update={"telegram": telegram})


@contextlib.asynccontextmanager
async def running_bot(settings, engine):
    """What Application.run_polling does, minus the signal handling that only the main thread may set."""
    app = build_application(settings, engine)
    await app.initialize()
    await app.post_init(app)
    await app.start()
    await app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        yield app
    finally:
        await app.updater.stop()
        await app.stop()
        await app.post_shutdown(app)
        await app.shutdown()


def scenario(index, body, engine=None, timeout=40, **overrides):
    """Run body(tg, settings, engine) against a fresh fake server inside one event loop."""
    engine = engine or RecordingEngine(index=index)

    async def main():
        tg = FakeTelegram()
        await tg.start()
        try:
            await body(tg, settings_for(index, tg, **overrides), engine)
        finally:
            await tg.stop()

    asyncio.run(asyncio.wait_for(main(), timeout))
    return engine


def audit(index):
    from bot.telegram.audit import AuditLog

    log = AuditLog(index.settings.store.data_dir / "audit.sqlite3", 0)
    try:
        return log.events()
    finally:
        log.close()


# -- conversations --------------------------------------------------------------------
def test_start_sets_command_menu_and_explains(seeded_index):
    async def body(tg, settings, engine):
        async with running_bot(settings, engine):
            commands = await tg.wait_for("setMyCommands")
            assert {c["command"] for c in commands[0].params["commands"]} >= {"ask", "summary", "docs", "new", "lang"}
            await tg.send_text(USER, "/start")
            [reply] = await tg.reply_to(USER)
            assert "检察业务助手" in reply.text and "/ask" in reply.text and "Just send a question" in reply.text
            assert "具体数字是多少" in reply.text and "How does that compare" in reply.text  # follow-ups, by example
            assert reply.params["parse_mode"] == "HTML"
            assert "/remove" not in reply.text  # admin lines only for admins
            await tg.send_text(ADMIN, "/help")
            [reply] = await tg.reply_to(ADMIN)
            assert "/remove" in reply.text

    scenario(seeded_index, body)


def test_question_answered_with_citations_buttons_passage_and_feedback(seeded_index):
    async def body(tg, settings, engine):
        async with running_bot(settings, engine):
            await tg.send_text(USER, QUESTION)
            [answer] = await tg.reply_to(USER)
            assert "[1]" in answer.text and "来源 Sources" in answer.text
            labels = [label for label, _ in answer.buttons]
            assert labels[:2] == ["[1]", "[2]"] and "👍" in labels and "👎" in labels
            assert all(len(data.encode()) <= 64 for _, data in answer.buttons)
            assert tg.sent("sendChatAction", USER), "the typing action is shown while working"
            data = dict(answer.buttons)["[1]"]
            await tg.press(USER, answer, data)
            [passage] = (await tg.reply_to(USER, count=2))[1:]
            assert "昆明市人民检察院" in passage.text and "<blockquote>" in passage.text
            assert passage.params["reply_parameters"]["message_id"] == answer.params["_result"]["message_id"]
            await tg.press(USER, answer, dict(answer.buttons)["👍"])
            await tg.wait_for("answerCallbackQuery", count=2)

    scenario(seeded_index, body)
    events = audit(seeded_index)
    question = [e for e in events if e["kind"] == "question"][0]
    assert question["user_id"] == USER and question["text"] == QUESTION and question["passages"]
    shown = [e for e in events if e["kind"] == "passage"][0]
    assert shown["answer_id"] == question["answer_id"] and shown["passages"] == question["passages"][:1]
    feedback = [e for e in events if e["kind"] == "feedback"][0]
    assert feedback["value"] == "up" and feedback["answer_id"] == question["answer_id"]


def test_follow_up_uses_history_which_survives_a_restart(seeded_index):
    engine = RecordingEngine(index=seeded_index)

    async def body(tg, settings, engine):
        async with running_bot(settings, engine):
            await tg.send_text(USER, QUESTION)
            await tg.reply_to(USER)
            await tg.send_text(USER, "/lang en")
            await tg.reply_to(USER, count=2)
        # a new Application on the same data folder: nothing is lost
        async with running_bot(settings, engine):
            await tg.send_text(USER, "那协办的呢？")
            await tg.reply_to(USER, count=3)
            await tg.send_text(CROWD[0], "未成年人检察工作有哪些做法？")
            await tg.reply_to(CROWD[0])
            await tg.send_text(USER, "/new")
            [reply] = (await tg.reply_to(USER, count=4))[3:]
            assert reply.text == "OK, a new conversation."  # the language survived the restart too
            await tg.send_text(USER, "公益诉讼")
            await tg.reply_to(USER, count=5)

    scenario(seeded_index, body, engine=engine)
    follow_up, history = engine.calls[1]
    assert follow_up == "那协办的呢？"
    assert [t.role for t in history] == ["user", "assistant"] and history[0].text == QUESTION
    assert engine.calls[2][1] == []  # another chat never sees this one's history
    assert engine.calls[3][1] == []  # /new forgot it


def test_twenty_chats_at_once_get_their_own_answers(seeded_index):
    engine = RecordingEngine(index=seeded_index, echo=True)
    topics = ["代表建议", "未成年人", "公益诉讼", "检务公开", "家长课堂"]

    async def body(tg, settings, engine):
        async with running_bot(settings, engine):
            started = time.monotonic()
            await asyncio.gather(*(tg.send_text(user, f"问题{user}：{topics[i % 5]}") for i, user in enumerate(CROWD)))
            for user in CROWD:
                [reply] = await tg.reply_to(user)
                assert f"【问题{user}：" in reply.text
            assert time.monotonic() - started < 20
            for user in CROWD:
                assert len(tg.sent(chat_id=user)) == 1

    scenario(seeded_index, body, engine=engine)
    for message, history in engine.calls:
        assert history == []


# -- access ---------------------------------------------------------------------------
def test_strangers_get_one_polite_line_and_groups_need_addressing(seeded_index):
    async def body(tg, settings, engine):
        async with running_bot(settings, engine):
            await tg.send_text(STRANGER, QUESTION)
            [reply] = await tg.reply_to(STRANGER)
            assert "没有使用本助手的权限" in reply.text and not reply.buttons
            await tg.send_text(STRANGER, "/docs")
            await tg.reply_to(STRANGER, count=2)
            group = -500
            await tg.send_text(USER, "大家好，今天开会", chat_id=group, chat_type="group")
            await tg.send_text(STRANGER, f"@jiancha_test_bot {QUESTION}", chat_id=group, chat_type="group")
            [refusal] = await tg.reply_to(group)
            assert "没有使用本助手的权限" in refusal.text
            await tg.send_text(USER, f"@jiancha_test_bot {QUESTION}", chat_id=group, chat_type="group")
            [_, answer] = await tg.reply_to(group, count=2)
            assert "[1]" in answer.text
            await asyncio.sleep(0.3)
            assert len(tg.sent(chat_id=group)) == 2  # the chatter was not answered

    engine = scenario(seeded_index, body, allowed_chats="-500")
    assert [message for message, _ in engine.calls] == [QUESTION]
    assert all(STRANGER not in (e["user_id"],) or e["kind"] == "refused" for e in audit(seeded_index))


def test_admin_upload_is_ingested_and_searchable_others_refused(seeded_index, tmp_path):
    from docx import Document as Docx

    docx = Docx()
    docx.add_heading("量子通信保密检察专项报告", 1)
    docx.add_paragraph("二〇二四年，本院开展量子通信保密专项检察监督，共办理量子通信泄密案件七件。" * 3)
    buffer = io.BytesIO()
    docx.save(buffer)
    data = buffer.getvalue()

    async def body(tg, settings, engine):
        async with running_bot(settings, engine):
            await tg.send_document(USER, "quantum.docx", data)
            [refused] = await tg.reply_to(USER)
            assert "只有管理员" in refused.text
            await tg.send_document(ADMIN, "notes.exe", b"MZ")
            [bad] = await tg.reply_to(ADMIN)
            assert "notes.exe" in bad.text and ".docx" in bad.text
            await tg.send_document(ADMIN, "quantum.docx", data)
            [done] = (await tg.reply_to(ADMIN, count=2))[1:]
            assert "quantum.docx" in done.text and "已收录" in done.text
            await tg.send_text(USER, "量子通信泄密案件办理了几件？")
            [answer] = (await tg.reply_to(USER, count=2))[1:]
            assert "量子通信" in answer.text
            await tg.send_text(ADMIN, "/docs")
            [listing] = (await tg.reply_to(ADMIN, count=3))[2:]
            assert "quantum.docx" in listing.text
            await tg.send_text(ADMIN, "/remove quantum.docx")
            [removed] = (await tg.reply_to(ADMIN, count=4))[3:]
            assert "quantum.docx" in removed.text
            await tg.send_text(USER, "/remove 000_bf64703f7d023cd3.txt")
            [no] = (await tg.reply_to(USER, count=3))[2:]
            assert "只有管理员" in no.text

    scenario(seeded_index, body)
    assert "quantum.docx" not in {d.name for d in seeded_index.documents()}
    kinds = [e["kind"] for e in audit(seeded_index)]
    assert "upload" in kinds and "remove" in kinds and "refused" in kinds


# -- rendering ------------------------------------------------------------------------
def test_long_answer_is_split_under_the_limit_with_buttons_on_the_last(seeded_index):
    async def body(tg, settings, engine):
        async with running_bot(settings, engine):
            await tg.send_text(USER, QUESTION)
            await tg.wait_for("sendMessage", lambda c: c.chat_id == USER and c.buttons)
            parts = tg.sent(chat_id=USER)
            assert len(parts) >= 3
            assert all(len(p.text) <= 4096 for p in parts)
            assert [bool(p.buttons) for p in parts] == [False] * (len(parts) - 1) + [True]
            joined = "\n\n".join(p.text for p in parts)
            assert all(f"第{i}段" in joined for i in range(30))
            assert not any(p.text.startswith("检察机关依法履职") for p in parts)  # cut at paragraphs

    scenario(seeded_index, body, engine=RecordingEngine(index=seeded_index, long=True), max_answer_messages=10)


def test_html_in_documents_is_escaped(seeded_index, tmp_path):
    source = tmp_path / "evil.txt"
    text = "标签测试报告\n\n本院<b>重点</b>督办 A&B 案件，<script>alert(1)</script> 检察标签测试 x < y > z。\n"
    source.write_text(text, encoding="utf-8")
    seeded_index.ingest([source], progress=False)

    async def body(tg, settings, engine):
        async with running_bot(settings, engine):
            await tg.send_text(USER, "检察标签测试 督办案件")
            [answer] = await tg.reply_to(USER)  # the fake server rejects HTML Telegram would reject
            assert "&lt;script&gt;" in answer.text and "A&amp;B" in answer.text
            await tg.press(USER, answer, dict(answer.buttons)["[1]"])
            [_, passage] = await tg.reply_to(USER, count=2)
            assert "&lt;b&gt;重点&lt;/b&gt;" in passage.text

    scenario(seeded_index, body)


def test_streamed_partials_edit_one_message(seeded_index):
    async def body(tg, settings, engine):
        async with running_bot(settings, engine):
            await tg.send_text(USER, QUESTION)
            [final] = await tg.wait_for("editMessageText", lambda c: bool(c.buttons))
            [first] = tg.sent(chat_id=USER)
            assert first.text.endswith("▌")
            assert final.params["message_id"] == first.params["_result"]["message_id"]
            assert "[1]" in final.text

    scenario(seeded_index, body, engine=RecordingEngine(index=seeded_index, stream=True), stream_interval_s=0.1)


def test_summary_offers_its_docx(seeded_index):
    async def body(tg, settings, engine):
        async with running_bot(settings, engine):
            await tg.send_text(USER, "/summary 未成年人检察")
            [answer] = await tg.wait_for("sendMessage", lambda c: c.chat_id == USER and c.buttons)
            data = dict(answer.buttons)["📄 Word (.docx)"]
            await tg.press(USER, answer, data)
            [sent] = await tg.wait_for("sendDocument")
            assert sent.chat_id == USER and sent.files["document"].startswith(b"PK")
            assert sent.params["_filenames"]["document"].endswith(".docx")
            assert "<b>" in answer.text and not any(line.startswith("#") for line in answer.text.splitlines())
            await tg.send_text(USER, "/summary")
            [usage] = (await tg.reply_to(USER, count=2))[1:]
            assert "/summary" in usage.text
            await tg.send_text(USER, "/summarize 未成年人检察")  # as the command line names it
            [again] = await tg.wait_for("sendMessage", lambda c: c.chat_id == USER and c.buttons and c is not answer)
            assert again.text == answer.text

    scenario(seeded_index, body, engine=RecordingEngine(index=seeded_index))
    assert "summary" in {e["kind"] for e in audit(seeded_index)}


def test_report_by_place_and_an_ambiguous_fragment(seeded_index):
    async def body(tg, settings, engine):
        async with running_bot(settings, engine):
            await tg.send_text(USER, "/report 重庆")
            await tg.wait_for("sendMessage", lambda c: c.chat_id == USER and c.buttons)
            shown = "\n".join(c.text for c in tg.sent(chat_id=USER))
            assert "## 下一步打算" in shown or "下一步打算" in shown
            assert "839" in shown
            await tg.send_text(USER, "/report 检察")
            [listing] = await tg.wait_for("sendMessage", lambda c: "份文件与“检察”相符" in (c.text or ""))
            assert "5) " in listing.text and "/report" in listing.text and ".txt" not in listing.text
            await tg.send_text(USER, "/report 上海")  # a Chinese chat is told in Chinese, without file names
            [none] = await tg.wait_for("sendMessage", lambda c: "上海" in (c.text or "") and "/docs" in (c.text or ""))
            assert none.text.startswith("⚠️ 没有找到") and "jiancha" not in none.text and ".txt" not in none.text

    scenario(seeded_index, body)


def test_report_follows_the_chat_language(seeded_index):
    async def body(tg, settings, engine):
        async with running_bot(settings, engine):
            await tg.send_text(USER, "/lang en")
            await tg.reply_to(USER)
            await tg.send_text(USER, "/report 重庆")
            await tg.wait_for("sendMessage", lambda c: c.chat_id == USER and c.buttons)
            shown = "\n".join(c.text for c in tg.sent(chat_id=USER))
            assert "Next steps" in shown and "下一步打算" not in shown.split("Next steps")[0][-20:]
            await tg.send_text(USER, "/lang zh")
            await tg.reply_to(USER, count=3)
            before = len(tg.sent(chat_id=USER))
            await tg.send_text(USER, "/report 003_17342af2a1c5acdf.txt")  # a file name is in no language
            await tg.wait_for("sendMessage", lambda c: c.chat_id == USER and c.buttons, count=2)
            by_name = "\n".join(c.text for c in tg.sent(chat_id=USER)[before:])
            assert "下一步" in by_name and "Next steps" not in by_name, by_name[:300]

    scenario(seeded_index, body)


def test_a_report_named_by_number_or_pinyin_place_keeps_the_chats_language():
    """'/report 144' came back with English headings to a Chinese chat ('144' read as English), as did
    '/report kunming'; an English title fragment still asks in English."""
    from bot.telegram.handlers import _work_language

    class _State:
        def language(self, chat_id):
            return "zh"

    svc = type("Svc", (), {"state": _State()})()
    assert [_work_language(svc, 1, arg) for arg in ("144", "kunming", "重庆", "Chongqing rectification report")] == \
        ["zh", "zh", "zh", "en"]


# -- limits and errors ----------------------------------------------------------------
def test_telegram_429_is_retried(seeded_index):
    async def body(tg, settings, engine):
        async with running_bot(settings, engine):
            await tg.wait_for("setMyCommands")
            tg.fail_next("sendMessage", 1, retry_after=1)
            await tg.send_text(USER, "/start")
            [reply] = await tg.reply_to(USER)
            failed = [c for c in tg.calls if c.method == "sendMessage" and c.status == 429]
            assert len(failed) == 1 and reply.at - failed[0].at >= 1.0
            assert "检察业务助手" in reply.text

    scenario(seeded_index, body)


def test_errors_are_logged_and_reported_in_one_line(seeded_index, caplog):
    async def body(tg, settings, engine):
        async with running_bot(settings, engine):
            await tg.send_text(USER, "boom")
            [sorry] = await tg.reply_to(USER)
            assert "出错" in sorry.text and "engine bug" not in sorry.text
            await tg.send_text(USER, "empty")
            [product] = (await tg.reply_to(USER, count=2))[1:]
            assert product.text == "⚠️ the question is empty; type what you want to know"
            await tg.send_text(USER, QUESTION)  # the bot carries on
            await tg.reply_to(USER, count=3)

    with caplog.at_level(logging.ERROR, logger="bot.telegram.handlers"):
        scenario(seeded_index, body, engine=FailingEngine(index=seeded_index))
    assert any("engine bug" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)


def test_non_text_long_messages_and_rate_limit(seeded_index):
    async def body(tg, settings, engine):
        async with running_bot(settings, engine):
            await tg.send_sticker(USER)
            [hint] = await tg.reply_to(USER)
            assert "文字" in hint.text
            await tg.send_text(USER, "问" * 101)
            [too_long] = (await tg.reply_to(USER, count=2))[1:]
            assert "100" in too_long.text and "101" in too_long.text
            for n in range(3):
                await tg.send_text(USER, f"{QUESTION} {n}")
                await tg.reply_to(USER, count=3 + n)
            assert "秒后再试" in tg.sent(chat_id=USER)[-1].text

    engine = scenario(seeded_index, body, max_message_chars=100, rate_limit=2)
    assert len(engine.calls) == 2


def test_an_unknown_command_and_a_bare_link_get_one_line_each(seeded_index):
    """'/unknowncmd' had no reply; a URL was answered with quotes about juvenile work, in English."""
    async def body(tg, settings, engine):
        async with running_bot(settings, engine):
            await tg.send_text(USER, "/unknowncmd")
            [unknown] = await tg.reply_to(USER)
            assert "/help" in unknown.text and len(unknown.text.splitlines()) == 1
            await tg.send_text(USER, "https://www.spp.gov.cn/xwfb/")
            answer = await tg.answer_in(USER)
            assert answer.text.startswith("我无法打开链接") and "[1]" not in answer.text

    scenario(seeded_index, body)


def forget_embedder(index) -> None:
    """Make the fake-embedded index one from before the embedder record, so the bot's default embedder
    (another name) serves it from BM25 and its own empty collection instead of refusing it."""
    index.catalog.record_embedder("")


async def start_jiancha_bot(tg, data_dir, cwd):
    """The real `jiancha bot` process against the fake Bot API, with none of the developer's settings."""
    import os
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIANCHA_", "TELEGRAM_", "OPENAI_"))}
    env.update(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=tg.base_url, JIANCHA_ALLOWED_USERS=str(USER),
               JIANCHA_DATA_DIR=str(data_dir))
    return await asyncio.create_subprocess_exec(str(Path(sys.executable).parent / "jiancha"), "bot", env=env,
                                                cwd=cwd, stdout=asyncio.subprocess.PIPE,
                                                stderr=asyncio.subprocess.PIPE)


def test_jiancha_bot_serves_the_fake_server_and_stops_on_sigterm(seeded_index, tmp_path):
    import signal

    forget_embedder(seeded_index)

    async def main():
        tg = FakeTelegram()
        await tg.start()
        proc = await start_jiancha_bot(tg, seeded_index.data_dir, tmp_path)
        try:
            await tg.wait_for("setMyCommands", timeout=60)
            await tg.send_text(USER, QUESTION)
            answer = await tg.answer_in(USER, timeout=30)  # a slow answer may first show a streamed preview
            assert "[1]" in answer.text and answer.buttons
            proc.send_signal(signal.SIGTERM)
            out, err = await asyncio.wait_for(proc.communicate(), 30)
        finally:
            if proc.returncode is None:
                proc.kill()
            await tg.stop()
        assert proc.returncode == 0, err.decode()[-2000:]
        assert TOKEN not in out.decode() + err.decode()

    asyncio.run(asyncio.wait_for(main(), 90))


def test_jiancha_bot_refuses_an_index_built_by_another_embedder(seeded_index, tmp_path):
    async def main():
        tg = FakeTelegram()
        await tg.start()
        proc = await start_jiancha_bot(tg, seeded_index.data_dir, tmp_path)
        try:
            _, err = await asyncio.wait_for(proc.communicate(), 60)
        finally:
            if proc.returncode is None:
                proc.kill()
            await tg.stop()
        return proc.returncode, err.decode()

    code, err = asyncio.run(main())
    assert code == 1, err[-2000:]
    assert "index built with hash-256" in err and "jiancha ingest --reembed" in err and "Traceback" not in err


# -- units ----------------------------------------------------------------------------
def test_render_splits_at_paragraphs_and_escapes():
    from bot.telegram.render import answer_messages, blocks_of
    from retrieval.types import Citation

    result = Result(answer="\n\n".join(["<a&b> " + "字" * 1500] * 5),
                    citations=[Citation(n=1, source="x.txt", title="<T>", section="", quote="q", passage_id="p")])
    parts = answer_messages(result)
    assert len(parts) == 3 and all(len(p) <= 4000 for p in parts)
    assert all(p.startswith("&lt;a&amp;b&gt;") for p in parts)
    assert "&lt;T&gt;" in parts[-1]
    giant = blocks_of("一句话。" * 3000)
    assert len(giant) >= 3 and all(len(b) <= 4000 and b.endswith("。") for b in giant[:-1])


def test_token_never_logged(caplog):
    handler = logging.StreamHandler(io.StringIO())
    handler.addFilter(RedactToken(TOKEN))
    logger = logging.getLogger("test.redact")
    logger.addHandler(handler)
    try:
        logger.error("POST https://api.telegram.org/bot%s/getUpdates", TOKEN)
        try:
            raise RuntimeError(f"failed https://api.telegram.org/bot{TOKEN}/sendMessage")
        except RuntimeError:
            logger.exception("oops")
    finally:
        logger.removeHandler(handler)
    output = handler.stream.getvalue()
    assert TOKEN not in output and "<token>" in output


def test_audit_retention_purges_old_entries(tmp_path):
    from bot.telegram.audit import AuditLog

    log = AuditLog(tmp_path / "audit.sqlite3", retention_days=30)
    log.record("question", user_id=1, username="u", chat_id=1, text="old")
    log.record("question", user_id=1, username="u", chat_id=1, text="new")
    log._db.execute("UPDATE events SET at='2000-01-01T00:00:00.000Z' WHERE text='old'")
    assert log.purge() == 1
    assert [e["text"] for e in log.events()] == ["new"]
    log.close()


def test_file_url_follows_base_url():
    assert file_url_for("http://127.0.0.1:8081/bot") == "http://127.0.0.1:8081/file/bot"
    assert file_url_for("http://h/bot/") == "http://h/file/bot"
    with pytest.raises(Exception):
        file_url_for("http://h/api")


def test_a_streaming_model_edits_one_message_with_checked_text(seeded_index):
    """With a real (fake-server) model streaming slowly, the bot edits one message; the final one is the model's."""
    from fake_openai import FakeOpenAI, Reply
    from test_answer_llm import HENAN_Q, good_henan

    from retrieval.answer.extractive import EXTRACTIVE_LABEL
    from retrieval.settings import LLMSettings

    with FakeOpenAI(Reply(good_henan)) as server:
        server.chunk_delay_s = 0.08  # ~12 chunks: about a second of streaming

        async def body(tg, settings, engine):
            settings = settings.model_copy(update={"llm": LLMSettings(base_url=server.base_url, api_key="test")})
            engine = RecordingEngine(settings=settings, index=seeded_index)
            async with running_bot(settings, engine):
                await tg.send_text(USER, HENAN_Q)
                [final] = await tg.wait_for("editMessageText", lambda c: bool(c.buttons), timeout=20)
                [preview] = tg.sent(chat_id=USER)
                assert preview.params["_result"]["message_id"] == final.params["message_id"]
                assert "19.7%" in final.text and "[1]" in final.text
                assert EXTRACTIVE_LABEL["zh"] not in final.text  # the model's answer, checked, not the fallback
                assert server.requests and server.requests[-1].get("stream") is True

        scenario(seeded_index, body, stream_interval_s=0.2)


def test_streaming_uses_drafts_where_the_server_has_them(seeded_index):
    """Bot API 9.3+: previews go out as sendMessageDraft, the answer as one message (no edits)."""
    async def body(tg, settings, engine):
        tg.supports_drafts = True
        async with running_bot(settings, engine):
            await tg.send_text(USER, QUESTION)
            [final] = await tg.reply_to(USER)
            drafts = tg.sent("sendMessageDraft", USER)
            assert drafts and all(d.text.endswith("▌") for d in drafts)
            assert final.buttons and "[1]" in final.text and not tg.sent("editMessageText", USER)

    scenario(seeded_index, body, engine=RecordingEngine(index=seeded_index, stream=True), stream_interval_s=0.1)


def test_webhook_mode_registers_and_answers_posted_updates(seeded_index, tmp_path):
    """JIANCHA_TELEGRAM_MODE=webhook: the bot registers its URL, takes updates POSTed to it, answers."""
    import json
    import os
    import signal
    import socket
    import sys
    from pathlib import Path

    import aiohttp

    forget_embedder(seeded_index)

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/hook"

    async def main():
        tg = FakeTelegram()
        await tg.start()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JIANCHA_", "TELEGRAM_", "OPENAI_"))}
        env.update(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=tg.base_url, JIANCHA_ALLOWED_USERS=str(USER),
                   JIANCHA_DATA_DIR=str(seeded_index.data_dir), JIANCHA_TELEGRAM_MODE="webhook",
                   JIANCHA_WEBHOOK_URL=url, JIANCHA_WEBHOOK_LISTEN="127.0.0.1", JIANCHA_WEBHOOK_PORT=str(port),
                   JIANCHA_WEBHOOK_SECRET="s3cret")
        proc = await asyncio.create_subprocess_exec(str(Path(sys.executable).parent / "jiancha"), "bot", env=env,
                                                    cwd=tmp_path, stdout=asyncio.subprocess.PIPE,
                                                    stderr=asyncio.subprocess.PIPE)
        try:
            [registered] = await tg.wait_for("setWebhook", timeout=60)
            assert registered.params["url"] == url and registered.params["secret_token"] == "s3cret"
            update = {"update_id": 1, "message": tg.message(USER, QUESTION)}
            async with aiohttp.ClientSession() as session:
                for _ in range(50):  # the webhook server may take a moment to listen
                    try:
                        async with session.post(url, data=json.dumps(update), headers={
                                "Content-Type": "application/json",
                                "X-Telegram-Bot-Api-Secret-Token": "s3cret"}) as response:
                            assert response.status == 200
                            break
                    except aiohttp.ClientConnectionError:
                        await asyncio.sleep(0.2)
                async with session.post(url, data=json.dumps(update), headers={
                        "Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": "wrong"}) as forged:
                    assert forged.status == 403  # a forged update is refused
            answer = await tg.answer_in(USER, timeout=30)
            assert "[1]" in answer.text and answer.buttons
            proc.send_signal(signal.SIGTERM)
            _, err = await asyncio.wait_for(proc.communicate(), 30)
        finally:
            if proc.returncode is None:
                proc.kill()
            await tg.stop()
        assert proc.returncode == 0, err.decode()[-2000:]

    asyncio.run(asyncio.wait_for(main(), 120))


def test_the_answers_bookkeeping_commits_off_the_event_loop(seeded_index):
    """Saving an answer's buttons and history waits for the disk (synchronous=FULL): on the event loop it
    stalled every other chat. It runs on the bot's one SQLite thread instead."""
    import threading

    from bot.telegram.state import ChatState

    threads: list[str] = []

    class WatchedState(ChatState):
        def save_answer(self, *args, **kwargs):
            threads.append(threading.current_thread().name)
            return super().save_answer(*args, **kwargs)

        def add_exchange(self, *args, **kwargs):
            threads.append(threading.current_thread().name)
            return super().add_exchange(*args, **kwargs)

    async def body(tg, settings, engine):
        async with running_bot(settings, engine) as app:
            services = app.bot_data["services"]
            services.state.close()
            services.state = WatchedState(settings.store.data_dir / "telegram-state.sqlite3")
            await tg.send_text(USER, "代表建议是怎么办理的？")
            [reply] = await tg.reply_to(USER)
            assert reply.buttons  # the answer's buttons were saved before it was sent

    scenario(seeded_index, body)
    assert len(threads) == 2 and all(name.startswith("sqlite") for name in threads), threads


def test_answers_past_the_flood_limit_go_out_in_the_order_they_were_ready():
    """90 answers ready within a moment against Telegram's 30 a second: sent over ~2 s, first come first served."""
    from bot.telegram.app import PatientRateLimiter

    sent: list[int] = []

    async def main():
        limiter = PatientRateLimiter(max_retries=0)
        await limiter.initialize()

        async def answer(number: int):
            async def send(*args, **kwargs):
                sent.append(number)
                await asyncio.sleep(0.01)  # the HTTP round trip
                return True
            await asyncio.sleep(number * 0.002)  # ready one after another
            return await limiter.process_request(send, (), {}, "sendMessage", {"chat_id": USER + number}, None)

        await asyncio.gather(*(answer(n) for n in range(90)))
        await limiter.shutdown()

    asyncio.run(main())
    assert sent == list(range(90)), sent


def test_typing_yields_to_answers_near_the_flood_limit():
    """Telegram allows a bot about 30 calls a second; past half of that, 'typing…' (cosmetic) is skipped so
    the budget goes to answers, which are never skipped."""
    from bot.telegram.app import PatientRateLimiter

    sent: list[str] = []

    def call(endpoint: str):
        async def send(*args, **kwargs):
            sent.append(endpoint)
            return True
        return send

    async def main():
        limiter = PatientRateLimiter(max_retries=0)
        await limiter.initialize()
        request = lambda endpoint: limiter.process_request(  # noqa: E731
            call(endpoint), (), {}, endpoint, {"chat_id": USER}, None)
        await request("sendChatAction")
        for _ in range(20):  # twenty answers within the second: two thirds of the budget used
            await request("sendMessage")
        assert await request("sendChatAction") is True  # answered as sent, but not sent
        await request("sendMessage")
        await limiter.shutdown()

    asyncio.run(main())
    assert sent == ["sendChatAction"] + ["sendMessage"] * 21, sent


def test_a_report_name_matching_hundreds_of_documents_lists_the_first_ten():
    """'/report 指导案例' matched 190 cases: the list was one message over Telegram's limit, and the user saw '出错了'."""
    from types import SimpleNamespace

    from bot.telegram.handlers import _in_chat_language
    from retrieval.errors import Ambiguous

    svc = SimpleNamespace(state=SimpleNamespace(language=lambda chat_id: "zh"))
    many = Ambiguous("指导案例", [(f"{n}.md", f"指导案例{n}号：某案") for n in range(1, 201)], "hint")
    text = _in_chat_language(svc, USER, many)
    assert "10) 指导案例10号" in text and "11) " not in text and "（+190）" in text and len(text) < 1000
