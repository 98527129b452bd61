"""Procesindicatoren: the template set, figures in and out, small counts, who sees what."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

import indicators
from analysis.indicators import normal_period, period_key, series, shown
from domain.access import Role
from indicators.models import Figure, Unit
from services import ServiceError
from services.authz import Forbidden
from services.indicator_exports import anonymised_files, template_file
from services.indicators import (
    adopt_from_template,
    edit_indicator,
    import_figures,
    lines,
    overview,
    save_typed,
)
from services.regio import set_regio_settings
from tests.conftest import ADMIN, principal_for

KEYS = ["vt-overdrachten", "wijkteam-doorlooptijd", "veiligheidsplan"]


def workbook(rows: list[list], header=("indicator", "gemeente", "periode", "waarde")) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Cijfers"
    ws.append(list(header))
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture
def chosen(engine, regio_user):
    adopt_from_template(engine, regio_user, keys=KEYS)
    return overview(engine, regio_user)


def share(engine, regio_user):
    """The regio fixes what it shares (as on the Regio page)."""
    from services.publications import Options, Selection, publish

    return publish(engine, regio_user, regio_id=regio_user.regio_id, selection=Selection(), options=Options())[
        1
    ].picture


@pytest.fixture
def delivered(engine, regio_user, chosen):
    """Overdrachten for three gemeenten over three quarters; Beekdal had 3 in 2026-K1 (a small count)."""
    rows = []
    for period, counts in (("2025-K3", (12, 20, 9)), ("2025-K4", (14, 18, 7)), ("2026-K1", (11, 3, 8))):
        for name, count in zip(("Aadorp", "Beekdal", "Cranendonk-Oost"), counts, strict=True):
            rows.append(["vt-overdrachten", name, period, count])
    report = import_figures(engine, regio_user, data=workbook(rows), file_name="cijfers.xlsx")
    assert report.problems == ()
    return report


def test_the_template_set_is_valid_and_names_its_source():
    template = indicators.template()
    assert len(template.indicators) >= 10 and "Regioplan" in template.source


def test_a_template_that_links_an_unknown_question_is_refused_in_dutch(tmp_path):
    text = indicators.TEMPLATE_FILE.read_text(encoding="utf-8").replace("questions: [30, 18]", "questions: [30, 48]")
    broken = Path(tmp_path) / "kapot.yaml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(indicators.IndicatorError, match="vraag 48 bestaat niet"):
        indicators.load(broken)


def test_periods_are_read_in_the_ways_people_write_them_and_sorted_in_time():
    assert [normal_period(p) for p in ("2025", " 2025-k1 ", "2025-H2", "2025-03", "2025-3", "Q1")] == [
        "2025", "2025-K1", "2025-H2", "2025-03", None, None,
    ]  # fmt: skip
    assert sorted(["2026-K1", "2025-H2", "2025-03", "2025"], key=period_key) == [
        "2025",
        "2025-03",
        "2025-H2",
        "2026-K1",
    ]


def test_a_small_count_is_shown_as_less_than_the_threshold_and_zero_as_zero():
    assert shown(3, Unit.COUNT, 5).text == "minder dan 5" and shown(3, Unit.COUNT, 5).value is None
    assert shown(0, Unit.COUNT, 5).text == "0"
    assert shown(63.5, Unit.PERCENTAGE, 5).text == "63,5%"


def test_percentages_of_gemeenten_are_never_averaged_into_a_regional_figure():
    figures = [Figure(indicator_id=1, gemeente_id=g, period="2025", value=v) for g, v in ((1, 40), (2, 80))]
    (row,) = series(figures, Unit.PERCENTAGE, [1, 2], 5)
    assert (row.regio.value, row.regio_basis) == (None, "geen regiocijfer")


def test_the_regio_adopts_indicators_from_the_template(chosen):
    assert [i.indicator.key for i in chosen.indicators] == KEYS


def test_a_gemeente_cannot_change_the_set(engine, aadorp, chosen):
    with pytest.raises(Forbidden):
        adopt_from_template(engine, aadorp, keys=["mda-inzet"])


def test_an_edited_definition_is_kept_and_an_empty_name_refused(engine, regio_user, chosen):
    first = chosen.indicators[0].id
    edit_indicator(engine, regio_user, indicator_id=first, definition="Alleen gezinnen met kinderen.")
    assert overview(engine, regio_user).indicators[0].indicator.definition == "Alleen gezinnen met kinderen."
    with pytest.raises(ServiceError, match="de naam"):
        edit_indicator(engine, regio_user, indicator_id=first, name="  ")


def test_figures_read_from_the_template_appear_per_gemeente_and_period(engine, regio_user, chosen, delivered):
    _, rows = lines(engine, regio_user, indicator_id=chosen.indicators[0].id)
    assert [r.period for r in rows] == ["2025-K3", "2025-K4", "2026-K1"]
    assert [r.regio.text for r in rows] == ["41", "39", "22"]
    assert "minder dan 5" in [s.text for s in rows[2].gemeenten.values()]


def test_the_downloaded_template_reads_back_in_once_filled(engine, regio_user, chosen):
    _, data = template_file(engine, regio_user, period="2026-K2")
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["Cijfers"]
    for row in ws.iter_rows(min_row=2):
        row[3].value = 10
    out = io.BytesIO()
    wb.save(out)
    report = import_figures(engine, regio_user, data=out.getvalue(), file_name="sjabloon.xlsx")
    assert report.problems == () and report.stored == 3 * len(KEYS)


def test_a_bad_cell_is_named_by_sheet_and_cell_and_nothing_is_stored(engine, regio_user, chosen):
    rows = [["vt-overdrachten", "Aadorp", "2025-K1", 5], ["vt-overdrachten", "Beekdal", "2025-K1", "veel"]]
    report = import_figures(engine, regio_user, data=workbook(rows), file_name="cijfers.xlsx")
    assert [(p.where, p.message) for p in report.problems] == [
        ("blad Cijfers, cel D3", "Hier hoort een getal, bijvoorbeeld 12 of 63,5.")
    ]
    assert lines(engine, regio_user, indicator_id=chosen.indicators[0].id)[1] == []


def test_a_column_that_looks_like_personal_data_is_refused(engine, regio_user, chosen):
    data = workbook(
        [["vt-overdrachten", "Aadorp", "2025", 5, "12-3-2015"]],
        header=("indicator", "gemeente", "periode", "waarde", "Geboortedatum"),
    )
    with pytest.raises(ServiceError, match=r"persoonsgegevens.*blad Cijfers, cel E1: een kolom met persoonsgegevens"):
        import_figures(engine, regio_user, data=data, file_name="cijfers.xlsx")


def test_a_value_that_looks_like_a_bsn_is_refused(engine, regio_user, chosen):
    data = workbook([["vt-overdrachten", "Aadorp", "2025", 111222333]])
    with pytest.raises(ServiceError, match="blad Cijfers, cel D2: een BSN"):
        import_figures(engine, regio_user, data=data, file_name="c.xlsx")


def test_a_csv_with_semicolons_and_a_decimal_comma_is_read(engine, regio_user, chosen):
    text = "indicator;gemeente;periode;waarde\r\nwijkteam-doorlooptijd;Aadorp;2025-H1;63,5\r\n"
    report = import_figures(engine, regio_user, data=text.encode("utf-8-sig"), file_name="c.csv")
    assert report.problems == () and report.stored == 1


def test_something_that_is_no_figures_file_gets_a_plain_message(engine, regio_user, chosen):
    with pytest.raises(ServiceError, match="kopregel ontbreekt"):
        import_figures(engine, regio_user, data=b"%PDF-1.7 niets", file_name="brief.pdf")


def test_typed_figures_are_stored_and_a_percentage_above_100_refused(engine, regio_user, gemeenten, chosen):
    percentage = next(i for i in chosen.indicators if i.indicator.unit is Unit.PERCENTAGE).id
    save_typed(engine, regio_user, indicator_id=percentage, period="2025", values={gemeenten[0].id: 70.0})
    with pytest.raises(ServiceError, match="tussen 0 en 100"):
        save_typed(engine, regio_user, indicator_id=percentage, period="2025", values={gemeenten[0].id: 170.0})


def test_a_gemeente_sees_only_its_own_line(engine, aadorp, chosen, delivered):
    _, rows = lines(engine, aadorp, indicator_id=chosen.indicators[0].id)
    assert all(set(r.gemeenten) == {aadorp.gemeente_id} for r in rows)
    assert {r.regio_basis for r in rows} == {"niet getoond"}


def test_a_gemeente_sees_the_regional_line_as_the_regio_shared_it(engine, regio, regio_user, aadorp, chosen, delivered):
    set_regio_settings(engine, ADMIN, regio_id=regio.id, gemeente_sees_average=True, min_gemeenten=3)
    _, rows = lines(engine, aadorp, indicator_id=chosen.indicators[0].id)
    assert [r.regio.text for r in rows] == ["geen cijfer"] * 3  # nothing shared yet
    share(engine, regio_user)
    _, rows = lines(engine, aadorp, indicator_id=chosen.indicators[0].id)
    assert [r.regio.text for r in rows] == ["41", "39", "22"]


def test_a_gemeente_sees_its_own_small_count_as_it_delivered_it(engine, regio, gemeenten, chosen, delivered):
    beekdal = principal_for(Role.GEMEENTE, regio, gemeenten[1])
    _, rows = lines(engine, beekdal, indicator_id=chosen.indicators[0].id)
    assert rows[-1].gemeenten[gemeenten[1].id].text == "3"


def test_a_small_count_cannot_be_computed_back_from_the_regional_sum(engine, regio_user, gemeenten, chosen, delivered):
    _, rows = lines(engine, regio_user, indicator_id=chosen.indicators[0].id)
    newest = rows[-1]  # 11, 3 and 8: the 3 is small; the 8 is withheld too, so 22 - 11 says nothing about one
    assert [newest.gemeenten[g.id].value for g in gemeenten] == [11, None, None]
    assert newest.regio.text == "22"


def test_the_anonymised_files_name_no_gemeente_and_no_gemeentes_own_figure(engine, regio_user, chosen, delivered):
    share(engine, regio_user)
    files = anonymised_files(engine, regio_user)
    wb = openpyxl.load_workbook(io.BytesIO(files["xlsx"][1]))
    cells = [str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    rows = list(csv.reader(io.StringIO(files["csv"][1].decode("utf-8-sig")), delimiter=";"))
    for text in (cells, [c for r in rows for c in r]):
        assert not any(name in c for c in text for name in ("Aadorp", "Beekdal", "Cranendonk"))
    small = next(r for r in rows if r[3] == "2026-K1")
    assert small[4:] == ["22", "som van 3 gemeenten", "3"]  # no lowest or highest: that is one gemeente's figure


def test_another_regios_user_sees_nothing_of_this_regio(engine, chosen):
    from services.regio import create_regio

    other = create_regio(engine, ADMIN, name="Regio Anders", gemeente_names=["Elders"])
    assert overview(engine, principal_for(Role.REGIO, other)).indicators == ()


def test_a_gemeente_named_in_an_indicators_definition_is_masked_in_the_anonymised_files(
    engine, regio_user, chosen, delivered
):
    edit_indicator(engine, regio_user, indicator_id=chosen.indicators[0].id, definition="Alleen Beekdal levert dit.")
    share(engine, regio_user)
    wb = openpyxl.load_workbook(io.BytesIO(anonymised_files(engine, regio_user)["xlsx"][1]))
    cells = [str(c) for row in wb["Indicatoren"].iter_rows(values_only=True) for c in row]
    assert "Alleen [gemeente] levert dit." in cells
    assert not any("Beekdal" in c for c in cells)


def test_the_factsheet_shows_the_newest_regional_figures_without_gemeenten(engine, regio, regio_user, delivered):
    from exports.factsheet_html import factsheet_html

    html = factsheet_html(share(engine, regio_user)).decode("utf-8")
    assert "Procesindicatoren: hoe het werk gaat" in html
    assert "Overdrachten van Veilig Thuis aan het lokale team</td>" in html
    assert ">22</td>" in html and ">som van 3 gemeenten</td>" in html
    assert "minder dan 5" not in html  # no lowest: it would be one gemeente's own figure


def test_a_gemeentes_report_shows_its_own_figure_and_hides_a_small_one(engine, gemeenten, regio, regio_user, delivered):
    from services.indicators import gemeente_lines

    set_regio_settings(engine, ADMIN, regio_id=regio.id, gemeente_sees_average=True)
    share(engine, regio_user)
    (beekdal,) = gemeente_lines(engine, regio_user, gemeente_id=gemeenten[1].id)
    assert (beekdal.period, beekdal.own, beekdal.regio) == ("2026-K1", "minder dan 5", "22")


def test_a_gemeente_cannot_ask_for_another_gemeentes_figures(engine, aadorp, gemeenten, delivered):
    from services.indicators import gemeente_lines

    with pytest.raises(Forbidden):
        gemeente_lines(engine, aadorp, gemeente_id=gemeenten[1].id)


def test_the_regio_adds_an_indicator_of_its_own(engine, regio_user, chosen):
    from services.indicators import add_own_indicator

    add_own_indicator(
        engine, regio_user, name="Huisverboden", thema="Hulp", definition="Aantal opgelegde huisverboden.",
        source="Gemeente", level="gemeente", unit="aantal", priority="nice", frequency="per jaar", standards=(10,),
    )  # fmt: skip
    own = overview(engine, regio_user).indicators[-1]
    assert (own.indicator.key, own.template_version, own.indicator.standards) == ("huisverboden", None, (10,))


def test_an_own_indicator_without_a_definition_is_refused_in_dutch(engine, regio_user):
    from services.indicators import add_own_indicator

    with pytest.raises(ServiceError, match="de definitie"):
        add_own_indicator(
            engine, regio_user, name="Iets", thema="Hulp", definition=" ", source="Gemeente", level="gemeente",
            unit="aantal", priority="nice", frequency="per jaar", standards=(),
        )  # fmt: skip


def test_a_backup_and_restore_carry_the_indicators_and_their_figures(engine, regio_user, chosen, delivered, tmp_path):
    from services.backup import backup_file, restore_file
    from store.engine import make_engine
    from tests.databases import new_database

    _, data = backup_file(engine, ADMIN)
    with new_database(tmp_path / "terug") as url:
        target = make_engine(url)
        restore_file(target, None, data)
        _, rows = lines(target, regio_user, indicator_id=chosen.indicators[0].id)
        target.dispose()
    assert [r.regio.text for r in rows] == ["41", "39", "22"]


def test_a_csv_may_name_an_indicator_as_people_read_it(engine, regio_user, chosen):
    data = "indicator;gemeente;periode;waarde\nOverdrachten van Veilig Thuis aan het lokale team;Aadorp;2026-K1;12\n"
    report = import_figures(engine, regio_user, data=data.encode(), file_name="cijfers.csv")
    assert (report.problems, report.stored) == ((), 1)


def test_every_gemeente_of_a_large_regio_gets_a_line_of_its_own():
    from pictures.indicator_charts import style

    assert len({style(i) for i in range(60)}) == 60
    assert len({style(i)[2] for i in range(20)}) == 20  # the marker alone tells twenty apart


def test_a_negative_count_typed_in_is_refused_in_dutch(engine, regio_user, gemeenten, chosen):
    count = next(i for i in chosen.indicators if i.indicator.unit is Unit.COUNT).id
    with pytest.raises(ServiceError, match="heel getal van 0 of meer"):
        save_typed(engine, regio_user, indicator_id=count, period="2025", values={gemeenten[0].id: -3.0})
