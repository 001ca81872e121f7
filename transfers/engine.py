"""The import engine shared by every importer: columns, rows, plans, checks and writes.

An import runs in two phases.

1. **Check** every row, saving nothing: read each cell (``normalise``), find the record
   the row is about (by a normalised natural key, never by spelling), work out whether
   it is created, changed, unchanged or repeated, and validate the resulting record
   (field validators, ``clean()`` and the model's check constraints, evaluated in
   Python so that tens of thousands of rows do not cost a query each).
2. **Write**, only when no row was rejected: ``bulk_create`` / ``bulk_update`` in
   batches, model by model in dependency order, through simple_history's bulk helpers
   so that every created or changed record has its history row with the importing
   user, then the many-to-many links. The caller runs this phase in one transaction.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import operator
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django_countries.fields import Country
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .choices import RowOutcome
from .normalise import CellError, clean_text, name_key
from .readers import Table

BATCH_SIZE = 1000
PROGRESS_EVERY = 500


# --- what the user chose for this import ------------------------------------------------


class CoordinateConflict(models.TextChoices):
    """Two coordinate pairs in one file for one city: which one wins."""

    STOP = "stop", _lazy("Reject the row (the file is not saved)")
    FIRST = "first", _lazy("Keep the first pair")
    LAST = "last", _lazy("Keep the last pair")


@dataclass(frozen=True)
class ImportOptions:
    """How to read a file, as the user chose on the mapping step, in the API or the command.

    ``mapping`` gives a file header its column key (``""`` ignores the column); headers
    it does not name are matched by their aliases. ``constants`` give a column a value
    for every row whose cell is empty or absent (``{"kind": "twinning"}``).
    """

    mapping: dict[str, str] = field(default_factory=dict)
    constants: dict[str, Any] = field(default_factory=dict)
    skip_bad_rows: bool = False
    merge_accents: bool = False
    #: Accent-blind keys (``name_key``) of the places to merge, ticked in the preview.
    merge_places: tuple[str, ...] = ()
    coordinates: str = CoordinateConflict.STOP
    create_local_governments: bool = False

    @classmethod
    def of(cls, data: dict[str, Any] | None) -> ImportOptions:
        data = data or {}
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        return cls(**known)

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


# --- columns and rows -------------------------------------------------------------------


@dataclass(frozen=True)
class Col:
    """A column an importer reads: its key, the headers accepted (English and French)."""

    key: str
    headers: tuple[str, ...]
    parse: Callable[[Any], Any] = clean_text
    required: bool = False
    help: Any = ""

    def accepts(self) -> set[str]:
        return {name_key(self.key), *(name_key(header) for header in self.headers)}


def header_key(header: Any) -> str:
    """A header's matching key: "Date de signature (JJ/MM/AAAA) *" → "date de signature"."""
    text = clean_text(header)
    if "(" in text:
        text = text.split("(", 1)[0]
    return name_key(text.replace("*", ""))


@dataclass
class Issue:
    """One reason a row is rejected: which line, which column, which value, and why."""

    line: int
    column: str
    value: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "column": self.column,
            "value": self.value,
            "reason": self.reason,
        }


class RowRejected(Exception):  # noqa: N818 - a control-flow signal, not an error of ours
    pass


class Row:
    """One line of the file while it is checked: its read values and its issues."""

    def __init__(self, line: int, importer: Importer) -> None:
        self.line = line
        self.importer = importer
        self.values: dict[str, Any] = {}
        self.raw: dict[str, Any] = {}
        self.issues: list[Issue] = []
        self.columns: dict[str, str] = {}
        self.notes: list[str] = []
        self.outcome: str | None = None
        self.record = ""
        self.changes: list[str] = []

    def get(self, key: str) -> Any:
        return self.values.get(key)

    def error(self, key: str, reason: str, value: Any = None) -> None:
        """Note an issue on column ``key`` (the value defaults to the cell's)."""
        raw = self.raw.get(key, "") if value is None else value
        column = self.columns.get(key) or self.importer.column_name(key)
        self.issues.append(Issue(self.line, column, clean_text(raw), str(reason)))

    def swap(self, first: str, second: str) -> None:
        """Exchange two columns' values on this row (a pair listed the other way round),
        so that an error still names the column the value was read from."""
        for store in (self.values, self.raw):
            one, other = store.pop(first, None), store.pop(second, None)
            if other is not None:
                store[first] = other
            if one is not None:
                store[second] = one
        self.columns[first] = self.importer.column_name(second)
        self.columns[second] = self.importer.column_name(first)

    def fail(self, key: str, reason: str, value: Any = None) -> RowRejected:
        self.error(key, reason, value)
        return RowRejected()

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "line": self.line,
            "outcome": str(self.outcome) if self.outcome else None,
            "record": self.record,
        }
        if self.changes:
            data["changes"] = self.changes
        if self.notes:
            data["notes"] = self.notes
        if self.issues:
            data["errors"] = [issue.as_dict() for issue in self.issues]
        return data


# --- plans: what the write phase will do -----------------------------------------------


@dataclass
class Plan:
    """A record the import will create or change (or leave as it is)."""

    model: type[models.Model]
    instance: models.Model
    is_new: bool
    line: int
    changed: set[str] = field(default_factory=set)
    m2m: dict[str, list[models.Model]] = field(default_factory=dict)
    m2m_changed: set[str] = field(default_factory=set)

    @property
    def touched(self) -> bool:
        return self.is_new or bool(self.changed) or bool(self.m2m_changed)


def ident(instance: models.Model | None) -> Any:
    """A record's identity during an import, also for records not saved yet."""
    if instance is None:
        return None
    return ("id", instance.pk) if instance.pk else ("new", id(instance))


def same(old: Any, new: Any, *, loose: bool = False) -> bool:
    if isinstance(old, Country):
        old = old.code or None
    if isinstance(new, Country):
        new = new.code or None
    if loose and isinstance(old, str) and isinstance(new, str):
        return name_key(old) == name_key(new)
    return old == new


# --- check constraints in Python ------------------------------------------------------


class UnsupportedConditionError(Exception):
    pass


def _compare(op: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool | None]:
    def compare(left: Any, right: Any) -> bool | None:
        if left is None or right is None:
            return None  # SQL: a comparison with NULL is unknown
        if isinstance(left, Country):
            left = left.code
        return op(left, right)

    return compare


LOOKUPS: dict[str, Callable[[Any, Any], bool | None]] = {
    "exact": _compare(operator.eq),
    "gt": _compare(operator.gt),
    "gte": _compare(operator.ge),
    "lt": _compare(operator.lt),
    "lte": _compare(operator.le),
    "isnull": lambda left, right: (left is None) is bool(right),
}


def _evaluate(q: Q, instance: models.Model) -> bool | None:
    results: list[bool | None] = []
    for child in q.children:
        if isinstance(child, Q):
            results.append(_evaluate(child, instance))
            continue
        lookup, right = child
        name, _sep, op = lookup.partition("__")
        if op not in LOOKUPS and op != "":
            raise UnsupportedConditionError(lookup)
        model_field = instance._meta.get_field(name)
        left = getattr(instance, model_field.attname)
        if isinstance(right, F):
            right = getattr(instance, instance._meta.get_field(right.name).attname)
        elif hasattr(right, "resolve_expression"):
            raise UnsupportedConditionError(lookup)
        results.append(LOOKUPS[op or "exact"](left, right))
    if q.connector == Q.AND:
        value = False if False in results else (None if None in results else True)
    else:
        value = True if True in results else (None if None in results else False)
    if q.negated and value is not None:
        value = not value
    return value


def check_constraints(instance: models.Model) -> None:
    """Raise the ``ValidationError`` of the first check constraint ``instance`` breaks.

    Evaluated in Python (a SQL CHECK passes when it is unknown, so ``None`` passes
    here too); a condition this evaluator does not know is asked of the database.
    """
    for constraint in instance._meta.constraints:
        if not isinstance(constraint, models.CheckConstraint):
            continue
        try:
            passed = _evaluate(constraint.condition, instance) is not False
        except UnsupportedConditionError:
            constraint.validate(type(instance), instance)
            continue
        if not passed:
            raise ValidationError(constraint.get_violation_error_message())


# --- the importer base ------------------------------------------------------------------


class FileRejected(Exception):  # noqa: N818
    """The whole file is refused before any row is read (missing required columns)."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__("; ".join(issue.reason for issue in issues))
        self.issues = issues


class Importer:
    """Base of the importers: subclasses declare columns and plan each row."""

    kind: str = ""
    columns: tuple[Col, ...] = ()
    #: Models written, parents first (a row may create a partner city and its partnership).
    write_order: tuple[type[models.Model], ...] = ()
    #: Fields compared without regard to accents, case and spacing (names used as keys).
    loose_fields: frozenset[str] = frozenset({"name", "full_name", "title", "city"})
    #: Column key of each model field, so that a validation error names the column.
    field_columns: dict[str, str] = {}

    @classmethod
    def models_written(cls, options: ImportOptions) -> tuple[type[models.Model], ...]:
        """The models this import may create or change with these options."""
        return cls.write_order

    def __init__(self, *, user: Any, options: ImportOptions | None = None) -> None:
        self.user = user
        self.options = options or ImportOptions()
        self.accent_twins: dict[str, dict[str, Any]] = {}
        self.write_order = self.models_written(self.options)
        self.positions: dict[str, int] = {}
        self.headers: dict[str, str] = {}
        self.plans: dict[type[models.Model], dict[Any, Plan]] = defaultdict(dict)
        self.rows: list[Row] = []
        self.new_keys: dict[int, Any] = {}

    def key_of(self, found: models.Model | None, new_key: Any) -> Any:
        """The registry key of a record found by a lookup (saved or planned) or to create."""
        if found is None:
            return new_key
        if found.pk:
            return ("id", found.pk)
        return self.new_keys[id(found)]

    # columns ----------------------------------------------------------------------
    def column_name(self, key: str) -> str:
        """The column as the file names it (or the canonical name if it is absent)."""
        return self.headers.get(key, key)

    @classmethod
    def column(cls, key: str) -> Col | None:
        return next((column for column in cls.columns if column.key == key), None)

    @classmethod
    def guess_columns(cls, headers: list[str], mapping: dict[str, str] | None = None) -> list[str]:
        """The column key each header feeds (``""``: ignored), one per header.

        A header named in ``mapping`` takes the column the user chose there (or none);
        the others are matched by their aliases, a column taken only once.
        """
        mapping = {clean_text(header): key for header, key in (mapping or {}).items()}
        accepted: dict[str, Col] = {}
        for column in cls.columns:
            for key in column.accepts():
                accepted.setdefault(key, column)
        keys = [mapping.get(clean_text(header)) for header in headers]
        taken = {key for key in keys if key}
        for position, header in enumerate(headers):
            if keys[position] is not None:
                continue
            found = accepted.get(header_key(header))
            if found is None or found.key in taken:
                keys[position] = ""
                continue
            keys[position] = found.key
            taken.add(found.key)
        return [key or "" for key in keys]

    def map_headers(self, headers: list[str]) -> list[str]:
        """Match the file's headers to the columns; return the headers not used."""
        ignored = []
        issues = []
        for position, key in enumerate(self.guess_columns(headers, self.options.mapping)):
            header = clean_text(headers[position])
            if key and self.column(key) is None:
                issues.append(
                    Issue(
                        1,
                        header,
                        key,
                        _("“%(field)s” is not a field of this kind of import.") % {"field": key},
                    )
                )
                continue
            if not key or key in self.positions:
                if header:
                    ignored.append(header)
                continue
            self.positions[key] = position
            self.headers[key] = header
        issues.extend(self.read_constants())
        missing = [
            c
            for c in self.columns
            if c.required
            and c.key not in self.positions
            and clean_text(self.options.constants.get(c.key)) == ""
        ]
        issues.extend(
            Issue(
                1,
                column.key,
                "",
                _("The required column “%(column)s” is missing (accepted headers: %(headers)s).")
                % {"column": column.key, "headers": ", ".join(column.headers)},
            )
            for column in missing
        )
        if issues:
            raise FileRejected(issues)
        return ignored

    def read_constants(self) -> list[Issue]:
        """Read the values given for every row (``options.constants``) once."""
        self.constants: dict[str, Any] = {}
        self.constants_raw: dict[str, Any] = {}
        issues = []
        for key, raw in self.options.constants.items():
            column = self.column(key)
            if column is None:
                issues.append(
                    Issue(
                        0,
                        key,
                        clean_text(raw),
                        _("“%(field)s” is not a field of this kind of import.") % {"field": key},
                    )
                )
                continue
            if raw is None or clean_text(raw) == "":
                continue
            try:
                value = column.parse(raw)
            except CellError as error:
                issues.append(Issue(0, key, clean_text(raw), error.reason))
                continue
            self.constants[key] = value
            self.constants_raw[key] = raw
        return issues

    def present(self, key: str) -> bool:
        return key in self.positions

    # hooks ----------------------------------------------------------------------------
    def load(self) -> None:
        """Read what the rows will be matched against (once, before the first row)."""

    def plan_row(self, row: Row) -> None:
        """Find or build the row's records with ``upsert``; raise ``row.fail`` if bad."""
        raise NotImplementedError

    # checking ---------------------------------------------------------------------------
    def check(self, table: Table, progress: Callable[[int, int], None] | None = None) -> list[Row]:
        ignored = self.map_headers(table.headers)
        self.ignored_headers = ignored
        self.load()
        total = len(table.rows)
        for done, (line, cells) in enumerate(table.rows, start=1):
            row = Row(line, self)
            self.read_cells(row, cells)
            if not row.issues:
                with contextlib.suppress(RowRejected):
                    self.plan_row(row)
            if row.issues:
                row.outcome = RowOutcome.REJECTED
            self.rows.append(row)
            if progress and (done % PROGRESS_EVERY == 0 or done == total):
                progress(done, total)
        return self.rows

    def read_cells(self, row: Row, cells: list[Any]) -> None:
        for column in self.columns:
            position = self.positions.get(column.key)
            raw = cells[position] if position is not None and position < len(cells) else None
            if _blank(raw) and column.key in self.constants:
                # The value the user gave for every row the file leaves empty.
                row.raw[column.key] = self.constants_raw[column.key]
                row.values[column.key] = self.constants[column.key]
                continue
            row.raw[column.key] = raw
            if _blank(raw):
                if column.required:
                    row.error(column.key, _("This column needs a value."))
                continue
            try:
                value = column.parse(raw)
            except CellError as error:
                row.error(column.key, error.reason)
                continue
            if value is not None and value != "":
                row.values[column.key] = value

    def upsert(
        self,
        row: Row,
        model: type[models.Model],
        key: Any,
        existing: models.Model | None,
        fields: dict[str, Any],
        *,
        m2m: dict[str, list[models.Model]] | None = None,
        defaults: dict[str, Any] | None = None,
        primary: bool = True,
        check_change: Callable[[models.Model, dict[str, Any]], None] | None = None,
    ) -> Plan:
        """The plan for the record ``key``: created, changed, unchanged or seen earlier.

        ``fields`` holds the values read from the row (``None`` means "not given": an
        empty cell never erases a stored value). ``m2m`` lists replace the stored links.
        """
        fields = {name: value for name, value in fields.items() if value is not None}
        m2m = {name: values for name, values in (m2m or {}).items() if values is not None}
        registry = self.plans[model]
        earlier = registry.get(key)
        if earlier is not None:
            self._check_repeat(row, earlier, fields, m2m)
            if primary:
                row.outcome = RowOutcome.DUPLICATE
                row.record = str(earlier.instance)
                row.notes.append(_("Same record as line %(line)s.") % {"line": earlier.line})
            return earlier
        if existing is None:
            instance = model(**{**(defaults or {}), **fields})
            plan = Plan(model, instance, True, row.line)
            self.new_keys[id(instance)] = key
        else:
            instance = existing
            changed = {
                name
                for name, value in fields.items()
                if not same(
                    _stored(instance, name), _raw_value(value), loose=name in self.loose_fields
                )
            }
            if changed and check_change is not None:
                check_change(instance, {name: fields[name] for name in changed})
            for name in changed:
                setattr(instance, name, fields[name])
            plan = Plan(model, instance, False, row.line, changed=changed)
        for name, targets in m2m.items():
            plan.m2m[name] = targets
            if plan.is_new:
                if targets:
                    plan.m2m_changed.add(name)
            elif {ident(t) for t in targets} != self.current_links(model, name, instance):
                plan.m2m_changed.add(name)
        if plan.is_new or plan.changed:
            self.validate(row, plan)
        registry[key] = plan
        if primary:
            row.record = str(plan.instance)
            if plan.is_new:
                row.outcome = RowOutcome.CREATED
            elif plan.changed or plan.m2m_changed:
                row.outcome = RowOutcome.CHANGED
                row.changes = sorted(plan.changed | plan.m2m_changed)
            else:
                row.outcome = RowOutcome.UNCHANGED
        elif plan.is_new:
            row.notes.append(
                _("New %(model)s: %(record)s.")
                % {"model": model._meta.verbose_name, "record": plan.instance}
            )
        return plan

    def _check_repeat(
        self, row: Row, earlier: Plan, fields: dict[str, Any], m2m: dict[str, list[Any]]
    ) -> None:
        if not self._coordinates_agree(row, earlier, fields):
            return
        for name, value in fields.items():
            stored = _stored(earlier.instance, name)
            if not same(stored, _raw_value(value), loose=name in self.loose_fields):
                raise row.fail(
                    self.field_columns.get(name, name),
                    _("Line %(line)s gives another value for the same record (%(value)s).")
                    % {"line": earlier.line, "value": _display(stored)},
                )
        for name, targets in m2m.items():
            if {ident(t) for t in targets} != {ident(t) for t in earlier.m2m.get(name, targets)}:
                raise row.fail(
                    self.field_columns.get(name, name),
                    _("Line %(line)s gives other values for the same record.")
                    % {"line": earlier.line},
                )

    def _coordinates_agree(self, row: Row, earlier: Plan, fields: dict[str, Any]) -> bool:
        """Two coordinate pairs for one record: keep the first, the last, or stop.

        Returns whether the other fields still need comparing (always, unless the row is
        rejected); the coordinates are taken out of ``fields`` once settled.
        """
        given = {name: fields[name] for name in COORDINATE_FIELDS if name in fields}
        if not given or all(
            same(_stored(earlier.instance, name), value) for name, value in given.items()
        ):
            return True
        pair = ", ".join(_display(value) for value in given.values())
        policy = self.options.coordinates
        if policy == CoordinateConflict.STOP:
            name = next(iter(given))
            raise row.fail(
                self.field_columns.get(name, name),
                _(
                    "Line %(line)s gives this place other coordinates (%(pair)s): fix the file, "
                    "or choose to keep the first or the last pair."
                )
                % {"line": earlier.line, "pair": _pair(earlier.instance)},
                value=pair,
            )
        if policy == CoordinateConflict.LAST:
            for name, value in given.items():
                setattr(earlier.instance, name, value)
                if not earlier.is_new:
                    earlier.changed.add(name)
            row.notes.append(
                _("Coordinates %(pair)s kept for %(record)s (the last pair given).")
                % {"pair": pair, "record": earlier.instance}
            )
        else:
            row.notes.append(
                _("Coordinates %(pair)s left out for %(record)s (the first pair is kept).")
                % {"pair": pair, "record": earlier.instance}
            )
        for name in given:
            fields.pop(name)
        return True

    def current_links(self, model: type[models.Model], name: str, instance: models.Model) -> set:
        """The identities linked to ``instance`` through many-to-many ``name``, read once."""
        cache = self.__dict__.setdefault("_links", {})
        if (model, name) not in cache:
            through = model._meta.get_field(name).remote_field.through
            source, target = _through_columns(model, name)
            links: dict[Any, set] = defaultdict(set)
            for left, right in through.objects.values_list(source, target).iterator(
                chunk_size=5000
            ):
                links[left].add(("id", right))
            cache[(model, name)] = links
        return cache[(model, name)].get(instance.pk, set())

    def validate(self, row: Row, plan: Plan) -> None:
        """Field validators, ``clean()`` and check constraints, without a query per row.

        Foreign keys are left out: they point at records this import found or plans to
        create, and checking them would cost a query each. Uniqueness is the natural
        key's business (the plan registry); the database enforces it again on write.
        """
        instance = plan.instance
        exclude = [f.name for f in instance._meta.concrete_fields if f.is_relation or f.primary_key]
        try:
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
            check_constraints(instance)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, messages in error.message_dict.items():
                    column = self.field_columns.get(name, name)
                    value = "" if name == "__all__" else getattr(instance, name, "")
                    for message in messages:
                        row.error(column, message, _display(value) if value is not None else "")
            else:
                for message in error.messages:
                    row.error("", message, "")
            raise RowRejected() from None

    # writing ----------------------------------------------------------------------------
    def write(self, *, reason: str, progress: Callable[[int, int], None] | None = None) -> None:
        """Save every plan, parents first. The caller holds the transaction."""
        now = timezone.now()
        user = self.user if getattr(self.user, "is_authenticated", False) else None
        steps = len(self.write_order) + 1
        for step, model in enumerate(self.write_order):
            plans = list(self.plans[model].values())
            new = [plan.instance for plan in plans if plan.is_new]
            changed = [plan for plan in plans if not plan.is_new and plan.changed]
            has_history = hasattr(model, "history")
            for instance in new:
                # Parents created earlier in this write now have their ids.
                _refresh_foreign_keys(instance)
            if new:
                if has_history:
                    bulk_create_with_history(
                        new,
                        model,
                        batch_size=BATCH_SIZE,
                        default_user=user,
                        default_change_reason=reason,
                        default_date=now,
                    )
                else:
                    model._default_manager.bulk_create(new, batch_size=BATCH_SIZE)
            if changed:
                names = sorted({name for plan in changed for name in plan.changed})
                fields = list(names)
                instances = [plan.instance for plan in changed]
                for instance in instances:
                    _refresh_foreign_keys(instance)
                if any(f.name == "updated_at" for f in model._meta.concrete_fields):
                    for instance in instances:
                        instance.updated_at = now
                    fields.append("updated_at")
                if has_history:
                    bulk_update_with_history(
                        instances,
                        model,
                        fields,
                        batch_size=BATCH_SIZE,
                        default_user=user,
                        default_change_reason=reason,
                        default_date=now,
                    )
                else:
                    model._default_manager.bulk_update(instances, fields, batch_size=BATCH_SIZE)
            if progress:
                progress(step + 1, steps)
        self.write_links()
        if progress:
            progress(steps, steps)

    def write_links(self) -> None:
        for model, registry in self.plans.items():
            by_field: dict[str, list[Plan]] = defaultdict(list)
            for plan in registry.values():
                for name in plan.m2m_changed:
                    by_field[name].append(plan)
            for name, plans in by_field.items():
                through = model._meta.get_field(name).remote_field.through
                source, target = _through_columns(model, name)
                old = [plan.instance.pk for plan in plans if not plan.is_new]
                for start in range(0, len(old), BATCH_SIZE):
                    through.objects.filter(
                        **{f"{source}__in": old[start : start + BATCH_SIZE]}
                    ).delete()
                links = [
                    through(**{source: plan.instance.pk, target: other.pk})
                    for plan in plans
                    for other in {ident(t): t for t in plan.m2m[name]}.values()
                ]
                through.objects.bulk_create(links, batch_size=BATCH_SIZE)


def _blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _attname(model: type[models.Model], name: str) -> str:
    try:
        return model._meta.get_field(name).attname
    except Exception:
        return name


def _raw_value(value: Any) -> Any:
    """A value as ``_stored`` gives it: related records by their identity."""
    if isinstance(value, models.Model):
        return ident(value)
    return value


def _stored(instance: models.Model, name: str) -> Any:
    """The value of field ``name`` on ``instance``, without a query for a relation."""
    try:
        model_field = instance._meta.get_field(name)
    except Exception:
        return getattr(instance, name, None)
    if model_field.is_relation and model_field.many_to_one:
        if model_field.is_cached(instance):
            return ident(model_field.get_cached_value(instance))
        pk = getattr(instance, model_field.attname)
        return ("id", pk) if pk is not None else None
    return getattr(instance, model_field.attname)


COORDINATE_FIELDS = ("latitude", "longitude")


def _pair(instance: models.Model) -> str:
    return ", ".join(_display(getattr(instance, name, None)) for name in COORDINATE_FIELDS)


def _display(value: Any) -> str:
    if isinstance(value, Country):
        return value.code or ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return clean_text(value)


def _through_columns(model: type[models.Model], name: str) -> tuple[str, str]:
    m2m = model._meta.get_field(name)
    return m2m.m2m_column_name(), m2m.m2m_reverse_name()


def _refresh_foreign_keys(instance: models.Model) -> None:
    for model_field in instance._meta.concrete_fields:
        if model_field.is_relation and model_field.is_cached(instance):
            related = model_field.get_cached_value(instance)
            if related is not None and related.pk is not None:
                setattr(instance, model_field.attname, related.pk)


def first_of(values: Iterable[Any]) -> Any:
    return next(iter(values), None)
