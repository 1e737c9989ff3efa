"""Retrieval on documents nobody tuned it for: translation patterns, dictionary, document-aware ranking,
duplicates and short documents, the eval suite."""

import json
import subprocess
import sys

import pytest

from conftest import ROOT
from retrieval.eval.recall import EvalQuestion, first_relevant
from retrieval.answer.question import analyse
from retrieval.search.crosslingual import english_rarity, pattern_terms, translate_question
from retrieval.search.dictionary import base_forms, dictionary, normalise
from retrieval.search.hybrid import Query, Searcher
from retrieval.search.numbers import chinese_numeral


@pytest.mark.parametrize("number, text", [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (105, "一百零五"),
                                          (110, "一百一十"), (133, "一百三十三"), (253, "二百五十三"),
                                          (1001, "一千零一"), (1260, "一千二百六十")])
def test_chinese_numerals_as_statutes_write_them(number, text):
    assert chinese_numeral(number) == text


@pytest.mark.parametrize("question, expected", [
    ("What did Guiding Case No. 86 hold?", {"指导案例86号", "指导性案例86号"}),
    ("guiding case 193: which category of information?", {"指导案例193号", "指导性案例193号"}),
    ("What does Article 133 of the Criminal Law say?", {"第一百三十三条", "第133条"}),
    ("Article 21, paragraph 2 of the Labour Contract Law", {"第二十一条", "第二款"}),
    ("Procuratorial Case No. 12", {"检例第12号"}),
])
def test_numbered_references_written_the_english_way(question, expected):
    assert expected <= set(pattern_terms(question))


def test_case_numbers_are_not_mistaken_for_places_or_words():
    translation = translate_question("What did Guiding Case No. 86 hold about Article 10?")
    assert "贵定县" not in translation.terms  # 'Guiding' is also the pinyin of a county
    assert "文章" not in translation.weak_terms  # 'article' as in a statute, not an essay


def test_dictionary_gives_common_words_for_legal_english():
    words = dictionary()
    assert len(words) > 30000
    assert "判处" in words.get(normalise("sentenced"))
    assert "股东" in words.get(normalise("shareholders"))
    assert "仲裁" in words.get(normalise("arbitration"))
    assert "贪污" in words.get(normalise("embezzlement"))
    assert base_forms("robbing")[-1] == "rob"


def test_the_dictionarys_accents_are_folded_as_questions_write_them():
    """CC-CEDICT defines 网吧 as 'Internet café'; askers write 'internet cafes'."""
    assert normalise("Internet cafés") == ["internet", "cafe"]
    assert "网吧" in dictionary().get(normalise("internet cafes"))
    assert ["网吧"] in translate_question("Can the court ban him from internet cafes?").weak_groups


def test_dictionary_terms_are_weak_and_glossary_terms_trusted():
    translation = translate_question("Was the shareholder liable after the company went bankrupt in Henan?")
    assert "河南" in translation.terms
    assert "股东" in translation.weak_terms or "股东" in translation.terms
    off = translate_question("Was the shareholder liable?", dictionary_on=False)
    assert not off.weak_terms


def test_traffic_points_and_red_lights_are_worded_as_the_scoring_rules_word_them():
    """'How many points are deducted for running a red light?' was refused over the points regulation ('points' ->
    点点, 'red light' -> 红灯): its words are 记分 and 交通信号灯 (general traffic vocabulary)."""
    terms = translate_question("How many points are deducted for running a red light?").terms
    assert "记分" in terms and "交通信号灯" in terms, terms
    assert "驾驶证" in translate_question("Can my driving licence be suspended?").terms


@pytest.mark.parametrize("question, term", [("Can a person sell their organ?", "人体器官"),
                                            ("Does a victim's pre-existing condition reduce the liability?", "体质"),
                                            ("Can a worker be fired for ranking last in a review?", "末位"),
                                            ("What rights does a person with HIV have at work?", "艾滋病"),
                                            ("What may a credit reporting agency not collect?", "征信机构")])
def test_general_vocabulary_is_the_documents_own(question, term):
    """'organ' had been read as 机关 or 器官 at a dictionary's weight, 'HIV' as 病毒, 'credit reporting agency' as 代理."""
    assert term in translate_question(question).terms


def test_a_plus_sign_is_a_word_not_nothing():
    """The glossary's 'internet+' (互联网+, a policy) must not swallow every 'internet' of a question."""
    assert "互联网+" in translate_question("What is internet+ case handling?").terms
    company = translate_question("Was the internet company an employer of the writer?")
    assert "互联网+" not in company.terms and "互联网" in company.weak_terms


def _write(folder, name, text):
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_short_statute_articles_are_documents_not_navigation(fake_index, tmp_path):
    folder = tmp_path / "articles"
    _write(folder, "a.txt", "合伙企业法第七十三条\n合伙人退伙以后，对基于其退伙前的原因发生的合伙企业债务，承担无限连带责任。\n")
    _write(folder, "b.txt", "民法典第五十六条\n个体工商户的债务，个人经营的，以个人财产承担\n")
    _write(folder, "c.txt", "电力法第五十九条 电力企业或者用户违反供用电合同，给对方造成损失的，应当依法承担赔偿责任。")
    _write(folder, "d.txt", "第一条 为了规范。\n")
    report = fake_index.ingest([folder], progress=False)
    assert sorted(report.added) == ["a.txt", "b.txt", "c.txt", "d.txt"] and not report.refused
    hits = Searcher(fake_index).search("个体工商户的债务由谁承担", k=3)
    assert hits[0].source == "b.txt"
    # The title is part of what is indexed: the article number finds the article.
    assert Searcher(fake_index).search("合伙企业法第七十三条", k=1)[0].source == "a.txt"


def test_identical_files_are_indexed_once_and_reported(fake_index, tmp_path):
    folder = tmp_path / "dups"
    body = "合伙企业法第七十三条\n合伙人退伙以后，对基于其退伙前的原因发生的合伙企业债务，承担无限连带责任。\n"
    _write(folder, "a.txt", body)
    _write(folder, "copy of a.txt", body)
    _write(folder, "z.txt", "刑法第二十条\n为了使国家、公共利益、本人或者他人的人身、财产和其他权利免受正在进行的不法侵害，"
                            "而采取的制止不法侵害的行为，属于正当防卫，不负刑事责任。\n")
    report = fake_index.ingest([folder], progress=False)
    assert sorted(report.added) == ["a.txt", "z.txt"]
    assert report.duplicates == ["copy of a.txt: same text as a.txt (indexed once, under a.txt)"]
    again = fake_index.ingest([folder / "copy of a.txt"], progress=False)
    assert again.duplicates and not again.added


def test_one_bad_file_never_aborts_the_batch_and_the_exit_code_says_so(tmp_path):
    folder = tmp_path / "batch"
    _write(folder, "good.txt", "刑法第二十条\n正当防卫，不负刑事责任。\n")
    _write(folder, "same.txt", "刑法第二十条\n正当防卫，不负刑事责任。\n")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "旧版工作总结.doc").write_bytes(b"\xd0\xcf\x11\xe0 an old Word file")
    env = {"JIANCHA_DATA_DIR": str(tmp_path / "data"), "JIANCHA_EMBEDDER": "openai",
           "JIANCHA_EMBED_BASE_URL": "http://127.0.0.1:9/v1", "PATH": "/usr/bin:/bin"}
    from fake_embeddings import EmbeddingsServer

    with EmbeddingsServer() as server:
        env["JIANCHA_EMBED_BASE_URL"] = server.url
        done = subprocess.run([sys.executable, "-m", "bot.cli", "ingest", str(folder)], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "added      good.txt" in done.stdout and "duplicate  same.txt" in done.stdout
    assert "broken.docx:" in done.stderr and "some refused: 1 of 3" in done.stderr
    assert "the others were ingested" in done.stderr
    # a folder's file of another type is named, not passed over in silence
    assert "skipped    1 file(s) of other types in the folder(s) (旧版工作总结.doc)" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_file_named_as_one_from_another_folder_never_replaces_it(fake_index, tmp_path):
    """Offices name many files 工作报告.txt: one from 乙院 must not silently replace 甲院's (its text would be
    gone); the same name from the same file, or from a file since moved, replaces its earlier version."""
    first = _write(tmp_path / "甲院", "工作报告.txt", "专利代理条例\n第一条 为了规范专利代理行为，保障委托人的合法权益，制定本条例。\n")
    second = _write(tmp_path / "乙院", "工作报告.txt", "两用物项出口管制条例\n第一条 为了加强和规范两用物项出口管制，制定本条例。\n")
    assert fake_index.ingest([first.parent], progress=False).added == ["工作报告.txt"]
    report = fake_index.ingest([second.parent], progress=False)
    assert not report.added and not report.replaced and len(report.refused) == 1
    assert report.refused[0].startswith(f"{second}: a different file named 工作报告.txt is already indexed (from {first})")
    assert "专利代理" in fake_index.catalog.document("工作报告.txt").text
    first.write_text(first.read_text(encoding="utf-8") + "第二条 专利代理师应当依法执业。\n", encoding="utf-8")
    assert fake_index.ingest([first.parent], progress=False).replaced == ["工作报告.txt"]
    first.unlink()  # moved away: the file in 乙院 is now the one under this name
    assert fake_index.ingest([second.parent], progress=False).replaced == ["工作报告.txt"]


def test_hits_carry_their_neighbours_and_are_not_repeated(seeded_index):
    hits = Searcher(seeded_index).search("昆明 听证员库 听证员", k=5)
    top = hits[0]
    assert top.context and top.text in top.context and top.passage_id in top.context_ids
    for i, hit in enumerate(hits):
        earlier = {pid for h in hits[:i] for pid in (h.context_ids or [h.passage_id])}
        assert hit.passage_id not in earlier  # already on screen inside a better hit


def test_document_rank_lifts_a_passage_whose_document_matches_the_whole_question(seeded_index):
    searcher = Searcher(seeded_index)
    plain = Searcher(seeded_index, searcher.settings.model_copy(update={"document_weight": 0.0,
                                                                       "neighbour_weight": 0.0}))
    question = "昆明市检察院办理人大代表建议的七步落实工作法"
    assert searcher.search(question, k=1)[0].source == plain.search(question, k=1)[0].source


def test_recall_counts_what_the_reader_sees_and_strict_counts_the_passage():
    from retrieval.types import Hit

    question = EvalQuestion(id="q", lang="zh", question="?", source="a.txt", phrase="判处有期徒刑三年")
    hit = Hit(rank=1, score=1.0, source="a.txt", title="t", section="", text="被告人犯盗窃罪。", regions=[],
              passage_id="p1", context="被告人犯盗窃罪。\n判处有期徒刑三年。", context_ids=["p1", "p2"])
    assert first_relevant(question, [hit]) == 1
    assert first_relevant(question, [hit], strict=True) is None


def test_eval_suite_runs_every_set_with_ablations_and_baseline(tmp_path):
    from fakes import HashEmbedder
    from retrieval.eval.suite import run_suite

    out = run_suite(ROOT, tmp_path / "no-shared", names=["seeds-heldout"], cache=tmp_path / "cache",
                    embedder=HashEmbedder(), as_json=True)
    rows = [json.loads(line) for line in out.splitlines()]
    assert {r["lang"] for r in rows} == {"zh", "en", "all"}
    for row in rows:
        assert row["name"] == "seeds-heldout" and row["in_sample"] is True
        assert set(row["ablations"]) == {"no-glossary", "no-dictionary", "no-doc-rank", "no-headnote"}
        assert 0.0 <= row["baseline"] <= 1.0 and 0.0 <= row["recall"]["5"] <= 1.0
    table = run_suite(ROOT, tmp_path / "no-shared", names=["seeds-heldout"], cache=tmp_path / "cache",
                      embedder=HashEmbedder(), baseline=False)
    assert "baseline R@5" in table and "skipped the sets over" in table


def test_the_reversed_dictionary_is_cached_once_built(tmp_path, monkeypatch):
    import pickle

    from retrieval.search import dictionary as cedict

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cedict.dictionary.cache_clear()
    try:
        built = cedict.dictionary()
        [cached] = list((tmp_path / "jiancha").glob("cedict-*.pickle"))
        reloaded = pickle.loads(cached.read_bytes())
        assert reloaded.get(["court"]) == built.get(["court"]) and built.get(["court"])
    finally:
        cedict.dictionary.cache_clear()


def test_a_documents_first_hit_shows_its_headnote(fake_index, tmp_path):
    case = tmp_path / "指导案例999号.md"
    case.write_text("### 指导案例999号：某某执行监督案\n\n关键词\n\n执行/和解协议\n\n裁判要点\n\n"
                    "和解协议无法履行的，可以执行原生效法律文书。\n\n基本案情\n\n"
                    + "双方签订合作办学合同，约定了校园资产的处置方式和交割安排。" * 12 + "\n\n裁判结果\n\n"
                    + "执行法院裁定驳回申诉，当事人不服提出复议，最终维持原裁定。" * 12 + "\n", encoding="utf-8")
    fake_index.ingest([case], progress=None)
    [hit] = Searcher(fake_index).search("当事人不服提出复议", k=1)
    assert "可以执行原生效法律文书" in hit.readable and "可以执行原生效法律文书" not in hit.text
    bare = Searcher(fake_index, fake_index.settings.search.model_copy(update={"headnote_chars": 0}))
    assert "可以执行原生效法律文书" not in bare.search("当事人不服提出复议", k=1)[0].readable


def test_stard_style_pool_ingests_duplicates_and_short_articles_from_files(tmp_path, fake_index):
    from retrieval.eval import lecoqa

    folder = tmp_path / "lecoqa"
    folder.mkdir()
    rows = [("1", "合伙企业法第七十三条", "合伙人退伙的，应当办理退伙结算。", "gold"),
            ("2", "民法典第五十六条", "个体工商户的债务，个人经营的，以个人财产承担。", "gold"),
            ("3", "某条例第一条", "为了规范管理，制定本条例。", "LawRefBook distractor"),
            ("4", "合伙企业法第七十三条", "合伙人退伙的，应当办理退伙结算。", "LawRefBook distractor")]
    (folder / "passages.jsonl").write_text("\n".join(json.dumps(
        {"id": i, "name": n, "content": c, "source": s}, ensure_ascii=False) for i, n, c, s in rows), encoding="utf-8")
    (folder / "questions.jsonl").write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in [
        {"qid": 1, "question": "合伙人退伙后要办理什么结算？", "gold_ids": [4]},
        {"qid": 2, "question": "个体工商户的债务由谁承担？", "gold_ids": [2]},
        # LeCoQA labels some questions with the id of another article than the one its gold name and text are:
        {"qid": 3, "question": "个体工商户的债务由谁承担？", "gold_ids": [3], "gold_names": ["民法典第五十六条"],
         "gold_texts": ["个体工商户的债务，个人经营的，以个人财产承担。"]}]), encoding="utf-8")
    # the gold pool as `make cosines` embeds it: gold rows only, each as the index text its article gets
    assert lecoqa.gold_article_texts(folder) == ["合伙企业法第七十三条\n合伙人退伙的,应当办理退伙结算。",
                                                 "民法典第五十六条\n个体工商户的债务,个人经营的,以个人财产承担。"]
    paths = lecoqa.write_stard_pool(folder, tmp_path / "files", size=4)
    report = fake_index.ingest(paths, progress=None)
    assert not report.refused and len(report.duplicates) == 1  # 1.txt and 4.txt: the same article twice
    scores = lecoqa.evaluate_files(folder, fake_index, paths)
    assert scores["questions"] == 3 and scores["recall_at_10"] == 1.0  # 4 is found through its twin
    assert scores["articles"] == 3 and scores["named_test_mrr"] == 1.0 > scores["mrr"]  # 民法典 first for qid 3


def test_platform_economy_words_take_their_legal_sense_not_the_dictionarys_first():
    """CC-CEDICT's first senses of 'streamer' and 'talent' are 飘带 (a ribbon) and 人才; the glossary's
    general platform-economy rows give the sense a labour case uses."""
    translation = translate_question("Was the live streamer an employee of the talent agency?")
    assert "主播" in translation.terms and "经纪公司" in translation.terms
    assert "飘带" not in translation.terms + translation.weak_terms


def test_a_chase_after_a_hit_and_run_is_read_as_the_law_words_it():
    """'fled the scene' is the past of the glossary's 'fleeing the scene'; 'chased' is 追赶, not a race (追逐赛)."""
    translation = translate_question("A passer-by chased a driver who fled the scene; was it an act of bravery?")
    assert {"逃逸", "追赶", "见义勇为"} <= set(translation.terms)
    assert "追逐赛" not in translation.terms + translation.weak_terms


def test_dredged_sand_and_accomplices_are_the_words_a_mining_case_uses():
    """'accomplices' in plain English are co-offenders (同案犯), not only the statute's secondary offenders
    (从犯); 'sand' in a mining question is river sand (江砂), not the dictionary's 沙子."""
    translation = translate_question("Sand was dredged from the river and the accomplices were convicted.")
    assert {"采砂", "江砂", "同案犯"} <= set(translation.terms)
    assert "沙子" not in translation.terms + translation.weak_terms


def test_bullies_and_the_necessary_limit_are_the_words_of_self_defence_law():
    translation = translate_question("Did the boy beaten by school bullies clearly exceed the necessary limit?")
    assert {"霸凌", "必要限度"} <= set(translation.terms)


def test_prosecutors_and_procurators_are_one_word_and_rotating_is_rotation():
    translation = translate_question("What did Chongqing do about rotating the resident prosecutors?")
    assert {"派驻检察", "轮岗"} <= set(translation.terms)
    assert "居民" not in translation.terms + translation.weak_terms  # 'resident' as a town's residents


def test_waste_and_an_environmental_bureau_are_the_words_of_environmental_law():
    """'waste' is 废物 (not 浪费, squandering); a bureau's 'defence' in a civil or administrative case is 抗辩."""
    translation = translate_question("The environmental bureau said in its defence that the waste came from elsewhere.")
    assert {"废物", "环境保护局", "抗辩"} <= set(translation.terms)
    assert "浪费" not in translation.terms + translation.weak_terms


def test_supervising_is_the_procuratorates_own_word_and_own_says_nothing():
    """'supervise' is 监督 (the glossary had only the noun); 'its own' is not 自己 / 所有 (everything)."""
    translation = translate_question("What is Yulin doing to supervise its own prosecutors?")
    assert "监督" in translation.terms
    assert not {"自己", "所有"} & set(translation.terms + translation.weak_terms)


def test_british_spellings_find_the_dictionarys_american_words():
    """CC-CEDICT's English is American: 'neighbour', 'organisation', 'behaviour' found nothing at all. A
    spelling either the glossary or the dictionary knows stays as written ('cheque' is 支票, 'defence' 辩护)."""
    translation = translate_question("Is the behaviour of the neighbour towards the organisation a labour dispute?")
    found = set(translation.terms + translation.weak_terms)
    assert {"邻居", "组织", "劳动争议"} <= found, found
    cheque = translate_question("He paid by cheque.")
    assert "支票" in cheque.terms + cheque.weak_terms
    assert "辩护律师" in translate_question("the defence lawyer").terms


def test_a_cardiac_arrest_is_no_arrest_and_a_cyclist_rides_a_bike():
    translation = translate_question("The cyclist was knocked down and died of cardiac arrest.")
    assert {"猝死", "骑车人", "撞倒"} <= set(translation.terms)
    assert "逮捕" not in translation.terms


def test_an_award_set_aside_is_an_arbitral_award_revoked():
    """Legal English: an 'award' is a tribunal's 裁决 (not a prize, 奖项), 'set aside' is 撤销, in either word order."""
    translation = translate_question("The bank applied to have the award set aside.")
    assert {"裁决", "撤销"} <= set(translation.terms), translation.terms
    assert "奖项" not in translation.terms + translation.weak_terms


def test_a_suit_is_a_lawsuit_and_a_cloned_plate_is_a_taopai():
    """Legal English in a question told at length: a 'suit' is a lawsuit (not 一套 clothes), an appeal court
    'dismissed' it (驳回, not 罢免 a deputy), a 'third-party objection suit' is 案外人执行异议之诉, 'shop units'
    are 商铺; 'cloned number plates' are 套牌 and the 'victim's family' 近亲属."""
    translation = translate_question("A buyer of one of the shop units brought a third-party objection suit; "
                                     "the appeal court dismissed his suit.")
    assert {"执行异议", "商铺", "驳回", "诉讼"} <= set(translation.terms), translation.terms
    assert not {"一套", "罢免"} & set(translation.terms + translation.weak_terms), translation
    crash = translate_question("A lorry on cloned number plates killed a passenger; is the owner liable to the "
                               "victim's family?")
    assert {"套牌", "近亲属"} <= set(crash.terms), crash.terms


def test_falling_from_a_tree_is_no_falling_figure():
    """'fell' alone is a figure going down (下降); 'fell from' / 'fell to her death' is a body falling (跌落)."""
    fall = translate_question("She fell from a bayberry tree and died.")
    assert "跌落" in fall.terms and "下降" not in fall.terms, fall.terms
    assert "下降" in translate_question("Petitions fell by 19.7%.").terms


def test_an_administrator_in_a_case_is_named_as_such_not_as_a_bankruptcy_one():
    from retrieval.answer.english import practice_terms

    assert practice_terms("机动车所有人或者管理人将机动车号牌出借他人使用") == [("administrator", "管理人")]
    assert practice_terms("法院指定破产管理人") == [("bankruptcy administrator", "破产管理人")]


def test_an_english_lead_names_what_a_case_is_about_not_its_parties_or_kind_of_judgment():
    """Every case has parties (当事人, 被告人), authorities and a judgment: as 'key terms' they crowd out the
    words that say what this case decided."""
    from retrieval.answer.english import practice_terms

    sentence = "当事人申请对关联企业合并破产的，人民法院应当审查；被告人不服民事判决，债权人提出异议。"
    assert practice_terms(sentence) == [("affiliated companies", "关联企业"), ("substantive consolidation", "合并破产"),
                                        ("creditor", "债权人")]
    assert practice_terms("行政机关作出具体行政行为时未引用具体法律条款") == [("administrative act", "具体行政行为")]
    assert practice_terms("赔偿请求人国泰君安证券股份有限公司申请国家赔偿") == [("state compensation", "国家赔偿")]
    # the court's reasoning, its document and its conclusion (stated as the conclusion, not as a term)
    assert practice_terms("本院认为，原审判决书认定虚假诉讼正确，驳回上诉，维持原判") == [("false litigation", "虚假诉讼")]
    # and in a report, 'year on year' is how a figure moved, not a practice
    assert practice_terms("共受理司法救助324件、同比上升337.84%") == [("judicial assistance", "司法救助")]


def test_an_english_lead_names_the_statutes_it_quotes_when_it_can_name_them_in_english():
    """A statute the glossary names in English leads the answer by that name; a title it cannot name, or a
    report's headline, is left to the citations (a Chinese title would make the English lead Chinese)."""
    from retrieval.answer.english import english_lead, statutes_in_english

    assert statutes_in_english(["中华人民共和国民法典", "中华人民共和国刑法", "中华人民共和国民法典"]) == \
        "The Civil Code (民法典) and the Criminal Law (刑法)"
    assert statutes_in_english(["中华人民共和国民法典", "医疗机构管理条例"]) == ""
    assert statutes_in_english(["“高质效办好每一个案件”检察改革典型事例(2024年)"]) == ""
    # its name is not repeated as a key term; a securities company is a term of its own (the glossary's row for
    # 证券法 had held 证券公司, glossed 'securities law' too)
    lead = english_lead(["证券法规定，证券公司的治理结构不符合规定的，应当责令其限期改正"], set(), "",
                        statutes_in_english(["中华人民共和国证券法"]))
    assert lead.startswith("The Securities Law (证券法) — ") and "(证券法)" not in lead.split(" — ", 1)[1], lead
    assert "securities company (证券公司)" in lead, lead


def test_a_substantively_consolidated_insolvency_of_group_companies():
    """Insolvency-law English: substantive consolidation is 实质合并 / 合并破产, a group's companies 关联企业."""
    translation = translate_question("When may a court substantively consolidate the insolvency of affiliated "
                                     "companies, a parent company and its subsidiaries?")
    assert {"实质合并", "关联企业", "母公司", "子公司"} <= set(translation.terms), translation.terms


def test_data_law_and_identity_card_english():
    """Data-protection English (数据出境, 安全评估, 网信部门, 标准合同) — a question on it is out of scope for a
    collection that never uses those words — and an ID card is a 居民身份证, not a 身份证明."""
    translation = translate_question("When does a data-export need a security assessment by the cyberspace "
                                     "administration instead of a standard contract?")
    assert {"数据出境", "安全评估", "网信部门", "标准合同"} <= set(translation.terms), translation.terms
    assert "居民身份证" in translate_question("He bought photos of national ID cards.").terms


def test_extradition_and_trade_remedies_are_glossary_terms():
    """International criminal and trade-law English is trusted vocabulary (引渡, 刑事司法协助, 反倾销, 反补贴):
    a question on a subject the collection never mentions then has that subject as its heaviest term, and
    is refused, rather than answered from whatever shares its other words ('offence', 'foreign')."""
    assert "引渡" in translate_question("On what grounds must a foreign state's extradition request be refused?").terms
    assert {"反倾销", "反补贴"} <= set(translate_question("anti-dumping and countervailing duties").terms)


def test_a_glossary_phrase_is_found_however_its_compound_is_hyphenated():
    """The glossary writes 'illegal fund-raising'; askers write 'fundraising' or 'fund raising' as often."""
    for question in ("What did prosecutors do about illegal fundraising?", "illegal fund raising cases",
                     "illegal fund-raising"):
        assert "非法集资" in translate_question(question).terms, question


def test_an_article_in_the_question_does_not_hide_a_glossary_phrase():
    """'refusing to comply with a court judgment' is the glossary's 'refusing to comply with court judgments':
    'a', 'an' and 'the', and a possessive's apostrophe, are left out on both sides, so they never break a phrase."""
    for question in ("Is refusing to comply with a court judgment a crime?",
                     "What counts as refusing to comply with the court judgments here?"):
        assert "拒不执行判决、裁定罪" in translate_question(question).terms, question
    # nor does a possessive hide its noun: the procuratorate's suggestion is still the procuratorate's
    assert "检察院" in translate_question("What was the procuratorate's suggestion?").terms
    assert "近亲属" in translate_question("What did the victims' families ask for?").terms


def test_statute_english_for_fire_safety_and_foreigners_and_fire_as_dismissal():
    """General statutory English (fire safety, crowded places, foreigners' work permits, medical institutions)
    is trusted vocabulary; a fire that breaks out is 火灾, an employer who fires someone 辞退, never 火灾."""
    blaze = set(translate_question("When a fire breaks out in a crowded venue, what must staff do?").terms)
    assert {"火灾", "人员密集场所"} <= blaze, blaze
    assert {"外国人", "工作许可"} <= set(translate_question("foreign nationals with no work permits").terms)
    # employing someone is 聘用 / 雇用, not 使用 (to use a thing); a foreign worker is 外国人, not 外劳 (slang)
    # a car model is not a procuratorate's legal supervision model (法律监督模型), which keeps its own phrasings
    car = translate_question("The regulator says one of its models is defective.")
    assert "法律监督模型" not in car.terms + car.weak_terms, car
    assert "法律监督模型" in translate_question("How did they build legal supervision models?").terms
    hiring = translate_question("A factory has been employing foreign workers.")
    assert {"聘用", "外国人"} <= set(hiring.terms) and "使用" not in hiring.terms + hiring.weak_terms, hiring
    dismissal = translate_question("Can my employer fire me for being pregnant?")
    assert "辞退" in dismissal.terms and "火灾" not in dismissal.terms + dismissal.weak_terms, dismissal


def test_statute_english_for_sentencing_recalls_seafarers_and_children():
    """General legal English: remorse is 悔罪 (not 悔恨, regret), a product recall 召回 (not 回忆, memory), a
    seafarer 船员 (not 航海家, a navigator), an infant / young child 婴儿 / 幼儿."""
    cases = {"He made a truthful confession and showed genuine remorse.": {"如实供述", "悔罪"},
             "The carmaker has not recalled the defective model.": {"召回"},
             "Is a stranded seafarer entitled to be repatriated?": {"船员"},
             "What ages count as infant and young child?": {"婴儿", "幼儿"}}
    for question, expected in cases.items():
        translation = translate_question(question)
        assert expected <= set(translation.terms), (question, translation.terms)
    assert not {"悔恨", "回忆", "航海家"} & set(translate_question(" ".join(cases)).weak_terms)


def test_dictionary_guesses_weigh_as_much_as_their_english_word_is_rare():
    translation = translate_question("The supplier never told the buyer it was hydrochloric acid")
    weight = {group[0]: rarity for group, rarity in zip(translation.weak_groups, translation.weak_weights)}
    never = next(w for term, w in weight.items() if term in ("从未", "从不"))
    assert never < 0.5  # 'never' (Zipf 5.9) says nothing of the topic
    assert max(weight.values()) == 1.0 and english_rarity(["acid"]) == 1.0
    assert english_rarity(["full", "power"]) == 1.0  # a phrase the dictionary knows is specific as a whole
    asked = analyse("The supplier never told the buyer about the acid", "en", idf=lambda term: 5.0)
    weights = {group[0]: w for group, w in asked.topic}
    assert weights.get("从未", weights.get("从不")) < weights.get("酸溜溜", weights.get("尖酸"))


def test_search_weighs_each_dictionary_guess_by_its_english_word():
    query = Query("Why did the shipowner never pay the cargo claim?")
    groups = query.lexical_groups(0.4)
    assert groups[0] == (query.tokens, 1.0)
    weight_of = {token: weight for tokens, weight in groups[1:] for token in tokens}
    never = [weight_of[t] for t in ("从未", "从不") if t in weight_of]
    assert never and max(never) < 0.4 * 0.5
    assert max(weight_of.values()) == 0.4
    assert Query("老公出轨了，离婚时财产怎么分？").lexical_groups(0.4)[1][1] == 0.4  # Chinese: one weak list


def test_a_possessive_in_a_dictionary_phrase_reads_as_the_question_writes_it():
    """CC-CEDICT's "master's degree" (硕士学位) was kept as master' + degree while a question's words lose the
    apostrophe, so the phrase was never found."""
    translation = translate_question("A court clerk with a master's degree wants to become a judge.")
    assert "硕士" in translation.weak_terms or "硕士学位" in translation.weak_terms, translation.weak_groups


def test_phrases_that_say_nothing_of_the_topic_are_not_translated():
    """'a lot of' is no plot of land (地皮), 'in the end' no 结束; the words around them still are."""
    weak = translate_question("A paper mill uses a lot of water and in the end was fined.").weak_terms
    assert "地皮" not in weak and "不少" not in weak and "结束" not in weak
    assert "纸张" in weak or "论文" in weak


def test_a_procuratorate_mentioned_in_a_statutes_body_is_not_its_issuer(tmp_path):
    """'对人民检察院参与的案件…' names no issuer (the court whose committee passed the rules issued them);
    '由昆明市人民检察院…' names 昆明市人民检察院."""
    from retrieval.ingest.documents import load_document
    from retrieval.settings import IngestSettings

    statute = tmp_path / "人民法院在线诉讼规则(2021-06-16).txt"
    statute.write_text("人民法院在线诉讼规则\n\n2021年5月18日 最高人民法院审判委员会第1838次会议通过\n\n"
                       "第五条 对人民检察院参与的案件适用在线诉讼的，应当征得人民检察院同意。\n", encoding="utf-8")
    assert load_document(statute, IngestSettings()).issuer == "最高人民法院"
    report = tmp_path / "report.txt"
    report.write_text("关于代表建议办理情况的报告\n\n本报告由昆明市人民检察院起草，报市人大常委会。全市检察机关办理代表建议3件。\n",
                      encoding="utf-8")
    assert load_document(report, IngestSettings()).issuer == "昆明市人民检察院"


def test_a_copy_of_the_same_file_from_another_folder_is_the_same_document(fake_index, tmp_path):
    """The seeds are in the project and in ../shared: an index built from one, read again under new ingest rules
    from the other, refused all five as 'a different file'; identical bytes are the same document."""
    text = "专利代理条例\n第一条 为了规范专利代理行为，保障委托人的合法权益，制定本条例。\n"
    first, copy = _write(tmp_path / "shared", "工作报告.txt", text), _write(tmp_path / "project", "工作报告.txt", text)
    assert fake_index.ingest([first.parent], progress=False).added == ["工作报告.txt"]
    with fake_index.catalog._db:  # built under older rules: every file is read again
        fake_index.catalog._db.execute("DELETE FROM meta WHERE key='ingest_rules'")
    report = fake_index.ingest([copy.parent], progress=False)
    assert report.refused == [] and report.replaced == ["工作报告.txt"], report


def test_cases_listed_in_english_are_each_a_case_reference():
    """'How do cases 144 and 225 differ?' had named neither ('cases' plural, the second number after 'and')."""
    from retrieval.search.crosslingual import pattern_terms

    assert [t for t in pattern_terms("How do cases 144 and 225 differ?") if t.startswith("指导案例")] == \
        ["指导案例144号", "指导案例225号"]
    assert "指导案例195号" in pattern_terms("Compare Guiding Cases 193, 194 and 195")
    assert "指导案例2号" not in pattern_terms("Was case 144 decided within 2 years?")


def test_a_crime_the_text_says_was_not_committed_is_no_key_term():
    """'Tell me about the Yu Huan case.' led with 'key terms: intentional homicide (故意杀人罪)' from '于欢的行为不构成
    故意杀人罪': the crime the court ruled out read as the case's subject."""
    from retrieval.answer.english import practice_terms

    terms = dict(practice_terms("于欢的行为不构成故意杀人罪，构成故意伤害罪，属于防卫过当"))
    assert "intentional homicide" not in terms and "intentional injury" in terms, terms
    assert "intentional homicide" in dict(practice_terms("不构成故意杀人罪。被告人犯故意杀人罪，判处死刑"))  # said plainly too
