"""Nothing invented is shown as fact: the site-wide demo notice, demo wording, internal names kept off public
pages, and the facts of the seeds (shared/seeds) present as they write them."""

import datetime
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from cuf_portal.demo_content import forget
from tests.conftest import assert_accessible

# The real documents live in shared/seeds beside the checkout (CI lays a copy there); CUF_SEEDS_DIR
# names another place.
SEEDS = Path(os.environ.get("CUF_SEEDS_DIR") or Path(settings.BASE_DIR).parent / "shared" / "seeds")
NOTICE = "Portail de démonstration."


def seed(number):
    """The text of seed `number` (000…004), whitespace collapsed as HTML shows it."""
    path = next(SEEDS.glob(f"{number:03d}_*.txt"), None)
    if path is None:
        pytest.fail(f"Document source {number:03d} introuvable dans {SEEDS} : les tests lisent shared/seeds à côté du "
                    "dépôt (ou CUF_SEEDS_DIR).")
    return re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))


def text_of(response):
    """The page's visible text, tags dropped and whitespace (and &nbsp;) collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html)
    text = text.replace("&#x27;", "'").replace("&#39;", "'").replace("&quot;", '"').replace("&amp;", "&")
    return re.sub(r"[\s\u00a0\u202f]+", " ", text.replace("&nbsp;", " "))


@pytest.fixture
def fresh_notice():
    forget()
    yield
    forget()


def test_notice_shows_only_once_demo_content_exists(client, reference, fresh_notice):
    from atlas.models import BourseRequest, Collectivity, Country

    assert NOTICE not in client.get("/").content.decode()
    authority = Collectivity.objects.create(name="Abalak", slug="abalak", kind="municipalite",
                                            country=Country.objects.get(iso2="NE"))
    BourseRequest.objects.create(authority=authority, title="Demande d'exemple", slug="demande-d-exemple",
                                 description="Exemple.", date=datetime.date(2024, 1, 15),
                                 embassy_contact="Ambassade", is_demo=True)
    forget()  # what load_demo does after loading
    html = client.get("/atlas/").content.decode()
    assert html.count(NOTICE) == 1
    assert 'href="/donnees-de-demonstration/"' in html
    explanation = text_of(client.get("/donnees-de-demonstration/"))
    assert "Inventé pour la démonstration" in explanation and "Tiré des documents" in explanation
    assert "Bourse-projets 1" in explanation  # the count of flagged rows, per type


def test_demo_declaration_says_example_never_validated_or_up_to_date(client, reference, fresh_notice):
    from atlas.models import Collectivity, Country
    from fonds import services
    from fonds.models import Declaration, DeclarationLine
    from fonds.reference import load_eapd_reference

    load_eapd_reference()
    france = Country.objects.get(iso2="FR")
    nantes = Collectivity.objects.create(name="Nantes Métropole", slug="nantes-metropole", kind="epci", country=france)
    nimes = Collectivity.objects.create(name="Nîmes Métropole", slug="nimes-metropole", kind="epci", country=france)
    today = timezone.localdate()
    campaign = services.create_campaign(today.year - 1, opens_on=today - datetime.timedelta(days=60),
                                        closes_on=today - datetime.timedelta(days=1))
    for collectivity, is_demo in ((nantes, True), (nimes, False)):
        declaration = Declaration.objects.create(collectivity=collectivity, campaign=campaign, is_demo=is_demo,
                                                 state="validated", attested=True, declarant_name="X")
        DeclarationLine.objects.create(declaration=declaration, country=Country.objects.get(iso2="SN"),
                                       category="cooperation", sector_id="14030", amount=Decimal("215000"),
                                       label="Coopération")
    demo_page = text_of(client.get("/atlas/collectivites/nantes-metropole/"))
    assert "Exemple de démonstration" in demo_page
    assert "Déclaration à jour" not in demo_page and "déclarée et validée" not in demo_page
    assert "exemples de démonstration" in demo_page
    real_page = text_of(client.get("/atlas/collectivites/nimes-metropole/"))
    assert "Déclaration à jour" in real_page and "Exemple de démonstration" not in real_page
    stats = text_of(client.get("/fonds/e-apd/statistiques/"))
    assert "déclarés (dont exemples de démonstration)" in stats and "déclarés et validés" not in stats


PUBLIC_PAGES = ["/", "/atlas/", "/atlas/monde/", "/atlas/statistiques/", "/atlas/bourse/", "/atlas/pays/senegal/",
                "/rencontres/", "/rencontres/editions/", "/rencontres/intervenants/", "/groupes/", "/groupes/agenda/",
                "/groupes/actualites/", "/fonds/", "/fonds/registre/", "/fonds/e-apd/", "/fonds/e-apd/statistiques/",
                "/donnees-de-demonstration/", "/atlas/collectivites/nantes-metropole/",
                "/atlas/collectivites/nimes-metropole/"]


def test_demo_portal_crawl_shows_no_internal_names_and_says_demonstration(client, demo):
    from atlas.models import BourseRequest, Project
    from events.models import Edition

    generated = list(Project.objects.filter(is_generated=True, is_published=True).order_by("pk")[:5])
    urls = PUBLIC_PAGES + [p.get_absolute_url() for p in generated]
    urls += [f"/atlas/bourse/{b.slug}/" for b in BourseRequest.objects.all()]
    upcoming = Edition.objects.get(is_demo=True)
    urls += [upcoming.get_absolute_url(), f"/rencontres/{upcoming.slug}/programme/",
             upcoming.sessions.order_by("number").first().get_absolute_url()]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for internal in ("seed_atlas", "Jeu de données généré", "jeu d'essai"):
            assert internal not in html, (url, internal)
        assert html.count(NOTICE) == 1, url
    assert "Fiche d'exemple" in text_of(client.get(generated[0].get_absolute_url()))
    for request in BourseRequest.objects.all():
        assert request.is_demo
        assert "Exemple de démonstration" in text_of(client.get(f"/atlas/bourse/{request.slug}/"))
    assert "Édition de démonstration" in text_of(client.get(upcoming.get_absolute_url()))
    home = text_of(client.get("/"))
    assert "Exemple de démonstration :" in home  # the funds' amounts
    assert "Déclaration à jour" not in text_of(client.get("/atlas/collectivites/nantes-metropole/"))


def test_published_figures_are_the_seeds_with_their_source_apart_from_portal_counts(client, demo):
    brochure = seed(3)
    for figure in ("13 000", "4 800", "10 000", "144", "120 PROJETS", "95 COLLECTIVITÉS", "34 PAYS"):
        assert figure in brochure
    home = text_of(client.get("/"))
    assert "Chiffres publiés par l'État" in home and "Le portail recense" in home
    for figure in ("environ 13 000 projets", "4 800 collectivités françaises", "plus de 10 000 collectivités",
                   "144 pays"):
        assert figure in home
    assert "CNCD" in home  # the source
    bourse = text_of(client.get("/atlas/bourse/"))
    notice = "L'inscription de projets dans la Bourse-projets n'implique pas de financement du ministère des " \
             "Affaires étrangères."
    assert notice in brochure and notice in bourse
    assert "120 projets en demande de coopération" in bourse and "95 collectivités locales étrangères" in bourse
    assert "Le portail recense 3 demandes" in bourse
    asia = text_of(client.get("/atlas/monde/asie/"))
    for amount in ("7 804 600", "7 347 923", "6 892 949", "4 757 119"):
        assert amount in brochure and amount in asia
    world = text_of(client.get("/atlas/monde/"))
    assert "70 000 000" in world and "trois quarts" in world


def test_seed_partnerships_are_real_fiches_quoting_the_seed(client, demo):
    from atlas.models import Project

    raict = seed(2)
    expected = {
        "Coopération Strasbourg – Douala (Cameroun)": "Rappel des partenariats entre la ville de Strasbourg et la "
        "ville de Douala au Cameroun, et entre l'Aude et la région des Hauts-Bassins.",
        "Coopération Département de l'Aude – région des Hauts-Bassins (Burkina Faso)": "entre l'Aude et la région "
        "des Hauts-Bassins",
        "Le SDE 22 à Madagascar : accès à l'énergie": "Actuellement, le Syndicat est particulièrement actif avec "
        "Madagascar et en Afrique plus généralement.",
        "Tremblay-en-France et le Burkina Faso : le rugby féminin": "il a indiqué avoir engagé un projet avec le "
        "Burkina Faso en vue d'y développer le rugby féminin, notamment en passant par des actions dans les écoles.",
        "Coopération Houdan – Bailar (Sénégal)": "une coopération conduite entre la ville de Bailar (Sénégal) et sa "
        "ville de Houdan (Yvelines).",
        "Jumelage Cannes – Shizuoka (Japon)": "notamment avec la ville de Cannes, avec qui elle est jumelée depuis "
        "1991.",
    }
    for title, sentence in expected.items():
        assert sentence in raict, sentence
        project = Project.objects.get(title=title)
        assert not project.is_generated and project.last_update is None
        assert "RAICT" in project.update_source
        page = text_of(client.get(project.get_absolute_url()))
        assert sentence in page, title
        assert "Fiche d'exemple" not in page
    strasbourg = Project.objects.get(title__startswith="Coopération Strasbourg")
    names = set(strasbourg.participations.values_list("collectivity__name", flat=True))
    assert names == {"Strasbourg", "Douala"}


def test_rencontres_speakers_and_dates_as_seeds_000_and_002_write_them(client, demo):
    letter = seed(0)
    for quote in ("Madame Anne Hidalgo, Maire de Paris", "Bertrand Gallet, ancien directeur général de Cités Unies "
                  "France", "Edgardo Bislky, Chargé de mission à CGLU", "le lundi 9 octobre 2017"):
        assert quote in letter
    edition_speakers = text_of(client.get("/rencontres/2017-paris/intervenants/"))
    assert "Anne Hidalgo" in edition_speakers and "Maire de Paris" in edition_speakers
    assert "Edgardo Bislky" in edition_speakers and "Chargé de mission à CGLU" in edition_speakers
    # The seed gives Bertrand Gallet no session: his "mot" is on the edition page, under his function as written.
    edition = text_of(client.get("/rencontres/2017-paris/"))
    assert "Le mot de Bertrand Gallet, ancien directeur général de Cités Unies France" in edition
    from events.models import Person

    assert Person.objects.get(slug="bertrand-gallet").function == "Ancien directeur général de Cités Unies France"
    opening = text_of(client.get("/rencontres/2017-paris/sessions/0/"))
    assert "nous fera l’honneur d’ouvrir les Rencontres le lundi 9 octobre 2017" in opening
    assert "Lundi 9 octobre 2017" in opening and "« le lundi 9 octobre 2017 »" in opening
    # Seed 002: each session's heading "N - title" is followed by its date line, e.g. "Mardi 18 septembre 2023
    # (14h30-16h00)" for session 3 (a Monday): the session page shows that line as written.
    raw = next(SEEDS.glob("002_*.txt")).read_text(encoding="utf-8")
    written = dict(re.findall(r"^(\d+) [-–] .+\n\n((?:Lundi|Mardi) \d+ septembre 2023 \([^)]+\))$", raw, re.M))
    assert len(written) == 14 and written["3"] == "Mardi 18 septembre 2023 (14h30-16h00)"
    for number, line in written.items():
        assert f"« {line} »" in text_of(client.get(f"/rencontres/2023-paris/sessions/{number}/")), number


def test_truncated_seed_texts_end_as_the_seed_does_without_additions(client, demo):
    from fonds.models import CommitteeMeeting, Fund, ProgressUpdate
    from groupes_pays.models import NewsItem

    groups_page = seed(1)
    ukraine = "ainsi que l’accueil d’une délégation de (...)"
    assert ukraine in groups_page
    assert ukraine in CommitteeMeeting.objects.get(fund__slug="fonds-ukraine").summary
    assert "collectivités ukrainiennes" not in Fund.objects.get(slug="fonds-ukraine").description
    haiti = ProgressUpdate.objects.get(fund__slug="fonds-haiti").body
    assert "14 août 2021" not in haiti and haiti.endswith("qui a frappé le Sud (...)")
    assert "qui a frappé le Sud (...)" in groups_page
    news = NewsItem.objects.get(title__startswith="Le deuxième rendez-vous de la Diplomatie")
    assert news.body.endswith("présidé par Clare Hart, Vice-Présidente de (...)")
    turquie = ProgressUpdate.objects.get(fund__slug="fonds-turquie").body
    assert "point d'étape" not in turquie and turquie.endswith("Régions de France, (...)")


@pytest.mark.browser
def test_demo_notice_is_accessible_and_links_to_the_explanation(page, demo):
    page.goto("/")
    notice = page.get_by_role("note")
    assert NOTICE in notice.inner_text()
    assert_accessible(page, context=".demo-notice")
    notice.get_by_role("link", name="Ce qui est inventé, ce qui vient des documents").click()
    page.wait_for_url("**/donnees-de-demonstration/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Données de démonstration")
    assert_accessible(page)
