"""The optional chat model: any OpenAI-compatible endpoint through langchain-openai."""

from __future__ import annotations

from retrieval.settings import LLMSettings


def make_chat_model(settings: LLMSettings, streaming: bool = False):
    """A ChatOpenAI for the configured endpoint, or None when no model is configured (offline mode).

    Retries are ours (bounded, Retry-After honoured), so the client's own are off; tiktoken is never
    touched because we never ask LangChain to count tokens.
    """
    if not settings.configured:
        return None
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        model=settings.model,
        api_key=settings.api_key or "not-needed",
        base_url=settings.base_url,
        temperature=settings.temperature,
        timeout=settings.timeout_s,
        max_tokens=settings.max_tokens,
        max_retries=0,
        streaming=streaming,
    )
