"""The regio report: which round counts, figures over generated regions, and the anonymised files."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

import openpyxl
import pytest

from analysis.deidentify import Words
from domain.access import Role
from domain.answers import AnswerValue
from domain.models import Purpose
from services import ServiceError
from services.publications import Options, Selection, publish
from services.regio import create_regio, list_gemeenten, set_regio_settings
from services.regio_exports import internal_file, shared_file
from services.regio_report import regio_report
from services.scan import ToelichtingChange, ValueChange, save_changes, start_round
from tests.conftest import ADMIN, principal_for

OP, NIET = AnswerValue.OP_ORDE, AnswerValue.NIET_OP_ORDE
NAMES = ["Aalsveen", "Brakeloo", "Dorrestein", "Wilgenvliet aan de Maas"]


@pytest.fixture
def region(engine):
    """Four gemeenten: two rounds for Aalsveen, one each for two others, none for the last."""
    regio = create_regio(engine, ADMIN, name="Regio Proef", gemeente_names=NAMES)
    gemeenten = {g.name: g for g in list_gemeenten(engine, ADMIN, regio_id=regio.id)}

    def round_for(
        name: str, held_on: date, values: dict[int, AnswerValue], notes: dict[int, str] | None = None
    ) -> None:
        me = principal_for(Role.GEMEENTE, regio, gemeenten[name], label=f"team {name}")
        round_id = start_round(
            engine, me, gemeente_id=me.gemeente_id, held_on=held_on, purpose=Purpose.NULMETING, participants=[]
        )
        changes = [ValueChange(question_number=n, value=v) for n, v in values.items()]
        changes += [ToelichtingChange(question_number=n, toelichting=t) for n, t in (notes or {}).items()]
        save_changes(engine, me, round_id=round_id, changes=changes)

    round_for("Aalsveen", date(2024, 3, 1), {1: NIET, 2: NIET})
    round_for("Aalsveen", date(2026, 3, 1), {1: OP, 2: OP}, {1: "Net als Brakeloo hebben wij een visie."})
    round_for("Brakeloo", date(2024, 3, 5), {1: OP, 2: NIET}, {2: "In BRAKELOO nog niet besproken."})
    round_for("Dorrestein", date(2026, 2, 1), {1: OP})
    return regio


@pytest.fixture
def viewer(region):
    return principal_for(Role.REGIO, region)


def shared(engine, viewer, region, **options):
    """Fix a publication of the regio's rounds (by its rule) and return it, as the Regio page does."""
    _, made = publish(engine, viewer, regio_id=region.id, selection=Selection(), options=Options(**options))
    return made.picture


def show_every_figure(engine, region, minimum: int = 2) -> None:
    """Figures at 0 or y shown as is: for tests that read exact figures back from the files."""
    set_regio_settings(engine, ADMIN, regio_id=region.id, min_gemeenten=minimum, group_rule="tonen")


def test_the_latest_round_of_each_gemeente_counts(engine, region, viewer):
    report = regio_report(engine, viewer, regio_id=region.id)
    assert [g.gemeente_name for g in report.counted] == ["Aalsveen", "Brakeloo", "Dorrestein"]
    s1 = report.average[0]
    assert s1.mean_share == pytest.approx((1.0 + 0.5 + 1.0) / 3) and s1.gemeenten == 3
    q1 = report.questions[0]
    assert (q1.x, q1.y) == (3, 3)


def test_a_period_picks_the_latest_round_within_it(engine, region, viewer):
    report = regio_report(engine, viewer, regio_id=region.id, period=(date(2024, 1, 1), date(2024, 12, 31)))
    assert [g.gemeente_name for g in report.counted] == ["Aalsveen", "Brakeloo"]
    assert report.average[0].mean_share == pytest.approx((0.0 + 0.5) / 2)


def test_a_period_that_ends_before_it_starts_is_refused(engine, region, viewer):
    with pytest.raises(ServiceError, match="begindatum"):
        regio_report(engine, viewer, regio_id=region.id, period=(date(2026, 1, 1), date(2025, 1, 1)))


def test_only_the_regio_gets_the_regio_report(engine, region):
    for role in (Role.GEMEENTE, Role.FACILITATOR, Role.BEHEERDER):
        with pytest.raises(ServiceError, match="geen toegang"):
            regio_report(engine, principal_for(role, region), regio_id=region.id)


def all_text_of_xlsx(data: bytes) -> str:
    """Every part of the file: cells, sheet names, charts, document properties."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return " ".join(z.read(name).decode("utf-8", "replace") for name in z.namelist())


@pytest.mark.parametrize("kind", ["xlsx", "csv", "html"])
def test_no_shared_file_holds_a_gemeente_name(engine, region, viewer, kind):
    picture = shared(engine, viewer, region, include_toelichtingen=True)
    file_name, data, _ = shared_file(picture, kind, duiding="Brakeloo loopt voorop.", words=Words(names=tuple(NAMES)))
    text = all_text_of_xlsx(data) if kind == "xlsx" else data.decode("utf-8")
    for name in NAMES:
        assert name.casefold() not in text.casefold(), name
        assert name.casefold() not in file_name.casefold()
    if kind != "csv":  # the CSV holds the figures only
        assert "[gemeente]" in text  # the toelichting that named Brakeloo is there, masked


def test_the_shared_workbook_has_a_native_radar_chart_with_visible_axes(engine, region, viewer):
    _, data, _ = shared_file(shared(engine, viewer, region), "xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 1 and "radarChart>" in charts[0]
    assert 'delete val="1"' not in charts[0]


def test_the_shared_workbook_reads_back_the_regional_figures(engine, region, viewer):
    show_every_figure(engine, region)
    report = regio_report(engine, viewer, regio_id=region.id)
    _, data, _ = shared_file(shared(engine, viewer, region), "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Standaarden"]
    assert sheet["C2"].value == pytest.approx(report.average[0].mean_share)
    assert sheet["C2"].number_format == "0%"
    assert (sheet["E2"].value, sheet["F2"].value) == (1, 2)  # whole standard 1: Aalsveen yes, Brakeloo no


@pytest.mark.parametrize("kind", ["xlsx", "csv", "html"])
def test_figures_on_too_few_gemeenten_are_withheld_in_every_format(engine, region, viewer, kind):
    gemeenten = {g.name: g for g in list_gemeenten(engine, ADMIN, regio_id=region.id)}
    me = principal_for(Role.GEMEENTE, region, gemeenten["Wilgenvliet aan de Maas"], label="team W")
    late = start_round(
        engine, me, gemeente_id=me.gemeente_id, held_on=date(2026, 6, 1), purpose=Purpose.NULMETING, participants=[]
    )
    save_changes(engine, me, round_id=late, changes=[ValueChange(question_number=3, value=OP)])
    set_regio_settings(engine, ADMIN, regio_id=region.id, min_gemeenten=4, group_rule="tonen")
    # Four gemeenten count, but only two of them answered question 2.
    picture = shared(engine, viewer, region)
    _, data, _ = shared_file(picture, kind)
    if kind == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(data))["Vragen"]
        assert (sheet["D3"].value, sheet["E3"].value) == ("niet getoond", None)
        assert "te weinig gemeenten" in sheet["F3"].value
    elif kind == "csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
        question_2 = next(r for r in rows if r[0] == "vraag" and r[1] == "2")
        assert question_2[4:6] == ["niet getoond", ""] and "te weinig gemeenten" in question_2[7]
    else:
        text = data.decode("utf-8")
        assert "niet getoond (te weinig gemeenten)" in text


def test_nothing_is_shared_while_fewer_gemeenten_count_than_the_minimum(engine, region, viewer):
    set_regio_settings(engine, ADMIN, regio_id=region.id, min_gemeenten=4)
    with pytest.raises(ServiceError, match="vanaf 4 gemeenten"):
        shared(engine, viewer, region)  # three gemeenten count


def test_the_csv_reads_back_with_a_row_per_standard_and_question(engine, region, viewer):
    show_every_figure(engine, region)
    picture = shared(engine, viewer, region)
    _, data, _ = shared_file(picture, "csv")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    explained = 3 + len(picture.rules.sentences())  # what the figures count, and how gemeenten are protected
    assert len(rows) == 1 + 10 + 31 + explained
    assert [r[0] for r in rows[-explained:]] == ["uitleg"] * explained
    assert rows[11][:6] == ["vraag", "1", "1", rows[11][3], "3", "3"]


def test_the_internal_workbook_has_a_named_sheet_with_a_radar_per_gemeente(engine, region, viewer):
    _, data = internal_file(regio_report(engine, viewer, regio_id=region.id))
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Overzicht", "Aalsveen", "Brakeloo", "Dorrestein"]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert len([n for n in z.namelist() if n.startswith("xl/charts/chart")]) == 3


def test_rounds_of_one_purpose_can_be_compared_with_another(engine, region, viewer):
    from analysis.compare import gemeente_changes

    gemeenten = {g.name: g for g in list_gemeenten(engine, ADMIN, regio_id=region.id)}
    me = principal_for(Role.GEMEENTE, region, gemeenten["Brakeloo"], label="team Brakeloo")
    later = start_round(
        engine, me, gemeente_id=me.gemeente_id, held_on=date(2026, 4, 1), purpose=Purpose.EVALUATIE, participants=[]
    )
    save_changes(
        engine,
        me,
        round_id=later,
        changes=[ValueChange(question_number=1, value=OP), ValueChange(question_number=2, value=OP)],
    )
    before = regio_report(engine, viewer, regio_id=region.id, purpose=Purpose.NULMETING)
    after = regio_report(engine, viewer, regio_id=region.id, purpose=Purpose.EVALUATIE)
    assert [g.gemeente_name for g in after.counted] == ["Brakeloo"]
    a = next(g for g in before.counted if g.gemeente_name == "Brakeloo")
    changed = [c for c in gemeente_changes(a.result, after.counted[0].result) if c.changed]
    assert [(c.number, c.before, c.after) for c in changed] == [(2, "niet op orde", "op orde")]


def test_regional_changes_show_x_van_y_before_and_after_and_say_what_is_withheld():
    from analysis.compare import regio_changes
    from analysis.regional import QuestionXY

    before = [
        QuestionXY(number=1, standard=1, text="v1", x=2, y=4),
        QuestionXY(number=2, standard=1, text="v2", x=1, y=2, withheld=True),
    ]
    after = [
        QuestionXY(number=1, standard=1, text="v1", x=3, y=4),
        QuestionXY(number=2, standard=1, text="v2", x=2, y=2, withheld=True),
    ]
    changes = regio_changes(before, after, "niet getoond")
    assert [(c.before, c.after) for c in changes] == [
        ("2 van 4 op orde", "3 van 4 op orde"),
        ("niet getoond", "niet getoond"),
    ]


def test_comparing_two_moments_counts_only_gemeenten_with_both(engine, region, viewer):
    from services.regio_report import compare_moments

    gemeenten = {g.name: g for g in list_gemeenten(engine, ADMIN, regio_id=region.id)}
    me = principal_for(Role.GEMEENTE, region, gemeenten["Dorrestein"], label="team Dorrestein")
    later = start_round(
        engine, me, gemeente_id=me.gemeente_id, held_on=date(2026, 5, 1), purpose=Purpose.EVALUATIE, participants=[]
    )
    save_changes(engine, me, round_id=later, changes=[ValueChange(question_number=1, value=NIET)])
    before, after = compare_moments(
        engine, viewer, regio_id=region.id, first=Purpose.NULMETING, second=Purpose.EVALUATIE
    )
    assert [g.gemeente_name for g in before.counted] == ["Dorrestein"] == [g.gemeente_name for g in after.counted]
    assert (before.questions[0].x, after.questions[0].x) == (1, 0)


def test_a_comparison_of_two_moments_compares_only_what_was_answered_both_times(engine, region, viewer):
    from services.regio_report import compare_moments, paired

    gemeenten = {g.name: g for g in list_gemeenten(engine, ADMIN, regio_id=region.id)}
    for name, values in (("Aalsveen", {1: OP}), ("Brakeloo", {1: NIET, 2: OP})):
        me = principal_for(Role.GEMEENTE, region, gemeenten[name], label=f"team {name}")
        later = start_round(
            engine, me, gemeente_id=me.gemeente_id, held_on=date(2026, 6, 1), purpose=Purpose.EVALUATIE,
            participants=[],
        )  # fmt: skip
        save_changes(engine, me, round_id=later, changes=[ValueChange(question_number=n, value=v)
                                                           for n, v in values.items()])  # fmt: skip
    comparison = paired(*compare_moments(engine, viewer, regio_id=region.id, first=Purpose.NULMETING,
                                         second=Purpose.EVALUATIE))  # fmt: skip
    _, _, before, after = comparison.questions[1]  # question 2: Aalsveen did not answer it the second time
    assert (before.x, before.y, after.x, after.y) == (0, 1, 1, 1)
    assert "vraag 2" in comparison.left[0]
