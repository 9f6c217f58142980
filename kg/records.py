"""Frozen records passed between the stages of geokg.

article → spaCy Doc → :class:`Mention` and :class:`RelationMention` → :class:`Entity` and
:class:`Fact` → RDF.  Nothing here imports spaCy or rdflib.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "TYPES",
    "PREDICATES",
    "POLARITIES",
    "MODALITIES",
    "Article",
    "Amount",
    "DateValue",
    "Mention",
    "RelationMention",
    "Evidence",
    "Entity",
    "Fact",
]

TYPES = ("Country", "Person", "Organization", "Event", "Deal", "Mineral", "Location")
PREDICATES = (
    "holdsPosition", "attends", "invitedTo", "hosts", "locatedIn", "metWith", "presentedTo",
    "partyTo", "concerns", "hasReserves", "produces", "restrictsExportOf",
    "proposesPartnership", "seeksToReduceDependenceOn", "investsIn",
)
POLARITIES = ("positive", "negative")
MODALITIES = ("asserted", "planned", "proposed", "hypothetical", "reported")


@dataclass(frozen=True)
class Article:
    """One input article: cleaned text plus metadata.

    ``text`` is the cleaned text; every character offset geokg reports indexes it.
    ``published`` keeps the precision it was given: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
    """

    id: str
    text: str
    title: str = ""
    published: str | None = None
    source_url: str | None = None
    outlet: str | None = None
    path: str | None = None
    content_hash: str = ""
    encoding: str = "utf-8"  # how the file was decoded (a legacy encoding is reported, not rejected)
    dateline: str = ""  # the place of the wire dateline the cleaning removed ("New Delhi")


@dataclass(frozen=True)
class Amount:
    """A money amount normalised to units of its currency (ISO 4217 code)."""

    amount: int
    currency: str
    text: str = ""


@dataclass(frozen=True)
class DateValue:
    """A calendar date at day, month or year precision (``value`` is ``YYYY[-MM[-DD]]``)."""

    value: str
    precision: str
    text: str = ""


@dataclass(frozen=True)
class Mention:
    """A span of the article that names an entity.

    ``key`` is the canonical key when the mention already knows it (a country from the gazetteer:
    ``country:PK``); ``role`` is ``actor`` or ``place`` for capitals and seats of government.
    """

    start: int
    end: int
    text: str
    type: str
    key: str | None = None
    role: str = "actor"
    sentence: int = 0
    value: Amount | None = None
    date: DateValue | None = None
    name: str | None = None  # the canonical name when the text does not carry it ("their summit")


@dataclass(frozen=True)
class RelationMention:
    """One relation read from one sentence, between two mentions."""

    subject: Mention
    predicate: str
    object: Mention
    polarity: str
    modality: str
    rule: str
    strength: float
    sentence_start: int
    sentence_end: int
    sentence_text: str
    qualifiers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: document, sentence, character offsets into the cleaned text, rule."""

    document: str
    sentence: str
    start: int
    end: int
    rule: str


@dataclass(frozen=True)
class Entity:
    """A canonical entity: one node per real thing."""

    key: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    identifiers: tuple[tuple[str, str], ...] = ()
    documents: tuple[str, ...] = ()
    mentions: int = 0
    value: Amount | None = None
    date: DateValue | None = None

    @property
    def identifier_map(self) -> dict[str, str]:
        return dict(self.identifiers)


@dataclass(frozen=True)
class Fact:
    """A relation between canonical entities, with the evidence behind it."""

    subject: str
    predicate: str
    object: str
    polarity: str
    modality: str
    confidence: float
    evidence: tuple[Evidence, ...]
    qualifiers: tuple[tuple[str, str], ...] = field(default=())
    sources: int = 1  # distinct outlets (a document without an outlet counts as its own source)

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(sorted({e.document for e in self.evidence}))

    @property
    def qualifier_map(self) -> dict[str, str]:
        return dict(self.qualifiers)

    @property
    def asserted_positive(self) -> bool:
        return self.polarity == "positive" and self.modality == "asserted"
