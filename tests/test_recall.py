"""The product's promise on the seeds, with the real bundled embedder: recall@5 >= 0.95 in zh and in en."""

import pytest

from conftest import SEEDS
from retrieval.eval.recall import evaluate, format_table, load_questions
from retrieval.index.store import Index
from retrieval.search.hybrid import Searcher
from retrieval.settings import Settings, StoreSettings


@pytest.fixture(scope="module")
def real_index(tmp_path_factory):
    index = Index(Settings(store=StoreSettings(data_dir=tmp_path_factory.mktemp("real") / "data")))
    index.ingest([SEEDS], progress=False)
    yield index
    index.close()


def test_question_set_is_balanced_and_large_enough():
    questions = load_questions()
    by_lang = {lang: [q for q in questions if q.lang == lang] for lang in ("zh", "en")}
    assert len(by_lang["zh"]) >= 30 and len(by_lang["en"]) >= 30
    assert {q.source for q in questions} == {p.name for p in SEEDS.glob("*.txt")}


@pytest.mark.slow
def test_recall_at_5_on_the_seeds_question_set(real_index):
    searcher = Searcher(real_index)
    scores = {s.lang: s for s in evaluate(load_questions(), lambda q, k: searcher.search(q, k=k))}
    table = format_table(list(scores.values()))
    assert scores["zh"].recall[5] >= 0.95, table
    assert scores["en"].recall[5] >= 0.95, table
