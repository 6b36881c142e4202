"""Each query of the library answers what the two Västernorrland roadmaps say."""

from __future__ import annotations

from datetime import date

import naravard_kg
from naravard_kg.analytics.chains import steps_table

HTL = "Högsta tjänsteledning (RD/KD)"
LL = "Länsledning HälSam"
PLAN_2025 = "doc:vasternorrland-fardplan-2025"
PLAN_2026 = "doc:vasternorrland-fardplan-2026"


def test_responsibility_chain_of_mod_reaches_the_highest_officials(kg: naravard_kg.KnowledgeGraph):
    rows = kg.query("responsibility-chain", node="init:mod-demensteam")
    links = {(r["fromLabel"], r["toLabel"]) for r in rows}
    assert ("Organisationsöverskridande multidisciplinärt demensteam (MOD)", LL) in links
    assert (LL, HTL) in links
    assert (HTL, "Politiken i kommunerna och Region Västernorrland") in links
    twice_a_year = [r for r in rows if r["frequency"] == "två gånger per år"]
    assert {(r["fromLabel"], r["toLabel"], r["via"]) for r in twice_a_year} == {
        (LL, HTL, "Länsledningens presidium")
    }
    quotes = {r["quote"] for r in twice_a_year}
    assert "Återrapport till KD/RD två gånger per år från Länsledningens presidium." in quotes
    owner_quotes = {r["quote"] for r in rows if r["relation"] == "ägs av"}
    assert any("beslut om breddinförande" in q for q in owner_quotes)


def test_reporting_lines_name_the_presidium_twice_a_year(kg: naravard_kg.KnowledgeGraph):
    rows = kg.query("reporting-lines")
    presidium = {
        (r["holderLabel"], r["recipientLabel"], r["frequency"])
        for r in rows
        if r["holderLabel"] == "Länsledningens presidium"
    }
    assert presidium == {
        ("Länsledningens presidium", HTL, "två gånger per år"),
        ("Länsledningens presidium", HTL, "löpande"),
    }
    roadmap_holders = {"Länsledning HälSam", "Länsledningens presidium", HTL}
    recipients = {r["recipientLabel"] for r in rows if r["holderLabel"] in roadmap_holders}
    assert recipients == {HTL, "Politiken i kommunerna och Region Västernorrland"}


def test_responsibilities_of_the_county_leadership(kg: naravard_kg.KnowledgeGraph):
    rows = kg.query("responsibilities-of", holder="body:lansledning-halsam")
    duty = "Länsledningen ska prioritera, planera, driva och följa upp omställningsarbetet"
    tasks = {r["task"] for r in rows if r["responsibility"] == duty}
    assert tasks == {"prioritera", "planera", "driva", "följa upp"}
    adopt = [r for r in rows if r["task"] == "besluta och anta"]
    assert [r["object"] for r in adopt] == ["Färdplan Nära vård i Västernorrland"]


def test_members_of_the_highest_officials(kg: naravard_kg.KnowledgeGraph):
    rows = kg.query("members-of", body="body:vasternorrland-hogsta-tjansteledning")
    assert {r["memberLabel"] for r in rows} == {
        "Regiondirektör, Region Västernorrland",
        *(
            f"Kommundirektör, {m}"
            for m in (
                "Härnösand",
                "Kramfors",
                "Sollefteå",
                "Sundsvall",
                "Timrå",
                "Ånge",
                "Örnsköldsvik",
            )
        ),
    }
    assert {r["role"] for r in rows} == {"regiondirektör", "kommundirektör"}


def test_priorities_2025_plan_mod_is_a_pilot_in_ornskoldsvik(kg: naravard_kg.KnowledgeGraph):
    rows = kg.query("priorities-per-year", plan=PLAN_2025)
    mod = [r for r in rows if r["item"] == "init:mod-demensteam"]
    assert [(r["year"], r["status"], r["place"]) for r in mod] == [
        ("2025", "pilot", "Örnsköldsvik")
    ]
    planned_2026 = {
        r["itemLabel"] for r in rows if r["year"] == "2026" and r["status"] == "planerat"
    }
    assert planned_2026 == {
        "Gemensamma bemanningslösningar nära brukaren",
        "Digitalt väntrum",
        "Egenvård som en naturlig del av vården och omsorgen",
    }


def test_priorities_2026_plan_mod_is_scaled_up(kg: naravard_kg.KnowledgeGraph):
    rows = kg.query("priorities-per-year")  # default: the 2026 plan
    statuses = {r["item"]: r["status"] for r in rows}
    assert statuses["init:mod-demensteam"] == "breddinförande"
    assert statuses["init:sip-utbildning"] == "nytt"
    # The one 2025 entry: the programme that ended when the plan was approved.
    ended = [(r["itemLabel"], r["status"]) for r in rows if r["year"] == "2025"]
    assert ended == [("Program god och nära vård i Västernorrland", "avslutat")]


def test_initiatives_by_target_group_counts_narrower_groups(kg: naravard_kg.KnowledgeGraph):
    rows = kg.query("initiatives-by-target-group")
    elderly = {r["initiativeLabel"] for r in rows if r["targetGroup"] == "äldre"}
    assert "Prediktion sköra äldre" in elderly  # stated as "sköra äldre", broader "äldre"
    assert "Införande av lokalgeografiska MOD-team" in elderly
    children = {r["initiativeLabel"] for r in rows if r["targetGroup"] == "barn och unga"}
    assert "Tidiga samordnade insatser (TSI) för barn och unga" in children


def test_initiatives_without_owner(kg: naravard_kg.KnowledgeGraph):
    rows = kg.query("initiatives-without-owner")
    # Every initiative without an owner is explicitly marked so: none is just missing one.
    assert rows and {r["flaggedUnnamed"] for r in rows} == {"true"}
    unnamed = {r["initiative"] for r in rows}
    # The roadmaps say the responsibility for their activities starts at Länsledning HälSam.
    assert not {i for i in unnamed if i in ("init:mod-demensteam", "init:sip-utbildning")}
    # Blekinge's compilation text names no owner for the residents' dialogues.
    assert "Invånardialoger om den gemensamma målbilden" in {r["initiativeLabel"] for r in rows}


def test_document_dependencies_of_the_2026_roadmap(kg: naravard_kg.KnowledgeGraph):
    rows = kg.query("document-dependencies")
    depends = {r["identifier"] for r in rows if r["relation"] == "beroende av" and r["identifier"]}
    assert depends == {"SFS 2025:400", "SOU 2025:113", "SOU 2023:5", "EHDS", "Prop. 2025/26:19"}
    letter = [r for r in rows if r["dependency"] == "doc:vasternorrland-avsiktsforklaring-2021"]
    assert letter[0]["date"] == date(2021, 5, 14)


def test_document_dependencies_of_the_2025_roadmap(kg: naravard_kg.KnowledgeGraph):
    rows = kg.query("document-dependencies", document=PLAN_2025)
    labels = {r["dependencyLabel"] for r in rows}
    assert "Västernorrlands regionala folkhälsostrategi (pågår)" not in labels  # 2026 only
    assert "Nationella styrdokument nära vård (inte specificerade)" in labels


def test_plan_diff_2025_to_2026(kg: naravard_kg.KnowledgeGraph):
    rows = kg.query("plan-diff", old=PLAN_2025, new=PLAN_2026)
    change = {r["itemLabel"]: (r["change"], r["oldStatus"], r["newStatus"]) for r in rows}
    mod = "Organisationsöverskridande multidisciplinärt demensteam (MOD)"
    assert change[mod] == ("ändrad status", "pilot", "breddinförande")
    assert change["SIP-utbildning"] == ("tillagd", None, "nytt")
    assert change["Prediktion sköra äldre"][0] == "tillagd"
    dropped = {label for label, (kind, _, _) in change.items() if kind == "borttagen"}
    assert dropped == {
        "SIP på distans",
        "Samverkansmodellen BarnSäkert 0–6 år",
        "Gemensamma bemanningslösningar nära brukaren",
    }


def test_plan_principle_changes_2026_added_two_principles(kg: naravard_kg.KnowledgeGraph):
    rows = kg.query("plan-principle-changes")
    principles = {
        (r["change"], r["conceptLabel"]) for r in rows if r["kind"] == "vägledande princip"
    }
    assert principles == {
        ("kvar", "Förebyggande/främjande och tidiga insatser"),
        ("tillagd", "Lokal samverkan"),
        ("tillagd", "Digitalisering"),
    }
    groups = {r["change"] for r in rows if r["kind"] == "prioriterad målgrupp"}
    assert groups == {"kvar"}


def test_source_quotes_of_the_presidium_report(kg: naravard_kg.KnowledgeGraph):
    rows = kg.query("source-quotes", node="resp:presidium-aterrapport")
    assert {r["documentLabel"] for r in rows} == {
        "Färdplan Nära vård i Västernorrland 2025",
        "Färdplan Nära vård i Västernorrland 2026",
    }
    assert {r["quote"] for r in rows} == {
        "Återrapport till KD/RD två gånger per år från Länsledningens presidium."
    }


def test_accountable_for_reverse_view_of_the_highest_officials(kg: naravard_kg.KnowledgeGraph):
    rows = kg.query("accountable-for", body="body:vasternorrland-hogsta-tjansteledning")
    initiatives = {r["node"] for r in rows if r["type"] == "initiativ"}
    assert {
        "init:mod-demensteam",
        "init:lokalgeografiska-mod-team",
        "init:sip-utbildning",
    } <= initiatives
    assert ("post:kommundirektor-kramfors", "befattning") in {(r["node"], r["type"]) for r in rows}
    # Digitaliseringsrådet co-owns digital work but answers to no one the roadmaps name.
    assert "Digitaliseringsrådet" not in {r["nodeLabel"] for r in rows}


def test_every_quote_column_says_where_the_quote_stands(kg: naravard_kg.KnowledgeGraph):
    for query in kg.catalogue:
        columns = kg.query(query.name, **query.example_params()).columns
        if {"documentLabel", "section"} <= set(columns):
            continue  # source-quotes: the document and the section are columns of their own
        for quote in [c for c in columns if c in ("quote", "oldQuote", "newQuote")]:
            source = quote.replace("Quote", "Source").replace("quote", "source")
            assert columns[columns.index(quote) + 1 :][:1] == [source], (query.name, quote)
    themed = kg.query("regions-with-theme", theme="Mobila team", region="Kronoberg")
    assert {r["source"] for r in themed} == {
        "Regionernas arbete 2020, Region Kronoberg / Exempel på prioriterade utvecklingsområden"
    }
    chain = kg.query("responsibility-chain", node="MOD")
    sources = {r["source"] for r in chain if r["fromLabel"] == HTL}
    assert {s.split(", ")[0] for s in sources} == {
        "Färdplan Västernorrland 2025",
        "Färdplan Västernorrland 2026",
    }


def test_chain_steps_name_the_document_of_each_quote(kg: naravard_kg.KnowledgeGraph):
    table = kg.chain("init:mod-demensteam")
    twice = next(s for s in table if s.frequency == "två gånger per år")
    section = "5.2 HälSams länsledning, Länsledningens omsättning av färdplanen i praktiken"
    assert [c.source for c in twice.citations] == [
        f"Färdplan Västernorrland 2025, {section}",
        f"Färdplan Västernorrland 2026, {section}",
    ]
    row = next(r for r in steps_table(table) if r["frequency"] == "två gånger per år")
    quote = "Återrapport till KD/RD två gånger per år från Länsledningens presidium."
    assert row["quote"] == " | ".join(
        f"{quote} (Färdplan Västernorrland {year}, {section})" for year in (2025, 2026)
    )
