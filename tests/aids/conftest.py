import pytest


@pytest.fixture
def catalogue(territory):
    """The aids catalogue's reference content, as load_portal_data loads it."""
    from aids.catalogue import load_catalogue

    load_catalogue()
