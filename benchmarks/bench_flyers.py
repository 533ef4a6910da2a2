"""How long a flyer takes: one PDF per layout, and a batch of 100 (``rallyorg flyer --upcoming``).

Run:  python benchmarks/bench_flyers.py [--batch 100] [--repeat 5]

Builds a temporary SQLite database with one bilingual rally (texts in three languages, a venue,
three co-sponsors, a public page) through the services, then times ``render_flyer`` (the PDF in
memory) and ``render_flyer`` + ``save_pdf`` for a batch. Prints milliseconds (best of
``--repeat`` runs) and the size of each PDF. Not a test: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
import zoneinfo
from collections.abc import Callable
from pathlib import Path

from rallyorg.db import Database, open_database
from rallyorg.domain.enums import PartnerRole
from rallyorg.domain.events import EventData, EventInput, EventPartnerInput, EventTextInput
from rallyorg.domain.venues import VenueInput
from rallyorg.flyers import FlyerOptions, Layout, Paper, default_paper, render_flyer, save_pdf
from rallyorg.services import events, partners, venues

START = dt.datetime(2025, 5, 20, 15, 0, tzinfo=zoneinfo.ZoneInfo("America/New_York"))


def make_event(db: Database) -> EventData:
    lead, *groups = [
        partners.create_group(db, partners.PartnerGroupInput(name=name))
        for name in (
            "Familias Unidas Coalition",
            "Iglesia San José",
            "Maple Street Workers Center",
            "Centro Comunitário Brasileiro",
        )
    ]
    venue = venues.create_venue(
        db, VenueInput(name="Danbury City Hall Plaza", street="155 Deer Hill Ave", city="Danbury")
    )
    texts = {
        "en": EventTextInput(
            title="Rally for the TRUST Act: Keep Families Together",
            summary="Join neighbors, faith leaders and workers to demand that Connecticut strengthen "
            "the TRUST Act. Hear from families affected by detentions, and learn your rights.",
            call_to_action="Bring a sign, bring a friend. Everyone is welcome.",
            accessibility_note="Wheelchair accessible. ASL and Spanish interpretation on site.",
        ),
        "es": EventTextInput(
            title="Manifestación por la Ley TRUST: Mantengamos a las familias unidas",
            summary="Únete a vecinos, líderes religiosos y trabajadores para exigir que Connecticut "
            "fortalezca la Ley TRUST. Escucha a familias afectadas por las detenciones y conoce tus "
            "derechos.",
            call_to_action="Trae un cartel, trae a un amigo. Todos son bienvenidos.",
            accessibility_note="Accesible para sillas de ruedas. Interpretación en ASL y español.",
        ),
        "pt_BR": EventTextInput(
            title="Ato pela Lei TRUST: Famílias Unidas",
            summary="Junte-se a vizinhos, líderes religiosos e trabalhadores para exigir que "
            "Connecticut fortaleça a Lei TRUST.",
            call_to_action="Traga um cartaz, traga um amigo.",
            accessibility_note="Acessível para cadeirantes. Interpretação em ASL e espanhol.",
        ),
    }
    return events.create_event(
        db,
        EventInput(
            starts_at=START,
            ends_at=START + dt.timedelta(hours=2),
            venue_id=venue.id,
            lead_group_id=lead.id,
            public_url="https://example.org/e/trust-act-danbury",
            texts=texts,
            partners=(
                EventPartnerInput(lead.id, PartnerRole.LEAD),
                *(EventPartnerInput(g.id) for g in groups),
            ),
        ),
    )


def best_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=100, help="flyers in the batch (default 100)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure; the best is shown")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        db = open_database(f"sqlite:///{Path(folder) / 'bench.db'}")
        event = make_event(db)
        db.close()

        started = time.perf_counter()
        render_flyer(event, FlyerOptions())
        first = (time.perf_counter() - started) * 1000
        print(f"first flyer (loads and registers the fonts): {first:7.1f} ms")

        print(f"{'layout':<10} {'paper':<8} {'languages':<10} {'ms/flyer':>9} {'KB':>6}")
        for layout in Layout:
            for languages in (("en", "es"), ("es",)):
                options = FlyerOptions(languages=languages, layout=layout, paper=default_paper(layout))
                size = len(render_flyer(event, options).pdf) / 1024
                ms = best_ms(lambda options=options: render_flyer(event, options), args.repeat)
                print(f"{layout:<10} {options.paper:<8} {','.join(languages):<10} {ms:9.1f} {size:6.1f}")

        options = FlyerOptions(languages=("en", "es"), layout=Layout.COLUMNS, paper=Paper.LETTER)
        out = Path(folder) / "out"
        out.mkdir()

        def batch() -> None:
            for number in range(args.batch):
                save_pdf(out / f"flyer-{number}.pdf", render_flyer(event, options).pdf)

        runs = [best_ms(batch, 1) for _ in range(max(1, args.repeat // 2))]
        total = min(runs)
        print(
            f"batch of {args.batch} (columns, letter, en+es, written to disk): {total:8.0f} ms "
            f"= {total / args.batch:.1f} ms/flyer (median run {statistics.median(runs):.0f} ms)"
        )


if __name__ == "__main__":
    main()
