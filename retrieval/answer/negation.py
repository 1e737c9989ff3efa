"""What a question says was not done ('对方不履行', '没有许可证就生产'): a rule about the breach says it negated
too ('被执行人一方不履行执行和解协议的，…'; '未取得许可证…的'), while the same words said plainly describe the duty
or the case where all went well ('执行和解协议履行完毕的')."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import jieba

NEGATIONS = frozenset({"不", "未", "没", "没有", "拒不", "无", "未经", "从未", "并未"})
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|「[^」]*」")  # '“信息不存在”的答复': a reply quoted by name, nothing not done
# In a sentence: a negation, then at most a few characters of the same clause ('未取得…许可证', '未按照规定报告').
_SENTENCE_NEGATION = "(?:拒不|不|未|没有|无)[^，。；：,;或和及与]{0,4}"


def negated_groups(question: str, groups: Sequence[Sequence[str]]) -> frozenset[int]:
    """The topic groups (by index) the question names right after a negation: the word itself, or the one after
    it ('没有许可证', '不按时缴纳')."""
    tokens = jieba.lcut(_QUOTED.sub("，", question))
    starts = [at + 1 for at, token in enumerate(tokens) if token in NEGATIONS]
    leading = {"".join(tokens[at:at + n]) for at in starts for n in (1, 2, 3)}
    second = {tokens[at + 1] for at in starts if at + 1 < len(tokens)}  # '不按时缴纳': 按时 says how, 缴纳 what
    return frozenset(i for i, group in enumerate(groups)
                     if any(text.startswith(term) for text in leading for term in group) or set(group) & second)


@lru_cache(maxsize=16384)
def says_negated(simplified: str, terms: tuple[str, ...]) -> bool:
    """Whether a (simplified) sentence says one of the terms negated."""
    return bool(terms) and bool(re.search(_SENTENCE_NEGATION + "(?:" + "|".join(map(re.escape, terms)) + ")",
                                          simplified))
