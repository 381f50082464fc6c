"""Small charts shared by the drawing tests (not a test module)."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal
from fractions import Fraction

from generator.charts.bars import Bar, BarChart, BarGroup, Series
from generator.charts.lines import (ACTUAL_LINE, PLAN_LINE, REFERENCE_LINE, Line, LineChart,
                                    LinePoint)
from generator.charts.svg import amount_scale

D = Decimal
NS = {"svg": "http://www.w3.org/2000/svg"}
QUARTERS = [D("7753278.00"), D("11661012.00"), D("10257746.00"), D("8352700.50")]
MONTHS = tuple("ต.ค. พ.ย. ธ.ค. ม.ค. ก.พ. มี.ค. เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย.".split())


def bar_chart(values: list[Decimal], labels: list[str] | None = None) -> BarChart:
    """Each value and its double, as a plain and a hatched bar."""
    scale = amount_scale(max(values))
    labels = labels or [f"ไตรมาส {i + 1}" for i in range(len(values))]
    groups = tuple(BarGroup(label, (Bar(v, scale.label(v), f"{label}: {v} บาท"),
                                    Bar(v * 2, scale.label(v * 2), f"{label} สะสม")))
                   for label, v in zip(labels, values, strict=True))
    return BarChart("แผนการใช้จ่ายงบประมาณรายไตรมาส", "ปีงบประมาณ พ.ศ. 2569 · หน่วย: ล้านบาท",
                    "คำอธิบาย", scale, (Series("ในงวด"), Series("สะสม", hatched=True)), groups)


def line_chart() -> LineChart:
    """Two reports (end of October and of November) against a 38-million allocation."""
    def points(values: list[str]) -> tuple[LinePoint, ...]:
        return tuple(LinePoint(Fraction(i + 1, 12), D(v), f"จุด {i}") for i, v in enumerate(values))
    return LineChart("แผนและผลการเบิกจ่าย", "ปีงบประมาณ พ.ศ. 2569", "คำอธิบาย",
                     amount_scale(D(38_000_000)), MONTHS,
                     (Line("งบประมาณ", REFERENCE_LINE, points(["38000000", "38000000"]), "38.00",
                           from_zero=False),
                      Line("แผน", PLAN_LINE, points(["2000000", "6000000"]), "6.00"),
                      Line("จริง", ACTUAL_LINE, points(["1000000", "5000000"]), "5.00")))


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(svg: str) -> list[str]:
    return [t.text or "" for t in parse(svg).iterfind(".//svg:text", NS)]
