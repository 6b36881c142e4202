"""How alike the regions are: in what they do, how they describe it and how they govern it.

Three measures, each symmetric, in [0, 1] and 1 on the diagonal (a region is like itself):

``themes`` (what regions do)
    A region's vector counts its initiatives per theme of the SKOS taxonomy, an initiative
    counting under its stated themes and under every broader theme (``skos:broader*``; the
    three top groups are headings, not themes, and are left out). Input: the query
    ``region-themes``. Each count is weighted by the theme's rarity across regions, the
    smoothed inverse document frequency ``ln((1 + N) / (1 + df)) + 1`` (N regions, df of them
    with the theme), so that themes every region works on weigh less than distinctive ones;
    the score is the cosine of the weighted vectors. A theme's share of the cosine
    (``a_t * b_t / (|a| |b|)``) ranks the themes two regions share.

``text`` (how they describe it)
    Every initiative's Swedish label and definition is one document; scikit-learn's
    ``TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)``, fitted on
    all initiatives, turns it into a unit vector of character 3–5-grams inside word
    boundaries, which matches the parts of Swedish compounds ("hemsjukvård" and
    "sjukvårdsteam" share "sjukv", "vård"). Text is lowercased; å, ä and ö are kept: they are
    letters of their own in Swedish, and the labels and definitions the graph holds are spelt
    correctly (only the OCR'd *quotes* of one roadmap lost their diacritics, and quotes are not
    read here), so folding would only merge words such as "för" and "for". The score is the
    mean best match: for each initiative of one region the cosine of the most alike initiative
    of the other, averaged, and the two directions averaged. (The cosine of the regions' mean
    vectors was tried and rejected: the regions with the most and most varied initiatives,
    Västerbotten and Västernorrland, came out as nearly everyone's closest peer.) The best pair
    of two regions is the pair of initiatives, one of each, with the highest cosine.

``governance`` (how they govern)
    Binary structural features read from the graph by the query ``governance-features``
    (programme office, programme lead, coordinators, goal picture and whether the
    municipalities adopted it, roadmap/strategy/action plan/agreement, political, strategic
    and local collaboration bodies, groups per target group, presidium, reporting lines, who
    leads or drives the work, whether a political body decides); the query's header documents
    each feature. The score is a weighted Jaccard index: the summed weight of the features
    both regions have over the summed weight of those either has, each feature weighted by
    its rarity (the same smoothed idf), so sharing a presidium says more than sharing a
    strategy document that 18 regions have.

A region without initiatives, text or features has a zero vector on that measure; its score
with every other region is then 0 (nothing shared is shown, rather than a division by zero).

The ``combined`` score is ``sum(WEIGHTS[m] * rescaled_m)``, each measure first rescaled
over the pairs of distinct regions so that its least alike pair is 0 and its most alike pair
1: the raw measures spread very differently (text scores lie close together), and without
rescaling the widest spread, not the weights, would decide the ranking. Themes weigh most
(0.4): they are the taxonomy's curated answer to "what does the region do", made to compare
regions. Text (0.3) adds what the themes are too coarse for (the same "mobila team" for the
elderly or for children) but also carries each account's style. Governance (0.3) is the other
half of the question, how the work is steered, but rests on fewer facts per region and on what
each account chose to mention.

Regions are clustered hierarchically by Ward's method on the distance ``1 - combined``.
Average linkage was tried first and chained 13 of the 21 regions into one cluster beside
three singletons; Ward's method, which merges the pair of clusters that least increases
the spread within clusters, gives groups of comparable size that the text explains (the
inland north: Dalarna, Jämtland Härjedalen, Norrbotten, Värmland). The distance is not
Euclidean, so the merge heights are a ranking, not a variance.
"""

from __future__ import annotations

import io
import json
from collections import defaultdict
from dataclasses import asdict, dataclass
from functools import cached_property
from zipfile import BadZipFile

import numpy as np
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from ..core.labels import label
from ..core.prefixes import to_iri
from ..core.rows import Rows
from ..core.slugs import fold
from ..core.terms import term_to_text
from ..errors import BadParameter, NodeNotFound
from ..library.reader import GraphReader, column
from ..library.select import QueryRunner
from .evidence import citations
from .measures import DEFAULT_CLUSTERS, MEASURE_LABELS, MEASURES, WEIGHTS

__all__ = [
    "DEFAULT_CLUSTERS",
    "MEASURES",
    "MEASURE_LABELS",
    "WEIGHTS",
    "Cluster",
    "Initiative",
    "InitiativePair",
    "Peer",
    "RegionSimilarity",
    "compare_regions",
    "cosine_similarity",
    "idf_weights",
    "rescale",
    "short_label",
    "text_cosines",
    "weighted_jaccard",
]

TEXT_VECTORIZER = {"analyzer": "char_wb", "ngram_range": (3, 5), "sublinear_tf": True}
_REGION_PREFIX = "Region "


@dataclass(frozen=True)
class Initiative:
    """One initiative of a region: its prefixed name, Swedish label and source quotes, each
    followed by its document's short title and section in brackets."""

    node: str
    label: str
    quotes: tuple[str, ...]


@dataclass(frozen=True)
class InitiativePair:
    """The most alike initiatives of two regions (one of each) and their text score."""

    a: Initiative
    b: Initiative
    score: float


@dataclass(frozen=True)
class Peer:
    """A region close to another, with the scores and the reasons."""

    region: str
    label: str
    score: float
    scores: dict[str, float]
    shared_themes: tuple[str, ...]
    shared_features: tuple[str, ...]
    best_pair: InitiativePair | None


@dataclass(frozen=True)
class Cluster:
    """A group of regions and the themes that set it apart (highest lift first)."""

    number: int
    members: tuple[str, ...]
    labels: tuple[str, ...]
    themes: tuple[str, ...]


def short_label(text: str) -> str:
    """A region's label without a leading "Region " ("Region Gotland" → "Gotland")."""
    return text[len(_REGION_PREFIX) :] if text.startswith(_REGION_PREFIX) else text


def idf_weights(present: np.ndarray) -> np.ndarray:
    """Smoothed idf ``ln((1 + N) / (1 + df)) + 1`` per column of a regions × items matrix."""
    rows = present.shape[0]
    document_frequency = (present > 0).sum(axis=0)
    return np.log((1 + rows) / (1 + document_frequency)) + 1


def cosine_similarity(vectors: np.ndarray) -> np.ndarray:
    """Cosine of every pair of rows; a zero row scores 0 with the others; diagonal 1."""
    norms = np.linalg.norm(vectors, axis=1)
    unit = np.divide(vectors, norms[:, None], out=np.zeros_like(vectors), where=norms[:, None] > 0)
    return _finish(unit @ unit.T)


def weighted_jaccard(present: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Weighted Jaccard index of every pair of rows of a boolean matrix; diagonal 1."""
    weighted = present.astype(float) * weights
    shared = weighted @ present.T.astype(float)
    either = weighted.sum(axis=1)[:, None] + weighted.sum(axis=1)[None, :] - shared
    return _finish(np.divide(shared, either, out=np.zeros_like(shared), where=either > 0))


def text_cosines(texts: list[str]) -> np.ndarray:
    """Cosine of every pair of texts as tf-idf vectors of character n-grams (``TEXT_VECTORIZER``).

    Texts without any n-gram (and all texts, if none has one) get zero vectors.
    """
    # SciPy and scikit-learn are imported where they are used: importing them takes about
    # a second, which every command that compares no regions would pay for nothing.
    from sklearn.feature_extraction.text import TfidfVectorizer

    try:
        vectors = TfidfVectorizer(**TEXT_VECTORIZER).fit_transform(texts)
    except ValueError:  # empty vocabulary: no text has a single n-gram
        return np.zeros((len(texts), len(texts)))
    return np.clip((vectors @ vectors.T).toarray(), 0.0, 1.0)


def rescale(matrix: np.ndarray) -> np.ndarray:
    """Min–max rescaling over the off-diagonal cells (least alike pair 0, most alike 1)."""
    off = matrix[~np.eye(len(matrix), dtype=bool)]
    if off.size == 0 or off.max() == off.min():
        return np.zeros_like(matrix)
    return (matrix - off.min()) / (off.max() - off.min())


def _finish(matrix: np.ndarray) -> np.ndarray:
    """Clip rounding noise into [0, 1], make exactly symmetric, put 1 on the diagonal."""
    result = np.clip((matrix + matrix.T) / 2, 0.0, 1.0)
    np.fill_diagonal(result, 1.0)
    return result


class RegionSimilarity:
    """The three measures and their combination over all regions, with the reasons.

    Build one with ``compare_regions(graph, query)``. The constructor takes the regions as (prefixed
    name, label) pairs, the rows of the queries ``region-themes`` and ``governance-features``,
    and each region's initiatives with the text the text measure reads; ``regions`` keeps
    their order, and every matrix is indexed in it.
    """

    def __init__(
        self,
        regions: list[tuple[str, str]],
        themes: Rows,
        features: Rows,
        initiatives: dict[str, list[tuple[Initiative, str]]],
        text_pairs: np.ndarray | None = None,
    ) -> None:
        self._inputs = (regions, themes, features, initiatives)
        self.regions: tuple[str, ...] = tuple(r for r, _ in regions)
        self.labels: dict[str, str] = dict(regions)
        self._position = {region: i for i, region in enumerate(self.regions)}
        self.weights = dict(WEIGHTS)
        self.themes, self.theme_labels, self.theme_counts = self._pivot(
            themes, "theme", "themeLabel", "initiatives"
        )
        self.features, self.feature_labels, feature_counts = self._pivot(
            features, "feature", "featureLabel", None
        )
        self.feature_matrix = feature_counts > 0
        self.initiatives = {r: [i for i, _ in initiatives.get(r, [])] for r in self.regions}
        self.initiative_counts = np.array([len(self.initiatives[r]) for r in self.regions])
        self.theme_weights = idf_weights(self.theme_counts)
        self.feature_weights = idf_weights(self.feature_matrix)
        self._theme_vectors = self.theme_counts * self.theme_weights
        self._rows: dict[str, range] = {}
        for region in self.regions:
            start = sum(len(rows) for rows in self._rows.values())
            self._rows[region] = range(start, start + len(self.initiatives[region]))
        texts = [text for r in self.regions for _, text in initiatives.get(r, [])]
        self._pairs = text_cosines(texts) if text_pairs is None else text_pairs
        self.matrices: dict[str, np.ndarray] = {
            "themes": cosine_similarity(self._theme_vectors),
            "text": self._best_match_matrix(),
            "governance": weighted_jaccard(self.feature_matrix, self.feature_weights),
        }
        self.matrices["combined"] = _finish(
            sum(w * rescale(self.matrices[m]) for m, w in self.weights.items())
        )

    def to_bytes(self) -> bytes:
        """What the comparison was made from, and the text cosines of every pair of
        initiatives, as one ``.npz`` file; ``from_bytes`` makes the same comparison again
        without scikit-learn."""
        regions, themes, features, initiatives = self._inputs
        inputs = {
            "regions": regions,
            "themes": [themes.columns, list(themes)],
            "features": [features.columns, list(features)],
            "initiatives": {
                region: [[asdict(initiative), text] for initiative, text in pairs]
                for region, pairs in initiatives.items()
            },
        }
        buffer = io.BytesIO()
        np.savez(buffer, inputs=np.array(json.dumps(inputs)), text_pairs=self._pairs)
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> RegionSimilarity:
        """The comparison ``to_bytes`` wrote; ``ValueError`` if ``data`` is not one."""
        try:
            with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
                inputs = json.loads(str(arrays["inputs"]))
                pairs = arrays["text_pairs"]
            initiatives = {
                region: [
                    (Initiative(i["node"], i["label"], tuple(i["quotes"])), text)
                    for i, text in found
                ]
                for region, found in inputs["initiatives"].items()
            }
            return cls(
                [(name, label) for name, label in inputs["regions"]],
                Rows(*inputs["themes"]),
                Rows(*inputs["features"]),
                initiatives,
                pairs,
            )
        except (OSError, KeyError, TypeError, ValueError, EOFError, BadZipFile) as exc:
            raise ValueError(f"not a stored region comparison: {exc}") from None

    @property
    def combined(self) -> np.ndarray:
        """The weighted sum of the three measures, each rescaled over the pairs (see module)."""
        return self.matrices["combined"]

    # ------------------------------------------------------------------ building blocks

    def _pivot(
        self, rows: Rows, key: str, key_label: str, count: str | None
    ) -> tuple[tuple[str, ...], dict[str, str], np.ndarray]:
        """A regions × items count matrix from query rows (one row per region and item)."""
        labels = {row[key] or "": row[key_label] or "" for row in rows}
        items = tuple(sorted(labels, key=lambda k: (fold(labels[k]), k)))
        column = {item: j for j, item in enumerate(items)}
        matrix = np.zeros((len(self.regions), len(items)))
        for row in rows:
            if (region := row["region"]) in self._position:
                value = float(row[count] or 0) if count else 1.0
                matrix[self._position[region], column[row[key] or ""]] += value
        return items, labels, matrix

    def _block(self, a: str, b: str) -> np.ndarray:
        """Cosines of the initiatives of ``a`` (rows) with those of ``b`` (columns)."""
        rows, columns = self._rows[a], self._rows[b]
        return self._pairs[rows.start : rows.stop, columns.start : columns.stop]

    def _best_match_matrix(self) -> np.ndarray:
        """Mean best match of every pair of regions, both directions averaged."""
        size = len(self.regions)
        directed = np.zeros((size, size))
        for i, a in enumerate(self.regions):
            for j, b in enumerate(self.regions):
                block = self._block(a, b)
                if block.size:
                    directed[i, j] = block.max(axis=1).mean()
        return _finish(directed)

    # ------------------------------------------------------------------ lookups

    def region(self, name: str) -> str:
        """The prefixed name of a region given as prefixed name, IRI, label or short label."""
        text = name.strip()
        iri = to_iri(text)
        if iri is not None and (found := term_to_text(URIRef(iri))) in self._position:
            return found or ""
        wanted = fold(text)
        for region in self.regions:
            if wanted in (fold(self.labels[region]), fold(short_label(self.labels[region]))):
                return region
        raise NodeNotFound(
            f"no region {name!r}; give one of: "
            + ", ".join(short_label(self.labels[r]) for r in self.regions)
        )

    def score(self, a: str, b: str, measure: str = "combined") -> float:
        """The score of two regions on one measure."""
        matrix = self._matrix(measure)
        return float(matrix[self._position[self.region(a)], self._position[self.region(b)]])

    def _matrix(self, measure: str) -> np.ndarray:
        if measure not in self.matrices:
            raise BadParameter(f"unknown measure {measure!r}; use one of {', '.join(MEASURES)}")
        return self.matrices[measure]

    def shared_themes(self, a: str, b: str) -> tuple[str, ...]:
        """Labels of the themes both regions work on, by their share of the theme cosine."""
        i, j = self._position[self.region(a)], self._position[self.region(b)]
        x, y = self._theme_vectors[i], self._theme_vectors[j]
        contribution = x * y
        order = sorted(
            (k for k in range(len(self.themes)) if contribution[k] > 0),
            key=lambda k: (-contribution[k], fold(self.theme_labels[self.themes[k]])),
        )
        return tuple(self.theme_labels[self.themes[k]] for k in order)

    def shared_features(self, a: str, b: str) -> tuple[str, ...]:
        """Labels of the governance features both regions have, rarest first."""
        i, j = self._position[self.region(a)], self._position[self.region(b)]
        both = self.feature_matrix[i] & self.feature_matrix[j]
        order = sorted(
            np.flatnonzero(both),
            key=lambda k: (-self.feature_weights[k], fold(self.feature_labels[self.features[k]])),
        )
        return tuple(self.feature_labels[self.features[k]] for k in order)

    def best_pair(self, a: str, b: str) -> InitiativePair | None:
        """The two initiatives, one of each region, whose texts are the most alike."""
        a, b = self.region(a), self.region(b)
        scores = self._block(a, b)
        if not scores.size:
            return None
        i, j = np.unravel_index(int(np.argmax(scores)), scores.shape)  # first maximum: stable
        return InitiativePair(
            self.initiatives[a][i], self.initiatives[b][j], float(min(1.0, scores[i, j]))
        )

    # ------------------------------------------------------------------ answers

    def peers(self, region: str, n: int = 3, measure: str = "combined") -> list[Peer]:
        """The ``n`` regions closest to ``region`` on ``measure`` (never itself), with reasons."""
        if n < 1:
            raise BadParameter(f"n must be at least 1, not {n}")
        source = self.region(region)
        row = self._matrix(measure)[self._position[source]]
        others = [r for r in self.regions if r != source]
        ranked = sorted(others, key=lambda r: (-row[self._position[r]], self.labels[r]))
        return [self._peer(source, other) for other in ranked[:n]]

    def _peer(self, source: str, other: str) -> Peer:
        i, j = self._position[source], self._position[other]
        return Peer(
            region=other,
            label=self.labels[other],
            score=float(self.combined[i, j]),
            scores={m: float(self.matrices[m][i, j]) for m in MEASURES},
            shared_themes=self.shared_themes(source, other),
            shared_features=self.shared_features(source, other),
            best_pair=self.best_pair(source, other),
        )

    @cached_property
    def linkage(self) -> np.ndarray:
        """Ward hierarchy of the regions on the distance ``1 - combined`` (see the module)."""
        from scipy.cluster.hierarchy import linkage
        from scipy.spatial.distance import squareform

        distance = 1.0 - self.combined
        np.fill_diagonal(distance, 0.0)
        return linkage(squareform(distance, checks=False), method="ward")

    @cached_property
    def leaf_order(self) -> tuple[str, ...]:
        """The regions in the dendrogram's leaf order."""
        from scipy.cluster.hierarchy import leaves_list

        return tuple(self.regions[i] for i in leaves_list(self.linkage))

    def clusters(self, k: int | None = None, threshold: float | None = None) -> list[Cluster]:
        """Cut the hierarchy into ``k`` clusters (default ``DEFAULT_CLUSTERS``) or at ``threshold``.

        Clusters are numbered from 1 in dendrogram order; each names the themes (up to
        three) whose mean share of the members' initiatives most exceeds the mean share
        over all regions.
        """
        from scipy.cluster.hierarchy import fcluster

        if k is not None and threshold is not None:
            raise BadParameter("give the number of clusters or a distance threshold, not both")
        if threshold is not None:
            if threshold < 0:
                raise BadParameter(f"threshold must be a distance of 0 or more, not {threshold}")
            assignment = fcluster(self.linkage, threshold, criterion="distance")
        else:
            k = DEFAULT_CLUSTERS if k is None else k
            if not 1 <= k <= len(self.regions):
                raise BadParameter(f"k must be between 1 and {len(self.regions)}, not {k}")
            assignment = fcluster(self.linkage, k, criterion="maxclust")
        groups: dict[int, list[str]] = defaultdict(list)
        for region in self.leaf_order:
            groups[int(assignment[self._position[region]])].append(region)
        shares = self.theme_shares
        overall = shares.mean(axis=0)
        clusters = []
        for number, members in enumerate(groups.values(), start=1):
            lift = shares[[self._position[m] for m in members]].mean(axis=0) - overall
            top = sorted(
                (t for t in range(len(self.themes)) if lift[t] > 0),
                key=lambda t: (-lift[t], fold(self.theme_labels[self.themes[t]])),
            )[:3]
            clusters.append(
                Cluster(
                    number=number,
                    members=tuple(members),
                    labels=tuple(self.labels[m] for m in members),
                    themes=tuple(self.theme_labels[self.themes[t]] for t in top),
                )
            )
        return clusters

    @cached_property
    def theme_shares(self) -> np.ndarray:
        """Regions × themes: the share of each region's initiatives on each theme."""
        counts = self.initiative_counts[:, None].astype(float)
        return np.divide(
            self.theme_counts, counts, out=np.zeros_like(self.theme_counts), where=counts > 0
        )

    # ------------------------------------------------------------------ tables

    def to_rows(self) -> Rows:
        """Every pair of regions once, with the score on each measure."""
        columns = ["region", "regionLabel", "peer", "peerLabel", *MEASURES]
        rows = []
        for i, a in enumerate(self.regions):
            for b in self.regions[i + 1 :]:
                j = self._position[b]
                scores = {m: f"{self.matrices[m][i, j]:.3f}" for m in MEASURES}
                rows.append(
                    {"region": a, "regionLabel": self.labels[a], "peer": b}
                    | {"peerLabel": self.labels[b], **scores}
                )
        return Rows(columns, rows)

    def peer_rows(self, region: str, n: int = 3, measure: str = "combined") -> Rows:
        """``peers`` as a table: scores, shared themes and structures, the best initiative pair."""
        columns = [
            "rank", "peer", "peerLabel", *MEASURES, "sharedThemes", "sharedFeatures",
            "initiativeA", "quoteA", "initiativeB", "quoteB", "pairScore",
        ]  # fmt: skip
        rows = []
        for rank, peer in enumerate(self.peers(region, n, measure), start=1):
            pair = peer.best_pair
            rows.append(
                {
                    "rank": str(rank),
                    "peer": peer.region,
                    "peerLabel": peer.label,
                    **{m: f"{peer.scores[m]:.3f}" for m in MEASURES},
                    "sharedThemes": "; ".join(peer.shared_themes[:5]),
                    "sharedFeatures": "; ".join(peer.shared_features),
                    "initiativeA": pair.a.label if pair else None,
                    "quoteA": " | ".join(pair.a.quotes) if pair else None,
                    "initiativeB": pair.b.label if pair else None,
                    "quoteB": " | ".join(pair.b.quotes) if pair else None,
                    "pairScore": f"{pair.score:.3f}" if pair else None,
                }
            )
        return Rows(columns, rows)

    def cluster_rows(self, k: int | None = None, threshold: float | None = None) -> Rows:
        """``clusters`` as a table: one row per region with its cluster's themes."""
        columns = ["cluster", "region", "regionLabel", "characteristicThemes"]
        rows = [
            {
                "cluster": str(cluster.number),
                "region": member,
                "regionLabel": self.labels[member],
                "characteristicThemes": "; ".join(cluster.themes),
            }
            for cluster in self.clusters(k, threshold)
            for member in cluster.members
        ]
        return Rows(columns, rows)


REGION_INITIATIVES = """
SELECT ?region ?initiative WHERE {
  ?region a nv:Region .
  OPTIONAL { ?initiative nv:inRegion ?region ; a nv:Initiative . }
}
"""
"""Every region with each of its initiatives (a region without any gives one empty row)."""


def _initiative(facts: Graph, node: Node) -> tuple[Initiative, str]:
    """An initiative with the text the measure reads: its name and Swedish definitions."""
    name = label(facts, node)
    definitions = sorted(
        str(d) for d in facts.objects(node, SKOS.definition) if getattr(d, "language", "") == "sv"
    )
    text = " ".join([name, *definitions])
    quotes = tuple(str(c) for c in citations(facts, node))  # "quote (document, section)"
    return Initiative(term_to_text(node) or "", name, quotes), text


def compare_regions(reader: GraphReader, query: QueryRunner) -> RegionSimilarity:
    """Compare every region with every other on themes, text and governance (``query``
    runs the library's ``region-themes`` and ``governance-features``)."""
    rows = reader.select(REGION_INITIATIVES)
    facts = reader.facts([*column(rows, "region"), *column(rows, "initiative")])
    regions = sorted(
        ((term_to_text(r) or "", label(facts, r)) for r in set(column(rows, "region"))),
        key=lambda pair: (fold(pair[1]), pair[0]),
    )
    initiatives: dict[str, list[tuple[Initiative, str]]] = {name: [] for name, _ in regions}
    for row in rows:
        if row["initiative"] is not None:
            region = term_to_text(row["region"]) or ""
            initiatives[region].append(_initiative(facts, row["initiative"]))
    for found in initiatives.values():
        found.sort(key=lambda pair: pair[0].node)
    return RegionSimilarity(
        regions, query("region-themes"), query("governance-features"), initiatives
    )
