"""The index: catalog + Chroma vectors + BM25, kept in step by incremental, atomic ingests.

Order of an ingest, chosen so that kill -9 at any point leaves a consistent, searchable index:
1. embed new passages into Chroma (ids are content hashes, so a re-run reuses what was embedded);
2. commit the catalog in one transaction (the moment the new index becomes visible);
3. delete superseded vectors and rebuild BM25 (a stale BM25 is detected by generation and rebuilt).
Vectors not in the catalog are never returned, so steps 1 and 3 can be interrupted safely.
"""

from __future__ import annotations

import fcntl
import json
import re
import shutil
import sqlite3
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from retrieval.index.files import another_file, collect_files, gone_from
from retrieval.index.catalog import Catalog
from retrieval.ingest.documents import load_document, raw_digest, split_document
from retrieval.index.embed import E5Embedder, Embedder, embedder_setting, make_embedder
from retrieval.errors import BadRequest, DiskFull, EmbedderMismatch, NotFound, RefusedDocument, StoreError
from retrieval.index.lexical import BM25Index, tokenize
from retrieval.settings import Settings
from retrieval.types import Document, IngestReport, Passage
from retrieval.index.vectors import ChromaVectors


def date_number(date: str | None) -> int:
    """20240315 for '2024-03-15', 20240000 for '2024': comparable in Chroma filters."""
    if not date:
        return 0
    parts = (date.split("-") + ["0", "0"])[:3]
    return int(parts[0]) * 10000 + int(parts[1]) * 100 + int(parts[2])


# How a file becomes a document (its title, date, issuer, places, cleaning, passages). Bumped when those rules
# change, so the next ingest reads every file again (vectors of passages whose text is unchanged are reused):
# an index built before 2026-12-01 tags 43 statutes with 和县 from '…市和县级人民政府…'; before .3, PDF lines
# wrapped at the page edge were sentences of their own, 519 guiding cases and court interpretations had no
# issuer (ten had 最高人民检察院, from a cited title), and documents did not record the file they came from.
# .4: a law amended since it was passed is dated by its last amendment (会计法 of 2024 was dated 1985-01-21), and a
# procuratorate suing in a guiding case's title is its plaintiff, not its issuer; .5/.6: '担任县级以上…' names no 任县
# (.6: by the rule for 和县, not a scan special case). .7: statute lines using a site footer's words
# ('(二)有符合…认定的主办单位及其主管机关；') are kept (54 statutes had lost list items), a law's enactment line is no
# title ('2012年2月15日 国务院第192次常务会议通过' titled 拘留所条例), a file name's date dates an undated law (163),
# an amendment whose '修正' wraps to the next line counts, and a rule's places are only the one it opens with (86
# statutes, one about Taiwan's judgments tagged 台湾省). .8: a guiding case is dated by its release note ('2021年7月23日
# 发布）'), not a date of its facts (7 of 246 were).
INGEST_RULES = "2026-12-01.8"
WRITE_FACTOR = 16  # bytes written per input byte: text in the catalog (raw, passages, index form, tokens), vectors
# with their HNSW graph and metadata, BM25 (measured: the seeds' 111 kB make a 1.7 MB data folder, 15x)


def date_bound(date: str, last: bool = False) -> int:
    """A filter bound covering a partial date's whole period: '2023' is 20230000 as a first day and 20231299 as
    a last day, '2023-05' 20230500 / 20230599, so `--to 2023` keeps every document dated in 2023."""
    match = re.fullmatch(r"\s*(\d{4})(?:[-/.年](\d{1,2})月?(?:[-/.](\d{1,2})日?)?)?\s*", date or "")
    if not match or not 1 <= int(match.group(2) or 1) <= 12 or not 1 <= int(match.group(3) or 1) <= 31:
        raise BadRequest(f"{date!r} is not a date; give YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2023 or 2023-05)")
    year, month, day = match.groups()
    filler = 99 if last else 0
    return int(year) * 10000 + (int(month) if month else filler) * 100 + (int(day) if day else filler)


class Index:
    """Everything searchable about the collection; collaborators default from settings.

    The catalog records which embedder made the vectors; another embedder is refused (EmbedderMismatch)
    until `reembed()` has embedded every passage again with it.
    """

    def __init__(self, settings: Settings | None = None, embedder: Embedder | None = None,
                 vectors: ChromaVectors | None = None) -> None:
        self.settings = settings or Settings()
        self.data_dir = self.settings.store.data_dir
        self.catalog = _open_catalog(self.data_dir)
        self.embedder = embedder or self._default_embedder()
        self._vectors = vectors
        self._vectors_given = vectors is not None  # a caller's own vectors: it vouches for them (benchmarks)
        self._bm25: tuple[int, BM25Index] | None = None
        self._open_lock = threading.Lock()  # bot threads may race to open the store or load BM25

    def _default_embedder(self) -> Embedder:
        """The settings' embedder, except that an index e5-fast built (the default until 2026-11-30) keeps
        e5-fast, with int8 questions (same rankings at R@5 on every eval set), unless JIANCHA_EMBEDDER is
        set: an upgrade never stops a working index; `JIANCHA_EMBEDDER=e5-int8 jiancha ingest --reembed`
        converts it."""
        chosen = self.settings.embedder
        if "kind" not in chosen.model_fields_set and chosen.kind == "e5-int8" \
                and self.catalog.embedder() == E5Embedder.name:
            chosen = chosen.model_copy(update={"kind": "e5-fast", "int8_questions": True})
        return make_embedder(chosen)

    @property
    def vectors(self) -> ChromaVectors:
        """This embedder's vectors; refuses (EmbedderMismatch) when the index was embedded by another."""
        self.check_embedder()
        return self._open_vectors()

    def check_embedder(self) -> None:
        """Raise EmbedderMismatch when the catalog says another embedder made the stored vectors."""
        built_with = None if self._vectors_given else self.catalog.embedder()
        if built_with and built_with != self.embedder.name:
            raise EmbedderMismatch(built_with, self.embedder.name, embedder_setting(built_with))

    def _open_vectors(self) -> ChromaVectors:
        if self._vectors is None:
            with self._open_lock:
                if self._vectors is None:
                    self._vectors = ChromaVectors(self.settings.store, self.embedder.name, self.catalog.identity())
        return self._vectors

    # -- reading -------------------------------------------------------------------------
    def documents(self) -> list[Document]:
        return self.catalog.documents()

    def document(self, name: str) -> Document:
        doc = self.catalog.document(name)
        if doc is None:
            known = ", ".join(d.name for d in self.catalog.documents()[:10]) or "none; run `jiancha ingest`"
            raise NotFound(f"no document named {name!r}; known: {known}")
        return doc

    def bm25(self) -> BM25Index:
        """The BM25 index of the current catalog generation (loaded, or rebuilt if stale)."""
        generation = self.catalog.generation()
        if self._bm25 and self._bm25[0] == generation:
            return self._bm25[1]
        with self._open_lock:
            if self._bm25 and self._bm25[0] == generation:
                return self._bm25[1]
            return self._load_bm25(generation)

    def _load_bm25(self, generation: int) -> BM25Index:
        folder = self.data_dir / "bm25"
        stamp = folder / "generation"
        index = None
        if stamp.exists() and stamp.read_text().strip() == str(generation):
            index = BM25Index.load(folder)
        if index is None:
            index = self._rebuild_bm25(generation)
        self._bm25 = (generation, index)
        return index

    def _rebuild_bm25(self, generation: int) -> BM25Index:
        ids, token_lists = self.catalog.tokens()
        index = BM25Index.build(ids, token_lists)
        folder = self.data_dir / "bm25"
        try:
            index.save(folder)
            (folder / "generation").write_text(str(generation))
        except OSError:
            pass  # a read-only data folder still searches, from memory
        return index

    # -- writing -------------------------------------------------------------------------
    @contextmanager
    def _lock(self):
        handle = open(self.data_dir / "ingest.lock", "w")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            handle.close()
            raise StoreError("another ingest or remove is running on this data folder; wait for it") from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()

    def ingest(self, paths: list[Path], progress: bool | None = None, serving: bool = False) -> IngestReport:
        """Add new and changed files, skip unchanged ones; refusals are reported, never fatal.

        `serving`: a long-running process (the bot) ingests an upload; what bulk embedding held (one
        model session per core, ~450 MB) is freed afterwards, so the process returns to its serving size.

        Parsing and tokenising run on this thread while a second thread embeds what is already
        staged (the embedder is native code and releases the GIL), so ingest is bounded by the embedder.
        """
        self.check_embedder()
        files, refused, skipped = collect_files(paths)
        report = IngestReport(refused=refused, skipped=skipped)
        with self._lock():
            known = self.catalog.hashes()
            stale = bool(known) and self.catalog.ingest_rules() != INGEST_RULES
            if stale:  # read again under today's rules: vectors of unchanged passages are reused, not re-embedded
                known = {name: ("", "") for name in known}
            unchanged = self._check_disk(files, known)
            with self._progress(progress) as bar, ThreadPoolExecutor(1, "embed") as worker:
                jobs = [worker.submit(lambda: self.vectors)]  # importing and opening Chroma overlaps with parsing
                staged: list[tuple[Document, list[Passage], list[list[str]]]] = []
                seen: dict[str, str] = {}  # file name -> content hash, for this batch
                origins = self.catalog.origins()
                report.removed = gone_from(paths, origins)  # a renamed file comes back under its new name
                for path in files:
                    if another_file(path, origins.get(path.name)) and path not in unchanged:
                        report.refused.append(f"{path}: a different file named {path.name} is already indexed (from "
                                              f"{origins[path.name]}); rename this one, or remove that document "
                                              f"first to replace it")
                        continue
                    item = self._stage(path, seen, report, unchanged, known.get(path.name), frozenset(report.removed))
                    if item:
                        staged.append(item)
                        jobs.append(worker.submit(self._embed_missing, item[1], {item[0].name: item[0].date}, bar))
                for job in jobs:
                    job.result()
                report.outdated = sorted(set(known) - {path.name for path in files}) if stale else []
                self._publish(staged, bar, rules=None if report.outdated else INGEST_RULES, remove=report.removed)
        if serving:
            self.embedder.bulk_done()
        return report

    def _check_disk(self, files: list[Path], known: dict[str, tuple[str, str]]) -> set[Path]:
        """Refuse the batch, before Chroma or the catalog is touched, when its writes would leave less than the
        margin free (Chroma hit by a full disk mid-write cannot serve searches until repaired).

        Returns the files whose bytes are unchanged since they were indexed (each file is hashed here once);
        `known` holds the indexed documents' (raw, content) hashes by name."""
        need, unchanged = 0, set()
        for path in files:
            old = known.get(path.name)
            try:
                if old and _file_hash(path) == old[0]:
                    unchanged.add(path)
                    continue  # unchanged: nothing will be written for it
                need += path.stat().st_size * WRITE_FACTOR
            except OSError:
                continue  # unreadable: refused later, writes nothing
        if not need:
            return unchanged
        free = shutil.disk_usage(self.data_dir).free
        margin = int(self.settings.store.min_free_mb * 2**20)
        if free < need + margin:
            raise DiskFull(f"disk full: {free // 2**20} MB free in {self.data_dir.resolve()}; this ingest needs about "
                           f"{-(-need // 2**20)} MB plus the {margin // 2**20} MB margin (JIANCHA_MIN_FREE_MB); "
                           "free space or point JIANCHA_DATA_DIR at a larger disk; nothing was changed")
        return unchanged

    def ingest_prepared(self, prepared: list[tuple[Document, list[Passage]]], progress: bool | None = None) -> None:
        """Add documents already split into passages (e.g. a benchmark's statute articles), same atomic path."""
        with self._lock(), self._progress(progress) as bar:
            self._publish([(doc, passages, [tokenize(p.index_text) for p in passages]) for doc, passages in prepared],
                          bar)

    @contextmanager
    def _progress(self, progress: bool | None):
        from tqdm import tqdm

        show = sys.stderr.isatty() if progress is None else progress
        with tqdm(total=0, unit="passage", desc="embedding", disable=not show, file=sys.stderr) as bar:
            yield bar

    def _publish(self, staged: list[tuple[Document, list[Passage], list[list[str]]]], bar,
                 rules: str | None = None, remove: list[str] = ()) -> None:
        dates = {doc.name: doc.date for doc, _, _ in staged}
        self._embed_missing([p for _, passages, _ in staged for p in passages], dates, bar)
        superseded = [p.id for name in [*(doc.name for doc, _, _ in staged), *remove]
                      for p in self.catalog.passages_of(name)]
        if staged or remove or (rules and self.catalog.ingest_rules() != rules):
            self.catalog.commit(staged, remove=list(remove), embedder=self.embedder.name, rules=rules)
            fresh = {p.id for _, passages, _ in staged for p in passages}
            self.vectors.delete([pid for pid in superseded if pid not in fresh])
        self._repair_vectors(bar)
        self.bm25()

    def _stage(self, path: Path, seen: dict[str, str], report: IngestReport, unchanged: set[Path],
               old: tuple[str, str] | None, leaving: frozenset[str] = frozenset()):
        """Read, clean and split one file; None when it is unchanged, a duplicate or refused (noted in the report).
        `old`: the (raw, content) hashes of the document indexed under this name, if any."""
        if path.name in seen:
            report.refused.append(f"{path}: another file named {path.name} is in this ingest; rename one")
            return None
        seen[path.name] = ""
        if path in unchanged:
            report.unchanged.append(path.name)
            return None
        try:
            return self._prepare(path, seen, report, old, leaving)
        except RefusedDocument as exc:
            report.refused.append(str(exc))
        except Exception as exc:  # a hostile file must cost only itself, never the batch
            detail = str(exc).splitlines()[0][:120] if str(exc) else ""
            report.refused.append(f"{path.name}: could not be processed ({exc.__class__.__name__}: {detail}); "
                                  "re-save it (Word/UTF-8 text) and ingest it again")
        seen[path.name] = ""
        return None

    def _prepare(self, path: Path, seen: dict[str, str], report: IngestReport, old: tuple[str, str] | None,
                 leaving: frozenset[str] = frozenset()):
        """Every per-file step (read, parse, clean, chunk, tokenise); raises for a file that cannot be taken.
        `leaving`: documents whose files are gone, so a file with their text is their new name, not a twin."""
        doc = load_document(path, self.settings.ingest)
        if old and old[1] == doc.content_hash:
            self.catalog.update_raw_hash(doc.name, doc.raw_hash)
            report.unchanged.append(path.name)
            return None
        twin = self._twin(doc, seen)
        if twin and twin not in leaving:
            report.duplicates.append(f"{path.name}: same text as {twin} (indexed once, under {twin})")
            return None
        passages = split_document(doc, self.settings.ingest)
        if not passages:
            raise RefusedDocument(path.name, "no passages could be made from its text")
        tokens = [tokenize(p.index_text) for p in passages]
        seen[path.name] = doc.content_hash
        (report.replaced if old else report.added).append(path.name)
        report.passages_embedded += len(passages)
        return doc, passages, tokens

    def _twin(self, doc: Document, seen: dict[str, str]) -> str | None:
        """Another document with the same cleaned text, in this batch or already indexed."""
        in_batch = next((name for name, digest in seen.items() if digest == doc.content_hash), None)
        indexed = self.catalog.name_with_content(doc.content_hash)
        return in_batch or (indexed if indexed != doc.name else None)

    def _embed_missing(self, passages: list[Passage], dates: dict[str, str | None], bar) -> None:
        """Embed passages whose vectors are not in Chroma yet (a re-run after kill -9 resumes here)."""
        if not passages:
            return
        present = self.vectors.present([p.id for p in passages])
        self._embed([p for p in passages if p.id not in present], dates, bar, self.vectors)

    def _embed(self, passages: list[Passage], dates: dict[str, str | None], bar, vectors: ChromaVectors) -> None:
        """Embed the passages in batches into `vectors`, with the metadata search filters on."""
        bar.total += len(passages)
        bar.refresh()
        batch = self.settings.ingest.embed_batch_size
        for start in range(0, len(passages), batch):
            group = passages[start:start + batch]
            vectors.add([p.id for p in group], self.embedder.embed_batch([p.index_text for p in group]),
                        [{"doc": p.doc, "date": date_number(dates.get(p.doc))} for p in group])
            bar.update(len(group))

    def _repair_vectors(self, bar) -> None:
        """Drop vectors the catalog does not know and embed catalog passages that have none."""
        catalog_ids = self.catalog.passage_ids()
        if self.vectors.count() == len(catalog_ids):
            return
        stored = self.vectors.all_ids()
        known = set(catalog_ids)
        self.vectors.delete(sorted(stored - known))
        missing = [pid for pid in catalog_ids if pid not in stored]
        dates = {doc.name: doc.date for doc in self.catalog.documents()}
        self._embed_missing(list(self.catalog.passages(missing).values()), dates, bar)

    def reembed(self, progress: bool | None = None) -> int:
        """Embed every stored passage again with the current embedder and record it; returns the count."""
        with self._lock(), self._progress(progress) as bar:
            vectors = self._open_vectors()
            dates = {doc.name: doc.date for doc in self.catalog.documents()}
            passages = list(self.catalog.passages(self.catalog.passage_ids()).values())
            self._embed(passages, dates, bar, vectors)
            stale = vectors.all_ids() - {p.id for p in passages}
            vectors.delete(sorted(stale))
            self.catalog.record_embedder(self.embedder.name)
        return len(passages)

    def remove(self, name: str) -> int:
        """Delete a document from every index; return how many passages went."""
        with self._lock():
            self.document(name)
            ids = [p.id for p in self.catalog.passages_of(name)]
            self.catalog.commit([], remove=[name])
            self.vectors.delete(ids)
            self.bm25()
        return len(ids)

    def status(self) -> dict:
        counts = self.catalog.passage_counts()
        return {"documents": len(counts), "passages": sum(counts.values()), "generation": self.catalog.generation(),
                "embedder": self.embedder.name}

    def close(self) -> None:
        self.catalog.close()


def _open_catalog(data_dir: Path) -> Catalog:
    """The catalog in the index folder (made if missing), or one line saying what is wrong with the folder."""
    if data_dir.exists() and not data_dir.is_dir():
        raise StoreError(f"JIANCHA_DATA_DIR={data_dir} is a file, not a folder; point it at a folder (made if missing)")
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        return Catalog(data_dir / "catalog.sqlite3")
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"cannot use the index folder {data_dir} ({exc}); JIANCHA_DATA_DIR must be a folder this user "
                         f"can read and write") from exc


def _file_hash(path: Path) -> str:
    return raw_digest(path.read_bytes())


def dump_report(report: IngestReport) -> str:
    return json.dumps(report.model_dump(), ensure_ascii=False)
