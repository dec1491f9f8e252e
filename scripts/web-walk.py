#!/usr/bin/env python3
"""The web console's browser walk: Debian's chromium, driven by selenium, against a real
`adal serve` on a throwaway embedded cluster. It walks as a KZ-35 registrar would, once in each of
Kazakh, Russian, English, Uzbek and Azerbaijani:

  sign in; register a volunteer with a wrong IIN check digit (refused beside the field, in the
  page's language, nothing stored), then with the right one (listed, found by a Latin search of
  the Cyrillic name); an edit made stale by someone else's save (refused showing their change, then
  saved); upload an eOtinish CSV with a broken record (the report names it); take an
  application from received to accepted, seeing only the buttons its state allows; the office's
  intake form; a KZ-43
  volunteer's page is 404 and no list holds it; a POST without the CSRF token is 403; sign out,
  and the back button shows nothing of what was seen.

Then, as a KZ-35 coordinator in Kazakh: a council meeting scheduled, two members and a guest
invited by Latin searches, ticked, held with its quorum, a decision and a task (reported on and done),
certificates issued and one printed; a seminar postponed until further notice and listed as such beside the calendar
as postponed; a KZ-43 event 404 and not on the calendar. As the admin in Russian: each report with
its chart, a staff account added and disabled, a reminder made dead by an SMTP server answering 550
sent again, the audit chain's reach.

axe-core (axe-selenium-python) checks every page of the walk: no violation of impact serious or
critical. Each page is photographed at 1280 and 390 px into SCREENSHOTS (.adal/web-screenshots).

Usage: scripts/web-walk.py [kk ru en uz az]     ADAL_BIN: the adal to run (the coordinator's and the
                                                admin's parts always run, in Kazakh and Russian)
"""
import http.client, json, os, pwd, re, socket, subprocess, sys, tempfile, time, urllib.parse

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from national_ids import iin

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADAL = os.environ.get("ADAL_BIN") or os.path.join(ROOT, ".build/debug/adal")
SCREENSHOTS = os.path.join(ROOT, ".adal/web-screenshots")
REPORT_SCREENSHOTS = os.path.join(ROOT, ".adal/report-screenshots")
CATALOGS = os.path.join(ROOT, "Sources/AdalText/Catalogs")
ENV = dict(os.environ, ADAL_HOME=os.path.join(ROOT, ".adal/web-walk"), ADAL_BCRYPT_COST="4", ADAL_ACCESS_LOG="off")
failures = []
pages_checked = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print(f"  FAIL: {message}", flush=True)


def adal(*arguments):
    result = subprocess.run([ADAL, *arguments], env=ENV, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise SystemExit(f"adal {' '.join(arguments)} failed ({result.returncode}): {result.stderr.strip()}")
    return result


def sql(url, statement):
    result = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", url, "-c", statement],
                            capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    return result.stdout.strip()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class World:
    """A fresh cluster with the seeds, a KZ-35 registrar, a KZ-43 volunteer, and `adal serve`."""

    def __init__(self):
        adal("db", "stop") if os.path.isdir(ENV["ADAL_HOME"]) else None
        subprocess.run(["rm", "-rf", ENV["ADAL_HOME"]], check=True)
        for step in (["db", "start"], ["db", "migrate"], ["db", "seed"]):
            adal(*step)
        self.admin_password = re.search(r"password \(shown once\): (\S+)", adal("users", "bootstrap").stdout).group(1)
        self.url = adal("db", "url").stdout.strip()
        added = adal("users", "add", "--email", "registrar35@adal.test", "--name", "Айгерім Сейітқызы", "--role", "registrar",
                     "--region", "KZ-35")
        self.password = re.search(r"password \(shown once\): (\S+)", added.stderr).group(1)
        added = adal("users", "add", "--email", "coordinator35@adal.test", "--name", "Дәурен Сапаров", "--role", "coordinator",
                     "--region", "KZ-35")
        self.coordinator_password = re.search(r"password \(shown once\): (\S+)", added.stderr).group(1)
        # The Karaganda commission gets two more members (three in office: the quorum is two).
        for name, position in (("Гүлмира Жақсыбекова", "Облыстық мәслихат депутаты"), ("Нұрбол Әбдірахманов", "Қоғамдық кеңес мүшесі")):
            adal("councils", "add-member", "KAR-COMM", "--name", name, "--position", position, "--term-from", "2026-01-01",
                 "--reached-by-office")
        self.kz43_event = sql(self.url, "SELECT e.id FROM events e JOIN regions r ON r.id = e.region_id WHERE r.code = 'KZ-43' LIMIT 1")
        self.port = free_port()
        self.server = subprocess.Popen([ADAL, "serve"], env=dict(ENV, ADAL_HTTP_PORT=str(self.port)),
                                       stdout=open(os.path.join(tempfile.gettempdir(), "adal-web-walk.log"), "ab"),
                                       stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if self.request("GET", "/ready")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("adal serve did not become ready")
        self.admin = admin = adal("users", "token", "admin@adal.local", "--label", "web-walk").stdout.strip().splitlines()[-1]
        national_id, _ = iin(43_000_000)
        status, body = self.request("POST", "/v1/volunteers", {
            "last_name": "Қызылордалық", "first_name": "Ерлан", "national_id": national_id, "region": "KZ-43",
            "kind": "individual", "areas": ["awareness"], "consent_version": "walk"}, {"Authorization": "Bearer " + admin})
        if status != 201:
            raise SystemExit(f"could not register the KZ-43 volunteer: {status} {body[:300]}")
        self.kz43 = json.loads(body)["id"]
        self.make_dead_reminder()

    def make_dead_reminder(self):
        """A reminder the mail server refused (550): an online meeting in 100 minutes, one invitee with
        an address, its reminder made due and offered to an SMTP server that refuses it."""
        import datetime, zoneinfo
        zone = sql(self.url, "SELECT time_zone FROM regions WHERE code = 'KZ-35'")
        starts = (datetime.datetime.now(zoneinfo.ZoneInfo(zone)) + datetime.timedelta(minutes=100)).strftime("%Y-%m-%dT%H:%M")
        bearer = {"Authorization": "Bearer " + self.admin}
        status, body = self.request("POST", "/v1/events", {"kind": "videoconference", "format": "online", "title": "Онлайн кездесу",
                                                          "link": "https://meet.example.kz/walk", "region": "KZ-35", "office": "KAR",
                                                          "starts": starts}, bearer)
        if status != 201:
            raise SystemExit(f"could not schedule the online meeting: {status} {body[:300]}")
        event = json.loads(body)["id"]
        status, body = self.request("POST", f"/v1/events/{event}/participants",
                                    {"name": "Тест Тестов", "email": "refused@example.kz", "role": "participant"}, bearer)
        if status != 200:
            raise SystemExit(f"could not invite to the online meeting: {status} {body[:300]}")
        sql(self.url, "UPDATE jobs SET run_at = now() WHERE state = 'queued'")
        port = free_port()
        sink = subprocess.Popen([sys.executable, os.path.join(ROOT, "Tests/AdalTests/Support/smtp-sink.py"), str(port),
                                 tempfile.mkdtemp(prefix="adal-walk-mail."), "--refuse", "550"], stdout=subprocess.PIPE, text=True)
        try:
            sink.stdout.readline()
            subprocess.run([ADAL, "worker", "--until-idle"], env=dict(ENV, ADAL_SMTP_URL=f"smtp://127.0.0.1:{port}",
                                                                       ADAL_MAIL_FROM="walk@adal.example"),
                           capture_output=True, timeout=120)
        finally:
            sink.terminate()
            sink.wait(timeout=10)
        self.dead_jobs = int(sql(self.url, "SELECT count(*) FROM jobs WHERE state = 'dead'"))
        if self.dead_jobs == 0:
            raise SystemExit("the refusing SMTP server left no reminder dead")

    def request(self, method, path, body=None, headers=None, raw=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
        try:
            data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
            all_headers = {"Content-Type": "application/json"} if body is not None else {}
            all_headers.update(headers or {})
            connection.request(method, path, body=data, headers=all_headers)
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8", "replace")
        finally:
            connection.close()

    def stop(self):
        self.server.terminate()
        self.server.wait(timeout=15)
        adal("db", "stop")


def browser():
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
                     "--lang=en-US"):
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class Walk:
    def __init__(self, world, driver, language):
        self.world, self.driver, self.language = world, driver, language
        self.t = json.load(open(os.path.join(CATALOGS, f"{language}.json")))
        self.base = f"http://127.0.0.1:{world.port}"

    def open(self, path):
        self.driver.get(self.base + path)
        self.settle()

    def path(self):
        return urllib.parse.urlparse(self.driver.current_url).path

    def look(self, name):
        """axe on the page as it is, and its photographs at both widths."""
        axe = Axe(self.driver)
        axe.inject()
        results = axe.run()
        bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
        for violation in bad:
            check(False, f"{self.language} {name}: axe {violation['impact']} {violation['id']}: {violation['help']} "
                         f"({len(violation['nodes'])} nodes, first {violation['nodes'][0].get('target')})")
        unlabelled = self.driver.execute_script("""
            return Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
              .filter(e => !(e.labels && e.labels.length) && !e.closest('label') && !e.getAttribute('aria-label')).length""")
        check(unlabelled == 0, f"{self.language} {name}: {unlabelled} form fields without a label")
        os.makedirs(SCREENSHOTS, exist_ok=True)
        for width in (1280, 390):
            self.driver.set_window_size(width, 900)
            height = self.driver.execute_script("return document.documentElement.scrollHeight")
            self.driver.set_window_size(width, min(max(height, 600), 4000))
            self.driver.execute_script("window.scrollTo(0, 0)")
            self.driver.save_screenshot(os.path.join(SCREENSHOTS, f"{self.language}-{name}-{width}.png"))
        self.driver.set_window_size(1280, 900)
        self.driver.execute_script("window.scrollTo(0, 0)")
        pages_checked.append(f"{self.language}:{name}")

    def submit(self, selector):
        """Clicks the button and waits for the page it leads to (the click itself does not wait)."""
        page = self.driver.find_element(By.TAG_NAME, "html")
        for attempt in range(3):
            try:
                self.driver.find_element(By.CSS_SELECTOR, selector).click()
                break
            except WebDriverException as error:
                # Chromium's driver can lose track of a page's nodes just after the window was
                # resized for a screenshot; unless the click went through, it is made again.
                if not self.lost(error) or attempt == 2:
                    raise
                if self.gone(page):
                    break
                time.sleep(0.3)
        WebDriverWait(self.driver, 20).until(lambda _: self.gone(page))
        self.settle()

    @staticmethod
    def lost(error):
        return "does not belong to the document" in str(error)

    def gone(self, element):
        """Whether the element's page has been left (its node is stale, or its document gone)."""
        try:
            element.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            if self.lost(error):
                return True
            raise

    def settle(self):
        """Waits until the page has loaded whole (a new document can be seen before it has)."""
        WebDriverWait(self.driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def fill(self, values, within=None):
        for name, value in values.items():
            element = (within or self.driver).find_element(By.NAME, name)
            if element.get_attribute("type") in ("date", "datetime-local"):
                # Typed into a date field, keys follow the browser's locale; the value is what a person picks.
                self.driver.execute_script("arguments[0].value = arguments[1]", element, value)
            elif element.tag_name == "select":
                element.find_element(By.CSS_SELECTOR, f"option[value='{value}']").click()
            else:
                element.clear()
                element.send_keys(value)

    def run(self, number):
        t, language = self.t, self.language
        print(f"walk in {language}", flush=True)
        self.driver.delete_all_cookies()
        # Signed out, any page leads to sign-in; the language is switched there.
        self.open("/volunteers")
        check(self.path() == "/sign-in", f"{language}: /volunteers without a session went to {self.path()}")
        self.submit(f"footer a[lang='{language}']")
        check(self.driver.find_element(By.TAG_NAME, "h1").text == t["sign_in_title"], f"{language}: sign-in page not in {language}")
        self.look("sign-in")
        self.fill({"email": "registrar35@adal.test", "password": self.world.password})
        self.submit("form[action='/sign-in'] button")
        check(self.path() == "/volunteers", f"{language}: after signing in, {self.path()} instead of the page asked for")
        self.open("/")
        check(t["today_title"] in self.text(), f"{language}: Today page not shown")
        self.look("today")

        # A wrong IIN check digit: refused beside the field, in this language, nothing stored.
        surname = {"kk": "Бектұрсынов", "ru": "Жумабеков", "en": "Сатпаев", "uz": "Тошматов", "az": "Əliyev"}[language]
        latin = {"kk": "Bektursynov", "ru": "Zhumabekov", "en": "Satpaev", "uz": "Toshmatov", "az": "Aliyev"}[language]
        right, right_number = iin(35_000_000 + number * 1000)
        wrong = right[:-1] + str((int(right[-1]) + 1) % 10)
        self.open("/volunteers/new")
        self.look("volunteer-new")
        form = {"last_name": surname, "first_name": "Нұрлан", "national_id": wrong, "region": "KZ-35"}
        self.fill(form)
        self.driver.find_element(By.CSS_SELECTOR, "input[name='areas'][value='legal_aid']").click()
        self.driver.find_element(By.CSS_SELECTOR, "input[name='consent']").click()
        self.submit("form.stack button[type='submit']")
        errors = self.driver.find_elements(By.CSS_SELECTOR, ".error[data-field='national_id']")
        check(errors and errors[0].text == t["error_check_digit"],
              f"{language}: wrong check digit shown as {[e.text for e in errors]!r}, not {t['error_check_digit']!r}")
        check(self.driver.find_element(By.NAME, "last_name").get_attribute("value") == surname,
              f"{language}: the refused form lost what was typed")
        stored = sql(self.world.url, f"SELECT count(*) FROM people WHERE last_name = '{surname}'")
        check(stored == "0", f"{language}: a refused registration stored {stored} people")
        self.look("volunteer-refused")
        self.fill({"national_id": right})
        self.submit("form.stack button[type='submit']")
        check(re.fullmatch(r"/volunteers/[0-9a-f-]{36}", self.path()) is not None, f"{language}: registering went to {self.path()}")
        check(surname in self.driver.find_element(By.TAG_NAME, "h1").text, f"{language}: the volunteer's page does not name them")
        self.look("volunteer")
        # An edit made stale by someone else's save: refused showing their change, then saved.
        volunteer = self.path().rsplit("/", 1)[1]
        self.open(f"/volunteers/{volunteer}/edit")
        self.look("volunteer-edit")
        self.fill({"status": "paused"})
        status, _ = self.world.request("PATCH", f"/v1/volunteers/{volunteer}", {"phone": "+77015550199"},
                                       {"Authorization": "Bearer " + self.world.admin, "If-Match": "*"})
        check(status == 200, f"{language}: the other save answered {status}")
        self.submit("form.stack button[type='submit']")
        check(t["stale_changed"] in self.text() and "+77015550199" in self.text(),
              f"{language}: a stale edit does not show what the other save changed")
        check(self.driver.find_element(By.NAME, "phone").get_attribute("value") == "+77015550199",
              f"{language}: the stale form would undo the other save's phone")
        self.look("volunteer-stale")
        self.submit("form.stack button[type='submit']")
        check(self.path() == f"/volunteers/{volunteer}" and t["status_paused"] in self.text() and "+77015550199" in self.text(),
              f"{language}: saving again went to {self.path()} without the new status and the other save's phone")
        self.open("/volunteers?q=" + urllib.parse.quote(latin))
        check(surname in self.text(), f"{language}: a Latin search '{latin}' did not find {surname}")
        check("Қызылордалық" not in self.text(), f"{language}: a KZ-43 volunteer is listed to a KZ-35 registrar")
        self.look("volunteers-search")
        self.open("/volunteers?q=" + urllib.parse.quote("Қызылордалық"))
        check("Қызылордалық" not in self.text(), f"{language}: a search found the KZ-43 volunteer")
        self.open("/volunteers")
        check("Қызылордалық" not in self.text(), f"{language}: the volunteer list holds the KZ-43 volunteer")
        self.look("volunteers")

        # The same person registered again in Latin, born the same day (another IIN): told at once, and
        # their page lists the first as a possible duplicate; the first's page lists them.
        step = 336  # the next serial number of the same birth date
        while iin(right_number + step - 1)[1] != right_number + step:
            step += 336
        twin, _ = iin(right_number + step - 1)
        status, body = self.world.request("POST", "/v1/volunteers", {
            "last_name": latin, "first_name": "Nurlan", "national_id": twin, "region": "KZ-35", "kind": "individual",
            "areas": ["awareness"], "consent_version": "walk"}, {"Authorization": "Bearer " + self.world.admin})
        check(status == 201, f"{language}: registering {latin} Nurlan answered {status} {body[:200]}")
        if status == 201:
            answer = json.loads(body)
            told = [match["id"] for match in answer.get("possible_duplicates", [])]
            check(volunteer in told, f"{language}: registering {latin} Nurlan did not name {surname} Нұрлан as a possible duplicate: {told}")
            self.open(f"/volunteers/{answer['id']}")
            listed = self.driver.find_elements(By.CSS_SELECTOR, "section[aria-labelledby='volunteer-duplicates'] li")
            check(any(surname in item.text and t["matched_by_name_and_birth_date"] in item.text for item in listed),
                  f"{language}: the page of {latin} Nurlan lists {[item.text for item in listed]} as possible duplicates")
            self.look("volunteer-duplicates")
            self.open(f"/volunteers/{volunteer}")
            check(latin in self.text(), f"{language}: the first volunteer's page does not list {latin} Nurlan")

        # eOtinish: a file with a broken record; the report names it by its record number.
        applicant, _ = iin(36_000_000 + number * 1000)
        csv = ("reg_number;registered_at;appeal_type;applicant_iin;applicant_last_name;applicant_first_name;region;subject\n"
               f"ЖТ-WALK-{language}-1;2026-12-01T10:00:00+05:00;өтініш;{applicant};Әбенова;Гүлнар;KZ-35;Ерікті болу\n"
               f";2026-12-01T11:00:00+05:00;өтініш;;Нөмірсіз;Жазба;KZ-35;Нөмірі жоқ\n")
        path = os.path.join(tempfile.gettempdir(), f"walk-{language}.csv")
        open(path, "w", encoding="utf-8").write(csv)
        self.open("/imports/new")
        self.look("import")
        self.driver.find_element(By.NAME, "file").send_keys(path)
        self.submit("form.stack button[type='submit']")
        check(re.fullmatch(r"/imports/\d+", self.path()) is not None, f"{language}: the upload went to {self.path()}")
        rows = [r.text for r in self.driver.find_elements(By.CSS_SELECTOR, "table tbody tr")]
        check(len(rows) == 1 and rows[0].startswith("2") and "reg_number is missing" in rows[0],
              f"{language}: the import report lists {rows!r}, not record 2 and its reason")
        self.look("import-report")

        # The application from received to accepted, with only the allowed buttons at each step.
        application = sql(self.world.url, f"SELECT id FROM applications WHERE external_ref = 'ЖТ-WALK-{language}-1'")
        self.open(f"/applications/{application}")
        self.look("application")
        steps = [("received", ["screen", "withdraw"], "screen"),
                 ("screening", ["request-info", "accept", "reject", "withdraw"], "accept"),
                 ("accepted", [], None)]
        for state, allowed, take in steps:
            shown = sorted(f.get_attribute("action").rsplit("/", 1)[1]
                           for f in self.driver.find_elements(By.CSS_SELECTOR, "form.action")
                           if f.get_attribute("action").rsplit("/", 1)[1] not in ("assign", "extend"))
            check(shown == sorted(allowed), f"{language}: a {state} application offers {shown}, not {sorted(allowed)}")
            check(t[f"app_status_{state}"] in self.text(), f"{language}: the page does not say {t[f'app_status_{state}']}")
            if take == "accept":
                self.driver.find_element(By.CSS_SELECTOR, "form[action$='/accept'] input[value='legal_aid']").click()
            if take:
                self.submit(f"form[action$='/{take}'] button")
        check(sql(self.world.url, f"SELECT status FROM applications WHERE id = '{application}'") == "accepted",
              f"{language}: the application is not accepted in the database")
        self.look("application-accepted")
        self.open("/applications")
        self.look("applications")

        # The office's intake form.
        self.open("/applications/new")
        self.look("application-new")
        self.fill({"last_name": "Оспанова", "first_name": "Мадина", "region": "KZ-35"})
        self.submit("form.stack button[type='submit']")
        check(re.fullmatch(r"/applications/[0-9a-f-]{36}", self.path()) is not None and t["app_status_received"] in self.text(),
              f"{language}: taking in an application went to {self.path()}")

        # Outside the registrar's regions: not found, as if it did not exist.
        self.open(f"/volunteers/{self.world.kz43}")
        check(t["error_not_found"] in self.text(), f"{language}: the KZ-43 volunteer's page is not 'not found'")
        self.look("not-found")
        status, _ = self.world.request("GET", f"/volunteers/{self.world.kz43}", headers=self.cookie_header())
        check(status == 404, f"{language}: the KZ-43 volunteer's page answered {status}, not 404")

        # A POST without the CSRF token is refused and changes nothing.
        before = sql(self.world.url, "SELECT count(*) FROM people")
        form = urllib.parse.urlencode({"last_name": "Жалған", "first_name": "Сұрау", "national_id": iin(37_000_000 + number)[0],
                                       "region": "KZ-35", "kind": "individual", "areas": "awareness", "consent": "yes"})
        status, _ = self.world.request("POST", "/volunteers", raw=form.encode(),
                                       headers=dict(self.cookie_header(), **{"Content-Type": "application/x-www-form-urlencoded"}))
        check(status == 403, f"{language}: a POST without the CSRF token answered {status}, not 403")
        check(sql(self.world.url, "SELECT count(*) FROM people") == before, f"{language}: a POST without the CSRF token stored a person")

        # Signing out; the back button shows nothing of the pages seen.
        self.open(f"/volunteers?q={urllib.parse.quote(latin)}")
        self.submit("form[action='/sign-out'] button")
        check(self.path() == "/sign-in", f"{language}: signing out went to {self.path()}")
        self.driver.back()
        time.sleep(0.3)
        check(surname not in self.text(), f"{language}: after signing out, the back button shows {surname}")
        check(self.path() == "/sign-in", f"{language}: after signing out, the back button shows {self.path()}")

    def sign_in(self, email, password):
        self.driver.delete_all_cookies()
        self.open("/sign-in")
        self.driver.find_element(By.CSS_SELECTOR, f"footer a[lang='{self.language}']").click()
        self.settle()
        self.fill({"email": email, "password": password})
        self.submit("form[action='/sign-in'] button")

    def meetings(self):
        """As a KZ-35 coordinator: a council meeting from scheduling to certificates; another event
        postponed until further notice, on the calendar as postponed; a KZ-43 event not found."""
        t, language = self.t, self.language
        print(f"meetings in {language}", flush=True)
        self.sign_in("coordinator35@adal.test", self.world.coordinator_password)
        tomorrow = time.strftime("%Y-%m-%d", time.localtime(time.time() + 86400))
        # The meeting took place yesterday: only a meeting that has begun is recorded held.
        yesterday = time.strftime("%Y-%m-%d", time.localtime(time.time() - 86400))
        self.open("/events/new")
        self.look("event-new")
        self.fill({"kind": "council_meeting", "format": "in_person", "title": f"Комиссия отырысы {language}",
                   "region": "KZ-35", "office": "KAR", "council": "KAR-COMM", "starts": f"{yesterday}T10:00", "venue": "Қарағанды, Бұқар жырау 47"})
        self.submit("form.stack button[type='submit']")
        check(re.fullmatch(r"/events/[0-9a-f-]{36}", self.path()) is not None, f"{language}: scheduling went to {self.path()}")
        meeting = self.path()
        self.fill({"title": "Волонтерлердің мониторинг жоспары", "presenter": "Ә. Сақтапберген"},
                  within=self.driver.find_element(By.CSS_SELECTOR, f"form[action='{meeting}/agenda']"))
        self.submit(f"form[action='{meeting}/agenda'] button")
        check("Волонтерлердің мониторинг жоспары" in self.text(), f"{language}: the agenda item is not listed")
        self.look("event")
        for latin, role in (("Zhaksybekova", "participant"), ("Abdirakhmanov", "participant"), ("Saktapbergen", "observer")):
            self.open(f"{meeting}?q={latin}")
            found = self.driver.find_elements(By.CSS_SELECTOR, "ul.found form")
            check(len(found) >= 1, f"{language}: a Latin search '{latin}' found nobody to invite")
            if found:
                self.fill({"role": role}, within=found[0])
                self.submit("ul.found li:first-child form button")
        # One member's answer to the invitation, recorded by the coordinator.
        self.driver.find_element(By.CSS_SELECTOR, "details.answers summary").click()
        self.submit("details.answers li:first-child form[action$='/registered'] button")
        check(t["invitation_registered"] in self.text(), f"{language}: the recorded answer is not shown")
        self.look("event-invited")
        boxes = self.driver.find_elements(By.CSS_SELECTOR, "input[name='attended']")
        check(len(boxes) == 3, f"{language}: {len(boxes)} people to tick, not 3")
        for box in boxes:
            if not box.is_selected():
                box.click()
        self.submit(f"form[action='{meeting}/attendance'] .actions button")
        quorum = self.driver.find_elements(By.CSS_SELECTOR, "p.quorum.met")
        check(len(quorum) == 1, f"{language}: the quorum is not shown as met before holding")
        self.fill({"minutes": "Күн тәртібіндегі мәселелер қаралды."})
        self.submit(f"form[action='{meeting}/hold'] button")
        check(t["event_status_held"] in self.driver.find_element(By.CSS_SELECTOR, ".heading .badge").text,
              f"{language}: the meeting is not shown as held")
        self.fill({"text": "Волонтерлердің мониторинг жоспары бекітілсін."})
        self.submit(f"form[action='{meeting}/decide'] button")
        task = self.driver.find_element(By.CSS_SELECTOR, f"form[action='{meeting}/task']")
        person = task.find_elements(By.CSS_SELECTOR, "select[name='person'] option")[1].get_attribute("value")
        self.fill({"title": "Мониторинг есебін дайындау", "person": person, "due": tomorrow}, within=task)
        self.submit(f"form[action='{meeting}/task'] button")
        check("Мониторинг есебін дайындау" in self.text(), f"{language}: the task is not listed under its decision")
        self.submit(f"form[action='{meeting}/certificates'] button")
        certificates = self.driver.find_elements(By.CSS_SELECTOR, "#certificates li a")
        check(len(certificates) == 3, f"{language}: {len(certificates)} certificates, not 3")
        self.look("event-held")
        # The minutes: sent to the participants (queued, each in their language) and printed here.
        self.submit(f"form[action='{meeting}/send-minutes'] button")
        check(self.path() == meeting, f"{language}: sending the minutes did not come back to the meeting")
        self.open(f"{meeting}/minutes")
        check("Мониторинг есебін дайындау" in self.text() and "Волонтерлердің мониторинг жоспары бекітілсін." in self.text(),
              f"{language}: the printed minutes lack the decision or its task")
        self.look("minutes")
        self.open(meeting)
        certificates = self.driver.find_elements(By.CSS_SELECTOR, "#certificates li a")
        if certificates:
            certificates[0].click()
            self.settle()
            check(self.path().startswith("/certificates/"), f"{language}: the certificate did not open")
            self.look("certificate")

        # The council and the task its meeting gave: a report, then done.
        self.open("/councils/KAR-COMM")
        check("Гүлмира Жақсыбекова" in self.text(), f"{language}: the commission's page does not list its new member")
        self.look("council")
        # A member's term ended today: the term shows its last day and the row no longer offers it.
        rows = self.driver.find_elements(By.CSS_SELECTOR, "table tbody tr")
        ending = [r for r in rows if r.find_elements(By.CSS_SELECTOR, "form[action$='/end-term']")]
        check(bool(ending), f"{language}: no member's term can be ended on the council's page")
        if ending:
            name = ending[-1].find_element(By.CSS_SELECTOR, "td").text
            person = ending[-1].find_element(By.CSS_SELECTOR, "input[name='person']").get_attribute("value")
            self.submit(f"form[action$='/end-term'] input[name='person'][value='{person}'] ~ button")
            row = [r for r in self.driver.find_elements(By.CSS_SELECTOR, "table tbody tr")
                   if r.find_element(By.CSS_SELECTOR, "td").text == name]
            check(bool(row) and not row[0].find_elements(By.CSS_SELECTOR, "form[action$='/end-term']"),
                  f"{language}: {name}'s term is still open after ending it")
        self.open("/tasks")
        self.look("tasks")
        self.submit("table tbody tr a")
        self.fill({"text": "Мониторинг жоспары дайындалды."})
        self.submit("form[action$='/reports'] button")
        self.submit("form[action$='/done'] button")
        check(t["task_status_done"] in self.text() and "Мониторинг жоспары дайындалды." in self.text(),
              f"{language}: the task is not done with its report")
        self.look("task")

        # Another event, postponed until further notice, is on the calendar as postponed.
        self.open("/events/new")
        self.fill({"kind": "seminar", "format": "online", "title": f"Семинар {language}", "region": "KZ-35",
                   "starts": f"{tomorrow}T15:00", "link": "https://meet.example.kz/adal"})
        self.submit("form.stack button[type='submit']")
        seminar = self.path()
        # Its details changed, a new speaker invited by name, and their attendance from a signed sheet.
        self.open(f"{seminar}/edit")
        self.look("event-edit")
        self.fill({"title": f"Семинар {language} (жаңартылды)"})
        self.submit("form.stack button[type='submit']")
        check(f"Семинар {language} (жаңартылды)" in self.driver.find_element(By.TAG_NAME, "h1").text,
              f"{language}: the seminar's new title is not shown")
        self.driver.find_element(By.CSS_SELECTOR, "details.new-person summary").click()
        self.fill({"name": "Жаңа Баяндамашы", "position": "сарапшы", "role": "speaker"},
                  within=self.driver.find_element(By.CSS_SELECTOR, f"form[action='{seminar}/invite-new']"))
        self.submit(f"form[action='{seminar}/invite-new'] button")
        sheet = os.path.join(tempfile.gettempdir(), "walk-sheet.csv")
        open(sheet, "w", encoding="utf-8").write("name,attended\nЖаңа Баяндамашы,иә\n")
        self.driver.find_element(By.NAME, "sheet").send_keys(sheet)
        self.submit(f"form[action='{seminar}/sheet'] button")
        ticked = self.driver.find_elements(By.CSS_SELECTOR, "input[name='attended']:checked")
        check(len(ticked) == 1, f"{language}: the signed sheet marked {len(ticked)} people present, not the new speaker")
        self.fill({"reason": "Спикер ауырып қалды."}, within=self.driver.find_element(By.CSS_SELECTOR, f"form[action='{seminar}/postpone']"))
        self.submit(f"form[action='{seminar}/postpone'] button")
        check(t["event_status_postponed"] in self.driver.find_element(By.CSS_SELECTOR, ".heading .badge").text,
              f"{language}: the seminar is not shown as postponed")
        # Postponed with no new time, it leaves the calendar's days for the list of those postponed until further notice.
        self.open("/events?month=" + tomorrow[:7])
        entries = [e.text for e in self.driver.find_elements(By.CSS_SELECTOR, "section.postponed-undated li")]
        check(any(f"Семинар {language}" in e for e in entries),
              f"{language}: the calendar does not list the seminar as postponed until further notice: {entries}")
        days = [e.text for e in self.driver.find_elements(By.CSS_SELECTOR, "table.calendar a.entry")]
        check(not any(f"Семинар {language}" in e for e in days), f"{language}: a seminar with no time is on a calendar day")
        self.look("calendar")
        check(self.world.kz43_event not in self.driver.page_source, f"{language}: the calendar links a KZ-43 event")
        self.open(f"/events/{self.world.kz43_event}")
        check(t["error_not_found"] in self.text(), f"{language}: a KZ-43 event's page is not 'not found'")
        status, _ = self.world.request("GET", f"/events/{self.world.kz43_event}", headers=self.cookie_header())
        check(status == 404, f"{language}: a KZ-43 event's page answered {status}, not 404")

    def administration(self):
        """As the admin: each report with its chart, a staff account added and disabled, a dead
        reminder sent again, the audit chain's state."""
        t, language = self.t, self.language
        print(f"administration in {language}", flush=True)
        self.sign_in("admin@adal.local", self.world.admin_password)
        for name in ("applications", "action-plan", "volunteers", "councils"):
            self.open(f"/reports?report={name}&from=2026-01-01&to=2026-12-31")
            charts = self.driver.find_elements(By.CSS_SELECTOR, "section.report svg.chart")
            check(len(charts) >= 1, f"{language}: the {name} report shows no chart")
            self.look(f"report-{name}")
        self.open("/admin/staff")
        self.fill({"email": "new.registrar@adal.test", "name": "Жанар Мұқанова", "role": "registrar", "region": "KZ-35"},
                  within=self.driver.find_element(By.CSS_SELECTOR, "form[action='/admin/staff']"))
        self.submit("form[action='/admin/staff'] button[type='submit']")
        password = self.driver.find_elements(By.CSS_SELECTOR, "code.password")
        check(len(password) == 1 and len(password[0].text) >= 12, f"{language}: the new account's password is not shown once")
        self.look("staff-added")
        # Another role, then a new password shown once.
        row = "tr:has(input[value='new.registrar@adal.test'])"
        self.driver.find_element(By.CSS_SELECTOR, f"{row} details.staff-change summary").click()
        self.fill({"role": "coordinator", "region": "KZ-35"}, within=self.driver.find_element(By.CSS_SELECTOR, f"{row} form[action='/admin/staff/change']"))
        self.submit(f"{row} form[action='/admin/staff/change'] button")
        role = sql(self.world.url, "SELECT role FROM staff_users WHERE email = 'new.registrar@adal.test'")
        check(role == "coordinator", f"{language}: the account's role is {role}, not coordinator")
        self.driver.find_element(By.CSS_SELECTOR, f"{row} details.staff-change summary").click()
        self.submit(f"{row} form[action='/admin/staff/password'] button")
        check(len(self.driver.find_elements(By.CSS_SELECTOR, "code.password")) == 1, f"{language}: the new password is not shown once")
        self.submit("form[action='/admin/staff/disable']:has(input[value='new.registrar@adal.test']) button")
        disabled = sql(self.world.url, "SELECT disabled_at IS NOT NULL FROM staff_users WHERE email = 'new.registrar@adal.test'")
        check(disabled == "t", f"{language}: the new account is not disabled")
        check(t["staff_disabled"] in self.text(), f"{language}: the staff list does not show the account disabled")
        self.open("/admin/reminders")
        dead = self.driver.find_elements(By.CSS_SELECTOR, "form[action='/admin/reminders/retry']")
        check(len(dead) == self.world.dead_jobs, f"{language}: {len(dead)} dead reminders listed, not {self.world.dead_jobs}")
        check("550" in self.text(), f"{language}: the dead reminder's last answer (550) is not shown")
        self.look("reminders")
        self.submit("form[action='/admin/reminders/retry'] button")
        queued = int(sql(self.world.url, "SELECT count(*) FROM jobs WHERE state = 'dead'"))
        check(queued == self.world.dead_jobs - 1, f"{language}: sending again left {queued} dead")
        self.open("/admin/audit")
        links = int(sql(self.world.url, "SELECT coalesce(max(position), 0) FROM audit_links"))
        state = self.driver.find_element(By.ID, "chain-state").text
        check(re.search(rf"\b{links}\b", state) is not None, f"{language}: the audit chain's state '{state}' does not give its {links} links")
        self.look("audit")

    def cookie_header(self):
        session = self.driver.get_cookie("adal_session")
        return {"Cookie": f"adal_session={session['value']}"} if session else {}


def report_pages(driver, languages):
    """Each report's own HTML page (`adal reports NAME --format html`), in each language: the action
    plan over 2020–2027 for Azerbaijan (eight years: by year; the seeds' Absheron event of unknown
    date with 6.2 and 6.9), the others for all regions this year. At 390 and 1280 px nothing runs
    past the page's right edge but inside a table's own scrolling box, and the photographs are
    written to REPORT_SCREENSHOTS."""
    os.makedirs(REPORT_SCREENSHOTS, exist_ok=True)
    for language in languages:
        for name, extra in (("applications", []), ("action-plan", ["--region", "AZ", "--from", "2020-01-01", "--to", "2027-12-31"]),
                            ("volunteers", []), ("councils", [])):
            page = os.path.join(REPORT_SCREENSHOTS, f"{language}-{name}.html")
            adal("reports", name, "--format", "html", "--lang", language, "--out", page, *extra)
            text = open(page, encoding="utf-8").read()
            check("report_label_" not in text, f"{language} {name} report: a catalog key instead of its words")
            if name == "action-plan":
                check("6.2" in text and "6.9" in text and "Korrupsiyaya birgə yox deyək" in text,
                      f"{language}: the AZ action-plan report over 2020–2027 lacks 6.2, 6.9 or the Absheron videoconference")
            driver.get("file://" + page)
            for width in (1280, 390):
                driver.set_window_size(width, 900)
                overflow = driver.execute_script("""
                    const edge = document.documentElement.clientWidth;
                    return Array.from(document.querySelectorAll('body *'))
                      .filter(e => !e.closest('.table-wrap') && e.getBoundingClientRect().right > edge + 1)
                      .map(e => e.tagName + (e.className && e.className.baseVal !== undefined ? '.' + e.className.baseVal : '')).slice(0, 5)""")
                check(not overflow, f"{language} {name} report at {width} px: past the right edge: {overflow}")
                height = driver.execute_script("return document.documentElement.scrollHeight")
                driver.set_window_size(width, min(max(height, 600), 6000))
                driver.save_screenshot(os.path.join(REPORT_SCREENSHOTS, f"{language}-{name}-{width}.png"))
            pages_checked.append(f"{language}:report-{name}")
    driver.set_window_size(1280, 900)


def main():
    languages = sys.argv[1:] or ["kk", "ru", "en", "uz", "az"]
    world = World()
    driver = browser()
    try:
        for number, language in enumerate(languages, start=1):
            Walk(world, driver, language).run(number)
        Walk(world, driver, "kk").meetings()
        Walk(world, driver, "ru").administration()
        report_pages(driver, languages)
    finally:
        driver.quit()
        world.stop()
    print(f"web walk: {len(languages)} languages ({', '.join(languages)}), {len(pages_checked)} pages checked by axe and "
          f"photographed at 1280 and 390 px into {os.path.relpath(SCREENSHOTS, ROOT)}/; {len(failures)} failures", flush=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
