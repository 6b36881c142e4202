"""Grow the real graph's shape to national scale: a deterministic synthetic graph for benchmarks.

The output is N-Triples with only new, synthetic instance nodes, under the real namespaces
but marked ``syn-`` (``https://w3id.org/naravard/id/initiative/syn-...``). It is meant to be
loaded together with the ontology and ``graph/reference/*.ttl``: the 21 regions, the 290
municipalities, their counties and every concept (themes, target groups, statuses, tasks,
roles, levels, document types, frequencies, national documents) are read from there with
rdflib, never typed here; a concept the generator names is checked to exist.

The stream is made of whole units, each emitted or left out as a whole:

* **region set-up** (first, once per region): a collaboration-structure document, the
  health-care board (political: the top of the chains), the management group, a programme
  office, a joint political council and a joint management group of region and
  municipalities, three posts, memberships, responsibilities that report up to the
  political level (with frequency where drawn), and a system;
* **plan version** (organisation, plan series, year): an ``nv:Plan`` that is a version of
  its ``nv:DocumentSeries`` and replaces last year's, adopted by the political body, with
  goals, priority areas, new initiatives (themes, target group, owner or, for about 10 %,
  ``nv:ownerNotNamed true``, part of an area, participants, system), one plan item per
  active initiative and area with year and status (statuses move on year by year: new,
  pilot, scale-up ... ended, then the item is dropped), and a follow-up responsibility.
  A municipality's first plan also sets up its board, management, local collaboration
  group (LSG, under the region's joint group), post and memberships;
* **report** (organisation, plan series, year): the follow-up document with observations
  (value, unit, date, area, theme), plan items on the state of a few initiatives and, in
  half of them, a local example that, as in the real report, mostly has no named owner.

Every node carries ``prov:wasDerivedFrom`` an ``nv:Evidence`` (document, section, a
synthetic quote of at most 220 characters in an ``oa:TextQuoteSelector``); every document
names its region (``nv:region``) and a source file, so the build's rule derives
``nv:inRegion`` as for the real single-region documents. The quotes are in no corpus.

Order: all region set-ups; then, year by year from 2016 to 2030, the regions' plans, the
municipalities' plans (round-robin over the regions: the first municipality of each
region, then the second ...) and the reports in the same order; after 2030 the next plan
series starts over in 2016. Every prefix is a consistent graph, so generation stops at the
unit boundary nearest the target. Same arguments, same bytes.

    python benchmarks/synthetic.py --triples 100000 --out /tmp/syn-100k.nt [--seed 0]
"""

from __future__ import annotations

import argparse
import functools
import itertools
import os
import random
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD

from naravard_kg.core.namespaces import FREQ, NV, NVID, OA
from naravard_kg.core.paths import Layout
from naravard_kg.core.prefixes import expand_curie

T = TypeVar("T")

REFERENCE = Layout().graph / "reference"
YEARS = range(2016, 2031)
MAX_QUOTE = 220
PROGRESS_EVERY = 1_000_000

# Shares of optional facts, as measured on graph/ (431 initiatives, 193 plan items): a target
# group 25 %, part of a larger whole 36 %, participants 65 %, a system 4 %, a place 5 % and a
# decider 3 % of items. Owners: the real roadmaps name all 20 of theirs, the real report's
# examples mostly none (47 of 66); the compilation of 2020, with no counterpart here, 79 %.
UNNAMED_IN_PLANS = 0.10
UNNAMED_IN_REPORTS = 0.70
TARGET_GROUP_SHARE = 0.25
PART_OF_SHARE = 0.35
PARTICIPANT_SHARE = 0.65
SYSTEM_SHARE = 0.04
PLACE_SHARE = 0.05
DECIDED_SHARE = 0.03
BEFORE_YEAR_SHARE = 0.02
STRATEGY_SHARE = 0.10
MAX_ACTIVE = 12

# Plan series of every organisation; after the last, the list starts over with a number.
SERIES = (
    ("fardplan-nara-vard", "Färdplan nära vård", "doctype:roadmap"),
    ("handlingsplan-psykisk-halsa", "Handlingsplan för psykisk hälsa", "doctype:action-plan"),
    ("aldreplan", "Plan för vård och omsorg om äldre", "doctype:action-plan"),
    ("barn-och-unga", "Plan för barns och ungas hälsa", "doctype:action-plan"),
)

# How an initiative's status moves on from one plan version to the next (weights).
TRANSITIONS = {
    "planned": (("new", 1),),
    "new": (("continued", 4), ("pilot", 2), ("implementation", 3)),
    "pilot": (("pilot", 3), ("scale-up", 5), ("ended", 1)),
    "scale-up": (("scale-up", 3), ("scaled-up", 6)),
    "implementation": (("implementation", 3), ("continued", 4), ("scaled-up", 2)),
    "continued": (("continued", 6), ("ended", 3)),
    "scaled-up": (("scaled-up", 5), ("ended", 3)),
}
FIRST_STATUS = (("new", 6), ("pilot", 3), ("planned", 1))
INITIATIVE_KINDS = ("Satsning på", "Utveckling av", "Samverkan kring", "Införande av", "Pilot för")
MEASURES = (
    ("Andel invånare som nåtts av insatser inom {area}", "procent", 5.0, 95.0),
    ("Antal genomförda insatser inom {area}", "antal insatser", 10.0, 5000.0),
    ("Antal medarbetare utbildade inom {area}", "antal medarbetare", 5.0, 800.0),
    ("Andel enheter som arbetar enligt gemensam rutin inom {area}", "procent", 10.0, 100.0),
)

# Every concept the generator names; each must be defined in graph/reference.
NAMED_CONCEPTS = (
    *(f"status:{s}" for s in ("planned", "new", "continued", "pilot", "scale-up")),
    *(f"status:{s}" for s in ("scaled-up", "implementation", "ended")),
    *(f"task:{t}" for t in ("report", "follow-up", "drive", "lead", "link")),
    *(f"level:{v}" for v in ("politisk", "strategisk", "operativ")),
    *(f"role:{r}" for r in ("regiondirektor", "halso-och-sjukvardsdirektor", "programchef")),
    *(f"role:{r}" for r in ("socialchef", "politiker")),
    *(kind for _, _, kind in SERIES),
    "doctype:collaboration-structure",
)


# ---------------------------------------------------------------- N-Triples terms

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def iri(value: str) -> str:
    """An IRI term."""
    return f"<{value}>"


def text(value: str, lang: str = "sv") -> str:
    """A language-tagged literal, escaped as N-Triples requires."""
    return f'"{value.translate(_ESCAPES)}"@{lang}'


def plain(value: str) -> str:
    """A plain (xsd:string) literal."""
    return f'"{value.translate(_ESCAPES)}"'


def typed(value: str, datatype: URIRef) -> str:
    """A literal of ``datatype``."""
    return f'"{value.translate(_ESCAPES)}"^^<{datatype}>'


def shorten(quote: str) -> str:
    """``quote`` cut to ``MAX_QUOTE`` UTF-8 bytes. pySHACL measures sh:maxLength in
    characters but pyrudof (the oxigraph bundle) in bytes, where å, ä and ö count twice;
    cut to bytes, the quote passes both."""
    return quote.encode("utf-8")[:MAX_QUOTE].decode("utf-8", "ignore").rstrip()


def synthetic(kind: str, local: str) -> str:
    """The IRI term of a synthetic instance node: ``nvid:<kind>/syn-<local>``."""
    return iri(f"{NVID}{kind}/syn-{local}")


A, LABEL, DERIVED = iri(str(RDF.type)), iri(str(RDFS.label)), iri(str(PROV.wasDerivedFrom))
DEFINITION = iri(str(SKOS.definition))
TITLE, DTYPE, DATE = iri(str(DCTERMS.title)), iri(str(DCTERMS.type)), iri(str(DCTERMS.date))
SPATIAL, PUBLISHER = iri(str(DCTERMS.spatial)), iri(str(DCTERMS.publisher))
CREATOR, REFERENCES = iri(str(DCTERMS.creator)), iri(str(DCTERMS.references))
VERSION_OF, REPLACES = iri(str(DCTERMS.isVersionOf)), iri(str(DCTERMS.replaces))
ALTERNATIVE = iri(str(DCTERMS.alternative))
REVISION_OF = iri(str(PROV.wasRevisionOf))
SUB_ORG, POST_IN = iri(str(ORG.subOrganizationOf)), iri(str(ORG.postIn))
ROLE, MEMBER, ORGANIZATION = iri(str(ORG.role)), iri(str(ORG.member)), iri(str(ORG.organization))
HAS_SOURCE, HAS_SELECTOR, EXACT = (
    iri(str(OA.hasSource)),
    iri(str(OA.hasSelector)),
    iri(str(OA.exact)),
)


def nv(name: str) -> str:
    """The IRI term of an ontology term ``nv:<name>``."""
    return iri(str(NV[name]))


def oa(name: str) -> str:
    """The IRI term of a Web Annotation term ``oa:<name>``."""
    return iri(str(OA[name]))


# ---------------------------------------------------------------- the reference data


@dataclass(frozen=True)
class Organisation:
    """A real region or municipality of ``graph/reference``."""

    term: str
    slug: str
    label: str
    county: str
    region: str

    @property
    def is_region(self) -> bool:
        return self.term == self.region


@dataclass(frozen=True)
class Reference:
    """What the generator takes from ``graph/reference``, sorted so runs are repeatable."""

    regions: tuple[Organisation, ...]
    municipalities: dict[str, tuple[Organisation, ...]]
    themes: tuple[tuple[str, str], ...]
    target_groups: tuple[str, ...]
    national_documents: tuple[str, ...]
    frequencies: tuple[str, ...]
    concepts: dict[str, str]
    status_labels: dict[str, str]


def _sv_label(graph: Graph, node: URIRef) -> str:
    """The Swedish rdfs:label or skos:prefLabel of ``node``."""
    for predicate in (RDFS.label, SKOS.prefLabel):
        for value in sorted(graph.objects(node, predicate)):
            if getattr(value, "language", None) == "sv":
                return str(value)
    raise ValueError(f"graph/reference gives {node} no Swedish label")


def _typed_subjects(graph: Graph, cls: URIRef) -> list[URIRef]:
    return sorted(s for s in graph.subjects(RDF.type, cls) if isinstance(s, URIRef))


def _organisations(graph: Graph) -> tuple[list[Organisation], list[Organisation]]:
    """The regions and the municipalities (Region Gotland, both, counts as a region)."""
    regions = [
        Organisation(iri(r), r.rsplit("/", 1)[-1], _sv_label(graph, r), iri(c), iri(r))
        for r in _typed_subjects(graph, NV.Region)
        for c in [graph.value(r, DCTERMS.spatial)]
    ]
    region_of_county = {r.county: r.term for r in regions}
    municipalities = [
        Organisation(iri(m), m.rsplit("/", 1)[-1], _sv_label(graph, m), county, region)
        for m in _typed_subjects(graph, NV.Municipality)
        if iri(m) not in region_of_county.values()
        for county in [iri(graph.value(m, NV.inCounty))]
        for region in [region_of_county[county]]
    ]
    return regions, municipalities


def _named_concepts(graph: Graph) -> dict[str, str]:
    """The IRI term of each concept in ``NAMED_CONCEPTS``; an error if one is missing."""
    concepts = {}
    for curie in NAMED_CONCEPTS:
        node = URIRef(expand_curie(curie) or curie)
        if (node, RDF.type, None) not in graph:
            raise ValueError(f"graph/reference does not define {curie}")
        concepts[curie] = iri(node)
    return concepts


def read_reference(folder: Path = REFERENCE) -> Reference:
    """Parse ``folder/*.ttl`` and collect the organisations and concepts to reuse."""
    graph = Graph()
    for path in sorted(folder.glob("*.ttl")):
        graph.parse(path, format="turtle")
    regions, municipalities = _organisations(graph)
    top = set(graph.subjects(SKOS.topConceptOf, None))
    statuses = _typed_subjects(graph, NV.Status)
    return Reference(
        regions=tuple(regions),
        municipalities={
            r.term: tuple(m for m in municipalities if m.region == r.term) for r in regions
        },
        themes=tuple(
            (iri(t), _sv_label(graph, t)) for t in _typed_subjects(graph, NV.Theme) if t not in top
        ),
        target_groups=tuple(iri(t) for t in _typed_subjects(graph, NV.TargetGroup)),
        national_documents=tuple(iri(d) for d in _typed_subjects(graph, NV.NationalDocument)),
        frequencies=tuple(
            iri(f) for f in _typed_subjects(graph, SKOS.Concept) if str(f).startswith(str(FREQ))
        ),
        concepts=_named_concepts(graph),
        status_labels={str(s).rsplit("/", 1)[-1]: _sv_label(graph, s) for s in statuses},
    )


def interleave(groups: Iterable[Sequence[T]]) -> list[T]:
    """Round-robin: the first of every group, then the second of every group, ..."""
    lists = list(groups)
    longest = max(map(len, lists), default=0)
    return [group[i] for i in range(longest) for group in lists if i < len(group)]


# ---------------------------------------------------------------- one unit of output


class Unit:
    """The triples of one unit, all stated by one synthetic document (``doc:syn-<local>``)."""

    def __init__(self, local: str) -> None:
        self.local = local
        self.document = synthetic("document", local)
        self.lines: list[str] = []
        self._evidence = 0

    def add(self, subject: str, predicate: str, *objects: str) -> None:
        """One triple per object."""
        for obj in objects:
            self.lines.append(f"{subject} {predicate} {obj} .\n")

    def node(self, subject: str, types: Sequence[str], label: str, *evidence: str) -> None:
        """Types, Swedish label and evidence of a node."""
        self.add(subject, A, *types)
        self.add(subject, LABEL, text(label))
        self.add(subject, DERIVED, *evidence)

    def evidence(self, section: str, quote: str) -> str:
        """A new evidence node of this unit's document, with a quote selector."""
        self._evidence += 1
        name = f"{self.local}-e{self._evidence}"
        evidence, selector = synthetic("evidence", name), f"_:syn-{name}"
        self.add(evidence, A, nv("Evidence"))
        self.add(evidence, HAS_SOURCE, self.document)
        self.add(evidence, nv("section"), plain(section))
        self.add(evidence, HAS_SELECTOR, selector)
        self.add(selector, A, oa("TextQuoteSelector"))
        self.add(selector, EXACT, plain(shorten(quote)))
        return evidence


# ---------------------------------------------------------------- the organisations' structure


@dataclass(frozen=True)
class BodySpec:
    """A body each region (or municipality) gets, with the classes and level it has."""

    key: str
    classes: tuple[str, ...]
    level: str | None
    name: str
    english: str
    parent: str | None = "org"


@dataclass(frozen=True)
class PostSpec:
    """A post each region (or municipality) gets."""

    key: str
    role: str
    name: str


@dataclass(frozen=True)
class Duty:
    """A standing responsibility: ``holder`` ``phrase`` ``recipient`` (keys of ``actors``)."""

    key: str
    holder: str
    task: str
    recipient: str
    phrase: str
    anchored: str | None = None


REGION_BODIES = (
    BodySpec("hsn", ("PoliticalBody",), "politisk", "Hälso- och sjukvårdsnämnden", "Health board"),
    BodySpec(
        "ledning", ("OfficialsBody",), "strategisk", "Regionledningsgruppen", "Management group"
    ),
    BodySpec(
        "programkontor",
        ("ProgrammeOffice",),
        None,
        "Programkontoret för nära vård",
        "Programme office",
    ),
    BodySpec(
        "samverkansrad",
        ("CollaborationBody", "PoliticalBody"),
        "politisk",
        "Politiskt samverkansråd för nära vård",
        "Joint political council",
        None,
    ),
    BodySpec(
        "lansledning",
        ("CollaborationBody", "OfficialsBody"),
        "strategisk",
        "Länsgemensam ledningsgrupp för nära vård",
        "Joint management group",
        None,
    ),
)
MUNICIPALITY_BODIES = (
    BodySpec("namnd", ("PoliticalBody",), "politisk", "Socialnämnden", "Social services board"),
    BodySpec(
        "ledning",
        ("OfficialsBody",),
        "strategisk",
        "Förvaltningsledningen för vård och omsorg",
        "Care management group",
    ),
    BodySpec(
        "lsg",
        ("LocalCollaborationGroup",),
        "operativ",
        "Lokal samverkansgrupp för nära vård",
        "Local collaboration group",
        "r:lansledning",
    ),
)
REGION_POSTS = (
    PostSpec("rd", "role:regiondirektor", "Regiondirektör"),
    PostSpec("hsd", "role:halso-och-sjukvardsdirektor", "Hälso- och sjukvårdsdirektör"),
    PostSpec("programchef", "role:programchef", "Programchef för nära vård"),
)
MUNICIPALITY_POSTS = (PostSpec("socialchef", "role:socialchef", "Socialchef"),)
# (body, member, role) of each membership.
REGION_MEMBERS = (
    ("ledning", "rd", "role:regiondirektor"),
    ("ledning", "hsd", "role:halso-och-sjukvardsdirektor"),
    ("lansledning", "hsd", "role:halso-och-sjukvardsdirektor"),
    ("programkontor", "programchef", "role:programchef"),
    ("samverkansrad", "org", "role:politiker"),
)
MUNICIPALITY_MEMBERS = (
    ("r:samverkansrad", "org", "role:politiker"),
    ("r:lansledning", "socialchef", "role:socialchef"),
    ("ledning", "socialchef", "role:socialchef"),
    ("lsg", "org", None),
)
REGION_DUTIES = (
    Duty("ledning-rapporterar", "ledning", "task:report", "hsn", "rapporterar omställningen till"),
    Duty("programkontor-driver", "programkontor", "task:drive", "ledning", "driver arbetet under"),
    Duty(
        "lansledning-rapporterar",
        "lansledning",
        "task:report",
        "samverkansrad",
        "återrapporterar det gemensamma arbetet till",
        "ledning",
    ),
    Duty("programchef-leder", "programchef", "task:lead", "hsd", "leder programkontoret under"),
    Duty("hsd-lank", "hsd", "task:link", "rd", "är länk mellan länsledningen och"),
)
MUNICIPALITY_DUTIES = (
    Duty(
        "ledning-rapporterar", "ledning", "task:report", "namnd", "rapporterar omställningen till"
    ),
    Duty("lsg-rapporterar", "lsg", "task:report", "r:lansledning", "återrapporterar till"),
    Duty("socialchef-foljer-upp", "socialchef", "task:follow-up", "ledning", "följer upp under"),
)
# (owner, the actor it answers to) for the initiatives of a region's or municipality's plans.
REGION_OWNERS = (
    ("lansledning", "samverkansrad"),
    ("ledning", "hsn"),
    ("programkontor", "ledning"),
    ("hsd", "rd"),
)
MUNICIPALITY_OWNERS = (
    ("ledning", "namnd"),
    ("lsg", "r:lansledning"),
    ("r:lansledning", "r:samverkansrad"),
)


@dataclass(frozen=True)
class Actor:
    """A body, post or organisation that synthetic nodes point at."""

    term: str
    name: str


@functools.cache
def actors(org: Organisation, region: Organisation) -> dict[str, Actor]:
    """The actors of ``org`` by key: its bodies, posts and itself, and (``r:`` keys) its
    region's, so that a municipality's bodies can answer to the region's joint bodies."""
    bodies, posts = (
        (REGION_BODIES, REGION_POSTS)
        if org.is_region
        else (MUNICIPALITY_BODIES, MUNICIPALITY_POSTS)
    )
    own = {"org": Actor(org.term, org.label)}
    own |= {b.key: Actor(synthetic("body", f"{org.slug}-{b.key}"), b.name) for b in bodies}
    own |= {p.key: Actor(synthetic("post", f"{org.slug}-{p.key}"), p.name) for p in posts}
    if org.is_region:
        return own
    return own | {f"r:{k}": a for k, a in actors(region, region).items()}


# ---------------------------------------------------------------- the generator


@dataclass
class Active:
    """An initiative that a plan series still lists, with its status in the latest version."""

    term: str
    number: int
    label: str
    status: str
    owner: str | None
    answers_to: str


@dataclass
class SeriesState:
    """What one organisation's plan series carries from one version to the next."""

    areas: list[tuple[str, str]]
    active: list[Active] = field(default_factory=list)


class Synthesizer:
    """Builds the units of the synthetic graph in order and keeps the state between them."""

    def __init__(self, reference: Reference, seed: int) -> None:
        self.ref = reference
        self.concept = reference.concepts
        self.rng = random.Random(seed)
        self.regions = {r.term: r for r in reference.regions}
        self.series: dict[tuple[str, int], SeriesState] = {}
        self.initiatives = 0

    # ------------------------------------------------------------ order of the units

    def units(self) -> Iterator[list[str]]:
        """Every unit, in order, without end."""
        regions = self.ref.regions
        municipalities = interleave(self.ref.municipalities[r.term] for r in regions)
        organisations = (*regions, *municipalities)
        for region in regions:
            yield self.region_setup(region)
        for series in itertools.count():
            for year in YEARS:
                for org in organisations:
                    yield self.plan(org, series, year)
                for org in organisations:
                    yield self.report(org, series, year)

    # ------------------------------------------------------------ small helpers

    def chance(self, share: float) -> bool:
        return self.rng.random() < share

    def actors(self, org: Organisation) -> dict[str, Actor]:
        return actors(org, self.regions[org.region])

    def series_names(self, series: int) -> tuple[str, str, str]:
        """Slug, title and document type of plan series number ``series`` (numbered from
        the second round through ``SERIES`` on)."""
        slug, title, kind = SERIES[series % len(SERIES)]
        rounds = series // len(SERIES)
        if rounds:
            return f"{slug}-{rounds + 1}", f"{title} ({rounds + 1})", kind
        return slug, title, kind

    def document(
        self, unit: Unit, org: Organisation, label: str, short_title: str, evidence: str
    ) -> None:
        """What every synthetic document says: label, short title (the one quote tables
        cite it by), place, region, source file, evidence."""
        doc = unit.document
        unit.add(doc, LABEL, text(f"{label} (syntetisk)"))
        unit.add(doc, ALTERNATIVE, text(short_title))
        unit.add(doc, SPATIAL, org.county)
        unit.add(doc, nv("region"), org.region)
        unit.add(doc, nv("sourceFile"), plain(f"synthetic/{unit.local}.txt"))
        unit.add(doc, DERIVED, evidence)

    def body(self, unit: Unit, org: Organisation, spec: BodySpec, evidence: str) -> None:
        """A body of ``org`` (under ``org`` or its region's joint group, or free-standing)."""
        found = self.actors(org)
        term = found[spec.key].term
        label = f"{spec.name} i {org.label} (syntetisk)"
        unit.node(term, [nv(c) for c in spec.classes], label, evidence)
        unit.add(term, LABEL, text(f"{spec.english}, {org.label} (synthetic)", "en"))
        if spec.level is not None:
            unit.add(term, nv("level"), self.concept[f"level:{spec.level}"])
        if spec.parent is not None:
            unit.add(term, SUB_ORG, found[spec.parent].term)
        if "LocalCollaborationGroup" in spec.classes:
            unit.add(term, nv("targetGroup"), self.rng.choice(self.ref.target_groups))

    def post(self, unit: Unit, org: Organisation, spec: PostSpec, evidence: str) -> None:
        term = self.actors(org)[spec.key].term
        unit.node(term, [nv("Post")], f"{spec.name} i {org.label} (syntetisk)", evidence)
        unit.add(term, POST_IN, org.term)
        unit.add(term, ROLE, self.concept[spec.role])

    def membership(
        self, unit: Unit, org: Organisation, spec: tuple[str, str, str | None], evidence: str
    ) -> None:
        body, member, role = spec
        found = self.actors(org)
        term = synthetic("membership", f"{org.slug}-{body}-{member}".replace(":", "-"))
        unit.add(term, A, iri(str(ORG.Membership)))
        unit.add(term, ORGANIZATION, found[body].term)
        unit.add(term, MEMBER, found[member].term)
        if role is not None:
            unit.add(term, ROLE, self.concept[role])
        unit.add(term, DERIVED, evidence)

    def duty(self, unit: Unit, org: Organisation, duty: Duty, section: str) -> None:
        """A standing responsibility with a reporting line (and frequency, anchoring)."""
        found = self.actors(org)
        holder, recipient = found[duty.holder], found[duty.recipient]
        label = f"{holder.name} {duty.phrase} {recipient.name.lower()} ({org.label})"
        term = synthetic("responsibility", f"{org.slug}-{duty.key}")
        unit.node(term, [nv("Responsibility")], label, unit.evidence(section, f"{label}."))
        unit.add(term, nv("holder"), holder.term)
        unit.add(term, nv("task"), self.concept[duty.task])
        unit.add(term, nv("accountableTo"), recipient.term)
        if self.chance(0.6):
            unit.add(term, nv("frequency"), self.rng.choice(self.ref.frequencies))
        if duty.anchored is not None:
            unit.add(term, nv("anchoredIn"), found[duty.anchored].term)

    # ------------------------------------------------------------ set-ups

    def region_setup(self, region: Organisation) -> list[str]:
        """The governance of a region, stated by its collaboration-structure document."""
        unit = Unit(f"{region.slug}-samverkansstruktur")
        section = "2 Organisation och samverkan"
        title = f"Samverkansstruktur för nära vård i {region.label}"
        evidence = unit.evidence("1 Inledning", f"{title} beskriver organ, roller och ansvar.")
        unit.add(unit.document, A, nv("Document"))
        unit.add(unit.document, TITLE, text(title))
        unit.add(unit.document, DTYPE, self.concept["doctype:collaboration-structure"])
        unit.add(unit.document, DATE, typed(str(YEARS[0]), XSD.gYear))
        self.document(unit, region, title, f"Samverkansstruktur {region.label}", evidence)
        self.structure(unit, region, section, REGION_BODIES, REGION_POSTS, REGION_MEMBERS)
        for duty in REGION_DUTIES:
            self.duty(unit, region, duty, section)
        system = synthetic("system", f"{region.slug}-plattform")
        name = f"Gemensam digital vårdplattform i {region.label}"
        evidence = unit.evidence(section, f"{name} används av region och kommuner.")
        unit.node(system, [nv("System")], f"{name} (syntetisk)", evidence)
        return unit.lines

    def structure(
        self,
        unit: Unit,
        org: Organisation,
        section: str,
        bodies: Sequence[BodySpec],
        posts: Sequence[PostSpec],
        members: Sequence[tuple[str, str, str | None]],
    ) -> None:
        """Bodies, posts and memberships of ``org``; memberships cite their body's evidence."""
        evidence_of = {}
        for spec in bodies:
            quote = f"{spec.name} i {org.label} ansvarar för omställningen till nära vård."
            evidence_of[spec.key] = unit.evidence(section, quote)
            self.body(unit, org, spec, evidence_of[spec.key])
        for post in posts:
            quote = f"{post.name} i {org.label} har en central roll i arbetet."
            self.post(unit, org, post, unit.evidence(section, quote))
        for spec in members:
            evidence = evidence_of.get(spec[0]) or unit.evidence(
                section, f"{org.label} deltar i {self.actors(org)[spec[0]].name.lower()}."
            )
            self.membership(unit, org, spec, evidence)

    def municipality_setup(self, unit: Unit, org: Organisation) -> None:
        """A municipality's bodies, post, LSG and memberships, stated in its first plan."""
        section = "2 Organisation och ansvar"
        self.structure(
            unit, org, section, MUNICIPALITY_BODIES, MUNICIPALITY_POSTS, MUNICIPALITY_MEMBERS
        )
        for duty in MUNICIPALITY_DUTIES:
            self.duty(unit, org, duty, section)

    # ------------------------------------------------------------ plans

    def plan(self, org: Organisation, series: int, year: int) -> list[str]:
        """One version of one of ``org``'s plans, with all it prioritises that year."""
        slug, title, _ = self.series_names(series)
        unit = Unit(f"{org.slug}-{slug}-{year}")
        key = (org.term, series)
        state = self.series.get(key)
        if state is None and not org.is_region and series == 0:
            self.municipality_setup(unit, org)
        evidence = self.plan_document(unit, org, series, year, first=state is None)
        if state is None:
            state = self.series[key] = SeriesState(self.areas(unit, org, slug, evidence))
        self.goals(unit, org, year)
        self.area_items(unit, state, year)
        self.carried_items(unit, org, state, year)
        self.new_initiatives(unit, org, state, year, 4 if year == YEARS[0] else 2)
        self.follow_up(unit, org, f"{title} {year}")
        return unit.lines

    def plan_document(
        self, unit: Unit, org: Organisation, series: int, year: int, first: bool
    ) -> str:
        """The plan version, its series (with the first version) and what it depends on."""
        slug, title, kind = self.series_names(series)
        doc, found = unit.document, self.actors(org)
        political = found["hsn" if org.is_region else "namnd"].term
        evidence = unit.evidence("1 Inledning", f"{title} för {org.label} gäller för {year}.")
        unit.add(doc, A, nv("Plan"))
        unit.add(doc, TITLE, text(title))
        unit.add(doc, DTYPE, self.concept[kind])
        unit.add(doc, DATE, typed(str(year), XSD.gYear))
        unit.add(doc, PUBLISHER, political)
        unit.add(doc, nv("adoptedBy"), political)
        self.document(
            unit, org, f"{title} för {org.label} {year}", f"{title} {org.label} {year}", evidence
        )
        unit.add(doc, VERSION_OF, synthetic("document", f"{org.slug}-{slug}"))
        groups = self.rng.sample(self.ref.target_groups, self.rng.randint(1, 2))
        unit.add(doc, nv("prioritisedTargetGroup"), *groups)
        if not first:
            previous = synthetic("document", f"{org.slug}-{slug}-{year - 1}")
            unit.add(doc, REPLACES, previous)
            unit.add(doc, REVISION_OF, previous)
        if not org.is_region:
            region = self.regions[org.region]
            unit.add(doc, nv("dependsOn"), synthetic("document", f"{region.slug}-{slug}-{year}"))
        if self.chance(0.3):
            unit.add(doc, REFERENCES, self.rng.choice(self.ref.national_documents))
        if first:
            series_term = synthetic("document", f"{org.slug}-{slug}")
            label = f"{title} för {org.label} (syntetisk)"
            unit.node(series_term, [nv("DocumentSeries")], label, evidence)
        return evidence

    def areas(
        self, unit: Unit, org: Organisation, slug: str, evidence: str
    ) -> list[tuple[str, str]]:
        """The priority areas of a new plan series: two themes."""
        found = []
        for number, (_, theme) in enumerate(self.rng.sample(self.ref.themes, 2), start=1):
            term = synthetic("priority-area", f"{org.slug}-{slug}-{number}")
            label = f"Prioriterat område: {theme} ({org.label})"
            unit.node(term, [nv("PriorityArea")], label, evidence)
            found.append((term, label))
        return found

    def goals(self, unit: Unit, org: Organisation, year: int) -> None:
        """A goal area and a sub-goal of this version."""
        _, theme = self.rng.choice(self.ref.themes)
        label = f"Målområde {theme.lower()} ({org.label} {year})"
        evidence = unit.evidence("3 Mål", f"Målområde: {theme}. Delmål för {year}.")
        area = synthetic("goal", f"{unit.local}-1")
        kind = nv("Strategy") if self.chance(STRATEGY_SHARE) else nv("Goal")
        unit.node(area, [kind], label, evidence)
        unit.add(area, nv("goalOf"), unit.document)
        sub = synthetic("goal", f"{unit.local}-2")
        unit.node(sub, [nv("Goal")], f"Delmål {year} inom {theme.lower()} ({org.label})", evidence)
        unit.add(sub, nv("goalOf"), unit.document)
        unit.add(sub, nv("partOf"), area)

    def item(self, unit: Unit, item: str, name: str, status: str, year: int, *evidence: str) -> str:
        """A plan item of this unit's document about ``item``."""
        term = synthetic("plan-item", f"{unit.local}-{name}")
        unit.add(term, A, nv("PlanItem"))
        unit.add(term, nv("plan"), unit.document)
        unit.add(term, nv("item"), item)
        unit.add(term, nv("year"), typed(str(year + (status == "planned")), XSD.gYear))
        unit.add(term, nv("status"), self.concept[f"status:{status}"])
        unit.add(term, DERIVED, *evidence)
        return term

    def area_items(self, unit: Unit, state: SeriesState, year: int) -> None:
        """One plan item per priority area of the series, citing one passage."""
        names = "; ".join(label.split(": ", 1)[-1] for _, label in state.areas)
        evidence = unit.evidence(
            f"4 Prioriterade områden {year}", f"Prioriterade områden: {names}."
        )
        status = "new" if year == YEARS[0] else "continued"
        for number, (term, _) in enumerate(state.areas, start=1):
            self.item(unit, term, f"omrade-{number}", status, year, evidence)

    def carried_items(self, unit: Unit, org: Organisation, state: SeriesState, year: int) -> None:
        """Move every carried initiative on one status; list it (ended ones a last time)."""
        section = f"5 Pågående arbeten {year}"
        for active in state.active:
            before = active.status
            active.status = self.next_status(active.status)
            if len(state.active) > MAX_ACTIVE and active is state.active[0]:
                active.status = "ended"
            label = self.ref.status_labels[active.status]
            evidence = unit.evidence(section, f"{active.label}: {label} under {year}.")
            term = self.item(unit, active.term, f"i{active.number}", active.status, year, evidence)
            decided = active.status == "scale-up" and before != "scale-up"
            if decided or self.chance(DECIDED_SHARE):
                unit.add(term, nv("decidedBy"), active.answers_to)
            if self.chance(PLACE_SHARE):
                unit.add(term, nv("place"), self.place(org))
        state.active = [a for a in state.active if a.status != "ended"]

    def next_status(self, status: str) -> str:
        choices, weights = zip(*TRANSITIONS[status], strict=True)
        return self.rng.choices(choices, weights)[0]

    def place(self, org: Organisation) -> str:
        """A municipality where an initiative runs (the region itself if it has none)."""
        if not org.is_region:
            return org.term
        municipalities = self.ref.municipalities[org.term]
        return self.rng.choice(municipalities).term if municipalities else org.term

    def new_initiatives(
        self, unit: Unit, org: Organisation, state: SeriesState, year: int, count: int
    ) -> None:
        """New initiatives of this version, each with its plan item (and drive duty)."""
        owners = REGION_OWNERS if org.is_region else MUNICIPALITY_OWNERS
        section = f"4 Prioriterade områden {year}"
        choices, weights = zip(*FIRST_STATUS, strict=True)
        for _ in range(count):
            active, evidence = self.initiative(
                unit, org, section, owners, UNNAMED_IN_PLANS, state.areas
            )
            active.status = self.rng.choices(choices, weights)[0]
            name = f"i{active.number}"
            self.item(unit, active.term, name, active.status, year, evidence)
            if year > YEARS[0] and self.chance(BEFORE_YEAR_SHARE):
                self.earlier_pilot(unit, active.term, name, year, evidence)
            if active.owner is not None and self.chance(0.25):
                self.drive_duty(unit, active, active.owner, evidence)
            state.active.append(active)

    def earlier_pilot(self, unit: Unit, item: str, name: str, year: int, evidence: str) -> None:
        """A plan item the source places only before this year: an earlier pilot."""
        term = synthetic("plan-item", f"{unit.local}-{name}-tidigare")
        unit.add(term, A, nv("PlanItem"))
        unit.add(term, nv("plan"), unit.document)
        unit.add(term, nv("item"), item)
        unit.add(term, nv("beforeYear"), typed(str(year), XSD.gYear))
        unit.add(term, nv("status"), self.concept["status:pilot"])
        unit.add(term, DERIVED, evidence)

    def initiative(
        self,
        unit: Unit,
        org: Organisation,
        section: str,
        owners: Sequence[tuple[str, str]],
        unnamed: float,
        areas: Sequence[tuple[str, str]],
    ) -> tuple[Active, str]:
        """A new initiative of ``org`` with themes, target group, owner or the flag; and
        the evidence that states it."""
        self.initiatives += 1
        found = self.actors(org)
        themes = self.rng.sample(self.ref.themes, self.rng.choices((1, 2, 3), (50, 45, 5))[0])
        label = f"{self.rng.choice(INITIATIVE_KINDS)} {themes[0][1].lower()} i {org.label}"
        label = f"{label} nr {self.initiatives}"
        term = synthetic("initiative", f"{org.slug}-{self.initiatives}")
        quote = f"{label}: arbetet ska bedrivas i samverkan mellan region och kommun."
        evidence = unit.evidence(section, quote)
        unit.node(term, [nv("Initiative")], label, evidence)
        unit.add(term, DEFINITION, text(f"Syntetiskt initiativ inom {themes[0][1].lower()}."))
        unit.add(term, nv("theme"), *(t for t, _ in themes))
        owner_key, answers_key = self.rng.choice(owners)
        owner = None if self.chance(unnamed) else found[owner_key].term
        if owner is None:
            unit.add(term, nv("ownerNotNamed"), typed("true", XSD.boolean))
        else:
            unit.add(term, nv("owner"), owner)
        self.initiative_links(unit, org, term, areas)
        active = Active(term, self.initiatives, label, "new", owner, found[answers_key].term)
        return active, evidence

    def initiative_links(
        self, unit: Unit, org: Organisation, term: str, areas: Sequence[tuple[str, str]]
    ) -> None:
        """Target group, priority area, participants and system, each for a share."""
        if self.chance(TARGET_GROUP_SHARE):
            unit.add(term, nv("targetGroup"), self.rng.choice(self.ref.target_groups))
        if areas and self.chance(PART_OF_SHARE):
            unit.add(term, nv("partOf"), self.rng.choice(areas)[0])
        if self.chance(PARTICIPANT_SHARE):
            unit.add(term, nv("participant"), self.place(org))
        if self.chance(SYSTEM_SHARE):
            region = self.regions[org.region]
            unit.add(term, nv("usesSystem"), synthetic("system", f"{region.slug}-plattform"))

    def drive_duty(self, unit: Unit, active: Active, owner: str, evidence: str) -> None:
        """The owner drives the initiative and answers for it to the level above."""
        term = synthetic("responsibility", f"{unit.local}-i{active.number}-driva")
        label = f"Ägaren driver {active.label[0].lower()}{active.label[1:]}"
        unit.node(term, [nv("Responsibility")], label, evidence)
        unit.add(term, nv("holder"), owner)
        unit.add(term, nv("task"), self.concept["task:drive"])
        unit.add(term, nv("object"), active.term)
        unit.add(term, nv("accountableTo"), active.answers_to)
        if self.chance(0.3):
            unit.add(term, nv("frequency"), self.rng.choice(self.ref.frequencies))

    def follow_up(self, unit: Unit, org: Organisation, what: str) -> None:
        """The management group follows the plan up, for a share to the political body."""
        found = self.actors(org)
        holder, political = found["ledning"], found["hsn" if org.is_region else "namnd"]
        label = f"{holder.name} i {org.label} följer upp {what}"
        term = synthetic("responsibility", f"{unit.local}-uppfoljning")
        unit.node(term, [nv("Responsibility")], label, unit.evidence("6 Uppföljning", f"{label}."))
        unit.add(term, nv("holder"), holder.term)
        unit.add(term, nv("task"), self.concept["task:follow-up"])
        unit.add(term, nv("object"), unit.document)
        if self.chance(0.6):
            unit.add(term, nv("accountableTo"), political.term)
        if self.chance(0.4):
            unit.add(term, nv("frequency"), self.rng.choice(self.ref.frequencies))

    # ------------------------------------------------------------ reports

    def report(self, org: Organisation, series: int, year: int) -> list[str]:
        """The follow-up of one plan version: figures, the state of some initiatives, and
        in half of the reports a local example."""
        slug, title, _ = self.series_names(series)
        unit = Unit(f"{org.slug}-{slug}-uppfoljning-{year}")
        doc = unit.document
        heading = f"Uppföljning av {title} för {org.label} {year}"
        evidence = unit.evidence("Titelsida", heading)
        unit.add(doc, A, nv("Document"))
        unit.add(doc, TITLE, text(f"Uppföljning av {title}"))
        unit.add(doc, DATE, typed(f"{year + 1}-03", XSD.gYearMonth))
        unit.add(doc, PUBLISHER, org.term)
        unit.add(doc, CREATOR, self.actors(org)["ledning"].term)
        unit.add(doc, REFERENCES, synthetic("document", f"{org.slug}-{slug}-{year}"))
        self.document(unit, org, heading, f"Uppföljning {org.label} {year}", evidence)
        for number in range(1, self.rng.randint(3, 5) + 1):
            self.observation(unit, org, year, number)
        state = self.series[(org.term, series)]
        for active in self.rng.sample(state.active, min(3, len(state.active))):
            label = self.ref.status_labels[active.status]
            quote = f"{active.label}: {label} under {year} enligt uppföljningen."
            evidence = unit.evidence("2 Läget i arbetet", quote)
            self.item(unit, active.term, f"i{active.number}", active.status, year, evidence)
        if self.chance(0.5):
            owners = REGION_OWNERS if org.is_region else MUNICIPALITY_OWNERS
            self.initiative(unit, org, "3 Goda exempel", owners, UNNAMED_IN_REPORTS, ())
        return unit.lines

    def observation(self, unit: Unit, org: Organisation, year: int, number: int) -> None:
        """A figure the report gives, about ``org``, on one theme."""
        theme, area = self.rng.choice(self.ref.themes)
        measure, measure_unit, low, high = self.rng.choice(MEASURES)
        label = f"{measure.format(area=area.lower())}, {org.label} {year}"
        value = f"{self.rng.uniform(low, high):.1f}"
        term = synthetic("observation", f"{unit.local}-{number}")
        quote = f"Under {year} var värdet {value} ({measure_unit})."
        unit.node(term, [nv("Observation")], label, unit.evidence("2 Resultat", quote))
        unit.add(term, nv("value"), typed(value, XSD.decimal))
        unit.add(term, nv("unit"), plain(measure_unit))
        date = (
            typed(str(year), XSD.gYear) if self.chance(0.6) else typed(f"{year}-12", XSD.gYearMonth)
        )
        unit.add(term, nv("observationDate"), date)
        unit.add(term, nv("refArea"), org.term)
        unit.add(term, nv("theme"), theme)


# ---------------------------------------------------------------- size control and output


def generate(target_triples: int, seed: int = 0) -> Iterator[str]:
    """N-Triples lines (each ending in a newline) of a synthetic graph of about
    ``target_triples`` triples: whole units, stopping at the unit boundary nearest the
    target. Streams: nothing but the current unit and each plan series' state is kept."""
    written = 0
    for unit in Synthesizer(read_reference(), seed).units():
        after = written + len(unit)
        if after > target_triples and after - target_triples > target_triples - written:
            return
        yield from unit
        written = after
        if written >= target_triples:
            return


def write_graph(
    target_triples: int,
    path: str | Path,
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
) -> int:
    """Write the synthetic graph to ``path`` atomically (a temporary file in the same
    folder, then ``os.replace``); return the number of triples written. ``progress``
    gets a line per million triples."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    count, start = 0, time.perf_counter()
    try:
        with temporary.open("w", encoding="utf-8", newline="\n") as out:
            for line in generate(target_triples, seed):
                out.write(line)
                count += 1
                if progress is not None and count % PROGRESS_EVERY == 0:
                    progress(f"{count:,} triples ({time.perf_counter() - start:.1f} s)")
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return count


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: write a synthetic graph of about ``--triples`` triples."""
    parser = argparse.ArgumentParser(
        description="Write a synthetic N-Triples graph with the real graph's shape at "
        "national scale (real regions, municipalities and concepts from graph/reference; "
        "synthetic plans, reports, bodies, initiatives and evidence), for benchmarks. "
        "Load it together with the ontology and graph/reference/*.ttl.",
        epilog="Example: python benchmarks/synthetic.py --triples 100000 --out /tmp/syn-100k.nt",
    )
    parser.add_argument(
        "--triples", type=int, required=True, help="target size; the output is within a unit of it"
    )
    parser.add_argument("--out", type=Path, required=True, help="the N-Triples file to write")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    if args.triples < 1:
        parser.error("--triples must be at least 1")

    def say(message: str) -> None:
        print(f"synthetic: {message}", file=sys.stderr, flush=True)

    start = time.perf_counter()
    count = write_graph(args.triples, args.out, args.seed, say)
    say(f"wrote {count:,} triples to {args.out} in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
