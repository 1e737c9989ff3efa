"""Fault drill: kill -9 during ingest of a large folder (national laws), then restart.

Checked: after the kill the index is the old one (documents and passages as before), `jiancha docs`
and `jiancha search` work, and re-running the ingest completes it. Embeddings come from the fake
OpenAI-compatible server of the tests (hash vectors), so the drill takes a minute, not hours.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAWS = ROOT.parent / "shared" / "corpus" / "laws"
sys.path.insert(0, str(ROOT / "tests"))


def _cli(env: dict, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


def _listing(env: dict) -> list[dict]:
    done = _cli(env, "docs", "--json")
    if done.returncode:
        raise RuntimeError(done.stderr)
    return [json.loads(line) for line in done.stdout.splitlines()]


def run_kill_drill(files: int = 300) -> dict:
    from fake_embeddings import EmbeddingsServer

    laws = sorted(LAWS.glob("*"))[:files]
    with tempfile.TemporaryDirectory() as tmp, EmbeddingsServer(delay_s=0.01) as server:
        folder, data = Path(tmp) / "laws", Path(tmp) / "data"
        folder.mkdir()
        env = {**os.environ, "JIANCHA_DATA_DIR": str(data), "JIANCHA_EMBEDDER": "openai",
               "JIANCHA_EMBED_BASE_URL": server.url, "JIANCHA_EMBED_BATCH": "8"}
        for path in laws[:20]:
            shutil.copy(path, folder)
        first = _cli(env, "ingest", str(folder))
        before = _listing(env)
        for path in laws[20:]:
            shutil.copy(path, folder)
        victim = subprocess.Popen([sys.executable, "-m", "bot.cli", "ingest", str(folder)], cwd=ROOT, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(8)
        victim.send_signal(signal.SIGKILL)
        victim.wait()
        after_kill = _listing(env)
        search = _cli(env, "search", "--json", "--k", "3", "法律责任")
        started = time.perf_counter()
        rerun = _cli(env, "ingest", str(folder))
        rerun_s = time.perf_counter() - started
        final = _listing(env)
    return {"kill_drill_files": len(laws), "kill_drill_first_ingest_ok": first.returncode in (0, 2),
            "kill_drill_index_unchanged_after_kill": after_kill == before,
            "kill_drill_search_ok_after_kill": search.returncode == 0 and '"hits": [{' in search.stdout,
            "kill_drill_rerun_ok": rerun.returncode in (0, 2) and len(final) >= len(laws) - 5,
            "kill_drill_documents_before_after": [len(before), len(after_kill), len(final)],
            "kill_drill_rerun_s": round(rerun_s, 1)}


if __name__ == "__main__":
    print(json.dumps(run_kill_drill(), indent=2))
