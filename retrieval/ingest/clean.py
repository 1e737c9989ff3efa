"""Cleaning scraped pages: entities, converter pinyin glosses, site chrome and injected spam.

The cleaned text keeps the original script and wording (it is what users see and quote); the
simplified form made by `index_form` is what the indexes see.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

def display_width(text: str) -> int:
    """Columns the text takes on a screen: a Chinese character or full-width mark two, a Latin letter one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def screen_chars(text: str) -> float:
    """The text's length in Chinese characters as a phone shows them: an English word's letters and spaces take
    half a character each (digits and punctuation are counted whole: Chinese answers keep their budget)."""
    return len(text) - len(_HALF_WIDTH.findall(text)) / 2


_HALF_WIDTH = re.compile(r"[A-Za-z ]")


_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
# A converter glossed characters with their pinyin: 執(zhí)法, 監(jiān)督. Only letters (at least one
# toned vowel, or a bare syllable) right after a CJK character are a gloss; (试行) or (一) are text.
_PINYIN_GLOSS = re.compile(
    rf"(?<=[\u3400-\u9fff])[(（](?=[a-z{_TONED}]*[{_TONED}])[a-z{_TONED}]{{1,7}}[)）]"
)

# Injected gambling ads, not text about gambling: a case document about 开设赌场罪 or 百家乐 must survive,
# so a gambling word counts only with an ad's call to action (官网, 下载, 注册, 开户, 彩金 ...).
_SPAM_WORDS = re.compile(
    r"体育投注|娱乐城|真人视讯|官网下载|casino|bet365|\bim体育|"
    r"(?:投注|博彩|赌场|彩票|棋牌|百家乐|老虎机).{0,8}?(?:官网|下载|注册|开户|彩金|网址|入口|app\b|平台登录)", re.I
)
_SPAM_BRACKETED = re.compile(r"《[^《》]{0,30}?(?:体育投注|投注|博彩|娱乐城|官网下载|彩票|棋牌)[^《》]{0,30}?》")

# Lines that are site chrome rather than article text (matched only on short lines). Words a legal text
# uses too (备案, 老字号) count only in their chrome form (ICP备案, 备案号, 字号：大 中 小).
_CHROME = re.compile(
    r"copyright|all rights reserved|版权所有|\bicp\b|icp备|备案号\s*[:：]|备案序号|公网安备|(?:主办|承办)单位\s*[:：]|技术支持\s*[:：]|"
    r"技术支持电话|网站地图|扫一扫|"
    r"关注我们|加关注|^微信$|^微博$|官方微博|官方微信|^电话|联系电话\s*[:：]|联系我们|^地址|今天是|欢迎您?访问|"
    r"设为首页|加入收藏|^首页|当前位置|^【?编辑[:：]|本报记者|责任编辑|^打印(?:本页|此页|文章)?$|^关闭(?:窗口|本页)?$|^分享到|人大要闻|^要闻$|"
    r"^上一篇|^下一篇|浏览次数|点击数|字号\s*[:：]|字号\s*[大中小]",
    re.I,
)
# An entity whose '&' a converter turned into '?': "?#xff0c;" is "，".
_PUBLISHED = re.compile(r"(?:发布时间|發布時間|发布日期|發布日期|发表时间|时间|日期)\s*[:：]*\s*"
                        r"((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_HEAD_LINES = 8  # a publication date is stated before the article's first lines
_BROKEN_ENTITY = re.compile(r"\?#x([0-9a-fA-F]{2,5});")
# A dash inside a Chinese term is a spelling variant: 案件比, 案-件比 and 案—件比 are one term to search.
_DASH_IN_TERM = re.compile(r"(?<=[\u3400-\u9fff])\s*[-‐‑–—－]{1,2}\s*(?=[\u3400-\u9fff])")
_RATIO_COLON = re.compile(r"(?<=\d)\s*[∶:：]\s*(?=\d)")  # 1∶2.29 and 1 : 2.29 are 1:2.29
_SOURCE_LINE = re.compile(r"^\s*来源\s*[:：丨|]?\s*(?P<who>[^\s].{1,40}?)\s*$")
_SLOGAN_PARTS = re.compile(r"^\S{2,8}(?:\s+\S{2,8}){2,}$")
_ODD_SYMBOLS = re.compile(r"[\u2600-\u27bf\U0001F000-\U0001FAFF\u2b00-\u2bff]")


def _strip_controls(text: str) -> str:
    """Drop control and bidi-format characters (keep newlines and tabs)."""
    return "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Co", "Cs")
    )


# A statute's article or listed item ('(二)有符合…认定的主办单位及其主管机关；') is text, whatever words it uses.
_PROVISION_LINE = re.compile(r"^(?:第[一二三四五六七八九十百千零〇\d]+条|[（(][一二三四五六七八九十\d]{1,3}[)）])")


def _is_chrome(line: str, at_top: bool) -> bool:
    stripped = line.strip()
    if not stripped or _PROVISION_LINE.match(stripped):
        return False
    if len(stripped) <= 80 and _CHROME.search(stripped):
        return True
    # A banner of slogans above the title: "喜迎二十大 忠誠保平安 奮進新征程 建功新時代" (lower down, a
    # line like that is a list of keywords, which is content).
    return (at_top and len(stripped) <= 40 and bool(_SLOGAN_PARTS.match(stripped))
            and not re.search(r"[。，,；;]", stripped))


def _is_spam(line: str) -> bool:
    return bool(_SPAM_WORDS.search(line)) or len(_ODD_SYMBOLS.findall(line)) >= 2


class Cleaned:
    """The cleaned article text plus what the chrome told us (the source line, the publication date)."""

    def __init__(self, text: str, source: str | None, published: str | None = None) -> None:
        self.text = text
        self.source = source
        self.published = published


def clean(raw: str) -> Cleaned:
    """Clean a scraped page; keep wording and script, one paragraph per line."""
    text = _BROKEN_ENTITY.sub(lambda m: chr(int(m.group(1), 16)), raw)
    text = html.unescape(html.unescape(text))
    text = _strip_controls(text.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ").replace("\xa0", " "))
    text = _PINYIN_GLOSS.sub("", text)
    text = _SPAM_BRACKETED.sub("", text)
    lines = [line.strip() for line in text.split("\n")]
    kept: list[str] = []
    source: str | None = None
    tail_after_source = False
    published: str | None = None
    for line in lines:
        if not line:
            continue
        # '发布时间：2020年11月15日 来源：… 浏览次数：' is chrome, but its date is the article's
        dated = _PUBLISHED.search(line) if published is None and len(kept) < _HEAD_LINES else None
        if dated:
            published = f"{dated.group(1)}-{int(dated.group(2)):02d}-{int(dated.group(3)):02d}"
        match = _SOURCE_LINE.match(line)
        if match and len(line) <= 40:
            source = source or match.group("who").strip()
            tail_after_source = len(kept) > 10
            continue
        if _is_chrome(line, at_top=not kept) or _is_spam(line):
            continue
        if tail_after_source and len(line) < 30:
            # Scraps after an article's closing source line: "2、掌握防骗技能".
            continue
        kept.append(line)
    return Cleaned("\n".join(kept), source, published)


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """The text in simplified characters (traditional ones converted; nothing else changed)."""
    return _t2s().convert(text)


TRADITIONAL_CHARS = 3  # characters t2s must change before a line counts as traditional (乾 alone is a name)


def simplified_if_traditional(text: str) -> str:
    """Each line in simplified characters when it was written in traditional ones (a quote from 榆林's report in
    an answer to a simplified question); other lines as they are."""
    out = []
    for line in text.split("\n"):
        simplified = to_simplified(line)
        out.append(simplified if sum(a != b for a, b in zip(line, simplified)) >= TRADITIONAL_CHARS else line)
    return "\n".join(out)


def index_form(text: str) -> str:
    """The simplified-Chinese, width-normalised form the indexes see (same length is not guaranteed)."""
    simplified = _t2s().convert(unicodedata.normalize("NFKC", text))
    return _RATIO_COLON.sub(":", _DASH_IN_TERM.sub("", simplified))


def has_cjk(text: str) -> bool:
    return bool(re.search(r"[\u3400-\u9fff]", text))
