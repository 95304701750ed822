from klimapartner.__main__ import main


def test_the_quick_benchmark_prints_every_case_and_the_mdgp_instance(capsys):
    assert main(["klimapartner", "bench", "matching", "--quick"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["case", "n", "objective"]
    cases = [line.split("[")[1].split("]")[0] for line in lines if "[" in line]
    assert cases == ["engine", "greedy-nx", "random"] * 2 + ["engine", "greedy", "random"]
    engine, greedy = [line for line in lines if "no table limit" in line][:2]
    assert float(engine.split()[-6]) >= float(greedy.split()[-6])  # objective column
    assert any(line.startswith("RanReal_n120_ss_01") for line in lines)
