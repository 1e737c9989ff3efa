"""Read .txt/.md/.html/.docx/.pdf into plain text, refusing what cannot be read with a one-line reason."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from retrieval.errors import RefusedDocument
from retrieval.ingest.clean import display_width

_CHINESE_ENCODINGS = ["gb18030", "big5", "utf_8"]
SUPPORTED = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")


def read_text_bytes(data: bytes, name: str) -> str:
    """Decode UTF-8, GBK/GB18030 or other text; refuse binary data."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise RefusedDocument(name, "binary data, not text (save it as UTF-8 .txt, .docx or .pdf)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    damaged = _utf8_with_a_few_bad_bytes(data)
    if damaged is not None:
        return damaged
    from charset_normalizer import from_bytes

    # Chinese encodings first: on short texts the open-ended detector mistakes GBK for other code pages
    # (tests/test_parse.py holds short GBK and Big5 examples).
    best = from_bytes(data, cp_isolation=_CHINESE_ENCODINGS).best()
    if best is None or best.chaos > 0.1:
        best = from_bytes(data).best()
    if best is None:
        raise RefusedDocument(name, "not readable as text in any known encoding (save it as UTF-8)")
    text = str(best)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t")
    if controls > max(10, len(text) // 100):
        raise RefusedDocument(name, "binary data, not text (save it as UTF-8 .txt, .docx or .pdf)")
    return text


MAX_BAD_BYTES = 3


def _utf8_with_a_few_bad_bytes(data: bytes) -> str | None:
    """UTF-8 text with a stray byte or two (a copy cut mid-character, a disk error): its text, the bad bytes
    dropped. Text in another encoding decodes as UTF-8 into far more errors than Chinese characters."""
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd")
    chinese = len(re.findall(r"[\u4e00-\u9fff]", text))
    return text.replace("\ufffd", "") if bad <= MAX_BAD_BYTES and chinese >= 20 * bad else None


def _read_html(data: bytes, name: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(read_text_bytes(data, name), "html.parser")
    for tag in soup(["script", "style", "nav", "header", "footer", "noscript", "form", "iframe"]):
        tag.decompose()
    title = soup.title.get_text(strip=True) if soup.title else ""
    body = soup.body or soup
    lines = [line.strip() for line in body.get_text("\n").split("\n")]
    text = "\n".join(line for line in lines if line)
    title = _without_site_name(title, lines)
    return f"{title}\n{text}" if title and not text.startswith(title) else text


_SITE_SEPARATOR = re.compile(r"\s*(?:_|\||｜|-|－|—|–)\s*")


def _without_site_name(title: str, lines: list[str]) -> str:
    """'…高质量发展_攀枝花市仁和区人民检察院' -> '…高质量发展': a page title ending with the site's name, when the
    page itself heads the article without it."""
    parts = _SITE_SEPARATOR.split(title)
    return parts[0] if len(parts) > 1 and len(parts[0]) >= 4 and parts[0] in lines else title


def _read_markdown(data: bytes, name: str) -> str:
    text = read_text_bytes(data, name)
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.M)  # headings keep their words
    text = re.sub(r"^\s*[-*+]\s+", "", text, flags=re.M)  # list bullets
    text = re.sub(r"\*\*(.+?)\*\*|__(.+?)__", lambda m: m.group(1) or m.group(2), text)
    return re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # links keep their text


def _check_zip(data: bytes, name: str, max_unpacked: int) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise RefusedDocument(name, "not a valid .docx (damaged or truncated file; re-save it in Word)") from exc
    if unpacked > max_unpacked:
        raise RefusedDocument(name, f"unpacks to {unpacked // 2**20} MB, over the {max_unpacked // 2**20} MB limit")
    if "word/document.xml" not in names:
        raise RefusedDocument(name, "not a Word document (no word/document.xml inside; re-save it as .docx)")


def _read_docx(data: bytes, name: str, max_unpacked: int) -> str:
    _check_zip(data, name, max_unpacked)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on damaged parts
        raise RefusedDocument(name, "not a readable .docx (damaged file; re-save it in Word)") from exc
    try:
        lines = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                lines.append(" ".join(cell.text for cell in row.cells))
        title = (document.core_properties.title or "").strip()
    except ValueError as exc:  # python-docx: a part linked to an external target (TargetMode="External")
        raise RefusedDocument(name, "its package links a part to an external target (a hostile or damaged "
                                    ".docx; re-save it in Word)") from exc
    text = "\n".join(line for line in lines if line.strip())
    return f"{title}\n{text}" if title and not text.startswith(title) else text


def _read_pdf(data: bytes, name: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise RefusedDocument(name, "the PDF is encrypted (remove the password and try again)")
        pages = [unwrapped(page.extract_text() or "") for page in reader.pages]
    except RefusedDocument:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise RefusedDocument(name, "not a readable PDF (damaged or truncated file)") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise RefusedDocument(name, "the PDF has no text layer (it is a scan; run OCR first)")
    return text


_ENDS_SENTENCE = "。！？!?；;：:…”’」』）)】"
_URL_TAIL = re.compile(r"https?://\S*$")
_URL_GOES_ON = re.compile(r"^[A-Za-z0-9/._~%?#=&-]+$")
FULL_LINE = 0.85  # of the page's full line width: a line this long that ends mid-sentence was wrapped


def unwrapped(page: str) -> str:
    """A PDF page's lines joined back into the paragraphs they were wrapped from: a line as wide as the page's
    full lines that does not end a sentence goes on in the next ('…社交媒体账号' + '，通过具有…'), and so does a
    web address broken over two lines. Short lines (headings, a paragraph's last line) stay lines, and a short
    line not ending a sentence ('裁判要点') is a heading, not the rest of the line before it."""
    lines = [line.strip() for line in page.split("\n")]
    widths = sorted(display_width(line) for line in lines if line)
    if len(widths) < 3:
        return page
    full = widths[int(0.9 * (len(widths) - 1))]
    out: list[str] = []
    for at, line in enumerate(lines):
        if out and line and _wrapped(lines[at - 1], line, full):
            ascii_seam = out[-1][-1:].isascii() and line[:1].isascii() and not _URL_TAIL.search(out[-1])
            out[-1] += f" {line}" if ascii_seam else line
        else:
            out.append(line)
    return "\n".join(out)


def _wrapped(line: str, after: str, full: int) -> bool:
    """Whether `after` goes on with `line`: a web address cut in two, or a full line cut mid-sentence."""
    if not line:
        return False
    if _URL_TAIL.search(line) and _URL_GOES_ON.match(after):
        return True
    heading = display_width(after) < full / 2 and after[-1] not in _ENDS_SENTENCE
    return display_width(line) >= FULL_LINE * full and line[-1] not in _ENDS_SENTENCE and not heading


def read_document(path: Path, max_bytes: int, max_unpacked: int) -> tuple[str, bytes]:
    """Return (text, raw bytes) of a supported file, or raise RefusedDocument."""
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise RefusedDocument(name, f"unsupported file type {suffix or '(none)'}; use {', '.join(SUPPORTED)}")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise RefusedDocument(name, f"{size / 2**20:.1f} MB is over the {max_bytes / 2**20:.0f} MB limit")
        data = path.read_bytes()
    except OSError as exc:
        raise RefusedDocument(name, f"cannot be read ({exc.strerror or exc})") from exc
    if not data.strip():
        raise RefusedDocument(name, "the file is empty")
    if suffix in (".txt",):
        text = read_text_bytes(data, name)
    elif suffix == ".md":
        text = _read_markdown(data, name)
    elif suffix in (".html", ".htm"):
        text = _read_html(data, name)
    elif suffix == ".docx":
        text = _read_docx(data, name, max_unpacked)
    else:
        text = _read_pdf(data, name)
    return text, data
