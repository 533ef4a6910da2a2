"""Where the sample coalition's events happen.

Public places (city halls, the State Capitol, public greens and libraries) carry their real
public addresses. The fictional church and union halls carry only a street name, never a
house number, so the demo can never point at somebody's real door.
"""

from __future__ import annotations

from rallyorg.domain.venues import VenueInput

DANBURY_CITY_HALL = "Danbury City Hall"
KENNEDY_PARK = "Kennedy Park"
STATE_CAPITOL = "Connecticut State Capitol"
NEW_HAVEN_GREEN = "New Haven Green"
NUEVA_VIDA_HALL = "Nueva Vida Fellowship Hall"
LOCAL_3120_HALL = "Local 3120 Union Hall"
DANBURY_LIBRARY = "Danbury Public Library – Community Room"
WATERBURY_LIBRARY = "Silas Bronson Library – Community Room"
MCLEVY_GREEN = "McLevy Green"
STAMFORD_GOVERNMENT_CENTER = "Stamford Government Center"
NORWALK_CITY_HALL = "Norwalk City Hall"

VENUES: tuple[VenueInput, ...] = (
    VenueInput(
        name=DANBURY_CITY_HALL,
        street="155 Deer Hill Ave",
        city="Danbury",
        postal_code="06810",
        accessibility_notes="Rally on the front plaza: level and paved, ramp to the main doors. "
        "Accessible portable toilet on site; chairs for elders beside the stage.",
    ),
    VenueInput(
        name=KENNEDY_PARK,
        street="Main St & Kennedy Ave",
        city="Danbury",
        postal_code="06810",
        accessibility_notes="Paved paths; gather on the lawn by Main St. The march route is flat; "
        "a pace car follows the slow group for anyone who needs to ride.",
    ),
    VenueInput(
        name=STATE_CAPITOL,
        street="210 Capitol Ave",
        city="Hartford",
        postal_code="06106",
        accessibility_notes="Accessible entrance on the north side with elevators inside. A level "
        "area on the north steps is kept free for wheelchairs.",
    ),
    VenueInput(
        name=NEW_HAVEN_GREEN,
        street="Church St & Chapel St",
        city="New Haven",
        postal_code="06510",
        accessibility_notes="Flat lawn crossed by paved paths; we set up near the Church St side, "
        "closest to the bus stops. Bring layers: there is little shelter.",
    ),
    VenueInput(
        name=NUEVA_VIDA_HALL,
        street="Balmforth Ave (side door of the church)",
        city="Danbury",
        postal_code="06810",
        accessibility_notes="Step-free side entrance, hall on one level, accessible restroom. "
        "Parking for people with disabilities behind the building.",
    ),
    VenueInput(
        name=LOCAL_3120_HALL,
        street="Franklin Ave (union hall, second building)",
        city="Hartford",
        postal_code="06114",
        accessibility_notes="Ground floor hall, no steps from the parking lot, accessible restroom. "
        "Hearing loop in the main room.",
    ),
    VenueInput(
        name=DANBURY_LIBRARY,
        street="170 Main St",
        city="Danbury",
        postal_code="06810",
        accessibility_notes="Community room reached by elevator; accessible restrooms on the same "
        "floor. Street parking is tight: allow time to park in a public garage nearby.",
    ),
    VenueInput(
        name=WATERBURY_LIBRARY,
        street="267 Grand St",
        city="Waterbury",
        postal_code="06702",
        accessibility_notes="Ground-floor community room, step-free from the Grand St entrance. "
        "Childcare in the room next door.",
    ),
    VenueInput(
        name=MCLEVY_GREEN,
        street="Main St & State St",
        city="Bridgeport",
        postal_code="06604",
        accessibility_notes="Small paved green downtown; the podium stands on level ground. "
        "Benches along the Main St edge.",
    ),
    VenueInput(
        name=STAMFORD_GOVERNMENT_CENTER,
        street="888 Washington Blvd",
        city="Stamford",
        postal_code="06901",
        accessibility_notes="Plaza with ramps on both sides; the walk follows sidewalks with curb cuts.",
    ),
    VenueInput(
        name=NORWALK_CITY_HALL,
        street="125 East Ave",
        city="Norwalk",
        postal_code="06851",
        accessibility_notes="Community room on the ground floor, step-free from the rear parking lot.",
    ),
)
