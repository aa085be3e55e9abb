#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""gen_wordnet.py [-w WORDNET_DIR] -o model/wordnet_forms.tsv

The word classes WordNet 3.0 (Debian: wordnet-base, /usr/share/wordnet)
gives each English word form, for the tagger's unknown words: one line
per lowercased single-word form, FORM TAB CLASSES, where CLASSES is a
sorted set of letters:

  n  a common noun lemma      p  a proper noun lemma (capitalised in WordNet)
  v  a verb lemma             a  an adjective lemma      r  an adverb lemma
  s  a plural noun            z  a verb in -s            d  a verb in -ed
                                                         g  a verb in -ing
  c  an adjective in -er/-est

Inflected forms come from WordNet's exception lists (irregular forms) and
the regular English spelling rules.  Deterministic: sorted output.
"""
import argparse
import os
import re
import sys

WORD = re.compile(r"^[a-z][a-z'.-]*$")


def lemmas(path):
    out = []
    with open(path, encoding='latin-1') as f:
        for line in f:
            if line.startswith('  '):
                continue
            w = line.split(' ', 1)[0]
            if WORD.match(w):
                out.append(w)
    return out


def proper_nouns(path):
    """Lemmas whose every occurrence in data.noun is capitalised."""
    cap, low = set(), set()
    with open(path, encoding='latin-1') as f:
        for line in f:
            if line.startswith('  '):
                continue
            parts = line.split(' ')
            n = int(parts[3], 16)
            for k in range(n):
                w = parts[4 + 2 * k]
                lw = w.lower()
                (cap if w != lw else low).add(lw)
    return cap - low


def exceptions(path):
    out = []
    with open(path, encoding='latin-1') as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2 and WORD.match(parts[0]):
                out.append((parts[0], parts[1:]))
    return out


VOWELS = set('aeiou')


def plural(w):
    if re.search(r'(s|x|z|ch|sh)$', w):
        return [w + 'es']
    if w.endswith('y') and len(w) > 1 and w[-2] not in VOWELS:
        return [w[:-1] + 'ies']
    return [w + 's']


def verb_forms(w):
    z = plural(w)
    if w.endswith('e'):
        d, g = [w + 'd'], [w[:-1] + 'ing', w + 'ing'] if w.endswith('ee') else [w[:-1] + 'ing']
    elif w.endswith('y') and len(w) > 1 and w[-2] not in VOWELS:
        d, g = [w[:-1] + 'ied'], [w + 'ing']
    else:
        d, g = [w + 'ed'], [w + 'ing']
        # a final consonant doubled after one short vowel: stop -> stopped
        if (len(w) >= 3 and w[-1] not in VOWELS | set('wxy') and w[-2] in VOWELS
                and w[-3] not in VOWELS):
            d.append(w + w[-1] + 'ed')
            g.append(w + w[-1] + 'ing')
    return z, d, g


def adj_forms(w):
    if w.endswith('e'):
        return [w + 'r', w + 'st']
    if w.endswith('y') and len(w) > 1 and w[-2] not in VOWELS:
        return [w[:-1] + 'ier', w[:-1] + 'iest']
    out = [w + 'er', w + 'est']
    if len(w) >= 3 and w[-1] not in VOWELS | set('wxy') and w[-2] in VOWELS and w[-3] not in VOWELS:
        out += [w + w[-1] + 'er', w + w[-1] + 'est']
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('-w', default='/usr/share/wordnet')
    ap.add_argument('-o', required=True)
    a = ap.parse_args()
    d = a.w
    cls = {}

    def add(w, c):
        if WORD.match(w):
            cls.setdefault(w, set()).add(c)

    proper = proper_nouns(os.path.join(d, 'data.noun'))
    for w in lemmas(os.path.join(d, 'index.noun')):
        add(w, 'p' if w in proper else 'n')
        for f in plural(w):
            add(f, 's')
    for w in lemmas(os.path.join(d, 'index.verb')):
        add(w, 'v')
        z, dd, g = verb_forms(w)
        for f in z:
            add(f, 'z')
        for f in dd:
            add(f, 'd')
        for f in g:
            add(f, 'g')
    for w in lemmas(os.path.join(d, 'index.adj')):
        add(w, 'a')
        if len(w) <= 7:
            for f in adj_forms(w):
                add(f, 'c')
    for w in lemmas(os.path.join(d, 'index.adv')):
        add(w, 'r')
    for form, _ in exceptions(os.path.join(d, 'noun.exc')):
        add(form, 's')
    for form, _ in exceptions(os.path.join(d, 'verb.exc')):
        add(form, 'd')
    for form, _ in exceptions(os.path.join(d, 'adj.exc')):
        add(form, 'c')
    with open(a.o, 'w', encoding='utf-8') as f:
        for w in sorted(cls):
            f.write('%s\t%s\n' % (w, ''.join(sorted(cls[w]))))


if __name__ == '__main__':
    sys.exit(main())
