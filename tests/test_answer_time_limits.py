"""'Within what time?', '期限最长是多久？', '有没有时间上的要求？': a time limit is answered by the sentence that
states one ('三日内', '不得超过三十日'), though it shares few of the question's words; English leads name it."""

import pytest

from fakes import engine_over
from retrieval.answer.english_figures import english_time_limits
from retrieval.answer.extractive import asked_of
from retrieval.answer.parts import question_parts

# A made-up statute laid out as the statutes in the collection are: a title, then one article per line.
RIVER_LAW = """# 河道巡查条例

第一条 为了规范河道巡查工作，保护河道安全，制定本条例。
第二条 河道管理机构负责本行政区域内的河道巡查工作，巡查人员应当持证上岗。
第三条 巡查人员发现非法采砂行为的，应当制止，并向河道管理机构报告。河道管理机构接到报告后，应当在三日内作出处理决定。
第四条 非法采砂的船只可以暂扣，暂扣的期限不得超过三十日；案情复杂的，经批准可以延长至六十日。
第五条 河道管理机构应当定期公布巡查结果，接受社会监督。
第六条 本条例自公布之日起施行。
"""


@pytest.fixture
def river_law(fake_index, tmp_path):
    return engine_over(fake_index, tmp_path, {"河道巡查条例.md": RIVER_LAW})


def test_how_long_is_answered_by_the_sentence_stating_the_limit(river_law):
    answer = river_law.answer([], "巡查时发现有船只非法采砂，船被暂扣了，暂扣最长是多久？").answer
    assert "不得超过三十日" in answer, answer
    assert "十五日内" not in answer and "届满三十日前" not in answer, answer  # the lead states the limit


def test_a_second_part_asking_only_about_time_is_read_with_the_facts_told_first(river_law):
    question = "巡查人员发现非法采砂，告诉了河道管理机构。管理机构应当怎么处理？有没有时间上的要求？"
    parts = question_parts(asked_of(question, "zh"), lambda part: asked_of(part, "zh"))
    assert len(parts) == 2 and "非法采砂" in parts[1].question, [p.question for p in parts]
    assert parts[1].asks_time_limit
    answer = river_law.answer([], question).answer
    assert "应当在三日内作出处理决定" in answer, answer


def test_a_trailing_and_within_what_time_stays_with_what_the_first_part_asks(river_law):
    """'…what must the management body do, and within what time?': the time limit is on that duty, so the
    message is answered whole (split off and read with the facts told before it, it lost the duty it limits,
    and the first line named no limit)."""
    question = ("Patrol staff found illegal sand mining (非法采砂) and reported it to the river management body "
                "(河道管理机构). What must the river management body do, and within what time?")
    assert len(question_parts(asked_of(question, "en"), lambda part: asked_of(part, "en"))) == 1
    answer = river_law.answer([], question).answer
    assert "应当在三日内作出处理决定" in answer, answer
    assert "within 3 days" in answer.splitlines()[0], answer


def test_an_english_lead_names_the_time_limits_in_english(river_law):
    answer = river_law.answer([], "What is the time limit for holding (暂扣) a boat caught in illegal sand mining "
                                  "(非法采砂), and can it be extended?").answer
    assert "time limits: no more than 30 days" in answer.splitlines()[0], answer
    assert "extendable to 60 days" in answer.splitlines()[0], answer


@pytest.mark.parametrize("sentence, limits", [
    ("应当在二十四小时内将申请转交", ["within 24 hours"]),
    ("暂扣的期限不得超过三十日；经批准可以延长至六十日", ["no more than 30 days", "extendable to 60 days"]),
    ("应当在截止时间至少十五日前通知", ["at least 15 days before"]),
    ("两个月内作出决定", ["within 2 months"]),
    ("2020年以前的案件", []),            # a year is a date, not a limit
    ("判处有期徒刑三年", []),            # a prison term is not a time limit
    ("巡查三十日后公布", []),            # a bare span states no limit
])
def test_time_limits_in_english(sentence, limits):
    assert english_time_limits(sentence) == limits


@pytest.mark.parametrize("question, asks", [
    ("拘留审查的期限最长是多久？", True), ("Within what time must the application be passed on?", True),
    ("How much notice must the tendering party give?", True), ("判了几年？", False),
    ("河南是怎么减少信访的？", False), ("How did Guangxi improve its case ratio?", False),
    ("How quickly must a workplace accident be reported?", True), ("事故发生后几小时内要报告？", True),
])
def test_which_questions_ask_a_time_limit(question, asks):
    assert asked_of(question, "en" if question.isascii() else "zh").asks_time_limit is asks


def test_the_words_asking_how_many_hours_are_no_topic_words():
    """'事故发生后几小时内要报告？' was refused: 几小时 and 内要 (jieba's pairing of 内 and 要) were topic words."""
    topic = {term for group, _ in asked_of("事故发生后几小时内要报告？", "zh").topic for term in group}
    assert "事故" in topic and not {"几小时", "内要"} & topic, topic




def test_one_english_sentence_asking_two_things_is_answered_on_both(river_law):
    question = ("After a patrol reports illegal sand mining (非法采砂) to the river authority (河道管理机构), within what "
                "time must the authority make a decision, and how long may a boat be held (暂扣)?")
    parts = question_parts(asked_of(question, "en"), lambda part: asked_of(part, "en"))
    assert [p.question.split(",")[-1].strip()[:8] for p in parts] == ["within w", "how long"], parts
    answer = river_law.answer([], question).answer
    assert "三日内作出处理决定" in answer and "不得超过三十日" in answer, answer


def test_parts_answered_together_are_trimmed_from_their_longest_part_keeping_each_lead():
    from retrieval.answer.extractive import PARTS_CHARS, _fit

    long_bullet = "- " + "甲" * (PARTS_CHARS // 3) + "[1]"
    first = [("第一部分的回答[1]", [1]), (long_bullet, [1]), (long_bullet, [1]), (long_bullet, [1])]
    second = [("第二部分的回答[1]", [2]), ("- 第二部分的证据。[1]", [2])]
    blocks = [first, second]
    _fit(blocks)
    assert blocks[1] == second                         # the short part is untouched
    assert blocks[0][0][0] == "第一部分的回答[1]" and len(blocks[0]) == 3  # the long one lost its last bullet
    assert sum(len(line.replace("[1]", "")) for block in blocks for line, _ in block) <= PARTS_CHARS


ALIENS_LAW = """# 外国人出入境管理条例

第三十条 外国人所持签证注明入境后需要办理居留证件的，应当自入境之日起三十日内，向拟居留地公安机关出入境管理机构申请办理外国人居留证件。

第三十一条 公安机关出入境管理机构应当自收到申请材料之日起十五日内进行审查并作出审查决定，签发相应类别和期限的外国人居留证件。

第三十二条 在中国境内居留的外国人申请延长居留期限的，应当在居留证件有效期限届满三十日前向公安机关出入境管理机构提出申请。

第六十条 外国人有非法居留情形的，经公安机关负责人批准，可以拘留审查。实施拘留审查，应当出示拘留审查决定书，并在二十四小时内进行询问。拘留审查的期限不得超过三十日；案情复杂的，经上一级地方人民政府公安机关批准可以延长至六十日。
"""


def test_the_clause_that_asks_outweighs_the_story_told_before_it(fake_index, tmp_path):
    """'外国人涉嫌非法居留，被公安机关拘留审查，拘留审查的期限最长是多久？': the limit of the detention asked about,
    not the residence-permit limits that share the story's words (外国人, 居留, 公安机关)."""
    from retrieval.answer.asking import asking_clause
    from retrieval.answer.question import analyse

    question = "外国人涉嫌非法居留，被公安机关拘留审查，拘留审查的期限最长是多久？"
    assert asking_clause(question) == "拘留审查的期限最长是多久？"
    asked = analyse(question, "zh")
    focused = {asked.topic[i][0][0] for i in asked.focus}
    assert {"拘留", "期限"} <= focused and "居留" not in focused, focused
    answer = engine_over(fake_index, tmp_path, {"外国人出入境管理条例.md": ALIENS_LAW}).answer([], question).answer
    assert "不得超过三十日" in answer, answer
    assert "十五日内" not in answer and "届满三十日前" not in answer, answer


SUPERVISION_LAW = """# 中华人民共和国监察法

第四十五条 监察机关根据监督、调查结果，依法作出如下处置：（一）对有职务违法行为但情节较轻的公职人员，进行谈话提醒。

第四十七条 对监察机关移送的案件，人民检察院依照《中华人民共和国刑事诉讼法》对被调查人采取强制措施。人民检察院经审查，认为需要补充核实的，应当退回监察机关补充调查，必要时可以自行补充侦查。对于补充调查的案件，应当在一个月内补充调查完毕。补充调查以二次为限。

第四十九条 监察对象对监察机关作出的涉及本人的处理决定不服的，可以在收到处理决定之日起一个月内，向作出决定的监察机关申请复审。
"""


def test_a_limit_on_time_and_times_is_answered_by_both_limits(fake_index, tmp_path):
    """'有没有时间和次数上的限制？' asks the limits, not the words 时间 or 次数: the sentences stating them
    ('一个月内补充调查完毕', '以二次为限') answer, though they repeat little of the story told."""
    from retrieval.answer.question import analyse

    question = "检察院审查监察机关移送的案件，认为需要补充核实，退回补充调查的，有没有时间和次数上的限制？"
    asked = analyse(question, "zh")
    assert asked.wants_time_limit and not any("时间" in group[0] or "次数" in group[0] for group, _ in asked.topic)
    answer = engine_over(fake_index, tmp_path, {"监察法.md": SUPERVISION_LAW}).answer([], question).answer
    assert "应当在一个月内补充调查完毕" in answer and "补充调查以二次为限" in answer, answer


def test_which_article_after_an_answer_from_a_law_names_the_articles_it_quoted(river_law):
    """'依据哪条？' / 'Which article says that?' after an answer from a law were refused (no topic of their own) or
    answered from another article; they name the articles of the sentences the last answer quoted. A follow-up
    after them is asked of the question before ('由哪个部门处罚？' had been asked of '依据哪条')."""
    from retrieval.answer.followup import heuristic_rewrite
    from retrieval.answer.phrases import ARTICLES_OF_LAST
    from retrieval.types import Turn, cited_titles

    question = "非法采砂的船只暂扣最长是多久？"
    first = river_law.answer([], question)
    history = [Turn(role="user", text=question),
               Turn(role="assistant", text=first.answer, sources=cited_titles(first.citations))]
    for follow_up, language, named in (("依据哪条？", "zh", "《河道巡查条例》第四条："),
                                       ("Which article says that?", "en", "Article 4 of the")):
        lines = river_law.answer(history, follow_up).answer.splitlines()
        assert lines[0] == ARTICLES_OF_LAST[language], lines
        assert lines[1].startswith(f"- {named}") and "不得超过三十日" in lines[1], lines
    law = ["票据管理实施办法"]
    asked = [Turn(role="user", text="签发空头支票会受到什么处罚？"), Turn(role="assistant", text="第三十一条 …", sources=law),
             Turn(role="user", text="依据哪条？"), Turn(role="assistant", text="上一个回答依据以下条文：…", sources=law)]
    rewritten = heuristic_rewrite(asked, "那由哪个部门处罚？")
    assert "空头支票" in rewritten and "依据哪条" not in rewritten, rewritten
