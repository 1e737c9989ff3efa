"""A question about another country's law ('Under US federal securities law, …', '美国的证券法对内幕交易怎么处罚？'):
the collection holds Chinese law, cases and reports, and the nearest Chinese rule is no answer to it. A question
about a foreign party or court under Chinese law ('Can a US company set up a partnership in China?', '美国法院的
离婚判决能在中国承认吗？') is not one."""

from __future__ import annotations

import re

_COUNTRIES_EN = (r"US|U\.S\.|USA|United States|American|federal|UK|U\.K\.|United Kingdom|British|EU|"
                 r"European(?: Union)?|German|Germany|French|France|Japanese|Japan|Singapore(?:an)?|"
                 r"Australian|Australia|Canadian|Canada|Indian|India|New York|California|Delaware")
# the country's law itself: 'US federal securities law', 'under UK law', 'in the UK' (its rule asked), not its courts
_FOREIGN_LAW_EN = re.compile(rf"\b({_COUNTRIES_EN})\s+(?:federal\s+|state\s+)?(?:[a-z-]+\s+){{0,2}}?"
                             r"(?:law|laws|statutes?|legislation|code|regulations?|rules)\b|"
                             rf"\b(?:under|in)\s+(?:the\s+)?({_COUNTRIES_EN})\b"
                             r"(?!\s+(?:company|companies|firm|investors?|citizens?|nationals?|courts?|judgments?))")
_COUNTRIES_ZH = r"美国|英国|欧盟|日本|德国|法国|新加坡|澳大利亚|加拿大|印度|韩国|俄罗斯"
_FOREIGN_LAW_ZH = re.compile(rf"({_COUNTRIES_ZH})(?:的)?(?:[\u4e00-\u9fff]{{0,6}}?法(?![院官庭])|法律|法规)")
_CHINA = re.compile(r"\bChina\b|\bChinese\b|\bPRC\b|中国|我国|境内|国内", re.I)


def foreign_law(question: str, language: str) -> str | None:
    """The country whose law the question asks about ('US', '美国'), unless it asks about China too."""
    if _CHINA.search(question):
        return None
    found = (_FOREIGN_LAW_EN if language == "en" else _FOREIGN_LAW_ZH).search(question)
    if found is None or _CHOSEN.search(question[:found.start()]):  # '合同里约定适用美国法律': a fact of a Chinese case
        return None
    return next(group for group in found.groups() if group)


# a law chosen to govern a contract or applied by a court is a fact of the case asked about, not its subject
_CHOSEN = re.compile(r"(?:适用|约定|选择|依照|按照|根据|准据法|governed by|chose|choose|chosen|choice of|applicable|"
                     r"appl(?:y|ies|ied|ying))\W*(?:\w+\W+){0,2}$", re.I)
