# The two commands of the README: `make run` and `make test`. Everything else is a step of them.
SHELL := /bin/bash
VENV := .venv/bin
export PATH := $(HOME)/.local/bin:$(PATH)

.PHONY: run test bench soak provision provision-test data quality pytest format clean

run: provision data ## set everything up and start the portal, a Celery worker and beat
	scripts/run.sh

test: provision-test quality pytest ## set everything up, then lint and run the whole suite

bench: ## national-scale data, gunicorn, every public page measured (bench-results/)
	BASELINE=$(BASELINE) scripts/bench.sh

soak: ## 50 concurrent clients for 60 s, then again with PostgreSQL restarted (bench-results/soak-*.md)
	BASELINE=$(BASELINE) scripts/bench.sh soak

provision:
	scripts/provision.sh

provision-test:
	scripts/provision.sh --browser

data:
	scripts/load_data.sh

quality: ## ruff, djlint and migrations in sync with the models
	$(VENV)/ruff check .
	$(VENV)/lint-imports
	$(VENV)/ruff format --check .
	$(VENV)/djlint templates --lint
	$(VENV)/djlint templates --check
	DJANGO_SETTINGS_MODULE=vsa_portal.settings.test $(VENV)/python manage.py makemigrations --check --dry-run

pytest:
	$(VENV)/pytest

format:
	$(VENV)/ruff check --fix .
	$(VENV)/ruff format .
	$(VENV)/djlint templates --reformat

clean:
	rm -rf .venv staticfiles var .pytest_cache .ruff_cache
