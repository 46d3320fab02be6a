"""The RDF vocabulary plankg writes: namespaces, class and property names, IRI minting.

Every term used by the loaders, shapes, queries and views is named here once, so that the
ontology (ontology/plankg.ttl), the SHACL shapes and the query library agree by construction.
"""

from __future__ import annotations

import hashlib

from pyoxigraph import NamedNode
from rdflib import Namespace

PK = Namespace("https://w3id.org/plankg/ontology#")
ID = Namespace("https://w3id.org/plankg/id/")
OA = Namespace("http://www.w3.org/ns/oa#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
QB = Namespace("http://purl.org/linked-data/cube#")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCT = Namespace("http://purl.org/dc/terms/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES = Namespace("https://w3id.org/plankg/shapes#")  # the SHACL shapes (shapes/), prefix pks

PREFIXES: dict[str, Namespace] = {
    "pk": PK,
    "oa": OA,
    "eli": ELI,
    "org": ORG,
    "qb": QB,
    "prov": PROV,
    "dct": DCT,
    "skos": SKOS,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "rdf": RDF,
}

SPARQL_PREFIXES = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items())

# The prefixes every ad-hoc query starts with, and that tables and exports shorten IRIs with: the vocabularies
# above and the data's own namespace (pkid:plan/210000/…, pkid:region/210000).
QUERY_PREFIXES: dict[str, str] = {**{p: str(ns) for p, ns in PREFIXES.items()}, "pkid": str(ID)}

# The terms Python code writes or matches most, as pyoxigraph terms.
RDF_TYPE = NamedNode(str(RDF.type))
RDFS_LABEL = NamedNode(str(RDFS.label))
XSD_INTEGER = NamedNode(str(XSD.integer))
XSD_DATETIME = NamedNode(str(XSD.dateTime))

# Graphs that are not a document's own graph.
REGIONS_GRAPH = ID["graph/regions"]
CITED_GRAPH = ID["graph/cited"]
RUNS_GRAPH = ID["graph/runs"]
LINEAGE_GRAPH = ID["graph/lineage"]
INFERRED_GRAPH = ID["graph/inferred"]

CHINA = ID["region/CN"]  # the nation, adminCode 000000

# Document types (SKOS concepts of pk:DocumentTypes), by the slug that is also their plan IRI segment.
DOC_TYPES = {
    "fyp": PK.FiveYearPlan,
    "special-plan": PK.SpecialPlan,
    "outline": PK.Outline,
    "proposal": PK.Proposal,
    "annual": PK.AnnualWorkPlan,
    "implementation-plan": PK.ImplementationPlan,
    "action-plan": PK.ActionPlan,
    "opinion": PK.Opinion,
    "measures": PK.PolicyMeasures,
    "rules": PK.Rules,
    "contingency-plan": PK.ContingencyPlan,
    "decision": PK.Decision,
    "work-report": PK.WorkReport,
    "notice": PK.Notice,
}
# The plan IRI segments that stand for a part of a plan's identity its text does not state.
UNKNOWN_REGION = "unknown-region"
UNKNOWN_TYPE = "document"
UNTITLED = "untitled"  # the title key of a plan whose text states no title
NATION_CODE = "000000"

# Region levels.
LEVELS = {
    "country": PK.Country,
    "province": PK.Province,
    "prefecture": PK.PrefectureCity,
    "district": PK.District,
    "zone": PK.FunctionalZone,
    "zone-area": PK.ZoneArea,
    "township": PK.Township,
}

# Kinds of an indicator value (a column of an indicator table).
VALUE_KINDS = {"actual": PK.Actual, "target": PK.Target, "growth": PK.AnnualGrowth, "status": PK.CompletionStatus}

# What a structural unit or passage states (pk:ContentRoles), by the loaders' role names (loaders/roles.py).
ROLES = {
    "background": PK.Background,
    "significance": PK.Significance,
    "guiding": PK.GuidingThought,
    "principles": PK.Principles,
    "goals": PK.Goals,
    "requirements": PK.GeneralRequirements,
    "scope": PK.Scope,
    "responsibilities": PK.Responsibilities,
    "closing": PK.ClosingProvisions,
}
# The part a responsible body plays in a measure (pk:ResponsibilityRoles).
RESPONSIBILITY_ROLES = {"lead": PK.LeadRole, "responsible": PK.ResponsibleRole, "supporting": PK.SupportingRole}


def region_segment(key: str) -> str:
    """A region's IRI segment: its six-digit GB/T 2260 code, CN for the nation (000000), or for a place without a
    code (a zone, a town) its key, zone-… or town-… (loaders.regions.Region.key)."""
    return "CN" if key == NATION_CODE else key


def region_iri(key: str) -> str:
    """The IRI of a region, from its six-digit GB/T 2260 code (000000: the nation, region/CN) or its key."""
    return str(ID[f"region/{region_segment(key)}"])


def plan_iri(region_key: str | None, doc_type: str, period: str, title_key: str) -> str:
    """The IRI of a plan as a work: one per region, document type, period and title, whatever its script (two
    十四五 plans of one ministry are two plans). A region the text does not state is the segment unknown-region
    (never a real region's code); title_key is a short hash of the normalised title (loaders.triples)."""
    region = region_segment(region_key) if region_key else UNKNOWN_REGION
    return str(ID[f"plan/{region}/{doc_type}/{period}/{title_key}"])


def expression_iri(plan: str, script: str) -> str:
    """The IRI of one rendering (zh-Hans or zh-Hant) of a plan; it names the document's graph too."""
    return f"{plan}/{script}"


def graph_iri(expression: str) -> str:
    """The named graph holding everything derived from one source document."""
    return expression.replace(str(ID["plan/"]), str(ID["graph/plan/"]), 1)


def org_iri(simplified_name: str) -> str:
    """An organisation (an issuer, a body responsible for a measure), identified by its name in Simplified script,
    so that every document naming it, in either script, points at one node."""
    digest = hashlib.sha256(simplified_name.encode("utf-8")).hexdigest()[:16]
    return str(ID[f"org/{digest}"])


def cited_work_iri(normalised_title: str) -> str:
    """A cited document, identified by its normalised (Simplified, unquoted) title."""
    digest = hashlib.sha256(normalised_title.encode("utf-8")).hexdigest()[:16]
    return str(ID[f"work/{digest}"])
