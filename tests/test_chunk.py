"""Structure-aware chunking on the seeds: whole sentences, one section each, offsets that point home."""

import re

import pytest

from conftest import SEEDS
from retrieval.ingest.chunk import chunk
from retrieval.ingest.documents import load_document, split_document
from retrieval.settings import IngestSettings


@pytest.fixture(scope="module")
def seeds():
    settings = IngestSettings()
    return [(doc, split_document(doc, settings)) for doc in
            (load_document(path, settings) for path in sorted(SEEDS.glob("*.txt")))]


def test_offsets_point_into_the_cleaned_document(seeds):
    for doc, passages in seeds:
        for passage in passages:
            assert doc.text[passage.start:passage.end] == passage.text


def test_passages_end_on_sentence_boundaries_and_stay_in_size(seeds):
    sizes = []
    for doc, passages in seeds:
        for passage in passages:
            assert re.search(r"[。！？；!?;”」）)]$|[^。]$", passage.text)
            body_end = passage.end == len(doc.text) or doc.text[passage.end] == "\n" \
                or doc.text[passage.end - 1] in "。！？；!?;”"
            assert body_end, passage.text[-20:]
            sizes.append(len(passage.text))
    in_range = sum(1 for s in sizes if 100 <= s <= 480) / len(sizes)
    assert in_range > 0.85, sorted(sizes)


def test_sections_carry_the_headings(seeds):
    by_name = {doc.name[:3]: passages for doc, passages in seeds}
    sections = {p.section for p in by_name["002"]}
    assert any(s.startswith("事例4:河南省人民检察院深化申诉案件反向审视") for s in sections)
    assert any("【典型意义】" in s for s in sections)
    assert any("(一)线索管理一体化" in s for s in sections)
    guangxi = [p for p in by_name["001"] if "1:1.20" in p.text][0]
    assert guangxi.section.startswith("广西壮族自治区检察院")
    assert "广西壮族自治区" in guangxi.regions


def test_a_passage_never_spans_two_sections():
    text = "一、甲部分\n" + "甲句子内容很长。" * 30 + "\n二、乙部分\n" + "乙句子。" * 5
    pieces = chunk(text, 150, 400)
    for piece in pieces:
        body = text[piece.start:piece.end]
        assert not ("甲" in body and "乙" in body)
    assert {p.section for p in pieces} == {"一、甲部分", "二、乙部分"}


def test_ids_are_stable_and_regions_have_hierarchy(seeds):
    doc, passages = [item for item in seeds if item[0].name.startswith("002")][0]
    again = split_document(doc, IngestSettings())
    assert [p.id for p in passages] == [p.id for p in again]
    assert passages[0].id.startswith(doc.content_hash[:16])
    kecheng = [p for p in passages if "柯城区" in p.text][0]
    assert {"浙江省", "衢州市", "柯城区"} <= set(kecheng.regions)


def test_document_metadata(seeds):
    meta = {doc.name[:3]: doc for doc, _ in seeds}
    assert meta["000"].date == "2022-12-22" and meta["000"].issuer == "昆明市人民检察院"
    assert meta["003"].date == "2023-05-30" and meta["003"].issuer == "重庆市人民检察院"
    assert meta["002"].date == "2024" and "检察改革典型事例" in meta["002"].title
    assert meta["001"].issuer is None  # nine provinces' experience: the page's source is one contributor
    assert meta["002"].issuer == "检察日报社"
    assert meta["001"].date == "2020-11-15"
    assert meta["004"].title.startswith("榆林市檢察院") and "陕西省" in meta["004"].regions
    assert {"河南省", "浙江省", "衢州市", "柯城区"} <= set(meta["002"].regions)


STATUTE = ("第二十五条 管理人履行下列职责：\n（一）接管债务人的财产、印章和账簿、文书等资料；\n"
           "（二）调查债务人财产状况，制作财产状况报告；\n（三）决定债务人的内部管理事务。\n")


def test_list_items_a_colon_announced_stay_with_their_article():
    pieces = chunk(STATUTE, 150, 400)
    assert len(pieces) == 1 and pieces[0].section == ""
    assert "职责：" in STATUTE[pieces[0].start:pieces[0].end] and "内部管理事务" in STATUTE[pieces[0].start:pieces[0].end]


def test_headings_after_a_colon_line_are_still_headings():
    text = ("市人大常委会：\n一、整改落实情况\n全市检察机关深学笃行，推动整改。\n主要做法如下：\n"
            "（一）线索管理一体化。坚持所有线索均由省检察院侦查部门统一管理。\n")
    sections = [piece.section for piece in chunk(text, 10, 400)]
    assert "一、整改落实情况" in sections
    assert "一、整改落实情况 / （一）线索管理一体化" in sections



def test_a_courts_interpretation_is_issued_by_the_court_its_title_names(tmp_path):
    """'最高人民法院关于巡回法庭审理案件若干问题的规定' was listed as issued by 最高人民检察院, a body its text names."""
    path = tmp_path / "最高人民法院关于巡回法庭审理案件若干问题的规定.txt"
    path.write_text("最高人民法院关于巡回法庭审理案件若干问题的规定\n\n第一条 最高人民法院设立巡回法庭。\n\n"
                    "第十条 最高人民检察院对巡回法庭的判决提出抗诉的，由巡回法庭审理。\n", encoding="utf-8")
    assert load_document(path, IngestSettings()).issuer == "最高人民法院"
