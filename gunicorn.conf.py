"""gunicorn's settings for the portal (Dockerfile, docker-compose.yml, `make bench`).

Workers sized to the cores, as gunicorn recommends (2 × cores + 1): a sync worker waiting on
PostgreSQL or Redis leaves its core to another. WEB_CONCURRENCY overrides it."""

import multiprocessing
import os

workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
