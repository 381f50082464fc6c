"""Open data: every topic of every fiscal year as CSV and JSON files, and their catalogue.

Pure: the dataset in, file contents out. No timestamps: a file changes only when its data
does, so the same data always gives the same bytes.
"""
from __future__ import annotations

import datetime
import functools
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass

from .. import thai
from ..model.dataset import Dataset, FiscalYearData, Unit
from ..model.licences import Licence
from ..topics import Topic
from .formats import Json, TableSchema, csv_bytes, json_bytes
from .tables import topic_content

SCHEMA = "oit-open-data/1"
DATA_FOLDER = "data"              # <year>/data/<slug>.csv beside the year's pages
CATALOGUE_PAGE = "catalogue.md"
CATALOGUE_JSON = "catalogue.json"
CSV, JSON = "text/csv", "application/json"


@dataclass(frozen=True)
class DataFile:
    """One published file: its address in the site, its bytes, and for a CSV its table's
    description and number of rows (the rows themselves are in the bytes)."""

    path: str                  # relative to the site root, e.g. 2569/data/04-procurement-plan.csv
    media_type: str
    content: bytes
    table: TableSchema | None = None
    rows: int | None = None

    @property
    def format(self) -> str:
        return "CSV" if self.media_type == CSV else "JSON"

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def name(self) -> str:
        return posixpath.basename(self.path)


@dataclass(frozen=True)
class OpenDataset:
    """The published data of one topic in one fiscal year."""

    year: int
    topic: Topic
    last_updated: datetime.date | None
    responsible: str | None
    metadata: dict[str, Json]
    csv_files: tuple[DataFile, ...]
    json_file: DataFile
    page: str                  # the topic page, docs-relative: 2569/04-procurement-plan.md

    @property
    def id(self) -> str:
        return dataset_id(self.year, self.topic)

    @property
    def title_th(self) -> str:
        return f"{self.topic.info.title_th} ปีงบประมาณ พ.ศ. {self.year}"

    @property
    def files(self) -> tuple[DataFile, ...]:
        return (*self.csv_files, self.json_file)

    def link(self, path: str) -> str:
        """A relative link from this dataset's topic page to a site file or docs page."""
        return posixpath.relpath(path, posixpath.dirname(self.page))


@dataclass(frozen=True)
class OpenData:
    """Every dataset of the site and the machine-readable catalogue."""

    unit: Unit
    datasets: tuple[OpenDataset, ...]    # by fiscal year, then topic

    @functools.cached_property
    def catalogue(self) -> DataFile:
        """The DCAT catalogue file, made when first asked for."""
        return DataFile(CATALOGUE_JSON, JSON, json_bytes(dcat_catalogue(self.unit, self.datasets)))

    @property
    def licence(self) -> Licence:
        return self.unit.open_data_licence

    def get(self, year: int, topic: Topic) -> OpenDataset | None:
        return next((d for d in self.datasets if d.year == year and d.topic is topic), None)

    def by_topic(self, topic: Topic) -> list[OpenDataset]:
        """The topic's datasets, the latest fiscal year first."""
        return sorted((d for d in self.datasets if d.topic is topic), key=lambda d: -d.year)

    @property
    def files(self) -> list[DataFile]:
        return [f for d in self.datasets for f in d.files] + [self.catalogue]

    @property
    def paths(self) -> list[str]:
        """The files' site paths, known before the catalogue is made."""
        return [f.path for d in self.datasets for f in d.files] + [CATALOGUE_JSON]


def dataset_id(year: int, topic: Topic) -> str:
    return f"{year}-{topic.slug}"


def data_path(year: int, topic: Topic, table: str = "", suffix: str = "csv") -> str:
    """Stable site path of a topic's file, e.g. 2569/data/01-budget-plan-spending-schedule.csv."""
    name = topic.slug + (f"-{table}" if table else "")
    return f"{year}/{DATA_FOLDER}/{name}.{suffix}"


def open_data(dataset: Dataset) -> OpenData:
    """Every topic with data, in every fiscal year, as files; and the catalogue of them all."""
    return catalogued(dataset.unit, open_datasets(dataset, sorted(dataset.years)))


def open_datasets(dataset: Dataset, years: Iterable[int]) -> list[OpenDataset]:
    """The published data of every topic with data in ``years``, by year, then topic."""
    return [_open_dataset(dataset.unit, fy, topic)
            for fy in (dataset.years[year] for year in years) for topic in Topic
            if fy.get(topic) is not None]


def catalogued(unit: Unit, datasets: Iterable[OpenDataset]) -> OpenData:
    """The site's open data: its datasets in order, and the catalogue of them all."""
    return OpenData(unit, tuple(sorted(datasets, key=lambda d: (d.year, d.topic.value))))


def _open_dataset(unit: Unit, fy: FiscalYearData, topic: Topic) -> OpenDataset:
    data = fy.topics[topic]
    content = topic_content(topic, data, fy.year)
    csv_files = tuple(DataFile(data_path(fy.year, topic, t.name), CSV, csv_bytes(t), t.schema,
                               len(t.rows))
                      for t in content.tables)
    start, end = thai.fiscal_year_bounds(fy.year)
    licence = unit.open_data_licence
    metadata: dict[str, Json] = {
        "id": dataset_id(fy.year, topic),
        "title_th": f"{topic.info.title_th} ปีงบประมาณ พ.ศ. {fy.year}",
        "description_th": topic.info.summary_th,
        "topic": topic.value, "topic_title_th": topic.info.title_th,
        "topic_title_en": topic.info.title_en,
        "fiscal_year": fy.year, "fiscal_year_start": start.isoformat(),
        "fiscal_year_end": end.isoformat(),
        "publisher": publisher(unit),
        "responsible": data.responsible, "contact_person": data.contact_person,
        "last_updated": data.last_updated.isoformat() if data.last_updated else None,
        "source_file": str(fy.sources[topic]),
        "licence": licence_json(licence),
        "currency": "THB",
        "tables": [{"name": t.name or "main", "title_th": t.title_th, "csv": f.name,
                    "rows": len(t.rows), "fields": [c.describe() for c in t.columns]}
                   for t, f in zip(content.tables, csv_files)],
    }
    document: Json = {"schema": SCHEMA, "metadata": metadata, "data": content.content}
    json_file = DataFile(data_path(fy.year, topic, suffix="json"), JSON, json_bytes(document))
    return OpenDataset(fy.year, topic, data.last_updated, data.responsible, metadata,
                       csv_files, json_file, f"{fy.year}/{topic.slug}.md")


def publisher(unit: Unit) -> dict[str, Json]:
    return {"name_th": unit.name_th, "name_en": unit.name_en, "parent": unit.parent,
            "email": unit.email, "phone": unit.phone, "website": unit.website}


def licence_json(licence: Licence) -> dict[str, Json]:
    info = licence.info
    return {"id": licence.value, "title": info.title_en, "title_th": info.title_th,
            "url": info.url}


# --- the machine-readable catalogue: DCAT (W3C) in JSON-LD, columns in CSVW terms ----------

DCAT_CONTEXT: dict[str, Json] = {
    "@language": "th",
    "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/", "vcard": "http://www.w3.org/2006/vcard/ns#",
    "csvw": "http://www.w3.org/ns/csvw#", "xsd": "http://www.w3.org/2001/XMLSchema#",
    **{term: {"@type": "xsd:date"} for term in ("dct:modified", "dcat:startDate", "dcat:endDate")},
    **{term: {"@type": "@id"} for term in ("dct:license", "dcat:downloadURL", "dcat:landingPage",
                                           "foaf:homepage", "vcard:hasEmail")},
    **{term: {"@language": None} for term in ("dct:identifier", "dct:format", "dcat:mediaType",
                                              "csvw:name", "csvw:datatype")},
    "dcat:byteSize": {"@type": "xsd:nonNegativeInteger"},
    "csvw:column": {"@container": "@list"},
}


def dcat_catalogue(unit: Unit, datasets: tuple[OpenDataset, ...]) -> Json:
    """Every dataset, its files and their columns, as a DCAT catalogue (relative addresses)."""
    return {
        "@context": DCAT_CONTEXT, "@type": "dcat:Catalog",
        "dct:title": f"แคตตาล็อกข้อมูล {unit.name_th}",
        "dct:description": "ชุดข้อมูลเปิดตามหัวข้อการเปิดเผยข้อมูลสาธารณะ (OIT) 01–06",
        "dct:publisher": _dcat_publisher(unit),
        "dct:license": unit.open_data_licence.info.url,
        "foaf:homepage": "catalogue/",
        "dcat:dataset": [_dcat_dataset(unit, d) for d in datasets],
    }


def _dcat_publisher(unit: Unit) -> dict[str, Json]:
    publisher: dict[str, Json] = {"@type": "foaf:Organization", "foaf:name": unit.name_th}
    if unit.website:
        publisher["foaf:homepage"] = unit.website
    return publisher


def _dcat_dataset(unit: Unit, dataset: OpenDataset) -> dict[str, Json]:
    meta = dataset.metadata
    entry: dict[str, Json] = {
        "@type": "dcat:Dataset", "dct:identifier": dataset.id, "dct:title": dataset.title_th,
        "dct:description": dataset.topic.info.summary_th,
        "dct:publisher": _dcat_publisher(unit),
        "dct:temporal": {"@type": "dct:PeriodOfTime", "dcat:startDate": meta["fiscal_year_start"],
                         "dcat:endDate": meta["fiscal_year_end"]},
        "dcat:keyword": ["OIT", "ITA", dataset.topic.info.title_th,
                         f"ปีงบประมาณ พ.ศ. {dataset.year}"],
        "dct:license": unit.open_data_licence.info.url,
        # The site is built with use_directory_urls (mkdocs.yml): a page's address is a folder.
        "dcat:landingPage": f"{dataset.year}/{dataset.topic.slug}/",
        "dcat:distribution": [_dcat_distribution(unit, f) for f in dataset.files],
    }
    if dataset.last_updated is not None:
        entry["dct:modified"] = dataset.last_updated.isoformat()
    if dataset.responsible is not None:
        contact: dict[str, Json] = {"@type": "vcard:Organization",
                                    "vcard:fn": dataset.responsible}
        if unit.email:
            contact["vcard:hasEmail"] = f"mailto:{unit.email}"
        entry["dcat:contactPoint"] = contact
    return entry


def _dcat_distribution(unit: Unit, file: DataFile) -> dict[str, Json]:
    title = file.table.title_th if file.table is not None else "ข้อมูลทั้งหัวข้อ"
    entry: dict[str, Json] = {
        "@type": "dcat:Distribution", "dct:title": f"{title} ({file.format})",
        "dcat:downloadURL": file.path, "dcat:mediaType": file.media_type,
        "dct:format": file.format, "dcat:byteSize": file.size,
        "dct:license": unit.open_data_licence.info.url,
    }
    if file.table is not None:
        entry["csvw:tableSchema"] = {"csvw:column": [
            {"csvw:name": c.name, "csvw:titles": c.label_th, "csvw:datatype": c.type.csvw_datatype}
            for c in file.table.columns]}
    return entry
