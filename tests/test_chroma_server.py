"""Client/server mode: a real `chroma run` on 127.0.0.1, the same ingest and search code through it."""

import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from conftest import SEEDS
from fakes import HashEmbedder
from retrieval.index.store import Index
from retrieval.search.hybrid import Searcher
from retrieval.settings import Settings, StoreSettings


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    import sys

    binary = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    if not Path(binary).exists():
        pytest.skip("the chroma CLI is not installed")
    port = _free_port()
    process = subprocess.Popen([binary, "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1",
                                "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("chroma run did not start within 60 s")
    yield port
    process.terminate()
    process.wait(timeout=30)


def test_ingest_and_search_through_a_chroma_server(chroma_server, tmp_path):
    settings = Settings(store=StoreSettings(data_dir=tmp_path / "data", chroma_host="127.0.0.1",
                                            chroma_port=chroma_server))
    index = Index(settings, embedder=HashEmbedder())
    report = index.ingest([SEEDS], progress=False)
    assert len(report.added) == 5
    assert not (tmp_path / "data" / "chroma").exists()  # vectors live in the server, not locally
    assert index.vectors.count() == index.status()["passages"]
    hits = Searcher(index).search("挂案清理", k=3)
    assert hits and hits[0].source == "001_440cd2a1d0a77d82.txt"
    index.remove("001_440cd2a1d0a77d82.txt")
    assert index.vectors.count() == index.status()["passages"]
    assert index.vectors.collection.configuration["hnsw"]["ef_search"] == settings.store.hnsw_ef_search


def test_a_second_data_folder_on_the_same_server_is_refused_not_left_to_delete_the_firsts_vectors(chroma_server,
                                                                                                tmp_path):
    """Two installations on one server shared one collection: the second's ingest deleted the first's vectors
    (991 -> 39) as unknown to its catalog, and the first searched on without them, silently."""
    from retrieval.errors import StoreError

    def index_in(folder: str, collection: str = "jiancha-passages") -> Index:
        return Index(Settings(store=StoreSettings(data_dir=tmp_path / folder, chroma_host="127.0.0.1",
                                                  chroma_port=chroma_server, collection=collection)),
                     embedder=HashEmbedder())

    first = index_in("first")
    first.ingest([SEEDS], progress=False)
    stored = first.vectors.count()
    with pytest.raises(StoreError, match="JIANCHA_COLLECTION"):
        index_in("second").ingest([SEEDS / "000_bf64703f7d023cd3.txt"], progress=False)
    assert first.vectors.count() == stored
    own = index_in("second", collection="second-office")
    own.ingest([SEEDS / "000_bf64703f7d023cd3.txt"], progress=False)
    assert first.vectors.count() == stored and own.vectors.count() == own.status()["passages"]


def test_a_collection_made_with_chromas_defaults_is_searched_wide_enough(tmp_path):
    """ef_search 100 (Chroma's default) against 60-deep queries: 18 of 44 questions' dense lists differed
    between two processes on the same index; 400 left 1. Old collections get it when opened."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from retrieval.index.vectors import ChromaVectors

    store = StoreSettings(data_dir=tmp_path)
    client = chromadb.PersistentClient(path=str(tmp_path / "chroma"), settings=ChromaSettings(anonymized_telemetry=False))
    old = client.get_or_create_collection(f"{store.collection}-hash-256", embedding_function=None,
                                          metadata={"hnsw:space": "cosine"})
    assert old.configuration["hnsw"]["ef_search"] == 100
    assert ChromaVectors(store, "hash-256").collection.configuration["hnsw"]["ef_search"] == 400
    wider = StoreSettings(data_dir=tmp_path, hnsw_ef_search=600)
    assert ChromaVectors(wider, "hash-256").collection.configuration["hnsw"]["ef_search"] == 600
