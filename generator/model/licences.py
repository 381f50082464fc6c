"""The open licences a unit may publish its data under (``open_data_licence`` in unit.yml)."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Licence(Enum):
    """An open data licence, by its SPDX identifier."""

    CC_BY_4_0 = "CC-BY-4.0"
    ODC_BY_1_0 = "ODC-By-1.0"
    CC0_1_0 = "CC0-1.0"

    @property
    def info(self) -> LicenceInfo:
        return LICENCE_INFO[self]


@dataclass(frozen=True)
class LicenceInfo:
    short: str        # what a page shows in a sentence, e.g. CC BY 4.0
    title_en: str
    title_th: str
    url: str
    terms_th: str     # what a re-user may do and must do, in one sentence


# CC BY 4.0 is the default: it is an open licence in the sense of the Open Definition, it
# only asks for attribution, re-users and portals (CKAN, data.go.th) know it by its SPDX id,
# and unlike the DGA Open Government License it is not tied to data hosted on data.go.th.
DEFAULT_LICENCE = Licence.CC_BY_4_0

LICENCE_INFO: dict[Licence, LicenceInfo] = {
    Licence.CC_BY_4_0: LicenceInfo(
        "CC BY 4.0", "Creative Commons Attribution 4.0 International",
        "สัญญาอนุญาตครีเอทีฟคอมมอนส์แบบแสดงที่มา 4.0 สากล (CC BY 4.0)",
        "https://creativecommons.org/licenses/by/4.0/",
        "นำข้อมูลไปใช้ ทำซ้ำ ดัดแปลง และเผยแพร่ต่อได้ทุกวัตถุประสงค์ รวมถึงเชิงพาณิชย์ "
        "โดยต้องระบุที่มาของข้อมูล"),
    Licence.ODC_BY_1_0: LicenceInfo(
        "ODC-By 1.0", "Open Data Commons Attribution License v1.0",
        "สัญญาอนุญาตโอเพนดาตาคอมมอนส์แบบแสดงที่มา 1.0 (ODC-By 1.0)",
        "https://opendatacommons.org/licenses/by/1-0/",
        "นำฐานข้อมูลไปใช้ ทำซ้ำ ดัดแปลง และเผยแพร่ต่อได้ทุกวัตถุประสงค์ โดยต้องระบุที่มาของข้อมูล"),
    Licence.CC0_1_0: LicenceInfo(
        "CC0 1.0", "Creative Commons Zero v1.0 Universal",
        "ครีเอทีฟคอมมอนส์ซีโร 1.0 (CC0 1.0) อุทิศเป็นสาธารณสมบัติ",
        "https://creativecommons.org/publicdomain/zero/1.0/",
        "นำข้อมูลไปใช้ได้โดยอิสระทุกวัตถุประสงค์ ไม่ต้องขออนุญาตและไม่ต้องระบุที่มา"),
}

# Accepted spellings in unit.yml, compared case-insensitively with spaces as hyphens.
LICENCE_ALIASES: dict[str, str] = {
    **{licence.value.lower(): licence.value for licence in Licence},
    "cc-by": Licence.CC_BY_4_0.value, "odc-by": Licence.ODC_BY_1_0.value,
    "cc0": Licence.CC0_1_0.value,
}


def licence_alias(value: object) -> object:
    """The SPDX id of a licence written as 'CC BY 4.0', 'cc-by-4.0', 'CC0'…; else unchanged."""
    if not isinstance(value, str):
        return value
    key = "-".join(value.split()).lower()
    return LICENCE_ALIASES.get(key, value.strip())
