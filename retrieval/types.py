"""Our own small data models; framework objects are converted to these at the edges."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Document(BaseModel):
    """One ingested file, cleaned; `text` keeps the original script for display and quoting."""

    name: str = Field(description="File name as ingested; the document's identity.")
    title: str
    date: str | None = Field(None, description="Publication date as YYYY-MM-DD, YYYY-MM or YYYY.")
    issuer: str | None = Field(None, description="Issuing body, e.g. 重庆市人民检察院.")
    regions: list[str] = Field(default_factory=list, description="Full names of places it speaks about, with ancestors.")
    text: str = Field(description="Cleaned text, original script.")
    content_hash: str = ""
    raw_hash: str = ""
    origin: str = Field("", description="The file it was ingested from (absolute path); empty for uploads and "
                                        "documents indexed before origins were kept.")


class Passage(BaseModel):
    """A structure-aware chunk of a document."""

    id: str
    doc: str
    ordinal: int
    start: int = Field(description="Character offset into the cleaned document text.")
    end: int
    section: str = Field("", description="Section path, headings joined with ' / '.")
    text: str = Field(description="The passage as the document has it (original script).")
    index_text: str = Field(description="Simplified-Chinese form that the indexes see.")
    regions: list[str] = Field(default_factory=list)
    flags: list[str] = Field(default_factory=list, description="Instruction-like sentences in the passage, flagged "
                                                               "at ingest: never quoted, redacted for a model.")


SECTION_MARK = "【{section}】"  # heads a cited neighbour from another section (Hit.cited_text)


class ContextPart(BaseModel):
    """One passage of a hit's reading context, with what it is about."""

    passage_id: str
    section: str
    text: str
    regions: list[str] = Field(default_factory=list)


class Hit(BaseModel):
    """A search result: a passage with its rank, fused score and document context."""

    rank: int
    score: float
    source: str
    title: str
    section: str
    text: str
    regions: list[str]
    passage_id: str
    date: str | None = None
    context: str = Field("", description="The passage with its neighbours (original script): what a reader needs "
                                         "around it; empty when the passage stands alone.")
    context_ids: list[str] = Field(default_factory=list, description="Passage ids the context spans, in order.")
    parts: list[ContextPart] = Field(default_factory=list, description="The context passage by passage.")

    @property
    def readable(self) -> str:
        """The context when there is one, else the passage."""
        return self.context or self.text

    def cited_text(self) -> str:
        """The context as a reader opens it: a neighbour from another section (a compilation's next region, a
        case's judgment after its facts) is headed 【that section】, and the hit's own passage, when a neighbour
        of another section comes before it, by its own, so no text is read under a heading it does not have."""
        if not self.parts or all(part.section == self.section for part in self.parts):
            return self.readable
        lines, heading = [], self.section
        for part in self.parts:
            if part.section != heading and part.section:
                lines.append(SECTION_MARK.format(section=part.section))
            heading = part.section
            lines.append(part.text)
        return "\n".join(lines)


class Filters(BaseModel):
    """Restrict a search to documents, a region (with its sub-regions) or a date range (inclusive)."""

    docs: list[str] | None = None
    region: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    @property
    def empty(self) -> bool:
        return not (self.docs or self.region or self.date_from or self.date_to)


class IngestReport(BaseModel):
    """What an ingest run did."""

    added: list[str] = Field(default_factory=list)
    replaced: list[str] = Field(default_factory=list)
    unchanged: list[str] = Field(default_factory=list)
    refused: list[str] = Field(default_factory=list, description="One-line reasons, each naming its file.")
    duplicates: list[str] = Field(default_factory=list,
                                  description="Files whose text is already indexed under another name (kept once), "
                                              "one line each naming both.")
    passages_embedded: int = 0
    skipped: list[str] = Field(default_factory=list,
                               description="Files in the folders given that are not of a type ingest reads (.doc, "
                                           ".jpg …), left out.")
    outdated: list[str] = Field(default_factory=list,
                                description="Documents still read under older ingest rules (their places, issuer, "
                                            "passages): not among this ingest's files.")
    removed: list[str] = Field(default_factory=list,
                               description="Documents ingested from the folders given whose files are gone (deleted, "
                                           "renamed or moved away): taken out of the index.")


class Turn(BaseModel):
    """One message of a conversation."""

    role: str = Field(description="'user' or 'assistant'.")
    text: str
    sources: list[str] = Field(default_factory=list, description="An answer's cited documents, by title, in the order "
                                                                 "it cites them (what '这个案子' then refers to).")


def book_title(title: str) -> str:
    """《title》, a title quoted inside it marked 〈〉 as Chinese usage has it: 《…关于《…》整改…的报告》 ->
    《…关于〈…〉整改…的报告》 (one already marked 〈〉 inside stays so)."""
    return f"《{title.replace('《', '〈').replace('》', '〉')}》" if title else ""


def cited_titles(citations: list[Citation]) -> list[str]:
    """The titles of the documents an answer cites, each once, in citation order."""
    return list(dict.fromkeys(citation.title for citation in citations if citation.title))


class Citation(BaseModel):
    """A passage an answer cites as [n]."""

    n: int
    source: str = Field(description="File name of the document as ingested.")
    title: str
    section: str
    quote: str = Field(description="The passage text (original script), with its reading context when it has one.")
    passage: str = Field("", description="The matched passage alone: where a one-line preview starts. Empty: "
                                         "the quote is the passage.")
    passage_id: str
    date: str | None = None
    issuer: str | None = None


class Attachment(BaseModel):
    """A file an answer offers (a summary as .docx)."""

    filename: str
    data: bytes


class Result(BaseModel):
    """What every front-end renders: answer text with [n] markers, the cited passages, warnings, mode."""

    answer: str
    citations: list[Citation] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    mode: str = Field("extractive", description="'llm' or 'extractive'.")
    language: str = Field("zh", description="'zh' or 'en': the language of the question and the answer.")
    attachment: Attachment | None = None
