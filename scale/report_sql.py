# ruff: noqa: S608 - the statements are built from this module's constants only; values are bound parameters
"""The annual report's aggregates in hand-written PostgreSQL, for the benchmark.

The same figures as ``reports.selectors.report_figures`` for the whole deployment
(no local government scope), one statement per breakdown, the way a DBA would write
them. The benchmark times both and checks that the key figures agree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection

ACTIVE = """
    p.signed_on <= %(end)s
    AND (p.ended_on > %(end)s OR (p.ended_on IS NULL AND p.status <> 'ended'))
    AND p.status NOT IN ('exploring', 'negotiating')
"""
STARTED = "p.signed_on BETWEEN %(start)s AND %(end)s"
HELD = "d.starts_on BETWEEN %(start)s AND %(end)s AND d.status <> 'cancelled'"

PARTNERSHIP_COUNTS = f"""
    count(*) FILTER (WHERE {STARTED}) AS started,
    count(*) FILTER (WHERE p.last_renewed_on BETWEEN %(start)s AND %(end)s) AS renewed,
    count(*) FILTER (WHERE p.ended_on BETWEEN %(start)s AND %(end)s) AS ended,
    count(*) FILTER (WHERE {ACTIVE}) AS active
"""
SPLIT = """
    count(*) FILTER (WHERE d.direction = 'incoming') AS incoming,
    count(*) FILTER (WHERE d.direction = 'outgoing') AS outgoing,
    count(*) AS total
"""
MONEY = """
    coalesce(sum(b.planned_amount), 0), coalesce(sum(b.spent_amount), 0),
    coalesce(sum(b.apd_amount), 0)
"""

KEY_TOTALS = [
    ("partnerships", f"SELECT {PARTNERSHIP_COUNTS} FROM partnerships_partnership p"),
    ("delegations", f"SELECT {SPLIT} FROM delegations_delegation d WHERE {HELD}"),
    (
        "members",
        f"""SELECT count(*) FROM delegations_delegationmember m
        JOIN delegations_delegation d ON d.id = m.delegation_id WHERE {HELD}""",
    ),
    (
        "applications",
        """SELECT count(*) FROM exchanges_application a
        WHERE a.submitted_at >= %(start_at)s AND a.submitted_at < %(end_at)s""",
    ),
    (
        "participants",
        """SELECT count(*) FROM exchanges_participant x
        WHERE x.departed_on BETWEEN %(start)s AND %(end)s AND x.status <> 'cancelled'""",
    ),
    (
        "projects",
        """SELECT count(*) FROM cooperation_cooperationproject c
        WHERE (c.starts_on IS NULL OR c.starts_on <= %(end)s)
          AND (c.ends_on IS NULL OR c.ends_on >= %(start)s) AND c.status <> 'cancelled'""",
    ),
    (
        "money",
        """SELECT coalesce(sum(spent_amount), 0), coalesce(sum(apd_amount), 0),
        coalesce(sum(spent_amount) FILTER (WHERE water_one_percent), 0)
        FROM cooperation_budgetline WHERE year = %(year)s""",
    ),
]

SECTIONS = [
    (
        "partnerships_by_kind",
        f"SELECT p.kind, {PARTNERSHIP_COUNTS} FROM partnerships_partnership p GROUP BY p.kind",
    ),
    (
        "partnerships_by_theme",
        f"""SELECT t.code, {PARTNERSHIP_COUNTS} FROM partnerships_partnership_themes pt
        JOIN partnerships_partnership p ON p.id = pt.partnership_id
        JOIN partnerships_theme t ON t.id = pt.theme_id GROUP BY t.code""",
    ),
    (
        "partnerships_by_country",
        f"""SELECT c.country, count(*) FILTER (WHERE {ACTIVE}) AS active,
        count(*) FILTER (WHERE {STARTED}) AS started
        FROM partnerships_partnership p JOIN partnerships_partnercity c ON c.id = p.partner_city_id
        WHERE ({ACTIVE}) OR ({STARTED})
        GROUP BY c.country ORDER BY active DESC, started DESC, c.country LIMIT 25""",
    ),
    (
        "delegations_by_month",
        f"""SELECT extract(month FROM d.starts_on) AS month, {SPLIT}
        FROM delegations_delegation d WHERE {HELD} GROUP BY 1""",
    ),
    (
        "delegations_by_country",
        f"""SELECT d.country, {SPLIT} FROM delegations_delegation d WHERE {HELD}
        GROUP BY d.country ORDER BY total DESC, d.country""",
    ),
    (
        "delegations_by_status",
        f"SELECT d.status, {SPLIT} FROM delegations_delegation d WHERE {HELD} GROUP BY d.status",
    ),
    (
        "cancelled",
        """SELECT count(*) FROM delegations_delegation d
        WHERE d.starts_on BETWEEN %(start)s AND %(end)s AND d.status = 'cancelled'""",
    ),
    (
        "delegations_by_theme",
        f"""SELECT t.code, {SPLIT} FROM delegations_delegation_themes dt
        JOIN delegations_delegation d ON d.id = dt.delegation_id
        JOIN partnerships_theme t ON t.id = dt.theme_id WHERE {HELD} GROUP BY t.code""",
    ),
    (
        "members_by_role",
        f"""SELECT m.role, {SPLIT} FROM delegations_delegationmember m
        JOIN delegations_delegation d ON d.id = m.delegation_id WHERE {HELD} GROUP BY m.role""",
    ),
    (
        "costs_by_category",
        f"""SELECT k.category, sum(k.amount) FROM delegations_delegationcost k
        JOIN delegations_delegation d ON d.id = k.delegation_id WHERE {HELD}
        GROUP BY ROLLUP (k.category)""",
    ),
    (
        "programs_by_kind",
        """SELECT g.kind, count(*), sum(g.capacity) FROM exchanges_exchangeprogram g
        WHERE (g.starts_on <= %(end)s AND (g.ends_on >= %(start)s
               OR (g.ends_on IS NULL AND g.starts_on >= %(start)s)))
           OR (g.applications_open_on <= %(end)s AND g.applications_close_on >= %(start)s)
        GROUP BY ROLLUP (g.kind)""",
    ),
    (
        "applications_by_kind_and_status",
        """SELECT g.kind, a.status, count(*), count(*) FILTER (WHERE a.status = 'accepted'),
        sum(a.participants_count)
        FROM exchanges_application a JOIN exchanges_exchangeprogram g ON g.id = a.program_id
        WHERE a.submitted_at >= %(start_at)s AND a.submitted_at < %(end_at)s
        GROUP BY GROUPING SETS ((g.kind), (a.status))""",
    ),
    (
        "participants_by_kind_and_status",
        """SELECT g.kind, x.status, count(*),
        count(*) FILTER (WHERE x.direction = 'outgoing'),
        count(*) FILTER (WHERE x.direction = 'incoming')
        FROM exchanges_participant x JOIN exchanges_exchangeprogram g ON g.id = x.program_id
        WHERE x.departed_on BETWEEN %(start)s AND %(end)s
        GROUP BY GROUPING SETS ((g.kind, x.status), (x.status))""",
    ),
    (
        "consulates",
        """SELECT kind, country, count(*), count(*) FILTER (WHERE kind = 'honorary')
        FROM diaspora_consulate GROUP BY GROUPING SETS ((kind), (country))""",
    ),
    (
        "diaspora_by_country",
        """SELECT origin_country, count(*), coalesce(sum(estimated_size), 0), max(size_year)
        FROM diaspora_diasporagroup GROUP BY ROLLUP (origin_country)""",
    ),
    (
        "diaspora_links",
        """SELECT g.name, g.origin_country, g.estimated_size,
        (SELECT count(*) FROM diaspora_diasporagroup_consulates c WHERE c.diasporagroup_id = g.id),
        (SELECT count(*) FROM diaspora_diasporagroup_partnerships p
         WHERE p.diasporagroup_id = g.id)
        FROM diaspora_diasporagroup g ORDER BY coalesce(g.estimated_size, 0) DESC, g.name
        LIMIT 30""",
    ),
    (
        "diaspora_members",
        f"""SELECT count(*) FROM delegations_delegationmember m
        JOIN delegations_delegation d ON d.id = m.delegation_id
        WHERE {HELD} AND m.role = 'diaspora'""",
    ),
    (
        "partnerships_active_by_country",
        f"""SELECT c.country, count(*) FROM partnerships_partnership p
        JOIN partnerships_partnercity c ON c.id = p.partner_city_id WHERE {ACTIVE}
        GROUP BY c.country""",
    ),
    (
        "budget",
        f"""SELECT b.funding_source, b.category, {MONEY}, count(DISTINCT b.project_id)
        FROM cooperation_budgetline b WHERE b.year = %(year)s
        GROUP BY GROUPING SETS ((b.funding_source), (b.category), ())""",
    ),
    (
        "top_projects",
        f"""SELECT c.id, c.title, pc.country, {MONEY} FROM cooperation_budgetline b
        JOIN cooperation_cooperationproject c ON c.id = b.project_id
        LEFT JOIN partnerships_partnercity pc ON pc.id = c.partner_city_id
        WHERE b.year = %(year)s GROUP BY c.id, c.title, pc.country
        ORDER BY 5 DESC, c.title LIMIT 20""",
    ),
    (
        "projects_by_status",
        """SELECT status, count(*) FROM cooperation_cooperationproject c
        WHERE (c.starts_on IS NULL OR c.starts_on <= %(end)s)
          AND (c.ends_on IS NULL OR c.ends_on >= %(start)s) AND c.status <> 'cancelled'
        GROUP BY status""",
    ),
    (
        "map",
        f"""SELECT c.id, c.name, c.country, c.latitude, c.longitude,
        count(*) FILTER (WHERE {ACTIVE}), count(*) FILTER (WHERE {STARTED})
        FROM partnerships_partnership p JOIN partnerships_partnercity c ON c.id = p.partner_city_id
        WHERE ({ACTIVE}) OR ({STARTED}) GROUP BY c.id
        UNION ALL
        SELECT c.id, c.name, c.country, c.latitude, c.longitude, count(*), 0
        FROM delegations_delegation d JOIN partnerships_partnercity c ON c.id = d.partner_city_id
        WHERE {HELD} GROUP BY c.id""",
    ),
    (
        # The balance with each partner city that had a delegation or a participant
        # either way in the year: one pass per kind of record, joined on the city.
        "reciprocity",
        f"""WITH d AS (
            SELECT d.partner_city_id AS city,
              count(*) FILTER (WHERE d.direction = 'incoming') AS received,
              count(*) FILTER (WHERE d.direction = 'outgoing') AS sent
            FROM delegations_delegation d WHERE {HELD} AND d.partner_city_id IS NOT NULL
            GROUP BY 1),
        m AS (
            SELECT d.partner_city_id AS city,
              count(*) FILTER (WHERE d.direction = 'incoming') AS received,
              count(*) FILTER (WHERE d.direction = 'outgoing') AS sent
            FROM delegations_delegationmember m
            JOIN delegations_delegation d ON d.id = m.delegation_id
            WHERE {HELD} AND d.partner_city_id IS NOT NULL GROUP BY 1),
        x AS (
            SELECT e.partner_city_id AS city,
              count(*) FILTER (WHERE x.direction = 'incoming') AS received,
              count(*) FILTER (WHERE x.direction = 'outgoing') AS sent
            FROM exchanges_participant x JOIN exchanges_exchangeprogram e ON e.id = x.program_id
            WHERE x.status <> 'cancelled' AND e.partner_city_id IS NOT NULL
              AND coalesce(x.departed_on, e.starts_on) BETWEEN %(start)s AND %(end)s
            GROUP BY 1),
        k AS (
            SELECT d.partner_city_id AS city,
              sum(k.amount) FILTER (WHERE k.paid_by = '' AND d.direction = 'incoming') AS hosting,
              sum(k.amount) FILTER (WHERE k.paid_by = '' AND d.direction = 'outgoing') AS travel,
              sum(k.amount) FILTER (WHERE k.paid_by <> '') AS others
            FROM delegations_delegationcost k
            JOIN delegations_delegation d ON d.id = k.delegation_id
            WHERE {HELD} AND d.partner_city_id IS NOT NULL GROUP BY 1)
        SELECT c.name, c.country, coalesce(d.received, 0), coalesce(d.sent, 0),
          coalesce(d.received, 0) - coalesce(d.sent, 0) AS balance,
          coalesce(m.received, 0), coalesce(m.sent, 0),
          coalesce(x.received, 0), coalesce(x.sent, 0),
          coalesce(x.received, 0) - coalesce(x.sent, 0) AS exchange_balance,
          coalesce(k.hosting, 0), coalesce(k.travel, 0), coalesce(k.others, 0)
        FROM partnerships_partnercity c
        LEFT JOIN d ON d.city = c.id LEFT JOIN m ON m.city = c.id
        LEFT JOIN x ON x.city = c.id LEFT JOIN k ON k.city = c.id
        WHERE d.city IS NOT NULL OR x.city IS NOT NULL
        ORDER BY balance DESC, exchange_balance DESC, c.name, c.id""",
    ),
]


def _params(year: int) -> dict[str, Any]:
    from django.utils import timezone

    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    tz = timezone.get_current_timezone()
    return {
        "year": year,
        "start": start,
        "end": end,
        "start_at": dt.datetime.combine(start, dt.time.min, tzinfo=tz),
        "end_at": dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz),
    }


def key_totals_sql(year: int) -> dict[str, Any]:
    """The report's key figures for ``year``, by hand-written SQL."""
    out: dict[str, Any] = {}
    with connection.cursor() as cursor:
        for name, sql in KEY_TOTALS:
            cursor.execute(sql, _params(year))
            out[name] = cursor.fetchone()
    p, d = out["partnerships"], out["delegations"]
    return {
        "partnerships_started": p[0],
        "partnerships_renewed": p[1],
        "partnerships_ended": p[2],
        "partnerships_active": p[3],
        "delegations_incoming": d[0],
        "delegations_outgoing": d[1],
        "delegation_members": out["members"][0],
        "exchange_applications": out["applications"][0],
        "exchange_participants": out["participants"][0],
        "projects": out["projects"][0],
        "spent": float(out["money"][0]),
        "apd": float(out["money"][1]),
        "water_one_percent": float(out["money"][2]),
    }


def report_aggregates_sql(year: int) -> dict[str, Any]:
    """Every aggregate of the report of ``year`` (and last year's key figures)."""
    figures: dict[str, Any] = {
        "key_figures": key_totals_sql(year),
        "key_figures_previous": key_totals_sql(year - 1),
    }
    with connection.cursor() as cursor:
        for name, sql in SECTIONS:
            cursor.execute(sql, _params(year))
            figures[name] = cursor.fetchall()
    return figures
