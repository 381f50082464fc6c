"""The six OIT topics this project publishes, with their Thai titles and legal basis."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Topic(Enum):
    """An OIT topic, by its number in the assessment (seed 000)."""

    BUDGET_PLAN = "01"
    BUDGET_MONITORING = "02"
    BUDGET_REPORT = "03"
    PROCUREMENT_PLAN = "04"
    OPINION_CHANNELS = "05"
    PARTICIPATION = "06"

    @property
    def info(self) -> TopicInfo:
        return TOPIC_INFO[self]

    @property
    def slug(self) -> str:
        """File and URL name, e.g. ``01-budget-plan``: stable across rebuilds."""
        return self.info.slug


@dataclass(frozen=True)
class TopicInfo:
    number: str
    slug: str
    title_th: str
    title_en: str
    summary_th: str
    legal_basis: tuple[str, ...]


MEETING_AGENDA = "ระเบียบวาระการประชุมประจำเดือนของหน่วยงาน"
INFORMATION_ACT = "พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540"
BUDGET_ACT = "พระราชบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ และพระราชบัญญัติวิธีการงบประมาณ พ.ศ. 2561"

TOPIC_INFO: dict[Topic, TopicInfo] = {
    Topic.BUDGET_PLAN: TopicInfo(
        "01", "01-budget-plan", "แผนการใช้จ่ายงบประมาณประจำปี",
        "Annual budget spending plan",
        "งบประมาณของปีงบประมาณ จำแนกตามแผนงาน โครงการ กิจกรรม และงบรายจ่าย "
        "พร้อมแผนการใช้จ่ายรายเดือนหรือรายไตรมาส และการอนุมัติแผน",
        (BUDGET_ACT, "แผนปฏิบัติการประจำปีของหน่วยงาน", "แผนการใช้จ่ายงบประมาณของหน่วยงาน",
         MEETING_AGENDA)),
    Topic.BUDGET_MONITORING: TopicInfo(
        "02", "02-budget-monitoring", "รายงานการกำกับติดตามการใช้จ่ายงบประมาณประจำปี",
        "Budget monitoring report",
        "ผลการเบิกจ่ายงบประมาณเทียบกับแผน ณ วันที่รายงาน ร้อยละความก้าวหน้า "
        "ปัญหา อุปสรรค และข้อเสนอแนะ",
        ("แผนปฏิบัติการประจำปีของหน่วยงาน", "แผนการใช้จ่ายงบประมาณของหน่วยงาน", MEETING_AGENDA)),
    Topic.BUDGET_REPORT: TopicInfo(
        "03", "03-budget-report", "รายงานผลการใช้จ่ายงบประมาณประจำปี",
        "Annual budget spending report",
        "ผลการใช้จ่ายงบประมาณทั้งปีงบประมาณ งบประมาณที่ได้รับเทียบกับที่ใช้จ่ายจริงรายโครงการ "
        "ผลผลิต ปัญหา อุปสรรค และข้อเสนอแนะสำหรับปีถัดไป",
        (BUDGET_ACT, "แนวทางการดำเนินงานด้านงบประมาณของกรม", MEETING_AGENDA)),
    Topic.PROCUREMENT_PLAN: TopicInfo(
        "04", "04-procurement-plan", "แผนการจัดซื้อจัดจ้าง",
        "Procurement plan",
        "รายการจัดซื้อจัดจ้างของปีงบประมาณ วงเงิน แหล่งเงิน วิธีการจัดหา "
        "ช่วงเวลาที่คาดว่าจะจัดหา ผู้รับผิดชอบ และวันที่ประกาศแผน",
        ("พระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560",
         "ระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560",
         "แผนปฏิบัติการประจำปีของหน่วยงาน", "แผนการใช้จ่ายงบประมาณของหน่วยงาน", MEETING_AGENDA)),
    Topic.OPINION_CHANNELS: TopicInfo(
        "05", "05-opinion-channels", "ช่องทางการรับฟังความคิดเห็น",
        "Channels for opinions",
        "ช่องทางที่ผู้มีส่วนได้ส่วนเสียและประชาชนใช้สอบถาม ทักท้วง ร้องเรียน "
        "และแสดงความคิดเห็น พร้อมวิธีติดต่อ เวลาให้บริการ และผู้รับผิดชอบตอบ",
        (INFORMATION_ACT, MEETING_AGENDA)),
    Topic.PARTICIPATION: TopicInfo(
        "06", "06-participation", "การเปิดโอกาสให้เกิดการมีส่วนร่วม",
        "Opening participation",
        "กิจกรรมที่ผู้มีส่วนได้ส่วนเสียเข้ามามีส่วนร่วมในการดำเนินงานของหน่วยงาน "
        "วันที่ ผู้เข้าร่วม ประเด็นที่เสนอ และสิ่งที่หน่วยงานดำเนินการต่อ พร้อมหลักฐาน",
        (INFORMATION_ACT, MEETING_AGENDA)),
}
