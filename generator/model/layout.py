"""How each topic is laid out in a workbook, for people: a sheet "ข้อมูลทั่วไป" of label and
value rows for the topic's own fields, one sheet per table with Thai column headings, and a
sheet "หลักฐาน" for the evidence. The reader (workbook.py) finds columns by these headings,
in any order; the template writer uses the first heading of each."""
from __future__ import annotations

import enum
from dataclasses import dataclass

from ..topics import Topic


class Kind(enum.Enum):
    """What a cell holds, and so how a number or date cell is read."""

    TEXT = "text"
    AMOUNT = "amount"       # baht, exact to the satang
    DATE = "date"
    MONTH = "month"
    PERCENT = "percent"
    COUNT = "count"         # a whole number (people, a round)
    LINES = "lines"         # a list: one item per line of the cell (or per row, in ข้อมูลทั่วไป)
    PERIOD = "period"       # a quarter or a month


@dataclass(frozen=True)
class Column:
    """A field of a row (a table's column, or a row of ข้อมูลทั่วไป)."""

    key: str                       # the field, dotted below a row: "approved.date"
    headings: tuple[str, ...]      # the template's heading first, then others people use
    kind: Kind = Kind.TEXT
    hint: str = ""                 # what to type, in the template

    @property
    def heading(self) -> str:
        return self.headings[0]


@dataclass(frozen=True)
class Table:
    """A list of the topic, one row per item."""

    sheet: str
    key: str                       # the list's field: "items"
    columns: tuple[Column, ...]
    other_names: tuple[str, ...] = ()


GENERAL_SHEET = "ข้อมูลทั่วไป"
EVIDENCE_SHEET = "หลักฐาน"
LISTS_SHEET = "ตัวเลือก"   # a template's hidden sheet of drop-down choices: not data
NUMBER_HEADINGS = ("ลำดับ", "ลำดับที่", "ที่", "no.", "no")   # a ลำดับ column, checked to count 1, 2, 3…
LABEL_HEADING, VALUE_HEADING = "หัวข้อ", "ข้อมูล"
# The evidence sheet's first column says whose evidence a row is: the topic's own (empty), a
# numbered item of a list (รายงานที่ 2), or the signed plan of topic 01.
OWNER = Column("owner", ("เป็นหลักฐานของ", "ของ"), hint="ว่างไว้ = หลักฐานของหัวข้อนี้; "
               "หรือ รายงานที่ 1 / กิจกรรมที่ 1 / เอกสารแผนฉบับลงนาม")
EVIDENCE = (
    Column("title", ("ชื่อเอกสาร", "เอกสาร", "ชื่อ")),
    Column("url", ("ลิงก์", "ลิงก์เอกสาร", "url", "ที่อยู่เว็บ")),
    Column("file", ("ไฟล์", "ไฟล์เอกสาร", "file"), hint="เช่น documents/2570/แผน.pdf"),
    Column("date", ("วันที่", "วันที่ของเอกสาร", "วันที่เผยแพร่"), Kind.DATE),
)
SIGNED_PLAN = "เอกสารแผนฉบับลงนาม"
OWNER_LISTS = {"รายงานที่": "reports", "กิจกรรมที่": "activities"}

_COMMON = (
    Column("fiscal_year", ("ปีงบประมาณ", "ปีงบประมาณ พ.ศ."), Kind.COUNT),
    Column("responsible", ("ผู้รับผิดชอบ", "กลุ่มงานที่รับผิดชอบ", "หน่วยงานที่รับผิดชอบ")),
    Column("contact_person", ("ผู้ประสานงาน", "ผู้ติดต่อ")),
    Column("last_updated", ("วันที่ปรับปรุงข้อมูล", "ปรับปรุงข้อมูลเมื่อ", "วันที่ปรับปรุง"),
           Kind.DATE),
)
_NOTE = Column("note", ("หมายเหตุ",))

PROGRESS = (
    Column("project", ("ชื่อโครงการ", "โครงการ", "แผนงาน/โครงการ", "โครงการ/กิจกรรม")),
    Column("allocated", ("งบประมาณที่ได้รับ", "งบประมาณที่ได้รับจัดสรร", "งบประมาณ", "วงเงิน"),
           Kind.AMOUNT),
    Column("planned", ("แผนการเบิกจ่ายสะสม", "แผนการใช้จ่ายสะสม", "แผน"), Kind.AMOUNT),
    Column("disbursed", ("เบิกจ่ายสะสม", "ผลการเบิกจ่ายสะสม", "ผลการเบิกจ่าย", "เบิกจ่าย"),
           Kind.AMOUNT),
    Column("percent_of_plan", ("ร้อยละเทียบแผน", "ร้อยละ", "ร้อยละการเบิกจ่าย"), Kind.PERCENT),
)

CATEGORIES = ("งบบุคลากร", "งบดำเนินงาน", "งบลงทุน", "งบเงินอุดหนุน", "งบรายจ่ายอื่น")


@dataclass(frozen=True)
class Layout:
    general: tuple[Column, ...]
    tables: tuple[Table, ...] = ()
    # Topic 02: a sheet of each report's projects, named "รายงานที่ N", beside its reports.
    report_projects: bool = False
    # Topic 01: the budget categories are columns of the projects sheet.
    budget_columns: bool = False


LAYOUTS = {
    Topic.BUDGET_PLAN: Layout(
        general=(*_COMMON,
                 Column("total", ("งบประมาณทั้งสิ้น", "งบประมาณรวม", "รวมงบประมาณ"), Kind.AMOUNT),
                 Column("approved.date", ("วันที่อนุมัติแผน", "วันที่อนุมัติ"), Kind.DATE),
                 Column("approved.by", ("ผู้อนุมัติ", "ผู้อนุมัติแผน")), _NOTE),
        tables=(Table("โครงการ", "projects", (
                    Column("plan", ("แผนงาน",)),
                    Column("project", ("ชื่อโครงการ", "โครงการ", "โครงการ/รายการ")),
                    Column("activity", ("กิจกรรม",)))),
                Table("แผนการใช้จ่าย", "planned_spending", (
                    Column("period", ("ช่วงเวลา", "เดือน", "ไตรมาส"), Kind.PERIOD),
                    Column("amount", ("จำนวนเงิน", "แผนการใช้จ่าย", "วงเงิน"), Kind.AMOUNT)))),
        budget_columns=True),
    Topic.BUDGET_MONITORING: Layout(
        general=(*_COMMON, _NOTE),
        tables=(Table("รายงาน", "reports", (
            Column("title", ("ชื่อรายงาน", "รายงาน")),
            Column("as_of", ("ข้อมูล ณ วันที่", "ณ วันที่"), Kind.DATE),
            Column("round", ("รอบการประเมิน", "รอบ"), Kind.COUNT, hint="1 หรือ 2"),
            Column("published", ("วันที่เผยแพร่",), Kind.DATE),
            Column("problems", ("ปัญหาอุปสรรค", "ปัญหา/อุปสรรค"), Kind.LINES),
            Column("suggestions", ("ข้อเสนอแนะ",), Kind.LINES))),),
        report_projects=True),
    Topic.BUDGET_REPORT: Layout(
        general=(*_COMMON, Column("summary", ("สรุปผล", "สรุปผลการใช้จ่าย")),
                 Column("problems", ("ปัญหาอุปสรรค", "ปัญหา/อุปสรรค"), Kind.LINES),
                 Column("suggestions", ("ข้อเสนอแนะ",), Kind.LINES), _NOTE),
        tables=(Table("โครงการ", "projects", (
            PROGRESS[0], PROGRESS[1],
            Column("spent", ("ใช้จ่ายจริง", "ผลการใช้จ่าย", "ผลการเบิกจ่าย"), Kind.AMOUNT),
            Column("outputs", ("ผลผลิต", "ผลการดำเนินงาน", "ผลผลิต/ผลการดำเนินงาน")))),)),
    Topic.PROCUREMENT_PLAN: Layout(
        general=(*_COMMON,
                 Column("announced", ("วันที่ประกาศ", "ประกาศเมื่อ", "วันที่ประกาศแผน"), Kind.DATE),
                 Column("announced_by", ("ผู้ลงนามประกาศ", "ผู้ประกาศ")),
                 Column("egp_url", ("ลิงก์ e-GP", "ลิงก์ประกาศในระบบ e-GP", "e-GP")),
                 Column("no_procurement", ("คำชี้แจงกรณีไม่มีการจัดซื้อจัดจ้าง",)), _NOTE),
        tables=(Table("รายการ", "items", (
            Column("name", ("รายการ", "ชื่อรายการ", "รายการจัดซื้อจัดจ้าง", "ชื่อโครงการ")),
            Column("budget", ("วงเงิน", "วงเงินงบประมาณ", "วงเงินงบประมาณ (บาท)", "งบประมาณ",
                              "งบประมาณ (บาท)", "วงเงิน (บาท)"), Kind.AMOUNT),
            Column("source_of_funds", ("แหล่งเงิน", "แหล่งที่มาของงบประมาณ", "แหล่งงบประมาณ")),
            Column("method", ("วิธีจัดหา", "วิธีการจัดซื้อจัดจ้าง", "วิธีจัดซื้อจัดจ้าง"),
                   hint="เฉพาะเจาะจง / คัดเลือก / e-bidding / e-market"),
            Column("expected_month", ("เดือนที่คาดว่าจะจัดหา", "ช่วงเวลาที่คาดว่าจะจัดหา",
                                      "คาดว่าจะประกาศจัดซื้อจัดจ้าง (เดือน/ปี)", "เดือน"),
                   Kind.MONTH),
            Column("responsible", ("ผู้รับผิดชอบ", "กลุ่มที่รับผิดชอบ", "หน่วยงานที่รับผิดชอบ")),
            Column("note", ("หมายเหตุ",))), other_names=("แผนการจัดซื้อจัดจ้าง",)),)),
    Topic.OPINION_CHANNELS: Layout(
        general=(*_COMMON, _NOTE),
        tables=(Table("ช่องทาง", "channels", (
            Column("kind", ("ประเภทช่องทาง", "ประเภท")),
            Column("name", ("ชื่อช่องทาง", "ช่องทาง")),
            Column("contact", ("ข้อมูลติดต่อ", "ติดต่อ")),
            Column("url", ("ลิงก์", "ลิงก์ของช่องทาง")),
            Column("hours", ("เวลาให้บริการ", "วันและเวลาให้บริการ")),
            Column("answered_by", ("ผู้รับผิดชอบตอบ", "ผู้รับผิดชอบ")),
            Column("response_time", ("ระยะเวลาตอบกลับ",)),
            Column("note", ("หมายเหตุ",)))),)),
    Topic.PARTICIPATION: Layout(
        general=(*_COMMON, _NOTE),
        tables=(Table("กิจกรรม", "activities", (
            Column("title", ("ชื่อกิจกรรม", "กิจกรรม")),
            Column("date", ("วันที่",), Kind.DATE),
            Column("kind", ("ประเภทกิจกรรม", "ประเภท")),
            Column("participants_from", ("ผู้เข้าร่วมมาจาก", "ผู้เข้าร่วมเป็น"),
                   hint="ภายใน / ภายนอก / ทั้งสอง"),
            Column("stakeholders", ("ผู้มีส่วนได้ส่วนเสีย", "ผู้เข้าร่วม"), Kind.LINES),
            Column("participants", ("จำนวนผู้เข้าร่วม", "จำนวนผู้เข้าร่วม (คน)", "จำนวน (คน)"),
                   Kind.COUNT),
            Column("raised", ("ความคิดเห็นที่ได้รับ", "ความคิดเห็น", "ประเด็นที่ได้รับ"), Kind.LINES),
            Column("actions", ("การนำไปปฏิบัติ", "การนำผลไปใช้", "การดำเนินการ"), Kind.LINES))),)),
}


def report_sheet(number: int) -> str:
    """The sheet of monitoring report ``number``'s projects (counted from one)."""
    return f"รายงานที่ {number}"


def plain(heading: object) -> str:
    """A heading compared loosely: spaces, line breaks and letter case do not matter."""
    return " ".join(str(heading).split()).casefold()
