"""The Thai name of every data field, shown beside its key wherever a message points at
one (``รายการที่ 3 วิธีจัดหา (items[2].method)``), so that a webmaster who knows the page
but not the key finds the field. Names follow the page's column headings and data/README.md."""
from __future__ import annotations

# key → Thai name, for a key that means one thing wherever it is.
LABELS = {
    # unit.yml
    "name_th": "ชื่อหน่วยงานภาษาไทย", "name_en": "ชื่อภาษาอังกฤษ", "parent": "หน่วยงานต้นสังกัด",
    "address": "ที่อยู่", "phone": "โทรศัพท์", "email": "อีเมล", "website": "เว็บไซต์",
    "domains": "โดเมน", "current_fiscal_year": "ปีงบประมาณปัจจุบัน",
    "open_data_licence": "สัญญาอนุญาตข้อมูลเปิด", "logo": "ตราสัญลักษณ์", "colour": "สีประจำหน่วยงาน",
    "site_url": "ที่อยู่เว็บไซต์ OIT", "rule_sets": "ชุดเกณฑ์ที่ใช้ตัดสินสถานะ",
    "head": "หัวหน้าหน่วยงาน", "working_group": "คณะทำงาน ITA", "secretary": "เลขานุการคณะทำงาน",
    "position": "ตำแหน่ง", "role": "หน้าที่ในคณะทำงาน", "document_code": "รหัสหนังสือ (ที่)",
    # every topic
    "fiscal_year": "ปีงบประมาณ", "responsible": "ผู้รับผิดชอบ", "contact_person": "ผู้ประสานงาน",
    "last_updated": "วันที่ปรับปรุงข้อมูล", "evidence": "หลักฐาน", "note": "หมายเหตุ",
    "url": "ลิงก์", "file": "ไฟล์เอกสาร", "date": "วันที่",
    # 01
    "total": "งบประมาณทั้งสิ้น", "approved": "การอนุมัติแผน", "by": "ผู้อนุมัติ",
    "source_document": "เอกสารแผนฉบับลงนาม", "projects": "โครงการ", "plan": "แผนงาน",
    "project": "ชื่อโครงการ", "activity": "กิจกรรม", "planned_spending": "แผนการใช้จ่าย",
    # 02, 03
    "reports": "รายงาน", "as_of": "ข้อมูล ณ วันที่", "round": "รอบการประเมิน",
    "published": "วันที่เผยแพร่", "allocated": "งบประมาณที่ได้รับ", "planned": "แผนการเบิกจ่ายสะสม",
    "disbursed": "เบิกจ่ายสะสม", "percent_of_plan": "ร้อยละเทียบแผน", "problems": "ปัญหาอุปสรรค",
    "suggestions": "ข้อเสนอแนะ", "summary": "สรุปผล", "spent": "ใช้จ่ายจริง", "outputs": "ผลผลิต",
    # 04
    "announced": "วันที่ประกาศ", "announced_by": "ผู้ลงนามประกาศ", "egp_url": "ลิงก์ e-GP",
    "no_procurement": "คำชี้แจงกรณีไม่มีการจัดซื้อจัดจ้าง", "items": "รายการจัดซื้อจัดจ้าง",
    "source_of_funds": "แหล่งเงิน", "method": "วิธีจัดหา", "expected_month": "เดือนที่คาดว่าจะจัดหา",
    # 05
    "channels": "ช่องทาง", "contact": "ข้อมูลติดต่อ", "hours": "เวลาให้บริการ",
    "answered_by": "ผู้รับผิดชอบตอบ", "response_time": "ระยะเวลาตอบกลับ",
    # 06
    "activities": "กิจกรรม", "stakeholders": "ผู้มีส่วนได้ส่วนเสีย", "participants": "จำนวนผู้เข้าร่วม",
    "raised": "ความคิดเห็นที่ได้รับ", "actions": "การนำไปปฏิบัติ",
    "participants_from": "ผู้เข้าร่วมมาจาก",
}

# (the list an item is in, key) → Thai name, for a key whose meaning depends on its list.
IN_LIST = {
    ("items", "budget"): "วงเงิน", ("projects", "budget"): "งบประมาณตามงบรายจ่าย",
    ("items", "name"): "ชื่อรายการ", ("channels", "name"): "ชื่อช่องทาง",
    ("head", "name"): "ชื่อหัวหน้าหน่วยงาน", ("secretary", "name"): "ชื่อเลขานุการ",
    ("working_group", "name"): "ชื่อคณะทำงาน",
    ("channels", "kind"): "ประเภทช่องทาง", ("activities", "kind"): "ประเภทกิจกรรม",
    ("reports", "title"): "ชื่อรายงาน", ("activities", "title"): "ชื่อกิจกรรม",
    ("evidence", "title"): "ชื่อเอกสาร", ("source_document", "title"): "ชื่อเอกสาร",
    ("items", "responsible"): "กลุ่มที่รับผิดชอบ", ("approved", "date"): "วันที่อนุมัติ",
    ("evidence", "url"): "ลิงก์เอกสาร", ("evidence", "date"): "วันที่ของเอกสาร",
    ("source_document", "url"): "ลิงก์เอกสารแผน", ("source_document", "file"): "ไฟล์เอกสารแผน",
    ("source_document", "date"): "วันที่ของเอกสารแผน", ("channels", "url"): "ลิงก์ของช่องทาง",
}


def label(parent: str, key: str) -> str:
    """The Thai name of ``key`` inside the list or block named ``parent`` ('' if none)."""
    return IN_LIST.get((parent, key)) or LABELS.get(key, "")
