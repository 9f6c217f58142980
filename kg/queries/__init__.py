"""Small query modules over a built graph: each a function with bound parameters and typed answers.

Entity arguments accept a label, an alias or a surname ("US", "Washington", "Munir").
"""

from kg.queries._base import Answer, facts, find_entity
from kg.queries.claims import Claim, check_claim
from kg.queries.deals import Deal, deals
from kg.queries.entities import relations, timeline
from kg.queries.events import attendees, hosts, invitations
from kg.queries.minerals import export_restrictions, producers, reserves
from kg.queries.positions import positions

__all__ = [
    "Answer", "Claim", "Deal", "attendees", "check_claim", "deals", "export_restrictions", "facts",
    "find_entity", "hosts", "invitations", "positions", "producers", "relations", "reserves", "timeline",
]
