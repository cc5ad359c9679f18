"""Generated applicants for the demo's round 3: invented names, a seeded
random choice of countries, languages, interests and time zones."""

import random

from .matching.availability import PERIODS, hours_of_periods
from .models.applications import CareerStage, KeepInTouch, Sector

FIRST_NAMES = [
    "Ana", "Bola", "Chen", "Dana", "Emeka", "Fatima", "Goran", "Hana", "Ines",
    "Jonas", "Kemi", "Lucia", "Mateo", "Nadia", "Olu", "Priya", "Quentin",
    "Rosa", "Sami", "Tomas", "Uma", "Vera", "Wen", "Ximena", "Yusuf", "Zora",
]  # fmt: skip
LAST_NAMES = [
    "Abara", "Bianchi", "Castro", "Diallo", "Eriksen", "Fontaine", "Garcia",
    "Haddad", "Ito", "Jensen", "Kowalski", "Lopez", "Mensah", "Novak", "Okafor",
    "Petrov", "Quispe", "Rahman", "Silva", "Tanaka", "Umar", "Varga", "Wong",
]  # fmt: skip

# country, time zone, languages spoken there (the first always)
COUNTRIES = [
    ("ES", "Europe/Madrid", ["es"]),
    ("MX", "America/Mexico_City", ["es"]),
    ("AR", "America/Argentina/Buenos_Aires", ["es"]),
    ("CO", "America/Bogota", ["es"]),
    ("PE", "America/Lima", ["es"]),
    ("CL", "America/Santiago", ["es"]),
    ("GB", "Europe/London", ["en"]),
    ("IE", "Europe/Dublin", ["en"]),
    ("US", "America/New_York", ["en", "es"]),
    ("CA", "America/Toronto", ["en", "fr"]),
    ("AU", "Australia/Sydney", ["en"]),
    ("NZ", "Pacific/Auckland", ["en"]),
    ("NG", "Africa/Lagos", ["en"]),
    ("GH", "Africa/Accra", ["en"]),
    ("KE", "Africa/Nairobi", ["en", "sw"]),
    ("ZA", "Africa/Johannesburg", ["en"]),
    ("IN", "Asia/Kolkata", ["en", "hi"]),
    ("HK", "Asia/Hong_Kong", ["zh", "en"]),
    ("SG", "Asia/Singapore", ["en", "zh", "ms"]),
    ("PH", "Asia/Manila", ["en"]),
    ("FR", "Europe/Paris", ["fr"]),
    ("BE", "Europe/Brussels", ["fr", "nl"]),
    ("SN", "Africa/Dakar", ["fr"]),
    ("CM", "Africa/Douala", ["fr", "en"]),
    ("DE", "Europe/Berlin", ["de"]),
    ("IT", "Europe/Rome", ["it"]),
    ("PT", "Europe/Lisbon", ["pt"]),
    ("BR", "America/Sao_Paulo", ["pt"]),
    ("NL", "Europe/Amsterdam", ["nl"]),
    ("PL", "Europe/Warsaw", ["pl"]),
    ("JP", "Asia/Tokyo", ["ja"]),
    ("EG", "Africa/Cairo", ["ar"]),
]
SECOND_LANGUAGES = ["en", "en", "en", "es", "fr", "pt", "de"]

INTERESTS = [
    ("cataloguing", "catalogación"),
    ("outreach", "difusión"),
    ("digital collections", "colecciones digitales"),
    ("information literacy", "alfabetización informacional"),
    ("research support", "apoyo a la investigación"),
    ("children's services", "servicios infantiles"),
    ("open access", "acceso abierto"),
    ("management", "gestión"),
    ("preservation", "preservación"),
    ("community engagement", "participación comunitaria"),
]


WEEKDAYS, WEEKEND = range(5), range(5, 7)


def weekly_availability(rng):
    """Local hours of the week someone is free, as real weeks look: weekday
    evenings, weekday mornings, weekends only, one single block, every block
    of the week, or not given at all."""
    shape = rng.choice(
        ["evenings", "evenings", "mornings", "weekend", "one", "all", "mixed", "none"]
    )
    periods = [code for code, _start, _end in PERIODS]
    if shape == "none":
        return []
    if shape == "one":
        blocks = [f"{rng.randrange(7)}-{rng.choice(periods)}"]
    elif shape == "all":
        blocks = [f"{day}-{period}" for day in range(7) for period in periods]
    elif shape == "weekend":
        blocks = [f"{day}-{period}" for day in WEEKEND for period in periods]
    elif shape == "mixed":
        every = [f"{day}-{period}" for day in range(7) for period in periods]
        blocks = rng.sample(every, rng.randint(2, 8))
    else:
        period = "evening" if shape == "evenings" else "morning"
        blocks = [f"{day}-{period}" for day in WEEKDAYS]
    return hours_of_periods(blocks)


def generate(seed, count):
    """`count` applicant dicts, the same for the same seed."""
    rng = random.Random(seed)
    # Availability has its own generator, so the rest stays as it was.
    times = random.Random(f"availability-{seed}")
    people = []
    for index in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        country, time_zone, spoken = rng.choice(COUNTRIES)
        languages = list(spoken)
        if rng.random() < 0.7:
            extra = rng.choice(SECOND_LANGUAGES)
            if extra not in languages:
                languages.append(extra)
        people.append(
            {
                "name": f"{first} {last}",
                "email": f"{first}.{last}.{index}@example.org".lower(),
                "country": country,
                "time_zone": time_zone,
                "languages": languages,
                "sector": rng.choice(Sector.values),
                "career_stage": rng.choice(CareerStage.values),
                "keep_in_touch": rng.sample(KeepInTouch.values, rng.randint(1, 2)),
                "interests": rng.sample(range(len(INTERESTS)), rng.randint(1, 3)),
                "language": "es" if "es" in languages[:1] else "en",
                "earlier_rounds": rng.choice([0, 0, 0, 1, 2]),
                "connected": rng.random() < 0.7,
                "availability": weekly_availability(times),
            }
        )
    return people
