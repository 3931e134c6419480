"""The words of the registration pages, in French and English.

Foreign delegations register in English. The project ships no gettext catalogue of its own
(no msgfmt on a fresh machine), so the participant-facing strings of this app live here, in
two plain dictionaries; Django's own messages ("This field is required.") come from Django's
compiled catalogues through translation.override(lang).
"""

LANGUAGES = ("fr", "en")

TEXTS = {
    "fr": {
        "register_title": "Inscription aux Rencontres",
        "register_intro": "Inscrivez-vous en quelques minutes. Vous recevrez un e-mail avec un lien privé : "
                          "cliquez-le pour confirmer votre adresse, puis choisissez vos sessions. "
                          "Aucune place n'est réservée avant la confirmation de votre adresse.",
        "switch_language": "English version",
        "switch_language_code": "en",
        "civility": "Civilité",
        "first_name": "Prénom",
        "last_name": "Nom",
        "email": "Adresse e-mail",
        "email_help": "Votre lien privé d'inscription y sera envoyé.",
        "organisation": "Organisation ou collectivité",
        "category": "Catégorie",
        "country": "Pays",
        "function": "Fonction",
        "accessibility_needs": "Besoins d'accessibilité",
        "accessibility_help": "Fauteuil roulant, interprétation en langue des signes, boucle magnétique…",
        "consent": "J'accepte que Cités Unies France traite ces données pour organiser les Rencontres.",
        "consent_text": "Vos données (nom, fonction, organisation, pays, adresse e-mail, besoins d'accessibilité) "
                        "servent uniquement à organiser les Rencontres : inscription aux sessions, badge, "
                        "listes de présence et messages pratiques. Seule l'équipe de Cités Unies France y a "
                        "accès. Elles sont conservées {days} jours après la fin de l'édition puis anonymisées. "
                        "Vous pouvez à tout moment supprimer votre inscription depuis votre lien privé.",
        "honeypot": "Laissez ce champ vide",
        "submit": "M'inscrire",
        "required_mark": "Tous les champs sont obligatoires sauf mention contraire.",
        "consent_required": "Vous devez accepter le traitement de vos données pour vous inscrire.",
        "choose_category": "— choisir —",
        "choose_country": "— choisir un pays —",
        "sent_title": "Vérifiez votre boîte aux lettres",
        "sent_body": "Si l'adresse est valide, un e-mail vient de vous être envoyé avec votre lien privé. "
                     "Cliquez-le pour confirmer votre adresse et choisir vos sessions. Si vous étiez déjà "
                     "inscrit(e), ce nouvel e-mail remplace le lien précédent.",
        "closed": "Les inscriptions à cette édition sont closes depuis le {date}.",
        "not_yet": "Les inscriptions à cette édition ouvriront le {date}.",
        "no_registration": "Cette édition n'a pas d'inscription en ligne.",
        "rate_limited": "Trop de demandes d'inscription depuis votre adresse. Réessayez dans quelques minutes.",
        "form_errors": "Le formulaire contient des erreurs : corrigez les champs signalés.",
        "confirm_title": "Confirmez votre adresse e-mail",
        "confirm_body": "Cliquez sur le bouton pour confirmer votre adresse et accéder au choix des sessions.",
        "confirm_button": "Confirmer mon adresse",
        "confirmed_message": "Votre adresse est confirmée : choisissez maintenant vos sessions.",
        "manage_title": "Mon inscription",
        "pending_notice": "Votre adresse n'est pas encore confirmée : aucune place n'est réservée.",
        "my_sessions": "Mes sessions",
        "no_sessions": "Vous n'avez encore choisi aucune session.",
        "confirmed_seat": "Place confirmée",
        "waitlisted_seat": "Liste d'attente, rang {position}",
        "cancel_seat": "Me désinscrire de cette session",
        "choose_title": "Choisir mes sessions",
        "choose_help": "Cochez les sessions auxquelles vous voulez assister. Deux sessions qui ont lieu en même "
                       "temps ne peuvent pas être choisies ensemble. Une session complète vous inscrit sur sa "
                       "liste d'attente : vous serez prévenu(e) par e-mail si une place se libère.",
        "seats_left": "{count} place(s) restante(s)",
        "full": "Complet — liste d'attente",
        "save_choice": "Enregistrer mon choix",
        "choice_saved": "Votre choix de sessions est enregistré.",
        "overlap": "Les sessions « {a} » et « {b} » ont lieu en même temps : choisissez-en une seule.",
        "invalid_session": "Une des sessions choisies n'existe pas ou n'est pas ouverte à l'inscription.",
        "not_confirmed": "Confirmez d'abord votre adresse e-mail.",
        "choice_closed": "Les inscriptions sont closes : vos sessions ne peuvent plus être modifiées.",
        "seat_cancelled": "Vous êtes désinscrit(e) de la session « {title} ».",
        "agenda_ics": "Mon agenda (.ics)",
        "badge": "Ma confirmation et mon badge",
        "delete_title": "Annuler mon inscription",
        "delete_body": "L'annulation libère vos places (les personnes en liste d'attente en profitent) et "
                       "supprime définitivement vos données.",
        "delete_button": "Annuler mon inscription et supprimer mes données",
        "deleted_title": "Inscription annulée",
        "deleted_body": "Votre inscription est annulée et vos données sont supprimées.",
        "badge_title": "Confirmation d'inscription",
        "badge_print": "Imprimer",
        "badge_help": "Présentez ce badge à l'accueil : son code QR permet d'enregistrer votre arrivée.",
        "qr_alt": "Code QR d'enregistrement à l'accueil",
        "programme": "Programme",
        "time_tbc": "Horaire à préciser",
        "room": "Salle",
        "back_edition": "Retour à l'édition",
    },
    "en": {
        "register_title": "Registration for the Rencontres",
        "register_intro": "Register in a few minutes. You will receive an e-mail with a private link: "
                          "click it to confirm your address, then choose your sessions. "
                          "No seat is held before your address is confirmed.",
        "switch_language": "Version française",
        "switch_language_code": "fr",
        "civility": "Title",
        "first_name": "First name",
        "last_name": "Last name",
        "email": "E-mail address",
        "email_help": "Your private registration link will be sent there.",
        "organisation": "Organisation or local authority",
        "category": "Category",
        "country": "Country",
        "function": "Position",
        "accessibility_needs": "Accessibility needs",
        "accessibility_help": "Wheelchair, sign language interpreting, hearing loop…",
        "consent": "I agree that Cités Unies France processes this data to organise the Rencontres.",
        "consent_text": "Your data (name, position, organisation, country, e-mail address, accessibility needs) "
                        "is used only to organise the Rencontres: session registration, badge, attendance "
                        "lists and practical messages. Only the Cités Unies France team can see it. It is kept "
                        "{days} days after the end of the edition, then anonymised. You can delete your "
                        "registration at any time from your private link.",
        "honeypot": "Leave this field empty",
        "submit": "Register",
        "required_mark": "All fields are required unless marked optional.",
        "consent_required": "You must accept the processing of your data to register.",
        "choose_category": "— choose —",
        "choose_country": "— choose a country —",
        "sent_title": "Check your mailbox",
        "sent_body": "If the address is valid, an e-mail has just been sent to you with your private link. "
                     "Click it to confirm your address and choose your sessions. If you had already "
                     "registered, this new e-mail replaces the previous link.",
        "closed": "Registration for this edition closed on {date}.",
        "not_yet": "Registration for this edition opens on {date}.",
        "no_registration": "This edition has no online registration.",
        "rate_limited": "Too many registration requests from your address. Please try again in a few minutes.",
        "form_errors": "The form contains errors: please correct the fields shown.",
        "confirm_title": "Confirm your e-mail address",
        "confirm_body": "Click the button to confirm your address and choose your sessions.",
        "confirm_button": "Confirm my address",
        "confirmed_message": "Your address is confirmed: now choose your sessions.",
        "manage_title": "My registration",
        "pending_notice": "Your address is not confirmed yet: no seat is held.",
        "my_sessions": "My sessions",
        "no_sessions": "You have not chosen any session yet.",
        "confirmed_seat": "Seat confirmed",
        "waitlisted_seat": "Waiting list, position {position}",
        "cancel_seat": "Leave this session",
        "choose_title": "Choose my sessions",
        "choose_help": "Tick the sessions you want to attend. Two sessions held at the same time cannot both "
                       "be chosen. A full session puts you on its waiting list: you will be told by e-mail "
                       "if a seat becomes free.",
        "seats_left": "{count} seat(s) left",
        "full": "Full — waiting list",
        "save_choice": "Save my choice",
        "choice_saved": "Your choice of sessions is saved.",
        "overlap": "The sessions “{a}” and “{b}” take place at the same time: choose only one.",
        "invalid_session": "One of the chosen sessions does not exist or is not open for registration.",
        "not_confirmed": "Please confirm your e-mail address first.",
        "choice_closed": "Registration is closed: your sessions can no longer be changed.",
        "seat_cancelled": "You have left the session “{title}”.",
        "agenda_ics": "My agenda (.ics)",
        "badge": "My confirmation and badge",
        "delete_title": "Cancel my registration",
        "delete_body": "Cancelling frees your seats (people on the waiting lists get them) and deletes your "
                       "data for good.",
        "delete_button": "Cancel my registration and delete my data",
        "deleted_title": "Registration cancelled",
        "deleted_body": "Your registration is cancelled and your data is deleted.",
        "badge_title": "Registration confirmation",
        "badge_print": "Print",
        "badge_help": "Show this badge at the reception desk: its QR code records your arrival.",
        "qr_alt": "Check-in QR code",
        "programme": "Programme",
        "time_tbc": "Time to be confirmed",
        "room": "Room",
        "back_edition": "Back to the edition",
    },
}

CATEGORY_LABELS_EN = {
    "collectivite_fr": "French local authority",
    "collectivite_etr": "Foreign local authority",
    "etat": "State / embassy",
    "association": "Association / NGO",
    "entreprise": "Company",
    "recherche": "Research",
    "presse": "Press",
    "autre": "Other",
}

CIVILITY_LABELS_EN = {"mme": "Ms", "m": "Mr", "autre": "Other"}


def pick_language(request, default="fr"):
    """The language asked for by `?lang=` (or a posted `lang` field), French otherwise."""
    lang = request.POST.get("lang") or request.GET.get("lang") or default
    return lang if lang in LANGUAGES else "fr"


def texts(lang):
    return TEXTS.get(lang, TEXTS["fr"])
