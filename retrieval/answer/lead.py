"""The Chinese lead line of an offline answer: the item titles the answer covers, or the clauses of its best
sentence that carry the topic, an action, a figure or (for whether / how it ended) the conclusion."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from retrieval.answer.how_much import counted_unit
from retrieval.answer.question import Asked, Kind
from retrieval.answer.scoring import reports_result
from retrieval.answer.traits import ACTION, AGENCY, CONCLUSION, OUTCOME, RESULT, real_figures, simple_form
from retrieval.answer.units import ARTICLE_START, LISTED_ITEM, item_title, without_ordinal

if TYPE_CHECKING:
    from retrieval.answer.scoring import Scored

LEAD_CHARS = 90  # tuning halves: first line quoting a fact (zh) SPC 0.625 -> 0.708, spc-fresh3 0.333 -> 0.667; facts unchanged
# A comma or colon between digits belongs to a number or ratio (12,536; 1:1.056), not a clause boundary.
CLAUSE = re.compile(r"(?:[^，,；;：:∶。！？]|(?<=\d)[,:：∶](?=\d))+[，,；;：:。！？]?")


def document_order(chosen: list[Scored]) -> list[Scored]:
    return sorted(chosen, key=lambda s: (s.unit.hit_rank, s.unit.position))


FIGURE_WEIGHT, FIGURE_ASKED_WEIGHT = 0.5, 1.5


AGENCY_WEIGHT = 1.0  # asked who acts: the clause naming the authority ('由安全生产监督管理部门责令停止…')


FINAL_CLAUSE_CHARS = 30
_DECIDES = re.compile(CONCLUSION.pattern + r"|酌定|支持|负责|承担")


def key_clauses(text: str, asked: Asked, limit: int) -> str:
    """The clauses of a sentence that carry the topic, an action or a figure, in order, within `limit` chars."""
    whole = text.strip().rstrip("。；;，,")
    if len(whole) <= limit:  # the same measure as the composer's: a lead that short stands for its sentence
        return whole
    clauses = [c.group() for c in CLAUSE.finditer(text.strip()) if c.group().strip(" ，,；;：:。")]
    # asked how many, the clause with the figure is the answer ('分解为17小项'), whatever else its neighbours say
    figure_weight = FIGURE_ASKED_WEIGHT if asked.kind == Kind.FIGURE else FIGURE_WEIGHT
    unit = counted_unit(asked.question) if asked.kind == Kind.FIGURE else None

    def worth(clause: str) -> float:
        simplified = simple_form(clause)
        figures = real_figures(clause)
        return (asked.coverage(simplified) if asked.topic else 0.0) + 0.6 * bool(ACTION.search(simplified)) \
            + figure_weight * bool(figures) + FIGURE_WEIGHT * bool(unit and any(f.endswith(unit) for f in figures)) \
            + AGENCY_WEIGHT * bool(asked.asks_agency and AGENCY.search(simplified))  # '谁来查处' by '由…部门'

    ranked = sorted(range(len(clauses)), key=lambda i: (-worth(clauses[i]), i))
    if asked.yes_no or asked.asks_holding or asked.asks_outcome:
        # A rule's conclusion comes last ('…直至和解协议全部履行完毕的，属于……不再恢复执行的情形'): it is kept first.
        concluding = [i for i in ranked if CONCLUSION.search(simple_form(clauses[i]))]
        if concluding:
            last = max(concluding)
            ranked = [last] + [i for i in ranked if i != last]
    last = len(clauses) - 1
    if last > 0 and len(clauses[last]) <= FINAL_CLAUSE_CHARS and _DECIDES.search(simple_form(clauses[last])):
        # a rule cut short keeps what it decides ('…的赔偿请求，应当予以支持'): without it the lead is its conditions
        ranked = [last] + [i for i in ranked if i != last]
    keep, used = [], 0
    for i in ranked:
        # a clause carrying nothing asked ('例如，', '均为民生热点问题') joins only one beside a kept clause
        filler = keep and not worth(clauses[i]) and not {i - 1, i + 1} & set(keep)
        if keep and (used + len(clauses[i]) > limit or filler):
            continue
        keep.append(i)
        used += len(clauses[i])
    return _joined(clauses, _with_conditions(clauses, keep))


def _with_conditions(clauses: list[str], keep: list[int]) -> list[int]:
    """The kept clauses and the conditions they stand under: '逾期不办理的，处1万元以上5万元以下的罚款' without
    '逾期不办理的' reads as a fine due at once, '…且具有下列情形之一的，可以认定为“情节严重”' without its last
    condition as a threshold met by the amount alone."""
    kept = set(keep)
    for i in sorted(keep):
        j = i - 1
        while j >= 0 and j not in kept and _CONDITION.search(clauses[j]):
            kept.add(j)
            j -= 1
        # and the alternatives after them: '…截止时间至少3日前' alone drops '或者投标截止时间至少15日前'
        j = i + 1
        while j < len(clauses) and j not in kept and _ALTERNATIVE.match(clauses[j].lstrip(" ，,")):
            kept.add(j)
            j += 1
    return sorted(kept)


_CONDITION = re.compile(r"的[，,]$")
_ALTERNATIVE = re.compile(r"或")  # 或者, 或


def _joined(clauses: list[str], kept: list[int]) -> str:
    """Kept clauses in order: neighbours with the punctuation between them in the text, a gap marked '…' (a
    sentence's opening left out too: '…未标示的，属于违反…的行为' does not read as the whole rule)."""
    out = "…" if kept and kept[0] > 0 else ""
    for n, i in enumerate(kept):
        text = clauses[i].strip(" ，,；;：:。")
        if n:
            out += clauses[kept[n - 1]].strip()[-1:] if kept[n - 1] == i - 1 and \
                clauses[kept[n - 1]].strip()[-1:] in "，,；;：:。" else "…"
        out += text
    return out


def lead_zh(best: Scored, chosen: list[Scored], asked: Asked, label: str) -> str:
    """'河南：健全申诉案件反向审视工作机制，从源头上减少同类案件反复发生；信访总量同比下降19.7%'."""
    listed = [s for s in document_order(chosen) if s.unit.item]
    # a law's items are conditions of their own article: items of two articles are no one list
    # ('采用其他方法窃电' of 第三十一条 and '供电方式、供电质量…' of a contract's terms)
    # (nor items announced by two openings: '(一)医疗事故等级' of the compensation factors and '(七)医疗事故等级' of an
    # appraisal's contents, neither passage saying its article)
    if len({(s.unit.hit_rank, s.unit.article) for s in listed if s.unit.article}) > 1 or \
            len({opening for s in listed if (opening := _list_opening(s, chosen))}) > 1:
        listed = []
    items = [item_title(s.unit.item) for s in listed]
    achieved = _best_result(chosen) if asked.result_words else None
    if achieved is not None:  # '效果怎么样？' is answered by what changed (撤案456件…), not the measures' titles
        best = achieved
    # the items lead when one is from the best sentence's passage, not when the best stands apart from them
    # ('分为高水平…、中水平…和低水平…' outranks the conditions of licences other passages list)
    about_list = any(s.unit.hit_rank == best.unit.hit_rank for s in listed)
    judged = asked.asks_outcome and best.under(OUTCOME)  # a judgment's items ('三、驳回…') are what it decided, not titles
    if achieved is None and asked.kind != Kind.FIGURE and len(items) >= 2 and not asked.asks_reason and about_list \
            and not judged:
        body = "；".join(dict.fromkeys(items))
        openings = [_list_opening(s, chosen) for s in listed]
        opening = openings[0] if all(o == openings[0] for o in openings) else None  # one list, not two articles
        if opening:  # '第四十五条 商品房预售，应当符合下列条件：已交付…；持有…'
            body = key_clauses(opening, asked, LEAD_CHARS).rstrip("：:") + "：" + body
    else:  # '(三)优化侦诉互动协同体系…' leads as '优化侦诉互动协同体系…': the third of what, the reader cannot see
        body = key_clauses(best.unit.text, asked, LEAD_CHARS)
        body = "…" + without_ordinal(body[1:]) if body.startswith("…") else without_ordinal(body)  # '…一、被告…'
        opening = _list_opening(best, chosen)
        if opening:  # what the list is of first: '…之一，一次记12分：饮酒后驾驶机动车的'
            body = key_clauses(opening, asked, LEAD_CHARS).rstrip("：:") + "：" + _best_item(best, asked)
    # A conclusion ('不构成非法经营罪') stands alone: another sentence's figure may be an overturned sentence.
    if asked.kind != Kind.FIGURE and not real_figures(body) and not (asked.asks_outcome or asked.yes_no):
        with_figure = next((s for s in chosen if s is not best and real_figures(s.unit.text)
                            and s.unit.hit_rank == best.unit.hit_rank), None)
        if with_figure and not _another_article(with_figure, best, chosen):
            clauses = [c.group() for c in CLAUSE.finditer(with_figure.unit.text)]
            first = next(i for i, c in enumerate(clauses) if real_figures(c))
            body = body.rstrip("：:") + "；" + _joined(clauses, _with_conditions(clauses, [first]))  # no '：；'
    if _WHICH_ARTICLE.search(asked.question) and best.unit.article and f"第{best.unit.article}条" not in body:
        body = f"第{best.unit.article}条：{body.lstrip('…')}"  # '第几条讲了举证期限？' is answered by its number
    return f"{label}：{body}" if label and not body.startswith(label) else body


_WHICH_ARTICLE = re.compile(r"第几条|哪一?条(?!件)")


def _list_opening(best: Scored, chosen: list[Scored]) -> str:
    """The words that announce the list the best sentence is an item of ('第八条 …有下列交通违法行为之一，一次记12分：'),
    when the answer quotes them: an item alone does not say what it is a case of. The nearest opening before the
    item is its list's, even inside an item of an earlier list ('（三）其他情节严重的情形。具有下列情形之一的，属于…"情节
    特别严重"…：' opens the next tier's list): then its words after that item's. '' when none is quoted."""
    if not LISTED_ITEM.match(best.unit.text.strip()):
        return ""
    before = [s for s in chosen if s.unit.hit_rank == best.unit.hit_rank
              and 0 < best.unit.position - s.unit.position <= ITEMS_AFTER and s.unit.text.rstrip().endswith(("：", ":"))
              and (not (s.unit.article and best.unit.article) or s.unit.article == best.unit.article)]
    opening = max(before, key=lambda s: s.unit.position, default=None)
    # another article opening between them: the item is of that one's list
    if opening is None or any(s.unit.hit_rank == best.unit.hit_rank and opening.unit.position < s.unit.position
                              < best.unit.position and ARTICLE_START.match(s.unit.text.strip()) for s in chosen):
        return ""
    text = opening.unit.text.strip()
    if LISTED_ITEM.match(text):  # an earlier list's last item, then the opening of this one
        text = text[text.rfind("。") + 1:] if "。" in text.rstrip("：:") else ""
    return text


def _best_item(best: Scored, asked: Asked) -> str:
    """Of a line of items ('（一）饮酒后驾驶机动车的；（二）造成…逃逸…'), the one carrying most of the question."""
    items = [i.strip() for i in ITEM_SPLIT.split(best.unit.text.strip()) if i.strip(" ；;。")]
    chosen = max(items, key=lambda i: asked.coverage(simple_form(i)) if asked.topic else 0.0) if items else best.unit.text
    return without_ordinal(chosen).rstrip("；;。，, ")


ITEM_SPLIT = re.compile(r"(?<=[；;。])\s*(?=" + LISTED_ITEM.pattern.removeprefix("^") + ")")  # before '（二）…
_RATE = re.compile(r"率(?:占|达到?|为|是)?\d+(?:\.\d+)?[%％]")
ITEMS_AFTER = 12  # units after an article's opening that can be items of its list


def _another_article(sentence: Scored, best: Scored, chosen: list[Scored]) -> bool:
    """A sentence opening another article than the lead's, none of whose listed items the answer quotes
    ('第五十条 …从事下列活动之一的…对单位处5万元以上…罚款' beside another article's items): its penalty is
    for something else."""
    if sentence.unit.article and best.unit.article and sentence.unit.article != best.unit.article \
            and not ARTICLE_START.match(sentence.unit.text.strip()):
        return True  # a later sentence of another article ('…但是最长不得超过24个月' of 第十七条 beside 第十六条)
    low, high = sorted((best.unit.position, sentence.unit.position))
    if any(s.unit.hit_rank == best.unit.hit_rank == sentence.unit.hit_rank and low < s.unit.position <= high
           and ARTICLE_START.match(s.unit.text.strip()) for s in chosen if s is not best):
        return True  # an article opening between them: '第七十条 …' before the fine quoted beside 第六十九条's item
    opens = ARTICLE_START.match(sentence.unit.text.strip())
    if not opens or opens.group(1) == (ARTICLE_START.match(best.unit.text.strip()) or [None, None])[1]:
        return False
    return not any(s.unit.item and s.unit.hit_rank == sentence.unit.hit_rank
                   and 0 < s.unit.position - sentence.unit.position <= ITEMS_AFTER for s in chosen)


def _best_result(chosen: list[Scored]) -> Scored | None:
    """The best chosen sentence reporting what was achieved: a change (下降19.7%) or a rate reached (办结率占81.1%)
    before a count of work done (清理出…560件)."""
    reporting = [s for s in chosen if reports_result(simple_form(s.unit.text))]
    changed = [s for s in reporting if RESULT.search(simple_form(s.unit.text)) or _RATE.search(s.unit.text)]
    return max(changed or reporting, key=lambda s: s.score, default=None)
