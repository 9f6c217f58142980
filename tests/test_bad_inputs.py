"""Bad input, one test each: a one-line error naming the file and the fix, exit status 1, the
other documents still built, and the store unchanged for the failed document."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.api import build_into
from kg.ingest import InputProblem, iter_articles

GOOD = "Chile signed a $1.5 billion lithium supply deal with Albemarle Corp on Monday."
OTHER = "Peru signed a $2 billion copper supply deal with Glencore Plc on Tuesday, officials in Lima said."


def kg_build(*args: str) -> subprocess.CompletedProcess:
    """Run `kg build ARGS -q` in this process (the spaCy model stays loaded between tests)."""
    import contextlib
    import io

    from kg.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["build", *args, "-q"])
    return subprocess.CompletedProcess(["kg", "build", *args], code, out.getvalue(), err.getvalue())


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    """A store that already holds one document, which no failure may touch."""
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "old.txt").write_text(OTHER, encoding="utf-8")
    out = tmp_path / "out"
    build_into(out, [tmp_path / "old" / "old.txt"])
    return out


def stored(out: Path) -> set[str]:
    return {p.stem for p in (out / "documents").glob("*.json")}


BAD = [
    ("empty.txt", b"", "the article is empty"),
    ("blank.txt", b"   \n\t \r\n  ", "the article is empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary file (NUL bytes)"),
    ("german.txt", ("Die Bundesregierung hat am Montag neue Regeln f\u00fcr den Export von Lithium beschlossen. "
                    "Der Minister sagte, dass die Versorgung mit Rohstoffen gesichert werden m\u00fcsse, und "
                    "die Industrie begr\u00fc\u00dfte die Entscheidung der Regierung.").encode(), "does not look like English"),
    ("huge.txt", b"Chile signed a deal. " * 2_500_000, "too large"),  # 52.5 MB
]


@pytest.mark.parametrize(("name", "content", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_fails_alone(tmp_path: Path, store: Path, name: str, content: bytes, message: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / name).write_bytes(content)
    done = kg_build(str(folder / "good.txt"), str(folder / name), "--out", str(store))
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("kg: error:")]
    assert len(errors) == 1 and name in errors[0] and message in errors[0], done.stderr
    assert stored(store) == {"old", "good"}


@pytest.mark.parametrize(
    ("meta", "message"),
    [("{broken", "not valid JSON"), (json.dumps({"published": "04/02/2026"}), "is not YYYY"),
     (json.dumps({"published": 2026}), "must be a string"), (json.dumps({"autor": "x"}), "unknown field 'autor'")],
    ids=["malformed", "bad-date", "wrong-type", "unknown-field"],
)
def test_bad_sidecar_fails_alone(tmp_path: Path, store: Path, meta: str, message: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "bad.txt").write_text(OTHER.replace("Peru", "Bolivia"), encoding="utf-8")
    (folder / "bad.meta.json").write_text(meta, encoding="utf-8")
    done = kg_build(str(folder), "--out", str(store))
    assert done.returncode == 1 and "bad.meta.json" in done.stderr and message in done.stderr
    assert stored(store) == {"old", "good"}


@pytest.mark.parametrize(
    ("content", "encoding"),
    [("Pakistan\u2019s reserves \u2013 huge. ".encode("cp1252") + GOOD.encode(), "cp1252"),
     ("Caf\u00e9 talks in S\u00e3o Paulo. ".encode("latin-1") + GOOD.encode(), "cp1252")],
    ids=["cp1252", "latin-1"],
)
def test_legacy_encoding_is_decoded_and_reported(tmp_path: Path, store: Path, content: bytes, encoding: str) -> None:
    (tmp_path / "legacy.txt").write_bytes(content)
    done = kg_build(str(tmp_path / "legacy.txt"), "--out", str(store))
    assert done.returncode == 0
    assert f"legacy.txt: not UTF-8; decoded as {encoding}" in done.stderr
    assert stored(store) == {"old", "legacy"}


@pytest.mark.parametrize("content", [b"\xef\xbb\xbf" + GOOD.encode(), GOOD.replace(" on ", "\r\non ").encode()],
                         ids=["bom", "crlf"])
def test_bom_and_crlf_build_like_plain_text(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "plain.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "odd.txt").write_bytes(content)
    plain = [i for i in iter_articles([tmp_path / "plain.txt"])][0]
    odd = [i for i in iter_articles([tmp_path / "odd.txt"])][0]
    assert odd.text == plain.text


def test_html_page_given_as_text_is_extracted(tmp_path: Path, store: Path) -> None:
    page = ("<!DOCTYPE html><html><head><title>x</title></head><body><nav>Home | World | Markets</nav>"
            f"<article><h1>Lithium deal</h1><p>{GOOD}</p><p>The deal runs for ten years.</p></article>"
            "<footer>Copyright 2026</footer></body></html>")
    (tmp_path / "page.txt").write_text(page, encoding="utf-8")
    done = kg_build(str(tmp_path / "page.txt"), "--out", str(store))
    assert done.returncode == 0, done.stderr
    record = json.loads((store / "documents" / "page.json").read_text(encoding="utf-8"))
    assert "Albemarle" in record["article"]["text"] and "<" not in record["article"]["text"]
    assert "Copyright" not in record["article"]["text"]


def test_long_sentence_without_punctuation_builds(tmp_path: Path, store: Path) -> None:
    words = ("Chile and Peru and Bolivia discussed lithium and copper and cobalt supplies with Japan and Korea " * 120)
    (tmp_path / "long.txt").write_text(words, encoding="utf-8")
    done = kg_build(str(tmp_path / "long.txt"), "--out", str(store))
    assert done.returncode == 0, done.stderr
    assert stored(store) == {"old", "long"}


def test_jsonl_broken_line_names_the_line(tmp_path: Path, store: Path) -> None:
    lines = [json.dumps({"id": "j1", "text": GOOD, "published": "2026-03-10"}), "{not json",
             json.dumps({"id": "j3", "text": OTHER.replace("Peru", "Ecuador")}), json.dumps({"id": "j4"})]
    (tmp_path / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = kg_build(str(tmp_path / "corpus.jsonl"), "--out", str(store))
    assert done.returncode == 1
    assert "corpus.jsonl:2: not JSON" in done.stderr and "corpus.jsonl:4:" in done.stderr
    assert stored(store) == {"old", "j1", "j3"}


def test_missing_path_and_empty_folder(tmp_path: Path, store: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    done = kg_build(str(tmp_path / "good.txt"), str(tmp_path / "nope.txt"), str(tmp_path / "empty"), "--out", str(store))
    assert done.returncode == 1
    assert "nope.txt: no such file or folder" in done.stderr and "empty: no articles in this folder" in done.stderr
    assert stored(store) == {"old", "good"}


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "locked.txt").write_text(GOOD, encoding="utf-8")
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    found = list(iter_articles([tmp_path / "locked.txt"]))
    assert isinstance(found[0], InputProblem)
    assert "locked.txt: cannot read it (Permission denied)" in found[0].message


def test_duplicate_ids_second_fails(tmp_path: Path, store: Path) -> None:
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text(GOOD if folder == "x" else OTHER, encoding="utf-8")
    done = kg_build(str(tmp_path / "x"), str(tmp_path / "y"), "--out", str(store))
    assert done.returncode == 1 and "document id 'same' is also used by" in done.stderr
    assert stored(store) == {"old", "same"}


def test_stdin_and_glob_inputs(tmp_path: Path) -> None:
    (tmp_path / "a1.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "a2.txt").write_text(OTHER, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "kg", "build", "-", str(tmp_path / "a*.txt"), "--out",
                           str(tmp_path / "out"), "-q"], input=GOOD.replace("Chile", "Argentina"),
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert stored(tmp_path / "out") == {"stdin", "a1", "a2"}
