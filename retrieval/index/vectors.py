"""Dense vectors in Chroma, embedded (PersistentClient) or client/server (`chroma run`), one surface."""

from __future__ import annotations

import re

import numpy as np

from retrieval.errors import StoreError
from retrieval.settings import StoreSettings


def search_wide(collection, ef_search: int) -> None:
    """Search a Chroma collection wide enough to return the same neighbours whichever process loaded the graph
    (set on old collections too: ef_search is one of the settings Chroma lets a collection change)."""
    hnsw = (collection.configuration or {}).get("hnsw") or {}
    if hnsw.get("ef_search") != ef_search:
        collection.modify(configuration={"hnsw": {"ef_search": ef_search}})


OWNER_KEY = "jiancha_owner"


def _claim(collection, owner: str) -> str:
    """The index (catalog identity) a server's collection belongs to, claimed for `owner` when it belonged to
    none: two data folders sharing a collection would each delete the other's vectors as unknown."""
    metadata = collection.metadata or {}
    if OWNER_KEY not in metadata:
        # only our key: Chroma refuses a metadata update that repeats hnsw:space (kept in its configuration)
        kept = {k: v for k, v in metadata.items() if not k.startswith("hnsw:")}
        collection.modify(metadata=kept | {OWNER_KEY: owner})
        return owner
    return str(metadata[OWNER_KEY])


class ChromaVectors:
    """add / search / delete over a Chroma collection; vectors always come from our embedder."""

    def __init__(self, settings: StoreSettings, embedder_name: str, owner: str | None = None) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        try:
            if settings.chroma_host:
                self._client = chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port,
                                                   settings=chroma_settings)
            else:
                path = settings.data_dir / "chroma"
                path.mkdir(parents=True, exist_ok=True)
                self._client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
            name = re.sub(r"[^a-zA-Z0-9._-]", "-", f"{settings.collection}-{embedder_name}")[:60]
            # embedding_function=None: Chroma's default would try to download a model (and fail here).
            self.collection = self._client.get_or_create_collection(
                name, embedding_function=None, metadata={"hnsw:space": "cosine"})
            search_wide(self.collection, settings.hnsw_ef_search)
            claimed = _claim(self.collection, owner) if settings.chroma_host and owner else None
        except Exception as exc:  # chromadb raises many kinds when the server or folder is unusable
            where = f"{settings.chroma_host}:{settings.chroma_port}" if settings.chroma_host else str(settings.data_dir)
            raise StoreError(f"cannot open the Chroma store at {where} ({exc.__class__.__name__}); "
                             "check CHROMA_HOST/CHROMA_PORT or JIANCHA_DATA_DIR") from exc
        if claimed is not None and claimed != owner:
            raise StoreError(f"the Chroma collection {name!r} on {settings.chroma_host}:{settings.chroma_port} holds "
                             f"another data folder's index; give this one its own with JIANCHA_COLLECTION=<a name>")

    def add(self, ids: list[str], vectors: np.ndarray, metadatas: list[dict]) -> None:
        for start in range(0, len(ids), 1000):
            self.collection.upsert(ids=ids[start:start + 1000], embeddings=vectors[start:start + 1000],
                                   metadatas=metadatas[start:start + 1000])

    def search(self, vector: np.ndarray, k: int, where: dict | None = None) -> list[tuple[str, float]]:
        return self.search_many([vector], k, where)[0]

    def search_many(self, vectors, k: int, where: dict | None = None) -> list[list[tuple[str, float]]]:
        """(id, cosine) lists, one per vector, from one call (an English question's two texts: 4.2 ms at 60k
        passages against 5.2-5.6 ms for two calls)."""
        # No count() first: it cost ~5 ms per search at 60k passages, and Chroma (1.x) answers a query for more
        # results than it holds, or on an empty collection, with what it has (tests/test_chroma_server.py too).
        result = self.collection.query(query_embeddings=list(vectors), n_results=max(k, 1), where=where,
                                       include=["distances"])
        return [[(pid, 1.0 - float(d)) for pid, d in zip(ids, distances)]
                for ids, distances in zip(result["ids"], result["distances"])]

    def delete(self, ids: list[str]) -> None:
        for start in range(0, len(ids), 1000):
            self.collection.delete(ids=ids[start:start + 1000])

    def present(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(ids), 1000):
            found.update(self.collection.get(ids=ids[start:start + 1000], include=[])["ids"])
        return found

    def all_ids(self) -> set[str]:
        found: set[str] = set()
        total = self.collection.count()
        for offset in range(0, total, 5000):
            found.update(self.collection.get(limit=5000, offset=offset, include=[])["ids"])
        return found

    def count(self) -> int:
        return self.collection.count()
