"""Every supported format through its library; every bad file refused in one line naming it."""

import io
import zipfile

import docx
import pytest
from pypdf import PdfWriter

from retrieval.ingest.documents import load_document
from retrieval.errors import RefusedDocument
from retrieval.settings import IngestSettings

BODY = "河南省人民检察院深化申诉案件反向审视，从源头上减少同类案件反复发生。" * 3


def _pdf_with_text(text: str) -> bytes:
    """A one-page PDF whose text layer says `text` (ASCII, Helvetica), xref offsets computed."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _load(path, **limits):
    return load_document(path, IngestSettings(**limits))


def test_txt_in_gbk_and_gb18030(tmp_path):
    for encoding in ("gbk", "gb18030"):
        path = tmp_path / f"report-{encoding}.txt"
        path.write_bytes(BODY.encode(encoding))
        assert "反向审视" in _load(path).text


def test_markdown_html_docx_pdf(tmp_path):
    (tmp_path / "a.md").write_text(f"# 河南经验\n\n**{BODY}**\n", encoding="utf-8")
    assert _load(tmp_path / "a.md").text.startswith("河南经验\n")
    (tmp_path / "b.html").write_text(f"<html><head><title>河南经验</title><script>var x=1;</script></head>"
                                     f"<body><nav>首页 网站地图</nav><p>{BODY}</p></body></html>", encoding="utf-8")
    html_doc = _load(tmp_path / "b.html")
    assert html_doc.title == "河南经验" and "var x" not in html_doc.text and BODY[:20] in html_doc.text
    document = docx.Document()
    document.add_heading("河南经验", 1)
    document.add_paragraph(BODY)
    document.save(tmp_path / "c.docx")
    assert BODY[:20] in _load(tmp_path / "c.docx").text
    (tmp_path / "d.pdf").write_bytes(_pdf_with_text("Henan procuratorate held 485 public hearings in 2020."))
    assert "485 public hearings" in _load(tmp_path / "d.pdf").text


def _refusal(path, **limits) -> str:
    with pytest.raises(RefusedDocument) as caught:
        _load(path, **limits)
    message = str(caught.value)
    assert message.startswith(path.name) and "\n" not in message
    return message


def test_refusals_name_the_file_in_one_line(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert "empty" in _refusal(tmp_path / "empty.txt")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 50)
    assert "binary" in _refusal(tmp_path / "binary.txt")
    (tmp_path / "chrome.html").write_text("<html><body>网站地图</body></html>", encoding="utf-8")
    assert "no readable text" in _refusal(tmp_path / "chrome.html")
    (tmp_path / "big.txt").write_bytes(BODY.encode() * 2000)
    assert "limit" in _refusal(tmp_path / "big.txt", max_file_mb=0.1)
    (tmp_path / "notes.xlsx").write_bytes(b"PK")
    assert "unsupported" in _refusal(tmp_path / "notes.xlsx")


def test_damaged_docx_zip_bomb_and_encrypted_pdf_are_refused(tmp_path):
    document = docx.Document()
    document.add_paragraph(BODY)
    buffer = io.BytesIO()
    document.save(buffer)
    (tmp_path / "truncated.docx").write_bytes(buffer.getvalue()[:2000])
    assert "damaged" in _refusal(tmp_path / "truncated.docx")
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * (30 * 2**20))
    (tmp_path / "bomb.docx").write_bytes(bomb.getvalue())
    assert "unpacks to" in _refusal(tmp_path / "bomb.docx", max_unpacked_mb=10)
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.encrypt("secret")
    with open(tmp_path / "locked.pdf", "wb") as handle:
        writer.write(handle)
    assert "encrypted" in _refusal(tmp_path / "locked.pdf")


def test_utf8_text_with_a_stray_byte_is_read_without_it_and_gbk_is_still_gbk():
    """One damaged byte must not cost the whole document ('not readable as text in any known encoding')."""
    from retrieval.ingest.parse import read_text_bytes

    text = "人民检察院是国家的法律监督机关。" * 4
    damaged = text.encode()[:30] + b"\xff" + text.encode()[30:]
    assert read_text_bytes(damaged, "report.txt") == text
    assert read_text_bytes(text.encode("gbk"), "report.txt") == text


def test_short_chinese_texts_in_gbk_and_big5_decode_exactly():
    from retrieval.ingest.parse import read_text_bytes

    snippets = ["检察机关依法履职，推动社会治理。", "共对485件案件组织开展公开听证", "重庆市人民检察院整改落实情况",
                "认罪认罚从宽制度适用率上升", "刑事执行检察工作情况的报告"]
    for text in snippets:
        assert read_text_bytes(text.encode("gbk"), "short.txt") == text
    assert read_text_bytes("榆林市檢察院深入推進執法司法".encode("big5"), "short.txt") == "榆林市檢察院深入推進執法司法"


def test_pdf_lines_wrapped_at_the_page_edge_are_joined_back_into_sentences():
    """pypdf gives a PDF's lines as laid out: a sentence wrapped at the page edge must be one sentence again (or
    an answer quotes '…社交媒体账号出售、' and never the crime), a web address one address, a heading its own line."""
    from retrieval.ingest.parse import unwrapped

    page = ("指导性案例194号：熊昌恒等侵犯公民个人信息案\n原文网址：https://www.court.gov.cn/fa\nbu-xiangqing-384431.html\n"
            "关键词\n刑事/侵犯公民个人信息/微信号/社交媒体账号/非法获取/合理处理和利用个人信息的\n裁判要点\n"
            "1.违反国家有关规定，购买已注册但未使用的微信账号等社交媒体账号\n，通过具有智能群发、添加好友、建立讨论群组等功能的营销软件，非法\n"
            "制作带有公民个人信息可用于社交活动的微信账号等社交媒体账号出售、\n提供给他人，情节严重的，构成侵犯公民个人信息罪。\n相关法条\n")
    lines = unwrapped(page).split("\n")
    assert "原文网址：https://www.court.gov.cn/fabu-xiangqing-384431.html" in lines
    assert "1.违反国家有关规定，购买已注册但未使用的微信账号等社交媒体账号，通过具有智能群发、添加好友、建立讨论群组等功能的" \
           "营销软件，非法制作带有公民个人信息可用于社交活动的微信账号等社交媒体账号出售、提供给他人，情节严重的，构成侵犯公民个人" \
           "信息罪。" in lines
    assert "裁判要点" in lines and "相关法条" in lines and "关键词" in lines
    articles = "第一条 人民检察院是国家的法律监督机关。\n第二条 人民检察院依法独立行使检察权。\n第三条 各级人民检察院设检察长一人。"
    assert unwrapped(articles) == articles  # lines that end their sentences stay lines


def test_who_issued_a_document_is_read_from_its_issuance_not_from_a_cited_title(tmp_path):
    """A guiding case cites 《最高人民法院、最高人民检察院关于…的解释》 and names the district procuratorate that
    sued; it was issued by the court that discussed it. A law named after the procuratorate has no such issuer."""
    case = tmp_path / "指导性案例992号_某某侵犯公民个人信息案.md"
    case.write_text("### 指导性案例992号：某某侵犯公民个人信息案\n\n（最高人民法院审判委员会讨论通过2022年12月26日发布）\n\n"
                    "裁判要点\n\n依照《最高人民法院、最高人民检察院关于办理侵犯公民个人信息刑事案件适用法律若干问题的解释》，"
                    "构成侵犯公民个人信息罪。\n\n基本案情\n\n上海市奉贤区人民检察院向上海市奉贤区人民法院提起公益诉讼。\n",
                    encoding="utf-8")
    document = _load(case)
    assert document.issuer == "最高人民法院" and document.title == "指导性案例992号：某某侵犯公民个人信息案"
    law = tmp_path / "检察院组织法第二条.txt"
    law.write_text("中华人民共和国人民检察院组织法 第二条\n人民检察院是国家的法律监督机关。\n", encoding="utf-8")
    assert _load(law).issuer is None


def test_a_short_law_title_is_not_joined_to_its_first_article(tmp_path):
    """'中华人民共和国消防法' over '第四十四条 …现场工作人员应当…' had been titled with the article too (工作 read as the
    second line of a kicker title), so the law was not found by its title and was said to be missing."""
    law = tmp_path / "消防法.md"
    law.write_text("# 中华人民共和国消防法\n\n第四十四条 人员密集场所发生火灾，该场所的现场工作人员应当立即组织、引导在场人员疏散。\n",
                   encoding="utf-8")
    assert _load(law).title == "中华人民共和国消防法"
    kicker = tmp_path / "事例.txt"
    kicker.write_text("“高质效办好每一个案件”\n检察改革典型事例（2024年）\n正文。\n", encoding="utf-8")
    assert _load(kicker).title == "“高质效办好每一个案件”检察改革典型事例（2024年）"


def test_a_web_page_is_titled_without_the_sites_name_and_dated_by_its_publication_line(tmp_path):
    page = tmp_path / "news.html"
    page.write_text("<html><head><title>抓实业绩考评推动高质量发展_某某区人民检察院</title></head><body>"
                    "<div>设为首页</div><h1>抓实业绩考评推动高质量发展</h1>"
                    "<div>发布时间：2020年11月15日 来源：某某省人民检察院网站 浏览次数：</div>"
                    f"<p>{BODY}</p></body></html>", encoding="utf-8")
    document = _load(page)
    assert document.title == "抓实业绩考评推动高质量发展" and document.date == "2020-11-15"


def test_a_title_broken_over_two_lines_is_whole_when_the_file_name_holds_both_parts(tmp_path):
    path = tmp_path / "指导性案例238号：圣某欢诉江苏某网络科技有限公司确认劳动关系纠纷案.md"
    path.write_text("　指导性案例238号圣某欢诉江苏某网络科技有限公司确认\n\n　　**劳动关系纠纷案**\n\n"
                    "　　（最高人民法院审判委员会讨论通过2024年12月20日发布）\n\n裁判要点\n\n外卖骑手与平台企业之间存在劳动关系。\n",
                    encoding="utf-8")
    assert _load(path).title == "指导性案例238号圣某欢诉江苏某网络科技有限公司确认劳动关系纠纷案"
    other = tmp_path / "note.md"
    other.write_text("工作总结报告\n\n====\n\n今年共办理案件一百件，同比增长百分之十。\n", encoding="utf-8")
    assert _load(other).title == "工作总结报告"
