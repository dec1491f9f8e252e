#!/usr/bin/env python3
"""Writes the e-mail fixtures with Python's email package (not by hand): one feature of MIME each.

Run from this folder: python3 make-email-fixtures.py
"""
import os, shutil
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from datetime import datetime, timezone, timedelta

def iin(first11):
    d = [int(x) for x in first11]
    r = sum(a * b for a, b in zip(d, range(1, 12))) % 11
    if r == 10:
        r = sum(a * b for a, b in zip(d, [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2])) % 11
    return first11 + str(r)

KZ = timezone(timedelta(hours=5))
OFFICE = "pr.karaganda@antikor.gov.kz"

def base(frm, subject, msgid, day):
    m = EmailMessage()
    m["From"] = frm
    m["To"] = OFFICE
    m["Subject"] = subject
    m["Message-ID"] = msgid
    m["Date"] = format_datetime(datetime(2026, 11, day, 10, 15, tzinfo=KZ))
    return m

shutil.rmtree("mail", ignore_errors=True)
os.makedirs("mail")

# 1. UTF-8, quoted-printable, encoded-word subject and sender; IIN and phone in the body.
m = base("Айгерім Қалымбетова <aigerim.demo@example.kz>", "Еріктілерге қосылғым келеді", "<app-1@example.kz>", 2)
m.set_content(f"Сәлеметсіз бе!\nМенің ЖСН: {iin('91031440123')}, телефон 8 (701) 555-01-01.\n"
              "Бюджет қаражатына қоғамдық бақылауға қатысқым келеді.", charset="utf-8", cte="quoted-printable")
open("mail/01-utf8-qp.eml", "wb").write(bytes(m))

# 2. multipart/mixed: base64 text and a PDF attachment with a non-ASCII name (RFC 2231).
m = base("Nurlan Demo <nurlan.demo@example.kz>", "Анкета волонтера", "<app-2@example.kz>", 3)
m.set_content("Прошу принять меня в волонтеры. Анкета во вложении.", charset="utf-8", cte="base64")
m.add_attachment(b"%PDF-1.4\n% demo questionnaire\n" + bytes(range(256)), maintype="application", subtype="pdf",
                 filename="анкета волонтера.pdf")
open("mail/02-mixed-attachment.eml", "wb").write(bytes(m))

# 3. multipart/alternative in Windows-1251: plain and HTML.
m = base("Ilya Demo <ilya.demo@example.kz>", "Заявка: юридическая помощь", "<app-3@example.kz>", 4)
m.set_content("Готов оказывать бесплатную юридическую помощь.\nТелефон: +7 702 555 10 02", charset="windows-1251", cte="base64")
m.add_alternative("<p>Готов оказывать <b>бесплатную</b> юридическую помощь.</p>", subtype="html", charset="windows-1251", cte="base64")
open("mail/03-alternative-cp1251.eml", "wb").write(bytes(m))

# 4. HTML only, KOI8-R, quoted-printable.
m = base("Sergey Demo <sergey.demo@example.kz>", "Волонтерство", "<app-4@example.kz>", 5)
m.set_content("<html><body><p>Здравствуйте!</p><p>Хочу участвовать в&nbsp;общественном мониторинге.</p>"
              "<script>ignored()</script></body></html>", subtype="html", charset="koi8-r", cte="quoted-printable")
open("mail/04-html-koi8r.eml", "wb").write(bytes(m))

# 5. A reply to message 1: joins that application's correspondence.
m = base("Айгерім Қалымбетова <aigerim.demo@example.kz>", "Re: Еріктілерге қосылғым келеді", "<reply-1@example.kz>", 6)
m["In-Reply-To"] = "<app-1@example.kz>"
m["References"] = "<app-1@example.kz>"
m.set_content("Түйіндемені жіберемін.", charset="utf-8")
open("mail/05-reply.eml", "wb").write(bytes(m))

# A Maildir holding messages 1 and 2 (new/ and cur/).
for folder in ("maildir/new", "maildir/cur", "maildir/tmp"):
    os.makedirs("mail/" + folder)
shutil.copy("mail/01-utf8-qp.eml", "mail/maildir/new/1700000000.1.demo")
shutil.copy("mail/02-mixed-attachment.eml", "mail/maildir/cur/1700000001.2.demo:2,S")
