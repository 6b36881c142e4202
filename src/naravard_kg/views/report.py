"""The report: one HTML page and one Markdown file with the key tables and every picture.

Chapters: coverage and region profiles, responsibility chains and gaps, similarity between
regions, plans over time. The content is composed once and rendered twice, so the two
files say the same.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ..analytics.chains import steps_table
from ..analytics.measures import MEASURE_LABELS, WEIGHTS
from ..core.files import write_atomic
from ..core.rows import Rows
from .analyses import Analyses
from .chain_figure import start_label
from .document import Figure, Link, Paragraph, Section, Table, to_html, to_markdown
from .ontology_docs import PAGE
from .pictures import CHAINS, PLANS, SIMILARITY, Picture, pictures

TITLE = "naravard-kg: styrningen av omställningen till god och nära vård"
PEERS = 2
PEER_COLUMNS = [
    "peerLabel", "combined", "themes", "text", "governance", "sharedThemes", "sharedFeatures",
    "initiativeA", "quoteA", "initiativeB", "quoteB",
]  # fmt: skip


def _figure(picture: Picture) -> Figure:
    return Figure(PurePosixPath("fig") / f"{picture.stem}.svg", picture.caption)


def _profiles(analyses: Analyses) -> Rows:
    """Per region: what the graph holds, its cluster and its closest peer with the reasons."""
    similarity = analyses.similarity
    counts = {row["regionLabel"]: row for row in analyses.coverage.region_table()}
    cluster_of = {
        member: str(cluster.number)
        for cluster in similarity.clusters()
        for member in cluster.members
    }
    columns = ["region", "initiatives", "bodies", "cluster", "closestPeer", "score", "sharedThemes"]
    rows = []
    for region in similarity.regions:
        name = similarity.labels[region]
        peer = similarity.peers(region, 1)[0]
        held = counts.get(name, {})
        rows.append(
            {
                "region": name,
                "initiatives": held.get("initiativ"),
                "bodies": held.get("organ"),
                "cluster": cluster_of.get(region),
                "closestPeer": peer.label,
                "score": f"{peer.scores['combined']:.2f}",
                "sharedThemes": "; ".join(peer.shared_themes[:3]),
            }
        )
    return Rows(columns, rows)


def _coverage(analyses: Analyses) -> list[Section]:
    coverage = analyses.coverage
    return [
        Section(
            "Täckning och regionprofiler",
            [
                Paragraph(
                    f"Grafen har {analyses.asserted} angivna och {analyses.inferred} härledda "
                    "tripplar ur källdokumenten; varje faktum bär ett exakt citat ur sin källa."
                ),
                Link(
                    "Hur grafen är modellerad, med varje klass och egenskap och deras "
                    "etiketter och definitioner på svenska och engelska:",
                    "ontologins dokumentation",
                    PurePosixPath(PAGE),
                ),
                Table(
                    _profiles(analyses),
                    "Regionprofiler: innehåll, kluster och närmaste "
                    "region (sammanvägd likhet) med gemensamma teman",
                    limit=25,
                ),
                Table(coverage.document_table(), "Noder per dokument"),
                Table(
                    coverage.explained_empty_sections(),
                    "Avsnitt i sammanställningen utan modellerat innehåll, och vad källan har där",
                ),
            ],
        )
    ]


def _chains(analyses: Analyses, shown: list[Picture]) -> list[Section]:
    sections = [
        Section(
            "Ansvarskedjor",
            [
                Paragraph(
                    "Varje länk är ägs av, del av, beslutad av, rapporterar till, förankras i, "
                    "sitter i eller under, med frekvens där källan anger en och citatet som "
                    "säger det. Gemensamma organ visar hur många organisationer som delar dem."
                )
            ],
        )
    ]
    for picture in (p for p in shown if p.chapter == CHAINS):
        steps = analyses.chains[picture.subject or ""]
        title = start_label(steps, picture.subject or "")
        sections.append(
            Section(
                title,
                [_figure(picture), Table(steps_table(steps), f"Länkarna från {title} uppåt")],
                level=3,
            )
        )
    for region, rows in analyses.gaps.items():
        sections.append(
            Section(
                f"Luckor: {region}",
                [
                    Table(
                        rows,
                        "Initiativ utan namngiven ägare, organ som inte står till svars "
                        "inför någon och ansvar utan uppföljning",
                    )
                ],
                level=3,
            )
        )
    return sections


def _similarity(analyses: Analyses, shown: list[Picture]) -> list[Section]:
    similarity = analyses.similarity
    weights = ", ".join(f"{MEASURE_LABELS[m]} {w:.1f}" for m, w in WEIGHTS.items())
    peers = Rows(
        ["region", *PEER_COLUMNS],
        [
            {"region": similarity.labels[region], **{c: row[c] for c in PEER_COLUMNS}}
            for region in similarity.regions
            for row in similarity.peer_rows(region, PEERS)
        ],
    )
    return [
        Section(
            "Likheter mellan regioner",
            [
                Paragraph(
                    "Tre mått: vad regionerna gör (teman i SKOS-taxonomin, bredare teman "
                    "medräknade), hur de beskriver det (teckengram i initiativens texter) och "
                    f"hur de styr (strukturella drag). Sammanvägning: {weights}."
                ),
                *(_figure(p) for p in shown if p.chapter == SIMILARITY),
                Table(similarity.cluster_rows(), "Kluster och de teman som kännetecknar dem"),
                Table(
                    peers,
                    f"De {PEERS} närmaste regionerna för varje region, med gemensamma teman, "
                    "gemensamma styrdrag och det mest lika paret initiativ med citat",
                    limit=PEERS * len(similarity.regions),
                ),
            ],
        )
    ]


def _plans(analyses: Analyses, shown: list[Picture]) -> list[Section]:
    diff = analyses.diff
    blocks: list[Figure | Table | Paragraph] = [_figure(p) for p in shown if p.chapter == PLANS]
    blocks.append(
        Table(diff.to_rows(), f"Ändringar från {diff.old_label} till {diff.new_label}", limit=80)
    )
    blocks += [Table(cycle.to_rows(), f"Livscykel: {cycle.label}") for cycle in analyses.lifecycles]
    return [Section("Planer över tid", blocks)]


def compose(analyses: Analyses) -> list[Section]:
    """The report's sections, in reading order."""
    shown = pictures(analyses)
    return [
        *_coverage(analyses),
        *_chains(analyses, shown),
        *_similarity(analyses, shown),
        *_plans(analyses, shown),
    ]


def write_report(analyses: Analyses, out: Path) -> list[Path]:
    """Write ``out/report.html`` and ``out/report.md`` (pictures are read from ``out/fig``)."""
    sections = compose(analyses)
    return [
        write_atomic(out / "report.html", to_html(TITLE, sections)),
        write_atomic(out / "report.md", to_markdown(TITLE, sections)),
    ]
