"""One embedder per index: the catalog records it, another one is refused with a fix, --reembed switches."""

from __future__ import annotations

import pytest

from fakes import HashEmbedder
from retrieval.errors import EmbedderMismatch, JianchaError
from retrieval.index.store import Index
from retrieval.search.hybrid import Searcher

QUESTION = "公益诉讼"


class OtherEmbedder(HashEmbedder):
    """Same features, another name: stands for switching JIANCHA_EMBEDDER."""

    name = "hash-other"


def test_index_records_the_embedder_it_was_built_with(seeded_index):
    assert seeded_index.catalog.embedder() == "hash-256"


def test_searching_with_another_embedder_says_how_to_fix_it(seeded_index):
    other = Index(seeded_index.settings, embedder=OtherEmbedder())
    with pytest.raises(EmbedderMismatch) as caught:
        Searcher(other).search(QUESTION, k=3)
    message = str(caught.value)
    assert isinstance(caught.value, JianchaError) and "\n" not in message
    assert "index built with hash-256" in message
    assert "jiancha ingest --reembed" in message and "JIANCHA_EMBEDDER=hash-256" in message
    other.close()


def test_ingesting_with_another_embedder_is_refused_before_any_work(seeded_index, tmp_path):
    other = Index(seeded_index.settings, embedder=OtherEmbedder())
    new = tmp_path / "new.txt"
    new.write_text("新的文件，关于公益诉讼的工作情况。" * 20, encoding="utf-8")
    with pytest.raises(EmbedderMismatch):
        other.ingest([new], progress=False)
    assert other.catalog.document("new.txt") is None
    other.close()


def test_reembed_switches_the_index_to_the_current_embedder(seeded_index):
    passages = len(seeded_index.catalog.passage_ids())
    embedder = OtherEmbedder()
    other = Index(seeded_index.settings, embedder=embedder)
    assert other.reembed(progress=False) == passages
    assert other.catalog.embedder() == "hash-other"
    assert other.vectors.count() == passages
    assert Searcher(other).search(QUESTION, k=3)
    with pytest.raises(EmbedderMismatch, match="index built with hash-other"):
        Searcher(Index(seeded_index.settings, embedder=HashEmbedder())).search(QUESTION, k=3)
    other.close()


def test_index_without_a_record_adopts_the_embedder_at_its_next_ingest(fake_index, tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("关于检察机关开展公益诉讼工作的情况报告。" * 10, encoding="utf-8")
    fake_index.ingest([doc], progress=False)
    with fake_index.catalog._db:
        fake_index.catalog._db.execute("DELETE FROM meta WHERE key='embedder'")
    assert Searcher(fake_index).search(QUESTION, k=1)  # an index from before the record still searches
    doc.write_text("关于检察机关开展公益诉讼工作的情况报告（修订）。" * 10, encoding="utf-8")
    fake_index.ingest([doc], progress=False)
    assert fake_index.catalog.embedder() == "hash-256"


def test_cli_reembed_with_the_configured_embedder(seeded_index, monkeypatch, capsys):
    from bot import cli

    monkeypatch.setattr(cli, "_index", lambda: Index(seeded_index.settings, embedder=OtherEmbedder()))
    assert cli.main(["search", QUESTION]) == 1
    assert "jiancha ingest --reembed" in capsys.readouterr().err
    assert cli.main(["ingest", "--reembed"]) == 0
    assert "re-embedded" in capsys.readouterr().out
    assert cli.main(["search", QUESTION]) == 0
