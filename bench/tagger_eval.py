#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# kg: score a system CoNLL-U file against gold with gold tokenisation.
"""Score SYSTEM.conllu against GOLD.conllu (same words, same order).

Scores follow the CoNLL 2018 shared task script (conll18_ud_eval.py) for
gold tokenisation: every word counts (punctuation included), LAS compares
only the universal part of DEPREL ("nsubj:pass" == "nsubj"), and a gold
lemma "_" matches anything.  las_full also compares subtypes.

Prints upos=, xpos=, lemma=, uas=, las= and las_full= lines (percent).
"""
import sys


def words(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 10:
                sys.exit(f"{path}:{n}: expected 10 columns")
            if "-" in cols[0] or "." in cols[0]:
                continue
            out.append(cols)
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: tagger_eval.py GOLD.conllu SYSTEM.conllu")
    gold, system = words(sys.argv[1]), words(sys.argv[2])
    if len(gold) != len(system):
        sys.exit(f"word counts differ: gold {len(gold)}, system {len(system)}")
    n = len(gold)
    c = dict(upos=0, xpos=0, lemma=0, uas=0, las=0, las_full=0)
    for i, (g, s) in enumerate(zip(gold, system)):
        if g[1] != s[1]:
            sys.exit(f"word {i + 1}: forms differ: {g[1]!r} vs {s[1]!r}")
        c["upos"] += g[3] == s[3]
        c["xpos"] += g[4] == s[4]
        c["lemma"] += g[2] == "_" or g[2] == s[2]
        if g[6] == s[6]:
            c["uas"] += 1
            c["las"] += g[7].split(":")[0] == s[7].split(":")[0]
            c["las_full"] += g[7] == s[7]
    print(f"words={n}")
    for k in ("upos", "xpos", "lemma", "uas", "las", "las_full"):
        print(f"{k}={100.0 * c[k] / n:.2f}")


if __name__ == "__main__":
    main()
