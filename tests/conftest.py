"""Shared fixtures. Network beyond loopback fails the test that tries it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

NETGUARD = Path(__file__).parent / "netguard"
sys.path.insert(0, str(NETGUARD))
# Subprocesses (jiancha, the bot, chroma run) load NETGUARD/sitecustomize.py, which guards them too.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(NETGUARD), os.environ.get("PYTHONPATH")]))

import netguard  # noqa: E402

netguard.install(AssertionError)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path, _session_cache):
    """No test reads the developer's .env or environment settings, or writes outside its tmp folders."""
    for key in list(os.environ):
        if key.startswith(("JIANCHA_", "OPENAI_", "TELEGRAM_", "CHROMA_")):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JIANCHA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(_session_cache))  # the dictionary's cache, built once per session


@pytest.fixture(scope="session")
def _session_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def settings(tmp_path):
    from retrieval.settings import Settings

    return Settings()


@pytest.fixture
def fake_index(settings):
    from fakes import HashEmbedder
    from retrieval.index.store import Index

    index = Index(settings, embedder=HashEmbedder())
    yield index
    index.close()


@pytest.fixture(scope="session")
def seeded_fake_dir(tmp_path_factory):
    """A data folder with the seeds ingested through the fake embedder, built once per session."""
    from fakes import HashEmbedder
    from retrieval.index.store import Index
    from retrieval.settings import Settings, StoreSettings

    data = tmp_path_factory.mktemp("seeded") / "data"
    settings = Settings(store=StoreSettings(data_dir=data))
    index = Index(settings, embedder=HashEmbedder())
    index.ingest([SEEDS], progress=False)
    index.close()
    return data


@pytest.fixture
def seeded_index(seeded_fake_dir, tmp_path):
    """A private copy of the session's seeded index (tests may change it)."""
    import shutil

    from fakes import HashEmbedder
    from retrieval.index.store import Index
    from retrieval.settings import Settings, StoreSettings

    data = tmp_path / "seeded"
    shutil.copytree(seeded_fake_dir, data)
    index = Index(Settings(store=StoreSettings(data_dir=data)), embedder=HashEmbedder())
    yield index
    index.close()


@pytest.fixture
def engine(seeded_index):
    """The offline engine over a private copy of the seeded index."""
    from retrieval.engine import Engine

    return Engine(settings=seeded_index.settings, index=seeded_index)
