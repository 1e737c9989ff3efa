"""Stage 5: practice and report summaries, .docx/.md export."""
