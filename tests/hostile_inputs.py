"""Hostile inputs through the bot, one scenario each, asserting on what the user sees and what is stored.

tests/test_drills.py runs each one as its own test (with the file corpus); the README counts them.
"""

from __future__ import annotations

import asyncio
import html
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from fake_telegram import FakeTelegram
from test_telegram import ADMIN, CROWD, QUESTION, STRANGER, USER, RecordingEngine, audit, running_bot, scenario

EXPIRED = "该答案的出处已不可用"


@dataclass(frozen=True)
class Hostile:
    """One hostile input: what it is, and a scenario that runs the bot on it and checks the outcome."""

    name: str
    run: Callable[[object], None]  # (seeded index) -> None; raises on a wrong outcome


async def _answer(tg, user: int, question: str = QUESTION, count: int = 1):
    await tg.send_text(user, question)
    return (await tg.reply_to(user, count=count))[count - 1]


async def _alert(tg, count: int):
    [*_, call] = await tg.wait_for("answerCallbackQuery", count=count)
    return call.params


def feedback_on_another_chats_answer(index) -> None:
    async def body(tg, settings, engine):
        async with running_bot(settings, engine):
            theirs = await _answer(tg, CROWD[0])
            mine = await _answer(tg, USER)
            forged = dict(theirs.buttons)["👍"]  # CROWD[0]'s answer id, pressed in USER's chat
            await tg.press(USER, mine, forged)
            alert = await _alert(tg, 1)
            assert EXPIRED in alert["text"] and alert["show_alert"] is True

    scenario(index, body)
    assert not [e for e in audit(index) if e["kind"] == "feedback"]


def feedback_with_a_forged_value(index) -> None:
    async def body(tg, settings, engine):
        async with running_bot(settings, engine):
            mine = await _answer(tg, USER)
            answer_id = dict(mine.buttons)["👍"].split(":")[1]
            await tg.press(USER, mine, f"f:{answer_id}:lol")
            assert EXPIRED in (await _alert(tg, 1))["text"]
            await tg.press(USER, mine, f"f:{answer_id}:down")
            assert "感谢" in (await _alert(tg, 2))["text"]

    scenario(index, body)
    assert [e["value"] for e in audit(index) if e["kind"] == "feedback"] == ["down"]


def citation_with_a_superscript_digit(index) -> None:
    async def body(tg, settings, engine):
        async with running_bot(settings, engine):
            mine = await _answer(tg, USER)
            answer_id = dict(mine.buttons)["[1]"].split(":")[1]
            await tg.press(USER, mine, f"c:{answer_id}:²")  # str.isdigit() is True, int() raises
            assert EXPIRED in (await _alert(tg, 1))["text"]
            await asyncio.sleep(0.3)
            assert len(tg.sent(chat_id=USER)) == 1  # no "something went wrong"

    scenario(index, body)


def callback_without_a_message(index) -> None:
    async def body(tg, settings, engine):
        async with running_bot(settings, engine):
            mine = await _answer(tg, USER)
            query = {"id": "q1", "from": tg._user(USER), "chat_instance": "ci", "inline_message_id": "im1",
                     "data": dict(mine.buttons)["[1]"]}
            await tg._push("callback_query", query)
            assert EXPIRED in (await _alert(tg, 1))["text"]
            await asyncio.sleep(0.3)
            assert len(tg.sent(chat_id=USER)) == 1

    scenario(index, body)


def a_stranger_floods_the_bot(index) -> None:
    async def body(tg, settings, engine):
        async with running_bot(settings, engine):
            for n in range(60):
                await tg.send_text(STRANGER, f"{n}" + "问" * 4000)
            await _answer(tg, USER)
            await asyncio.sleep(1.0)  # the flood is handled by now
            assert 1 <= len(tg.sent(chat_id=STRANGER)) <= 3

    scenario(index, body)
    refused = [e for e in audit(index) if e["kind"] == "refused"]
    assert 1 <= len(refused) <= 3 and all(len(e["text"]) <= 201 for e in refused)


def a_group_not_on_the_list(index) -> None:
    async def body(tg, settings, engine):
        async with running_bot(settings, engine):
            group = -700  # USER may ask, but every member of this unlisted group would read the answer
            await tg.send_text(USER, f"@jiancha_test_bot {QUESTION}", chat_id=group, chat_type="group")
            [refusal] = await tg.reply_to(group)
            assert "本群未获授权" in refusal.text and "-700" in refusal.text and not refusal.buttons
            await tg.send_text(USER, f"/ask {QUESTION}", chat_id=group, chat_type="group")
            await tg.send_text(USER, "/docs", chat_id=group, chat_type="group")
            listed = -500
            await tg.send_text(USER, f"@jiancha_test_bot {QUESTION}", chat_id=listed, chat_type="group")
            [answer] = await tg.reply_to(listed)
            assert "[1]" in answer.text
            await asyncio.sleep(0.3)
            assert all("本群未获授权" in c.text for c in tg.sent(chat_id=group))

    engine = scenario(index, body, allowed_chats="-500")
    assert len(engine.calls) == 1  # only the listed group's question reached the engine


def _report(seed: str) -> bytes:
    return (f"{seed}专项检察工作报告\n\n本院开展{seed}专项检察监督，办理{seed}相关案件十二件，"
            f"督促整改问题二十项，{seed}工作取得明显成效。\n").encode("utf-8")


def upload_and_remove(display: str, seed: str, remove_by: str) -> Callable[[object], None]:
    """An admin uploads `display`; /docs lists it; /remove by its number, its name as shown, or as sent."""
    def run(index) -> None:
        async def body(tg, settings, engine):
            async with running_bot(settings, engine):
                await tg.send_document(ADMIN, display, _report(seed))
                [added] = await tg.reply_to(ADMIN)
                assert "已收录" in added.text, added.text
                await tg.send_text(ADMIN, "/docs")
                [*_, listing] = await tg.reply_to(ADMIN, count=2)
                entries = re.findall(r"(\d+)\. " + seed + r"[^\n]*\n  <code>([^<]+)</code>", listing.text)
                assert len(entries) == 1, listing.text[-500:]
                number, shown = entries[0]
                argument = {"number": number, "shown": html.unescape(shown), "sent": display}[remove_by]
                await tg.send_text(ADMIN, f"/remove {argument}")
                [*_, removed] = await tg.reply_to(ADMIN, count=3)
                assert "已删除" in removed.text and html.unescape(shown) in removed.text, removed.text

        scenario(index, body)
        assert not [d for d in index.documents() if seed in d.title]
    return run


LONG_NAME = "关于进一步加强和改进新时代未成年人检察工作" * 4 + "的实施意见书.txt"  # 94 chars, 274 bytes


def a_corrupt_state_file(index) -> None:
    """telegram-state.sqlite3 overwritten with junk: moved aside, named in the log, the bot answers."""
    import io
    import logging

    state = index.settings.store.data_dir / "telegram-state.sqlite3"
    junk = b"this is not a database " * 100
    state.write_bytes(junk)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logging.getLogger("bot.telegram.sqlite").addHandler(handler)

    async def body(tg, settings, engine):
        async with running_bot(settings, engine):
            answer = await _answer(tg, USER)
            assert "[1]" in answer.text and answer.buttons

    try:
        scenario(index, body)
    finally:
        logging.getLogger("bot.telegram.sqlite").removeHandler(handler)
    [aside] = list(state.parent.glob("telegram-state.sqlite3.corrupt-*"))
    assert aside.read_bytes() == junk
    said = stream.getvalue()
    assert str(state) in said and str(aside) in said and "history" in said and "lost" in said


class ScriptedEngine(RecordingEngine):
    """The real Engine's answer, then changed by `change(result)`: a runaway model, hostile sources."""

    def __init__(self, *args, change: Callable, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.change = change

    def answer(self, history, message, on_partial=None):
        result = super().answer(history, message, on_partial)
        return result.model_copy(update=self.change(result))


def a_runaway_answer(index) -> None:
    """100,000 characters with [1][1][1] everywhere: at most 3 messages, the last one says it was cut."""
    runaway = "检察机关依法履职，持续加强法律监督[1][1][1]。" * 4000
    engine = ScriptedEngine(index=index, change=lambda r: {"answer": runaway})

    async def body(tg, settings, engine):
        async with running_bot(settings, engine):
            await tg.send_text(USER, QUESTION)
            await tg.wait_for("sendMessage", lambda c: c.chat_id == USER and c.buttons)
            await asyncio.sleep(0.3)
            parts = tg.sent(chat_id=USER)
            assert 1 <= len(parts) <= 3 and "已截断" in parts[-1].text + parts[-2].text
            assert not any("[1][1]" in p.text for p in parts) and "[1]" in parts[0].text
            follow = await _answer(tg, USER, "那协办的呢？", count=len(parts) + 1)
            assert follow.text

    scenario(index, body, engine=engine)
    assert len(engine.calls[1][1][1].text) <= 4000  # the history keeps a bounded part of it


def an_answer_of_markup_characters(index) -> None:
    """20,000 characters of &<>: escaped, cut in a few messages (not one character each), quickly."""
    engine = ScriptedEngine(index=index, change=lambda r: {"answer": "&<>" * 7000})

    async def body(tg, settings, engine):
        async with running_bot(settings, engine):
            await tg.send_text(USER, QUESTION)
            await tg.wait_for("sendMessage", lambda c: c.chat_id == USER and c.buttons, timeout=10)
            await asyncio.sleep(0.3)
            parts = tg.sent(chat_id=USER)
            assert 1 <= len(parts) <= 3 and parts[0].text.startswith("&amp;&lt;&gt;")
            assert len(parts[0].text) > 3000

    scenario(index, body, engine=engine)


def a_source_with_a_huge_title_and_section(index) -> None:
    """A cited passage whose title and section run to 10,000 characters: the passage still opens."""
    def change(result):
        citations = [c.model_copy(update={"title": "<标题>" * 2000, "section": "第一节&" * 2500,
                                          "issuer": "某院" * 500}) for c in result.citations]
        return {"citations": citations}

    async def body(tg, settings, engine):
        async with running_bot(settings, engine):
            answer = await _answer(tg, USER)
            await tg.press(USER, answer, dict(answer.buttons)["[1]"])
            [*_, passage] = await tg.reply_to(USER, count=2)
            assert passage.text.startswith("<b>[1] &lt;标题&gt;") and "<blockquote>" in passage.text
            assert len(passage.text) <= 4096

    scenario(index, body, engine=ScriptedEngine(index=index, change=change))


# -- the configuration and the environment ---------------------------------------------------------
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


def a_token_the_bot_api_rejects(index) -> None:
    tmp_path = index.data_dir.parent
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


def webhook_mode_without_a_secret(index) -> None:
    tmp_path = index.data_dir.parent
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


HOSTILE = [
    # secrets and configuration
    Hostile("a bot token the Bot API rejects (PTB puts it in the error)", a_token_the_bot_api_rejects),
    Hostile("webhook mode without JIANCHA_WEBHOOK_SECRET", webhook_mode_without_a_secret),
    Hostile("telegram-state.sqlite3 that is not a database", a_corrupt_state_file),
    # buttons and strangers
    Hostile("feedback on another chat's answer", feedback_on_another_chats_answer),
    Hostile("feedback value not 👍/👎", feedback_with_a_forged_value),
    Hostile("citation button c:<id>:²", citation_with_a_superscript_digit),
    Hostile("button press without a message", callback_without_a_message),
    Hostile("60 × 4,000-char messages from a stranger", a_stranger_floods_the_bot),
    Hostile("an allowed user asking in an unlisted group", a_group_not_on_the_list),
    # uploads' names
    Hostile("upload named with 94 Chinese characters (274 bytes)", upload_and_remove(LONG_NAME, "量子", "number")),
    Hostile("upload named with a NUL", upload_and_remove("report\x00evil.txt", "星链", "shown")),
    Hostile("upload named with a line break", upload_and_remove("年度\n报告.txt", "深海", "shown")),
    Hostile("upload named with double spaces", upload_and_remove("年度  总结.txt", "极地", "sent")),
    # what the model and the documents say
    Hostile("a runaway model: 100,000 characters, [1][1][1]", a_runaway_answer),
    Hostile("an answer of 20,000 & < > characters", an_answer_of_markup_characters),
    Hostile("a cited source with a 10,000-character title and section", a_source_with_a_huge_title_and_section),
]
