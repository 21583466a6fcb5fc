"""Draft a new plan's targets from its policy text (``kpi catalog draft``, the drafting page)."""

from kpi.drafting.document import DocumentError, read_document
from kpi.drafting.items import Draft, DraftItem, SupportMeasure, draft_text

__all__ = ["DocumentError", "Draft", "DraftItem", "SupportMeasure", "draft_text", "read_document"]
