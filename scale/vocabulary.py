"""Words the generator draws from: countries by continent, names, purposes.

The countries carry a weight (how often French local governments partner there, in
rough proportion to the national atlas: Germany, Italy, the United Kingdom and Spain
first, then West Africa, North Africa, Eastern Europe, the Americas, Asia), a
centre and a spread for plausible coordinates, languages and a few region names.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Country:
    code: str
    continent: str
    weight: float
    latitude: float
    longitude: float
    spread: float
    languages: str
    regions: tuple[str, ...]
    syllables: tuple[str, ...]


GERMANIC = ("berg", "burg", "dorf", "feld", "hausen", "heim", "stadt", "tal", "wald", "bach")
GERMANIC_START = ("Alt", "Neu", "Ober", "Unter", "Rosen", "Stein", "Lich", "Wald", "Kirch", "Hoch")
LATIN = ("ano", "ello", "ena", "ia", "ona", "ino", "ara", "ola", "ento", "ida")
LATIN_START = ("Bel", "Cas", "Mont", "San", "Val", "Roc", "Ser", "Pal", "Lor", "Ter")
SLAVIC = ("ov", "ice", "ava", "ograd", "inka", "owo", "any", "in", "eni", "ec")
SLAVIC_START = ("Nov", "Star", "Bel", "Kras", "Zlat", "Pol", "Dob", "Sos", "Vel", "Mir")
AFRICAN = ("ou", "ga", "ba", "dou", "kro", "mbo", "sso", "ni", "kane", "dia")
AFRICAN_START = ("Ka", "Bo", "Ou", "Ti", "Sa", "Ko", "Da", "Ma", "Ndi", "Za")
ARABIC = ("ia", "ane", "ir", "out", "ez", "ala", "ine", "ar", "ouf", "ène")
ARABIC_START = ("Ben", "Sidi", "Ain", "Bir", "Dar", "Ras", "Oued", "Tal", "Kef", "Zag")
ASIAN = ("shan", "zhou", "gawa", "yama", "ang", "jin", "saki", "ning", "pur", "bad")
ASIAN_START = ("Nan", "Xi", "Hai", "Kita", "Naka", "Shin", "Dong", "Long", "Ta", "Hua")
AMERICAN = ("ville", "ton", "field", "view", "dale", "port", "wood", "ford", "bury", "land")
AMERICAN_START = ("Spring", "Green", "Lake", "Fair", "Oak", "River", "Clear", "Maple", "Pine")
IBERO = ("ada", "illa", "eira", "ejo", "uela", "ales", "ito", "ega", "osa", "al")
IBERO_START = ("Villa", "Puerto", "Santa", "Río", "Vila", "Alto", "Ponte", "Nueva", "Campo")


G = (GERMANIC_START, GERMANIC)
L = (LATIN_START, LATIN)
S = (SLAVIC_START, SLAVIC)
AF = (AFRICAN_START, AFRICAN)
AR = (ARABIC_START, ARABIC)
AS = (ASIAN_START, ASIAN)
AM = (AMERICAN_START, AMERICAN)
IB = (IBERO_START, IBERO)

# (code, continent, weight, latitude, longitude, spread in degrees, languages, regions)
_TABLE = [
    ("DE", "Europe", 22.0, 51.0, 10.0, 2.5, "de", ("Bayern", "Hessen", "Sachsen"), G),
    ("IT", "Europe", 11.0, 43.0, 12.5, 2.5, "it", ("Toscana", "Piemonte", "Puglia"), L),
    ("GB", "Europe", 10.0, 53.0, -1.5, 2.0, "en", ("England", "Wales", "Scotland"), AM),
    ("ES", "Europe", 6.0, 40.0, -3.5, 2.5, "es", ("Andalucía", "Aragón", "Galicia"), IB),
    ("PL", "Europe", 4.0, 52.0, 19.0, 2.0, "pl", ("Mazowieckie", "Śląskie"), S),
    ("BE", "Europe", 3.0, 50.6, 4.6, 0.6, "fr, nl", ("Wallonie", "Vlaanderen"), G),
    ("PT", "Europe", 3.0, 39.5, -8.2, 1.2, "pt", ("Norte", "Centro", "Alentejo"), IB),
    ("RO", "Europe", 2.5, 45.9, 25.0, 1.8, "ro", ("Transilvania", "Moldova"), L),
    ("CZ", "Europe", 1.5, 49.8, 15.5, 1.0, "cs", ("Morava", "Čechy"), S),
    ("HU", "Europe", 1.5, 47.2, 19.4, 1.0, "hu", ("Pest", "Baranya"), S),
    ("IE", "Europe", 1.0, 53.2, -8.0, 0.8, "en, ga", ("Munster", "Leinster"), AM),
    ("SN", "Africa", 4.0, 14.5, -14.5, 1.2, "fr, wo", ("Thiès", "Saint-Louis", "Kaolack"), AF),
    ("ML", "Africa", 3.0, 13.0, -6.0, 2.5, "fr, bm", ("Kayes", "Ségou", "Mopti"), AF),
    ("BF", "Africa", 3.0, 12.3, -1.5, 1.5, "fr", ("Centre", "Hauts-Bassins"), AF),
    ("BJ", "Africa", 1.5, 8.0, 2.3, 1.0, "fr", ("Atlantique", "Borgou"), AF),
    ("CM", "Africa", 1.5, 5.5, 12.0, 2.0, "fr, en", ("Littoral", "Ouest"), AF),
    ("MG", "Africa", 1.5, -19.0, 46.7, 2.5, "mg, fr", ("Analamanga", "Atsinanana"), AF),
    ("CI", "Africa", 1.2, 7.5, -5.5, 1.5, "fr", ("Lagunes", "Bas-Sassandra"), AF),
    ("MA", "Africa", 3.0, 32.0, -6.5, 2.0, "ar, fr", ("Souss-Massa", "Fès-Meknès"), AR),
    ("TN", "Africa", 1.8, 35.5, 9.8, 1.0, "ar, fr", ("Sfax", "Sousse", "Nabeul"), AR),
    ("DZ", "Africa", 1.5, 35.0, 3.0, 1.5, "ar, fr", ("Oran", "Béjaïa"), AR),
    ("US", "Americas", 3.5, 39.0, -92.0, 9.0, "en", ("Ohio", "Louisiana", "Oregon"), AM),
    ("CA", "Americas", 2.5, 46.5, -72.0, 3.0, "fr, en", ("Québec", "Ontario"), AM),
    ("BR", "Americas", 1.2, -15.0, -47.0, 6.0, "pt", ("São Paulo", "Bahia"), IB),
    ("MX", "Americas", 0.8, 20.5, -100.0, 4.0, "es", ("Jalisco", "Puebla"), IB),
    ("HT", "Americas", 0.8, 18.8, -72.5, 0.5, "fr, ht", ("Ouest", "Nord"), AF),
    ("CL", "Americas", 0.5, -34.0, -71.0, 3.0, "es", ("Valparaíso", "Biobío"), IB),
    ("JP", "Asia", 2.2, 36.0, 138.0, 3.0, "ja", ("Kansai", "Kantō", "Kyūshū"), AS),
    ("CN", "Asia", 2.5, 31.0, 113.0, 6.0, "zh", ("Zhejiang", "Hubei", "Sichuan"), AS),
    ("VN", "Asia", 1.5, 16.0, 107.0, 3.5, "vi", ("Huế", "Hà Nội"), AS),
    ("KR", "Asia", 0.8, 36.5, 127.8, 1.0, "ko", ("Gyeonggi", "Jeolla"), AS),
    ("IN", "Asia", 0.6, 21.0, 78.0, 6.0, "hi, en", ("Kerala", "Rajasthan"), AS),
    ("LB", "Asia", 1.0, 33.9, 35.8, 0.3, "ar, fr", ("Mont-Liban", "Nord"), AR),
    ("IL", "Asia", 0.8, 31.8, 35.0, 0.6, "he, ar", ("Galilée", "Centre"), AR),
    ("AU", "Oceania", 0.4, -33.0, 147.0, 5.0, "en", ("New South Wales", "Victoria"), AM),
    ("NZ", "Oceania", 0.2, -41.0, 174.5, 2.0, "en, mi", ("Canterbury", "Otago"), AM),
    ("VU", "Oceania", 0.2, -16.0, 167.5, 1.0, "bi, fr, en", ("Shefa", "Sanma"), AS),
]

COUNTRIES: tuple[Country, ...] = tuple(
    Country(code, continent, weight, lat, lon, spread, languages, regions, family)
    for code, continent, weight, lat, lon, spread, languages, regions, family in _TABLE
)

# French local governments: parts of commune names, and the default's neighbours.
FRENCH_START = (
    "Saint-",
    "Villeneuve-",
    "Mont",
    "Beau",
    "Bourg-",
    "Château",
    "Fontaine-",
    "Pont-",
    "Roche",
    "Val-",
    "Sainte-",
    "Bois-",
)
FRENCH_ROOT = (
    "Amand",
    "Étienne",
    "sur-Mer",
    "lieu",
    "Vert",
    "Fort",
    "Martin",
    "la-Rivière",
    "Cerf",
    "Lac",
    "Marie",
    "Saône",
    "Noble",
    "Clair",
    "Orme",
)

FIRST_NAMES = (
    "Camille",
    "Louis",
    "Aïcha",
    "Hugo",
    "Léa",
    "Mamadou",
    "Chloé",
    "Yuki",
    "Marta",
    "Jonas",
    "Inès",
    "Karim",
    "Sofia",
    "Thomas",
    "Fatou",
    "Wei",
    "Anna",
    "Julien",
    "Amina",
    "Pierre",
)
LAST_NAMES = (
    "Martin",
    "Bernard",
    "Diallo",
    "Dubois",
    "Nguyen",
    "Rossi",
    "Müller",
    "Traoré",
    "García",
    "Lefebvre",
    "Benali",
    "Kowalski",
    "Moreau",
    "Sato",
    "Fontaine",
    "Silva",
    "Girard",
    "Ndiaye",
    "Laurent",
    "Chen",
)

PURPOSES = (
    "Visite d'étude sur les mobilités urbaines",
    "Mission économique et rencontres d'entreprises",
    "Échanges universitaires et signature d'un accord",
    "Festival culturel et résidences d'artistes",
    "Coopération sur l'eau et l'assainissement",
    "Anniversaire du jumelage",
    "Forum de la jeunesse et échanges scolaires",
    "Gouvernance locale et finances publiques",
    "Santé publique et coopération hospitalière",
    "Transition climatique et énergie",
)

ORGANISATION_WORDS = (
    "Université",
    "Lycée",
    "Association",
    "Société",
    "Chambre de commerce",
    "Centre hospitalier",
    "Compagnie",
    "Club",
    "Maison",
    "Institut",
)

NETWORKS = (
    ("Association internationale des maires francophones", "AIMF", "francophone"),
    ("Eurocities", "", "europe"),
    ("Intercultural Cities", "ICC", "europe"),
    ("Cités et gouvernements locaux unis", "CGLU", "world"),
    ("Cités unies France", "CUF", "national"),
    ("Observatoire international des maires sur le vivre ensemble", "OIM", "world"),
)

FRENCH_CONSULAR_CITIES = (
    "Lyon",
    "Marseille",
    "Bordeaux",
    "Strasbourg",
    "Toulouse",
    "Lille",
    "Nice",
    "Nantes",
)
