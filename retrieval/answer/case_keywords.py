"""A guiding case's keywords as it lists them ('关键词 刑事/正当防卫/特殊防卫'), or, printed without separators
('关键词刑事故意杀人罪…限制减刑'), cut at the keywords other cases list."""

from __future__ import annotations

import re

_KEYWORDS = re.compile(r"关键词[*\s:：]*([^\n]+?)\s*$", re.M)


def keywords_of(text: str, vocabulary: frozenset[str] = frozenset()) -> list[str]:
    """The words a case lists as its keywords ('刑事/正当防卫/特殊防卫'): the rest of the 关键词 line, or the line
    after it, as the case writes them; a line printed without separators ('刑事故意杀人罪…限制减刑') cut at the
    words of `vocabulary` (other cases' keywords)."""
    found = _KEYWORDS.search(text)
    if not found:
        return []
    line = found.group(1)
    if vocabulary and not re.search(r"[/／、\s]", line):
        area = CASE_AREA.match(line)  # the area of law opens the line; inside it 执行 ends 死刑缓期执行
        return [area.group(), *_cut_at_known(line[area.end():], vocabulary)] if area else _cut_at_known(line, vocabulary)
    # '刑事/组织、领导、参加黑社会性质组织罪/软暴力': 、 is inside a keyword when slashes part them
    parts = r"[/／]+" if re.search(r"[/／]", line) else r"[、\s]+"
    return [word.strip(" *") for word in re.split(parts, line) if word.strip(" *")]


CASE_AREA = re.compile(r"^(?:刑事|民事|行政|国家赔偿|执行)")


def _cut_at_known(line: str, vocabulary: frozenset[str]) -> list[str]:
    """'刑事故意杀人罪婚恋纠纷引发坦白悔罪死刑缓期执行限制减刑' -> 刑事, 故意杀人罪, 婚恋纠纷引发坦白悔罪, 死刑缓期执行,
    限制减刑: the longest known word at each point, what lies between known words kept as one."""
    words, unknown, at = [], "", 0
    longest = max(map(len, vocabulary))
    while at < len(line):
        known = next((line[at:at + n] for n in range(min(longest, len(line) - at), 1, -1) if line[at:at + n] in vocabulary), "")
        if known:
            words += [unknown, known] if unknown else [known]
            unknown, at = "", at + len(known)
        else:
            unknown, at = unknown + line[at], at + 1
    return words + ([unknown] if unknown else [])
