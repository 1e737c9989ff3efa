"""Fault drills (issue 5): a storm of model failures, a Bot API outage, a corpus of bad inputs.

Each drill runs the real product (Index, Engine, python-telegram-bot Application) against the real fake
servers on 127.0.0.1, with bounded waits, and asserts on what the user sees.
Every hostile input is its own test (parametrized), so `pytest tests/test_drills.py -rA` lists each
input with its outcome; the README counts them.
"""

from __future__ import annotations

import asyncio
import io
import math
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from fake_openai import Delay, FakeOpenAI, Reply, Status
from pypdf import PdfWriter
from test_answer_llm import HENAN_Q, good_henan
from test_telegram import ADMIN, CROWD, QUESTION, USER, RecordingEngine, running_bot, settings_for

from retrieval.answer.extractive import EXTRACTIVE_LABEL
from retrieval.settings import LLMSettings

# -- 1. the language model: a storm of 429s and timeouts while 20 chats ask ---------------------
LLM_TIMEOUT_S = 1.0
STORM_QUESTIONS = [HENAN_Q, QUESTION, "未成年人检察工作有哪些做法？", "公益诉讼案件办理情况如何？", "检务公开有哪些举措？"]


def _storm() -> list:
    """429s with short, long and fractional Retry-After, and calls that never answer in time; no good reply."""
    late = Delay(30, Reply("太迟了"))
    return [Status(429, retry_after="1"), late, Status(429, retry_after="0.3"), Status(429, retry_after="60"),
            late, Status(429)] * 20 + [late]


def test_llm_storm_every_chat_gets_the_labelled_fallback_in_time_then_the_model_again(seeded_index):
    workers = 4
    # every answer is bounded by the model timeout; with `workers` at a time, the last of 20 waits its turn
    bound_s = math.ceil(len(CROWD) / workers) * (LLM_TIMEOUT_S + 1.0) + 5.0

    async def main(server: FakeOpenAI):
        from fake_telegram import FakeTelegram

        tg = FakeTelegram()
        await tg.start()
        try:
            settings = settings_for(seeded_index, tg, engine_workers=workers, rate_limit=0)
            settings = settings.model_copy(update={"llm": LLMSettings(base_url=server.base_url, api_key="test",
                                                                      timeout_s=LLM_TIMEOUT_S)})
            engine = RecordingEngine(settings=settings, index=seeded_index)
            async with running_bot(settings, engine):
                await tg.wait_for("setMyCommands")
                started = time.monotonic()
                await asyncio.gather(*(tg.send_text(user, STORM_QUESTIONS[i % len(STORM_QUESTIONS)])
                                       for i, user in enumerate(CROWD)))
                answers = {}
                for user in CROWD:
                    [answers[user]] = await tg.reply_to(user, timeout=bound_s + 5)
                slowest = max(a.at for a in answers.values()) - started
                assert slowest < bound_s, f"the last chat waited {slowest:.1f} s (bound {bound_s:.0f} s)"
                for user, answer in answers.items():
                    assert EXTRACTIVE_LABEL["zh"] in answer.text, (user, answer.text[:200])
                    assert "语言模型不可用" in answer.text and "已改用原文摘录回答" in answer.text
                    assert answer.buttons and "[1]" in answer.text  # cited, passages one tap away
                    assert len(tg.sent(chat_id=user)) == 1  # one answer each, nothing mixed
                shown = "\n".join(a.text for a in answers.values())
                assert "timeout" in shown and "HTTP 429" in shown  # both kinds of failure were met, and said
                storm_requests = len(server.requests)
                assert storm_requests >= len(CROWD)  # every chat did try the model

                server.script(Reply(good_henan))  # the model is back: the bot uses it again
                await tg.send_text(USER, HENAN_Q)
                [after] = await tg.reply_to(USER, timeout=15)
                assert "19.7%" in after.text and EXTRACTIVE_LABEL["zh"] not in after.text
                assert "语言模型不可用" not in after.text and after.buttons
                assert len(server.requests) > storm_requests
            return slowest
        finally:
            await tg.stop()

    with FakeOpenAI(*_storm()) as server:
        slowest = asyncio.run(asyncio.wait_for(main(server), 60))
    print(f"\nllm storm: {len(CROWD)} chats answered (extractive fallback), slowest {slowest:.1f} s, "
          f"bound {bound_s:.0f} s")


# -- 2. the Bot API answering 502 (then 429) for a while -------------------------------------
OUTAGE_S = 3.0


class SlowEngine(RecordingEngine):
    """The real Engine, taking `delay_s` per answer, so an answer is ready in the middle of the outage."""

    delay_s = 0.0

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.started = asyncio.Event()
        self.loop = asyncio.get_running_loop()

    def answer(self, history, message, on_partial=None):
        self.loop.call_soon_threadsafe(self.started.set)
        time.sleep(self.delay_s)
        return super().answer(history, message, on_partial)


def test_bot_api_outage_then_every_pending_answer_is_delivered(seeded_index):
    waiting = CROWD[:6]

    async def main():
        from fake_telegram import FakeTelegram

        tg = FakeTelegram()
        await tg.start()
        try:
            settings = settings_for(seeded_index, tg, rate_limit=0)
            engine = SlowEngine(index=seeded_index, echo=True)
            async with running_bot(settings, engine):
                await tg.wait_for("setMyCommands")
                # a question in flight: its answer is ready while the API is down
                engine.delay_s = 1.0
                await tg.send_text(USER, QUESTION)
                await asyncio.wait_for(engine.started.wait(), 10)
                engine.delay_s = 0.0
                down_until = tg.outage(OUTAGE_S, code=502)
                tg.outage(1.0, code=429, retry_after=1, methods=("getUpdates", "sendMessage"), delay=OUTAGE_S)
                down_until += 1.0
                await asyncio.sleep(0.3)
                for n, user in enumerate(waiting):  # questions asked while the API is down
                    await tg.send_text(user, f"问题{user}：{STORM_QUESTIONS[n % len(STORM_QUESTIONS)]}")
                    await asyncio.sleep(0.2)
                answers = {USER: (await tg.reply_to(USER, timeout=OUTAGE_S + 20))[0]}
                for user in waiting:
                    [answers[user]] = await tg.reply_to(user, timeout=OUTAGE_S + 20)
                await asyncio.sleep(0.5)  # nothing more trickles in: no duplicates
                failed = [c for c in tg.calls if c.status != 200]
                assert {c.method for c in failed} >= {"getUpdates", "sendMessage"}
                assert {c.status for c in failed} >= {502}
                polls_failed = [c for c in failed if c.method == "getUpdates"]
                assert len(polls_failed) >= 2  # the bot kept polling through the outage
                # the answer in flight met the 502s and was neither lost nor replaced by an apology
                assert any(c.method == "sendMessage" and c.chat_id == USER and c.status == 502 for c in failed)
                assert f"【{QUESTION}】" in answers[USER].text and "[1]" in answers[USER].text
                for user, answer in answers.items():
                    assert answer.at >= down_until - 0.05 and answer.buttons  # delivered after the outage
                    assert len(tg.sent(chat_id=user)) == 1, user  # exactly once: nothing lost, no duplicate
                    if user != USER:
                        assert f"【问题{user}：" in answer.text  # each chat its own answer
                # the bot serves as usual afterwards
                await tg.send_text(USER, "/start")
                [hello] = (await tg.reply_to(USER, count=2, timeout=10))[1:]
                assert "检察业务助手" in hello.text
            return max(a.at for a in answers.values()) - down_until
        finally:
            await tg.stop()

    after = asyncio.run(asyncio.wait_for(main(), 60))
    print(f"\nbot api outage: {1 + len(waiting)} pending answers delivered, the last {after:.1f} s after it ended")


# -- 3. a corpus of bad inputs through ingest and through the bot ----------------------------------
FIFTY_MB = 50 * 2**20
GBK_TEXT = ("关于加强未成年人检察工作的通报\n发布时间：2024-03-15\n"
            "各级人民检察院：为深入贯彻落实未成年人保护法，全省检察机关坚持最有利于未成年人原则，"
            "二〇二三年共办理涉未成年人案件一千二百件，开展法治进校园活动八十场，建立家庭教育指导站十五个。"
            "下一步，各院要继续加强与教育、民政部门的协作，做好未成年人司法保护工作。\n")
# control characters (C0, DEL, C1) and bidi/format marks (RLM, LRM, RLO, PDF, LRI, PDI, ZWSP, BOM)
DIRTY = "\x01\x02\x07\x08\x0b\x0c\x0e\x1b\x1f\x7f\x85\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2069\u200b\ufeff"
CLEAN_TEXT = ("数字检察工作经验交流材料\n发布时间：2024-06-01\n"
              "某市人民检察院推进数字检察建设，构建大数据法律监督模型二十个，发现监督线索三百余条。"
              "通过模型筛查，办理虚假诉讼监督案件四十五件，追回国有财产一千万元。\n")


def _dirty(text: str) -> str:
    """The clean text with a control or bidi mark after every third character."""
    return "".join(ch + (DIRTY[i % len(DIRTY)] if i % 3 == 2 and ch != "\n" else "") for i, ch in enumerate(text))


def _docx_bytes() -> bytes:
    document = docx.Document()
    document.add_heading("检察工作报告", 1)
    document.add_paragraph("全省检察机关依法履行法律监督职责，办理各类案件一万件。" * 5)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _zip_bomb() -> bytes:
    """A .docx-shaped zip of about 1 MB whose word/document.xml unpacks to 256 MB (over the 200 MB default)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            block = b"0" * 2**20
            for _ in range(256):
                member.write(block)
    return buffer.getvalue()


def _encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class BadInput:
    name: str  # a file name, or "message" for a chat message
    make: object  # () -> bytes | str
    expect: str  # words of the one-line reason ("" for a file that must be ingested cleanly)
    accepted: bool = False  # valid text in an awkward form: ingested, correctly
    via_ingest: bool = True
    via_bot: bool = True


INPUTS = [
    BadInput("empty.txt", lambda: b"", "empty"),
    BadInput("binary.txt", lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40, "binary"),
    BadInput("gbk-notice.txt", lambda: GBK_TEXT.encode("gbk"), "", accepted=True),
    BadInput("truncated.docx", lambda: _docx_bytes()[:2000], "damaged"),
    BadInput("locked.pdf", _encrypted_pdf, "encrypted"),
    BadInput("bomb.docx", _zip_bomb, "unpacks to"),
    BadInput("huge.txt", None, "MB"),  # 50 MB: sparse on disk; zeros in memory for the bot
    BadInput("message", lambda: "问" * 100_000, "100000", via_ingest=False),
    BadInput("dirty-marks.txt", lambda: _dirty(CLEAN_TEXT).encode("utf-8"), "", accepted=True),
]
FILES_VIA_INGEST = [c for c in INPUTS if c.via_ingest]
VIA_BOT = [c for c in INPUTS if c.via_bot]


def _state(index):
    return ([(d.name, d.content_hash) for d in index.documents()], sorted(index.catalog.passage_ids()),
            index.vectors.count())


def _check_clean(index, case: BadInput) -> None:
    """An accepted awkward file: its stored text is the clean text, no control or bidi mark anywhere."""
    expected = GBK_TEXT if case.name.startswith("gbk") else CLEAN_TEXT
    document = index.catalog.document(case.name)
    assert document is not None, case.name
    assert document.text == expected.strip(), (case.name, document.text[:80])
    passages = index.catalog.passages_of(case.name)
    assert passages and all(not set(DIRTY) & set(p.text + p.index_text) for p in passages)
    assert document.title == expected.split("\n")[0]


def _write(case: BadInput, folder: Path) -> Path:
    path = folder / case.name
    if case.name == "huge.txt":
        with open(path, "wb") as handle:  # sparse: 50 MB in size, nothing written
            handle.truncate(FIFTY_MB)
    else:
        path.write_bytes(case.make())
    return path


@pytest.mark.parametrize("case", FILES_VIA_INGEST, ids=[c.name for c in FILES_VIA_INGEST])
def test_bad_file_through_ingest(case, seeded_index, tmp_path):
    """One line naming the file and the reason, the index unchanged; or, for awkward valid text, ingested clean."""
    path = _write(case, tmp_path)
    before = _state(seeded_index)
    report = seeded_index.ingest([path], progress=False)  # never raises for a bad file
    if case.accepted:
        assert report.added == [case.name] and not report.refused, report
        _check_clean(seeded_index, case)
    else:
        assert not report.added and len(report.refused) == 1, (case.name, report)
        [reason] = report.refused
        assert reason.startswith(case.name) and "\n" not in reason and case.expect in reason, reason
        assert _state(seeded_index) == before, case.name
    status = seeded_index.status()
    assert status["passages"] == seeded_index.vectors.count() == len(seeded_index.bm25().ids)


@pytest.mark.parametrize("case", VIA_BOT, ids=[c.name for c in VIA_BOT])
def test_bad_input_through_the_bot(case, seeded_index):
    """An admin's upload (or a message): one line, the index unchanged unless accepted; the bot carries on."""
    async def main():
        from fake_telegram import FakeTelegram

        tg = FakeTelegram()
        await tg.start()
        try:
            settings = settings_for(seeded_index, tg, rate_limit=0)
            async with running_bot(settings, RecordingEngine(index=seeded_index)):
                await tg.wait_for("setMyCommands")
                before = _state(seeded_index)
                if case.name == "message":
                    await tg.send_text(ADMIN, case.make())
                else:
                    data = bytes(FIFTY_MB) if case.name == "huge.txt" else case.make()
                    await tg.send_document(ADMIN, case.name, data)
                [reply] = await tg.reply_to(ADMIN, timeout=30)
                if case.name == "message":
                    assert "100000" in reply.text and str(settings.telegram.max_message_chars) in reply.text
                    assert "\n" not in reply.text.strip(), reply.text
                elif case.accepted:
                    assert "已收录" in reply.text and case.name in reply.text, reply.text
                    _check_clean(seeded_index, case)
                else:
                    assert case.name in reply.text and case.expect in reply.text, reply.text
                    assert "\n" not in reply.text.strip(), (case.name, reply.text)  # one line
                    if case.name == "huge.txt":  # the limit is stated
                        assert f"{settings.ingest.max_file_mb:g} MB" in reply.text, reply.text
                if not case.accepted:
                    assert _state(seeded_index) == before, case.name
                await tg.send_text(USER, QUESTION)  # the bot still answers
                [answer] = await tg.reply_to(USER, timeout=15)
                assert "[1]" in answer.text and answer.buttons
        finally:
            await tg.stop()

    asyncio.run(asyncio.wait_for(main(), 60))


# -- 4. hostile inputs through the bot (tests/hostile_inputs.py), each its own test ------------------
from hostile_inputs import HOSTILE  # noqa: E402


@pytest.mark.parametrize("case", HOSTILE, ids=[c.name for c in HOSTILE])
def test_hostile_input_through_the_bot(case, seeded_index):
    case.run(seeded_index)
