#!/usr/bin/env bash
# Installs from PyPI the Python tools the tests use as real peers, when missing: icalendar (reads
# Adal's calendars), aiosmtpd (the SMTP server reminders go to), schemathesis and
# openapi-spec-validator (check the API against its document), trustme (a test CA for STARTTLS),
# hypothesis (the drill's hostile input), selenium and axe-selenium-python (the web console's
# browser walk and its accessibility checks).
set -euo pipefail
python3 -c "import icalendar, aiosmtpd, schemathesis, openapi_spec_validator, trustme, hypothesis, selenium, axe_selenium_python" 2>/dev/null && exit 0
python3 -m pip install --quiet --disable-pip-version-check "icalendar>=5" "aiosmtpd>=1.4" "schemathesis==4.32.5" \
    "openapi-spec-validator>=0.7" "trustme>=1.1" "hypothesis>=6.100" \
    "selenium>=4.20" "axe-selenium-python>=2.1" >&2
