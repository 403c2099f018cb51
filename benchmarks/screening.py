"""Benchmark screening: 200 parties against a 30,000-entry list with 60,000 alternate names.

It writes a synthetic Consolidated Screening List in the real CSV format (29 columns, `; `
between alternate names and between addresses) to a temporary folder, then times, in a child
process, what one run of `aiexp screen` does after reading the workbook: read the list, build
the name index once, and search 200 parties (a tenth of them spellings of listed names —
reordered, misspelt, with another legal form). CPU time of the whole child process is reported
(start-up and imports included), and the stages inside it.

Target: under 2 s of CPU for the whole child process on the project's machine. Exit 1 if missed.
Then, for scale, `aiexp screen` itself on the sample workbook with Providers rows added up to the
same 200 parties (reading the workbook with openpyxl included), beside `aiexp validate` of it.
Usage: `python benchmarks/screening.py [--entries N] [--parties N] [--keep DIR]`.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

HEADER = (
    "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,"
    "start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,"
    "gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,"
    "alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids"
).split(",")
SOURCES = (
    "Entity List (EL) - Bureau of Industry and Security",
    "Specially Designated Nationals (SDN) - Treasury Department",
    "Military End User (MEU) List - Bureau of Industry and Security",
    "Unverified List (UVL) - Bureau of Industry and Security",
)
COMMON = "Technology Trading International Electronics Industrial Group Research Institute".split()
SUFFIXES = ("Co., Ltd.", "LLC", "Limited", "GmbH", "JSC", "OOO", "S.A.", "Corporation", "")
COUNTRIES = ("CN", "RU", "IR", "HK", "AE", "TR", "BY", "SY", "KP", "PK")
SYLLABLES = (
    "ka zo vrin tal mex quor vane zyph rax bel dor nix sul tar ven gol hu wei yan lin "
    "pet rov ska mir dan ol ar ib ra him sha her zad eh ko min jun tae park lee chen "
    "zhou xin hua tek nor vik sten berg ul mak sim"
).split()
#: The made-up words names are drawn from, the first ones far more often (word frequencies in
#: real names follow Zipf's law: a few words are in hundreds of names, most in one or two).
VOCABULARY_SIZE = 40_000

TARGET_SECONDS = 2.0
#: The parties the sample workbook names already (members, parents, providers, BOM suppliers…).
SAMPLE_PARTIES = 34

CHILD = """
import json, sys, time
t0 = time.process_time()
from aiexp.screening import NameIndex, load_list, normalise
t1 = time.process_time()
screening_list = load_list(__import__("pathlib").Path(sys.argv[1]))
t2 = time.process_time()
index = NameIndex(screening_list.entries)
t3 = time.process_time()
parties = json.loads(open(sys.argv[2], encoding="utf-8").read())
hits = 0
for name, country in parties:
    hits += len(index.search(normalise(name), frozenset({country}), 85))
t4 = time.process_time()
print(json.dumps({"import": t1 - t0, "read": t2 - t1, "index": t3 - t2, "search": t4 - t3,
                  "names": len(index.names), "hits": hits}))
"""


def vocabulary(rng: random.Random) -> list[str]:
    """Distinct made-up words of two to four syllables."""
    words: set[str] = set()
    while len(words) < VOCABULARY_SIZE:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize())
    return sorted(words)


class Names:
    """Made-up company names, their words drawn with Zipf weights."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.words = vocabulary(rng)
        self.weights = [1 / (rank + 100) for rank in range(len(self.words))]

    def company(self) -> str:
        """One to three distinctive words, often a generic word, a legal form."""
        rng = self.rng
        words = rng.choices(self.words, self.weights, k=rng.randint(1, 3))
        if rng.random() < 0.7:
            words.append(rng.choice(COMMON))
        return " ".join([*words, rng.choice(SUFFIXES)]).strip()


def misspell(rng: random.Random, name: str) -> str:
    """The name with one letter doubled, or its words reordered."""
    if rng.random() < 0.5:
        i = rng.randrange(1, len(name) - 1)
        return name[:i] + name[i] + name[i:]
    return " ".join(reversed(name.split()))


def write_list(path: Path, entries: int, rng: random.Random, names: Names) -> list[str]:
    """The CSV download with `entries` rows and two alternate names per row; returns the names."""
    listed = []
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for number in range(entries):
            name = names.company()
            listed.append(name)
            alternates = "; ".join(names.company() for _ in range(2))
            country = rng.choice(COUNTRIES)
            row = dict.fromkeys(HEADER, "")
            row.update(
                {
                    "_id": f"{number:040x}",
                    "source": rng.choice(SOURCES),
                    "type": "Entity",
                    "programs": "EAR; IRAN",
                    "name": name,
                    "addresses": f"No. {number} Road, City, {country}; 2 Street, Town, {country}",
                    "start_date": f"20{rng.randint(10, 25)}-0{rng.randint(1, 9)}-15",
                    "alt_names": alternates,
                }
            )
            writer.writerow(row.values())
    return listed


def cpu_of(command: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    """CPU seconds (user + system) of a child process, and what it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, check=False, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), done


def write_workbook(folder: Path, parties: list[tuple[str, str]]) -> Path:
    """The sample workbook with Providers rows added until it names `len(parties)` parties."""
    from openpyxl import load_workbook

    repo = Path(__file__).resolve().parent.parent
    book = load_workbook(repo / "samples" / "consortium.xlsx")
    sheet = book["Providers"]
    for name, country in parties[: max(0, len(parties) - SAMPLE_PARTIES)]:
        sheet.append([5, name, "vendor", country, country, 0, "no", 1000, "USD", "Licences"])
    path = folder / "consortium.xlsx"
    book.save(path)
    return path


def main() -> int:
    """Write the list and the parties, time the child process, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=30_000)
    parser.add_argument("--parties", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    args = parser.parse_args()
    rng = random.Random(2026)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="aiexp-screen-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    names = Names(rng)
    listed = write_list(folder / "consolidated.csv", args.entries, rng, names)
    parties = []
    for number in range(args.parties):
        if number % 10 == 0:
            parties.append((misspell(rng, rng.choice(listed)), rng.choice(COUNTRIES)))
        else:
            parties.append((names.company(), rng.choice(("US", "DE", "JP", "CN"))))
    (folder / "parties.json").write_text(json.dumps(parties), encoding="utf-8")
    listed_file, parties_file = str(folder / "consolidated.csv"), str(folder / "parties.json")
    cpu, done = cpu_of([sys.executable, "-c", CHILD, listed_file, parties_file])
    done.check_returncode()
    stages = json.loads(done.stdout)
    print(
        f"screening: {args.parties} parties, {args.entries:,} entries, {stages['names']:,} names "
        f"indexed: {cpu:.2f} s CPU for the whole process (imports {stages['import']:.2f}, read "
        f"{stages['read']:.2f}, index {stages['index']:.2f}, search {stages['search']:.2f}); "
        f"{stages['hits']} hits at 85 or more"
    )
    # The whole command as a user runs it, workbook reading (openpyxl) included: for scale.
    workbook = write_workbook(folder, parties)
    command = [sys.executable, "-m", "aiexp", "screen", str(workbook), "--list", listed_file]
    whole, run = cpu_of([*command, "--json"])
    if run.returncode not in (0, 1):
        print(run.stderr, file=sys.stderr)
        return 1
    screened = json.loads(run.stdout)["parties"]
    reference, _ = cpu_of([sys.executable, "-m", "aiexp", "validate", str(workbook), "--json"])
    print(
        f"aiexp screen WORKBOOK --list: {screened} parties, {whole:.2f} s CPU "
        f"(aiexp validate of the same workbook, for comparison: {reference:.2f} s)"
    )
    return 0 if cpu < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
