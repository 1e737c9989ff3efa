"""Hostile and oversized inputs: each costs only itself (one-line refusal), never the batch or the index."""

from __future__ import annotations

import io
import shutil
import zipfile

from conftest import SEEDS

GOOD_TEXT = "重庆市人民检察院开展信访工作，全年办理信访案件一百二十件，群众满意率明显提升。"


def external_core_properties_docx(text: str = GOOD_TEXT) -> bytes:
    """A .docx whose package links its core properties to an external target (TargetMode="External")."""
    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph(text)
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "_rels/.rels":
                assert b'Target="docProps/core.xml"' in data
                data = data.replace(b'Target="docProps/core.xml"',
                                    b'Target="http://example.invalid/core.xml" TargetMode="External"')
            target.writestr(item, data)
    return out.getvalue()


def test_docx_with_external_core_properties_is_refused_and_the_batch_goes_on(fake_index, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a_hostile.docx").write_bytes(external_core_properties_docx())
    seed = sorted(SEEDS.glob("*.txt"))[0]
    shutil.copy(seed, folder / seed.name)
    report = fake_index.ingest([folder], progress=False)
    assert report.added == [seed.name]
    assert len(report.refused) == 1 and report.refused[0].startswith("a_hostile.docx: ")
    assert "\n" not in report.refused[0] and "external" in report.refused[0]
    assert [d.name for d in fake_index.documents()] == [seed.name]


def test_line_without_punctuation_and_runaway_heading_are_capped(tmp_path):
    from retrieval.ingest.documents import load_document, split_document
    from retrieval.settings import IngestSettings

    settings = IngestSettings()
    runaway_heading = "案例1：" + "某县人民检察院对一起信访积案开展公开听证并推动化解" * 200  # no sentence end
    unpunctuated = "检察机关依法履行法律监督职责推进信访工作法治化" * 900  # ~20,000 characters, one line
    path = tmp_path / "hostile.txt"
    path.write_text(f"关于信访工作的情况报告\n{runaway_heading}\n{unpunctuated}\n", encoding="utf-8")
    doc = load_document(path, settings)
    passages = split_document(doc, settings)
    assert max(len(p.text) for p in passages) <= settings.chunk_hard_max_chars
    assert max(len(p.section) for p in passages) <= settings.section_max_chars
    assert any(p.section.endswith("…") for p in passages)
    assert all(doc.text[p.start:p.end] == p.text for p in passages)
    covered = sum(len(p.text) for p in passages)
    assert covered >= len(unpunctuated) + len(runaway_heading) - 200  # nothing of either line is lost


def test_partial_dates_cover_their_whole_period(seeded_index):
    from retrieval.search.hybrid import Searcher
    from retrieval.types import Filters

    dates = {d.name: d.date for d in seeded_index.documents()}
    may_2023 = next(name for name, date in dates.items() if date and date.startswith("2023-05"))
    searcher = Searcher(seeded_index)

    def sources(**bounds) -> set[str]:
        return {h.source for h in searcher.search("检察院 工作 报告", k=50, filters=Filters(**bounds))}

    assert may_2023 in sources(date_to="2023")
    assert may_2023 in sources(date_to="2023-05")
    assert may_2023 in sources(date_from="2023-05", date_to="2023-05")
    assert may_2023 not in sources(date_from="2023-06")
    assert may_2023 not in sources(date_to="2023-04")
    for found in (sources(date_to="2030"), sources(date_from="2000")):
        assert found and all(dates[name] for name in found)  # undated documents never pass a date filter


def test_malformed_date_is_one_line_that_says_the_format(seeded_index):
    import pytest

    from retrieval.errors import BadRequest
    from retrieval.search.hybrid import Searcher
    from retrieval.types import Filters

    with pytest.raises(BadRequest, match="YYYY-MM"):
        Searcher(seeded_index).search("检察", k=3, filters=Filters(date_to="May 2023"))


def test_too_little_disk_refuses_the_batch_before_touching_the_index(seeded_index, tmp_path):
    import pytest

    from retrieval.errors import DiskFull
    from retrieval.search.hybrid import Searcher

    before = ([(d.name, d.content_hash) for d in seeded_index.documents()], seeded_index.vectors.count())
    free_mb = shutil.disk_usage(seeded_index.data_dir).free / 2**20
    seeded_index.settings.store.min_free_mb = free_mb + 10_000  # a real check: the margin exceeds what is free
    folder = tmp_path / "new"
    folder.mkdir()
    (folder / "new_report.txt").write_text("关于公开听证的报告\n" + GOOD_TEXT * 20, encoding="utf-8")
    with pytest.raises(DiskFull) as caught:
        seeded_index.ingest([folder], progress=False)
    message = str(caught.value)
    assert message.startswith("disk full: ") and " MB free in " in message and "\n" not in message
    assert str(seeded_index.data_dir.resolve()) in message
    after = ([(d.name, d.content_hash) for d in seeded_index.documents()], seeded_index.vectors.count())
    assert after == before
    assert Searcher(seeded_index).search("代表建议办理", k=3)
    unchanged = seeded_index.ingest([SEEDS], progress=False)  # nothing to write: no refusal
    assert len(unchanged.unchanged) == 5
