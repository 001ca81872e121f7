"""The API's lists of delegation members and exchange participants are in the order of
their records: delegation by delegation (programme by programme) as they were recorded,
each head first then by name. Moving a delegation's dates does not move its members
between pages, so a client paging through them sees each once."""

import datetime as dt

from tests import factories as f


def names(client, url):
    return [row["full_name"] for row in client.get(url).json()["results"]]


def test_members_come_delegation_by_delegation_head_first_and_stay_put(db, api_client_for):
    first = f.DelegationFactory(starts_on=dt.date(2024, 5, 1), ends_on=dt.date(2024, 5, 2))
    second = f.DelegationFactory(starts_on=dt.date(2025, 5, 1), ends_on=dt.date(2025, 5, 2))
    f.DelegationMemberFactory(delegation=second, full_name="Zoé Martin", is_head=True)
    f.DelegationMemberFactory(delegation=first, full_name="Bruno Petit")
    f.DelegationMemberFactory(delegation=first, full_name="Anna Roux")
    f.DelegationMemberFactory(delegation=first, full_name="Yves Mayor", is_head=True)
    client = api_client_for("viewer")
    expected = ["Yves Mayor", "Anna Roux", "Bruno Petit", "Zoé Martin"]
    assert names(client, "/api/v1/delegation-members/") == expected

    first.starts_on, first.ends_on = dt.date(2026, 1, 5), dt.date(2026, 1, 6)
    first.save()
    assert names(client, "/api/v1/delegation-members/") == expected
    # A client's own order still applies.
    assert names(client, "/api/v1/delegation-members/?ordering=full_name")[0] == "Anna Roux"


def test_participants_come_programme_by_programme_then_by_name(db, api_client_for):
    first, second = f.ExchangeProgramFactory(), f.ExchangeProgramFactory()
    f.ParticipantFactory(program=second, full_name="Alice Blanc")
    f.ParticipantFactory(program=first, full_name="Marc Noir")
    f.ParticipantFactory(program=first, full_name="Léa Vert")
    client = api_client_for("viewer")
    assert names(client, "/api/v1/participants/") == ["Léa Vert", "Marc Noir", "Alice Blanc"]
