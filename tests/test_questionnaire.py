from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import questionnaire
from questionnaire import QuestionnaireError

# The distribution of questions over standards, from the domain brief.
QUESTIONS_PER_STANDARD = {
    1: [1, 2], 2: [3, 4], 3: [5, 6, 7, 8, 9], 6: [10, 11, 12, 13, 14], 4: [15, 16],
    5: [17, 18], 7: [19, 20, 21, 22], 8: [23, 24, 25, 26, 27], 9: [28, 29], 10: [30, 31],
}  # fmt: skip
CLUSTERS = {"A": [1, 2], "B": [3, 6], "C": [4, 5, 7, 8], "D": [9], "E": [10]}


def raw_questionnaire() -> dict:
    return yaml.safe_load(questionnaire.CURRENT_FILE.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: dict | str) -> Path:
    path = tmp_path / "zelfscan-test.yaml"
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_the_shipped_questionnaire_has_31_questions_in_10_standards():
    qn = questionnaire.current()
    assert len(qn.questions) == 31
    assert len(qn.standards) == 10


def test_every_question_belongs_to_the_standard_the_domain_brief_gives_it():
    qn = questionnaire.current()
    for standard, numbers in QUESTIONS_PER_STANDARD.items():
        assert [q.number for q in qn.questions_of_standard(standard)] == numbers


def test_questions_1_to_14_are_block_1_and_15_to_31_block_2():
    qn = questionnaire.current()
    assert [q.number for q in qn.questions_of_block(1)] == list(range(1, 15))
    assert [q.number for q in qn.questions_of_block(2)] == list(range(15, 32))


def test_every_standard_is_in_the_cluster_of_the_vng_plan_format():
    qn = questionnaire.current()
    for code, numbers in CLUSTERS.items():
        assert sorted(s.number for s in qn.standards if s.cluster == code) == numbers


def test_every_question_has_dutch_text_and_help():
    for q in questionnaire.current().questions:
        assert q.text.endswith("?"), q.number
        assert q.help, q.number


def test_the_current_version_can_be_found_by_its_version_id():
    assert questionnaire.by_version(questionnaire.current().version) == questionnaire.current()


def test_an_unknown_version_is_refused_in_dutch():
    with pytest.raises(QuestionnaireError, match="niet bekend"):
        questionnaire.by_version("1999.1")


def _drop_last_question(data):
    data["questions"].pop()


def _add_32nd_question(data):
    data["questions"].append({**data["questions"][-1], "number": 32})


def _duplicate_number(data):
    data["questions"][1]["number"] = 1


def _unknown_standard(data):
    data["questions"][0]["standard"] = 11


def _wrong_block(data):
    data["questions"][14]["block"] = 1


def _standard_in_unknown_cluster(data):
    data["standards"][0]["cluster"] = "F"


def _unknown_begrip(data):
    data["questions"][4]["begrippen"] = ["bestaat-niet"]


def _missing_text(data):
    del data["questions"][3]["text"]


def _practice_about_unknown_question(data):
    data["practices"][2]["questions"] = [1, 40]


def _practices_without_source(data):
    data["practices_source"] = ""


@pytest.mark.parametrize(
    ("break_it", "message"),
    [
        (_drop_last_question, "er moeten 31 vragen zijn, gevonden: 30"),
        (_add_32nd_question, "dit getal is te groot (hoogstens 31)"),
        (_duplicate_number, "vraag 1 komt meer dan eens voor"),
        (_unknown_standard, "vraag 1 hoort bij onbekende standaard 11"),
        (_wrong_block, "vraag 15 staat in blok 1, maar standaard 4 hoort in blok 2"),
        (_standard_in_unknown_cluster, "standaard 1 hoort bij onbekend cluster 'F'"),
        (_unknown_begrip, "vraag 5 noemt onbekend begrip 'bestaat-niet'"),
        (_missing_text, "questions.3.text"),
        (_practice_about_unknown_question, "voorbeeld 3 noemt onbekende vraag 40"),
        (_practices_without_source, "bij de voorbeelden uit de praktijk ontbreekt de bron"),
    ],
)
def test_a_broken_questionnaire_is_refused_with_a_message_naming_the_problem(tmp_path, break_it, message):
    data = raw_questionnaire()
    break_it(data)
    with pytest.raises(QuestionnaireError) as refused:
        questionnaire.load(write(tmp_path, data))
    assert message in str(refused.value)
    assert "zelfscan-test.yaml" in str(refused.value)


def test_a_file_that_is_not_yaml_is_refused(tmp_path):
    with pytest.raises(QuestionnaireError, match="kan niet worden gelezen"):
        questionnaire.load(write(tmp_path, "questions: [unclosed"))


def test_an_empty_file_is_refused(tmp_path):
    with pytest.raises(QuestionnaireError, match="geen geldige gegevens"):
        questionnaire.load(write(tmp_path, ""))


def test_the_examples_from_practice_about_the_actions_questions_come_first():
    qn = questionnaire.current()
    examples = qn.practices_for(6, (14,))
    assert examples[0].text.startswith("Kijk bij elk gezinslid of er trauma is")
    assert {p.standard for p in examples} == {6} and len(examples) == len(qn.practices_for(6))


def test_every_standard_has_examples_from_practice():
    qn = questionnaire.current()
    assert all(qn.practices_for(s.number) for s in qn.standards)
