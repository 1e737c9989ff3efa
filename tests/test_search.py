"""Hybrid search behaviour: regions, filters, cross-lingual queries, the CLI contract."""

import json
import subprocess
import sys

from bot.cli import NO_HITS
from conftest import ROOT
from retrieval.search.crosslingual import glossary, translate_question
from retrieval.search.regions import gazetteer
from retrieval.search.hybrid import Searcher
from retrieval.types import Filters


def test_gazetteer_hierarchy_and_names():
    places = gazetteer()
    kecheng = places.lookup("柯城区")
    assert [r.name for r in places.ancestors(kecheng)] == ["衢州市", "浙江省"]
    assert places.lookup("Henan").name == "河南省"
    assert {r.name for r in places.find_in_question("What did Kecheng do?")} == {"柯城区"}
    assert {r.name for r in places.find_in_question("How did Yulin do it?")} == {"榆林市", "玉林市"}
    assert {r.name for r in places.find_in_question("那浙江呢？")} == {"浙江省"}


def test_an_administrative_level_is_no_place():
    """'省、市和县级人民政府' names a level of government, not 和县 (a county of Ma'anshan, Anhui): a law saying it
    is about no place in Anhui. The county itself, named beside its city or asked about, is still found."""
    from retrieval.search.regions import gazetteer

    assert gazetteer().find_in_text("县级以上地方各级人民政府和县级人民政府应当") == []
    assert gazetteer().find_in_text("军区、省军区、军分区和县人民武装部") == []  # 'and the county's', not 和县
    assert [r.name for r in gazetteer().find_in_question("和县检察院怎么做的？")] == ["和县"]  # asked, it is the place
    assert [r.name for r in gazetteer().find_in_text("安徽省马鞍山市和县人民检察院")] == ["安徽省", "马鞍山市", "和县"]


def test_glossary_is_large_and_translates_procuratorial_terms():
    assert len(glossary()) >= 300
    terms = translate_question("How did Henan reduce petitions and improve the case-to-matter ratio?").terms
    assert {"信访", "案-件比", "河南"} <= set(terms)


def test_region_awareness_favours_the_named_place_without_hiding_the_rest(seeded_index):
    searcher = Searcher(seeded_index)
    hits = searcher.search("检察机关如何开展公开听证 浙江", k=10)
    assert "浙江省" in hits[0].regions
    assert any("浙江省" not in hit.regions for hit in hits)


def test_filters_by_document_region_and_date(seeded_index):
    searcher = Searcher(seeded_index)
    hits = searcher.search("数字检察", k=10, filters=Filters(docs=["004_fc5693aa24d6f690.txt"]))
    assert hits and {h.source for h in hits} == {"004_fc5693aa24d6f690.txt"}
    hits = searcher.search("侦查监督", k=10, filters=Filters(region="浙江"))
    assert hits and all("浙江省" in h.regions for h in hits)
    hits = searcher.search("代表建议", k=10, filters=Filters(date_from="2023-01-01", date_to="2023-12-31"))
    assert hits and {h.source for h in hits} == {"003_17342af2a1c5acdf.txt"}


def test_english_question_finds_the_chinese_passage(seeded_index):
    hits = Searcher(seeded_index).search("How did Guangxi improve its case-to-matter ratio?", k=5)
    assert any(h.source.startswith("001") and "1:1.20" in h.readable for h in hits)


def _cli(*args, data_dir):
    env = {"PATH": "/usr/bin:/bin", "JIANCHA_DATA_DIR": str(data_dir), "HOME": str(data_dir)}
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_cli_search_json_contract_and_one_line_errors(seeded_fake_dir, tmp_path):
    # The seeded folder was built with the fake embedder, so the CLI's default embedder is refused with a
    # fix; without the embedder record (an index from before it) the CLI's embedder has its own (empty)
    # collection and answers from BM25 alone: the rest of this test is about the output contract.
    import shutil
    import sqlite3

    data = tmp_path / "data"
    shutil.copytree(seeded_fake_dir, data)
    refused = _cli("search", "广西案-件比", data_dir=data)
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1
    assert "index built with hash-256" in refused.stderr and "jiancha ingest --reembed" in refused.stderr
    with sqlite3.connect(data / "catalog.sqlite3") as db:
        db.execute("DELETE FROM meta WHERE key='embedder'")
    done = _cli("search", "--json", "--k", "3", "广西案-件比", "挂案清理", data_dir=data)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["question"] for line in lines] == ["广西案-件比", "挂案清理"]
    hit = lines[0]["hits"][0]
    assert set(hit) == {"rank", "score", "source", "title", "section", "text", "regions"}
    assert hit["rank"] == 1 and hit["source"].endswith(".txt")
    # a filter nothing passes is said, with how to widen the search (the output had been the question alone)
    empty = _cli("search", "--region", "广东", "公开听证", data_dir=data)
    assert empty.returncode == 0 and empty.stdout.splitlines()[1] == NO_HITS.format(filters="--region 广东")
    missing = _cli("remove", "nope.txt", data_dir=data)
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1 and "Traceback" not in missing.stderr
    assert "nope.txt" in missing.stderr


def test_places_of_a_question_are_remembered_and_handed_out_as_copies():
    places = gazetteer()
    first = places.find_in_question("河南和昆明是怎么做的？")
    first.clear()  # a caller changing its list must not change the next caller's
    again = places.find_in_question("河南和昆明是怎么做的？")
    assert {r.name for r in again} == {"河南省", "昆明市"}


def test_weighted_bm25_is_the_sum_of_its_tokens_columns(seeded_index):
    """One pass with a weight per token gives what bm25s gives per token list, weighted and added."""
    import numpy as np

    bm25 = seeded_index.bm25()
    trusted, weak = ["信访", "检察"], ["听证", "信访", "不存在的词"]
    expected = bm25.scores(trusted) + 0.4 * bm25.scores(weak)
    assert np.allclose(bm25.weighted([(trusted, 1.0), (weak, 0.4)]), expected)
    assert bm25.weighted([(trusted, 1.0), (weak, 0.4)]).max() > bm25.scores(trusted).max()


def test_social_insurance_terms_of_english_questions_are_the_statutes_words():
    """General vocabulary of China's social-insurance laws: 'housing provident fund' is 住房公积金 (word by word it
    was 住房 + 资金, and search found labour documents), 'unemployment insurance' 失业保险."""
    from retrieval.search.crosslingual import translate_question

    groups = translate_question("What is the minimum housing provident fund contribution rate?").groups
    assert any("住房公积金" in group for group in groups), groups
    assert any("失业保险" in group for group in translate_question("How long are unemployment benefits paid?").groups)
    # the Nationality Law's and the franchise regulations' own words (word by word: 多重国籍, 经销商)
    assert any("双重国籍" in g for g in translate_question("Does China recognize dual nationality?").groups)
    assert any("特许人" in g for g in translate_question("How many stores must a franchisor have?").groups)
