#!/usr/bin/env python3
"""Hostile input against a running `adal serve`, property-based (hypothesis): every operation of
its OpenAPI document gets, in one field of its body or one parameter at a time, NUL bytes, 100,000
characters, bytes that are not UTF-8, the wrong JSON type, numbers out of range and dates that do
not exist (2026-02-30). Each must be answered within 15 s by a 4xx; a 400 or 422 must name the
field. Path parameters name real records (the first of each list), and edits carry the record's
ETag, so the body is what is judged. With --database-url, the rows of the records' tables are
counted before and after: a refusal must store nothing.

Usage: hostile-input.py BASE_URL TOKEN [--examples N] [--database-url URL]
Prints one line per finding and a last line of figures. Exits 1 on any finding: a 5xx, a request
left without an answer, a hostile value accepted, a 400/422 that does not name its field, or rows
changed while every request was refused.
"""
import argparse, http.client, json, re, subprocess, sys, urllib.parse
from hypothesis import HealthCheck, given, settings, strategies as st

parser = argparse.ArgumentParser()
parser.add_argument("base")
parser.add_argument("token")
parser.add_argument("--examples", type=int, default=25)
parser.add_argument("--database-url")
options = parser.parse_args()
base = urllib.parse.urlsplit(options.base)
# Routes that end the run's own session or sign in with the values given (lockout is their answer).
LEFT_OUT = {("delete", "/v1/sessions/current")}
TABLES = ["people", "volunteers", "applications", "application_messages", "events", "participants", "councils",
          "agenda_items", "decisions", "tasks", "staff_users"]
findings, gaps, sent, statuses = [], [], 0, {}


def send(method, path, body=None, headers=None):
    global sent
    connection = http.client.HTTPConnection(base.hostname, base.port, timeout=15)
    all_headers = {"Authorization": "Bearer " + options.token}
    if body is not None:
        all_headers["Content-Type"] = "application/json"
    all_headers.update(headers or {})
    try:
        connection.request(method.upper(), path, body=body, headers=all_headers)
        response = connection.getresponse()
        sent += 1
        return response.status, response.read(), response.headers
    except TimeoutError:
        sent += 1
        return None, b"", {}
    finally:
        connection.close()


document = json.loads(send("get", "/openapi.json")[1])
# Fields that name a record by id get a real one, so the refusal is about the attacked field.
REAL_IDS = {}
_status, _text, _ = send("get", "/v1/volunteers?limit=1")
if _status == 200 and json.loads(_text).get("items"):
    REAL_IDS["volunteer"] = json.loads(_text)["items"][0]["id"]


def resolve(schema):
    while isinstance(schema, dict) and "$ref" in schema:
        node = document
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part]
        schema = node
    if isinstance(schema, dict) and "allOf" in schema:
        merged = {"properties": {}, "required": []}
        for part in schema["allOf"]:
            part = resolve(part)
            merged["properties"].update(part.get("properties", {}))
            merged["required"] += part.get("required", [])
        return merged
    return schema or {}


def kind(schema):
    schema = resolve(schema)
    if "oneOf" in schema or "anyOf" in schema:
        return resolve((schema.get("oneOf") or schema.get("anyOf"))[0]).get("type", "string"), schema
    kinds = schema.get("type", "string")
    if isinstance(kinds, list):
        kinds = next((k for k in kinds if k != "null"), "string")
    return kinds, schema


def placeholder(schema, name=None):
    """A plausible value for a field the case does not attack: its example, a real record's id,
    its first enum value, or a default."""
    if name in REAL_IDS:
        return REAL_IDS[name]
    kinds, schema = kind(schema)
    if "examples" in schema:
        return schema["examples"][0]
    if "example" in schema:
        return schema["example"]
    if "enum" in schema:
        return schema["enum"][0]
    if kinds == "integer":
        return max(1, schema.get("minimum", 1))
    if kinds == "number":
        return 1
    if kinds == "boolean":
        return False
    if kinds == "array":
        return [placeholder(schema.get("items", {}))]
    if kinds == "object":
        return {name: placeholder(field) for name, field in schema.get("properties", {}).items()
                if name in schema.get("required", [])}
    if schema.get("format") == "date":
        return "2026-03-02"
    if schema.get("format") == "date-time":
        return "2026-03-02T10:00:00Z"
    return "Тест"


def hostile_values(schema):
    """Values no field of this schema may accept."""
    kinds, schema = kind(schema)
    values = [st.just("\x00"), st.text(max_size=12).map(lambda text: text + "\x00"), st.just("ы" * 100_000),
              st.just(b"\xff\xfe\xc3(")]
    if kinds in ("integer", "number"):
        values += [st.sampled_from([10 ** 20, -10 ** 20, "12", True, [], {}]), st.integers(max_value=-1)]
        if kinds == "integer":
            values.append(st.floats(min_value=0.1, max_value=1e6).filter(lambda x: not float(x).is_integer()))
    elif kinds == "boolean":
        values.append(st.sampled_from(["true", 1, [], {}]))
    elif kinds == "array":
        values.append(st.sampled_from(["x", 12, {}, [[]], [{}]]))
    elif kinds == "object":
        values.append(st.sampled_from(["x", 12, []]))
    else:
        values.append(st.sampled_from([12, True, [], {}]))
        if schema.get("format") in ("date", "date-time"):
            values.append(st.sampled_from(["2026-02-30", "2026-13-01", "2025-02-29", "0000-00-00", "2026-02-30T10:00:00Z",
                                           "2026-03-01T25:00:00Z"]))
    return st.one_of(values)


def query_hostile_values(schema):
    """Values no query parameter of this schema may accept (a query string has no JSON types)."""
    kinds, schema = kind(schema)
    # 2,000 characters: over every parameter's limit, under the HTTP parser's for a request line
    # (far longer lines are refused with a bare 400 before any route reads them).
    values = [st.just("\x00"), st.text(max_size=12).map(lambda text: text + "\x00"), st.just("ы" * 2_000),
              st.just(b"\xff\xfe\xc3(")]
    if kinds == "integer":
        values += [st.sampled_from([10 ** 20, -10 ** 20, "1.5", "twelve"])]
    if schema.get("format") in ("date", "date-time"):
        values.append(st.sampled_from(["2026-02-30", "2026-13-01", "2025-02-29"]))
    return st.one_of(values)


def encode(body, field, value):
    """The JSON text of `body` with `value` at `field`; bytes that are not UTF-8 are put in raw."""
    if isinstance(value, bytes):
        marker = "\u2063hostile\u2063"
        text = json.dumps({**body, field: marker}).encode()
        return text.replace(json.dumps(marker).encode()[1:-1], value)
    return json.dumps({**body, field: value}).encode()


def names(status, text, field):
    """Whether a refusal names the field (in its list of field errors, or its words)."""
    try:
        problem = json.loads(text)
    except ValueError:
        return False
    fields = [error.get("field", "") for error in problem.get("errors", []) if isinstance(error, dict)]
    return any(f == field or f.startswith(field + "[") or f.startswith(field + ".") for f in fields) \
        or re.search(rf"\b{re.escape(field)}\b", problem.get("detail", "") or "") is not None


def judge(operation, where, field, value, status, text):
    statuses[status] = statuses.get(status, 0) + 1
    shown = value if not isinstance(value, str) or len(value) < 40 else value[:20] + f"…({len(value)} chars)"
    if status is None:
        findings.append(f"{operation} {where} {field}={shown!r}: no answer within 15 s")
    elif status >= 500:
        findings.append(f"{operation} {where} {field}={shown!r}: {status} {text[:200]!r}")
    elif status < 400:
        gaps.append(f"{operation} {where} {field}={shown!r}: accepted ({status})")
    elif status in (400, 422) and not names(status, text, field):
        gaps.append(f"{operation} {where} {field}={shown!r}: {status} does not name the field: {text[:200]!r}")


def first_record(path):
    """A real record for each {parameter} of `path`: the first of the list above it."""
    filled = ""
    for segment in path.strip("/").split("/"):
        if segment.startswith("{"):
            status, text, _ = send("get", filled + "?limit=1")
            items = json.loads(text).get("items", []) if status == 200 else []
            if not items:
                return None
            identifier = items[0].get("id") or items[0].get("code") or items[0].get("number")
            if identifier is None:
                return None
            filled += "/" + urllib.parse.quote(str(identifier), safe="")
        else:
            filled += "/" + segment
    return filled


def tally():
    if not options.database_url:
        return {}
    query = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in TABLES)
    out = subprocess.run(["psql", "-X", "-At", "-F", " ", options.database_url, "-c", query], capture_output=True, text=True, check=True)
    return dict(line.split() for line in out.stdout.splitlines())


def cases():
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete") or (method, path) in LEFT_OUT:
                continue
            yield method, path, operation


def attack_body(method, path, operation, concrete, headers):
    content = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if not content:
        return
    schema = resolve(content.get("schema", {}))
    fields = schema.get("properties", {})
    if not fields:
        return
    # The required fields, and the optional ones the document gives an example of (a valid body but
    # for the attacked field, so the refusal is about that field).
    base_body = {name: placeholder(field, name) for name, field in fields.items()
                 if name in schema.get("required", []) or "examples" in resolve(field) or "examples" in field}
    label = f"{method.upper()} {path}"

    @settings(max_examples=options.examples, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.sampled_from(sorted(fields)).flatmap(lambda name: st.tuples(st.just(name), hostile_values(fields[name]))))
    def attack(case):
        field, value = case
        status, text, _ = send(method, concrete, encode(base_body, field, value), headers)
        judge(label, "body", field, value, status, text)

    attack()


def attack_query(method, path, operation, concrete, headers):
    parameters = [resolve(p) for p in operation.get("parameters", []) + document["paths"][path].get("parameters", [])]
    query = [p for p in parameters if p.get("in") == "query"]
    if not query:
        return
    label = f"{method.upper()} {path}"

    @settings(max_examples=options.examples, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.sampled_from(query).flatmap(lambda p: st.tuples(st.just(p["name"]), query_hostile_values(p.get("schema", {})))))
    def attack(case):
        name, value = case
        if isinstance(value, bytes):
            encoded = urllib.parse.quote_from_bytes(value)
        elif isinstance(value, (list, dict, bool)) or value is None:
            encoded = urllib.parse.quote(json.dumps(value))
        else:
            encoded = urllib.parse.quote(str(value))
        status, text, _ = send(method, f"{concrete}?{name}={encoded}", None if method == "get" else b"{}", headers)
        judge(label, "query", name, value, status, text)

    attack()


before = tally()
operations = 0
for method, path, operation in cases():
    concrete = first_record(path) if "{" in path else path
    if concrete is None:
        continue
    operations += 1
    headers = {}
    if method in ("put", "patch") and "get" in document["paths"][path]:
        _, _, current = send("get", concrete)
        if current.get("ETag"):
            headers["If-Match"] = current["ETag"]
    attack_query(method, path, operation, concrete, headers)
    if method in ("post", "put", "patch"):
        attack_body(method, path, operation, concrete, headers)
after = tally()
changed = {table: (before[table], after[table]) for table in before if before[table] != after[table]}
accepted = any(status is not None and status < 400 for status in statuses)
if changed and not accepted:
    findings.append(f"rows changed by refused requests: {changed}")
for finding in sorted(set(findings)):
    print("FAIL", finding)
for gap in sorted(set(gaps)):
    print("FAIL", gap)
answered = ", ".join(f"{count} × {status}" for status, count in sorted(statuses.items(), key=lambda kv: str(kv[0])))
rows = "rows unchanged" if before and not changed else (f"rows changed: {changed}" if changed else "rows not counted")
print(f"{sent} requests to {operations} operations: {len(set(findings))} answers 5xx or none; {len(set(gaps))} hostile values "
      f"accepted or refused without naming the field; answers: {answered}; {rows}")
sys.exit(1 if findings or gaps else 0)
