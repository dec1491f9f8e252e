#!/usr/bin/env python3
"""Writes the eOtinish export fixtures with Python's csv and json writers (not by hand).

Run from this folder: python3 make-eotinish-fixtures.py
"""
import csv, json

def iin(first11):
    d = [int(x) for x in first11]
    r = sum(a * b for a, b in zip(d, range(1, 12))) % 11
    if r == 10:
        r = sum(a * b for a, b in zip(d, [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2])) % 11
    return first11 + str(r)

FIELDS = ["reg_number", "registered_at", "appeal_type", "applicant_iin", "applicant_last_name",
          "applicant_first_name", "applicant_middle_name", "applicant_phone", "applicant_email",
          "applicant_address", "organisation", "region", "recipient", "subject", "text", "attachments"]

records = [
    dict(reg_number="ЖТ-2026-00101", registered_at="2026-11-02T10:15:00+05:00", appeal_type="өтініш",
         applicant_iin=iin("95040240012"), applicant_last_name="Қалымбетова", applicant_first_name="Дана",
         applicant_phone="8 701 555 10 01", applicant_email="dana.demo@example.kz", region="KZ-35", recipient="KAR",
         subject="Еріктілерге қосылу", text="Бюджет қаражатына қоғамдық бақылау.\nСәрсенбі күндері бос уақытым бар."),
    dict(reg_number="ЖТ-2026-00102", registered_at="03.11.2026 09:40", appeal_type="заявление",
         applicant_iin="950402400129", applicant_last_name="Петров", applicant_first_name="Илья",
         applicant_middle_name="Сергеевич", applicant_phone="+7 (702) 555-10-02", applicant_email="ilya@example",
         organisation="Демо ЖШС", region="Карагандинская область", recipient="KAR",
         subject="Волонтерство; юридическая помощь", text='Готов консультировать, "pro bono".'),
    dict(reg_number="", registered_at="2026-11-04T11:00:00+05:00", appeal_type="application",
         applicant_last_name="Без номера", applicant_first_name="Демо", region="KZ-35"),
    dict(reg_number="ЖТ-2026-00104", registered_at="2026-11-04T12:00:00+05:00", appeal_type="complaint",
         applicant_last_name="Нетуева", applicant_first_name="Область", region="KZ-99"),
    dict(reg_number="ЖТ-2026-00105", registered_at="yesterday", appeal_type="proposal",
         applicant_iin=iin("01020350077"), applicant_last_name="Сейітов", applicant_first_name="Арман",
         region="KZ-KAR", recipient="NOPE"),
]
rows = [{f: r.get(f, "") for f in FIELDS} for r in records]

with open("eotinish-utf8-semicolon.csv", "w", newline="", encoding="utf-8-sig") as f:
    w = csv.DictWriter(f, fieldnames=FIELDS, delimiter=";")
    w.writeheader()
    w.writerows(rows)

with open("eotinish-cp1251.csv", "w", newline="", encoding="cp1251", errors="strict") as f:
    w = csv.DictWriter(f, fieldnames=FIELDS)
    w.writeheader()
    # Windows-1251 has no Kazakh letters: the Russian-only records stand for such exports.
    w.writerows([r for r in rows if r["reg_number"] in ("ЖТ-2026-00102",)])

with open("eotinish.json", "w", encoding="utf-8") as f:
    json.dump(records, f, ensure_ascii=False, indent=1)

with open("eotinish.jsonl", "w", encoding="utf-8") as f:
    for r in records:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
    f.write("{not json\n")
