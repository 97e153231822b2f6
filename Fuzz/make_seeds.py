#!/usr/bin/env python3
"""Writes the seed corpora in Fuzz/Corpus/ from the repository's own inputs: the fenced examples in
Docs/, the scenarios in Examples/, and the string literals the tests feed to the parsers. Re-run it
(from anywhere) after adding examples; it replaces Fuzz/Corpus/ entirely.

    python3 Fuzz/make_seeds.py
"""
import hashlib
import pathlib
import re
import shutil

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "Fuzz" / "Corpus"
TARGETS = ["regimen", "event-table", "yaml", "toml", "json"]


def fenced(path, language):
    """The contents of every ```language block of a Markdown file."""
    text = path.read_text(encoding="utf-8")
    return re.findall(r"^```" + language + r"\n(.*?)^```", text, re.S | re.M)


def swift_unescape(literal):
    """A Swift string literal's value (the escapes the tests use)."""
    out, i = [], 0
    while i < len(literal):
        c = literal[i]
        if c == "\\" and i + 1 < len(literal):
            e = literal[i + 1]
            out.append({"n": "\n", "t": "\t", "r": "\r", "0": "\0", '"': '"', "\\": "\\", "'": "'"}.get(e, "\\" + e))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def swift_strings(path):
    """Single-line and multi-line string literals of a Swift file, without interpolations."""
    text = path.read_text(encoding="utf-8")
    found = []
    for block in re.findall(r'"""\n(.*?)\n\s*"""', text, re.S):
        lines = block.split("\n")
        indent = min((len(l) - len(l.lstrip(" ")) for l in lines if l.strip()), default=0)
        found.append("\n".join(l[indent:] for l in lines) + "\n")
    for raw in re.findall(r'#"(.*?)"#', text):
        found.append(raw)
    for literal in re.findall(r'(?<![#"\\])"((?:[^"\\\n]|\\.)*)"(?!")', text):
        found.append(swift_unescape(literal))
    return [s for s in found if "\\(" not in s]


def main():
    seeds = {t: set() for t in TARGETS}
    docs, tests, examples = ROOT / "Docs", ROOT / "Tests", ROOT / "Examples"

    # The regimen language: the grammar page's examples, regimens in scenarios and tests.
    for block in fenced(docs / "REGIMEN_LANGUAGE.md", "regimen"):
        seeds["regimen"].update(line for line in block.split("\n") if line.strip())
    regimen_word = re.compile(r"\d\s*(mg|ug|µg|mcg|g)\b.*\b(po|oral|ip|iv|infusion)\b|\b(taper|wait|pause)\b")
    for path in sorted(tests.rglob("*.swift")):
        seeds["regimen"].update(s for s in swift_strings(path) if len(s) < 200 and "\n" not in s and regimen_word.search(s))

    # Event tables: CSV in the tests (a header with ID and TIME) and in the documentation comment.
    for path in sorted(tests.rglob("*.swift")):
        for s in swift_strings(path):
            head = s.split("\n", 1)[0].upper()
            if "ID" in head and "TIME" in head and "," in head:
                seeds["event-table"].add(s)
    table_doc = (ROOT / "Sources/Pharmacology/Dosing/EventTable.swift").read_text(encoding="utf-8")
    rows = [m.split("←")[0].rstrip() for m in re.findall(r"^/// (ID,.*|\d+,[\d.,]+.*)$", table_doc, re.M)]
    seeds["event-table"].add("\n".join(rows) + "\n")

    # Scenario files: the documented examples, Examples/scenarios, and test texts by format.
    for fmt in ["yaml", "toml", "json"]:
        for md in sorted(docs.glob("*.md")):
            seeds[fmt].update(fenced(md, fmt))
    for path in sorted((examples / "scenarios").iterdir()):
        fmt = {"yaml": "yaml", "yml": "yaml", "toml": "toml", "json": "json"}.get(path.suffix[1:])
        if fmt:
            seeds[fmt].add(path.read_text(encoding="utf-8"))
    for path in sorted((tests / "SweepTests").glob("*.swift")) + sorted((tests / "BenzosimTests").glob("*.swift")):
        for s in swift_strings(path):
            if "regimen" not in s and "species" not in s and "sampling" not in s:
                continue
            if s.lstrip().startswith("{"):
                seeds["json"].add(s)
            elif re.search(r"^\s*\w+\s*=", s, re.M) or re.search(r"^\[", s, re.M):
                seeds["toml"].add(s)
            elif re.search(r"^\s*\w+\s*:", s, re.M):
                seeds["yaml"].add(s)

    for target, items in seeds.items():
        directory = CORPUS / target
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir(parents=True)
        for s in sorted(items):
            data = s.encode("utf-8")
            (directory / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)
        print(f"{target}: {len(items)} seeds")


if __name__ == "__main__":
    main()
