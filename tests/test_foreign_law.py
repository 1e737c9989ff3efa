"""A question about another country's law is refused in one line, not answered with the nearest Chinese rule."""

import pytest

from retrieval.answer.foreign import foreign_law


@pytest.mark.parametrize(("question", "language", "country"), [
    ("Under US federal securities law, what is the statute of limitations for insider trading claims?", "en", "US"),
    ("How much redundancy pay is due under UK law?", "en", "UK"),
    ("美国的证券法对内幕交易怎么处罚？", "zh", "美国"),
    ("英国法律规定的最低工资是多少？", "zh", "英国"),
    # a foreign party, court or judgment under Chinese law is a question for the collection
    ("Can a US company set up a partnership in China?", "en", None),
    ("Can a US court's divorce judgment be recognised?", "en", None),
    ("美国法院的离婚判决能在中国承认吗？", "zh", None),
    ("卖方交的货不达标，买方转卖了，算不算根本违约？合同里约定适用美国法律", "zh", None),  # a fact of the case
    ("The contract chose US law; is the arbitration clause valid?", "en", None),
    ("How are the English names of laws given?", "en", None),
    ("What does the Legislation Law say about local regulations?", "en", None),
])
def test_another_countrys_law_is_told_from_a_foreign_party_or_court(question, language, country):
    assert foreign_law(question, language) == country


def test_a_question_on_another_countrys_law_is_refused_in_one_line(fake_index, tmp_path):
    """'Under US federal securities law…' had been answered with the securities-company regulation's articles."""
    from answer_helpers import answer_lines
    from fakes import engine_over
    from retrieval.eval.answers import is_refusal

    engine = engine_over(fake_index, tmp_path, {"证券公司监督管理条例.txt": "证券公司监督管理条例\n\n第一条 为了加强对证券公司的"
                                                                       "监督管理，规范证券公司的行为，制定本条例。\n"})
    for question, language in (("Under US federal securities law, what is the limitation period for insider trading?",
                                "en"), ("美国的证券法对内幕交易怎么处罚？", "zh")):
        answer = engine.answer([], question).answer
        assert is_refusal(answer, language) and len(answer_lines(answer)) == 1, answer
        assert "第一条" not in answer, answer
