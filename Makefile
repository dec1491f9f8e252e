# The two commands of the README: `make run` and `make test`.
ADAL := .build/debug/adal

.PHONY: run test build release postgres benchmark drill

run: postgres build
	$(ADAL) db start
	$(ADAL) db migrate
	$(ADAL) db seed
	$(ADAL) users bootstrap
	@echo; echo "== regions"; $(ADAL) regions list
	@echo; echo "== events"; $(ADAL) events list
	@echo; echo "== councils"; $(ADAL) councils list
	@echo; echo "== volunteers"; $(ADAL) volunteers list
	@echo; echo "== serving the staff's web console on http://$${ADAL_HTTP_HOST:-127.0.0.1}:$${ADAL_HTTP_PORT:-8080}/ (sign in as admin@adal.local with the password above) and the API under /v1 (Ctrl-C stops it)"
	$(ADAL) serve

# The tests are built optimised (with -enable-testing for @testable), in a build folder of their
# own: they run in about half the time of a debug build's, and the adal they run end to end is the
# one built beside them. The tests' cluster is stopped afterwards (the exit status stays the
# tests'). Then sign-in's answer times are compared on a quiet machine (an unknown name against a
# known account), the API is checked against its OpenAPI document by openapi-spec-validator and
# schemathesis, deploy/ by its linters and validators, and the scale-out rehearsal and the
# reliability drill run in their short forms, and the web console's browser walk (chromium through
# selenium, axe on every page, screenshots in .adal/web-screenshots), all with that adal.
# `swift test` alone runs the same tests on a debug build.
TESTS_BUILD := swift build -c release --build-tests -Xswiftc -enable-testing --scratch-path .build-release
TESTS_RUN := swift test -c release -Xswiftc -enable-testing --scratch-path .build-release --skip-build
TESTED_ADAL := $(CURDIR)/.build-release/release/adal

test: postgres
	bash scripts/ensure-python-tools.sh
	bash scripts/ensure-chromium.sh
	$(TESTS_BUILD)
	timeout -k 30 2400 $(TESTS_RUN); status=$$?; \
	  ADAL_HOME="$(CURDIR)/.adal/test-cluster" $(TESTED_ADAL) db stop >/dev/null 2>&1; exit $$status
	ADAL_BIN=$(TESTED_ADAL) bash scripts/sign-in-oracle.sh
	ADAL_BIN=$(TESTED_ADAL) bash scripts/api-contract.sh
	ADAL_BIN=$(TESTED_ADAL) bash scripts/deploy-checks.sh
	ADAL_BIN=$(TESTED_ADAL) bash deploy/rehearsal.sh --short
	ADAL_BIN=$(TESTED_ADAL) python3 scripts/drill.py --short
	ADAL_BIN=$(TESTED_ADAL) python3 scripts/web-walk.py

build:
	swift build --product adal

# The reliability drill in full (R1-R6, about 3 minutes): load, a worker killed, PostgreSQL restarted
# and made read-only, hostile input, SIGTERM under load. Prints one line of figures per drill.
drill: postgres build
	bash scripts/ensure-python-tools.sh
	python3 scripts/drill.py

# The release binary with Swift's runtime and Foundation linked in, stripped, next to the
# migrations and seeds it reads: dist/ is what a server or an image needs.
release:
	swift build -c release --scratch-path .build-static --product adal --static-swift-stdlib
	rm -rf dist && mkdir -p dist
	cp .build-static/release/adal dist/adal && strip dist/adal
	cp -R Database seeds dist/
	@ls -l dist/adal | awk '{printf "dist/adal: %.1f MB\n", $$5 / 1048576}'

postgres:
	@bash scripts/ensure-postgres.sh

benchmark: postgres
	bash Benchmarks/register-volunteers.sh
	bash Benchmarks/import-eotinish.sh
	bash Benchmarks/api-wrk.sh
	bash Benchmarks/reminders-smtp.sh
	bash Benchmarks/reports.sh
