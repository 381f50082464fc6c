"""What every model shares: strict models, Thai aliases, evidence, the common topic fields."""
from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from ..language import Said, tr
from .documents import FILE_EXAMPLE, OptionalDocumentFile
from .fields import FieldError, FiscalYearBE, OptionalDate, OptionalText, OptionalUrl, Text

class Strict(BaseModel):
    """Unknown keys are errors: a typo must never silently drop data.

    Frozen, so sums can be cached (functools.cached_property); a copy with changed fields
    forgets them, since pydantic's model_copy would carry the old sums over.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    def model_copy(self, *, update: Mapping[str, Any] | None = None,
                   deep: bool = False) -> Self:
        copied = super().model_copy(update=update, deep=deep)
        for name in _cached_properties(type(self)):
            copied.__dict__.pop(name, None)
        return copied


@functools.cache
def _cached_properties(model: type) -> tuple[str, ...]:
    return tuple(name for cls in model.__mro__ for name, value in vars(cls).items()
                 if isinstance(value, functools.cached_property))


def thai_alias(aliases: dict[str, str]) -> BeforeValidator:
    """Accept a Thai label or an alternative spelling for an enum value."""
    def normalise(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        key = " ".join(value.split())
        # As procurement writes them: "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", either part known.
        outside, _, inside = key.partition("(")
        for form in (key, outside.strip(), inside.rstrip(")").strip()):
            for spelling in (form.lower(), form):
                if spelling in aliases:
                    return aliases[spelling]
        return key
    return BeforeValidator(normalise)


EVIDENCE_EXPECTED = Said(f"url: กับที่อยู่เว็บ หรือ file: กับเอกสารใน data/documents/ เช่น {FILE_EXAMPLE}",
                         f"url: with a web address, or file: with a document in data/documents/ "
                         f"such as {FILE_EXAMPLE}")


class Evidence(Strict):
    """A document that proves what a page says, with its date: a link to a web address
    (``url``) or a file kept beside the data (``file``), never both."""

    title: Text
    url: OptionalUrl = None
    file: OptionalDocumentFile = None
    date: OptionalDate = None

    @model_validator(mode="after")
    def _url_or_file(self) -> Evidence:
        if self.url is not None and self.file is not None:
            raise FieldError(tr("มีทั้ง url และ file", "has both url and file"),
                             tr("อย่างใดอย่างหนึ่ง: ", "one of them: ") + EVIDENCE_EXPECTED)
        if self.url is None and self.file is None:
            raise FieldError(tr("ไม่มีทั้ง url และ file", "has neither url nor file"),
                             EVIDENCE_EXPECTED)
        return self

    @property
    def is_local(self) -> bool:
        """True for a file published with the site, False for a link to a web address."""
        return self.file is not None

    @property
    def address(self) -> str:
        """The web address, or the published file's path from the site root."""
        return self.file.site_path if self.file is not None else self.url or ""


class TopicData(Strict):
    """What every topic carries: who is responsible, when it was updated, evidence."""

    fiscal_year: FiscalYearBE | None = None
    responsible: OptionalText = None
    contact_person: OptionalText = None
    last_updated: OptionalDate = None
    evidence: list[Evidence] = Field(default_factory=list)
    note: OptionalText = None


