"""From a file to a cleaned Document with metadata, and from a Document to its passages."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from retrieval.ingest.chunk import Chunk, chunk, hard_cut
from retrieval.ingest.clean import clean, index_form
from retrieval.errors import RefusedDocument
from retrieval.ingest.flags import flag_sentences
from retrieval.ingest.parse import read_document
from retrieval.search.regions import gazetteer
from retrieval.settings import IngestSettings
from retrieval.types import Document, Passage

CHUNKER_VERSION = "6"  # part of the content hash: a new chunker (or index form) re-chunks every document
_DATE_FULL = re.compile(r"(20\d{2}|19\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})\s*日?")
_DATE_LINE = re.compile(r"发布时间|發布時間|发布日期|日期|时间|——")
_YEAR_IN_TITLE = re.compile(r"[(（](20\d{2})年?[)）]")
_ISSUER = re.compile(r"([\u3400-\u9fff]{2,16}?(?:人民检察院|人民檢察院|检察院|檢察院))")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_NAMES_A_LAW = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:组织法|法|条例|规则|规定|办法)")
_COURT_ISSUED = re.compile(r"((?:最高|[\u4e00-\u9fff]{2,12})人民法院)审判委员会[^）)\n]{0,20}通过")
# '最高人民法院关于巡回法庭审理案件若干问题的规定': a court's interpretation, whatever bodies its text names
_COURT_TITLE = re.compile(r"((?:最高|[\u4e00-\u9fff]{2,12})人民法院)(?:关于|印发)")
_BOOK_TITLE = re.compile(r"《[^》]{0,80}》")
_SUES = re.compile(r"(?:第[一二三四五六七八九十]+分院)?等?诉")
_OPENING_CHARS = 600  # where a document states who issued it
_READABLE = re.compile(r"[\u3400-\u9fffA-Za-z]{2}")  # a short statute article is a document; punctuation is not
_KEYWORDS_LABEL = re.compile(r"^【?\s*关键词\s*】?\s*[:：]?\s*(.*)$")
HEAD_MAX_CHARS = 120  # the document context put before each passage's index text
_TITLE_HINT = re.compile(r"报告|報告|通知|意见|意見|事例|案例|经验|經驗|做法|改革|工作|检察|檢察|发展|發展")


def raw_digest(data: bytes) -> str:
    """The file's fingerprint for 'unchanged' checks; salted with the chunker version so a new chunker re-reads."""
    return hashlib.sha256(CHUNKER_VERSION.encode() + b"\0" + data).hexdigest()


def _title(lines: list[str]) -> str:
    """The first title-like line; a short kicker line ('“高质效办好每一个案件”') joins the next. A Markdown
    heading's marks ('### 指导性案例192号…' in a .txt) are no part of it."""
    candidates = [_MARKDOWN_HEADING.sub("", line) for line in lines[:8]
                  if not _DATE_LINE.match(line) and not line.startswith("——")]
    candidates = [line for i, line in enumerate(candidates) if not i or line != candidates[i - 1]]  # <title> and <h1>
    for i, line in enumerate(candidates):
        # nor is a law's '2012年2月15日 国务院第192次常务会议通过' under its title
        if len(line) > 80 or re.search(r"[。！？]$", line) or _DATE_FULL.match(line) or _FIRST_ARTICLE.match(line):
            continue
        following = candidates[i + 1] if i + 1 < len(candidates) else ""
        # … but not a law's first article ('第四十四条 …现场工作人员应当…' under '中华人民共和国消防法')
        if len(line) < 14 and _TITLE_HINT.search(following) and len(following) <= 60 \
                and not _FIRST_ARTICLE.match(following) and not re.search(r"[。！？]$", following):
            return line + following
        if len(line) >= 6 or (len(line) >= 3 and _RULE_TITLE.search(line)):  # '拘留所条例', '国籍法'
            return line
    return lines[0][:60] if lines else ""


def _completed_by_name(title: str, lines: list[str], stem: str) -> str:
    """A title broken over two lines ('指导性案例238号圣某欢诉江苏某网络科技有限公司确认' + '**劳动关系纠纷案**') is
    whole again when the file's name holds both parts in a row."""
    def bare(text: str) -> str:
        return re.sub(r"[\W_]", "", index_form(text))

    at = next((i for i, line in enumerate(lines[:8]) if _MARKDOWN_HEADING.sub("", line) == title), None)
    if at is None or at + 1 >= len(lines):
        return title
    after = lines[at + 1].strip("*# \u3000")
    joined = f"{title}{after}"
    whole = re.search(r"[\u4e00-\u9fff]", after) and len(after) <= TITLE_TAIL_CHARS and bare(joined) in bare(stem)
    return joined if whole else title


TITLE_TAIL_CHARS = 30


_ENACTED = re.compile(r"通过|修正|修订|公布|发布")
_FIRST_ARTICLE = re.compile(r"^第[一二三四五六七八九十百零〇]+[章条节]")


def _current_version(lines: list[str]) -> str | None:
    """A law's header lists when it was passed and each time it was amended ('1985年1月21日 …通过', '2024年6月28日
    …第三次修正'): the text is the latest version, dated by the last of them (two or more; else None)."""
    dates = []
    for n, line in enumerate(lines):
        if _FIRST_ARTICLE.match(line):
            break
        match = _DATE_FULL.search(line)
        # '2019年8月26日 …《关于修改' + '〈…〉的决定》第三次修正': a long line goes on on the next
        following = lines[n + 1] if n + 1 < len(lines) and not _DATE_FULL.match(lines[n + 1]) else ""
        if match and (_ENACTED.search(line) or _ENACTED.search(following)):
            year, month, day = match.groups()
            dates.append(f"{year}-{int(month):02d}-{int(day):02d}")
    return max(dates) if len(dates) >= 2 else None


_RELEASE_NOTE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*发布\s*[）)]")
_FILE_DATE = re.compile(r"[(（]((?:19|20)\d{2})-(\d{2})-(\d{2})[)）]")  # '城市公共交通条例(2024-10-17)__ad49.txt'


def _date(lines: list[str], title: str, stem: str = "") -> str | None:
    """The text's own date (a law's latest version, a dated line near the top) or its file name's when later
    (a collection naming files by the version they hold: '出版管理条例(2020-11-29)' whose header stops at its 2016
    revision), else a year its title gives."""
    own = _own_date(lines, title)
    named = "-".join(found.groups()) if (found := _FILE_DATE.search(stem)) else None
    return named if named and (own is None or named > own) else own


def _own_date(lines: list[str], title: str) -> str | None:
    # a guiding case's '（最高人民法院审判委员会讨论通过 2021年7月23日发布）', before any date of its facts
    for line in lines[:12]:
        if note := _RELEASE_NOTE.search(line):
            return f"{note.group(1)}-{int(note.group(2)):02d}-{int(note.group(3)):02d}"
    if (amended := _current_version(lines[:40])) is not None:
        return amended
    for line in lines[:8]:
        match = _DATE_FULL.search(line)
        if match and (_DATE_LINE.search(line) or len(line) < 40):
            year, month, day = match.groups()
            return f"{year}-{int(month):02d}-{int(day):02d}"
    year = _YEAR_IN_TITLE.search(title) or _YEAR_IN_TITLE.search("\n".join(lines[:3]))
    return year.group(1) if year else None


def _issuer(title: str, source_line: str | None, text: str, regions: list[str]) -> str | None:
    """The body that issued it: from the title, else the source line, else the opening of the body.

    In a compilation of several provinces' experience, a local procuratorate (the source line of the page
    that carried it, or the first contribution) is one contributor, not the issuer."""
    match = _ISSUER.search(title)
    # 人民检察院组织法 is a law, not its issuer; '重庆市人民检察院第五分院诉…' a plaintiff
    if match and not _NAMES_A_LAW.match(title[match.end():]) and not _SUES.match(title[match.end():]):
        return _named_body(match.group(1)) or match.group(1)
    court = _COURT_TITLE.match(title) or _COURT_ISSUED.search(text[:_OPENING_CHARS])
    if court:  # '（最高人民法院审判委员会讨论通过…发布）': a court's guiding case or interpretation
        return _named_body(court.group(1)) or court.group(1)
    candidate = re.sub(r"网站$|網站$", "", source_line) if source_line else None
    if not candidate:
        match = _ISSUER.search(_BOOK_TITLE.sub("", text[:2000]))  # not one named in a cited title 《最高人民检察院关于…》
        candidate = _named_body(match.group(1)) if match else None
    provinces = {r for r in regions if (found := gazetteer().lookup(r)) is not None and found.parent is None}
    if candidate and len(provinces) > 2 and gazetteer().find_in_text(index_form(candidate)):
        return None
    return candidate


def _named_body(words: str) -> str | None:
    """The procuratorate (or court) at the end of a run of words, from its place on ('…本报告由昆明市人民检察院' ->
    昆明市人民检察院, '日最高人民法院' -> 最高人民法院); None when no place names it ('…对人民检察院参与的案件…'
    names no issuer)."""
    for start in range(len(words) - 2):
        rest = words[start:]
        if rest.startswith("最高"):
            return rest
        simplified = index_form(rest)
        if any(simplified.startswith(form) for r in gazetteer().find_in_text(simplified) for form in (r.name, r.short)
               if form):
            return rest
    return None


# A law, regulation or interpretation by its title's form: the places it names are what it rules on
# ('…认可和执行台湾地区法院民事判决的规定'), not whose practice it is, unless it opens with one ('云南省…条例').
_RULE_TITLE = re.compile(r"(?:法|法典|条例|规定|办法|细则|解释|决定|批复|规则)$")


def _document_regions(title: str, text: str) -> list[str]:
    """Places in the title, plus places named at least twice in the body; a rule's, only the place it opens with."""
    places = gazetteer()
    titled = places.find_in_text(index_form(title))
    if _RULE_TITLE.search(title):
        opening = [region for region in titled if index_form(title).startswith((region.name, region.short or region.name))]
        return places.with_ancestors(opening)
    counts: dict[str, int] = {}
    found = {}
    for paragraph in index_form(text).split("\n"):
        for region in places.find_in_text(paragraph):
            counts[region.adcode] = counts.get(region.adcode, 0) + 1
            found[region.adcode] = region
    frequent = [found[code] for code, n in counts.items() if n >= 2]
    return places.with_ancestors(titled + frequent)


def load_document(path: Path, settings: IngestSettings) -> Document:
    """Read, clean and describe one file; raise RefusedDocument with a one-line reason."""
    raw_text, raw_bytes = read_document(path, int(settings.max_file_mb * 2**20), int(settings.max_unpacked_mb * 2**20))
    cleaned = clean(raw_text)
    if not _READABLE.search(cleaned.text):
        raise RefusedDocument(path.name, "no readable text after cleaning (empty or only site navigation)")
    lines = cleaned.text.split("\n")
    title = _completed_by_name(_title(lines), lines, path.stem)
    regions = _document_regions(title, cleaned.text)
    return Document(
        name=path.name,
        title=title,
        date=_date(lines, title, path.stem) or cleaned.published,
        issuer=_issuer(title, cleaned.source, cleaned.text, regions),
        regions=regions,
        text=cleaned.text,
        content_hash=hashlib.sha256((CHUNKER_VERSION + cleaned.text).encode()).hexdigest(),
        raw_hash=raw_digest(raw_bytes),
        origin=str(path.resolve()),
    )


def document_head(doc: Document) -> str:
    """What every passage is indexed with: the title and, for a single-case document, its keywords."""
    lines = doc.text.split("\n")
    labels = [i for i, line in enumerate(lines[:60]) if _KEYWORDS_LABEL.match(line) and len(line) <= 12]
    keywords = ""
    if len(labels) == 1:
        same_line = _KEYWORDS_LABEL.match(lines[labels[0]]).group(1)
        keywords = same_line or (lines[labels[0] + 1] if labels[0] + 1 < len(lines) else "")
    return " ".join(x for x in (doc.title, keywords[:60]) if x)[:HEAD_MAX_CHARS]


def split_document(doc: Document, settings: IngestSettings) -> list[Passage]:
    """Passages with stable ids (content hash + ordinal), sections and regions (own, section's, else document's).

    The index text of a passage is its document's head, its section path and its text: a passage about the
    sentence imposed still matches the offence named in the title. A text too short to chunk is one passage.
    """
    places = gazetteer()
    home = places.find_in_text(index_form(doc.title))  # a report's own place covers all its passages
    header = tuple(line for line in doc.text.split("\n")[:6] if line in doc.title or _DATE_LINE.match(line))
    head = document_head(doc)
    hard_max = max(settings.chunk_hard_max_chars, settings.chunk_max_chars)
    pieces = chunk(doc.text, settings.chunk_min_chars, settings.chunk_max_chars, header, hard_max=hard_max,
                   section_max=settings.section_max_chars) \
        or [Chunk(start, end, "") for start, end in hard_cut((0, len(doc.text)), hard_max)]
    passages = []
    for ordinal, piece in enumerate(pieces):
        text = doc.text[piece.start:piece.end]
        simplified = index_form(text)
        own = places.find_in_text(simplified) + places.find_in_text(index_form(piece.section))
        regions = places.with_ancestors(own + home) if own else doc.regions
        context = [x for x in (head, piece.section) if x and not text.startswith(x)]
        passages.append(Passage(
            id=f"{doc.content_hash[:16]}-{ordinal:04d}", doc=doc.name, ordinal=ordinal,
            start=piece.start, end=piece.end, section=piece.section, text=text,
            index_text=index_form("\n".join([*context, text])), regions=regions, flags=flag_sentences(text),
        ))
    return passages
