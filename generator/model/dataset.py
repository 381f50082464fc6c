"""The validated, typed model of one unit's OIT data (each topic's model is in topics.py)."""
from __future__ import annotations

import functools
import typing
from enum import Enum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from ..language import Said, tr
from ..topics import Topic
from .base import Evidence, Strict, TopicData
from .documents import LocalDocument, OptionalDocumentFile
from .fields import (FieldError, FiscalYearBE, OptionalColour, OptionalEmail, OptionalPhone,
                     OptionalSiteUrl, OptionalText, OptionalUrl, Text)
from .licences import DEFAULT_LICENCE, Licence, licence_alias
from .source import SourceFile


# --- the unit and the whole data set ------------------------------------------

class RuleSet(Enum):
    """The sets of completeness rules a unit may count (checks.engine.Source has the same
    values)."""

    NATIONAL = "national"
    DEPARTMENT = "department"
    INFERENCE = "inference"


def _rule_set(value: Any) -> Any:
    names = {"ระดับประเทศ": "national", "เกณฑ์ ita": "national", "กรม": "department",
             "กระทรวง": "department", "ข้อแนะนำ": "inference"}
    return names.get(str(value).strip().lower(), str(value).strip().lower()) \
        if isinstance(value, str) else value



class Person(Strict):
    """Someone the working group's memo is addressed to or signed by."""

    name: OptionalText = None
    position: OptionalText = None


SECRETARY_ROLE = "คณะทำงานและเลขานุการ"


class Secretary(Person):
    role: Text = SECRETARY_ROLE   # the line under the position in the signature block


class WorkingGroup(Strict):
    """The ITA working group (คณะทำงาน) that checks the pages and reports to the head."""

    name: OptionalText = None
    secretary: Secretary | None = None


class Unit(Strict):
    """The agency unit that publishes these pages."""

    name_th: Text
    name_en: OptionalText = None
    parent: OptionalText = None
    address: OptionalText = None
    phone: OptionalPhone = None
    email: OptionalEmail = None
    website: OptionalUrl = None
    domains: list[Text] = Field(default_factory=list)
    current_fiscal_year: FiscalYearBE
    open_data_licence: Annotated[Licence, BeforeValidator(licence_alias)] = DEFAULT_LICENCE
    # The public face: the emblem (an image in data/documents/), the header's colour, and
    # the address the site is published at (sitemap, canonical links, the 404 page).
    logo: OptionalDocumentFile = None
    colour: OptionalColour = None
    site_url: OptionalSiteUrl = None
    # Which rule sets decide a topic's status (national, department, inference); the other
    # rules' findings are shown as advice. Default: the national criteria and the department's.
    rule_sets: list[Annotated[RuleSet, BeforeValidator(_rule_set)]] = Field(
        default_factory=lambda: [RuleSet.NATIONAL, RuleSet.DEPARTMENT])
    # The working group's memo (oit check --format html|pdf): to the head (เรียน, and the
    # "ทราบ" block), signed by the group's secretary, numbered under the unit's document code.
    head: Person | None = None
    working_group: WorkingGroup | None = None
    document_code: OptionalText = None

    @field_validator("logo")
    @classmethod
    def _an_image(cls, logo: LocalDocument | None) -> LocalDocument | None:
        if logo is not None and logo.type.label not in LOGO_TYPES:
            raise FieldError(tr(f"'{logo.path}' ไม่ใช่ไฟล์รูป ({logo.type.label})",
                                f"'{logo.path}' is not an image ({logo.type.label})"),
                             Said("ไฟล์รูป PNG, JPG, GIF หรือ WebP ใน data/documents/ เช่น "
                                  "documents/ตรา.png",
                                  "a PNG, JPG, GIF or WebP image in data/documents/, e.g. "
                                  "documents/ตรา.png"))
        return logo


LOGO_TYPES = ("PNG", "JPG", "GIF", "WebP")   # what a header and a browser tab show


class FiscalYearData(BaseModel):
    """All topics of one fiscal year; a topic without a data file is None."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    year: int
    topics: dict[Topic, TopicData]
    sources: dict[Topic, SourceFile]   # where each topic's fields are in its data file

    def get(self, topic: Topic) -> TopicData | None:
        return self.topics.get(topic)


class Dataset(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    unit: Unit
    years: dict[int, FiscalYearData]
    unit_source: SourceFile | None = None   # where unit.yml's fields are (None when built in code)

    @property
    def current_year(self) -> int:
        return self.unit.current_fiscal_year

    @property
    def archive_years(self) -> list[int]:
        return sorted((y for y in self.years if y != self.current_year), reverse=True)


def local_documents(dataset: Dataset) -> list[LocalDocument]:
    """Every evidence file of the data set, once each, in path order."""
    found = {e.file.path: e.file for fy in dataset.years.values() for data in fy.topics.values()
             for _, e in evidence_items(data) if e.file is not None}
    return [found[path] for path in sorted(found)]


def evidence_items(obj: Any, loc: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], Evidence]]:
    """Every Evidence inside a model, with its field path (for tracing a link to its line)."""
    if isinstance(obj, Evidence):
        return [(loc, obj)]
    found: list[tuple[tuple[str | int, ...], Evidence]] = []
    if isinstance(obj, BaseModel):
        for name in _evidence_fields(type(obj)):
            found.extend(evidence_items(getattr(obj, name), (*loc, name)))
    elif isinstance(obj, list):
        for index, item in enumerate(obj):
            found.extend(evidence_items(item, (*loc, index)))
    return found


@functools.cache
def _evidence_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model whose type can hold Evidence: the only ones worth walking
    (not every amount of every procurement item)."""
    return tuple(name for name, field in model.model_fields.items()
                 if _may_hold_evidence(field.annotation))


def _may_hold_evidence(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation is Evidence or bool(_evidence_fields(annotation))
    return any(_may_hold_evidence(arg) for arg in typing.get_args(annotation))
