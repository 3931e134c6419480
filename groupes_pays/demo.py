"""Demo content of the groups, from the source documents (shared/seeds 000–004), as written.

Idempotent: every row is written with update_or_create on its natural key. Requires the
Atlas reference geography (atlas.demo runs first). Where a seed gives a month but no day
(e.g. "janvier 2026"), the first day of the month is used; where a news item has no date,
it takes the date of the item listed next to it on the seed page.
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils.text import slugify

from atlas.models import Collectivity, Country, Department

from .models import Group, GroupMembership, Meeting, NewsItem, Partner, TimelineEntry, Visibility

PARIS = ZoneInfo("Europe/Paris")

# (slug, name, kind, département code, latitude, longitude)
COLLECTIVITIES = [
    ("montpellier-mediterranee-metropole", "Montpellier Méditerranée Métropole", Collectivity.Kind.EPCI, "34",
     43.6108, 3.8767),
    ("aix-en-provence", "Aix-en-Provence", Collectivity.Kind.COMMUNE, "13", 43.5297, 5.4474),
    ("departement-de-la-loire-atlantique", "Département de la Loire-Atlantique", Collectivity.Kind.DEPARTEMENT, "44",
     47.2184, -1.5536),
    ("saint-priest", "Saint-Priest", Collectivity.Kind.COMMUNE, "69", 45.6956, 4.9440),
    ("chartres", "Chartres", Collectivity.Kind.COMMUNE, "28", 48.4469, 1.4890),
    ("rennes", "Rennes", Collectivity.Kind.COMMUNE, "35", 48.1173, -1.6778),
    ("bordeaux", "Bordeaux", Collectivity.Kind.COMMUNE, "33", 44.8378, -0.5792),
]

CRISES = {
    "slug": "crises-et-rehabilitation",
    "name": "Crises et réhabilitation",
    "kind": Group.Kind.THEMATIC,
    "created_year": 2012,
    "summary": "Le rôle et l'action des collectivités territoriales face aux crises, aux catastrophes naturelles, "
               "aux conflits et dans la réhabilitation.",
    "creation_text": (
        "L’expression de la solidarité internationale avec des villes ou autres collectivités et peuples en grande "
        "détresse, est une dimension à part entière de l’action internationale des collectivités territoriales "
        "françaises. Or, quel rôle les collectivités territoriales peuvent jouer dans le cadre de leurs coopérations ? "
        "Quelques principes ont déjà été adoptés ? Les actions de solidarité et de reconstruction passent, dans la "
        "mesure du possible, par des partenariats de coopération décentralisée existants. Les groupes-pays et les "
        "fonds de solidarité créés par Cités Unies France y jouent un rôle stratégique.\n\n"
        "Deux pistes importantes sont en cours de réflexion : d’abord comment approfondir et renforcer la notion de "
        "prévention dans le cadre des partenariats existants et comment réagir ensemble face à une catastrophe ? Un "
        "autre constat paraît important : les efforts de reconstruction sont indissociables des efforts de "
        "développement, la manière de reconstruire, les méthodes de travail, les choix effectués, sont autant "
        "d’éléments essentiels du développement du pays.\n\n"
        "La « résilience » conditionne les choix de développement et les collectivités locales y jouent un rôle clé. "
        "Pour réfléchir à toutes ces questions et concevoir l’action des collectivités dans la situation de crise, "
        "Cités Unies France a créé, en 2012, un groupe de travail présidé par Jean-Philippe Magnen, vice–président du "
        "Conseil régional Pays de la Loire, conseiller municipal à Nantes."),
    "missions_text": (
        "L’objectif de cette dynamique est la réflexion sur l’intervention des collectivités face à des situations "
        "des crises, de catastrophes naturelles, à des conflits internes et externes ou sur la réhabilitation. Le "
        "groupe a également pour vocation d’accompagner les collectivités territoriales dans des actions mutualisées "
        "d’aide et de secours, en partenariats avec les collectivités territoriales sinistrées. La question, enfin, "
        "du rôle des pouvoirs locaux dans le processus de réconciliation d’après conflit mérite d’être approfondie.\n\n"
        "Au cours des années, cette dynamique thématique a pu travailler au niveau européen et international, autour "
        "du rôle et de l’action des collectivités territoriales dans les situations de crise et urgence. L’objectif "
        "fixé pour la réunion de travail est d’examiner les atouts, les limites et les leviers d‘action des "
        "gouvernements locaux et régionaux dans les Etats fragiles.\n"
        "Dans les pays confrontés à de graves difficultés d’ordre intérieur comme extérieur, et dont les Etats sont "
        "défaillants, ce qui est hélas de plus en plus courant, les collectivités territoriales sont les dernières "
        "institutions capables d’offrir les services publics de base."),
    "perspectives_text": (
        "Suivi de l’accompagnement des collectivités territoriales et des groupe-pays de Cités Unies France "
        "actuellement actives dans des projets d’aide ;\n\n"
        "Ouverture et suivi d’un fonds d’urgence pour apporter un aide dans la phase de réhabilitation des villes et "
        "des services publics détruits."),
    "president_name": "Clare Hart",
    "president_title": "Présidente de la dynamique thématique",
    "president_function": "Vice-présidente déléguée au Rayonnement international et Coopération européenne",
    "president": "montpellier-mediterranee-metropole",
    "referent_name": "Simone Giovetti",
}

CRISES_TIMELINE = [
    (date(2011, 1, 26), "26 janvier 2011",
     "Participation à la conférence « La ville face aux crises », organisée par le groupe Urgence Réhabilitation "
     "Développement (URD), en partenariat avec la ville de Paris, le 26 janvier 2011"),
    (date(2011, 5, 8), "du 8 au 13 mai 2011",
     "Participation à la 3ème session de la plateforme mondiale pour la réduction des risques de catastrophe, du 8 au "
     "13 mai 2011, à Genève"),
    (None, "Chaque année",
     "Organisation de conférences sur ce thème à l’occasion du Forum de l’action internationale des collectivités, "
     "organisé tous les ans par CUF, à Paris"),
    (date(2013, 2, 13), "13 février 2013",
     "Participation à la conférence « Les collectivités ivoiriennes et la construction de la paix », co-organisée par "
     "Cités Unies France, l’Agence Française de Développement et l’Institut français, le 13 février 2013, à Abidjan"),
    (None, "",
     "Dialogue avec les représentants de la société civile et des autorités locales sur les aspects de crise et de "
     "fragilité, au sein de la Commission européenne"),
    (date(2013, 3, 1), "mars 2013",
     "Organisation, en mars 2013, d’une table ronde dans le cadre du Forum de Platforma « Contexte européen en "
     "mutation : soutenir le développement durable à travers les gouvernements locaux et régionaux »"),
    (date(2013, 10, 1), "octobre 2013",
     "Organisation d’un side event intitulé « Les collectivités territoriales et la sortie de crise », en partenariat "
     "avec l’AFD, lors du congrès mondial de CGLU, à Rabat, en octobre 2013"),
    (date(2014, 1, 1), "2014",
     "Participation à la Conférence nationale Humanitaire 2014 et intervention dans le cadre de la table ronde "
     "« Les acteurs humanitaires : vers une recomposition du paysage ? »"),
]

# Groupes-pays: (slug, name, ISO2, president, president's function, president's collectivity slug)
COUNTRY_GROUPS = [
    ("japon", "Groupe-pays Japon", "JP", "Karima Zerkani-Raynal",
     "Adjointe au Maire de la ville d'Aix-en-Provence déléguée aux Relations Internationales, Présidente du Comité de "
     "pilotage français", "aix-en-provence"),
    ("palestine", "Groupe-pays Palestine", "PS", "Fanny Sallé",
     "Conseillère chargée des solidarités internationales au Conseil départemental de la Loire-Atlantique, "
     "Présidente du RCDP", "departement-de-la-loire-atlantique"),
    ("israel", "Groupe-pays Israël", "IL", "Alain Berlioz-Curlet",
     "Adjoint aux finances de la ville de Saint-Priest, ancien conseiller régional Auvergne-Rhône-Alpes",
     "saint-priest"),
    ("argentine", "Groupe-pays Argentine", "AR", "Patrick Géroudet", "Adjoint au Maire de Chartres", "chartres"),
    ("senegal", "Groupe-pays Sénégal", "SN", "", "", None),
    ("liban", "Groupe-pays Liban", "LB", "", "", None),
    ("madagascar", "Groupe-pays Madagascar", "MG", "", "", None),
    ("vietnam", "Groupe-pays Vietnam", "VN", "", "", None),
    ("maroc", "Groupe-pays Maroc", "MA", "", "", None),
]

OTHER_GROUPS = [
    {"slug": "jeunesses-et-ecsi", "name": "Jeunesses et ECSI", "kind": Group.Kind.THEMATIC,
     "summary": "Éducation à la citoyenneté et à la solidarité internationale (ECSI) et jeunesses.",
     "president_name": "Flavie Boukhenoufa", "president_title": "Présidente du groupe thématique",
     "president_function": "Adjointe au Maire de Rennes", "president": "rennes"},
    {"slug": "dynamique-amerique-latine-et-caraibes", "name": "Dynamique Amérique latine et Caraïbes",
     "kind": Group.Kind.REGIONAL, "zone": "Amérique latine et Caraïbes",
     "summary": "L'Amérique du Sud est un territoire vaste et divers, qui constitue un véritable laboratoire des "
                "politiques publiques et des coopérations décentralisées.",
     "president_name": "Cécile Papin", "president_title": "Présidente de la Dynamique Amérique Latine et Caraïbes",
     "president_function": "Adjointe à la maire de Bordeaux", "president": "bordeaux"},
    # Seed 002 (session 10 of the 2023 Rencontres) names the group's meeting, who chaired that meeting and CUF's
    # "référente Genre" who ran it, but no president of the group: none is set.
    {"slug": "droits-des-femmes", "name": "Droits des femmes", "kind": Group.Kind.THEMATIC,
     "summary": "Les collectivités territoriales face aux reculs et avancées des droits des femmes dans le monde.",
     "referent_name": "Constance Koukouni, cheffe du service Animation géographique et thématique, référente Genre",
     "president": None},
]

CHRONIQUES = ("Ces réunions sont réservées aux collectivités adhérentes de Cités Unies France.")
RENCONTRES_2023 = "Paris — 14es Rencontres de l'action internationale des collectivités territoriales"


def _at(year, month, day, hour=None, minute=0):
    return datetime.combine(date(year, month, day), time(hour or 0, minute), tzinfo=PARIS)


# (title, group slug, start, end, has_time, place, online, visibility, summary, agenda, minutes)
MEETINGS = [
    ("Réunion du groupe-pays Israël", "israel", _at(2023, 9, 18, 14, 30), _at(2023, 9, 18, 16), True,
     RENCONTRES_2023, False, Visibility.PUBLIC,
     "Les assises de la coopération décentralisée France-Israël devraient être organisées en 2024. Cette réunion du "
     "groupe pays France-Israël s'est concentrée sur l'organisation de ces assises, ainsi que sur le contexte "
     "politique national et régional. Elle est intervenue avant l'attaque du 7 octobre 2023 par le Hamas sur le "
     "territoire israélien.", "",
     "Mohammed El Ghazili (conseiller délégué à la ville de Nancy) a présenté le partenariat historique entre la "
     "ville de Nancy et la ville de Kiryat Shmona, en Israël. Ce partenariat, débuté en 1984, s'articule autour de "
     "plusieurs thématiques : la recherche universitaire (coopération entre le centre de recherche agronomique de "
     "Kiryat Shmona et l'institut Jean Lamour de Nancy), le sport (projet UrbanLoop) ou encore la jeunesse.\n\n"
     "Malgré leur intensité, ces mouvements sociaux, et le contexte politique général, ne seraient pas de nature à "
     "remettre en cause les partenariats entre collectivités territoriales françaises et israéliennes."),
    ("Réunion de la Dynamique Amérique latine et Caraïbes", "dynamique-amerique-latine-et-caraibes",
     _at(2023, 9, 18, 16, 30), _at(2023, 9, 18, 18), True, RENCONTRES_2023, False, Visibility.PUBLIC,
     "L'Amérique du Sud est un territoire vaste et divers, qui constitue un véritable laboratoire des politiques "
     "publiques et des coopérations décentralisées.", "",
     "Il existe de nombreux défis communs à la France et aux pays d'Amérique latine, et de plus en plus de "
     "collectivités françaises développent des partenariats dans la région.\n\n"
     "Aujourd'hui, un tiers des projets de coopération décentralisée de l'Argentine se font avec des collectivités "
     "françaises. Ces dernières s'engagent aussi dans la réponse aux appels à projet du MEAE, qui ont permis de "
     "soutenir 55 projets dans des thématiques diverses. Les 4èmes Rencontres franco-argentines pourraient se tenir "
     "en 2024."),
    ("Réunion du groupe-pays Palestine", "palestine", _at(2023, 9, 18, 16, 30), _at(2023, 9, 18, 18), True,
     RENCONTRES_2023, False, Visibility.PUBLIC,
     "Bien que l'horizon d'une solution politique à deux États semble aujourd'hui difficilement atteignable, la "
     "coopération décentralisée apparaît comme un levier indispensable pour accompagner le développement et la "
     "démocratisation des territoires palestiniens.", "",
     "CUF enregistre l'implication active de 70 à 80 collectivités territoriales avec la Palestine. Le Réseau de "
     "coopération décentralisée pour la Palestine (RCDP) accompagne les petites collectivités désireuses de "
     "s'investir dans la région en leur fournissant une aide technique."),
    ("Réunion du groupe-pays Japon", "japon", _at(2023, 9, 18, 16, 30), _at(2023, 9, 18, 18), True,
     RENCONTRES_2023, False, Visibility.PUBLIC,
     "La réunion du groupe pays était l'occasion de faire le point sur l'état d'avancement des coopérations "
     "décentralisées entre la France et le Japon, et de préparer les Rencontres franco-japonaises du 18 au 21 "
     "novembre 2024.", "",
     "Cette réunion était présidée par Madame Karima Zerkani-Raynal, Adjointe au Maire de la ville "
     "d'Aix-en-Provence, déléguée aux Relations Internationales, Présidente du Comité de pilotage français et "
     "Présidente du groupe-pays Japon de Cités Unies France. Elle s'est félicitée du succès des 7e Rencontres "
     "franco-japonaises qui ont eu lieu en octobre 2022 à Aix-en-Provence. Les 8e rencontres seront organisées du 18 "
     "au 21 novembre 2024, à Shizuoka.\n\n"
     "Pour finir, Madame Zerkani-Raynal a présenté les thématiques des ateliers qui seraient organisés dans le cadre "
     "de la rencontre :\n"
     "- économie : attractivité territoriale et gestion durable dans une société responsable ;\n"
     "- société : société inclusive, collaborative et solidaire ;\n"
     "- environnement : meilleure qualité de vie et neutralité carbone.\n\n"
     "Les prochaines réunions du groupe pays devront permettre d'affiner ces thématiques."),
    ("Réunion du groupe thématique « Les collectivités territoriales face aux reculs et avancées des droits des "
     "femmes dans le monde »", "droits-des-femmes", _at(2023, 9, 19, 11, 30), _at(2023, 9, 19, 13), True,
     RENCONTRES_2023, False, Visibility.PUBLIC,
     "Les avancées dans le domaine des droits des femmes s'accompagnent de régressions dans le monde. C'est pourquoi "
     "il est crucial que des « coalitions internationales » pour le droit des femmes se forment, tant entre États "
     "qu'entre collectivités territoriales.",
     "", "Participants de la réunion :\n"
     "Présidence : Mme Élise Pereira-Nunes, adjointe au maire délégué à l'égalité des genres et aux Relations "
     "Internationales, Ville de Tours.\n"
     "Animation : Mme Constance Koukouni, Cheffe du service Animation géographique et thématique à CUF, référente "
     "Genre ; M. Thomas Lanvin, Chargé de mission Arménie & Méditerranée, CUF.\n"
     "Interventions : Mme Louise Burdloff, Sous-directrice adjointe du développement humain, Ministère de l'Europe et "
     "des Affaires étrangères ; Mme Déborah Rouach, Co-fondatrice et directrice du département recherche, Institut du "
     "Genre en Géopolitique ; Mme Pascale Labbé, 2e Vice-Présidente du Département de la Seine-Saint-Denis, en charge "
     "de l'Observatoire départemental des violences envers les femmes et de l'égalité femmes-hommes.\n\n"
     "Le contexte international est marqué par des reculs dans la défense des droits des femmes, notamment en Iran, "
     "en Afghanistan et aux États-Unis. Néanmoins, quelques avancées sont à observer, lorsque l'on fait référence aux "
     "récentes décisions de la Cour suprême du Mexique et de la Cour de justice de l'Union africaine.\n\n"
     "La notion de « municipalisme féministe » est centrale : elle rend compte du rôle des collectivités "
     "territoriales en tant que « vigies » de l'égalité des genres. Cette réunion vise à dresser un bilan de "
     "l'égalité des genres dans les collectivités territoriales du monde et à explorer les leviers d'action.\n\n"
     "Un sondage interactif a permis aux intervenantes d'interroger les connaissances du public sur l'état des "
     "inégalités de genre dans le monde. Par exemple, l'ONU Femmes estime qu'environ 300 années de progrès seraient "
     "nécessaires pour aboutir vers l'horizon de l'égalité femmes-hommes.\n\n"
     "I. Point de vue du MEAE (Mme Louise Burdloff)\n\n"
     "Le Ministère met en avant la volonté politique de l'État en faveur de la diplomatie féministe, également "
     "adoptée par d'autres États européens dans le sillage de la France. Le rapport remis par le Haut Conseil à "
     "l'Égalité en juillet 2023 pour renforcer l'action extérieure de la France en faveur de l'égalité des genres est "
     "cité dans ce contexte.\n\n"
     "Les leviers d'action de la diplomatie féministe sont pluriels : les négociations multilatérales ; le travail de "
     "conviction en bilatéral avec les États ; les financements. Mme Burdloff annonce la mise à disposition d'un "
     "Moodle d'enseignement ouvert (MOOC) sur le genre et le développement.\n\n"
     "II. Analyse de l'institut du genre en géopolitique (Mme Déborah Rouach)\n\n"
     "Mme Rouach présente l'Institut du Genre en Géopolitique, qui est le seul à croiser ces deux domaines en France. "
     "Elle évoque la question des « revers de bâton » pour les droits des femmes dans le monde. Surtout, il faut "
     "souligner que les phénomènes sont interdépendants. Elle aborde les défis liés aux réfugiés climatiques et aux "
     "cyberviolences, qui pèsent particulièrement sur les femmes dans le monde.\n\n"
     "Mme Rouach évoque aussi l'impact de l'égalité des genres sur la paix durable et la résilience aux catastrophes "
     "naturelles, d'où l'importance de conduire des coalitions internationales en faveur du droit des femmes.\n\n"
     "III. Expérience des collectivités locales (Mmes Pascale Labbé et Élise Pereira-Nunes)\n\n"
     "Les intervenantes rappellent le mouvement de libération de la parole des femmes (#MeToo). Dans ce cadre, la "
     "posture des collectivités territoriales peut être résumée ainsi : « nous sommes là pour aider et non pour "
     "s'ériger en modèle ». La force des collectivités territoriales est qu'elles sont dirigées par des élus "
     "particulièrement proches des citoyens. Mme Pascale Labbé appelle à l'occupation de l'espace public par les "
     "femmes pour favoriser l'égalité, en soulignant que cela serait avantageux pour tous.\n\n"
     "Par ailleurs, la ville de Tours s'est engagée en faveur de l'égalité des genres, notamment dans le cadre d'un "
     "projet soutenu par le MEAE et la Région Centre-Val de Loire."),
    ("Réunion du groupe-pays Maroc, le 10 octobre 2017", "maroc", _at(2017, 10, 10), None, False,
     "Pavillon d'Armenonville, Paris — Pavillon Maroc des Rencontres 2017", False, Visibility.PUBLIC,
     "Le Pavillon Maroc sera marqué par une participation importante des collectivités territoriales marocaines, des "
     "représentants de l’Association des Régions du Maroc et de l’Association Marocaine des Présidents des Conseils "
     "Communaux et l’organisation d’une réunion du Groupe Pays le mardi 10 octobre 2017.", "", ""),
    ("CUF : Chroniques géopolitiques : Saison 4 : 4e session d’échange : le 19 janvier 2024", None,
     _at(2024, 1, 19, 14), None, True, "", True, Visibility.MEMBERS,
     "La 4e session des chroniques géopolitiques de la saison 4 a eu lieu le vendredi 19 janvier 2024, à 14h00, en "
     "visioconférence. " + CHRONIQUES, "Le thème de l’épisode : \"2024 : l’année de tous les dangers ?\"", ""),
    # Seed 001 titles this item « le 1er février 2023 » but writes « Le jeudi 1er février dernier » on a page of
    # February–March 2024, between the items of 21 February and 19 January 2024: the meeting was on Thursday
    # 1 February 2024 (1 February 2023 was a Wednesday). The title stays as written; the date follows the weekday,
    # so that the page's « jeudi 1er février 2024 » agrees with the seed's text.
    ("Réunion du groupe Crises et réhabilitation, le 1er février 2023", "crises-et-rehabilitation",
     _at(2024, 2, 1), None, False, "", False, Visibility.PUBLIC,
     "Le jeudi 1er février dernier a eu lieu la réunion du groupe Crises, présidée par Clare Hart, Vice-présidente de "
     "Montpellier Méditerranée Métropole. Cette réunion a eu pour objectif de plaider pour le rôle essentiel des "
     "collectivités territoriales en situation de crise, de revenir sur les (...)", "", ""),
    ("Première réunion du comité des donateurs du fonds de solidarité Maroc, le 21 février 2024",
     "crises-et-rehabilitation", _at(2024, 2, 21), None, False, "", False, Visibility.PUBLIC,
     "Le mercredi 21 février a eu lieu la première réunion du comité des donateurs du fonds de solidarité pour le "
     "Maroc, présidée par François Bonneau, Président de la région Centre-Val de Loire. Cette réunion a été "
     "l’occasion de rappeler le contexte de création de ce fonds, et de faire un (...)", "", ""),
    ("CUF : Chroniques géopolitiques : Saison 4 : 5e session d’échange : le 23 février 2024", None,
     _at(2024, 2, 23, 14), None, True, "", True, Visibility.MEMBERS,
     "La 5e session des chroniques géopolitiques de la saison 4 a eu lieu le vendredi 23 février 2024, à 14h00, en "
     "visioconférence. " + CHRONIQUES,
     "Le thème de l’épisode : \"Les relations transatlantiques mises à l’épreuve\"", ""),
    ("Réunion du comité des donateurs du Fonds Ukraine, le 13 mars 2024", "crises-et-rehabilitation",
     _at(2024, 3, 13, 11), None, True, "", True, Visibility.PUBLIC,
     "Le mercredi 13 mars à 11h00 se tiendra, en visioconférence, la prochaine réunion du comité des donateurs du "
     "Fonds Ukraine. Cette réunion sera l’occasion de revenir sur les activités en cours et de planifier une possible "
     "mission de terrain en Moldavie, ainsi que l’accueil d’une délégation de (...)", "", ""),
    ("Réunion du groupe-pays Madagascar, le 14 mars 2024", "madagascar", _at(2024, 3, 14), None, False, "", False,
     Visibility.PUBLIC, "", "", ""),
    ("Le deuxième rendez-vous de la Diplomatie des territoires au Sénat, le 25 mars 2024", "crises-et-rehabilitation",
     _at(2024, 3, 25), None, False, "Sénat, Paris", False, Visibility.PUBLIC,
     "Le lundi 25 mars prochain, aura lieu au Sénat le deuxième rendez-vous de la Diplomatie des territoires, sur le "
     "thème « La diplomatie des territoires face à la crise diplomatique et à l’épreuve du sentiment anti-français en "
     "Afrique subsaharienne », présidé par Clare Hart, Vice-Présidente de (...)", "", ""),
    ("Temps d'échange avec l'écrivaine Djaïli Amadou Amal : Les femmes au Sahel, le 25 mars 2024", None,
     _at(2024, 3, 25), None, False, "", False, Visibility.PUBLIC, "", "", ""),
    ("Réunion du groupe-pays Sénégal, le 4 avril 2024", "senegal", _at(2024, 4, 4), None, False, "", False,
     Visibility.PUBLIC, "", "", ""),
    ("Réunion du groupe-pays Liban, le 4 avril 2024", "liban", _at(2024, 4, 4), None, False, "", False,
     Visibility.PUBLIC, "", "", ""),
    ("CUF : Chroniques géopolitiques : Saison 4 : 6e session d’échange : le 12 avril 2024", None,
     _at(2024, 4, 12), None, False, "", True, Visibility.MEMBERS, CHRONIQUES, "", ""),
    ("La Journée des collectivités territoriales méditerranéennes en charge de la gestion de l’eau, le 23 avril 2024",
     None, _at(2024, 4, 23), None, False, "", False, Visibility.PUBLIC, "", "", ""),
    ("Save the Date ! Réunion du groupe-pays Vietnam, le 22 janvier 2026", "vietnam", _at(2026, 1, 22), None, False,
     "", False, Visibility.PUBLIC, "", "", ""),
    ("CUF : Chroniques géopolitiques : Saison 6 : 4e session d’échange : le 23 janvier 2026", None,
     _at(2026, 1, 23), None, False, "", True, Visibility.MEMBERS, CHRONIQUES, "", ""),
    ("Deuxième réunion du comité de pilotage français des 9e Rencontres franco-japonaises, le 10 février 2026", "japon",
     _at(2026, 2, 10), None, False, "", False, Visibility.PUBLIC, "", "", ""),
]

MOVED_MEETINGS = [("Réunion du groupe Crises et réhabilitation, le 1er février 2023", _at(2023, 2, 1))]

# (title, date, groups, fund slug, lead)
NEWS = [
    ("Le deuxième rendez-vous de la Diplomatie des territoires au Sénat, le 25 mars 2024", date(2024, 3, 25),
     ["crises-et-rehabilitation"], "",
     "Le lundi 25 mars prochain, aura lieu au Sénat le deuxième rendez-vous de la Diplomatie des territoires, sur le "
     "thème « La diplomatie des territoires face à la crise diplomatique et à l’épreuve du sentiment anti-français en "
     "Afrique subsaharienne », présidé par Clare Hart, Vice-Présidente de (...)"),
    ("Réunion du comité des donateurs du Fonds Ukraine, le 13 mars 2024", date(2024, 3, 13),
     ["crises-et-rehabilitation"], "ukraine",
     "Le mercredi 13 mars à 11h00 se tiendra, en visioconférence, la prochaine réunion du comité des donateurs du "
     "Fonds Ukraine. Cette réunion sera l’occasion de revenir sur les activités en cours et de planifier une possible "
     "mission de terrain en Moldavie, ainsi que l’accueil d’une délégation de (...)"),
    ("Première réunion du comité des donateurs du fonds de solidarité Maroc, le 21 février 2024", date(2024, 2, 21),
     ["crises-et-rehabilitation", "maroc"], "maroc",
     "Le mercredi 21 février a eu lieu la première réunion du comité des donateurs du fonds de solidarité pour le "
     "Maroc, présidée par François Bonneau, Président de la région Centre-Val de Loire. Cette réunion a été "
     "l’occasion de rappeler le contexte de création de ce fonds, et de faire un (...)"),
    ("Fonds de solidarité pour la Turquie : les avancées de juin 2023 à février 2024", date(2024, 2, 21),
     ["crises-et-rehabilitation"], "turquie",
     "Pour rappel, dans la nuit du 5 au 6 février 2023, un violent séisme de magnitude 7.8 a frappé le sud-est de la "
     "Turquie, près de la ville de Gaziantep. Suite à cette catastrophe, Cités Unies France a ouvert un fonds de "
     "solidarité pour la Turquie, en collaboration avec les Régions de France, (...)"),
    ("Réunion du groupe Crises et réhabilitation, le 1er février 2023", date(2024, 2, 1),  # see MEETINGS
     ["crises-et-rehabilitation"], "",
     "Le jeudi 1er février dernier a eu lieu la réunion du groupe Crises, présidée par Clare Hart, Vice-présidente de "
     "Montpellier Méditerranée Métropole. Cette réunion a eu pour objectif de plaider pour le rôle essentiel des "
     "collectivités territoriales en situation de crise, de revenir sur les (...)"),
    ("Sortie de l’édition 2022-2023 du recueil des chroniques géopolitiques !", date(2024, 1, 19), [], "",
     "Revivez la troisième saison des chroniques géopolitiques en lisant notre recueil qui répertorie les comptes "
     "rendus et questions de toutes les réunions. A travers des thèmes variés tels que la Guerre en Ukraine, la "
     "situation interne au Brésil ou encore l’hégémonie américaine, les chroniques (...)"),
    ("Les Chroniques géopolitiques de Cités Unies France : un rendez-vous mensuel pour les adhérents",
     date(2024, 2, 23), [], "",
     "FLASH INFO : La 5e session des chroniques géopolitiques de la saison 4 a eu lieu le vendredi 23 février 2024, à "
     "14h00, en visioconférence. Le thème de l’épisode : \"Les relations transatlantiques mises à l’épreuve\" La 4e "
     "session des chroniques géopolitiques de la saison 4 aura lieu (...)"),
    ("Fonds de solidarité pour Haïti : Architectes sans Frontières lance un appel aux dons pour la reconstruction "
     "d’une école", date(2024, 1, 19), ["crises-et-rehabilitation"], "haiti",
     "Architectes sans Frontières (ASF), notre partenaire dans le cadre du fonds de solidarité pour Haïti, a lancé un "
     "appel aux dons afin de compléter le financement de la reconstruction du Collège de la Trinité. Pour rappel, "
     "suite au tremblement de terre de magnitude 7.2 qui a frappé le Sud (...)"),
    ("CUF : Offre de stage : un(e) assistant(e) : Service International, Europe, Crises - Mai 2024",
     date(2024, 3, 14), ["crises-et-rehabilitation"], "", ""),
    ("Réunion du groupe-pays Madagascar, le 14 mars 2024", date(2024, 3, 14), ["madagascar"], "", ""),
    ("Communiqué de Cités Unies France sur la situation à Gaza et en Cisjordanie, du 27 mars 2024", date(2024, 3, 27),
     ["palestine"], "", ""),
    ("CUF : Actualisation 2024 du « Répertoire des partenariats de coopération décentralisée franco-japonais »",
     date(2024, 3, 27), ["japon"], "", ""),
    ("CUF : Offre de stage : un(e) assistant(e) : Groupe-pays JAPON - RENCONTRES AICT 2026 - Communication - "
     "Février 2026", date(2026, 2, 1), ["japon"], "", ""),
    ("Territoires Volontaires : Lancement du 5e appel à manifestation d’intérêt pour les collectivités territoriales, "
     "janvier 2026", date(2026, 1, 1), [], "", ""),
]

PARTNERS = [
    # Partenaires institutionnels (seed 004)
    (Partner.Kind.INSTITUTIONAL, "Ministère de l’Europe et des Affaires étrangères — Délégation pour les collectivités "
     "territoriales et la société civile", "MEAE / DCTCIV", "https://www.diplomatie.gouv.fr/cncd/", "", (
         "La Délégation pour les collectivités territoriales et la société civile (DCTCIV) est rattachée à la "
         "Direction Générale de la Mondialisation (DGM) au sein du ministère de l’Europe et des Affaires étrangères. "
         "Ce nouveau service est issu de la fusion, le 29 décembre 2023, entre les délégations pour l’action "
         "extérieure des collectivités territoriales (DAECT) et pour la société civile, l’engagement citoyen et la "
         "jeunesse (CIV).\n\n"
         "En matière de coopération décentralisée, la DCTCIV définit et met en œuvre la stratégie de soutien du "
         "ministère (appels à projet, dispositifs conjoints, etc.) en complémentarité avec l’action de l’ensemble des "
         "partenaires : animation du dialogue avec les collectivités et leurs associations, de groupes de travail "
         "favorisant une approche partagée, développement des partenariats mutualisant notamment avec les "
         "opérateurs…\n\n"
         "Elle définit et met en œuvre, en concertation avec les ambassades, des stratégies géographiques de "
         "développement des coopérations décentralisées, notamment dans les pays où les collectivités territoriales "
         "françaises sont peu ou pas présentes.\n\n"
         "Elle met en place des outils favorisant la mise en cohérence et la mutualisation (assises bilatérales, atlas "
         "français de la coopération décentralisée, groupes de travail de la Commission Nationale de la Coopération "
         "Décentralisée, etc.).\n\n"
         "Elle fournit des services d’information, d’analyse et de conseils auprès des collectivités engagées à "
         "l’international et met en place des outils de communication facilitant la concertation et la "
         "coordination. Elle contribue à l’élaboration des textes juridiques (coopération transfrontalière, "
         "coopération régionale des outre-mer) et à l’amélioration des modalités d’exercice de la coopération "
         "décentralisée.")),
    (Partner.Kind.INSTITUTIONAL, "Commission nationale de la coopération décentralisée", "CNCD",
     "https://www.diplomatie.gouv.fr/fr/politique-etrangere-de-la-france/action-exterieure-des-collectivites-"
     "territoriales/la-commission-nationale-de-la-cooperation-decentralisee-cncd/", "", (
         "Rattachée au Premier ministre et réunissant tous les acteurs de la coopération décentralisée (ministères et "
         "opérateurs, collectivités territoriales, associations spécialisées comme CUF et l’AFCCRE), la Commission "
         "nationale de la coopération décentralisée (CNCD) est une instance d’échanges et de propositions, chargée "
         "d’établir un état de la coopération décentralisée. Le secrétariat de la Commission et la mise en oeuvre de "
         "sa politique sont assurés au sein du ministère des Affaires étrangères par la Délégation pour les "
         "collectivités territoriales et la société civile (DCTCIV), en charge de la coordination "
         "interministérielle.")),
    (Partner.Kind.INSTITUTIONAL, "Agence française de développement", "AFD", "https://www.afd.fr",
     "https://www.afd.fr/fr/formulaire-de-contact-ficol — 5 rue Roland Barthes - 75012 Paris - Tel : 01 53 44 31 31", (
         "L’Agence française de développement (AFD) contribue à mettre en œuvre la politique de la France en matière "
         "de développement et de solidarité internationale. À travers ses activités de financement du secteur public "
         "et des ONG, ses travaux et publications de recherche (Éditions AFD), de formation sur le développement "
         "durable (Campus AFD) et de sensibilisation en France, elle finance, accompagne et accélère les transitions "
         "vers un monde plus juste et résilient.\n\n"
         "Nos équipes sont engagées dans 3 600 projets à fort impact social et environnemental dans les Outre-mer "
         "français et plus de 160 pays. Nous contribuons ainsi à l’engagement de la France et des Français en faveur "
         "des Objectifs de développement durable (ODD).\n\n"
         "Afin de contribuer au progrès économique, social et environnemental des pays à revenus faibles et "
         "intermédiaires, le groupe AFD finance et accompagne des projets de développement dans tous les domaines : "
         "climat, biodiversité, énergie, éducation, développement urbain, agriculture, eau et assainissement, santé, "
         "numérique, sport…")),
    (Partner.Kind.INSTITUTIONAL, "PLATFORMA", "", "https://platforma-dev.eu/fr", "", (
        "PLATFORMA est la coalition pan-européenne des collectivités territoriales -et de leurs associations "
        "nationales, européennes et mondiales- actives dans la coopération décentralisée : coopération au "
        "développement de ville à ville et de région à région. Toutes sont des actrices clés de la coopération "
        "internationale pour un développement durable.\n\n"
        "Avec ses partenaires, PLATFORMA défend depuis 2008 le rôle que jouent les collectivités locales et régionales "
        "dans les politiques de développement de l’UE, promeut la coopération internationale entre les villes et les "
        "régions du monde entier et facilite l’échange de connaissances et l’apprentissage par les pairs.\n\n"
        "En 2015, le Conseil des Communes et Régions d’Europe (CCRE) qui héberge le secrétariat de PLATFORMA, a signé "
        "un accord-cadre de partenariat (FPA) avec l’Union européenne, renouvelé en 2022. Ces accords prévoient "
        "notamment un soutien financier aux associations de gouvernements locaux et régionaux dans la conception de "
        "politiques visant à promouvoir le développement durable au niveau international.")),
    (Partner.Kind.INSTITUTIONAL, "Cités et Gouvernements Locaux Unis", "CGLU", "https://www.uclg.org/fr", "", (
        "Fondée en 2004, Cités et Gouvernements Locaux Unis (CGLU) représente et œuvre pour la défense des intérêts "
        "des gouvernements locaux et régionaux sur la scène mondiale. Basée à Barcelone, l’organisation soutient la "
        "coopération internationale entre les villes et leurs associations et facilite la mise en place de "
        "programmes, de réseaux et de partenariats afin de renforcer les capacités des gouvernements locaux. "
        "L’Organisation promeut le rôle des femmes dans la prise de décision locale et offre un accès privilégié à "
        "l’information sur la gouvernance locale dans le monde entier.\n\n"
        "CGLU anime le travail de la Global Task force de gouvernements locaux et régionaux qui réunit plus de 30 "
        "réseaux actifs au niveau international. (www.gtf2016.org).\n"
        "La mission de CGLU est d’être la voix unifiée et le défenseur de l’autonomie locale et régionale "
        "démocratique, promouvoir ses valeurs, ses objectifs et ses intérêts, au travers de la coopération entre les "
        "gouvernements locaux et régionaux, comme au sein de la communauté internationale.")),
    # Associations et groupes de collectivités françaises (seed 003)
    (Partner.Kind.FRENCH_ASSOCIATION, "Assemblée des Départements de France", "ADF", "https://www.departement.org",
     "", ""),
    (Partner.Kind.FRENCH_ASSOCIATION, "Association Française du Conseil des Communes et Régions d'Europe", "AFCCRE",
     "https://www.afccre.org/fr", "", ""),
    (Partner.Kind.FRENCH_ASSOCIATION, "Association des Maires de France", "AMF", "https://www.amf.asso.fr", "", ""),
    (Partner.Kind.FRENCH_ASSOCIATION, "Association des Maires des Grandes Villes de France", "AMGVF",
     "https://www.grandesvilles.org", "", ""),
    (Partner.Kind.FRENCH_ASSOCIATION, "Association des Régions de France", "ARF", "https://www.arf.asso.fr", "", ""),
    (Partner.Kind.FRENCH_ASSOCIATION, "Cités Unies France", "CUF", "https://www.cites-unies-france.org", "", (
        "Une convention entre l'association CUF et le MAE donne à l'association une mission d'animation et de "
        "coordination afin de promouvoir et de coordonner les actions des collectivités territoriales, engagées dans "
        "la coopération internationale. Cette collaboration se concrétise par l'animation de groupes pays et "
        "thématiques, l'organisation de colloques et publications, et par une information réciproque sur les appels à "
        "projets de la DAECT et les projets des collectivités françaises.")),
    # Réseaux européens et internationaux (seed 003)
    (Partner.Kind.INTERNATIONAL, "Association Internationale des Régions Francophones", "AIRF",
     "https://www.regions-francophones.com", "", (
         "Organisation internationale représentative des pouvoirs régionaux ; elle rassemble aujourd'hui plus de 146 "
         "membres, représentants de collectivités régionales de 27 pays. Le but est d'établir entre ses membres des "
         "échanges d'informations et d'expériences touchant leurs domaines d'activités.")),
    (Partner.Kind.INTERNATIONAL, "Association Internationale des Maires Francophones", "AIMF",
     "https://www.aimf.asso.fr", "", (
         "Réseau des élus locaux de 48 pays où le français est la langue officielle, la langue de communication ou une "
         "langue largement utilisée. Opérateur officiel de l'OIF, elle favorise les échanges d'expériences, mobilise "
         "l'expertise territoriale francophone et finance des projets de développement.")),
    (Partner.Kind.INTERNATIONAL, "Mission Opérationnelle Transfrontalière", "MOT",
     "https://www.espacestransfrontaliers.eu", "", (
         "Structure à la fois associative et interministérielle chargée d'apporter une assistance opérationnelle aux "
         "projets transfrontaliers. Ainsi par exemple, elle a financé en 2011 la réalisation d'un vademecum sur le "
         "GECT (Groupe européen de coopération transfrontalière) avec le soutien du MAE/DAECT.")),
    (Partner.Kind.INTERNATIONAL, "Organisation des Régions Unies / Forum Global d'Associations de Régions",
     "ORU/FOGAR", "https://www.regionsuniesfogar.org", "", (
         "L'organisation regroupe plus de 900 régions sur les cinq continents. Elle promeut les échanges entre les "
         "Régions membres et de nouvelles règles de gouvernance au niveau global, incluant l'échelon régional, faisant "
         "entendre la voix des Régions dans la mondialisation.")),
    (Partner.Kind.INTERNATIONAL, "Portail de la coopération décentralisée européenne mis en place par le Comité des "
     "Régions de l'Union européenne", "", "https://www.lra4dev.cor.europa.eu/portal/fr/Pages/welcome.aspx", "", ""),
    # Réseaux thématiques et géographiques (seed 003)
    (Partner.Kind.THEMATIC, "Association Nationale des Villes et Pays d'art et d'histoire et des Villes à secteurs "
     "sauvegardés et protégés", "ANVPAH & VSSP", "https://www.an-patrimoine.org", "", (
         "L'ANVPAH & VSSP, réunit plus de 170 villes et territoires qui souhaitent partager leurs expériences sur les "
         "politiques de protection et de valorisation du patrimoine. Une convention signée avec le MAE a permis de "
         "renforcer la présence des collectivités territoriales françaises dans les Balkans, au Mali et en Inde.")),
    (Partner.Kind.THEMATIC, "Programme Solidarité Eau", "pS-Eau", "https://www.pseau.org", "", (
        "Réseau d'organismes français et étrangers intervenant pour l'accès à l'eau potable et à l'assainissement dans "
        "les pays en développement.")),
    (Partner.Kind.THEMATIC, "Le Fonds pour la promotion des études préalables, des études transversales et des "
     "évaluations", "F3E", "https://www.f3e.asso.fr", "", (
         "Réunissant des ONG, des collectivités territoriales et des établissements publics de santé (EPS) français, "
         "l'association intervient en fournissant une aide à l'évaluation des coopérations, la production de guides "
         "et d'outils, l'organisation d'échanges et de formations.")),
    (Partner.Kind.THEMATIC, "Centre National de la Fonction Publique Territoriale", "CNFPT", "https://www.cnfpt.fr",
     "", (
         "Les missions du Centre national de la fonction publique territoriale (CNFPT) sont d'accompagner tous les "
         "agents territoriaux dans leur développement statutaire et professionnel, d'être partenaire des collectivités "
         "territoriales et d'anticiper les évolutions du service public pour garantir une formation et une offre de "
         "service adaptées.")),
    (Partner.Kind.THEMATIC, "Association des professionnels de l'action européenne et internationale des collectivités "
     "territoriales", "ARRICOD", "https://www.arricod.fr", "", (
         "Depuis une vingtaine d'années, les métiers liés à l'Europe et à l'International dans les collectivités se "
         "sont imposés au sein des administrations décentralisées. L'ARRICOD a participé dès 1994 aux réflexions "
         "sur le "
         "développement des relations internationales des collectivités (coopération transfrontalière, européenne, de "
         "solidarité internationale, diplomatie des collectivités...) et des métiers qui en découlent.")),
    (Partner.Kind.THEMATIC, "Partenariat Français pour la Ville et les Territoires", "PFVT", "", "pfvt@afd.fr", (
        "Le PFVT fédère l'ensemble des acteurs français de la coopération urbaine : administrations, établissements "
        "publics, collectivités territoriales et associations d'élus, professionnels de l'urbain, entreprises privées, "
        "ONG, universités organismes de recherche et de formation. Il vise à constituer une plateforme multi-acteurs "
        "d'échanges, d'information et de capitalisation des expériences sur la ville et la coopération urbaine.")),
    (Partner.Kind.THEMATIC, "La Fédération Nationale des Agences d'Urbanisme", "FNAU", "https://www.fnau.org", "", (
        "Regroupe 53 organismes publics d'étude et de réflexion sur l'aménagement et le développement des grandes "
        "agglomérations françaises.")),
    (Partner.Kind.THEMATIC, "Fédération des Parcs naturels régionaux de France", "",
     "https://www.parc-naturels-regionaux.tm.fr", "", (
         "Des échanges et des coopérations se sont développés en Europe mais également en Amérique Latine (Brésil, "
         "Chili, Argentine, Uruguay), dans le bassin Méditerranéen, en Afrique, et en Asie.")),
    (Partner.Kind.THEMATIC, "Réseau des villes Euromed", "", "https://www.reseau-euromed.org", "",
     "Regroupement de collectivités locales au centre de la dynamique euro-méditerranéenne."),
    (Partner.Kind.THEMATIC, "Association des Villes Européennes de Culture", "AVEC", "https://www.avecnet.net", "",
     "Réseau spécialisé dans la valorisation du patrimoine"),
    (Partner.Kind.THEMATIC, "Agence Régionale de l'Environnement et des Nouvelles Énergies d'Ile-de-France", "ARENE",
     "https://www.arenidf.org", "", (
         "Créée en 1994, l'ARENE, organisme « associé » au Conseil régional d'Ile-de-France, participe à la mise en "
         "œuvre du développement durable. Elle accompagne les collectivités territoriales et les acteurs régionaux "
         "dans leurs démarches : prospection, valorisation d'innovations, information, sensibilisation, ateliers et "
         "forums...")),
]

# Structures régionales d'appui à la coopération décentralisée (seed 003): (région, name, website)
RRMA = [
    ("Alsace", "Ircod", "www.ircod.org"),
    ("Aquitaine", "Cap Coopération", "www.capcooperation.org"),
    ("Auvergne", "Ceracoop", "www.ceracoop.org"),
    ("Basse Normandie", "Horizons Solidaires", "www.horizons-solidaires.org"),
    ("Bretagne", "ABCIS", "www.bretagne-solidarite-internationale.org"),
    ("Centre", "Centraider", "www.centraider.org"),
    ("Champagne-Ardenne", "Reciproco", "www.reciproco.fr"),
    ("Franche-Comté", "Cercoop", "www.cercoop.org"),
    ("Nord-Pas-de-Calais", "Lianes Coopération", "www.lianescooperation.org"),
    ("Poitou-Charentes", "CASI-PC", "www.casi-poitou-charentes.org"),
    ("Provence-Alpes-Côte d'Azur", "Resacts", "www.resacts.com"),
    ("Rhône-Alpes", "Résacoop", "www.resacoop.org"),
]


def _collectivities():
    france = Country.objects.get(iso2="FR")
    found = {}
    for slug, name, kind, department_code, lat, lon in COLLECTIVITIES:
        existing = (Collectivity.objects.filter(slug=slug).first()
                    or Collectivity.objects.filter(name__iexact=name, country=france).first())
        if existing is None:
            existing, _ = Collectivity.objects.update_or_create(slug=slug, defaults={
                "name": name, "kind": kind, "country": france, "latitude": lat, "longitude": lon,
                "department": Department.objects.filter(code=department_code).first(),
            })
        found[slug] = existing
    return found


@transaction.atomic
def load(stdout):
    collectivities = _collectivities()
    groups = {}

    fields = {k: v for k, v in CRISES.items() if k not in ("slug", "president")}
    groups[CRISES["slug"]], _ = Group.objects.update_or_create(
        slug=CRISES["slug"], defaults={**fields, "president_collectivity": collectivities[CRISES["president"]]})
    crises = groups[CRISES["slug"]]
    TimelineEntry.objects.filter(group=crises).delete()
    TimelineEntry.objects.bulk_create([TimelineEntry(group=crises, date=d, date_label=label, text=text, position=i)
                                       for i, (d, label, text) in enumerate(CRISES_TIMELINE, start=1)])

    for slug, name, iso2, president, function, president_slug in COUNTRY_GROUPS:
        groups[slug], _ = Group.objects.update_or_create(slug=slug, defaults={
            "name": name, "kind": Group.Kind.COUNTRY, "country": Country.objects.get(iso2=iso2),
            "president_name": president, "president_title": "Président·e du groupe-pays" if president else "",
            "president_function": function,
            "president_collectivity": collectivities.get(president_slug) if president_slug else None,
        })
    for spec in OTHER_GROUPS:
        defaults = {k: v for k, v in spec.items() if k not in ("slug", "president")}
        defaults["president_collectivity"] = collectivities[spec["president"]] if spec["president"] else None
        groups[spec["slug"]], _ = Group.objects.update_or_create(slug=spec["slug"], defaults=defaults)
    # Presidents' titles as the seeds write them.
    for slug, title in [("japon", "Présidente du groupe-pays Japon"), ("palestine", "Présidente du groupe-pays"),
                        ("israel", "Président du groupe France-Israël"), ("argentine", "Président du groupe-pays")]:
        Group.objects.filter(slug=slug).update(president_title=title)

    # The president's collectivity takes part in the group it presides.
    for group in groups.values():
        group.refresh_from_db()
        if group.president_collectivity_id:
            GroupMembership.objects.get_or_create(group=group, collectivity_id=group.president_collectivity_id,
                                                  left_on__isnull=True, defaults={"joined_on": None})

    # Dates corrected since an earlier load (title, former start): the row moves rather than being doubled.
    for title, former_start in MOVED_MEETINGS:
        Meeting.objects.filter(title=title, starts_at=former_start).delete()
    for (title, group_slug, start, end, has_time, place, online, visibility, summary, agenda,
         minutes) in MEETINGS:
        Meeting.objects.update_or_create(title=title, starts_at=start, defaults={
            "group": groups.get(group_slug) if group_slug else None, "slug": slugify(title)[:320], "ends_at": end,
            "has_time": has_time, "place": place, "is_online": online, "visibility": visibility,
            "summary": summary, "agenda": agenda, "minutes": minutes,
        })

    for title, published_on, group_slugs, fund_slug, lead in NEWS:
        item, _ = NewsItem.objects.update_or_create(slug=slugify(title)[:320], defaults={
            "title": title, "published_on": published_on, "lead": "", "body": lead,
            "status": NewsItem.Status.PUBLISHED, "visibility": Visibility.PUBLIC,
            "concerns_solidarity_funds": bool(fund_slug), "fund_slug": fund_slug,
        })
        item.groups.set([groups[s] for s in group_slugs])

    for position, (kind, name, acronym, website, contact, text) in enumerate(PARTNERS, start=1):
        Partner.objects.update_or_create(slug=slugify(acronym or name)[:320], defaults={
            "kind": kind, "name": name, "acronym": acronym, "website": website, "contact": contact, "text": text,
            "position": position})
    for position, (region, name, website) in enumerate(RRMA, start=1):
        Partner.objects.update_or_create(slug=slugify(name), defaults={
            "kind": Partner.Kind.REGIONAL_NETWORK, "name": name, "region_label": region,
            "website": f"https://{website}", "text": "", "position": position})

    stdout.write(f"Groupes : {Group.objects.count()} groupes, {Meeting.objects.count()} réunions "
                 f"({Meeting.objects.filter(visibility=Visibility.MEMBERS).count()} réservées aux adhérents), "
                 f"{NewsItem.objects.count()} actualités, {Partner.objects.count()} partenaires et réseaux.")
