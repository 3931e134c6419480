import pytest

from tests.factories import CollectivityFactory

from .factories import make_project, partner, search_documents_once
from .registry_fixtures import registry_db  # noqa: F401 (a fixture for every Atlas test module)


@pytest.fixture
def atlas(reference):
    """A small Atlas: Lille–Saint-Louis (Sénégal, eau, AFD), Nancy–Kiryat Shmona (Israël), a draft."""
    from atlas.models import Country, Department

    france = Country.objects.get(iso2="FR")
    nord = Department.objects.get(code="59")
    lille = CollectivityFactory(name="Lille", country=france, department=nord, latitude=50.63, longitude=3.06)
    nancy = CollectivityFactory(name="Nancy", country=france, department=Department.objects.get(code="54"),
                                latitude=48.69, longitude=6.18)
    saint_louis = partner("Saint-Louis", "SN", latitude=16.02, longitude=-16.49)
    kiryat = partner("Kiryat Shmona", "IL", latitude=33.2, longitude=35.57)
    with search_documents_once():
        water = make_project([lille], [saint_louis], themes=["eau-et-assainissement"],
                             funding=[("afd", 2020, 15000)], title="Coopération pour l'eau potable à Saint-Louis",
                             kind="cooperation",
                             description="Accès à l'eau et assainissement des quartiers.",
                             contacts=[("Claire Martin", "claire.martin@lille.test")], dac_code="14030",
                             start_year=2015, end_year=2022, status="termine")
        research = make_project([nancy], [kiryat], themes=["education-et-jeunesse"],
                                title="Jumelage Nancy Kiryat Shmona", kind="jumelage",
                                description="Recherche universitaire et sport.", start_year=1984)
        draft = make_project([lille], [kiryat], title="Projet secret de coopération", is_published=False)
    return {"lille": lille, "nancy": nancy, "saint_louis": saint_louis, "kiryat": kiryat, "water": water,
            "research": research, "draft": draft}

