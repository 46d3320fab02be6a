"""plankg from a notebook: build the bundled corpus, query it into DataFrames, validate a document, export TriG,
and draw a plan and the lineage network.

Each `# %%` block is a notebook cell (Jupyter with jupytext, VS Code and PyCharm open the file as a notebook);
`python docs/walkthrough.py` runs it whole, in a temporary folder (the test suite does, tests/test_api.py).
It needs the notebook extra: pip install 'plankg[notebook]'.
"""

# %% Build the bundled corpus (five plans) into a new store: load, validate, rebuild the lineage graph.
import shutil
import tempfile
from pathlib import Path

import plankg

folder = Path(tempfile.mkdtemp())
report = plankg.build(store=folder / "store")  # no paths: the bundled corpus; views=True would write the HTML site
print(f"loaded {len(report.loaded)} of {len(report.documents)} documents; ok: {report.ok}")
for document in report.documents:
    warnings = document.validation.count("Warning") if document.validation else 0
    print(
        f"  {document.path.name}: {document.counts['measures']} measures, {document.counts['indicators']} indicators, "
        f"{warnings} SHACL warnings"
    )
print(f"lineage: {report.lineage.families} policy families, {report.lineage.indicator_concepts} shared indicator concepts")

# %% Open it (read-only: any number of notebooks can share a store) and list its documents.
kg = plankg.open(folder / "store")
for document in kg.documents():
    print(f"  {document.file}  {document.region} ({document.level})  {document.period}  {document.title}")

# %% Library queries into DataFrames (kg.queries() lists them with their parameters).
overview = kg.query("plans-overview").to_pandas()
print(overview[["region", "level", "start", "end", "measures", "indicators"]].to_string(index=False))

shared = kg.query("indicators-shared", min_plans=3).to_pandas()
nursing = shared[(shared["name"] == "养老机构护理型床位占比") & (shared["source"] == "table")]
print(nursing[["region", "target", "number", "year", "line"]].to_string(index=False))

families = kg.query("policy-families").to_pandas()
print(
    f"{len(families)} policy families; the largest: {families.iloc[0]['label']} "
    f"({families.iloc[0]['size']} items in {families.iloc[0]['plans']} plans)"
)

# %% Any SPARQL: SELECT gives rows of Python values, ASK a bool, CONSTRUCT an rdflib Graph.
rows = kg.sparql(
    "SELECT ?file ?date WHERE { ?e a pk:PlanText ; eli:realizes ?p ; prov:wasDerivedFrom/dct:identifier ?file "
    "OPTIONAL { ?p eli:date_document ?date } } ORDER BY ?file"
)
print({row["file"]: row["date"] for row in rows})

# %% Validate one document: each finding with its shape's message and the source line and quote.
(validation,) = kg.validate("001_e6d1326eb6e5ef17.txt")
print(
    f"{validation.name}: conforms {validation.conforms}, {validation.count('Violation')} violations, "
    f"{validation.count('Warning')} warnings"
)
finding = validation.findings[0]
print(f"  {finding.severity} line {finding.line}: {finding.message_en}")

# %% Export the whole graph, every named graph kept.
trig = kg.export(folder / "plans.trig")
print(f"wrote {trig.name} ({trig.stat().st_size:,} bytes)")

# %% The views as objects: a plan's tree and the lineage network in networkx, and as pyvis networks that a
# notebook cell shows (the same nodes, colours and positions as the offline site).
tree = kg.plan_graph("001_e6d1326eb6e5ef17.txt")
chapters = [data["label"] for _, data in tree.nodes(data=True) if data["kind"] == "Chapter"]
print(f"plan tree: {tree.number_of_nodes()} nodes, {len(chapters)} chapters, the first {chapters[0]}")
network = kg.lineage_network()
network.write_html(str(folder / "lineage.html"), notebook=True)
print(f"lineage network: {len(network.nodes)} nodes")

# %% Close the store and clean up.
kg.close()
shutil.rmtree(folder)
