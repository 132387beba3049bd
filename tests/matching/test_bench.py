from matching.bench import main


def test_it_runs_the_benchmark_end_to_end_on_a_tiny_pool(capsys):
    main(["--sizes", "400", "--queries", "3", "--repeats", "1", "--needs", "20",
          "--assign-at", "400", "--geopy-sample", "40", "--geopy-needs", "1"])  # fmt: skip
    printed = capsys.readouterr().out
    assert "engine vs geopy loop" in printed and "optimal :" in printed and "greedy  :" in printed
