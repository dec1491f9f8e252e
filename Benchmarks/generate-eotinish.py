#!/usr/bin/env python3
"""Writes N synthetic eOtinish records as CSV with Python's csv writer: valid IINs, names in
Kazakh and Russian, a share of bad phones and e-mails, across the seeded Kazakh regions.

Usage: generate-eotinish.py N FILE
"""
import csv, random, sys

def iin(first11):
    d = [int(x) for x in first11]
    r = sum(a * b for a, b in zip(d, range(1, 12))) % 11
    if r == 10:
        r = sum(a * b for a, b in zip(d, [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2])) % 11
        if r == 10:
            return None
    return first11 + str(r)

count, path = int(sys.argv[1]), sys.argv[2]
random.seed(7)
last = ["Қалымбетов", "Ахметова", "Сейітов", "Иванова", "Жақсылықов", "Нұрланова", "Петров", "Әлімқұлова"]
first = ["Дана", "Арман", "Илья", "Айгерім", "Ғалымбек", "Мөлдір", "Сергей", "Жандос"]
regions = ["KZ-35", "KZ-KZY", "Карагандинская область", "KZ-71"]
fields = ["reg_number", "registered_at", "appeal_type", "applicant_iin", "applicant_last_name", "applicant_first_name",
          "applicant_middle_name", "applicant_phone", "applicant_email", "applicant_address", "organisation", "region",
          "recipient", "subject", "text", "attachments"]
with open(path, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(fields)
    n = 0
    while n < count:
        yy, mm, dd = random.randint(50, 99), random.randint(1, 12), random.randint(1, 28)
        number = iin(f"{yy:02d}{mm:02d}{dd:02d}{random.choice('34')}{random.randint(0, 9999):04d}")
        if number is None:
            continue
        n += 1
        phone = f"+7 701 {random.randint(1000000, 9999999)}" if n % 10 else "12345"
        email = f"user{n}@example.kz" if n % 15 else f"user{n}@example"
        w.writerow([f"ЖТ-BENCH-{n:07d}", f"2026-{random.randint(1, 11):02d}-{random.randint(1, 28):02d}T10:{n % 60:02d}:00+05:00",
                    random.choice(["өтініш", "заявление", "application"]), number, random.choice(last), random.choice(first), "",
                    phone, email, "Қарағанды қ.", "", random.choice(regions), "KAR" if n % 3 else "",
                    "Еріктілерге қосылу", f"Мотивация {n}:\nкоғамдық бақылау, \"адалдық\".", ""])
