from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = ROOT / "seeds" / "000_cc05b51f6919c262.txt"
ARTICLES = Path(__file__).parent / "articles"


def load_scorer() -> ModuleType:
    path = SHARED / "eval" / "score.py"
    if not path.is_file():
        pytest.skip(f"the scorer {path} is not beside this checkout")
    spec = importlib.util.spec_from_file_location("geokg_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["geokg_score"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def scorer() -> ModuleType:
    return load_scorer()


@pytest.fixture(scope="session")
def seed_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import kg

    out = tmp_path_factory.mktemp("seed_out")
    kg.build([SEED], out=out)
    return out


@pytest.fixture(scope="session")
def seed_kg(seed_out: Path):  # type: ignore[no-untyped-def]
    import kg

    return kg.load(seed_out)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
