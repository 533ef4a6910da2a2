"""Phones written without a country code: read as the coalition's home region, or as Brazil
first for a row or a file in Portuguese; a number no region reads keeps the person."""

from __future__ import annotations

from pathlib import Path

from exchange.conftest import fates
from rallyorg.db import Database
from rallyorg.exchange.columns import ImportKind, header_language
from rallyorg.services import volunteers
from rallyorg.services.imports import run_import

V = ImportKind.VOLUNTEERS


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def phones(db: Database) -> dict[str, tuple[str, str]]:
    rows = volunteers.list_volunteers(db)
    return {row.name: (row.phone, volunteers.get_volunteer(db, row.id).notes) for row in rows}


def test_a_portuguese_form_reads_brazilian_mobiles_without_55(db: Database, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "formulario.csv",
        "Carimbo de data/hora,Nome completo,Endereço de e-mail,Telefone celular\n"
        "2025/05/02 10:01:00,Ana Paula Gonçalves,ana@example.org,(11) 91234-5678\n"
        "2025/05/02 10:05:00,João da Silva,joao@example.org,+1 203 555 0143\n",
    )
    report = run_import(db, path, V)
    assert fates(report) == [(2, "created", None), (3, "created", None)]
    assert [o.warnings for o in report.outcomes] == [(), ()]
    found = phones(db)
    assert found["Ana Paula Gonçalves"][0] == "+5511912345678"
    assert found["João da Silva"][0] == "+12035550143"  # a number with its country code keeps it


def test_a_portuguese_speaker_in_an_english_file_and_the_home_region(db: Database, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "volunteers.csv",
        "First name,Last name,Phone,Languages\n"
        "Marcos,Pereira,(11) 98765-4321,Portuguese\n"
        "Linda,Hall,(203) 555-0144,English\n"
        "Rosa,Quispe,ask at church,Spanish\n",
    )
    report = run_import(db, path, V)
    assert fates(report) == [(2, "created", None), (3, "created", None), (4, "created", None)]
    [rosa] = [o for o in report.outcomes if o.warnings]
    warned = [(w.field, w.params["value"]) for w in rosa.warnings]
    assert (rosa.line, warned) == (4, [("phone", "ask at church")])
    found = phones(db)
    assert found["Marcos Pereira"] == ("+5511987654321", "")
    assert found["Linda Hall"] == ("+12035550144", "")
    assert found["Rosa Quispe"] == ("", "☎ ask at church")


def test_the_home_region_is_a_choice(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "lista.csv", "Nombre,Apellido,Teléfono\nLucía,Mendoza,55 1234 5678\n")
    report = run_import(db, path, V, phone_region="MX")
    assert fates(report) == [(2, "created", None)]
    assert phones(db)["Lucía Mendoza"][0] == "+525512345678"


def test_header_language() -> None:
    assert header_language(("Carimbo de data/hora", "Nome completo", "Endereço de e-mail")) == "pt"
    assert header_language(("Marca temporal", "Nombre completo", "Dirección de correo electrónico")) == "es"
    assert header_language(("First name", "Last name", "Email")) is None
