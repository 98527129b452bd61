"""What each disclosure rule withholds in the demo region's newest publication, as a table.

For each family of figures (questions, standards, partners' counts, indicator periods, toelichtingen) it counts
how many figures are shown exactly, in words (a range) or not at all, and why. The same numbers the factsheet,
workbook and CSV show, because they all render from this publication.

Usage: .venv/bin/python -m tools.withheld
"""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

from analysis.disclosure import Count, Share
from analysis.picture import SharedPicture
from services.publications import latest
from tools.document_images import demo


def _state(figure: Count | Share) -> str:
    if figure.withheld:
        return f"niet getoond: {figure.reason}" if figure.reason else "geen antwoord"
    return "exact" if figure.exact else f"in woorden: {figure.reason}"


def _period_state(value: float | None, words: str, basis: str) -> str:
    if value is not None:
        return "exact"
    if basis.startswith(("niet getoond", "geen regiocijfer")):
        return basis
    return f"in woorden: {words}"  # "minder dan 5"


def tally(picture: SharedPicture) -> dict[str, Counter[str]]:
    """Family of figures -> how each of its figures is shown, counted."""
    families: dict[str, Counter[str]] = {
        "vragen (x van y op orde)": Counter(_state(q.op_orde) for q in picture.questions),
        "eigen vragen van de regio": Counter(_state(q.op_orde) for q in picture.extras),
        "standaarden (gemiddelde)": Counter(_state(s.mean) for s in picture.standards),
        "standaarden (geheel op orde)": Counter(_state(s.whole) for s in picture.standards),
    }
    if picture.partners is not None:
        families["partners (eerste blik en nu)"] = Counter(
            _state(c) for _, first, now in picture.partners.questions for c in (first, now)
        )
    families["indicatoren (per periode)"] = Counter(
        _period_state(p.value, p.regio, p.basis) for i in picture.indicators for p in i.periods
    )
    return families


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        found = demo(Path(work) / "demo.db")
        picture = latest(found.engine, found.regio_user, regio_id=found.regio_id)
        found.engine.dispose()
    if picture is None:
        raise SystemExit("the demo region has no publication")
    print(f"{picture.regio_name}: {picture.gemeenten_counted} of {picture.gemeenten_total} gemeenten counted")
    print("rules: " + " ".join(picture.rules.sentences()))
    print("| family | how shown | figures |\n|---|---|---|")
    for family, states in tally(picture).items():
        for state, n in sorted(states.items()):
            print(f"| {family} | {state} | {n} |")
    print(f"toelichtingen shared: {len(picture.toelichtingen)}; left out: {len(picture.left_out)}")
    for line in picture.left_out:
        print(f"  left out: {line}")
    for line in picture.kept:
        print(f"  kept from an earlier publication: {line}")


if __name__ == "__main__":
    main()
