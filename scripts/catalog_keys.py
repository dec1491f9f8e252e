#!/usr/bin/env python3
"""The keys the product uses from its catalogs (Sources/AdalText/Catalogs): the web console's
{{t.KEY}} in its templates, catalog["KEY"], catalog.format("KEY" and catalog.term("PREFIX", value)
(every value of the domain's list) in its Swift files; the reports' titles and columns
(report_label_KEY for each of ReportLabels.keys), the codes they put in words (`N: "PREFIX"` in
Core's Reports.swift) and the printables' words["KEY"]. Prints one per line; the catalog test
compares them with each catalog's keys."""
import os, re, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WEB = os.path.join(ROOT, "Sources/AdalWeb")
TERMS = {
    "role": ["registrar", "coordinator", "admin", "auditor"],
    "status": ["active", "paused", "withdrawn", "suspended"],
    "kind": ["individual", "student", "corporate", "pro_bono", "ngo"],
    "area": ["budget_control", "anti_corruption_education", "legal_aid", "public_monitoring", "awareness"],
    "app_status": ["received", "screening", "needs_info", "accepted", "rejected", "withdrawn"],
    "channel": ["eotinish", "email", "office", "web"],
    "action": ["screen", "request-info", "accept", "reject", "withdraw"],
    "history": ["received", "transition", "assignment", "extension", "correspondence"],
    "match": ["person", "volunteer", "application"],
    "matched_by": ["national_id", "name_and_birth_date"],
    "run_state": ["running", "finished", "failed", "interrupted"],
    "council_kind": ["anti_corruption_council", "commission", "public_council"],
    "council_role": ["chair", "deputy_chair", "secretary", "member"],
    "invitation": ["invited", "registered", "declined"],
    "job_kind": ["event_reminder", "event_cancellation", "event_invitation", "event_update", "event_minutes", "task_due", "task_overdue", "application_due", "application_overdue",
                 "application_welcome", "weekly_digest", "daily_digest"],
    "job_state": ["queued", "running", "done", "dead", "cancelled"],
    "report": ["applications", "action-plan", "volunteers", "councils"],
    "event_status": ["planned", "held", "cancelled", "postponed"],
    "event_format": ["in_person", "online", "hybrid"],
    "participant_role": ["moderator", "speaker", "participant", "media", "observer", "organiser"],
    "attendance": ["attended", "absent"],
    "task_status": ["open", "done", "cancelled"],
    "age_group": ["under_18", "18_24", "25_34", "35_44", "45_59", "60_plus", "unknown"],
    "event_kind": ["public_hearing", "council_meeting", "commission_meeting", "seminar", "round_table", "videoconference",
                   "awareness_meeting", "training"],
}

keys = set()
for name in os.listdir(os.path.join(WEB, "Templates")):
    keys |= set(re.findall(r"\{\{\s*t\.([a-z0-9_]+)\s*\}\}", open(os.path.join(WEB, "Templates", name)).read()))
for name in os.listdir(WEB):
    if not name.endswith(".swift"):
        continue
    text = open(os.path.join(WEB, name)).read()
    keys |= set(re.findall(r'catalog(?:\.texts)?\[\s*"([a-z0-9_]+)"\s*\]', text))
    keys |= set(re.findall(r'catalog\.format\(\s*"([a-z0-9_]+)"', text))
    for prefix in re.findall(r'catalog\.term\(\s*"([a-z_]+)"', text) + re.findall(r'Field\.choices\([A-Za-z]+\.self, "([a-z_]+)"', text):
        keys |= {f"{prefix}_{value}" for value in TERMS[prefix]}
    # Field labels and hints named from the field: catalog["field_\(name)"] with the names listed.
    for match in re.findall(r'field\("([a-z_]+)"', text):
        keys.add(f"field_{match}")
    keys |= {f"field_{m}" for m in re.findall(r'\("field_([a-z_]+)"', text)}
    keys |= set(re.findall(r'"((?:error|field)_[a-z_]+)"', text))
REPORTS = os.path.join(ROOT, "Sources/AdalReports")
labels = open(os.path.join(REPORTS, "ReportLabels.swift")).read()
listed = re.search(r"public static let keys = \[(.*?)\]", labels, re.S).group(1)
keys |= {f"report_label_{key}" for key in re.findall(r'"([a-z0-9_-]+)"', listed)}
for prefix in re.findall(r'\d+: "([a-z_]+)"', open(os.path.join(ROOT, "Sources/AdalCore/Reports.swift")).read()):
    keys |= {f"{prefix}_{value}" for value in TERMS[prefix]}
for name in os.listdir(REPORTS):
    text = open(os.path.join(REPORTS, name)).read()
    keys |= set(re.findall(r'words\[\s*"([a-z0-9_]+)"\s*\]', text))
    for prefix in re.findall(r'words\.term\(\s*"([a-z_]+)"', text):
        keys |= {f"{prefix}_{value}" for value in TERMS[prefix]}
for key in sorted(keys):
    print(key)
