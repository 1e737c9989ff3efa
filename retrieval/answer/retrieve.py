"""The hits an answer rests on: one search, or one per side when the question compares places; a case the
question names by number, or a law it names by title, is searched within as well, and several named are
answered a block each."""

from __future__ import annotations

import re
from collections.abc import Iterable

from retrieval.answer.case_keywords import keywords_of
from retrieval.answer.articles import article_hits, effective_passages
from retrieval.answer.english import CASE_NUMBER, NATIONAL, is_statute, names_a_case
from retrieval.answer.cues import NOT_MEASURED
from retrieval.answer.held import ENGLISH_TITLE, MIN_LAW_NAME
from retrieval.answer.question import Asked, Kind
from retrieval.answer.traits import CASE_PART, FACTS, OUTCOME, PROVISIONS, REASONING, simple_form
from retrieval.ingest.clean import index_form
from retrieval.search.crosslingual import translate_question
from retrieval.search.hybrid import rrf
from retrieval.search.regions import without_places
from retrieval.types import Filters, Hit

PER_SIDE = 5
OUTCOME_WORDS = "裁判结果 判决如下 民事判决 刑事判决 驳回 撤销 维持 赔偿"  # how a judgment words its outcome
NAMED_FOUND_WITHIN = 3  # a named case among the first three hits is read as search ranked it
FUSE_K = 10


def fuse(lists: list[list[Hit]], k: int) -> list[Hit]:
    """Several searches' hits merged by reciprocal rank (the first list wins ties), renumbered."""
    scores = rrf([[hit.passage_id for hit in hits] for hits in lists], FUSE_K)
    first: dict[str, Hit] = {}
    for hits in lists:
        for hit in hits:
            first.setdefault(hit.passage_id, hit)
    ranked = sorted(first, key=lambda pid: -scores[pid])[:k]
    return [first[pid].model_copy(update={"rank": n}) for n, pid in enumerate(ranked, start=1)]


def law_titles(titles: Iterable[str | None]) -> dict[str, str]:
    """The collection's laws by their short titles ('消防法' -> '中华人民共和国消防法'), three characters or more, and
    a court's interpretation by the names staff call it ('危害生产安全刑事案件解释', '危害生产安全解释')."""
    laws = {title.removeprefix(NATIONAL): title for title in titles if title and is_statute(title)}
    for short, title in list(laws.items()):  # '人民检察院刑事诉讼规则（试行）' is asked without its '（试行）'
        laws.setdefault(_TRIAL_MARK.sub("", short), title)
    for title in list(laws.values()):
        for alias in interpretation_aliases(title):
            laws.setdefault(alias, title)
    return {short: title for short, title in laws.items() if len(short) >= MIN_LAW_NAME}


_TRIAL_MARK = re.compile(r"[（(](?:试行|暂行|草案|修正|修订|\d{4}年?(?:修正|修订)?)[）)]$")
_INTERPRETATION = re.compile(r"^(?:最高人民(?:法院|检察院)[、_\s]*)+关于(?P<core>.+?)的?(?P<kind>解释|规定|批复)(?:[（(][一二三四五六七八九十]+[）)])?$")
_HOW_ASKED = re.compile(r"^(?:办理|审理|处理|适用)|(?:具体)?(?:应用|适用)法律(?:的)?(?:若干)?(?:问题)?$|若干问题$|(?:的)?问题$|"
                        r"的?若干$|几个问题$")  # '…关于民事诉讼证据的若干规定' is the 民事诉讼证据规定
_CASE_KIND = re.compile(r"(?:刑事|民事|行政)?案件$")
MIN_ALIAS = 5


def interpretation_aliases(title: str) -> list[str]:
    """'最高人民法院、最高人民检察院关于办理危害生产安全刑事案件适用法律若干问题的解释' -> 危害生产安全刑事案件解释,
    危害生产安全刑事案件司法解释, 危害生产安全解释: what it is about, and the kind of rule."""
    found = _INTERPRETATION.match(title.strip())
    if not found:
        return []
    # '适用《中华人民共和国民事诉讼法》' is the 民事诉讼法解释
    core = _HOW_ASKED.sub("", _HOW_ASKED.sub("", found.group("core"))).strip("《》").removeprefix(NATIONAL)
    kind = found.group("kind")
    cores = dict.fromkeys([core, _CASE_KIND.sub("", core)])
    names = [f"{c}{k}" for c in cores for k in ([kind, "司法解释"] if kind == "解释" else [kind])]
    names += [name.replace("、", "") for name in names if "、" in name]  # '减刑假释规定'
    return [name for name in names if len(name) >= MIN_ALIAS]


_TITLE_ENDS = {"Law": ("法",), "Code": ("法典", "法"), "Regulation": ("条例", "规定"), "Regulations": ("条例", "规定"),
               "Ordinance": ("条例",), "Measures": ("办法",), "Provisions": ("规定",), "Rules": ("规则", "规定")}
MAX_TITLE_READINGS = 16


def english_titles(question: str, laws: dict[str, str]) -> set[str]:
    """Laws of the collection an English question names by a capitalised title ('the Statistics Law',
    'Teachers Qualification Regulations'): the title's words in the glossary's or dictionary's Chinese, in
    order (two renderings each at most), and the kind of law ('Law' -> 法, 'Regulations' -> 条例), spelling
    a short title the collection has ('统计法', '教师资格条例')."""
    found = set()
    for match in ENGLISH_TITLE.finditer(question):
        translation = translate_question(match.group(1))
        groups = [group[:2] for group in translation.groups + translation.weak_groups]
        if not groups:
            continue
        readings = [""]
        for group in groups:
            readings = [r + term for r in readings for term in group][:MAX_TITLE_READINGS]
        found |= {laws[short] for reading in readings for end in _TITLE_ENDS[match.group(2)]
                  if (short := reading + end) in laws}
    return found


def with_named_laws(asked: Asked, laws: dict[str, str]) -> Asked:
    """A question naming a law of the collection (`laws`, see law_titles) by its title ('依照消防法',
    '按照《野生药材资源保护管理条例》', 'under the Fire Protection Law'): that law is where to look, and the words
    of its title are not topic terms unless the question also says them elsewhere ('一级保护的野生药材…按照
    野生药材资源保护管理条例')."""
    if asked.language == "zh":
        question = index_form(asked.question)
        named = sorted({title for short, title in laws.items() if short in question}, key=len, reverse=True)
        rest = question
        for title in named:
            rest = rest.replace(title, "，").replace(title.removeprefix(NATIONAL), "，")
        for short in sorted((short for short, title in laws.items() if title in named), key=len, reverse=True):
            rest = rest.replace(short, "，")  # its other names ('危害生产安全解释')
        # an article cited keeps its group however it is spelt ('第30条' is the group of 第三十条)
        kept = [i for i, (group, _) in enumerate(asked.topic) if group[0] in rest or group[0] in asked.articles]
    else:  # the glossary's English name of a law ('the Labour Contract Law' -> 劳动合同法) is a topic group
        titled = english_titles(asked.question, laws)  # or its name's words in Chinese ('Statistics Law' -> 统计法)
        # and its Chinese title, which a follow-up about it carries ('Under the 国籍法: and if …?')
        titled |= {title for short, title in laws.items() if short in index_form(asked.question)}
        named = sorted({laws[term] for group, _ in asked.topic for term in group if term in laws} | titled)
        kept = [i for i, (group, _) in enumerate(asked.topic) if not any(term in laws for term in group)]
    if not named:
        return asked
    renumbered = {old: new for new, old in enumerate(kept)}
    return asked.model_copy(update={"named_laws": named, "topic": [asked.topic[i] for i in kept],
                                    "focus": frozenset(renumbered[i] for i in asked.focus if i in renumbered)})


def named_sides(asked: Asked, named: list[Hit]) -> list[tuple[str, list[Hit]]]:
    """The documents a question names, among the hits of them (a law in several files, such as the Civil
    Code's books, is one), in the order the question names them, each with a Chinese block's label for it
    ('指导性案例243号', '消防法'; an English block names its case in its own lead)."""
    by_title = {title: [hit for hit in named if (hit.title or hit.source) == title]
                for title in dict.fromkeys(hit.title or hit.source for hit in named)}
    return [(_label(asked, own), own) for own in sorted(by_title.values(), key=lambda own: _named_order(asked, own))]


def _named_order(asked: Asked, hits: list[Hit]) -> int:
    """Where the question names a document (its hits): its case number's place among those named, else after."""
    named = simple_form(f"{hits[0].source} {hits[0].title or ''}")
    return next((i for i, ref in enumerate(asked.named_cases) if ref in named), len(asked.named_cases))


def _label(asked: Asked, hits: list[Hit]) -> str:
    if asked.language == "en":
        return ""
    title = hits[0].title or hits[0].source
    case = CASE_NUMBER.search(title)
    return case.group() if case else title.removeprefix(NATIONAL)


def _named_documents(searcher, asked: Asked) -> list[str]:
    """The documents of the cases the question names by number ('指导案例122号', 'Guiding Case No. 122') or
    of the laws it names by title."""
    if not asked.named_cases and not asked.named_laws:
        return []
    return [source for source, doc in searcher.documents().items() if asked.names_document(source, doc.title)]


def named_laws_of(searcher, asked: Asked) -> list[str]:
    """The documents of the laws the question names by title."""
    return [source for source in _named_documents(searcher, asked) if not names_a_case(source)]


MEASURE_WORDINGS = 3
RANKED_POOL = 3  # times k: a ranking reads every place's figure, not the few places the question's words rank first


def _stating_the_measure(searcher, asked: Asked, hits: list[Hit], k: int) -> list[Hit]:
    """'哪个地方的案件比最低？': the passages naming the measure (案件比) that the whole question did not rank among
    its hits (Kunming's 1:1.056 ranked 12th for 案件比 alone), after them."""
    seen = {hit.passage_id for hit in hits}
    # its other wordings too: Yulin's hearings are 检察听证, not 公开听证
    others = [group[0] for group, _ in asked.topic if group is not asked.measure and not NOT_MEASURED.search(group[0])]
    wording = " ".join([*asked.measure[:MEASURE_WORDINGS], *others])
    more = [hit for hit in searcher.search(wording, k=RANKED_POOL * k) if hit.passage_id not in seen]
    return [hit.model_copy(update={"rank": n}) for n, hit in enumerate(more, start=len(hits) + 1)]


def _judgments(searcher, asked: Asked, hits: list[Hit], k: int) -> list[Hit]:
    """'指导案例24号…最后赔了多少钱？': the judgment (裁判结果) of each case the question names that none of the hits
    is from, found by a search within the case for how judgments are worded (it shares few of the asker's words),
    ranked after the hits."""
    judged = {hit.source for hit in hits if OUTCOME.search(hit.section or "")}
    cases = [source for source in _named_documents(searcher, asked) if names_a_case(source) and source not in judged]
    if not cases:
        return []
    within = searcher.search(OUTCOME_WORDS, k=k, filters=Filters(docs=cases))
    seen = {hit.passage_id for hit in hits}
    judgments = [hit for hit in within if OUTCOME.search(hit.section or "") and hit.passage_id not in seen]
    return [hit.model_copy(update={"rank": n}) for n, hit in enumerate(judgments, start=len(hits) + 1)]


_MARKUP = re.compile(r"^[#*\s]+|[*\s]+$")


def section_lines(text: str, heading: re.Pattern[str]) -> list[str]:
    """The lines of a case's part whose heading `heading` matches, up to its next part, as the case writes them."""
    lines = [_MARKUP.sub("", line) for line in text.splitlines()]
    start = next((n for n, line in enumerate(lines) if heading.fullmatch(line.rstrip("：:"))), None)
    if start is None:
        return []
    found = []
    for line in lines[start + 1:]:
        if CASE_PART.fullmatch(line.rstrip("：:")):
            break
        if line:
            found.append(line)
    return found


def provisions_of(text: str) -> list[str]:
    """The lines a case lists under 相关法条 ('《中华人民共和国刑法》第二十条'): short and titled, they are taken
    for headings when a case is cut into passages, so they are read from its text."""
    return section_lines(text, PROVISIONS)


def facts_of(text: str) -> list[str]:
    """The paragraphs of a case's 基本案情: its story from the start."""
    return section_lines(text, FACTS)


def judgment_of(text: str) -> list[str]:
    """The paragraphs of a case's 裁判结果: every instance, in order."""
    return section_lines(text, OUTCOME)


def reasoning_of(text: str) -> list[str]:
    """The paragraphs of a case's 裁判理由: why the court held as it did."""
    return section_lines(text, REASONING)


def _case_parts(searcher, asked: Asked) -> list[Hit]:
    """'…依据的是哪条法律？', '它的关键词呢？', '基本案情是什么？', '一审判了几年？': that part of each case named, read
    from its text, as a hit of its own (cited at the case's first passage): short lists the chunker takes for
    headings, a story or a judgment that spans several passages read whole (an appeal's '撤销原判' and the first
    judgment it sets aside fall in two passages, search ranking only one)."""
    parts = []
    if asked.asks_provisions:
        parts.append(("相关法条", provisions_of))
    elif asked.asks_keywords:
        parts.append(("关键词", lambda text: ["/".join(keywords_of(text))] if keywords_of(text) else []))
    if (asked.asks_facts or asked.asks_parties) and asked.named_cases:  # its story names the parties ('被告人马乐')
        parts.append(("基本案情", facts_of))
    if asked.asks_reason and asked.named_cases:  # '法院为什么这样认定？' after a case: its reasoning, read whole
        parts.append(("裁判理由", reasoning_of))
    # how it ended asked of an earlier instance, or two cases compared: each one's judgment, read whole
    if asked.named_cases and ((asked.asks_earlier and asked.asks_outcome) or asked.kind == Kind.COMPARE):
        parts.append(("裁判结果", judgment_of))
    if not parts:
        return []  # no case's text is read, nor its passages listed, for a question asking none of its parts
    found = []
    for source in _named_documents(searcher, asked):
        doc = searcher.documents().get(source)
        first = searcher.index.catalog.passages_of(source)[:1] if doc is not None and names_a_case(source) else []
        for heading, read in parts:
            lines = read(doc.text) if first else []
            if lines:
                found.append(Hit(rank=0, score=0.0, source=source, title=doc.title or source, section=heading,
                                 text="\n".join(lines), regions=[], passage_id=first[0].id, date=doc.date))
    return found


def _cases_wording(asked: Asked) -> list[str]:
    """'哪些指导案例是检察院抗诉的？': asked for cases, the question's most specific term searched alone too, so the
    cases saying it are found beyond the few the whole question's wording ranks first."""
    if not asked.asks_cases or not asked.topic:
        return []
    core, _ = max(asked.topic, key=lambda pair: pair[1])
    return [core[0]]  # an English question's too: its topic is in Chinese ('self-defence' -> 正当防卫)


def retrieve(searcher, asked: Asked, k: int, also: list[str] | None = None) -> list[Hit]:
    """The k best hits; for 'how do A and B differ' the best hits about each side, interleaved and renumbered.

    `also` are other wordings of the question (a model's Chinese for an English question), searched too."""
    question, places = asked.question, asked.places
    if asked.kind != Kind.COMPARE or len(places) < 2:
        hits = searcher.search(question, k=k)
        # each case or law named that search did not rank among its first hits
        ranked = {hit.source for hit in hits[:NAMED_FOUND_WITHIN]}
        named = [document for document in _named_documents(searcher, asked) if document not in ranked]
        # '指导案例122号中转让给公司的四笔债权…': the number is one word among many, and other cases about 转让
        # and 公司 can crowd it out; the case named, when search did not put it first, is searched within too
        lists = [hits, *([searcher.search(question, k=k, filters=Filters(docs=named))] if named else []),
                 *(searcher.search(q, k=k) for q in [*(also or []), *_cases_wording(asked)])]
        found = fuse(lists, k) if len(lists) > 1 else hits
        found += _judgments(searcher, asked, found, k) if asked.asks_outcome else []
        found += _stating_the_measure(searcher, asked, found, k) if asked.ranks and asked.measure else []
        listed = _case_parts(searcher, asked)
        # asked which laws a case applied or its keywords, its list of them is the first answer; asked an
        # article of a law named, the article read whole from the law
        listed += article_hits(searcher, asked, named_laws_of(searcher, asked)) if asked.articles else []
        listed += effective_passages(searcher, asked, named_laws_of(searcher, asked)) if asked.asks_effective else []
        return [hit.model_copy(update={"rank": n}) for n, hit in enumerate([*listed, *found], start=1)]
    sides = []
    for region in places:
        others = [r for r in places if r is not region]
        sides.append(searcher.search(without_places(question, others), k=PER_SIDE))
    merged: dict[str, Hit] = {}
    for rank in range(PER_SIDE):
        for side in sides:
            if rank < len(side) and side[rank].passage_id not in merged:
                merged[side[rank].passage_id] = side[rank]
    return [hit.model_copy(update={"rank": n}) for n, hit in enumerate(merged.values(), start=1)][:max(k, 2 * PER_SIDE)]
