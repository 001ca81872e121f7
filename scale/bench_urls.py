"""The product's URLs plus the hand-written baseline views, for the benchmark only.

Selected by ``scale.bench_settings`` (the settings the benchmark's gunicorn runs
with); the product's ``intl_relations.urls`` never mounts the baseline.
"""

from django.urls import path

from intl_relations.urls import urlpatterns as product_urlpatterns

from .baseline import baseline_list

urlpatterns = [
    path("bench-baseline/<slug:name>/", baseline_list, name="bench-baseline"),
    *product_urlpatterns,
]
