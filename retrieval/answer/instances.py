"""Which judgment of a case's 裁判结果 is the final word. The section tells every instance in order
('一审…判决：一、…；二、…。宣判后，…提出上诉。二审…判决：一、撤销…；二、…'): a judgment a later court set aside
is history, and one a later court upheld ('驳回上诉，维持原判') is the substance of how the case ended."""

from __future__ import annotations

import re
from enum import Enum

from retrieval.ingest.clean import index_form
from retrieval.search.numbers import parse_chinese_numeral

# A court's decision opening ('…于2013年6月21日…作出（2013）锡民终字第497号民事判决：'), one instance's start.
_DECISION = re.compile(r"作出[^。；]{0,60}?(?:判决|裁定|决定|调解书)[:：，,]|(?:判决|裁定|决定)如下[:：]|"
                       r"于\d{4}年[^。；]{0,12}以[（(]\d{4}[）)][^。；]{0,30}号[^。；，,]{0,8}(?:判决|裁定)[:：，,]|"  # 于…以（2020）…号刑事判决，认定
                       r"^[^。；]{0,30}[（(]\d{4}[）)][^（()）。；，,]{1,24}?号[^。；，,]{0,8}(?:判决|裁定)认为")  # '…号刑事判决认为，
# '（2014）一中行（知）初字第9163号': a court's number may hold a bracketed part of its own
_CASE_NUMBER = re.compile(r"[（(]\d{4}[）)](?:[^（()）。；，,]|[（(][^（()）。；，,]{1,3}[）)]){1,24}?号")
_SETS_ASIDE = re.compile(r"撤销(?!权)[^。；]{0,80}")
_UPHOLDS = re.compile(r"维持原判|驳回上诉|驳回[^。；]{0,10}(?:再审申请|申诉)")
# keeping some of an earlier judgment's items while setting others aside: neither is wholly history
_PARTLY = re.compile(r"维持[^。；]{0,60}第[一二三四五六七八九十\d]+项")
_ITEMS_NAMED = re.compile(r"(维持|撤销(?!权))([^。；]{0,80}?)((?:第[一二三四五六七八九十\d]+项[、及和与,，]?)+)")
_ITEM_NUMBER = re.compile(r"第([一二三四五六七八九十\d]+)项")
# a judgment's numbered item: '一、…' at the sentence's start or after the decision's colon
_ITEM_START = re.compile(r"(?:^|[:：])([一二三四五六七八九十]{1,3})、")
# the last words of a judgment some later court heard ('三、驳回原告荣宝英的其他诉讼请求。宣判后，荣宝英…提出上诉。')
_ENDS_A_JUDGMENT = re.compile(r"宣判后[^。；]{0,40}(?:上诉|抗诉|申请再审|申诉)")


class Role(str, Enum):
    """What a sentence of the judgment section is to the case's outcome."""

    SET_ASIDE = "set_aside"  # an earlier judgment a later court set aside
    UPHELD = "upheld"        # an earlier judgment a later court upheld: what the parties must do
    FINAL = "final"          # the last court's decision
    ONLY = "only"            # the one judgment there is, or one nothing later is said to have judged


def opens_decision(text: str) -> bool:
    """The sentence opens a court's decision ('…作出（2022）最高法民辖42号民事裁定，确定本案由…审理')."""
    return bool(_DECISION.search(index_form(text)))


def roles(texts: list[str]) -> list[Role]:
    """The role of each sentence of one judgment section, given in document order."""
    said = [index_form(text) for text in texts]
    starts = [i for i, text in enumerate(said) if _DECISION.search(text)]
    if starts and starts[0] > 0 and any(_ENDS_A_JUDGMENT.search(text) for text in said[:starts[0]]):
        starts = [0, *starts]  # a passage opening on an earlier judgment's last items, its opening in another
    if len(starts) < 2:
        return [Role.ONLY] * len(texts)
    bounds = [0, *starts[1:], len(texts)]
    spans = [range(bounds[n], bounds[n + 1]) for n in range(len(bounds) - 1)]
    joined = ["".join(said[i] for i in span) for span in spans]
    numbers = [found.group() if (found := _CASE_NUMBER.search(text)) else None for text in joined]
    judged = [_judged(numbers[:n], joined[n]) for n in range(len(spans))]
    found = [Role.FINAL] * len(texts)
    for n in range(len(spans) - 1):
        later = [judged[m].get(n) for m in range(n + 1, len(spans))]
        role = Role.SET_ASIDE if Role.SET_ASIDE in later else Role.UPHELD if Role.UPHELD in later else Role.ONLY
        by_item = _items_judged(numbers[n], [joined[m] for m in range(n + 1, len(spans))]) \
            if role is Role.ONLY else {}
        for i in spans[n]:
            found[i] = by_item.get(item_number(said[i]), role)
    return found


def item_number(text: str) -> int | None:
    """3 for '三、王山于本判决生效之日起十日内支付…' (or '…民事判决：三、…'): the judgment item a sentence states."""
    found = _ITEM_START.search(text)
    return parse_chinese_numeral(found.group(1)) if found else None


def _items_judged(number: str | None, later: list[str]) -> dict[int, Role]:
    """A later court keeping some items of this judgment and setting others aside ('一、维持…（2021）沪0115民初
    35993号民事判决第一项；二、撤销…民事判决第二项、第三项'): each item named, by its number."""
    done: dict[int, Role] = {}
    for text in later:
        if not _PARTLY.search(text) or (number and number not in text):
            continue
        for verb, _, named in _ITEMS_NAMED.findall(text):
            for item in _ITEM_NUMBER.findall(named):
                value = parse_chinese_numeral(item) if not item.isdigit() else int(item)
                if value is not None:
                    done[value] = Role.UPHELD if verb == "维持" else Role.SET_ASIDE
    return done


def _judged(earlier: list[str | None], text: str) -> dict[int, Role]:
    """What one instance's text does to the earlier ones (by their index): it sets aside those whose case
    number its 撤销 clause names, or the one before it when it names none ('撤销原判'); it upholds the one
    before it ('驳回上诉，维持原判')."""
    if _PARTLY.search(text):
        return {}
    done: dict[int, Role] = {}
    for clause in _SETS_ASIDE.findall(text):
        named = [n for n, number in enumerate(earlier) if number and number in clause]
        for n in named or ([len(earlier) - 1] if earlier else []):
            done[n] = Role.SET_ASIDE
    if earlier and not done and _UPHOLDS.search(text):
        done[len(earlier) - 1] = Role.UPHELD
    return done
