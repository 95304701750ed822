import pytest

from klimapartner.matching import Relation, WishKind
from klimapartner.matching.files import TEMPLATE, InputError, read_participants, read_scores, read_tables


def error_of(function, *args):
    with pytest.raises(InputError) as error:
        function(*args)
    return str(error.value)


def test_the_shipped_template_reads():
    people = read_participants(TEMPLATE, 4)
    assert [p.id for p in people] == ["p1", "p2", "p3", "p4"]
    fish = people[1]
    assert fish.needs[0].theme == "overskudsvarme"
    assert fish.needs[0].text == "Vi søger en aftager af overskudsvarme"
    assert fish.rounds == frozenset({1, 2, 3})
    assert people[2].wishes[0].kind == WishKind.MUST_MEET and people[2].wishes[0].organisation == "Vrå Fjernvarme"
    assert people[2].relations == (("p1", Relation.MET_BEFORE),)
    assert people[3].wishes[0].kind == WishKind.RATHER_NOT


def test_scores_read_with_missing_pairs_left_out(tmp_csv):
    ids, pairs = read_scores(tmp_csv("s.csv", "a,b,score\nx,y,2.5\ny,z,-1\n"))
    assert ids == ["x", "y", "z"]
    assert pairs == {("x", "y"): 2.5, ("y", "z"): -1.0}


@pytest.mark.parametrize("text, message", [
    ("a,b\nx,y\n", "s.csv, line 1: the header must have the column(s) score; it has a, b"),
    ("a,b,score\nx,y,1\nx,z,abc\n", "s.csv, line 3: score must be a number, not 'abc'"),
    ("a,b,score\nx,y,1\ny,x,2\n", "s.csv, line 3: the pair y,x appears twice"),
    ("a,b,score\nx,x,1\n", "s.csv, line 2: a participant cannot be paired with themselves (x)"),
    ("a,b,score\nx,y\n", "s.csv, line 2: expected 3 values (a,b,score), found 2"),
    ("a,b,score\nx,,1\n", "s.csv, line 2: a and b must both name a participant"),
    ("a,b,score\nx,y,nan\n", "s.csv, line 2: score must be a finite number, not 'nan'"),
    ("a,b,score\n", "s.csv: no pairs after the header"),
    ("", "s.csv: the file is empty"),
])
def test_a_bad_scores_file_is_answered_with_the_line_and_the_problem(tmp_csv, text, message):
    assert error_of(read_scores, tmp_csv("s.csv", text)) == message


@pytest.mark.parametrize("text, message", [
    ("table,min,max\nA,4,3\n", "t.csv, line 2: table A: min 4 and max 3 must satisfy 0 <= min <= max and max >= 1"),
    ("table,min,max\nA,2,3\nA,2,3\n", "t.csv, line 3: table A appears twice"),
    ("table,min,max\nA,two,3\n", "t.csv, line 2: min must be a whole number, not 'two'"),
    ("table,seats\nA,3\n", "t.csv, line 1: the header must have the column(s) min, max; it has table, seats"),
])
def test_a_bad_tables_file_is_answered_with_the_line_and_the_problem(tmp_csv, text, message):
    assert error_of(read_tables, tmp_csv("t.csv", text)) == message


@pytest.mark.parametrize("text, message", [
    ("id,name\np1,A\np1,B\n", "p.csv, line 3: id p1 is already used on line 2"),
    ("id,rounds\np1,1-x\n", "p.csv, line 2: rounds must look like 1-3;5, not '1-x'"),
    ("id,rounds\np1,5\n", "p.csv, line 2: rounds 5 do not exist; there are 4 rounds"),
    ("id,must_meet\np1,p9\n", "p.csv, line 2: p1 refers to p9, who is not in the file"),
    ("id,offers\np1,varme uden kolon\n", "p.csv, line 2: offers must be 'theme: text' (several separated by |), not 'varme uden kolon'"),
    ("id,colour\np1,red\n", "p.csv, line 1: unknown column(s) colour; the columns are " + ", ".join(
        ("id", "name", "organisation", "organisation_type", "sector", "themes", "offers", "needs",
         "must_meet", "rather_not", "rounds", "collaborates_with", "met_before"))),
    ("name\nA\n", "p.csv, line 1: the header must have the column(s) id; it has name"),
    ("id,name\n,A\n", "p.csv, line 2: id is empty"),
])
def test_a_bad_participant_file_is_answered_with_the_line_and_the_problem(tmp_csv, text, message):
    assert error_of(read_participants, tmp_csv("p.csv", text), 4) == message


def test_a_participant_file_may_use_semicolons_as_excel_does_in_denmark(tmp_csv):
    people = read_participants(tmp_csv("p.csv", "id;name;themes\np1;Anne;vand;\n"), 2)
    assert people[0].name == "Anne"


def test_an_excel_participant_file_reads_like_the_csv(tmp_path):
    import csv

    import openpyxl

    book = openpyxl.Workbook()
    with open(TEMPLATE, encoding="utf-8") as f:
        for row in csv.reader(f):
            book.active.append(row)
    book.save(tmp_path / "p.xlsx")
    assert read_participants(tmp_path / "p.xlsx", 4) == read_participants(TEMPLATE, 4)


def test_an_excel_file_with_a_problem_names_the_row(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["id", "rounds"])
    book.active.append(["p1", "9"])
    book.save(tmp_path / "p.xlsx")
    assert error_of(read_participants, tmp_path / "p.xlsx", 4) == "p.xlsx, line 2: rounds 9 do not exist; there are 4 rounds"
