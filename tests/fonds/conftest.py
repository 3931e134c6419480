import pytest


@pytest.fixture
def eapd_reference(reference):
    """Real geography plus the DAC list of ODA recipients, DAC sectors and published figures."""
    from fonds.reference import load_eapd_reference

    load_eapd_reference()
