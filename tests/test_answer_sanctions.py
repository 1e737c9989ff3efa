"""English leads say what a law or judgment does to someone: fines, detention, prison, orders, leniency."""

import pytest

from fakes import engine_over
from retrieval.answer.sanctions import sanctions


@pytest.mark.parametrize(("sentence", "expected"), [
    ("单位违反本法规定的，责令改正，处五千元以上五万元以下罚款：", ["ordered to correct", "a fine of 5,000 to 50,000 yuan"]),
    ("个人有前款行为之一的，处警告或者五百元以下罚款。", ["a warning", "a fine of up to 500 yuan"]),
    ("情节严重，尚不构成犯罪的，处五日以上十日以下拘留。", ["5 to 10 days' detention"]),
    ("情节严重的，责令停业，并处10万元以上50万元以下罚款。", ["ordered to suspend business", "a fine of 100,000 to 500,000 yuan"]),
    ("中标无效，处中标项目金额千分之五以上千分之十以下的罚款", ["the bid award is void", "a proportional fine of 0.5% to 1%"]),
    ("处三年以下有期徒刑、拘役或者管制，并处或者单处罚金；情节特别严重的，处三年以上七年以下有期徒刑",
     ["up to 3 years' imprisonment", "criminal detention", "plus a criminal fine", "3 to 7 years' imprisonment"]),
    ("在一审宣告判决前履行全部执行义务的，可以酌情从宽处罚。", ["more lenient punishment"]),
    ("明知他人套牌使用其号牌不予制止的，应当与套牌机动车所有人承担连带责任。", ["joint and several liability"]),
    ("全市检察机关共受理审查逮捕5631件，同比下降24.3%。", []),
    # a fine in multiples of a value named with a 、 inside, confiscation and revocation of other than a licence
    ("生产、销售假药的，没收违法生产、销售的药品和违法所得，责令停产停业整顿，吊销药品批准证明文件，"
     "并处违法生产、销售的药品货值金额十五倍以上三十倍以下的罚款",
     ["illegal gains confiscated", "ordered to suspend business", "licence revoked", "a proportional fine of 15 to 30 times"]),
])
def test_a_sanction_in_statutory_wording_is_read_in_english(sentence, expected):
    assert sanctions(sentence) == expected


FIRE_LAW = """# 中华人民共和国消防法

第四十四条 人员密集场所发生火灾，该场所的现场工作人员应当立即组织、引导在场人员疏散。

第六十条 单位违反本法规定，有下列行为之一的，责令改正，处五千元以上五万元以下罚款：（一）占用、堵塞、封闭疏散通道、安全出口的；（二）占用、堵塞、封闭消防车通道，妨碍消防车通行的。

第六十四条 违反本法规定，有下列行为之一，尚不构成犯罪的，处十日以上十五日以下拘留，可以并处五百元以下罚款。
"""


def test_an_english_question_on_a_penalty_gets_it_in_the_first_line(fake_index, tmp_path):
    """'What fine can an organisation get?' over a law: the first line gives the fine in English, and calls the
    law's words key terms, not a region's 'practices'."""
    engine = engine_over(fake_index, tmp_path, {"消防法.md": FIRE_LAW})
    answer = engine.answer([], "What fine can an organisation get under the Fire Protection Law for blocking "
                               "evacuation routes and fire engine passages?").answer
    first = answer.splitlines()[0]
    assert "a fine of 5,000 to 50,000 yuan" in first, answer
    # the law by its English name and the article that answers, as cited
    assert first.startswith("The Fire Protection Law (消防法), Articles 60,"), answer
    assert "practices named" not in first, answer
    assert "五千元以上五万元以下罚款" in answer  # the evidence stays quoted beneath


HERBS = """# 野生药材资源保护管理条例

第四条 国家重点保护的野生药材物种分为三级：一级：濒临灭绝状态的稀有珍贵野生药材物种；二级：分布区域缩小的重要野生药材物种。

第六条 禁止采猎一级保护野生药材物种。

第十一条 建立国家或地方野生药材资源保护区，需经国务院或县以上地方人民政府批准。

第十八条 违反本条例第六条、第七条规定的，由当地县以上医药管理部门没收其非法采猎的野生药材及使用工具，并处以罚款。

第二十一条 保护野生药材资源管理部门工作人员徇私舞弊的，由所在单位给予行政处分。
"""
ANIMALS = """# 中华人民共和国陆生野生动物保护实施条例

第十条 有关单位和个人对国家和地方重点保护野生动物可能造成的危害，应当采取防范措施。

第三十九条 外国人未经批准在中国境内对国家重点保护陆生野生动物进行野外考察的，没收考察资料，并处五万元以下罚款。
"""


def test_asked_what_a_breach_costs_under_a_named_law_the_penalty_for_that_rule_leads(fake_index, tmp_path):
    """'按照…条例应该怎么处理？': the law named is where the answer comes from, the penalty article punishing the
    breach of the rule the question describes is the first line, the rule itself is quoted beneath; another
    law's fine and a measure ('建立…保护区') are not the answer."""
    engine = engine_over(fake_index, tmp_path, {"herbs.md": HERBS, "animals.md": ANIMALS})
    answer = engine.answer([], "有村民上山采挖一级保护的野生药材，被当场查获。按照野生药材资源保护管理条例应该怎么处理？").answer
    first = answer.splitlines()[0]
    assert first.startswith("第十八条 违反本条例第六条") and "没收其非法采猎的野生药材" in first, answer
    assert "禁止采猎一级保护野生药材物种" in answer, answer
    assert "外国人未经批准" not in answer and "建立国家或地方野生药材资源保护区" not in answer, answer


def test_a_law_named_in_the_question_is_not_a_topic_term():
    """The words of the title named ('野生药材资源保护管理条例') say where to look; the question's own words
    elsewhere ('一级保护的野生药材') stay topic terms."""
    from retrieval.answer.extractive import asked_of
    from retrieval.answer.retrieve import law_titles, with_named_laws

    asked = asked_of("有村民采挖一级保护的野生药材。按照野生药材资源保护管理条例应该怎么处理？", "zh")
    named = with_named_laws(asked, law_titles(["野生药材资源保护管理条例", "中华人民共和国消防法", "某区工作报告"]))
    assert named.named_laws == ["野生药材资源保护管理条例"]
    terms = {group[0] for group, _ in named.topic}
    assert {"野生", "药材", "一级"} <= terms and not terms & {"资源", "管理", "条例"}, terms
    assert named.names_document("herbs.md", "野生药材资源保护管理条例")
    assert not named.names_document("fire.md", "中华人民共和国消防法")
    assert asked.asks_sanction
    by_title = with_named_laws(asked_of("依照消防法，对单位能罚多少钱？", "zh"), law_titles(["中华人民共和国消防法"]))
    assert by_title.named_laws == ["中华人民共和国消防法"]


def test_a_laws_wording_of_a_measure_is_not_a_practice_reported():
    """'开展…' in a report says what a region did and answers 'how'; the same words in a law's article are its
    rule, worth no more than any other article carrying the question's words."""
    from retrieval.answer.extractive import asked_of
    from retrieval.answer.scoring import candidates
    from retrieval.types import Hit

    text = "居民委员会应当开展便民利民的社区服务活动。"
    asked = asked_of("居民委员会怎么开展社区服务？", "zh")

    def score(title: str) -> float:
        hit = Hit(rank=1, score=1.0, source=f"{title}.md", title=title, section="", text=text, regions=[],
                  passage_id="p1")
        return candidates([hit], asked)[0].score

    assert score("中华人民共和国城市居民委员会组织法") < score("某区社区治理工作报告") - 0.3


def test_every_part_of_a_message_naming_a_law_asks_about_that_law():
    """'…违反野生药材资源保护管理条例…由哪个部门处理？如果到期仍不改正怎么办？': the second part says no title
    but asks about the same law; a placeholder ('某县') is no topic term; a breach told asks what it costs."""
    from retrieval.answer.extractive import _in_named_laws, asked_of
    from retrieval.answer.retrieve import law_titles, with_named_laws

    title = "野生药材资源保护管理条例"
    message = with_named_laws(asked_of("某县有人违反野生药材资源保护管理条例采挖药材，由哪个部门处理？到期不改正怎么办？", "zh"),
                              law_titles([title]))
    assert message.named_laws == [title] and message.asks_sanction
    assert "某县" not in {group[0] for group, _ in message.topic}
    later = _in_named_laws(asked_of("到期不改正怎么办？", "zh"), message)
    assert later.named_laws == [title]
    assert not asked_of("追赶的人要不要承担赔偿责任？", "zh").asks_sanction  # civil liability is no sanction


def test_a_character_and_a_particle_paired_by_jiebas_model_are_no_topic_term():
    """'…挪去发了单位福利', '两个县为一片山林…': '挪去' and '县为' are no words (jieba's model paired a character with
    a particle), no passage writes them, and as the rarest 'terms' of the question they outweighed the words a
    law does use; a real word ending in such a character (认为, 过去) is not dropped by this rule."""
    from retrieval.answer.extractive import asked_of
    from retrieval.answer.question import _topical

    terms = {group[0] for group, _ in asked_of("工作人员把补贴截留下来，挪去发了单位福利，应当怎么处理？", "zh").topic}
    assert "挪去" not in terms and "截留" in terms, terms
    assert not _topical("县为", [], []) and _topical("过去", [], [])


@pytest.mark.parametrize("sentence, fit", [
    ("违法生产经营的化妆品货值金额不足1万元的，并处5万元以上15万元以下罚款；", 1),
    ("货值金额1万元以上的，并处货值金额15倍以上30倍以下罚款；", -1),
    ("货值金额1万元以上不足10万元的，并处罚款；", -1),
    ("数额在五千元以上的，依法追究刑事责任。", 1),
    ("处5万元以上15万元以下罚款。", 0),  # a penalty's own range is no condition on the amount
])
def test_the_tier_an_amount_the_question_states_falls_in(sentence, fit):
    from retrieval.answer.tiers import stated_amount, tier_fit

    amount = stated_amount("某人在出租屋里生产面霜，查获的货值大约8000元。应该怎么处罚？")
    assert amount == (8000, "元")
    assert tier_fit(sentence, amount) == fit
    assert stated_amount("砂石按市价算约8万元") == (80000, "元") and stated_amount("罚了5万元还是8万元？") is None


def test_a_fine_is_led_by_the_tier_the_asked_amount_falls_in():
    """'查获的货值大约8000元…罚款幅度是多少？': the rule for goods worth under 10,000 yuan leads, not the one above."""
    from retrieval.answer.question import analyse
    from retrieval.answer.scoring import candidates
    from retrieval.types import Hit

    text = ("第五十九条 有下列情形之一的，由负责药品监督管理的部门没收违法所得、违法生产经营的化妆品；"
            "违法生产经营的化妆品货值金额1万元以上的，并处货值金额15倍以上30倍以下罚款；"
            "货值金额不足1万元的，并处5万元以上15万元以下罚款。")
    hit = Hit(rank=1, score=1.0, source="化妆品监督管理条例.txt", title="化妆品监督管理条例", section="第六章",
              text=text, regions=[], passage_id="h-1")
    asked = analyse("某人没有取得化妆品生产许可就生产面霜，查获的货值大约8000元。罚款幅度是多少？", "zh")
    best = max(candidates([hit], asked), key=lambda s: s.score)
    assert "不足1万元" in best.unit.text, best.unit.text


def test_an_english_question_names_a_law_by_its_title_in_english():
    """'Under the Statistics Law…', 'the Teachers Qualification Regulations': the title's words in Chinese, in
    order, and its kind (Law -> 法, Regulations -> 条例) spell a short title of the collection; a title the
    collection lacks names nothing."""
    from retrieval.answer.retrieve import english_titles

    laws = {"统计法": "中华人民共和国统计法", "教师资格条例": "教师资格条例", "消防法": "中华人民共和国消防法"}
    assert english_titles("Under the Statistics Law, must I show my ledgers?", laws) == {"中华人民共和国统计法"}
    assert english_titles("What do the Teachers Qualification Regulations say about retakes?", laws) == {"教师资格条例"}
    assert english_titles("What is the fine under the Fire Protection Law?", laws) == {"中华人民共和国消防法"}
    assert english_titles("What does the Patent Law say?", laws) == set()
    assert english_titles("what is the fine for blocking a fire lane?", laws) == set()  # no title named


def test_what_a_judgment_imposed_is_read_with_its_numbers():
    """'consequences: exempted from punishment' led for Yu Huan, who got five years: the judgment's own terms."""
    from retrieval.answer.sanctions import sanctions

    assert sanctions("撤销原判刑事部分，以故意伤害罪改判于欢有期徒刑五年。") == ["5 years' imprisonment"]
    assert sanctions("判处马乐有期徒刑三年，缓刑五年，并处罚金人民币1884万元") == \
        ["3 years' imprisonment", "suspended for 5 years", "a fine of 18,840,000 yuan"]
    assert sanctions("判处有期徒刑十二年六个月") == ["12 years 6 months' imprisonment"]
    assert sanctions("判处死刑，缓期二年执行") == ["death with a two-year reprieve"]
    assert sanctions("处三年以下有期徒刑或者拘役，并处或者单处罚金") == \
        ["up to 3 years' imprisonment", "criminal detention", "plus a criminal fine"]


SECRETS_LAW = """# 中华人民共和国反不正当竞争法

第九条 经营者不得实施下列侵犯商业秘密的行为：（一）以盗窃、贿赂、欺诈、胁迫或者其他不正当手段获取权利人的商业秘密；（二）披露、使用或者允许他人使用以前项手段获取的权利人的商业秘密。

第二十一条 经营者以及其他自然人、法人和非法人组织违反本法第九条规定侵犯商业秘密的，由监督检查部门责令停止违法行为，没收违法所得，处十万元以上一百万元以下的罚款；情节严重的，处五十万元以上五百万元以下的罚款。

第三十二条 在侵犯商业秘密的民事审判程序中，商业秘密权利人提供初步证据合理表明商业秘密被侵犯，且提供以下证据之一的，涉嫌侵权人应当证明其不存在侵犯商业秘密的行为：（一）有证据表明涉嫌侵权人有渠道或者机会获取商业秘密，且其使用的信息与该商业秘密实质上相同；（二）有证据表明商业秘密已经被涉嫌侵权人披露、使用或者有被披露、使用的风险；（三）有其他证据表明商业秘密被涉嫌侵权人侵犯。
"""


def test_a_fine_is_quoted_with_its_heavier_tier(fake_index, tmp_path):
    """'侵犯商业秘密，罚多少？' had answered '处十万元以上一百万元以下的罚款' alone: the clause after the '；'
    ('情节严重的，处五十万元以上五百万元以下的罚款') carries none of the asker's words."""
    engine = engine_over(fake_index, tmp_path, {"反不正当竞争法.md": SECRETS_LAW})
    answer = engine.answer([], "侵犯商业秘密，罚多少？").answer
    assert "十万元以上一百万元以下" in answer and "五十万元以上五百万元以下" in answer, answer


def test_a_case_quoting_a_statutes_range_is_not_said_to_have_imposed_it():
    """Yu Huan's case quotes 《刑法》第二十条第二款 ('…应当减轻或者免除处罚'): the English lead said 'consequences:
    exempted from punishment', although he was sentenced to five years."""
    from answer_helpers import passage_hits
    from retrieval.answer.composer import compose
    from retrieval.answer.question import analyse

    hits = passage_hits("指导案例93号_于欢故意伤害案.md", "指导案例93号：于欢故意伤害案", [
        ("裁判理由", [], "其次，关于量刑。《刑法》第二十条第二款规定：\"正当防卫明显超过必要限度造成重大损害的，应当负刑事"
                         "责任，但是应当减轻或者免除处罚。\"于欢的行为属于防卫过当。")], "yu")
    lead = compose(analyse("Was the defendant who acted in self-defense punished?", "en"), hits).text.splitlines()[0]
    assert "exempted" not in lead and "Guiding Case No. 93" in lead, lead
