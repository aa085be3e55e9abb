#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# kg: score kg's analysis of raw text (own tokeniser and sentence splitter).
"""Evaluate `kg -f conllu` on raw text against a gold CoNLL-U file.

    raw_text_eval.py GOLD.conllu KG [WORKDIR]
        (1) rebuilds the raw text of GOLD the way the UD shared tasks do:
            a blank line before every document (# newdoc) and paragraph
            (# newpar), the "# text" of the sentences of a paragraph joined
            with one space; it is written to WORKDIR/NAME.txt;
        (2) runs `KG -q -f conllu` on it (WORKDIR/NAME.kg.conllu);
        (3) scores the result against GOLD.

    raw_text_eval.py --score GOLD.conllu SYSTEM.conllu
        only step (3).

    raw_text_eval.py --self-test
        the word alignment cases of the official script's unit tests.

Scoring reproduces the CoNLL 2018 shared task script (conll18_ud_eval.py):
words of gold and system are aligned on their character spans in the
concatenation of all FORMs without whitespace (multi-word tokens through
the longest common subsequence of their word forms), and every figure is
an F1 score, 2 * correct / (gold words + system words).  Lemma: a gold "_"
matches anything; LAS compares the universal part of DEPREL only.  Prints
tokens=, sentences=, words=, upos=, xpos=, lemma=, uas=, las= (percent).

One deviation, reported on standard error: kg takes a short first line
followed by a blank line for the article's headline (and a date line or
dateline after it for the header) and does not analyse it, and kg has no
option to turn that off.  When the system's characters are the gold
characters minus a prefix, the system spans are shifted past that prefix
and the gold words there count as missed (recall) instead of failing as
the official script would.  (EWT dev and test lose nothing: their first
paragraphs are not headline-like.)
"""
import os
import subprocess
import sys
import unicodedata

ID, FORM, LEMMA, UPOS, XPOS, FEATS, HEAD, DEPREL, DEPS, MISC = range(10)


class UDError(Exception):
    pass


class UDSpan:
    def __init__(self, start, end):
        self.start = start
        self.end = end


class UDWord:
    def __init__(self, span, columns, is_multiword):
        self.span = span
        self.columns = columns
        self.is_multiword = is_multiword
        self.parent = None
        self.columns[DEPREL] = columns[DEPREL].split(":")[0]


class UDRepresentation:
    def __init__(self):
        self.characters = []
        self.tokens = []
        self.words = []
        self.sentences = []


def load_conllu_file(path):
    with open(path, encoding="utf-8") as file:
        return load_conllu(file)


def load_conllu(file):
    """conll18_ud_eval.load_conllu (without features and enhanced graphs)."""
    ud = UDRepresentation()
    index, sentence_start = 0, None
    while True:
        line = file.readline()
        if not line:
            break
        line = line.rstrip("\r\n")

        if sentence_start is None:
            if line.startswith("#"):
                continue
            ud.sentences.append(UDSpan(index, 0))
            sentence_start = len(ud.words)
        if not line:
            def process_word(word):
                if word.parent == "remapping":
                    raise UDError("There is a cycle in a sentence")
                if word.parent is None:
                    head = int(word.columns[HEAD])
                    if head < 0 or head > len(ud.words) - sentence_start:
                        raise UDError("HEAD '{}' points outside of the sentence"
                                      .format(word.columns[HEAD]))
                    if head:
                        parent = ud.words[sentence_start + head - 1]
                        word.parent = "remapping"
                        process_word(parent)
                        word.parent = parent

            for word in ud.words[sentence_start:]:
                process_word(word)
            if len([w for w in ud.words[sentence_start:] if w.parent is None]) != 1:
                raise UDError("There are multiple roots in a sentence")
            ud.sentences[-1].end = index
            sentence_start = None
            continue

        columns = line.split("\t")
        if len(columns) != 10:
            raise UDError("The CoNLL-U line does not contain 10 tab-separated "
                          "columns: '{}'".format(line))
        if "." in columns[ID]:
            continue

        columns[FORM] = "".join(c for c in columns[FORM]
                                if unicodedata.category(c) != "Zs")
        if not columns[FORM]:
            raise UDError("There is an empty FORM in the CoNLL-U file")

        ud.characters.extend(columns[FORM])
        ud.tokens.append(UDSpan(index, index + len(columns[FORM])))
        index += len(columns[FORM])

        if "-" in columns[ID]:
            try:
                start, end = map(int, columns[ID].split("-"))
            except ValueError:
                raise UDError("Cannot parse multi-word token ID '{}'".format(columns[ID]))
            for _ in range(start, end + 1):
                word_line = file.readline().rstrip("\r\n")
                word_columns = word_line.split("\t")
                if len(word_columns) != 10:
                    raise UDError("The CoNLL-U line does not contain 10 tab-separated "
                                  "columns: '{}'".format(word_line))
                ud.words.append(UDWord(ud.tokens[-1], word_columns, is_multiword=True))
        else:
            try:
                word_id = int(columns[ID])
            except ValueError:
                raise UDError("Cannot parse word ID '{}'".format(columns[ID]))
            if word_id != len(ud.words) - sentence_start + 1:
                raise UDError("Incorrect word ID '{}' for word '{}', expected '{}'".format(
                    columns[ID], columns[FORM], len(ud.words) - sentence_start + 1))
            try:
                head_id = int(columns[HEAD])
            except ValueError:
                raise UDError("Cannot parse HEAD '{}'".format(columns[HEAD]))
            if head_id < 0:
                raise UDError("HEAD cannot be negative")
            ud.words.append(UDWord(ud.tokens[-1], columns, is_multiword=False))

    if sentence_start is not None:
        raise UDError("The CoNLL-U file does not end with empty line")
    return ud


def shift(ud, offset):
    """Move every span of ud OFFSET characters to the right."""
    seen = set()
    for span in ud.tokens + ud.sentences:
        if id(span) not in seen:
            seen.add(id(span))
            span.start += offset
            span.end += offset


class Score:
    def __init__(self, gold_total, system_total, correct, aligned_total=None):
        self.correct = correct
        self.gold_total = gold_total
        self.system_total = system_total
        self.aligned_total = aligned_total
        self.precision = correct / system_total if system_total else 0.0
        self.recall = correct / gold_total if gold_total else 0.0
        self.f1 = 2 * correct / (system_total + gold_total) if system_total + gold_total else 0.0


class AlignmentWord:
    def __init__(self, gold_word, system_word):
        self.gold_word = gold_word
        self.system_word = system_word


class Alignment:
    def __init__(self, gold_words, system_words):
        self.gold_words = gold_words
        self.system_words = system_words
        self.matched_words = []
        self.matched_words_map = {}

    def append_aligned_words(self, gold_word, system_word):
        self.matched_words.append(AlignmentWord(gold_word, system_word))
        self.matched_words_map[system_word] = gold_word


def spans_score(gold_spans, system_spans):
    correct, gi, si = 0, 0, 0
    while gi < len(gold_spans) and si < len(system_spans):
        if system_spans[si].start < gold_spans[gi].start:
            si += 1
        elif gold_spans[gi].start < system_spans[si].start:
            gi += 1
        else:
            correct += gold_spans[gi].end == system_spans[si].end
            si += 1
            gi += 1
    return Score(len(gold_spans), len(system_spans), correct)


def alignment_score(alignment, key_fn=None):
    gold = len(alignment.gold_words)
    system = len(alignment.system_words)
    aligned = len(alignment.matched_words)
    if key_fn is None:
        return Score(gold, system, aligned)

    def gold_aligned_gold(word):
        return word

    def gold_aligned_system(word):
        return alignment.matched_words_map.get(word, "NotAligned") if word is not None else None

    correct = 0
    for words in alignment.matched_words:
        if key_fn(words.gold_word, gold_aligned_gold) == \
                key_fn(words.system_word, gold_aligned_system):
            correct += 1
    return Score(gold, system, correct, aligned)


def beyond_end(words, i, multiword_span_end):
    if i >= len(words):
        return True
    if words[i].is_multiword:
        return words[i].span.start >= multiword_span_end
    return words[i].span.end > multiword_span_end


def extend_end(word, multiword_span_end):
    if word.is_multiword and word.span.end > multiword_span_end:
        return word.span.end
    return multiword_span_end


def find_multiword_span(gold_words, system_words, gi, si):
    if gold_words[gi].is_multiword:
        multiword_span_end = gold_words[gi].span.end
        if not system_words[si].is_multiword and \
                system_words[si].span.start < gold_words[gi].span.start:
            si += 1
    else:
        multiword_span_end = system_words[si].span.end
        if not gold_words[gi].is_multiword and \
                gold_words[gi].span.start < system_words[si].span.start:
            gi += 1
    gs, ss = gi, si
    while not beyond_end(gold_words, gi, multiword_span_end) or \
            not beyond_end(system_words, si, multiword_span_end):
        if gi < len(gold_words) and (si >= len(system_words) or
                                     gold_words[gi].span.start <= system_words[si].span.start):
            multiword_span_end = extend_end(gold_words[gi], multiword_span_end)
            gi += 1
        else:
            multiword_span_end = extend_end(system_words[si], multiword_span_end)
            si += 1
    return gs, ss, gi, si


def compute_lcs(gold_words, system_words, gi, si, gs, ss):
    lcs = [[0] * (si - ss) for _ in range(gi - gs)]
    for g in reversed(range(gi - gs)):
        for s in reversed(range(si - ss)):
            if gold_words[gs + g].columns[FORM].lower() == \
                    system_words[ss + s].columns[FORM].lower():
                lcs[g][s] = 1 + (lcs[g + 1][s + 1] if g + 1 < gi - gs and s + 1 < si - ss else 0)
            lcs[g][s] = max(lcs[g][s], lcs[g + 1][s] if g + 1 < gi - gs else 0)
            lcs[g][s] = max(lcs[g][s], lcs[g][s + 1] if s + 1 < si - ss else 0)
    return lcs


def align_words(gold_words, system_words):
    alignment = Alignment(gold_words, system_words)
    gi, si = 0, 0
    while gi < len(gold_words) and si < len(system_words):
        if gold_words[gi].is_multiword or system_words[si].is_multiword:
            gs, ss, gi, si = find_multiword_span(gold_words, system_words, gi, si)
            if si > ss and gi > gs:
                lcs = compute_lcs(gold_words, system_words, gi, si, gs, ss)
                s, g = 0, 0
                while g < gi - gs and s < si - ss:
                    if gold_words[gs + g].columns[FORM].lower() == \
                            system_words[ss + s].columns[FORM].lower():
                        alignment.append_aligned_words(gold_words[gs + g], system_words[ss + s])
                        g += 1
                        s += 1
                    elif lcs[g][s] == (lcs[g + 1][s] if g + 1 < gi - gs else 0):
                        g += 1
                    else:
                        s += 1
        else:
            if (gold_words[gi].span.start, gold_words[gi].span.end) == \
                    (system_words[si].span.start, system_words[si].span.end):
                alignment.append_aligned_words(gold_words[gi], system_words[si])
                gi += 1
                si += 1
            elif gold_words[gi].span.start <= system_words[si].span.start:
                gi += 1
            else:
                si += 1
    return alignment


def evaluate(gold_ud, system_ud):
    gc, sc = gold_ud.characters, system_ud.characters
    if gc != sc:
        lost = len(gc) - len(sc)
        if lost > 0 and gc[lost:] == sc:
            # kg skipped a headline: see the module comment.
            shift(system_ud, lost)
            missed = [w for w in gold_ud.words if w.span.start < lost]
            print("raw_text_eval: the system output lacks the first {} characters "
                  "({} gold words, {} sentences: \"{}\"); they count as missed"
                  .format(lost, len(missed),
                          sum(1 for s in gold_ud.sentences if s.start < lost),
                          "".join(gc[:min(lost, 60)])), file=sys.stderr)
        else:
            index = 0
            while index < len(gc) and index < len(sc) and gc[index] == sc[index]:
                index += 1
            raise UDError(
                "The concatenation of tokens in gold file and in system file differ!\n"
                "First 20 differing characters in gold file: '{}' and system file: '{}'"
                .format("".join(gc[index:index + 20]), "".join(sc[index:index + 20])))

    alignment = align_words(gold_ud.words, system_ud.words)
    return {
        "tokens": spans_score(gold_ud.tokens, system_ud.tokens),
        "sentences": spans_score(gold_ud.sentences, system_ud.sentences),
        "words": alignment_score(alignment),
        "upos": alignment_score(alignment, lambda w, _: w.columns[UPOS]),
        "xpos": alignment_score(alignment, lambda w, _: w.columns[XPOS]),
        "lemma": alignment_score(
            alignment,
            lambda w, ga: w.columns[LEMMA] if ga(w).columns[LEMMA] != "_" else "_"),
        "uas": alignment_score(alignment, lambda w, ga: ga(w.parent)),
        "las": alignment_score(alignment, lambda w, ga: (ga(w.parent), w.columns[DEPREL])),
    }


def raw_text(path):
    """The raw text of a CoNLL-U file: paragraphs separated by a blank line."""
    paragraphs, cur = [], []
    text, forms, newpar, mwt_end = None, [], False, 0

    def flush_sentence():
        nonlocal text, forms, newpar, mwt_end
        if text is None and forms:  # no "# text": rebuild it from SpaceAfter
            text = "".join(forms).rstrip()
        if text is not None:
            if newpar and cur:
                paragraphs.append(" ".join(cur))
                cur.clear()
            cur.append(text.strip())
        text, forms, newpar, mwt_end = None, [], False, 0

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if line.startswith("# newdoc") or line.startswith("# newpar"):
                newpar = True
            elif line.startswith("# text = "):
                text = line[len("# text = "):]
            elif not line:
                flush_sentence()
            elif not line.startswith("#"):
                cols = line.split("\t")
                if len(cols) != 10 or "." in cols[0]:
                    continue
                if "-" in cols[0]:  # a multi-word token: its words carry no text
                    mwt_end = int(cols[0].split("-")[1])
                elif int(cols[0]) <= mwt_end:
                    continue
                forms.append(cols[1] + ("" if "SpaceAfter=No" in cols[9] else " "))
    flush_sentence()
    if cur:
        paragraphs.append(" ".join(cur))
    return "\n\n".join(paragraphs) + "\n"


def report(scores):
    for name, s in scores.items():
        print("{}={:.2f}".format(name, 100.0 * s.f1))


def self_test():
    """The word alignment cases of conll18_ud_eval.py's unit tests: a token
    is "form" or "form word word..." (a multi-word token)."""
    import io

    def load(tokens):
        lines, n = [], 0
        for t in tokens:
            parts = t.split(" ")
            if len(parts) > 1:
                lines.append("{}-{}\t{}".format(n + 1, n + len(parts) - 1, parts[0]) + "\t_" * 8)
            for part in parts[1:] if len(parts) > 1 else parts:
                n += 1
                lines.append("{}\t{}\t_\t_\t_\t_\t{}\t_\t_\t_".format(n, part, int(n > 1)))
        return load_conllu(io.StringIO("\n".join(lines + ["\n"])))

    def nwords(tokens):
        return sum(max(1, len(t.split(" ")) - 1) for t in tokens)

    cases = [(["a"], ["a"], 1), (["a", "b", "c"], ["a", "b", "c"], 3),
             (["abc a b c"], ["a", "b", "c"], 3), (["a", "bc b c", "d"], ["a", "b", "c", "d"], 4),
             (["abcd a b c d"], ["ab a b", "cd c d"], 4),
             (["abc a b c", "de d e"], ["a", "bcd b c d", "e"], 5),
             (["abcd"], ["a", "b", "c", "d"], 0), (["abc", "d"], ["a", "b", "c", "d"], 1),
             (["a", "bc", "d"], ["a", "b", "c", "d"], 2), (["a", "bc b c", "d"], ["a", "b", "cd"], 2),
             (["abc a BX c", "def d EX f"], ["ab a b", "cd c d", "ef e f"], 4),
             (["ab a b", "cd bc d"], ["a", "bc", "d"], 2),
             (["a", "bc b c", "d"], ["ab AX BX", "cd CX a"], 1)]
    failed = 0
    for gold, system, correct in cases:
        w = evaluate(load(gold), load(system))["words"]
        if (w.correct, w.gold_total, w.system_total) != (correct, nwords(gold), nwords(system)):
            print("FAIL", gold, system, w.correct, correct)
            failed += 1
    try:
        evaluate(load(["a"]), load(["b"]))
        print("FAIL: different characters accepted")
        failed += 1
    except UDError:
        pass
    print("{} passed, {} failed".format(len(cases) + 1 - failed, failed))
    return failed == 0


def main():
    args = sys.argv[1:]
    if args == ["--self-test"]:
        sys.exit(0 if self_test() else 1)
    if len(args) == 3 and args[0] == "--score":
        gold, system = args[1], args[2]
    elif len(args) in (2, 3) and not args[0].startswith("-"):
        gold, kg = args[0], args[1]
        workdir = args[2] if len(args) == 3 else "."
        os.makedirs(workdir, exist_ok=True)
        name = os.path.splitext(os.path.basename(gold))[0]
        txt = os.path.join(workdir, name + ".txt")
        system = os.path.join(workdir, name + ".kg.conllu")
        with open(txt, "w", encoding="utf-8") as f:
            f.write(raw_text(gold))
        r = subprocess.run([kg, "-q", "-f", "conllu", "-o", system, txt])
        if r.returncode != 0:
            sys.exit("raw_text_eval: {} failed with status {}".format(kg, r.returncode))
    else:
        sys.exit("usage: raw_text_eval.py GOLD.conllu KG [WORKDIR]\n"
                 "       raw_text_eval.py --score GOLD.conllu SYSTEM.conllu")
    try:
        g = load_conllu_file(gold)
        s = load_conllu_file(system)
        scores = evaluate(g, s)
    except (UDError, OSError) as e:
        sys.exit("raw_text_eval: {}".format(e))
    print("gold_words={} system_words={} aligned_words={}".format(
        scores["words"].gold_total, scores["words"].system_total, scores["words"].correct))
    report(scores)


if __name__ == "__main__":
    main()
