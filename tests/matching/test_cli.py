import csv
import json

import openpyxl

from klimapartner.__main__ import main


def run(capsys, *argv):
    code = main(["klimapartner", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_match_with_a_scores_file_writes_one_row_per_seat(tmp_csv, tmp_path, capsys):
    scores = tmp_csv("scores.csv", "a,b,score\nx,y,5\nz,w,4\nx,z,1\ny,w,1\n")
    out = tmp_path / "plan.csv"
    code, printed, _ = run(capsys, "match", "--scores", str(scores), "--rounds", "2", "--tables", "1", "--out", str(out), "--quiet")
    assert code == 0
    with open(out, encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows == [["round", "table", "participant"], ["1", "1", "x"], ["1", "1", "y"], ["2", "1", "z"], ["2", "1", "w"]]
    assert printed.splitlines()[:3] == ["objective 9.0000", "bound     9.0000", "ratio     100.0000%"]
    book = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    assert [c.value for c in book.worksheets[0][1]] == ["round", "table", "participant", "with", "meeting_score", "reason_da", "reason_en"]


def test_match_in_tables_mode_names_the_tables_of_the_file(tmp_csv, tmp_path, capsys):
    scores = tmp_csv("scores.csv", "a,b,score\np1,p2,3\np3,p4,3\np1,p3,1\n")
    tables = tmp_csv("tables.csv", "table,min,max\nNord,2,2\nSyd,2,2\n")
    out = tmp_path / "plan.csv"
    code, _, _ = run(capsys, "match", "--scores", str(scores), "--rounds", "1", "--mode", "tables", "--tables", str(tables),
                     "--out", str(out), "--json", "--quiet", "--time-limit", "1")
    assert code == 0
    with open(out, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {(r["table"], r["participant"]) for r in rows} in (
        {("Nord", "p1"), ("Nord", "p2"), ("Syd", "p3"), ("Syd", "p4")},
        {("Syd", "p1"), ("Syd", "p2"), ("Nord", "p3"), ("Nord", "p4")},
    )
    details = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    assert details["summary"]["objective"] == 6.0
    assert len(details["seats"]) == 4


def test_match_with_the_template_gives_reasons(tmp_path, capsys):
    from klimapartner.matching.files import TEMPLATE

    out = tmp_path / "plan.csv"
    code, _, _ = run(capsys, "match", str(TEMPLATE), "--rounds", "4", "--out", str(out), "--json", "--quiet",
                     "--text", "words")
    assert code == 0
    seats = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))["seats"]
    assert all(seat["reason_da"] and seat["reason_en"] for seat in seats)


def test_a_bad_file_is_answered_with_its_line_and_problem(tmp_csv, tmp_path, capsys):
    scores = tmp_csv("scores.csv", "a,b,score\nx,y,5\nx,z,fem\n")
    code, _, err = run(capsys, "match", "--scores", str(scores), "--rounds", "2", "--out", str(tmp_path / "o.csv"))
    assert code == 2
    assert err == "klimapartner match: error: scores.csv, line 3: score must be a number, not 'fem'\n"


def test_an_impossible_request_is_explained(tmp_csv, tmp_path, capsys):
    scores = tmp_csv("scores.csv", "a,b,score\np1,p2,3\np3,p4,3\np5,p1,1\n")
    tables = tmp_csv("tables.csv", "table,min,max\nA,2,2\nB,2,2\n")
    code, _, err = run(capsys, "match", "--scores", str(scores), "--rounds", "1", "--mode", "tables", "--tables", str(tables),
                       "--out", str(tmp_path / "o.csv"), "--quiet")
    assert code == 2
    assert err == ("klimapartner match: the request cannot be met:\n"
                   "  - Round 1: 5 participants are available but the tables seat only 4\n")


def test_a_missing_file_is_named(tmp_path, capsys):
    code, _, err = run(capsys, "match", "--scores", str(tmp_path / "nope.csv"), "--rounds", "2", "--out", str(tmp_path / "o.csv"))
    assert (code, err) == (2, "klimapartner match: error: nope.csv: no such file\n")


def test_a_participant_file_with_a_problem_is_answered_with_its_line(tmp_path, capsys):
    from klimapartner.matching.files import TEMPLATE

    code, _, err = run(capsys, "match", str(TEMPLATE), "--rounds", "3", "--out", str(tmp_path / "o.csv"), "--text", "words")
    assert (code, err) == (2, "klimapartner match: error: participants-template.csv, line 5: rounds 4 do not exist; there are 3 rounds\n")


def test_match_with_steps_and_a_seed_gives_the_same_plan_twice(tmp_csv, tmp_path, capsys):
    pairs = "".join(f"p{i},p{j},{(i * 7 + j * 3) % 10}\n" for i in range(12) for j in range(i + 1, 12))
    scores = tmp_csv("scores.csv", "a,b,score\n" + pairs)
    tables = tmp_csv("tables.csv", "table,min,max\nA,3,4\nB,3,4\nC,3,4\n")
    plans = []
    for k in range(2):
        out = tmp_path / f"plan{k}.csv"
        code, printed, _ = run(capsys, "match", "--scores", str(scores), "--rounds", "2", "--mode", "tables", "--tables",
                               str(tables), "--steps", "300", "--seed", "3", "--out", str(out), "--json", "--quiet")
        assert code == 0
        plans.append(out.read_text(encoding="utf-8"))
    assert plans[0] == plans[1]
    assert any(line.startswith("quality   New people met per person: at least") for line in printed.splitlines())
