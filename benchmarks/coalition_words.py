"""The words the benchmark coalition is made of (benchmarks/coalition_data.py): names with their
accents by culture, Connecticut cities, group names, event texts in English and Spanish, and how
a sign-up form's export writes languages and skills."""

from __future__ import annotations

import functools

from rallyorg.domain.enums import EventKind
from rallyorg.domain.text import fold

folded = functools.cache(fold)  # the app's fold, for the few hundred names and cities there are


def slug(text: str) -> str:
    """A name as an email's local part: "Núñez Peña" -> "nunezpena"."""
    return "".join(c for c in folded(text) if c.isalnum() or c == ".")


def names(text: str) -> list[str]:
    return text.split()


GIVEN = {
    "es": names(
        "José María Juan Ana Luis Carmen Jesús Lucía Ángel Sofía Raúl Beatriz Héctor Inés Tomás Rocío "
        "Joaquín Guadalupe Andrés Mónica Óscar Yesenia Ramón Marisol Víctor Ximena"
    ),
    "pt": names(
        "João José Maria Ana Thiago Fernanda Luíza Gonçalo Inês Conceição Sebastião Antônio Márcia "
        "Cláudia Vitória Caio Letícia Júlio Débora Fábio"
    ),
    "ht": names(
        "Jean Marie Guerline Wideline Fabiola Jean-Baptiste Ketly Wilner Roseline Dieunel Mackenson "
        "Nadège Frantz Lovely Jocelyne Réginald Édouard Magalie"
    ),
    "en": names(
        "Emily Kevin Michael Sarah Daniel Jessica Brian Ashley Zoë Chloé Liam Grace Patrick Megan Noah Renée"
    ),
}
FAMILY = {
    "es": names(
        "González Núñez Pérez Rodríguez Ramírez Hernández Muñoz Díaz Peña Castillo Cruz Morales Reyes "
        "Flores Gómez Martínez Sánchez Jiménez Ordóñez Ibáñez"
    ),
    "pt": [
        *names(
            "Gonçalves Souza Oliveira Santos Lima Araújo Conceição Pereira Costa Ribeiro Carvalho Simões "
            "Magalhães Brandão Assunção Fernandes"
        ),
        "da Silva",
        "dos Santos",
    ],
    "ht": names(
        "Pierre Jean-Baptiste Joseph Louis Charles Étienne Désir Célestin Saint-Fleur Noël Thélusma "
        "Dorvil Exantus Augustin"
    ),
    "en": names("Smith O'Brien Johnson Murphy Walsh Brown Miller Kowalski Nguyen Sullivan Bennett"),
}
CULTURES = ("es", "pt", "ht", "en")
CULTURE_WEIGHTS = (40, 25, 15, 20)
# Spoken languages by culture, as the app stores them (canonical codes, sorted).
LANGUAGES = {
    "es": (["es"], ["en", "es"], ["es"]),
    "pt": (["pt_BR"], ["en", "pt_BR"], ["es", "pt_BR"]),
    "ht": (["fr", "ht"], ["en", "ht"], ["en", "fr", "ht"]),
    "en": (["en"], ["en"], ["en", "es"]),
}
FAMILY_EMAIL = {"es": "familia", "pt": "familia", "ht": "fanmi", "en": "the"}
CITIES = (
    "Danbury", "Hartford", "New Haven", "Bridgeport", "Stamford", "Waterbury", "Norwalk", "Meriden",
    "New Britain", "East Hartford", "Willimantic", "Norwich", "New London", "West Haven",
)  # fmt: skip
DOMAINS = ("example.org", "example.com", "example.net")
SOURCES = ("", "", "Mobilize", "Google Forms", "walk-in", "Action Network")

GROUP_NAMES = {
    "es": ("Iglesia San José de {city}", "Comité de Vecinos de {city}", "Centro Hispano de {city}"),
    "pt": ("Centro Comunitário Brasileiro de {city}", "Associação dos Trabalhadores de {city}"),
    "ht": ("Fanmi Ayisyen {city}", "Kominote Ayisyen nan {city}"),
    "en": ("{city} Workers Center", "{city} Tenants Union", "Faith Coalition of {city}"),
}
CONTACT_ROLES = ("Pastor", "Organizer", "Coordinadora", "Coordenador", "Secretary", "Kowòdonatè")
VENUES = (
    "City Hall Plaza",
    "Public Library",
    "Iglesia San José",
    "Centro Comunitário",
    "Union Hall",
    "Green",
)

EVENTS = (  # kind, English title, Spanish title
    (EventKind.RALLY, "Rally for the TRUST Act", "Manifestación por la Ley TRUST"),
    (EventKind.MARCH, "March for Immigrant Families", "Marcha por las familias inmigrantes"),
    (EventKind.VIGIL, "Vigil for Fair Wages", "Vigilia por salarios justos"),
    (EventKind.TRAINING, "Know Your Rights Training", "Taller: Conoce tus derechos"),
    (EventKind.MEETING, "Community Meeting on Housing", "Reunión comunitaria sobre vivienda"),
    (
        EventKind.PRESS_CONFERENCE,
        "Press Conference: Keep Families Together",
        "Rueda de prensa: familias unidas",
    ),
)
EVENT_TEXTS = {
    "en": {
        "summary": "Join neighbors, faith leaders and workers to stand with immigrant families in {city}.",
        "call_to_action": "Bring a sign, bring a friend. Everyone is welcome.",
        "accessibility_note": "Wheelchair accessible. Spanish interpretation on site.",
    },
    "es": {
        "summary": "Únete a vecinos, líderes religiosos y trabajadores junto a las familias de {city}.",
        "call_to_action": "Trae un cartel, trae a un amigo. Todos son bienvenidos.",
        "accessibility_note": "Accesible para sillas de ruedas. Interpretación al español.",
    },
}
SHIFT_ROLES = (  # role, language required
    ("Marshal", None),
    ("Sign-in desk", None),
    ("Interpreter (English/Spanish)", "es"),
    ("Setup", None),
    ("Medic", None),
)

# How a sign-up form's export writes what the app stores as codes (the importer reads these).
LANGUAGE_WORDS = {
    "en": "English",
    "es": "Español",
    "pt_BR": "Português",
    "ht": "Kreyòl ayisyen",
    "fr": "Français",
}
SKILL_WORDS = {
    "marshal": "Marshal", "interpreter": "Intérprete", "medic": "Primeros auxilios", "driver": "Driver",
    "sign_in_desk": "Sign-in desk", "social_media": "Redes sociales", "setup": "Set up", "other": "Other",
}  # fmt: skip
CSV_HEADER = (
    "First name", "Last name", "Email", "Phone", "City", "Languages", "Skills", "May email", "May text",
    "May call", "Do not contact", "May share", "Source",
)  # fmt: skip
