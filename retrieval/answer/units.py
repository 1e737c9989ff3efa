"""The pieces an extractive answer is made of: sentences of the hits, each with its heading and place in the text.

Formal openings and closings, keyword lines and bare headings are never units of their own: a bare
heading ("三是持续增进协作配合。") is joined to the sentence after it, so its content is never dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pydantic import BaseModel

from retrieval.answer.ground import URL
from retrieval.answer.instances import opens_decision
from retrieval.answer.sentences import split_sentences
from retrieval.answer.traits import KEYWORDS, PLEADS, PROVISIONS
from retrieval.ingest.clean import index_form
from retrieval.ingest.flags import is_instruction_like
from retrieval.types import ContextPart, Hit

FORMALITY = re.compile(
    r"^(?:主任|副主任|各位|尊敬的|同志们)|报告如下|现将.{0,40}(?:报告|汇报|通报)|按照会议安排|特此报告|请予审议|请审议|"
    r"以上报告|谢谢大家|^此致|^附件|^来源[:：]|^发布时间|^编辑[:：]|^责任编辑|^[（(]?生效裁判审判人员|"
    r"现予以?(?:摘发|印发|转发|刊发)|供.{0,16}(?:学习|参考)、?借鉴|现将.{0,40}(?:印发|转发)给你们|请结合实际")
_KEYWORD_LABEL = re.compile(r"^【?\s*关键词\s*】?\s*[:：]?")
_BRACKET_LABEL = re.compile(r"^【[^】]{1,12}】$")
_ORDINAL_HEAD = re.compile(r"^(?:[一二三四五六七八九十]+是|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|"
                           r"第[一二三四五六七八九十]+(?![一二三四五六七八九十百千零〇条款项])[,，、]?|首先|其次|再次|最后)")
# A statute's article ('第四十三条 法律援助机构应当…'): a unit of its own, never an item title's content
ARTICLE_START = re.compile(r"^第([一二三四五六七八九十百千零〇\d]+)条")
_TERMINAL = "。！？；!?;"
LISTED_ITEM = re.compile(r"^[（(](?:\d{1,2}|[一二三四五六七八九十]{1,2})[)）]")
ANNOUNCED_LIST = re.compile(r"[：:][（(](?:\d{1,2}|[一二三四五六七八九十]{1,2})[)）]")  # '…条件：（1）…'
MAX_LIST_CHARS = 360
# A paragraph opening with two short parallel phrases ('积极探索，律师深度参与。', '强化组织领导，压实工作责任。')
# titles what follows, as an ordinal heading does.
_PARALLEL_HEAD = re.compile(r"^[^\d，,。；;：:“”\s]{4,9}[，,][^\d，,。；;：:“”\s]{4,9}[。；;]$")
MIN_UNIT_CHARS = 8
BARE_HEADING_CHARS = 24


class Unit(BaseModel):
    """A sentence (with a bare heading before it joined in) of one hit, verbatim from its text."""

    text: str
    heading: str
    hit_rank: int
    position: int
    in_passage: bool
    item: str = ""  # the item's own title when the unit opens with one ('二是规范退出程序。')
    regions: list[str] = []  # the places of the passage the unit comes from
    section: str = ""  # the passage's headings, outermost first ('三、 存在问题及下一步工作打算 / …')
    passage: str = ""  # the passage's id ('00f5722181b93edf-0007': its document and its place in it)
    article: str = ""  # the statute article it belongs to ('十七'), when its passage shows where that begins
    pleaded: bool = False  # said in a party's pleading paragraph ('原告…诉称：…。…超过了必要限度。'), not by the court


_ARGUES = re.compile(r"提起上诉|提出上诉|申请再审|上诉称|辩称|诉称|认为|主张")
_COURT_FINDS = re.compile(r"^[^，,。；;]{0,24}(?:法院|本院|法庭|合议庭)[^，,。；;]{0,12}(?:查明|认为|审理|判决|裁定)")
_COURT_SPEAKS = re.compile(r"(?:法院|本院|法庭|合议庭|裁判|审判委员会|复议机关)[^，,；;。]{0,8}$")


def _a_party_argues(sentence: str) -> bool:
    """A sentence reporting what a party argued ('川交机械公司、瑞路公司提起上诉，认为…'), not what a court held: the
    clauses after its '；' are still the party's."""
    said = _ARGUES.search(sentence)
    return bool(said) and not _COURT_SPEAKS.search(sentence[:said.start()])


def _lists_joined(sentences: list[str]) -> list[str]:
    """'应当符合以下三项条件：（1）…；（2）…；（3）…。' is one sentence: the conditions a rule announces are
    its content, and one of them quoted alone answers 'which conditions?' by a third. A decision's item too short
    to stand alone joins it ('…民事判决：撤销二审判决；' + '维持一审判决。'): what was decided is both."""
    out: list[str] = []
    pleading = bool(sentences) and bool(PLEADS.search(sentences[0]))  # '原告…诉称：…' opens a paragraph of the party's
    for sentence in sentences:
        previous = out[-1] if out else ""
        # '…提起上诉，认为…；认定…缺乏法律依据。' is the appellant's, not the court's
        argued = _a_party_argues(previous) or (pleading and bool(previous))
        listed = (LISTED_ITEM.match(sentence) and ANNOUNCED_LIST.search(previous)) \
            or (opens_decision(previous) and len(sentence) < MIN_UNIT_CHARS) or argued
        # a claim's items ('…诉称：…请求人民法院判令：一、…；二、赔偿原告损失2万元；') are the party's however long
        # the claim: alone, '二、赔偿原告损失2万元' read as what the court awarded
        limit = 2 * MAX_LIST_CHARS if argued else MAX_LIST_CHARS
        if previous and previous[-1] in "；;" and listed and len(previous) + len(sentence) <= limit:
            out[-1] = previous + sentence
        else:
            out.append(sentence)
    return out


def _is_keyword_line(line: str) -> bool:
    """'侦查监督与协作配合 数字化 云办公室': short words separated by spaces, no sentence punctuation."""
    parts = line.split()
    return len(parts) >= 2 and all(len(p) <= 12 for p in parts) and not re.search(r"[，。；,;：:]", line)


def _is_heading_line(line: str) -> bool:
    return bool(_BRACKET_LABEL.match(line)) or (len(line) <= 40 and line[-1] not in _TERMINAL + "，,、：:")


def is_bare_heading(sentence: str) -> bool:
    """'三是持续增进协作配合。', '（二）强化监督。': an item's title with its content in the next sentence."""
    body = sentence.rstrip(_TERMINAL + "”」』）) ")
    return len(body) <= BARE_HEADING_CHARS and bool(_ORDINAL_HEAD.match(body)) and not re.search(r"\d", body)


def without_ordinal(sentence: str) -> str:
    """'二是注重考评引导，…' -> '注重考评引导，…': a sentence lifted out of its list, still verbatim."""
    return _ORDINAL_HEAD.sub("", sentence, count=1).lstrip(" ，,、：:") or sentence


def item_title(item: str) -> str:
    """'二是规范退出程序。' -> '规范退出程序'."""
    return _ORDINAL_HEAD.sub("", item).strip(" 。；;，,：:")


def usable(sentence: str) -> bool:
    """Worth showing: long enough, not a formality, not an instruction planted in a document, no web address."""
    return (len(sentence) >= MIN_UNIT_CHARS and not FORMALITY.search(index_form(sentence))
            and not is_instruction_like(sentence) and not URL.search(sentence))


def units_of(hit: Hit) -> list[Unit]:
    """The hit's readable text as units, in document order, each knowing the places of its own passage."""
    parts = hit.parts or [ContextPart(passage_id=hit.passage_id, section=hit.section, text=hit.text,
                                      regions=hit.regions)]
    out: list[Unit] = []
    for part in parts:
        _part_units(part, hit, part.passage_id == hit.passage_id, out)
    return out


def _part_units(part: ContextPart, hit: Hit, matched: bool, out: list[Unit]) -> None:
    title = _bare(hit.title or "")
    article = ""
    for text, item, heading, pleaded in _sentences(part.section, part.text):
        if title and _bare(text) in title:
            continue  # the title again, broken over lines ('赵春明等诉烟台市福山区汽车运输公司、'): no statement
        opens = ARTICLE_START.match(text.strip())
        article = opens.group(1) if opens else article
        out.append(Unit(text=text, heading=heading, hit_rank=hit.rank, position=len(out), in_passage=matched,
                        item=item, regions=part.regions, section=part.section, passage=part.passage_id, article=article,
                        pleaded=pleaded))


_PUNCTUATION = re.compile(r"[\s，,、。：:；;“”\"《》（）()]+")


@lru_cache(maxsize=8192)
def _bare(text: str) -> str:
    return _PUNCTUATION.sub("", index_form(text))


@lru_cache(maxsize=4096)
def _sentences(section: str, text: str) -> tuple[tuple[str, str, str, bool], ...]:
    """(sentence, its item title, its heading, whether a party pleads it) of a passage worth showing; the same
    passages come back for many questions, so each is split and checked once."""
    heading, after_keywords = section.split(" / ")[-1] if section else "", False
    if PROVISIONS.fullmatch(heading) or KEYWORDS.fullmatch(heading):  # a case's provisions applied, or its keywords
        return tuple((line.strip(), "", heading, False) for line in text.split("\n") if line.strip())
    found: list[tuple[str, str, str]] = []
    pleaded: set[int] = set()  # the indexes in `found` of sentences of a party's pleading paragraph
    pending = ""
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if _KEYWORD_LABEL.match(index_form(line)):  # 關鍵詞 in a traditional report too
            after_keywords = True
            continue
        if after_keywords or _is_keyword_line(line):
            after_keywords = False
            continue
        if _is_heading_line(line):
            heading, pending = line.strip("【】"), ""
            continue
        run = 0  # bare headings in a row on this line
        sentences = _lists_joined(split_sentences(line))
        party = bool(sentences) and bool(PLEADS.search(sentences[0]))  # '原告…诉称：' opens the party's paragraph
        for number, sentence in enumerate(sentences):
            party = party and not _COURT_FINDS.search(sentence)  # '法院经审理查明：' after it is the court's
            if pending and ARTICLE_START.match(sentence):  # a list's last item ('（四）…其他人员。') before the next article
                found.append((pending, pending, heading))
                pending, run = "", 0
            # … but a list's last item after items ending in '；' ('（四）…；' then '（五）法律、行政法规规定的其他条件。')
            # is said by itself (and so are short items before it): the paragraph after is the article's next clause
            before = pending or (found[-1][0] if found else "")
            if is_bare_heading(sentence) and before.endswith(("；", ";")) and sentence.endswith("。"):
                found += [(item, item, heading) for item in (pending, sentence) if item]
                pending, run = "", 0
                continue
            if is_bare_heading(sentence) or (number == 0 and len(sentences) > 1 and _PARALLEL_HEAD.match(sentence)):
                pending, run = pending + sentence, run + 1
                continue
            if party:
                pleaded.add(len(found))
            found.append((pending + sentence, pending, heading))
            pending, run = "", 0
        if run >= 2:  # '一是…。二是…。三是…。' on a line of its own: the outline of the measures, worth showing
            found.append((pending, pending, heading))
            pending = ""
        # one bare heading ending its line ('三是持续增进协作配合。') opens the next line's sentence
    if pending:  # at the passage's end: a short enumerated item ('二、原审被告人王力军无罪。') says something
        found.append((pending, pending, heading))
    return tuple((text, item, heading, n in pleaded) for n, (text, item, heading) in enumerate(found)
                 if usable(text[len(item):] or text))
