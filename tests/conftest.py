import pytest

from tests.factories import make_organisation, make_user, make_editor


@pytest.fixture
def coordinator(db):
    return make_user("koordinator@kommune.example", staff=True)


@pytest.fixture
def owner_org(db):
    return make_organisation("Nordlys Energi ApS", cvr="12345674")


@pytest.fixture
def other_org(db):
    return make_organisation("Vestkyst Bageri", cvr="11111114", town="Løkken", sector="food")


@pytest.fixture
def owner(owner_org):
    """A partner editor of owner_org."""
    return make_editor(owner_org, "ejer@nordlys.example")


@pytest.fixture
def outsider(other_org):
    """A partner editor of another organisation."""
    return make_editor(other_org, "redaktoer@vestkyst.example")


@pytest.fixture(autouse=True)
def danish_by_default():
    """Each test starts in Danish: a request to /en/ must not leak English into the next test."""
    from django.utils import translation

    translation.activate("da")
    yield
    translation.activate("da")
