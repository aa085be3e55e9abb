#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""relation_errors.py GOLD.json dwie|redocred PREDDIR [LABEL] - list kg's relation errors.

A development aid beside ../shared/tools/kg_eval.py (which it imports), as
entity_errors.py is for entities: prints, per document, the false positive
relation predictions and the gold triples kg missed whose two entities it
did find (the misses a relation rule could fix), then counts per label.
With LABEL only that gold label (or predicate local name) is listed.
"""
import collections, os, sys
sys.dont_write_bytecode = True
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, '..', '..', 'shared', 'tools'))
import kg_eval as K  # noqa: E402

gold_path, dataset, pred = sys.argv[1], sys.argv[2], sys.argv[3]
only = sys.argv[4] if len(sys.argv) > 4 else None
golds, _ = K.load_gold(gold_path, dataset)
onto = K.load_ontology([os.path.join(here, '..', 'ontology')])[0]
table, scope = K.build_table(dataset)
n_fp, n_tp, n_fn_found, n_fn_lost = (collections.Counter(), collections.Counter(),
                                     collections.Counter(), collections.Counter())


def name(g, key):
    fs = g.raw_forms.get(key) if isinstance(key, str) else None
    return sorted(fs)[0] if fs else str(key[1] if isinstance(key, tuple) else key)


for i, gold in enumerate(golds):
    stem = K.article_name(i, len(golds))
    g = K.read_prediction(pred, stem)
    index = collections.defaultdict(set)
    for e in gold.entities.values():
        for f in e.forms:
            index[f].add(e.idx)
    match = {}
    for key, forms in g.forms.items():
        s = set()
        for f in forms:
            s |= index.get(f, set())
        match[key] = s
    found_ents = set()
    for s in match.values():
        found_ents |= s
    gold_in = {(h, r, t) for (h, r, t) in gold.triples if r in scope}
    hit_all = set()
    lines = []
    for sk, piri, o in g.triples:
        pairs = onto.resolve(piri, table, None)
        if not pairs:
            continue
        hit = set()
        for lab, d in pairs:
            ab = []
            if d in ('>', '='):
                ab.append((sk, o))
            if d in ('<', '=') and not isinstance(o, tuple):
                ab.append((o, sk))
            for a, b in ab:
                if isinstance(a, tuple):
                    continue
                for h in match.get(a, ()):
                    if lab in K.DATE_LABELS[dataset]:
                        ys = K.literal_years(b) if isinstance(b, tuple) else set()
                        for (hh, r, t) in gold_in:
                            if hh == h and r == lab and ys & gold.entities[t].years:
                                hit.add((h, r, t))
                        continue
                    tails = match.get(b, set()) if not isinstance(b, tuple) else \
                        index.get(K.norm_form(b[1]), set())
                    for t in tails:
                        if (h, lab, t) in gold_in:
                            hit.add((h, lab, t))
        hit_all |= hit
        if hit:
            n_tp[K.local_name(piri)] += 1
        if not hit:
            loc = K.local_name(piri)
            if only and only not in (loc, pairs[0][0]):
                continue
            n_fp[loc] += 1
            lines.append('  FP %s %s %s' % (name(g, sk), loc, name(g, o)))
    for h, r, t in sorted(gold_in - hit_all):
        if only and only != r:
            continue
        both = h in found_ents and t in found_ents
        (n_fn_found if both else n_fn_lost)[r] += 1
        if both:
            lines.append('  FN %s %s %s' % (gold.entities[h].surfaces[0], r,
                                            gold.entities[t].surfaces[0]))
    if lines:
        print('%s %s' % (stem, gold.title))
        print('\n'.join(lines))
print('\ntrue positives by predicate:', dict(n_tp.most_common()))
print('false positives by predicate:', dict(n_fp.most_common()))
print('misses with both entities found:', dict(n_fn_found.most_common()))
print('misses with an entity not found:', dict(n_fn_lost.most_common()))
