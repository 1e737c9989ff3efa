"""An article asked for by number, its paragraphs (款) and items (项), and the articles around it, in one
conversation: '慈善法第十条怎么规定的？', '第二款呢？', '下一条呢？', '第三项是什么？'."""

from answer_helpers import answer_lines
from fakes import engine_over
from retrieval.types import Turn, cited_titles

CHARITY_LAW = """中华人民共和国慈善法

第二章 慈善组织

第九条 慈善组织应当符合下列条件：

（一）以开展慈善活动为宗旨；

（二）不以营利为目的；

（三）有自己的名称和住所。

第十条 设立慈善组织，应当向县级以上人民政府民政部门申请登记，民政部门应当自受理申请之日起三十日内作出决定。

已经设立的基金会、社会团体、社会服务机构等非营利性组织，可以向办理其登记的民政部门申请认定为慈善组织，民政部门应当自受理申请之日起二十日内作出决定。

有特殊情况需要延长登记或者认定期限的，报经国务院民政部门批准，可以适当延长，但延长的期限不得超过六十日。

第十一条 慈善组织的章程，应当符合法律法规的规定，并载明下列事项：

（一）名称和住所；

（二）组织形式；

（三）宗旨和活动范围；

（四）财产来源及构成。

第三章 慈善募捐

第二十一条 本法所称慈善募捐，是指慈善组织基于慈善宗旨募集财产的活动。
"""

# a long interpretation's title, as the statutes corpus has them (more than thirty characters)
INTERPRETATION = """最高人民法院 最高人民检察院关于办理非法从事资金支付结算业务、非法买卖外汇刑事案件适用法律若干问题的解释

第六条 二次以上非法从事资金支付结算业务或者非法买卖外汇，依法应予行政处理或者刑事处理而未经处理的，非法经营数额或者违法所得数额累计计算。

第七条 非法从事资金支付结算业务或者非法买卖外汇违法所得数额难以确定的，按非法经营数额的千分之一认定违法所得数额。
"""


def _conversation(engine, *messages: str) -> list[str]:
    """Each message's first answer line, asked in turn in one conversation as the terminal chat keeps it."""
    history: list[Turn] = []
    firsts = []
    for message in messages:
        result = engine.answer(history, message)
        firsts.append(answer_lines(result.answer)[0])
        history += [Turn(role="user", text=message),
                    Turn(role="assistant", text=result.answer, sources=cited_titles(result.citations))]
    return firsts


def test_a_paragraph_asked_is_quoted_alone_and_a_missing_one_is_said_missing(fake_index, tmp_path):
    """'第二款' came back as the whole article, first paragraph first; a fourth paragraph of a three-paragraph
    article is said not to exist before the article is quoted."""
    engine = engine_over(fake_index, tmp_path, {"慈善法.txt": CHARITY_LAW})
    second = engine.answer([], "慈善法第十条第二款怎么规定的？").answer
    assert answer_lines(second)[0].startswith("慈善法第十条第二款规定：已经设立的基金会"), second
    assert "三十日内作出决定" not in second and "六十日" not in second, second
    fourth = answer_lines(engine.answer([], "慈善法第十条第四款是什么？").answer)
    assert fourth[0].startswith("慈善法第十条只有三款，没有第四款"), fourth
    assert any("六十日" in line for line in fourth[1:]), fourth


def test_an_article_cited_in_digits_is_quoted_whole(fake_index, tmp_path):
    """'慈善法第11条' lost its only topic term (第十一条 is not how the question spells it) and was answered from
    another article's words."""
    engine = engine_over(fake_index, tmp_path, {"慈善法.txt": CHARITY_LAW})
    lines = answer_lines(engine.answer([], "慈善法第11条规定了什么").answer)
    assert lines[0].startswith("慈善法第十一条规定：慈善组织的章程"), lines
    assert any("（四）财产来源及构成" in line for line in lines), lines


def test_paragraphs_items_and_next_articles_follow_the_article_discussed(fake_index, tmp_path):
    """'第三款呢？', '下一条呢？', '第三项是什么？', '上一条呢？' after an article: its other parts, and the
    articles around it, of the same law; before, '下一条呢？' was searched as words and answered from 第六十一条."""
    engine = engine_over(fake_index, tmp_path, {"慈善法.txt": CHARITY_LAW})
    firsts = _conversation(engine, "慈善法第十条怎么规定的？", "第三款呢？", "下一条呢？", "第三项是什么？", "上一条呢？")
    assert firsts[1].startswith("慈善法第十条第三款规定：有特殊情况需要延长"), firsts
    assert firsts[2].startswith("慈善法第十一条规定：慈善组织的章程"), firsts
    assert firsts[3].startswith("慈善法第十一条第三项规定：（三）宗旨和活动范围"), firsts
    assert firsts[4].startswith("慈善法第十条规定：设立慈善组织"), firsts


def test_an_article_named_alone_after_a_law_is_that_laws_article(fake_index, tmp_path):
    """'第9条第二项规定了什么' names no law: it is the law just discussed's (it had been answered from another
    law's 第二款); a long interpretation's title is a law's too, so '上一条呢？' stays in it."""
    engine = engine_over(fake_index, tmp_path, {"慈善法.txt": CHARITY_LAW, "资金支付结算解释.txt": INTERPRETATION})
    firsts = _conversation(engine, "慈善法第十条第二款", "第9条第二项规定了什么")
    assert firsts[1].startswith("慈善法第九条第二项规定：（二）不以营利为目的"), firsts
    firsts = _conversation(engine, "非法买卖外汇违法所得数额难以确定的怎么认定？", "上一条呢？")
    assert "千分之一" in firsts[0], firsts
    assert "累计计算" in firsts[1], firsts


def test_english_paragraphs_and_the_next_article(fake_index, tmp_path):
    """'Article 10, paragraph 2 of the 慈善法' is that paragraph; 'And the next article?' is Article 11."""
    engine = engine_over(fake_index, tmp_path, {"慈善法.txt": CHARITY_LAW})
    history: list[Turn] = []
    first = engine.answer(history, "What does Article 10, paragraph 2 of the 慈善法 say?")
    lines = answer_lines(first.answer)
    assert lines[0].startswith("Article 10, paragraph 2 of "), lines
    assert "已经设立的基金会" in first.answer and "六十日" not in first.answer, lines
    history += [Turn(role="user", text="What does Article 10 of the 慈善法 say?"),
                Turn(role="assistant", text=first.answer, sources=cited_titles(first.citations))]
    following = engine.answer(history, "And the next article?").answer
    assert "慈善组织的章程" in following and "设立慈善组织" not in following, following


NATIONALITY_LAW = """中华人民共和国国籍法

第七条 外国人或无国籍人，愿意遵守中国宪法和法律，并具有下列条件之一的，可以经申请批准加入中国国籍：

一、中国人的近亲属；

二、定居在中国的；

三、有其它正当理由。

第八条 申请加入中国国籍获得批准的，即取得中国国籍。

第九条 本法自公布之日起施行。
"""

SAFETY_INTERPRETATION = """最高人民法院、最高人民检察院关于办理危害生产安全刑事案件适用法律若干问题的解释

第六条 实施刑法第一百三十二条规定的行为，因而发生安全事故，具有下列情形之一的，应当认定为“造成严重后果”：

（一）造成死亡一人以上，或者重伤三人以上的；

（二）造成直接经济损失一百万元以上的。

第七条 本解释所称的直接经济损失，是指事故造成的财产损失。

第八条 本解释自2015年12月16日起施行。
"""


def test_a_whole_article_an_older_laws_items_and_an_article_the_law_lacks(fake_index, tmp_path):
    """'慈善法第十条' gave its first paragraph only; '国籍法第七条第二项' said the article listed no items (they
    are numbered '二、'); '慈善法第六十条' of a law that ends sooner was answered with other articles' fragments."""
    engine = engine_over(fake_index, tmp_path, {"慈善法.txt": CHARITY_LAW, "国籍法.txt": NATIONALITY_LAW})
    whole = engine.answer([], "慈善法第十条").answer
    assert "二十日内" in whole and "六十日" in whole, whole
    assert answer_lines(engine.answer([], "国籍法第七条第二项").answer)[0] == "国籍法第七条第二项规定：二、定居在中国的；[1]"
    missing = engine.answer([], "慈善法第六十条怎么规定的？")
    assert answer_lines(missing.answer)[0] == "《慈善法》没有第六十条（最后一条是第二十一条）。" and not missing.citations
    english = engine.answer([], "What does Article 60 of the 慈善法 say?").answer
    assert answer_lines(english)[0].startswith("The 慈善法 has no Article 60 (its last is Article 21)"), english


def test_an_interpretation_by_its_short_name_and_when_a_law_took_effect(fake_index, tmp_path):
    """Staff call '最高人民法院、最高人民检察院关于办理危害生产安全刑事案件适用法律若干问题的解释' 危害生产安全解释:
    it was not recognised, and its 第六条 answered from a fragment of another; 'when did it take effect' was
    answered from other articles; '…所称的直接经济损失是指什么' is answered by the definition."""
    engine = engine_over(fake_index, tmp_path, {"危害生产安全解释.txt": SAFETY_INTERPRETATION, "国籍法.txt": NATIONALITY_LAW})
    lines = answer_lines(engine.answer([], "危害生产安全解释第六条").answer)
    assert lines[0].startswith("危害生产安全刑事案件解释第六条规定：实施刑法第一百三十二条"), lines
    assert any("造成死亡一人以上" in line for line in lines), lines
    assert answer_lines(engine.answer([], "危害生产安全刑事案件解释什么时候施行？").answer)[0] == \
        "第八条 本解释自2015年12月16日起施行。[1]"
    assert answer_lines(engine.answer([], "国籍法自何时起施行？").answer)[0] == "第九条 本法自公布之日起施行。[1]"
    assert answer_lines(engine.answer([], "危害生产安全刑事案件中的“直接经济损失”是指什么？").answer)[0] == \
        "第七条 本解释所称的直接经济损失，是指事故造成的财产损失。[1]"
    # '什么算…？' asks the same definition ('什么算垄断协议？' had led with a list's last item)
    from retrieval.answer.definitions import defined_term

    assert defined_term("什么算垄断协议？") == "垄断协议" and defined_term("什么叫做直接经济损失") == "直接经济损失"


def test_this_articles_fine_is_asked_of_the_article_discussed():
    """'这条的罚款是多少？' after 第七十三条 was searched alone and answered from 第七十条; a law the collection
    lacks, asked by article, is said missing without other laws' same-numbered articles."""
    from retrieval.answer.followup import heuristic_rewrite

    history = [Turn(role="user", text="职业病防治法第七十二条"), Turn(role="assistant", text="职业病防治法第七十二条规定：…[1]",
                                                                      sources=["中华人民共和国职业病防治法"]),
               Turn(role="user", text="下一条呢？"), Turn(role="assistant", text="职业病防治法第七十三条规定：…[1]",
                                                         sources=["中华人民共和国职业病防治法"])]
    assert heuristic_rewrite(history, "这条的罚款是多少？") == "职业病防治法第七十三条的罚款是多少？"
    assert heuristic_rewrite(history[:2], "违反这条罚多少") == "违反职业病防治法第七十二条罚多少"


def test_an_article_of_a_law_the_collection_lacks_is_not_answered_by_its_namesakes(fake_index, tmp_path):
    """'刑事诉讼法第八十一条' quoted other laws' 第八十一条 as 'the closest' (the Prison Law's parole, a fine): an
    article number says nothing of another law."""
    engine = engine_over(fake_index, tmp_path, {"慈善法.txt": CHARITY_LAW})
    result = engine.answer([], "刑事诉讼法第十条")
    assert answer_lines(result.answer)[0] == "收录的资料中没有《刑事诉讼法》。" and not result.citations, result.answer


def test_again_the_next_article_a_law_named_by_its_short_title_and_nothing_before_the_first():
    """'再下一条' went backwards to 第三十一条; '刑法第一百六十八条' after a judicial rule was asked of that rule
    ('刑法' is too short to read as a law's title); '上一条？' after 第一条 quoted random articles; an article with
    no items 'listed zero items'."""
    from retrieval.answer.followup import heuristic_rewrite

    law = ["中华人民共和国慈善法"]
    history = [Turn(role="user", text="慈善法第十条"), Turn(role="assistant", text="慈善法第十条规定：…[1]", sources=law)]
    assert heuristic_rewrite(history, "再下一条") == "慈善法第十一条"
    assert heuristic_rewrite(history, "刑法第一百六十八条") == "刑法第一百六十八条"
    first = [Turn(role="user", text="慈善法第一条"), Turn(role="assistant", text="慈善法第一条规定：…[1]", sources=law)]
    assert heuristic_rewrite(first, "上一条？") == "慈善法第一条"


def test_an_article_without_items_says_so(fake_index, tmp_path):
    engine = engine_over(fake_index, tmp_path, {"慈善法.txt": CHARITY_LAW})
    assert answer_lines(engine.answer([], "慈善法第二十一条第三项是什么？").answer)[0] == "慈善法第二十一条不分项；全文如下。[1]"
