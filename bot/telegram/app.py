"""Build and run the Telegram Application: settings in, handlers wired, polling (or webhook) until a signal."""

from __future__ import annotations

import asyncio
import logging
import re
from urllib.parse import urlsplit

from telegram import Update
from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.ext import AIORateLimiter, Application, ContextTypes

from bot.redact import redact, remember
from bot.telegram import handlers, texts
from bot.telegram.access import Access, RateLimiter
from bot.telegram.audit import AuditLog
from bot.telegram.state import ChatState
from retrieval.errors import ConfigError
from retrieval.settings import Settings, TelegramSettings

log = logging.getLogger(__name__)

PURGE_EVERY_S = 24 * 3600
_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")  # what setWebhook accepts as secret_token
OUTAGE_PATIENCE_S = 60.0  # how long a reply waits out a Bot API that answers 5xx or cannot be reached


def file_url_for(base_url: str) -> str:
    """The file URL that goes with a Bot API base URL: '…/bot' becomes '…/file/bot'."""
    base = base_url.rstrip("/")
    if base.endswith("/bot"):
        return base[: -len("/bot")] + "/file/bot"
    if "/bot{token}" in base:
        return base.replace("/bot{token}", "/file/bot{token}")
    raise ConfigError(f"TELEGRAM_API_BASE_URL should end in /bot (e.g. http://127.0.0.1:8081/bot), not {base_url!r}")


class RedactToken(logging.Filter):
    """Redacts the bot token (and every registered secret) wherever it would appear in a log line."""

    def __init__(self, token: str | None = None) -> None:
        super().__init__()
        remember(token)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class PatientRateLimiter(AIORateLimiter):
    """AIORateLimiter (flood limits, 429 Retry-After honoured), plus patience with a Bot API that is down.

    A call failing with a gateway error (502 …) or an unreachable server is retried with backoff for up to
    `patience_s`, so an answer finished during an outage is delivered after it instead of being lost.
    Not retried: BadRequest (a retry cannot help), TimedOut (the request may have arrived: no duplicates),
    and chat actions (stale by then). getUpdates never comes here; the Updater has its own retry loop.
    """

    SKIPPED = frozenset({"sendChatAction"})

    def __init__(self, max_retries: int, patience_s: float = OUTAGE_PATIENCE_S) -> None:
        super().__init__(max_retries=max_retries)
        self.patience_s = patience_s
        self._line = asyncio.Lock()  # FIFO: answers take the flood budget in the order they were ready

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
        if endpoint in self.SKIPPED:
            if not self._room_for_cosmetics():
                return True  # 'typing…' is cosmetic: near the flood limit, Telegram's budget goes to answers
        else:
            await self._wait_in_line()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.patience_s
        delay = 0.5
        while True:
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except (BadRequest, TimedOut):
                raise
            except NetworkError as exc:
                if endpoint in self.SKIPPED or loop.time() + delay > deadline:
                    raise
                log.warning("Bot API %s failed (%s); retrying in %.1f s", endpoint, exc, delay)
                await asyncio.sleep(delay)
                delay = min(2 * delay, 5.0)

    async def _wait_in_line(self) -> None:
        """At the flood limit, wait for a free slot in arrival order. aiolimiter sends a woken waiter that finds
        no room to the back of its queue, so some answers waited a second longer than the rest (`make load`
        p95 1.8 s in some runs, 2.7–2.9 s in others). The line is left only when this task next yields,
        i.e. after python-telegram-bot has taken the slot (no await comes between the two)."""
        limiter = getattr(self, "_base_limiter", None)
        if limiter is None:
            return
        await self._line.acquire()
        try:
            while not limiter.has_capacity():
                await asyncio.sleep(limiter.time_period / limiter.max_rate)
        finally:
            asyncio.get_running_loop().call_soon(self._line.release)

    def _room_for_cosmetics(self) -> bool:
        """Whether half of the overall per-second budget (30 calls, Telegram's flood limit) is still free."""
        limiter = getattr(self, "_base_limiter", None)  # python-telegram-bot's overall limiter
        return limiter is None or limiter.has_capacity(limiter.max_rate / 2)


def protect_logs(token: str) -> None:
    """Keep the token out of every log handler; httpx logs each URL (with the token) at INFO."""
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    token_filter = RedactToken(token)
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for handler in root.handlers:
        handler.addFilter(token_filter)


def warm_up(engine: handlers.EngineLike) -> None:
    """Open the engine's lazily created parts once, before concurrent questions race to create them."""
    getattr(engine, "searcher", None)
    index = engine.index
    getattr(index, "vectors", None)
    if hasattr(index, "bm25"):
        index.bm25()
    from retrieval.search.crosslingual import translate_question

    translate_question("public hearing")  # the dictionary and English word frequencies, read once (~1 s)


async def _post_init(application: Application) -> None:
    await asyncio.to_thread(warm_up, application.bot_data["services"].engine)
    await application.bot.set_my_commands(texts.COMMANDS)
    if application.job_queue is not None:
        application.job_queue.run_repeating(_purge, interval=PURGE_EVERY_S, first=0, name="audit-retention")
    log.info("bot @%s ready", application.bot.username)


async def _post_shutdown(application: Application) -> None:
    services: handlers.Services | None = application.bot_data.get("services")
    if services is not None:
        services.close()


async def _purge(context: ContextTypes.DEFAULT_TYPE) -> None:
    removed = handlers.services(context).audit.purge()
    if removed:
        log.info("audit log: %d entries past retention deleted", removed)


def build_application(settings: Settings, engine: handlers.EngineLike) -> Application:
    """The Application with every handler, the rate limiter and the shared services."""
    tg = settings.telegram
    if not tg.token:
        raise ConfigError("TELEGRAM_BOT_TOKEN is not set; get a token from @BotFather and put it in .env")
    builder = (Application.builder().token(tg.token)
               .rate_limiter(PatientRateLimiter(max_retries=tg.api_retries))
               .concurrent_updates(True)
               .post_init(_post_init)
               .post_shutdown(_post_shutdown))
    if tg.api_base_url:
        base = tg.api_base_url.rstrip("/")
        builder = builder.base_url(base).base_file_url(file_url_for(base))
    application = builder.build()
    data_dir = settings.store.data_dir
    if not (tg.allowed_ids or tg.admin_ids):
        log.warning("JIANCHA_ALLOWED_USERS and JIANCHA_ADMINS are empty: the bot will refuse everyone")
    application.bot_data["services"] = handlers.Services(
        settings=settings,
        engine=engine,
        state=ChatState(data_dir / "telegram-state.sqlite3"),
        audit=AuditLog(data_dir / "audit.sqlite3", tg.audit_retention_days),
        access=Access(tg),
        limiter=RateLimiter(tg.rate_limit),
        workers=asyncio.Semaphore(max(1, tg.engine_workers)),
    )
    handlers.register(application)
    return application


def check_webhook(tg: TelegramSettings) -> None:
    """Webhook mode needs a public URL and a secret, so forged updates POSTed to the URL are refused."""
    if not tg.webhook_url:
        raise ConfigError("JIANCHA_TELEGRAM_MODE=webhook needs JIANCHA_WEBHOOK_URL (the public HTTPS URL)")
    if not tg.webhook_secret or not _SECRET_TOKEN.fullmatch(tg.webhook_secret):
        raise ConfigError("JIANCHA_TELEGRAM_MODE=webhook needs JIANCHA_WEBHOOK_SECRET (1-256 of A-Z a-z 0-9 _ -), "
                          "e.g. from `python -c 'import secrets; print(secrets.token_urlsafe(32))'`")


def run(settings: Settings | None = None, engine: handlers.EngineLike | None = None) -> int:
    """`jiancha bot`: serve until SIGINT/SIGTERM (run_polling/run_webhook stop cleanly on both)."""
    settings = settings or Settings()
    tg = settings.telegram
    remember(tg.webhook_secret, settings.llm.api_key)
    if tg.token:
        protect_logs(tg.token)
    if tg.mode == "webhook":
        check_webhook(tg)
    if engine is None:
        from retrieval.engine import Engine

        engine = Engine(settings=settings)
    application = build_application(settings, engine)
    if tg.mode == "webhook":
        # Serve on the path of the public URL, where Telegram will POST (a proxy may map host and port).
        url_path = urlsplit(tg.webhook_url).path.strip("/")
        application.run_webhook(listen=tg.webhook_listen, port=tg.webhook_port, url_path=url_path,
                                webhook_url=tg.webhook_url,
                                secret_token=tg.webhook_secret, allowed_updates=Update.ALL_TYPES)
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0
