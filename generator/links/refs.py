"""Every web address in the data and where it is: the file, the line, the field, and the
item a webmaster would look for."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from ..language import tr
from ..model.base import TopicData
from ..model.dataset import Dataset, evidence_items
from ..model.load import UNIT_FILE
from ..model.source import FieldPath, SourceFile, field_name
from ..model.topics import OpinionChannels, ProcurementPlan
from ..topics import Topic


class LinkSeverity(Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class LinkRef:
    """One web address as it stands in a data file."""

    url: str
    file: str                 # data/2569/06-participation.yml
    line: int | None
    field: str                # activities[0].evidence[1].url
    item: str                 # what the link is, e.g. evidence 'รายงานการประชุม ครั้งที่ 2'
    topic: Topic | None = None
    year: int | None = None
    shown: str = ""           # the field as messages show it (with its Thai name, in Thai)

    @property
    def where(self) -> str:
        """Topic, fiscal year and item, as a person reads them."""
        topic = tr(f"หัวข้อ {self.topic.value} ปีงบประมาณ {self.year} ",
                   f"topic {self.topic.value}, FY {self.year}, ") if self.topic else ""
        return f"{topic}{self.item}"

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True)
class LinkProblem:
    """Something wrong with a link: found offline, in the built site, or over the network."""

    severity: LinkSeverity
    check: str                      # "offline", "internal" or "external"
    code: str                       # e.g. host-typo, missing-anchor, http-error
    url: str
    message: str                    # what is wrong, in plain words
    suggestion: str | None = None   # the corrected address, when we know it
    ref: LinkRef | None = None      # where in the data (None for a link of the built site)
    page: str | None = None         # the site page that holds the link (internal check)

    @property
    def is_error(self) -> bool:
        return self.severity is LinkSeverity.ERROR


# --- where the links are ------------------------------------------------------------

def link_refs(dataset: Dataset) -> list[LinkRef]:
    """Every web address of the data set: the unit's website, then each year's topics."""
    refs: list[LinkRef] = []
    unit_source = dataset.unit_source or SourceFile(f"data/{UNIT_FILE}")
    if dataset.unit.website:
        refs.append(_ref(dataset.unit.website, unit_source, ("website",), tr("เว็บไซต์ของหน่วยงาน",
                                                                         "the unit's website")))
    for year, fy in sorted(dataset.years.items()):
        for topic in Topic:
            data, source = fy.get(topic), fy.sources.get(topic)
            if data is not None and source is not None:
                refs.extend(topic_link_refs(data, source, topic, year))
    return refs


def topic_link_refs(data: TopicData, source: SourceFile, topic: Topic | None = None,
                    year: int | None = None) -> list[LinkRef]:
    """The web addresses of one topic's data; evidence without a URL (a local file) is skipped."""
    refs = []
    for loc, evidence in evidence_items(data):
        if evidence.url:
            refs.append(_ref(evidence.url, source, (*loc, "url"), tr(f"เอกสาร '{evidence.title}'",
                                                                   f"evidence '{evidence.title}'"),
                             topic, year))
    if isinstance(data, ProcurementPlan) and data.egp_url:
        refs.append(_ref(data.egp_url, source, ("egp_url",), tr("ประกาศในระบบ e-GP (egp_url)",
                                                                 "the e-GP announcement (egp_url)"),
                         topic, year))
    if isinstance(data, OpinionChannels):
        for index, channel in enumerate(data.channels):
            if channel.url:
                refs.append(_ref(channel.url, source, ("channels", index, "url"),
                                 tr(f"ช่องทาง '{channel.name}'", f"channel '{channel.name}'"),
                                 topic, year))
    return refs


def _ref(url: str, source: SourceFile, loc: FieldPath, item: str, topic: Topic | None = None,
         year: int | None = None) -> LinkRef:
    return LinkRef(url, source.path, source.line_of(loc), field_name(loc), item, topic, year,
                   source.field_of(loc))


def unique_urls(refs: Iterable[LinkRef]) -> list[str]:
    """Each address once, in the order first met."""
    return list(dict.fromkeys(ref.url for ref in refs))
