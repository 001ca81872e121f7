from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import ImportKind
from .engine import CoordinateConflict, ImportOptions
from .importers import IMPORTERS
from .models import SavedMapping
from .normalise import ChoiceResolver, parse_boolean


class ImportForm(forms.Form):
    """Choose what the file holds and upload it; the next page matches its columns."""

    kind = forms.ChoiceField(label=_("The file holds"), choices=ImportKind.choices)
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("The first line names the columns, in French or English."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    saved_mapping = forms.ModelChoiceField(
        label=_("Saved mapping"),
        queryset=SavedMapping.objects.all(),
        required=False,
        empty_label=_("None: match the columns by their headers"),
        help_text=_("Columns and values saved from an earlier import of the same kind."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        saved = data.get("saved_mapping")
        if saved is not None and data.get("kind") and saved.kind != data["kind"]:
            self.add_error(
                "saved_mapping", _("This mapping is for another kind of file: choose one of its.")
            )
        return data

    def options(self) -> ImportOptions:
        saved = self.cleaned_data.get("saved_mapping")
        if saved is None:
            return ImportOptions()
        return ImportOptions(mapping=dict(saved.mapping), constants=dict(saved.constants))


IGNORE = ""


class ImportMappingForm(forms.Form):
    """The mapping step: the field each column feeds, values for every row, the options.

    One select per column of the file (``column_<n>``), one input per field of the kind
    for a value used on every row whose cell is empty (``value_<key>``).
    """

    skip_bad_rows = forms.BooleanField(
        label=_("Skip the rejected rows"),
        required=False,
        help_text=_(
            "Save the good rows and download the rejected ones to fix and import again. "
            "Unticked, a single rejected row saves nothing."
        ),
    )
    coordinates = forms.ChoiceField(
        label=_("Two coordinate pairs for one city"),
        choices=CoordinateConflict.choices,
        initial=CoordinateConflict.STOP,
        help_text=_("When the file gives one city two different pairs of coordinates."),
    )
    create_local_governments = forms.BooleanField(
        label=_("Create the home local governments from the file"),
        required=False,
        help_text=_(
            "Pair files: when neither city of a row is a local government of the portal, the "
            "one in the portal's country becomes one."
        ),
    )
    merge_accents = forms.BooleanField(
        label=_("Merge place names differing only by accents"),
        required=False,
        help_text=_("By default “Furth” and “Fürth” are two different places."),
    )
    save_as = forms.CharField(
        label=_("Save this mapping as"),
        max_length=100,
        required=False,
        help_text=_("A name to use these columns and values again on a later import."),
    )

    def __init__(self, *args: Any, kind: str, columns: list[dict[str, Any]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.file_columns = columns
        importer = IMPORTERS[kind]
        choices = [(IGNORE, _("Ignore this column"))] + [
            (column.key, f"{column.key} *" if column.required else column.key)
            for column in importer.columns
        ]
        self.column_fields: list[str] = []
        for position, in_file in enumerate(columns):
            name = f"column_{position}"
            self.fields[name] = forms.ChoiceField(
                label=in_file["header"] or _("Column %(number)s") % {"number": position + 1},
                choices=choices,
                required=False,
                initial=in_file["field"],
            )
            self.column_fields.append(name)
        self.value_fields: list[str] = []
        self.main_values: set[str] = set()
        for column in importer.columns:
            name = f"value_{column.key}"
            label = _("Value of “%(field)s” for every row") % {"field": column.key}
            if isinstance(column.parse, ChoiceResolver):
                self.fields[name] = forms.ChoiceField(
                    label=label,
                    required=False,
                    choices=[("", "—"), *column.parse.choices],
                )
            elif column.parse is parse_boolean:
                self.fields[name] = forms.ChoiceField(
                    label=label,
                    required=False,
                    choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))],
                )
            else:
                self.fields[name] = forms.CharField(label=label, required=False, max_length=300)
            self.value_fields.append(name)
            if column.required or not isinstance(self.fields[name], forms.CharField):
                self.main_values.add(name)
        for name in ("skip_bad_rows", "coordinates", "create_local_governments", "merge_accents"):
            self.fields[name] = self.fields.pop(name)
        creating = ImportOptions(create_local_governments=True)
        if importer.models_written(creating) == importer.write_order:
            del self.fields["create_local_governments"]  # only partnerships create them
        self.fields["save_as"] = self.fields.pop("save_as")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        mapped = [data.get(name) for name in self.column_fields]
        for column in IMPORTERS[self.kind].columns:
            if mapped.count(column.key) > 1:
                self.add_error(
                    None,
                    _("Only one column can feed “%(field)s”.") % {"field": column.key},
                )
            if column.required and column.key not in mapped and not data.get(f"value_{column.key}"):
                self.add_error(
                    f"value_{column.key}",
                    _("Choose the column that gives “%(field)s”, or a value for every row.")
                    % {"field": column.key},
                )
        return data

    @classmethod
    def initial_of(cls, options: ImportOptions) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "merge_accents": options.merge_accents,
            "skip_bad_rows": options.skip_bad_rows,
            "coordinates": options.coordinates,
            "create_local_governments": options.create_local_governments,
        }
        for key, value in options.constants.items():
            if isinstance(value, bool):
                value = "yes" if value else "no"
            initial[f"value_{key}"] = value
        return initial

    def values_for_every_row(self) -> list[forms.BoundField]:
        """Choices, yes/no and required fields: the ones a file most often lacks."""
        return [self[name] for name in self.value_fields if name in self.main_values]

    def other_values(self) -> list[forms.BoundField]:
        return [self[name] for name in self.value_fields if name not in self.main_values]

    def option_fields(self) -> list[forms.BoundField]:
        taken = {*self.column_fields, *self.value_fields}
        return [self[name] for name in self.fields if name not in taken]

    def columns_with_fields(self) -> list[dict[str, Any]]:
        return [
            {**column, "field": self[name]}
            for column, name in zip(self.file_columns, self.column_fields, strict=True)
        ]

    def options(self) -> ImportOptions:
        data = self.cleaned_data
        mapping = {
            column["header"]: data.get(name) or IGNORE
            for column, name in zip(self.file_columns, self.column_fields, strict=True)
            if column["header"]
        }
        constants = {
            name.removeprefix("value_"): data[name] for name in self.value_fields if data.get(name)
        }
        return ImportOptions(
            mapping=mapping,
            constants=constants,
            merge_accents=data.get("merge_accents", False),
            skip_bad_rows=data.get("skip_bad_rows", False),
            coordinates=data.get("coordinates") or CoordinateConflict.STOP,
            create_local_governments=data.get("create_local_governments", False),
        )
