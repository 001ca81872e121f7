"""The full archive: export every record, restore into an empty portal, nothing lost."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest
from django.core.management import call_command
from django.db import models

from tests import factories as f
from transfers.archive import ArchiveError, archive_models, restore_archive

pytestmark = pytest.mark.django_db


def build_data_set() -> None:
    """One of every model of the domain, with many-to-many links and uploaded files."""
    lyon = f.LocalGovernmentFactory(name="Ville de Lyon", is_default=True)
    metropolis = f.LocalGovernmentFactory(name="Métropole de Lyon", is_default=False)
    university = f.OrganisationFactory(name="Université Lumière")
    association = f.OrganisationFactory(
        name="Association des Sénégalais", kind="diaspora_association"
    )
    officer = f.UserFactory(username="officer", role="editor")
    f.PartnerUserFactory(username="partner-member", organisation=university)
    partnership = f.PartnershipFactory(local_government=lyon, officer=officer)
    partnership.themes.set(f.theme(code) for code in ("culture", "economy"))
    partnership.co_partners.set([university])
    partnership.co_holders.set([metropolis])
    f.PartnershipDocumentFactory(partnership=partnership)
    f.ContactFactory(organisation=university)
    membership = f.NetworkMembershipFactory(local_government=lyon)
    project = f.CooperationProjectFactory(local_government=lyon, partnership=partnership)
    project.themes.set([f.theme("water")])
    project.partners.set([association])
    f.BudgetLineFactory(project=project)
    delegation = f.DelegationFactory(local_government=lyon, partnership=partnership)
    delegation.themes.set([f.theme("health")])
    f.DelegationMemberFactory(delegation=delegation, organisation=university, is_head=True)
    f.ProgrammeItemFactory(delegation=delegation, host=university)
    f.DelegationCostFactory(delegation=delegation)
    f.FollowUpActionFactory(delegation=delegation, owner=officer)
    consulate = f.ConsulateFactory(country="SN")
    group = f.DiasporaGroupFactory(local_government=lyon, origin_country="SN")
    group.associations.set([association])
    group.consulates.set([consulate])
    group.partnerships.set([partnership])
    program = f.ExchangeProgramFactory(local_government=lyon, partnership=partnership)
    program.host_organisations.set([university])
    application = f.ApplicationFactory(program=program, organisation=university)
    f.ApplicationDocumentFactory(application=application)
    f.ParticipantFactory(program=program, application=application, organisation=university)
    f.ReportRunFactory(local_government=lyon, figures={"partnerships": 1})
    f.ReportHighlightFactory()
    proposal = f.ProposalFactory(organisation=university)
    proposal.themes.set([f.theme("youth")])
    assert membership.pk


def fingerprint(obj: models.Model, cache: dict) -> str:
    """A record by its content, relations by their targets' content: ids do not matter."""
    key = (type(obj), obj.pk)
    if key in cache:
        return cache[key]
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key:
            continue
        if field.is_relation:
            target = getattr(obj, field.name)
            data[field.name] = fingerprint(target, cache) if target is not None else None
        else:
            value = field.value_from_object(obj)
            if isinstance(field, models.FileField):
                value = value.name
            data[field.name] = str(value)
    for field in obj._meta.many_to_many:
        if field.related_model in set(archive_models()):
            data[field.name] = sorted(fingerprint(t, cache) for t in getattr(obj, field.name).all())
    cache[key] = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return cache[key]


def snapshot() -> dict[str, list[str]]:
    cache: dict = {}
    return {
        model._meta.label_lower: sorted(
            fingerprint(obj, cache) for obj in model._default_manager.all()
        )
        for model in archive_models()
    }


def flush_domain() -> None:
    for model in reversed(archive_models()):
        if model._meta.label_lower != "partnerships.theme":
            for through in {m2m.remote_field.through for m2m in model._meta.many_to_many}:
                through.objects.all().delete()
    for model in reversed(archive_models()):
        if model._meta.label_lower != "partnerships.theme":
            model._default_manager.all().delete()


def test_export_then_restore_into_an_empty_portal_loses_nothing(tmp_path, settings):
    build_data_set()
    before = snapshot()
    assert all(before[m._meta.label_lower] for m in archive_models()), "every model has a record"
    path = tmp_path / "archive.zip"
    call_command("export_archive", str(path))

    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["version"] == 1
        assert manifest["counts"]["partnerships.partnership"] == 1
        assert {
            "data/partnerships.partnership.csv",
            "links/partnerships.partnership.themes.csv",
        } <= set(archive.namelist())
        assert len(manifest["media"]) == 2

    flush_domain()
    settings.MEDIA_ROOT = tmp_path / "other-media"
    assert not any(
        snapshot()[m._meta.label_lower]
        for m in archive_models()
        if m._meta.label_lower != "partnerships.theme"
    )

    call_command("import_archive", str(path))
    assert snapshot() == before
    with pytest.raises(ArchiveError, match="Le portail contient déjà des données"):
        restore_archive(str(path))


def test_a_file_that_is_not_an_archive_is_refused():
    with pytest.raises(ArchiveError):
        restore_archive(io.BytesIO(b"not a zip"))
