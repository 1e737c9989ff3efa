"""The plain-LangChain pipeline we measure against: RecursiveCharacterTextSplitter(1000, 200) on the raw
files, a Chroma collection, the same embedder, dense top-5. Built once per corpus into a cache folder."""

from __future__ import annotations

from pathlib import Path

from retrieval.index.embed import Embedder
from retrieval.index.vectors import search_wide
from retrieval.ingest.parse import read_document
from retrieval.types import Hit

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200


class LangChainBaseline:
    """search(question) -> hits (source + chunk text), as a tutorial RAG would retrieve them."""

    def __init__(self, files: list[Path], folder: Path, embedder: Embedder, k: int = 5, ef_search: int = 400) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from langchain_chroma import Chroma

        self.k = k
        client = chromadb.PersistentClient(path=str(folder), settings=ChromaSettings(anonymized_telemetry=False))
        self.store = Chroma(client=client, collection_name="baseline", embedding_function=_embeddings(embedder))
        # Searched as deep as ours (HNSW ef_search), so the two pipelines differ in what they index and rank,
        # not in how approximate the graph search is (every baseline figure was the same at 100 and 400).
        search_wide(self.store._collection, ef_search)
        stamp = folder / "complete"
        if not stamp.exists():
            chunks = _chunks(files)
            for start in range(0, len(chunks), 256):
                self.store.add_documents(chunks[start:start + 256])
            stamp.write_text(str(len(chunks)))
        self.chunks = int(stamp.read_text())

    def search(self, question: str) -> list[Hit]:
        found = self.store.similarity_search(question, k=self.k)
        return [Hit(rank=rank, score=0.0, source=d.metadata["source"], title="", section="", text=d.page_content,
                    regions=[], passage_id="") for rank, d in enumerate(found, start=1)]


def _chunks(files: list[Path]):
    from langchain_core.documents import Document as LCDocument
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)
    docs = []
    for path in files:
        text = path.read_text(encoding="utf-8") if path.suffix in (".txt", ".md") else \
            read_document(path, 2**30, 2**30)[0]
        docs.append(LCDocument(page_content=text, metadata={"source": path.name}))
    return splitter.split_documents(docs)


def _embeddings(embedder: Embedder):
    from langchain_core.embeddings import Embeddings

    class OurEmbeddings(Embeddings):
        """The project's embedder behind LangChain's interface (e5 prefixes included)."""

        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return embedder.embed_batch(list(texts)).tolist()

        def embed_query(self, text: str) -> list[float]:
            return embedder.embed_query(text).tolist()

    return OurEmbeddings()
