from klimapartner.__main__ import main


def test_the_quick_benchmark_proves_the_small_day_and_finds_the_same_route_heuristically(capsys):
    assert main(["klimapartner", "bench", "tours", "--quick"]) == 0
    lines = [[c.strip() for c in line.strip("|").split("|")] for line in capsys.readouterr().out.splitlines()
             if line.startswith("|") and "---" not in line]
    assert [row[0] for row in lines] == ["case", "exact", "heuristic", "driving", "heuristic", "groups", "2"]
    exact, heuristic = lines[1], lines[2]
    assert (exact[3], exact[7]) == ("exact", "0")  # proven: no gap
    assert heuristic[8] == "0"  # the heuristic found the optimum on this day
    assert lines[6][6] == "0"  # no host receives two groups at once
