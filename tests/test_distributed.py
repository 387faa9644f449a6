"""The Dask engine (``build --engine dask``) gives the record of the single-process build."""

from pathlib import Path

import pytest

from corroborator import distributed
from corroborator.errors import ConfigError
from corroborator.pipeline import build

DEMO = Path(__file__).resolve().parents[1] / "demo" / "corpus"


@pytest.fixture(scope="module")
def local_record():
    return build([DEMO])


@pytest.fixture(scope="module")
def cluster():
    """A local cluster of two single-threaded worker processes, reached by its address."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address="127.0.0.1:0") as c:
        yield c


@pytest.mark.slow
@pytest.mark.issue(4)
@pytest.mark.parametrize("where", ["address", "own local cluster"])
def test_distributed_build_equals_single_process_build(local_record, cluster, where):
    seen = []
    scheduler = cluster.scheduler_address if where == "address" else None
    record = build([DEMO], engine="dask", scheduler=scheduler,
                   progress=lambda done, total: seen.append((done, total)))
    assert record.documents == local_record.documents
    assert record.mentions == local_record.mentions
    assert record.quotes == local_record.quotes
    assert record.events == local_record.events
    assert record.facts == local_record.facts
    assert record == local_record
    assert seen[-1] == (len(record.documents), len(record.documents))


@pytest.mark.issue(4)
def test_distributed_chunks_keep_report_order():
    reports = list(range(1000))
    chunks = distributed._chunks(reports, workers=2)  # type: ignore[arg-type]
    assert [r for chunk in chunks for r in chunk] == reports
    assert max(map(len, chunks)) <= distributed.MAX_CHUNK


@pytest.mark.issue(4)
def test_distributed_unreachable_scheduler_says_what_to_do(monkeypatch):
    monkeypatch.setattr(distributed, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(ConfigError, match="dask scheduler"):
        distributed.analyse_dask([object()], None, scheduler="tcp://127.0.0.1:9")  # type: ignore[list-item, arg-type]


@pytest.mark.slow
@pytest.mark.issue(4)
def test_distributed_cli_scheduler_writes_the_local_record(tmp_path, cluster, local_record):
    import subprocess
    import sys

    from corroborator.record.store import read_record

    out = tmp_path / "dossier"
    done = subprocess.run([sys.executable, "-m", "corroborator", "build", str(DEMO), "--out",
                           str(out), "--quiet", "--scheduler", cluster.scheduler_address],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    record = read_record(out / "record.sqlite")
    assert record.facts == local_record.facts
    assert record.mentions == local_record.mentions
