"""The portable archive of the office's data: a zip of CSV files and a manifest.

Layout of ``archive.zip`` (documented in ``docs/imports.md``)::

    manifest.json                      format, version, date, counts and the file list
    data/<app>.<model>.csv             one file per model, every stored field, with its id
    links/<app>.<model>.<field>.csv    one file per many-to-many field: (source_id, target_id)
    media/<path>                       the uploaded files (agreements, report outputs…)

Ids are the exporting portal's; ``restore_archive`` gives every record a new id in the
receiving portal and rewrites foreign keys and links through the old → new id maps, so
an archive restores into any empty portal. Themes are matched by their code (the
portal's migrations create them), user accounts by their user name. ``\\N`` in a cell
is the null value (an empty cell is the empty string). Created/updated times are kept.

The archive holds the current records, not their edit history (``pg_dump`` keeps that),
and it holds the users' password hashes: store it like a database backup.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from typing import IO, Any

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries.fields import Country
from simple_history.utils import bulk_create_with_history

FORMAT = "intl-relations-archive"
VERSION = 1
NULL = "\\N"
BATCH_SIZE = 1000

# The apps whose records make up the office's data, in the order they are listed.
DOMAIN_APPS = (
    "organisations",
    "accounts",
    "partnerships",
    "cooperation",
    "delegations",
    "diaspora",
    "exchanges",
    "reports",
    "portal",
)
# Records matched in the receiving portal instead of created: model → natural key field.
MATCHED_BY = {"partnerships.theme": "code", "accounts.user": "username"}


class ArchiveError(ValueError):
    """The archive cannot be read, or the portal is not empty."""


def archive_models() -> list[type[models.Model]]:
    """The domain's models, each after the models its foreign keys point to."""
    found = [
        model
        for label in DOMAIN_APPS
        for model in apps.get_app_config(label).get_models()
        if not model.__name__.startswith("Historical")
    ]
    included = set(found)
    ordered: list[type[models.Model]] = []
    visiting: set[type[models.Model]] = set()

    def visit(model: type[models.Model]) -> None:
        if model in ordered or model in visiting:
            return
        visiting.add(model)
        for field in model._meta.concrete_fields:
            target = field.related_model if field.is_relation else None
            if target in included and target is not model:
                visit(target)
        visiting.discard(model)
        ordered.append(model)

    for model in found:
        visit(model)
    return ordered


def stored_fields(model: type[models.Model]) -> list[models.Field]:
    return list(model._meta.concrete_fields)


def link_fields(model: type[models.Model]) -> list[models.ManyToManyField]:
    included = set(archive_models())
    return [f for f in model._meta.many_to_many if f.related_model in included]


def _file_stem(model: type[models.Model]) -> str:
    return model._meta.label_lower


def to_text(field: models.Field, obj: models.Model) -> str:
    value = field.value_from_object(obj)
    if value is None:
        return NULL
    if isinstance(field, models.JSONField):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(field, models.FileField):
        return value.name or ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Country):
        return value.code or ""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def from_text(field: models.Field, text: str) -> Any:
    if text == NULL:
        return None
    if isinstance(field, models.JSONField):
        return json.loads(text)
    if isinstance(field, models.FileField):
        return text
    if isinstance(field, models.BooleanField):
        return text == "1"
    if field.is_relation:
        return int(text)
    return field.to_python(text)


def _csv_bytes(header: list[str], rows: Iterator[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


def export_archive(target: IO[bytes]) -> dict[str, Any]:
    """Write the whole domain to ``target`` as a zip; return the manifest."""
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "created_at": timezone.now().isoformat(),
        "models": [],
        "links": [],
        "media": [],
    }
    media: set[str] = set()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for model in archive_models():
            fields = stored_fields(model)
            file_fields = [f for f in fields if isinstance(f, models.FileField)]
            queryset = model._default_manager.order_by("pk")
            count = 0

            def rows(
                queryset: Any = queryset, fields: list = fields, file_fields: list = file_fields
            ) -> Iterator[list[str]]:
                nonlocal count
                for obj in queryset.iterator(chunk_size=2000):
                    count += 1
                    for file_field in file_fields:
                        name = getattr(obj, file_field.attname).name
                        if name:
                            media.add(name)
                    yield [to_text(field, obj) for field in fields]

            name = f"data/{_file_stem(model)}.csv"
            archive.writestr(name, _csv_bytes([f.attname for f in fields], rows()))
            manifest["models"].append(
                {
                    "model": model._meta.label_lower,
                    "file": name,
                    "count": count,
                    "fields": [f.attname for f in fields],
                }
            )
            for link in link_fields(model):
                through = link.remote_field.through
                source, target_column = link.m2m_column_name(), link.m2m_reverse_name()
                pairs = list(
                    through.objects.order_by(source, target_column).values_list(
                        source, target_column
                    )
                )
                link_name = f"links/{_file_stem(model)}.{link.name}.csv"
                archive.writestr(
                    link_name,
                    _csv_bytes(["source_id", "target_id"], ([str(a), str(b)] for a, b in pairs)),
                )
                manifest["links"].append(
                    {
                        "model": model._meta.label_lower,
                        "field": link.name,
                        "file": link_name,
                        "count": len(pairs),
                    }
                )
        for name in sorted(media):
            if default_storage.exists(name):
                with default_storage.open(name, "rb") as handle:
                    archive.writestr(f"media/{name}", handle.read())
                manifest["media"].append(name)
        manifest["counts"] = {entry["model"]: entry["count"] for entry in manifest["models"]}
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest


@contextlib.contextmanager
def _keeping_timestamps(model: type[models.Model]) -> Iterator[None]:
    """Let bulk_create store the archived created/updated times instead of "now"."""
    switched = []
    for field in model._meta.concrete_fields:
        for flag in ("auto_now", "auto_now_add"):
            if getattr(field, flag, False):
                setattr(field, flag, False)
                switched.append((field, flag))
    try:
        yield
    finally:
        for field, flag in switched:
            setattr(field, flag, True)


def domain_is_empty() -> list[str]:
    """The models that already hold records (themes and user accounts do not count)."""
    busy = []
    for model in archive_models():
        if model._meta.label_lower in MATCHED_BY:
            continue
        if model._default_manager.exists():
            busy.append(model._meta.label_lower)
    return busy


def read_manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError) as error:
        raise ArchiveError(
            _("The archive has no readable manifest.json (%(error)s).") % {"error": error}
        ) from None
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise ArchiveError(
            _("This is not a version %(version)s archive of the portal.") % {"version": VERSION}
        )
    return manifest


def _rows(archive: zipfile.ZipFile, name: str) -> Iterator[dict[str, str]]:
    with archive.open(name) as handle:
        yield from csv.DictReader(io.TextIOWrapper(handle, encoding="utf-8", newline=""))


@transaction.atomic
def restore_archive(source: IO[bytes] | str, *, user: Any = None) -> dict[str, int]:
    """Load an archive into an empty portal, in one transaction; return the counts."""
    try:
        archive = zipfile.ZipFile(source)
    except zipfile.BadZipFile:
        raise ArchiveError(_("The file is not a zip archive.")) from None
    with archive:
        manifest = read_manifest(archive)
        busy = domain_is_empty()
        if busy:
            raise ArchiveError(
                _("The portal already holds data (%(models)s): restore into an empty portal.")
                % {"models": ", ".join(busy)}
            )
        by_label = {m._meta.label_lower: m for m in archive_models()}
        ids: dict[type[models.Model], dict[int, int]] = defaultdict(dict)
        counts: dict[str, int] = {}
        history_user = user if getattr(user, "is_authenticated", False) else None
        for entry in manifest["models"]:
            model = by_label.get(entry["model"])
            if model is None:
                raise ArchiveError(
                    _("Unknown model in the archive: %(model)s.") % {"model": entry["model"]}
                )
            counts[entry["model"]] = _restore_model(archive, entry, model, ids, history_user)
        for entry in manifest["links"]:
            model = by_label[entry["model"]]
            link = model._meta.get_field(entry["field"])
            through = link.remote_field.through
            source_map, target_map = ids[model], ids[link.related_model]
            through.objects.bulk_create(
                [
                    through(
                        **{
                            link.m2m_column_name(): source_map[int(row["source_id"])],
                            link.m2m_reverse_name(): target_map[int(row["target_id"])],
                        }
                    )
                    for row in _rows(archive, entry["file"])
                ],
                batch_size=BATCH_SIZE,
            )
        for name in manifest["media"]:
            if not default_storage.exists(name):
                default_storage.save(name, ContentFile(archive.read(f"media/{name}")))
    return counts


def _restore_model(
    archive: zipfile.ZipFile,
    entry: dict[str, Any],
    model: type[models.Model],
    ids: dict[type[models.Model], dict[int, int]],
    history_user: Any,
) -> int:
    fields = {f.attname: f for f in stored_fields(model)}
    matched_by = MATCHED_BY.get(model._meta.label_lower)
    existing = (
        {getattr(obj, matched_by): obj.pk for obj in model._default_manager.all()}
        if matched_by
        else {}
    )
    pending: list[tuple[int, models.Model]] = []
    for row in _rows(archive, entry["file"]):
        values: dict[str, Any] = {}
        old_id = int(row[model._meta.pk.attname])
        for attname, text in row.items():
            field = fields.get(attname)
            if field is None or field.primary_key:
                continue
            value = from_text(field, text)
            if field.is_relation and value is not None:
                # A link to a record outside the archive (none today) would be dropped.
                value = ids[field.related_model].get(value)
            values[attname] = value
        if matched_by and values.get(matched_by) in existing:
            ids[model][old_id] = existing[values[matched_by]]
            continue
        pending.append((old_id, model(**values)))
    with _keeping_timestamps(model):
        for start in range(0, len(pending), BATCH_SIZE):
            batch = pending[start : start + BATCH_SIZE]
            objs = [obj for _old, obj in batch]
            if hasattr(model, "history"):
                bulk_create_with_history(
                    objs,
                    model,
                    batch_size=BATCH_SIZE,
                    default_user=history_user,
                    default_change_reason="Restored from archive",
                )
            else:
                model._default_manager.bulk_create(objs, batch_size=BATCH_SIZE)
            for (old_id, _obj), obj in zip(batch, objs, strict=True):
                ids[model][old_id] = obj.pk
    return len(pending)
