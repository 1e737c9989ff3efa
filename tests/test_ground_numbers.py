"""Grounding compares figures in every form: single digits, Chinese numerals, 万/亿 units and percentages."""

from retrieval.answer.ground import ground
from retrieval.search.numbers import chinese_figures, parse_chinese_numeral

PASSAGE = "河南省检察机关持续推进信访工作法治化，信访总量明显下降，群众满意度进一步提升。"
FIGURES = "全省设立信访接待中心二百零五个，信访总量下降百分之三十，共有3万人次参与公开听证，5人被追责。"


def test_unsupported_single_digits_and_chinese_numerals_are_dropped():
    for sentence in ("Henan cut petitions by 9 percent [1].", "Henan opened 7 new petition centres [1].",
                     "信访总量下降百分之三十[1]。", "共3人被问责[1]。", "共三人被问责[1]。", "新设二百零五个接待中心[1]。"):
        result = ground(sentence, {1: PASSAGE}, "en" if sentence.isascii() else "zh")
        assert result.text == "" and result.dropped == 1, sentence
        assert result.warnings, sentence


def test_figures_match_across_forms():
    for sentence in ("信访总量下降30%[1]。", "Petitions fell by 30 percent [1].", "设立205个接待中心[1]。",
                     "三万人次参与公开听证[1]。", "30,000 people took part in hearings [1].", "五人被追责[1]。",
                     "5 people were held accountable [1]."):
        result = ground(sentence, {1: FIGURES}, "en" if sentence.isascii() else "zh")
        assert result.kept == 1 and not result.warnings, (sentence, result.warnings)


def test_words_made_of_numerals_are_not_figures():
    assert chinese_figures("统一思想，进一步推进一体化，千方百计，万一出现，一是加强，十分重要") == set()
    assert chinese_figures("党的十九大以来设立七个中心，二〇二三年") == {19, 7, 2023}
    assert [parse_chinese_numeral(t) for t in ("三十", "二百零五", "两万", "一亿二千万", "十二")] == \
        [30, 205, 20000, 120_000_000, 12]
