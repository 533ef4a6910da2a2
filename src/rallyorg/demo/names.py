"""Name pools and fictional contact details for the sample coalition.

Every person in the demo is made up: names are drawn from pools that reflect who organises
in Connecticut's immigrant-rights movement (Latino, Brazilian, Haitian, Anglo and other
families), emails live at the reserved example.org / example.com domains, and phone numbers
come only from the 555-0100…555-0199 block that is set aside for fiction, spread over
Connecticut's four area codes.
"""

from __future__ import annotations

import random
import re
from enum import StrEnum

from rallyorg.domain.text import fold


class Background(StrEnum):
    LATINO = "latino"
    BRAZILIAN = "brazilian"
    HAITIAN = "haitian"
    ANGLO = "anglo"
    POLISH = "polish"
    VIETNAMESE = "vietnamese"
    INDIAN = "indian"
    GHANAIAN = "ghanaian"
    ARAB = "arab"
    UKRAINIAN = "ukrainian"
    WEST_AFRICAN = "west_african"


# The language each background's people speak at home (besides, often, English).
HOME_LANGUAGE: dict[Background, str] = {
    Background.LATINO: "es",
    Background.BRAZILIAN: "pt_BR",
    Background.HAITIAN: "ht",
    Background.ANGLO: "en",
    Background.POLISH: "pl",
    Background.VIETNAMESE: "vi",
    Background.INDIAN: "gu",
    Background.GHANAIAN: "tw",
    Background.ARAB: "ar",
    Background.UKRAINIAN: "uk",
    Background.WEST_AFRICAN: "fr",
}


def _pool(text: str) -> tuple[str, ...]:
    """Names written as a comma-separated paragraph (readable, and kept compact by formatters)."""
    return tuple(name.strip() for name in text.split(",") if name.strip())


GIVEN_NAMES: dict[Background, tuple[str, ...]] = {
    Background.LATINO: _pool(
        """
        José, José Luis, María, María José, Juan, Luis, Carmen, Ana, Jesús, Estéfani, Guadalupe,
        Rosa, Maribel, Héctor, Raúl, Óscar, Inés, Sofía, Valentina, Mateo, Andrés, Julián, Ramón,
        Lucía, Marisol, Yesenia, Araceli, Ángel, Nayeli, Brenda, Jorge, Efraín, Dolores, Wilmer,
        Yadira, Concepción, Edwin, Karla, Darío, Xiomara, Fernando, Gloria, Iván, Beatriz, Elías,
        Mónica, Nicolás, Patricia, Rigoberto, Itzel
        """
    ),
    Background.BRAZILIAN: _pool(
        """
        João, Lúcia, Conceição, Maria, José, Ana Paula, Antônio, Francisco, Luíza, Gabriela, Thiago,
        Rafael, Letícia, Vinícius, Fábio, Márcia, Sebastião, Aparecida, Rosângela, Cláudio, Débora,
        Júlia, Mariana, Luiz, Paulo, Renata, Wellington, Gisele, Érica, Raimundo, Cássio, Valdirene,
        Joaquim, Tânia, Edson, Simone, Jussara, Rogério, Ivone, Marcelo
        """
    ),
    Background.HAITIAN: _pool(
        """
        Jean, Marie, Widline, Fabiola, Wilner, Nadège, Rosemène, Guerline, Dieudonné, Stéphanie,
        Frantz, Mackenson, Islande, Lovely, Kettly, Jean-Baptiste, Ginette, Réginald, Myrlande,
        Fritznel
        """
    ),
    Background.ANGLO: _pool(
        """
        Emily, Michael, Sarah, David, Jennifer, Kevin, Megan, Patrick, Rachel, Tom, Linda, Brian,
        Katie, Greg, Colleen, Daniel, Heather, Matt, Susan, Peter, Eleanor, Jim, Nora, Chris,
        Abigail, Sam
        """
    ),
    Background.POLISH: ("Agnieszka", "Tomasz", "Krzysztof", "Małgorzata", "Paweł"),
    Background.VIETNAMESE: ("Lan", "Minh", "Hoa", "Thảo", "Quang"),
    Background.INDIAN: ("Priya", "Rahul", "Anjali", "Hiren", "Meera"),
    Background.GHANAIAN: ("Kwame", "Ama", "Kofi", "Akosua", "Yaw"),
    Background.ARAB: ("Yusuf", "Layla", "Omar", "Rania", "Khaled"),
    Background.UKRAINIAN: ("Oksana", "Dmytro", "Iryna", "Taras"),
    Background.WEST_AFRICAN: ("Fatoumata", "Mamadou", "Aïssata", "Ousmane"),
}

FAMILY_NAMES: dict[Background, tuple[str, ...]] = {
    Background.LATINO: _pool(
        """
        Núñez, Peña, García, Rodríguez, Martínez, Hernández, López, González, Pérez, Sánchez,
        Ramírez, Torres, Flores, Rivera, Gómez, Díaz, Morales, Ortiz, Gutiérrez, Chávez, Ramos,
        Castillo, Jiménez, Vásquez, Mejía, Cruz, Quispe, Guamán, Tzul, Ibáñez, Muñoz, Villalobos,
        Zúñiga, Cordero, Saldaña, Orellana, Barrientos, Cabrera, Paredes, Lozano
        """
    ),
    Background.BRAZILIAN: _pool(
        """
        Gonçalves, Silva, Santos, Oliveira, Souza, Pereira, Ferreira, Almeida, Costa, Carvalho,
        Araújo, Ribeiro, Rodrigues, Lima, Barbosa, Rocha, Moreira, Magalhães, Assunção, Brandão,
        Falcão, Simões, Guimarães, Nogueira, Teixeira, Mendes, Gonçalves da Silva, Conceição
        """
    ),
    Background.HAITIAN: _pool(
        """
        Joseph, Pierre, Jean-Louis, Charles, Louis, Baptiste, Étienne, Célestin, Désir, Dorvil,
        Fleurimond, Augustin, Saint-Fleur, Toussaint, Exantus
        """
    ),
    Background.ANGLO: _pool(
        """
        Murphy, O'Brien, Sullivan, Miller, Johnson, Smith, Walsh, Brennan, Thompson, Anderson,
        Clarke, Fitzgerald, Russo, DeLuca, Esposito, Müller, Schäfer, Cohen, Goldberg, Hale,
        Whitaker, Lindqvist
        """
    ),
    Background.POLISH: ("Kowalski", "Nowak", "Wiśniewska", "Zieliński", "Wójcik"),
    Background.VIETNAMESE: ("Nguyễn", "Trần", "Phạm", "Lê"),
    Background.INDIAN: ("Patel", "Shah", "Desai", "Mehta"),
    Background.GHANAIAN: ("Mensah", "Owusu", "Boateng", "Asante"),
    Background.ARAB: ("Haddad", "Al-Amin", "Khoury", "Saleh"),
    Background.UKRAINIAN: ("Kovalenko", "Shevchenko", "Bondarenko"),
    Background.WEST_AFRICAN: ("Diallo", "Traoré", "Camara", "Keïta"),
}


def random_name(rng: random.Random, background: Background) -> tuple[str, str]:
    """A (given, family) pair; some Latino people carry both family names."""
    given = rng.choice(GIVEN_NAMES[background])
    family = rng.choice(FAMILY_NAMES[background])
    if background == Background.LATINO and rng.random() < 0.2:
        second = rng.choice(FAMILY_NAMES[background])
        if second != family:
            family = f"{family} {second}"
    return given, family


def _local_part(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", fold(text))


class EmailBook:
    """Hands out unique fictional addresses, so only the families we plant share one."""

    DOMAINS = ("example.org", "example.com")

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: set[str] = set()

    def reserve(self, address: str) -> str:
        self._used.add(address)
        return address

    def for_person(self, given: str, family: str) -> str:
        first = _local_part(given.split()[0])
        last = _local_part(family.split()[0])
        patterns = (f"{first}.{last}", f"{first}{last}", f"{first[0]}{last}", f"{first}.{last[0]}")
        domain = self._rng.choice(self.DOMAINS)
        base = self._rng.choice(patterns)
        address = f"{base}@{domain}"
        number = 1
        while address in self._used:
            number += 1
            address = f"{base}{number}@{domain}"
        self._used.add(address)
        return address


AREA_CODES = ("203", "475", "860", "959")


def written_phone(e164_digits: str, style: int) -> str:
    """The same US number the way people write it on forms: (203) 555-0142, 203.555.0142…"""
    area, exchange, line = e164_digits[:3], e164_digits[3:6], e164_digits[6:]
    styles = (
        f"({area}) {exchange}-{line}",
        f"{area}-{exchange}-{line}",
        f"{area}.{exchange}.{line}",
        f"+1 {area} {exchange} {line}",
        f"{area}{exchange}{line}",
    )
    return styles[style % len(styles)]


class PhoneBook:
    """The 400 fictional numbers (four area codes x 555-0100..0199), each dealt once.

    ``rallyorg.domain.validation.normalise_phone`` accepts every one of them.
    """

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._free = [f"{area}5550{line}" for area in AREA_CODES for line in range(100, 200)]
        rng.shuffle(self._free)

    def reserve(self, written: str) -> str:
        """Take a specific number (written any way) out of the pool; returns it as written."""
        digits = re.sub(r"\D", "", written)[-10:]
        self._free.remove(digits)
        return written

    def take(self) -> str:
        if not self._free:
            raise RuntimeError("the demo ran out of fictional phone numbers")
        return written_phone(self._free.pop(), self._rng.randrange(5))
