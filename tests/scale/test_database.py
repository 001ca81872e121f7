"""The database connection's own settings."""

import pytest
from django.db import connection


@pytest.mark.django_db
def test_postgresql_compiles_no_query_just_in_time():
    # JIT compiling took 14 s of a 14.6 s partnership health page at national scale.
    if connection.vendor != "postgresql":
        pytest.skip("JIT is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
