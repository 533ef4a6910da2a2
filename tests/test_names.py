"""Full names split into title, given and family name, as sign-up sheets in three languages write them."""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from rallyorg.domain.names import NameParts, display_name, normalised_name, split_person_name

# (typed, prefix, given, family); the reason follows where it is not obvious.
IN_ORDER = [
    # Word counts
    ("", "", "", ""),
    ("   ", "", "", ""),
    ("Ana", "", "Ana", ""),
    ("Ana Pérez", "", "Ana", "Pérez"),
    ("Ana Pérez García", "", "Ana", "Pérez García"),  # two surnames
    ("Juan García López", "", "Juan", "García López"),
    ("Wilmer Ajú Tzoc", "", "Wilmer", "Ajú Tzoc"),
    ("Juan Carlos Pérez", "", "Juan Carlos", "Pérez"),  # a known compound given name
    ("Maria Clara Souza", "", "Maria Clara", "Souza"),
    ("Mary Ann Smith", "", "Mary Ann", "Smith"),
    ("José Luis Pérez García", "", "José Luis", "Pérez García"),
    ("Pedro Henrique Oliveira Santos", "", "Pedro Henrique", "Oliveira Santos"),
    ("Nguyen Thi Minh Khai", "", "Nguyen Thi", "Minh Khai"),  # documented limit: family first
    ("John Michael Smith", "", "John", "Michael Smith"),  # documented limit: middle name
    # Whitespace and unicode
    ("  Ana   Pérez \t García\n", "", "Ana", "Pérez García"),
    ("Ana\u00a0Pérez", "", "Ana", "Pérez"),
    ("JOSÉ LUIS PÉREZ GARCÍA", "", "JOSÉ LUIS", "PÉREZ GARCÍA"),
    ("jose luis perez garcia", "", "jose luis", "perez garcia"),
    ("Mari\u0301a de la Luz Herna\u0301ndez", "", "Mari\u0301a de la Luz", "Herna\u0301ndez"),  # decomposed
    ("Lê Văn Thành", "", "Lê", "Văn Thành"),
    ("Zoë O'Brien", "", "Zoë", "O'Brien"),
    (", Ana Pérez ,", "", "Ana", "Pérez"),
    ("García,", "", "García", ""),
    # Hyphens
    ("Jean-Baptiste Pierre-Louis", "", "Jean-Baptiste", "Pierre-Louis"),
    ("Ana María Pérez-Gómez", "", "Ana María", "Pérez-Gómez"),
    ("Ana Pérez - García", "", "Ana", "Pérez - García"),
    ("Ana Pérez- García", "", "Ana", "Pérez- García"),
    # Titles
    ("Padre Tomás de la Fuente", "Padre", "Tomás", "de la Fuente"),
    ("Hna. Carmen Ortiz", "Hna.", "Carmen", "Ortiz"),
    ("Pastora Ruth Alvarado", "Pastora", "Ruth", "Alvarado"),
    ("Rev. Dr. Ana Ruiz", "Rev. Dr.", "Ana", "Ruiz"),
    ("rev dr ana ruiz", "rev dr", "ana", "ruiz"),
    ("Sor Juana Inés de la Cruz", "Sor", "Juana Inés", "de la Cruz"),
    ("Sr. Juan Pérez", "Sr.", "Juan", "Pérez"),
    ("Sra Ana Pérez García", "Sra", "Ana", "Pérez García"),
    ("Srta. Lucía Gómez", "Srta.", "Lucía", "Gómez"),
    ("Doña Rosa Pérez", "Doña", "Rosa", "Pérez"),
    ("DOÑA ROSA", "DOÑA", "ROSA", ""),
    ("Dra. María José Ruiz", "Dra.", "María José", "Ruiz"),
    ("Lic. Juan Carlos Pérez", "Lic.", "Juan Carlos", "Pérez"),
    ("Hno Pedro", "Hno", "Pedro", ""),
    ("Irmã Dulce Pontes", "Irmã", "Dulce", "Pontes"),
    ("IRMA\u0303 DULCE", "IRMA\u0303", "DULCE", ""),  # decomposed tilde
    ("Irmão José Silva", "Irmão", "José", "Silva"),
    ("Frei Betto", "Frei", "Betto", ""),
    ("Dom Hélder Câmara", "Dom", "Hélder", "Câmara"),
    ("Pe. João Carlos", "Pe.", "João", "Carlos"),
    ("Fr Michael O'Brien", "Fr", "Michael", "O'Brien"),
    ("Sister Mary Ann Smith", "Sister", "Mary Ann", "Smith"),
    ("Mx. Sam Lee", "Mx.", "Sam", "Lee"),
    ("Dr. Smith", "Dr.", "Smith", ""),
    ("Padre", "", "Padre", ""),  # a title alone is a name
    ("Rev. Dr.", "Rev.", "Dr.", ""),
    # Titles that are also given names
    ("Irma Pérez García", "", "Irma", "Pérez García"),
    ("Pastor Maldonado", "", "Pastor", "Maldonado"),
    ("Pastora Soler", "", "Pastora", "Soler"),
    ("Don Johnson", "", "Don", "Johnson"),
    ("Don Pedro Álvarez", "Don", "Pedro", "Álvarez"),
    ("Pastor Juan Pérez", "Pastor", "Juan", "Pérez"),
    # Particles
    ("Tomás de la Fuente", "", "Tomás", "de la Fuente"),
    ("Ana de la Cruz", "", "Ana", "de la Cruz"),
    ("João da Silva", "", "João", "da Silva"),
    ("Maria da Silva Souza", "", "Maria", "da Silva Souza"),
    ("Carlos Alberto da Silva", "", "Carlos Alberto", "da Silva"),
    ("João Victor dos Santos", "", "João Victor", "dos Santos"),
    ("José Luis Pérez de la Fuente", "", "José Luis", "Pérez de la Fuente"),
    ("Juan Pérez de la Fuente", "", "Juan Pérez", "de la Fuente"),  # documented limit
    ("ANA DE LA CRUZ", "", "ANA", "DE LA CRUZ"),
    ("Ludwig van Beethoven", "", "Ludwig", "van Beethoven"),
    ("Mohammed bin Salman", "", "Mohammed", "bin Salman"),
    ("Marine Le Pen", "", "Marine", "Le Pen"),
    ("Van Morrison", "", "Van", "Morrison"),  # the first word is always given
    ("Ana de", "", "Ana", "de"),  # nothing after the particle
    ("José Ortega y Gasset", "", "José", "Ortega y Gasset"),
    ("Maria Silva e Souza", "", "Maria", "Silva e Souza"),
    ("José Luis Ortega y Gasset", "", "José Luis", "Ortega y Gasset"),
    # Devotional given names
    ("Maria das Graças dos Santos", "", "Maria das Graças", "dos Santos"),
    ("María del Carmen López", "", "María del Carmen", "López"),
    ("María del Carmen López García", "", "María del Carmen", "López García"),
    ("Maria de Fátima Oliveira", "", "Maria de Fátima", "Oliveira"),
    ("Maria do Carmo Alves Pereira", "", "Maria do Carmo", "Alves Pereira"),
    ("María de los Ángeles Rodríguez", "", "María de los Ángeles", "Rodríguez"),
    ("MARÍA DEL ROSARIO GÓMEZ", "", "MARÍA DEL ROSARIO", "GÓMEZ"),
    ("María de Guadalupe de la Cruz", "", "María de Guadalupe", "de la Cruz"),
    ("José de Jesus Silva", "", "José de Jesus", "Silva"),
    ("Ana Maria das Graças Silva", "", "Ana Maria das Graças", "Silva"),
    ("Maria de Lourdes", "", "Maria", "de Lourdes"),  # no family name after it
    ("Carolina Maria de Jesus", "", "Carolina Maria", "de Jesus"),
    ("Hna. María del Carmen Ortiz", "Hna.", "María del Carmen", "Ortiz"),
    # Initials
    ("John F. Kennedy", "", "John F.", "Kennedy"),
    ("J. R. R. Tolkien", "", "J. R. R.", "Tolkien"),
    ("Ana M. Pérez García", "", "Ana M.", "Pérez García"),
    ("Ana Pérez G.", "", "Ana", "Pérez G."),
    # Suffixes
    ("Martin Luther King Jr.", "", "Martin Luther", "King Jr."),
    ("Martin Luther King, Jr.", "", "Martin Luther", "King, Jr."),
    ("John Smith III", "", "John", "Smith III"),
    ("Sr. Juan Pérez Sr.", "Sr.", "Juan", "Pérez Sr."),
    ("Ludwig van Beethoven II", "", "Ludwig", "van Beethoven II"),
    ("Ana Jr", "", "Ana", "Jr"),
    ("João Silva Filho", "", "João", "Silva Filho"),
    ("José Carlos Pereira Neto", "", "José Carlos", "Pereira Neto"),
]

FAMILY_FIRST = [
    ("García Márquez, Gabriel", "", "Gabriel", "García Márquez"),
    ("Núñez, María", "", "María", "Núñez"),
    ("  Núñez ,  María  José ", "", "María José", "Núñez"),
    ("Ruiz, Rev. Dr. Ana", "Rev. Dr.", "Ana", "Ruiz"),
    ("Alvarado, Pastora Ruth", "Pastora", "Ruth", "Alvarado"),
    ("Soler, Pastora", "", "Pastora", "Soler"),
    ("Fuente, Padre Tomás de la", "Padre", "Tomás", "de la Fuente"),
    ("King, Martin Luther, Jr.", "", "Martin Luther", "King Jr."),
    ("Santos, Maria das Graças", "", "Maria das Graças", "Santos"),
    ("Pierre-Louis, Jean-Baptiste", "", "Jean-Baptiste", "Pierre-Louis"),
]


@pytest.mark.parametrize(("typed", "prefix", "given", "family"), IN_ORDER + FAMILY_FIRST)
def test_names_are_split(typed: str, prefix: str, given: str, family: str) -> None:
    assert split_person_name(typed) == NameParts(prefix, given, family)


@pytest.mark.parametrize("typed", [row[0] for row in IN_ORDER])
def test_no_character_is_lost(typed: str) -> None:
    assert display_name(split_person_name(typed)) == normalised_name(typed)


def test_every_mix_of_words_keeps_its_characters_and_a_given_name() -> None:
    # Titles, particles, devotional names, suffixes, initials and hyphens in every order.
    vocabulary = ["Padre", "Don", "Rev.", "de", "la", "y", "Maria", "Carmen", "Pérez", "Jr.", "F.", "-"]
    for length in range(1, 5):
        for words in itertools.product(vocabulary, repeat=length):
            typed = " ".join(words)
            parts = split_person_name(typed)
            assert display_name(parts) == typed, parts
            assert parts.given, typed


def test_family_first_shows_in_reading_order() -> None:
    assert display_name(split_person_name("García Márquez, Gabriel")) == "Gabriel García Márquez"
    assert display_name(split_person_name("Fuente, Padre Tomás de la")) == "Padre Tomás de la Fuente"


def test_display_name_can_leave_the_title_out() -> None:
    parts = split_person_name("Padre Tomás de la Fuente")
    assert display_name(parts, prefix=False) == "Tomás de la Fuente"
    assert display_name(NameParts("", "", "")) == ""
    assert display_name(NameParts("Dr.", "", "Ruiz")) == "Dr. Ruiz"


def test_normalised_name() -> None:
    assert normalised_name("  Ana \t\n Pérez  ") == "Ana Pérez"
    assert normalised_name(" , Ana Pérez, ") == "Ana Pérez"
    assert normalised_name("García Márquez,  Gabriel") == "García Márquez, Gabriel"


def test_name_parts_are_frozen() -> None:
    parts = split_person_name("Ana Pérez")
    with pytest.raises(dataclasses.FrozenInstanceError):
        parts.given = "Eva"  # type: ignore[misc]
