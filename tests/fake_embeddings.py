"""A real OpenAI-compatible /v1/embeddings server on 127.0.0.1, backed by the deterministic HashEmbedder."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from fakes import HashEmbedder


class EmbeddingsServer:
    """Serve embeddings; `delay_s` slows each request (to interrupt an ingest in the middle)."""

    def __init__(self, delay_s: float = 0.0) -> None:
        self.delay_s = delay_s
        self.requests = 0
        embedder = HashEmbedder()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                owner.requests += 1
                time.sleep(owner.delay_s)
                texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
                vectors = embedder.embed_batch(texts)
                payload = json.dumps({"object": "list", "model": body.get("model", "fake"),
                                      "data": [{"object": "embedding", "index": i, "embedding": v.tolist()}
                                               for i, v in enumerate(vectors)],
                                      "usage": {"prompt_tokens": 0, "total_tokens": 0}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):  # a killed client's broken pipe is expected
                pass

        self._server = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> "EmbeddingsServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
