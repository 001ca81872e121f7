"""The product's settings, with the benchmark's URLs (the baseline views added)."""

from intl_relations.settings import *  # noqa: F403

ROOT_URLCONF = "scale.bench_urls"
