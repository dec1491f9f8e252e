#!/usr/bin/env python3
"""The timing half of Benchmarks/name-search.sh: 200 volunteers' names, each written another way
by the corpus's public rules (Tests/AdalTests/Fixtures/make-name-pairs.py: the 2021 Kazakh Latin
alphabet, ICAO 9303 capitals, given name first, Russian spellings, Uzbek apostrophes, Azerbaijani
without its letters), looked for through the API (`GET /v1/volunteers?q=…&limit=5`, one kept-alive
connection), then the same typed texts through a plain pg_trgm similarity query on the people's
search_key column in one psql session (the floor: no transliteration, no ranking by tokens).
Prints p50/p95 of both and how often the person was among the first five.

Usage: name-search.py BASE_URL TOKEN DATABASE_URL PSQL
"""
import http.client, importlib.util, json, os, random, re, statistics, subprocess, sys, time, urllib.parse

base, token, database, psql = sys.argv[1:5]
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
spec = importlib.util.spec_from_file_location("rules", os.path.join(root, "Tests/AdalTests/Fixtures/make-name-pairs.py"))
rules = importlib.util.module_from_spec(spec)
spec.loader.exec_module(rules)


def sql(statement):
    return subprocess.run([psql, "-X", "-q", "-At", "-F", "\t", database, "-c", statement], check=True, capture_output=True,
                          text=True).stdout


sample = [line.split("\t") for line in sql("""
    SELECT setseed(0.2026);
    SELECT v.id, p.full_name, r.country FROM volunteers v JOIN people p ON p.id = v.person_id JOIN regions r ON r.id = v.region_id
    ORDER BY random() LIMIT 200""").strip().splitlines() if "\t" in line]


def spelled(name, country, number):
    words = name.split(" ")
    if country == "KZ":
        ways = [lambda t: rules.translit(t, rules.KK_LATIN), lambda t: rules.translit(t, rules.ICAO).upper(),
                lambda t: " ".join(reversed(t.split(" "))).lower(), rules.russian, lambda t: rules.russian(t, variant=1)]
    elif country == "UZ":
        ways = [lambda t: t.replace("ʻ", "'"), lambda t: t.replace("ʻ", "`").upper(), lambda t: " ".join(reversed(t.split(" "))).lower()]
    else:
        ways = [rules.az_ascii, rules.az_upper, lambda t: " ".join(reversed(t.split(" "))).lower()]
    # The family and given names (a patronymic is often left out when typing).
    return ways[number % len(ways)](" ".join(words[:2]))


# Synthetic names repeat (a few hundred per country over a million people): what is counted is
# whether the first result bears the sought name (its family and given names), not the very record.
queries = [(" ".join(name.split(" ")[:2]), spelled(name, country, number)) for number, (_, name, country) in enumerate(sample)]
connection = http.client.HTTPConnection(urllib.parse.urlparse(base).netloc)
headers = {"Authorization": "Bearer " + token}
api_times, api_found = [], 0
for _, typed in queries[:10]:  # warm-up
    connection.request("GET", "/v1/volunteers?" + urllib.parse.urlencode({"q": typed, "limit": 5}), headers=headers)
    connection.getresponse().read()
for wanted, typed in queries:
    started = time.perf_counter()
    connection.request("GET", "/v1/volunteers?" + urllib.parse.urlencode({"q": typed, "limit": 5}), headers=headers)
    response = connection.getresponse()
    body = response.read()
    api_times.append((time.perf_counter() - started) * 1000)
    if response.status != 200:
        sys.exit(f"GET /v1/volunteers?q={typed}: {response.status} {body[:200]}")
    items = json.loads(body)["items"]
    api_found += bool(items) and items[0]["full_name"].startswith(wanted)

script = "\\timing on\n" + "".join(
    "SELECT p.full_name FROM people p JOIN volunteers v ON v.person_id = p.id WHERE p.search_key % "
    + "'" + typed.lower().replace("'", "''") + "'" + " ORDER BY similarity(p.search_key, '" + typed.lower().replace("'", "''")
    + "') DESC LIMIT 5;\n" for _, typed in queries)
output = subprocess.run([psql, "-X", "-q", "-At", database], input=script, check=True, capture_output=True, text=True).stdout
floor_times = [float(t) for t in re.findall(r"Time: ([0-9.]+) ms", output)]
# psql prints each query's rows, then its "Time: … ms" line.
chunks = output.split("Time:")
first_rows = [(chunk.split("\n", 1)[1] if number else chunk).strip().splitlines()[:1] for number, chunk in enumerate(chunks[:-1])]
floor_found = sum(bool(rows) and rows[0].startswith(wanted) for (wanted, _), rows in zip(queries, first_rows))


def summary(times):
    ordered = sorted(times)
    return f"p50 {statistics.median(ordered):.1f} ms, p95 {ordered[int(len(ordered) * 0.95) - 1]:.1f} ms"


print(f"Adal's search over HTTP (200 queries, mixed scripts): {summary(api_times)}; the sought name first: {api_found}/200")
print(f"plain pg_trgm similarity in psql (the same texts):   {summary(floor_times)}; the sought name first: {floor_found}/200")
