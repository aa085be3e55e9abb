#!/usr/bin/env python3
"""entity_errors.py GOLD.json dwie|redocred PREDDIR [N] - list kg's entity errors.

A development aid beside ../shared/tools/kg_eval.py (which it imports):
prints the most frequent false positives, wrong types and misses of typed
PER/ORG/LOC entities, so that rules can be tuned on the dev split.
"""
import collections, os, sys
sys.dont_write_bytecode = True
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, '..', '..', 'shared', 'tools'))
import kg_eval as K  # noqa: E402

gold_path, dataset, pred = sys.argv[1], sys.argv[2], sys.argv[3]
n = int(sys.argv[4]) if len(sys.argv) > 4 else 40
golds, _ = K.load_gold(gold_path, dataset)
onto = K.load_ontology([os.path.join(here, '..', 'ontology')])[0]
fp, wrong, miss = collections.Counter(), collections.Counter(), collections.Counter()
for i, g in enumerate(golds):
    stem = K.article_name(i, len(golds))
    graph = K.read_prediction(pred, stem)
    if graph is None:
        continue
    index = collections.defaultdict(set)
    for e in g.entities.values():
        for f in e.forms:
            index[f].add(e.idx)
    found = set()
    for key, forms in graph.forms.items():
        ct = set()
        for c in graph.types.get(key, ()):
            ct |= onto.coarse_of_class(c)
        ct &= set(K.COARSE)
        if not ct:
            continue
        m = set()
        for f in forms:
            m |= index.get(f, set())
        name = sorted(forms)[0]
        typed = [j for j in m if g.entities[j].types]
        if not typed:
            fp['%s %s' % ('/'.join(sorted(ct)), name)] += 1
            continue
        ok = [j for j in typed if ct & g.entities[j].types]
        found |= set(ok)
        if not ok:
            wrong['%s->%s %s' % ('/'.join(sorted(ct)), '/'.join(sorted(g.entities[typed[0]].types)), name)] += 1
    for e in g.entities.values():
        if e.types and e.idx not in found:
            miss['%s %s' % ('/'.join(sorted(e.types)), e.surfaces[0] if e.surfaces else '?')] += 1
for title, c in (('FALSE POSITIVES', fp), ('WRONG TYPE', wrong), ('MISSED', miss)):
    print('%s (%d)' % (title, sum(c.values())))
    for k, v in c.most_common(n):
        print('  %3d %s' % (v, k))
