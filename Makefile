# The two commands of the README: `make run` and `make test`.
ADAL := .build/debug/adal

.PHONY: run test build postgres benchmark

run: postgres build
	$(ADAL) db start
	$(ADAL) db migrate
	$(ADAL) db seed
	$(ADAL) users bootstrap
	@echo; echo "== regions"; $(ADAL) regions list
	@echo; echo "== events"; $(ADAL) events list
	@echo; echo "== councils"; $(ADAL) councils list
	@echo; echo "== volunteers"; $(ADAL) volunteers list

# The binary is built too: the CLI tests run it end to end. The tests' cluster is stopped afterwards
# (the exit status stays the tests').
test: postgres
	swift build --build-tests
	timeout -k 30 2400 swift test --skip-build; status=$$?; \
	  ADAL_HOME="$(CURDIR)/.adal/test-cluster" $(ADAL) db stop >/dev/null 2>&1; exit $$status

build:
	swift build --product adal

postgres:
	@bash scripts/ensure-postgres.sh

benchmark: postgres
	bash Benchmarks/register-volunteers.sh
	bash Benchmarks/import-eotinish.sh
