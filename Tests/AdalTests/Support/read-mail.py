"""Reads the messages an SMTP sink kept, with Python's email and icalendar, and prints one JSON
object per message: decoded headers, the plain text, the HTML (and whether there is one), the calendar's method,
sequence and start as a UTC instant."""
import datetime, email, email.policy, glob, json, os, sys
import icalendar

for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.eml"))):
    with open(path, "rb") as f:
        message = email.message_from_binary_file(f, policy=email.policy.default)
    result = {"message_id": message["Message-ID"], "subject": str(message["Subject"]), "to": str(message["To"]),
              "from": str(message["From"]), "language": message.get("Content-Language")}
    for part in message.walk():
        kind = part.get_content_type()
        if kind == "text/plain" and "text" not in result:
            result["text"] = part.get_content()
        elif kind == "text/html":
            result["html"] = True
            result["html_text"] = part.get_content()
        elif kind == "text/calendar":
            calendar = icalendar.Calendar.from_ical(part.get_payload(decode=True))
            event = next(iter(calendar.walk("VEVENT")))
            result["ics_method"] = str(calendar["METHOD"])
            result["ics_sequence"] = int(event["SEQUENCE"])
            result["ics_uid"] = str(event["UID"])
            result["ics_start_utc"] = event["DTSTART"].dt.astimezone(datetime.timezone.utc).isoformat()
    print(json.dumps(result, ensure_ascii=False))
