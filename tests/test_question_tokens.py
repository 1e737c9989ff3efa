"""Questions are tokenised by HF tokenizers' Unigram over the same pieces and scores: the port's ids, except
where two segmentations score exactly the same; passages keep the exact port."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

from retrieval.index.e5_weights import load_e5_weights
from retrieval.index.fast_e5 import PREFIXES, FastE5Embedder
from retrieval.index.question_tokens import question_tokenizer
from retrieval.search.hybrid import Query

pytestmark = pytest.mark.slow  # the real tokenizer (250k pieces)
EVAL = Path(__file__).resolve().parents[1] / "retrieval" / "resources" / "eval"


@pytest.fixture(scope="module")
def port():
    return load_e5_weights().tokenizer


def _eval_texts() -> list[str]:
    """What the embedder sees for every eval question: its words, and an English one's Chinese rendering."""
    texts = []
    for path in sorted(EVAL.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts += Query(json.loads(line)["question"]).dense_texts
    return texts


def test_question_ids_are_the_ports_but_for_exact_ties(port):
    fast = question_tokenizer(port)
    texts = [PREFIXES[True] + text for text in _eval_texts()]
    differing = [text for text in texts if fast(text) != port.content_ids(text)]
    assert len(texts) > 1000 and len(differing) <= len(texts) // 200, differing
    for text in differing:  # the same best score, reached by another split
        ours, theirs = port.content_ids(text), fast(text)
        assert sum(port.scores[i] for i in ours) == pytest.approx(sum(port.scores[i] for i in theirs), abs=1e-3)


def test_a_question_session_tokenises_fast_and_a_passage_exactly():
    embedder = FastE5Embedder(int8=True)
    embedder.embed_batch(["预热"], query=True)
    session = embedder._idle_questions.get()
    embedder._idle_questions.put(session)
    assert session.question_ids is not session.tokenizer.content_ids
    question = "How did Guangxi improve its case-to-ruling ratio?"
    assert session.windows(question, True) == [[session.tokenizer.bos,
                                                 *session.tokenizer.content_ids(PREFIXES[True] + question),
                                                 session.tokenizer.eos]]
    exact = session.embed([question], True)
    session.question_ids = session.tokenizer.content_ids
    assert np.array_equal(exact, session.embed([question], True))  # same ids, same vector bit for bit


def test_without_tokenizers_questions_use_the_port(port, monkeypatch):
    monkeypatch.setitem(sys.modules, "tokenizers", None)  # as if the package were not installed
    assert question_tokenizer(port) == port.content_ids


def test_figures_and_remain_frame_an_english_question_and_are_no_topic():
    """'Can you give me the figures?' looked for 人物 (a figure is a person in the dictionary), and 'What problems
    remain in Chongqing?' for 剩下: neither is what the question is about."""
    from retrieval.answer.extractive import asked_of

    topic = asked_of("What problems remain in Chongqing?", "en").topic
    assert [group for group, _ in topic if "剩下" in group or "人物" in group] == []
    assert not [group for group, _ in asked_of("Can you give me the figures?", "en").topic if "人物" in group]


def test_a_crimes_last_character_and_the_asking_word_are_no_topic_word():
    """jieba reads '开设赌场罪有哪些指导案例？' as 开设/赌场/罪有: the rare '罪有' weighed most, no passage had it,
    and the question was refused though four cases are on 开设赌场."""
    from retrieval.answer.question import analyse

    for question in ("开设赌场罪有哪些指导案例？", "侵犯公民个人信息罪有哪些指导案例？"):
        words = [word for group, _ in analyse(question, "zh").topic for word in group]
        assert "罪有" not in words and any("赌场" in w or "个人信息" in w for w in words), words


def test_a_place_typed_as_a_homophone_is_read_as_that_place_and_said_so():
    """'昆名检察院建立了多少名听证员库？' (the input method's 昆名 for 昆明) named no place and was answered with
    Anhui's hearing rooms under no label; it is read as 昆明, and the answer says so."""
    from retrieval.answer.typos import read_places

    assert read_places("昆名检察院建立了多少名听证员库？") == ("昆明检察院建立了多少名听证员库？", [("昆名", "昆明")])
    assert read_places("那广溪呢") == ("那广西呢", [("广溪", "广西")])
    assert read_places("宁下认罪认罚适用率多少")[1] == [("宁下", "宁夏")]  # a province needs no 市/的 after it
    for untouched in ("请按顺序列出", "河南是怎么减少信访的？", "什么是正当防卫？", "程度如何？",
                      "是贪污还是诈骗？", "没有对从业人员进行安全培训，罚多少？"):  # no 乌海, no 兴安: they split words
        assert read_places(untouched) == (untouched, [])


def test_a_place_name_inside_the_words_of_a_question_is_no_place():
    """'在长江河道里非法采砂' was refused as naming 道里区 (Harbin), the end of 河道 and 里; a short name is a place
    only where it splits no word of the question."""
    from retrieval.search.regions import gazetteer

    assert gazetteer().find_in_question("被告人在长江河道里非法采砂，哪个法院管辖？") == []
    assert [r.name for r in gazetteer().find_in_question("衢州柯城的云办公室")] == ["衢州市", "柯城区"]
    assert [r.name for r in gazetteer().find_in_question("那道里区呢")] == ["道里区"]


def test_the_answer_to_a_misspelt_place_warns_how_it_was_read(fake_index, tmp_path):
    from fakes import engine_over
    from retrieval.answer.phrases import PLACE_READ_AS

    engine = engine_over(fake_index, tmp_path, {"kunming.txt": "# 昆明市检察院报告\n\n昆明市检察机关建立了489名“听证员库”。"})
    result = engine.answer([], "昆名检察院建立了多少名听证员？")
    assert PLACE_READ_AS["zh"].format(typed="昆名", place="昆明") in result.warnings and "昆明" in result.answer


def test_asking_for_a_word_file_says_how_to_get_one():
    """'能给我导出Word吗' was searched as a question and refused; it is told where the Word buttons and options are."""
    from retrieval.answer.phrases import WORD_FILE
    from retrieval.answer.small_talk import asks_for_word_file, not_a_question

    for message in ("能给我导出Word吗", "生成docx", "有没有word版", "Can you export this to Word?"):
        assert asks_for_word_file(message), message
    assert not asks_for_word_file("Word文档里的证据能用吗？我想问一下电子数据的证据效力怎么认定")
    assert not_a_question("能给我导出Word吗") == WORD_FILE["zh"]
    assert not_a_question("Can you export this to Word?") == WORD_FILE["en"]


def test_how_a_question_asks_or_tells_is_no_topic_word():
    """'有人在网上造谣说某官员受贿，转发了几百次，够不够诽谤罪？' weighed 够不够 and 几百次 (words no passage uses, so
    the rarest) and 有人 as topic words beside 诽谤 and 转发."""
    from retrieval.answer.question import analyse

    topic = {term for group, _ in analyse("有人在网上造谣说某官员受贿，转发了几百次，够不够诽谤罪？", "zh").topic for term in group}
    assert {"转发", "诽谤罪"} <= topic and not {"够不够", "几百次", "有人"} & topic, topic
    # '昆明检察院去年办了多少案件？' had 去年 as its only topic word, which no sentence says: it was refused
    assert not analyse("昆明检察院去年办了多少案件？", "zh").topic
