"""A lay question in everyday Chinese also searches the words statutes use for the same thing."""

from retrieval.search.colloquial import colloquial_rows, statutory_terms
from retrieval.search.hybrid import Query
from retrieval.settings import SearchSettings


def test_everyday_words_bring_the_statutes_words():
    terms = statutory_terms("我老公家暴，房东也不退押金，怎么办？")
    assert {"配偶", "家庭暴力", "出租人", "租赁"} <= set(terms)


def test_a_question_already_in_statutory_words_gains_nothing():
    assert "出租人" in statutory_terms("房东不退押金怎么办？")
    assert "出租人" not in statutory_terms("房东（出租人）不退押金怎么办？")
    assert statutory_terms("正当防卫的必要限度如何把握？") == []


def test_the_statutes_words_are_searched_below_the_askers_own():
    query = Query("老公出轨了，离婚时财产怎么分？")
    assert "配偶" in query.weak_tokens and "配偶" not in query.tokens
    assert "出轨" in query.tokens
    assert Query("老公出轨了，离婚时财产怎么分？", SearchSettings(use_colloquial=False)).weak_tokens == []


def test_the_embedded_text_carries_the_statutes_words_too():
    """The dense query of a lay question names the statute's words beside the asker's (LeCoQA tuning half
    R@10 0.742 -> 0.746, STARD-style 0.723 -> 0.738); a question in statutory words is embedded as asked."""
    lay = Query("房东不退押金怎么办？")
    assert len(lay.dense_texts) == 1 and "出租人" in lay.dense_texts[0] and "房东" in lay.dense_texts[0]
    assert Query("正当防卫的必要限度如何把握").dense_texts == ["正当防卫的必要限度如何把握"]


def test_every_row_has_both_sides():
    assert len(colloquial_rows()) >= 50
    assert all(phrasings and statutory and all(phrasings) and all(statutory) for phrasings, statutory in colloquial_rows())


def test_an_everyday_word_no_passage_uses_is_carried_by_the_statutes_word():
    """'丈夫' in a question over statutes that write only 配偶/夫妻: a sentence on 夫妻 carries it (laws3 tuning
    half +1 question, every other tuning half unchanged); a word the collection has keeps its own meaning."""
    from retrieval.answer.question import analyse

    def statute_idf(term: str) -> float:  # the collection knows 配偶, 夫妻, 公司, 债务; nothing else
        return 1.0 if term in {"配偶", "夫妻", "公司", "债务"} else 9.0

    asked = analyse("丈夫借的钱，公司的债务，妻子要不要还？", "zh", statute_idf)
    groups = {group[0]: group for group, _ in asked.topic}
    assert {"配偶", "夫妻"} <= set(groups["丈夫"]) and {"配偶", "夫妻"} <= set(groups["妻子"])
    assert "用人单位" not in groups["公司"]  # known: keeps its own meaning
    carried = {asked.topic[i][0][0] for i in asked.groups_in("夫妻一方以个人名义借款的")}
    assert carried == {"丈夫", "妻子"}


def test_everyday_words_of_crimes_and_licences_bring_the_regulations_words():
    """'有人打电话谎称机场有炸弹…', '没有采矿许可证私自开矿', '报废车拆了零件卖掉', '用POS机套现走账' were refused over
    the interpretations and regulations that answer them, which say 恐怖信息, 擅自采矿, 报废机动车, 虚构交易."""
    terms = set(statutory_terms("有人打电话谎称机场有炸弹，航班延误；没有采矿许可证私自开矿；报废车拆了零件；用POS机套现走账"))
    assert {"恐怖信息", "航空器", "擅自", "开采", "报废机动车", "零部件", "虚构交易"} <= terms, terms
    assert "记载不明" in statutory_terms("担保书上期限没写明怎么办？")  # what a document leaves out, as statutes say it
    assert {"盗窃", "机动车", "拼装"} <= set(statutory_terms("明知是别人偷来的汽车，还帮忙改装后卖掉"))
