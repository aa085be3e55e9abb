/* SPDX-License-Identifier: MIT
 * kg: averaged-perceptron POS tagger, lemmatiser and arc-hybrid parser. */
#include "tagger_impl.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* ------------------------------------------------------------------ */
/* Names                                                              */
/* ------------------------------------------------------------------ */

static const char *const upos_names[KG_UPOS_COUNT] = {
    "X",   "ADJ",  "ADP",  "ADV",   "AUX",   "CCONJ", "DET", "INTJ", "NOUN",
    "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB"};

static const char *const deprel_names[KG_DEP_COUNT] = {
    "dep",        "acl",          "acl:relcl",  "advcl",        "advcl:relcl", "advmod",
    "amod",       "appos",        "aux",        "aux:pass",     "case",        "cc",
    "cc:preconj", "ccomp",        "compound",   "compound:prt", "conj",        "cop",
    "csubj",      "csubj:outer",  "csubj:pass", "det",          "det:predet",  "discourse",
    "dislocated", "expl",         "fixed",      "flat",         "goeswith",    "iobj",
    "list",       "mark",         "nmod",       "nmod:desc",    "nmod:poss",   "nmod:unmarked",
    "nsubj",      "nsubj:outer",  "nsubj:pass", "nummod",       "obj",         "obl",
    "obl:agent",  "obl:unmarked", "orphan",     "parataxis",    "punct",       "reparandum",
    "root",       "vocative",     "xcomp"};

const char *kg_upos_name(kg_upos upos)
{
    return (unsigned)upos < KG_UPOS_COUNT ? upos_names[upos] : "X";
}

const char *kg_deprel_name(kg_deprel rel)
{
    return (unsigned)rel < KG_DEP_COUNT ? deprel_names[rel] : "dep";
}

kg_upos kg_upos_from_name(const char *name, size_t len)
{
    for (unsigned i = 0; i < KG_UPOS_COUNT; i++)
        if (strlen(upos_names[i]) == len && memcmp(upos_names[i], name, len) == 0)
            return (kg_upos)i;
    return KG_UPOS_X;
}

kg_deprel kg_deprel_from_name(const char *name, size_t len)
{
    for (unsigned i = 0; i < KG_DEP_COUNT; i++)
        if (strlen(deprel_names[i]) == len && memcmp(deprel_names[i], name, len) == 0)
            return (kg_deprel)i;
    return KG_DEP_DEP;
}

const char *kg_xpos_name(const kg_tagger *tg, uint16_t xpos)
{
    if (!tg || xpos >= tg->n_xpos) return "_";
    return tg->strings + tg->xpos_names[xpos];
}

/* ------------------------------------------------------------------ */
/* Hashing                                                            */
/* ------------------------------------------------------------------ */

static inline uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

uint64_t kg_tg_hash(const char *s, size_t len)
{
    uint64_t h = 0xcbf29ce484222325ULL ^ len;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return mix64(h);
}

static inline uint64_t hc(uint64_t h, uint64_t v)
{
    return mix64(h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2)));
}

/* Feature hashes: the template number and the parts, each times its own
 * odd constant, summed and mixed once (one mix per feature, not one per
 * part). */
#define KG_K0 0x9e3779b97f4a7c15ULL
#define KG_K1 0xbf58476d1ce4e5b9ULL
#define KG_K2 0x94d049bb133111ebULL
#define KG_K3 0xd6e8feb86659fd93ULL
#define KG_K4 0xa0761d6478bd642fULL
static inline uint64_t f1(unsigned t, uint64_t a)
{
    return mix64((uint64_t)(t + 1) * KG_K0 + a * KG_K1);
}
static inline uint64_t f2(unsigned t, uint64_t a, uint64_t b)
{
    return mix64((uint64_t)(t + 1) * KG_K0 + a * KG_K1 + b * KG_K2);
}
static inline uint64_t f3(unsigned t, uint64_t a, uint64_t b, uint64_t c)
{
    return mix64((uint64_t)(t + 1) * KG_K0 + a * KG_K1 + b * KG_K2 + c * KG_K3);
}
static inline uint64_t f4(unsigned t, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    return mix64((uint64_t)(t + 1) * KG_K0 + a * KG_K1 + b * KG_K2 + c * KG_K3 + d * KG_K4);
}

uint64_t kg_tg_lemma_key(const char *s, size_t len, unsigned xpos)
{
    return hc(kg_tg_hash(s, len), 0x1000u + xpos);
}

uint64_t kg_tg_rule_key(unsigned xpos, const char *suf, size_t len)
{
    return hc(kg_tg_hash(suf, len), 0x2000u + xpos);
}

/* ------------------------------------------------------------------ */
/* Per-word features                                                  */
/* ------------------------------------------------------------------ */

enum {
    KG_TF_DIGIT = 1,
    KG_TF_HYPHEN = 2,
    KG_TF_UPPER = 4,
    KG_TF_ALLUPPER = 8,
    KG_TF_INITUPPER = 16,
    KG_TF_NONASCII = 32,
    KG_TF_ALPHA = 64,
    KG_TF_PERIOD = 128
};

static inline char lower_ascii(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
}

static void prepare_tok(kg_tok *t, const char *s, size_t len)
{
    char low[64];
    size_t ll = len < sizeof low ? len : sizeof low;
    uint32_t fl = 0;
    int lowers = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9')
            fl |= KG_TF_DIGIT;
        else if (c == '-')
            fl |= KG_TF_HYPHEN;
        else if (c == '.')
            fl |= KG_TF_PERIOD;
        else if (c >= 'A' && c <= 'Z')
            fl |= KG_TF_UPPER | KG_TF_ALPHA;
        else if (c >= 'a' && c <= 'z') {
            fl |= KG_TF_ALPHA;
            lowers = 1;
        } else if ((unsigned char)c >= 0x80)
            fl |= KG_TF_NONASCII;
    }
    if ((fl & KG_TF_UPPER) && !lowers) fl |= KG_TF_ALLUPPER;
    if (len && s[0] >= 'A' && s[0] <= 'Z') fl |= KG_TF_INITUPPER;
    t->flags = fl;
    t->word = kg_tg_hash(s, len);
    if (!(fl & KG_TF_UPPER)) {
        t->lower = t->word;
        for (size_t i = 0; i < ll; i++)
            low[i] = s[i];
    } else {
        for (size_t i = 0; i < ll; i++)
            low[i] = lower_ascii(s[i]);
        if (len <= sizeof low)
            t->lower = kg_tg_hash(low, len);
        else {
            char *big = kg_xmalloc(len);
            for (size_t i = 0; i < len; i++)
                big[i] = lower_ascii(s[i]);
            t->lower = kg_tg_hash(big, len);
            free(big);
        }
    }
    // Suffixes come from the end of the word, so index the original.
    for (size_t k = 1; k <= 4; k++) {
        if (k <= len) {
            char buf[4];
            for (size_t j = 0; j < k; j++)
                buf[j] = lower_ascii(s[len - k + j]);
            t->suf[k - 1] = kg_tg_hash(buf, k) + k;
            t->pre[k - 1] = kg_tg_hash(low, k) + 7 * k;
        } else {
            t->suf[k - 1] = t->lower + k;
            t->pre[k - 1] = t->lower + 7 * k;
        }
    }
    char shape[16];
    size_t sl = 0;
    char last = 0;
    int run = 0;
    for (size_t i = 0; i < len && sl < sizeof shape; i++) {
        unsigned char c = (unsigned char)s[i];
        char k;
        if (c >= 'A' && c <= 'Z')
            k = 'X';
        else if (c >= 'a' && c <= 'z')
            k = 'x';
        else if (c >= '0' && c <= '9')
            k = 'd';
        else if (c >= 0x80)
            k = 'u';
        else
            k = (char)c;
        if (k == last) {
            if (++run > 2) continue;
        } else
            run = 1;
        last = k;
        shape[sl++] = k;
    }
    t->shape = kg_tg_hash(shape, sl) ^ 0x5a5a;
}

static const kg_tok bos_tok = {0x1111111111111111ULL,
                               0x1111111111111112ULL,
                               {1, 2, 3, 4},
                               {5, 6, 7, 8},
                               0x1111111111111113ULL,
                               0x1000,
                               0x11111111u};
static const kg_tok eos_tok = {0x2222222222222221ULL,
                               0x2222222222222222ULL,
                               {11, 12, 13, 14},
                               {15, 16, 17, 18},
                               0x2222222222222223ULL,
                               0x2000,
                               0x22222222u};

void kg_tg_set_amb(const kg_amb *a, kg_tok *tok, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint64_t h = tok[i].lower;
        uint32_t key = kg_tg_key32(h), s = (uint32_t)h & a->mask;
        tok[i].amb = 0;
        for (uint32_t probe = 0; probe <= a->mask; probe++) { // bounded: a damaged file may be full
            uint32_t k = a->keys[s];
            if (k == key) {
                tok[i].amb = a->vals[s];
                break;
            }
            if (k == 0) break;
            s = (s + 1) & a->mask;
        }
    }
}

static void grow_parse(kg_parse *p, size_t n)
{
    if (n <= p->cap) return;
    size_t cap = p->cap ? p->cap : 64;
    while (cap < n)
        cap *= 2;
    p->out = kg_xrealloc(p->out, cap * sizeof *p->out);
    p->tok = kg_xrealloc(p->tok, cap * sizeof *p->tok);
    p->cls = kg_xrealloc(p->cls, cap * sizeof *p->cls);
    p->cls1 = kg_xrealloc(p->cls1, cap * sizeof *p->cls1);
    p->margin = kg_xrealloc(p->margin, cap * sizeof *p->margin);
    p->sc1 = kg_xrealloc(p->sc1, cap * KG_STRIDE * sizeof *p->sc1);
    p->lemma_off = kg_xrealloc(p->lemma_off, cap * sizeof *p->lemma_off);
    p->cap = cap;
}

void kg_tg_prepare(kg_parse *p, const kg_word *words, size_t n)
{
    grow_parse(p, n);
    for (size_t i = 0; i < n; i++)
        prepare_tok(&p->tok[i], words[i].ptr, words[i].len);
    p->n = n;
}

/* ------------------------------------------------------------------ */
/* Tagger features                                                    */
/* ------------------------------------------------------------------ */

size_t kg_tg_tag_features(const kg_tok *tok, size_t n, size_t i, unsigned prev1, unsigned prev2,
                          uint64_t *out)
{
    const kg_tok *w = &tok[i];
    const kg_tok *l1 = i >= 1 ? &tok[i - 1] : &bos_tok;
    const kg_tok *l2 = i >= 2 ? &tok[i - 2] : &bos_tok;
    const kg_tok *r1 = i + 1 < n ? &tok[i + 1] : &eos_tok;
    const kg_tok *r2 = i + 2 < n ? &tok[i + 2] : &eos_tok;
    size_t k = 0;
    unsigned t = 0;
    out[k++] = f1(t++, 0);
    out[k++] = f1(t++, w->lower);
    out[k++] = f1(t++, w->word);
    for (unsigned j = 0; j < 4; j++)
        out[k++] = f1(t++, w->suf[j]);
    for (unsigned j = 0; j < 3; j++)
        out[k++] = f1(t++, w->pre[j]);
    out[k++] = f1(t++, w->shape);
    out[k++] = f1(t++, w->flags);
    out[k++] = f2(t++, w->flags, i == 0);
    out[k++] = f1(t++, prev1);
    out[k++] = f1(t++, prev2);
    out[k++] = f2(t++, prev1, prev2);
    out[k++] = f2(t++, prev1, w->lower);
    out[k++] = f2(t++, prev1, w->suf[2]);
    out[k++] = f2(t++, prev1, w->shape);
    out[k++] = f1(t++, l1->lower);
    out[k++] = f1(t++, l1->suf[2]);
    out[k++] = f1(t++, l1->shape);
    out[k++] = f1(t++, l2->lower);
    out[k++] = f1(t++, r1->lower);
    out[k++] = f1(t++, r1->suf[2]);
    out[k++] = f1(t++, r1->suf[1]);
    out[k++] = f1(t++, r1->shape);
    out[k++] = f1(t++, r1->pre[0]);
    out[k++] = f1(t++, r2->lower);
    out[k++] = f1(t++, r2->suf[2]);
    out[k++] = f2(t++, l1->lower, w->lower);
    out[k++] = f2(t++, w->lower, r1->lower);
    out[k++] = f2(t++, w->shape, r1->shape);
    out[k++] = f2(t++, l1->shape, w->shape);
    out[k++] = f3(t++, prev1, w->lower, r1->lower);
    out[k++] = f2(t++, w->suf[1], r1->lower);
    out[k++] = f2(t++, prev1, r1->lower);
    out[k++] = f3(t++, prev1, prev2, w->suf[2]);
    // ambiguity classes: the tags each word can have, also to the right
    out[k++] = f1(t++, w->amb);
    out[k++] = f1(t++, r1->amb);
    out[k++] = f1(t++, r2->amb);
    out[k++] = f1(t++, l1->amb);
    out[k++] = f2(t++, w->amb, r1->amb);
    out[k++] = f2(t++, prev1, w->amb);
    out[k++] = f3(t++, prev1, w->amb, r1->amb);
    out[k++] = f2(t++, w->amb, w->suf[2]);
    out[k++] = f3(t++, w->amb, r1->amb, r2->amb);
    return k;
}

size_t kg_tg_tag_features2(const kg_tok *tok, size_t n, size_t i, unsigned prev1,
                           const uint8_t *right, uint64_t *out)
{
    const kg_tok *w = &tok[i];
    unsigned n1 = i + 1 < n ? right[i + 1] : KG_MAX_CLS + 2;
    unsigned n2 = i + 2 < n ? right[i + 2] : KG_MAX_CLS + 2;
    size_t k = 0;
    unsigned t = 60;
    out[k++] = f1(t++, n1);
    out[k++] = f2(t++, n1, n2);
    out[k++] = f2(t++, prev1, n1);
    out[k++] = f2(t++, w->lower, n1);
    out[k++] = f2(t++, w->amb, n1);
    out[k++] = f3(t++, w->suf[2], prev1, n1);
    out[k++] = f2(t++, w->shape, n1);
    return k;
}

/* ------------------------------------------------------------------ */
/* Parser configuration and features                                  */
/* ------------------------------------------------------------------ */

#define NO UINT32_MAX

/* (Re)allocate the per-word arrays of @p s for @p cap positions. */
static void pstate_resize(kg_pstate *s, size_t cap)
{
    s->stack = kg_xrealloc(s->stack, cap * sizeof *s->stack);
    s->head = kg_xrealloc(s->head, cap * sizeof *s->head);
    s->label = kg_xrealloc(s->label, cap * sizeof *s->label);
    s->lc1 = kg_xrealloc(s->lc1, cap * sizeof *s->lc1);
    s->lc2 = kg_xrealloc(s->lc2, cap * sizeof *s->lc2);
    s->rc1 = kg_xrealloc(s->rc1, cap * sizeof *s->rc1);
    s->rc2 = kg_xrealloc(s->rc2, cap * sizeof *s->rc2);
    s->nl = kg_xrealloc(s->nl, cap * sizeof *s->nl);
    s->nr = kg_xrealloc(s->nr, cap * sizeof *s->nr);
    s->lset = kg_xrealloc(s->lset, cap * sizeof *s->lset);
    s->rset = kg_xrealloc(s->rset, cap * sizeof *s->rset);
}

void kg_tg_pstate_grow(kg_parse *p, size_t n)
{
    size_t need = n + 1;
    if (need <= p->ps_cap) return;
    size_t cap = p->ps_cap ? p->ps_cap : 64;
    while (cap < need)
        cap *= 2;
    pstate_resize(&p->ps, cap);
    p->pscore = kg_xrealloc(p->pscore, 3 * cap * sizeof *p->pscore);
    p->pkey = kg_xrealloc(p->pkey, 3 * cap * sizeof *p->pkey);
    p->ps_cap = cap;
}

void kg_tg_pstate_init(kg_pstate *s, uint32_t n)
{
    s->n = n;
    s->sp = 0;
    s->b = 0;
    for (uint32_t i = 0; i <= n; i++) {
        s->head[i] = NO;
        s->label[i] = 0;
        s->lc1[i] = s->lc2[i] = s->rc1[i] = s->rc2[i] = NO;
        s->nl[i] = s->nr[i] = 0;
        s->lset[i] = s->rset[i] = 0;
    }
}

void kg_tg_pstate_alloc(kg_pstate *s, size_t cap)
{
    memset(s, 0, sizeof *s);
    pstate_resize(s, cap);
}

void kg_tg_pstate_free(kg_pstate *s)
{
    free(s->stack);
    free(s->head);
    free(s->label);
    free(s->lc1);
    free(s->lc2);
    free(s->rc1);
    free(s->rc2);
    free(s->nl);
    free(s->nr);
    free(s->lset);
    free(s->rset);
}

void kg_tg_pstate_copy(kg_pstate *d, const kg_pstate *s)
{
    size_t m = (size_t)s->n + 1;
    d->n = s->n;
    d->sp = s->sp;
    d->b = s->b;
    memcpy(d->stack, s->stack, s->sp * sizeof *s->stack);
    memcpy(d->head, s->head, m * sizeof *s->head);
    memcpy(d->label, s->label, m * sizeof *s->label);
    memcpy(d->lc1, s->lc1, m * sizeof *s->lc1);
    memcpy(d->lc2, s->lc2, m * sizeof *s->lc2);
    memcpy(d->rc1, s->rc1, m * sizeof *s->rc1);
    memcpy(d->rc2, s->rc2, m * sizeof *s->rc2);
    memcpy(d->nl, s->nl, m * sizeof *s->nl);
    memcpy(d->nr, s->nr, m * sizeof *s->nr);
    memcpy(d->lset, s->lset, m * sizeof *s->lset);
    memcpy(d->rset, s->rset, m * sizeof *s->rset);
}

static inline int cmp_cand(const kg_beam_cand *x, const kg_beam_cand *y)
{
    if (x->score != y->score) return x->score > y->score ? -1 : 1;
    if (x->parent != y->parent) return x->parent < y->parent ? -1 : 1;
    return x->u < y->u ? -1 : x->u > y->u;
}

size_t kg_tg_beam_select(kg_beam_cand *c, size_t n, size_t k)
{
    // Insertion into the sorted best m (m <= i, so c[i] is read before the
    // prefix can grow over it): about n * k / 2 comparisons at worst, fewer
    // than a sort for the few dozen candidates of a step.
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        kg_beam_cand x = c[i];
        size_t j;
        if (m < k)
            j = m++;
        else if (cmp_cand(&x, &c[k - 1]) < 0)
            j = k - 1;
        else
            continue;
        while (j > 0 && cmp_cand(&x, &c[j - 1]) < 0) {
            c[j] = c[j - 1];
            j--;
        }
        c[j] = x;
    }
    return m;
}

void kg_tg_apply(kg_pstate *s, unsigned t)
{
    if (t == KG_T_SHIFT) {
        s->stack[s->sp++] = s->b++;
        return;
    }
    uint32_t d = s->stack[--s->sp], h;
    unsigned l;
    if (t < KG_T_RIGHT(0)) {
        l = t - KG_T_LEFT(0);
        h = s->b;
        s->lc2[h] = s->lc1[h];
        s->lc1[h] = d;
        s->nl[h]++;
        s->lset[h] |= 1ULL << l;
    } else {
        l = t - KG_T_RIGHT(0);
        h = s->stack[s->sp - 1];
        s->rc2[h] = s->rc1[h];
        s->rc1[h] = d;
        s->nr[h]++;
        s->rset[h] |= 1ULL << l;
    }
    s->head[d] = h;
    s->label[d] = (uint8_t)l;
}

/* A distance in words as a feature value: 0..4 exact, then 5, 7, 10. */
static inline unsigned dist_bucket(uint32_t dd)
{
    return dd > 9 ? 10 : dd > 6 ? 7 : dd > 4 ? 5 : dd;
}

/* The feature values of position p of configuration s (NO: none, n:
 * ROOT): its word, its tag class, its label (99 before it has a head).
 * They need s, n, tok and cls in scope; defined for the feature
 * functions below. */
#define W(p) ((p) == NO ? 0x3333ULL : (p) == n ? 0x4444ULL : tok[p].lower)
#define T(p) ((p) == NO ? 300u : (p) == n ? 301u : (unsigned)cls[p])
#define L(p) ((p) == NO || s->head[p] == NO ? 99u : (unsigned)s->label[p])

size_t kg_tg_par_features_b(const kg_pstate *s, const kg_tok *tok, const uint8_t *cls,
                            uint64_t *out)
{
    const uint32_t n = s->n;
    uint32_t b0 = s->b;
    uint32_t b1 = b0 + 1 <= n ? b0 + 1 : NO;
    uint32_t b2 = b0 + 2 <= n ? b0 + 2 : NO;
    uint32_t b3 = b0 + 3 <= n ? b0 + 3 : NO;
    uint64_t b0w = W(b0), b1w = W(b1), b2w = W(b2);
    unsigned b0t = T(b0), b1t = T(b1), b2t = T(b2), b3t = T(b3);
    uint64_t b0wt = hc(b0w, b0t), b1wt = hc(b1w, b1t);
    size_t k = 0;
    unsigned t = 100;
    out[k++] = f1(t++, 0);
    out[k++] = f1(t++, b0w);
    out[k++] = f1(t++, b0t);
    out[k++] = f1(t++, b0wt);
    out[k++] = f1(t++, b1w);
    out[k++] = f1(t++, b1t);
    out[k++] = f1(t++, b1wt);
    out[k++] = f1(t++, b2w);
    out[k++] = f1(t++, b2t);
    out[k++] = f1(t++, b3t);
    out[k++] = f2(t++, b0t, b1t);
    out[k++] = f2(t++, b0w, b1t);
    return k;
}

size_t kg_tg_par_features_part(const kg_pstate *s, const kg_tok *tok, const uint8_t *cls,
                               unsigned parts, uint64_t *out)
{
    const uint32_t n = s->n;
    uint32_t s0 = s->sp > 0 ? s->stack[s->sp - 1] : NO;
    uint32_t s1 = s->sp > 1 ? s->stack[s->sp - 2] : NO;
    uint32_t s2 = s->sp > 2 ? s->stack[s->sp - 3] : NO;
    uint32_t b0 = s->b;
    uint32_t b1 = b0 + 1 <= n ? b0 + 1 : NO;
    uint32_t s0l1 = s0 != NO ? s->lc1[s0] : NO, s0l2 = s0 != NO ? s->lc2[s0] : NO;
    uint32_t s0r1 = s0 != NO ? s->rc1[s0] : NO, s0r2 = s0 != NO ? s->rc2[s0] : NO;
    uint32_t s1l1 = s1 != NO ? s->lc1[s1] : NO, s1r1 = s1 != NO ? s->rc1[s1] : NO;
    uint32_t s1r2 = s1 != NO ? s->rc2[s1] : NO;
    uint32_t b0l1 = s->lc1[b0], b0l2 = s->lc2[b0];
    uint64_t s0w = W(s0), s1w = W(s1), b0w = W(b0);
    unsigned s0t = T(s0), s1t = T(s1), s2t = T(s2), b0t = T(b0), b1t = T(b1);
    uint64_t s0wt = hc(s0w, s0t), s1wt = hc(s1w, s1t), b0wt = hc(b0w, b0t);
    unsigned d = s0 == NO ? 0 : dist_bucket(b0 == n ? 15 : b0 - s0);
    unsigned d2 = s1 == NO ? 0 : dist_bucket(s0 - s1);
    unsigned s0nl = s0 != NO ? s->nl[s0] : 0, s0nr = s0 != NO ? s->nr[s0] : 0;
    unsigned s1nl = s1 != NO ? s->nl[s1] : 0, s1nr = s1 != NO ? s->nr[s1] : 0;
    unsigned b0nl = s->nl[b0];
    uint64_t s0ls = s0 != NO ? s->lset[s0] : 0, s0rs = s0 != NO ? s->rset[s0] : 0;
    uint64_t s1ls = s1 != NO ? s->lset[s1] : 0, s1rs = s1 != NO ? s->rset[s1] : 0;
    uint64_t b0ls = s->lset[b0];
    size_t k = 0;
    unsigned t = 120;
#define ADD(part, h)                                                                               \
    do {                                                                                           \
        if (parts & (part)) out[k++] = (h);                                                        \
        t++;                                                                                       \
    } while (0)
    // unigrams
    ADD(KG_PF_S0, f1(t, s0w));
    ADD(KG_PF_S0, f1(t, s0wt));
    ADD(KG_PF_S1, f1(t, s1t));
    ADD(KG_PF_S1, f1(t, s1wt));
    ADD(KG_PF_REST, f1(t, s2t));
    // children
    ADD(KG_PF_S0, f1(t, W(s0l1)));
    ADD(KG_PF_S0, f1(t, T(s0l1)));
    ADD(KG_PF_S0, f1(t, L(s0l1)));
    ADD(KG_PF_S0, f1(t, T(s0r1)));
    ADD(KG_PF_S0, f1(t, L(s0r1)));
    ADD(KG_PF_S0, f1(t, T(s0l2)));
    ADD(KG_PF_S0, f1(t, L(s0l2)));
    ADD(KG_PF_S1, f1(t, T(s1l1)));
    ADD(KG_PF_S1, f1(t, L(s1l1)));
    ADD(KG_PF_S1, f1(t, W(s1r1)));
    ADD(KG_PF_S1, f1(t, T(s1r1)));
    ADD(KG_PF_S1, f1(t, L(s1r1)));
    ADD(KG_PF_B0, f1(t, W(b0l1)));
    ADD(KG_PF_B0, f1(t, T(b0l1)));
    ADD(KG_PF_B0, f1(t, L(b0l1)));
    // pairs s0-b0
    ADD(KG_PF_REST, f2(t, s0wt, b0t));
    ADD(KG_PF_REST, f2(t, s0t, b0wt));
    ADD(KG_PF_REST, f2(t, s0w, b0w));
    ADD(KG_PF_REST, f2(t, s0t, b0t));
    // pairs s1-s0
    ADD(KG_PF_REST, f2(t, s1w, s0wt));
    // triples
    ADD(KG_PF_REST, f3(t, s0t, b0t, b1t));
    ADD(KG_PF_REST, f3(t, s1t, s0t, b0t));
    ADD(KG_PF_REST, f3(t, s0t, T(s0l1), b0t));
    ADD(KG_PF_REST, f3(t, s0t, T(s0r1), b0t));
    ADD(KG_PF_REST, f3(t, s0t, b0t, T(b0l1)));
    ADD(KG_PF_REST, f3(t, s1t, s0t, T(s0l1)));
    ADD(KG_PF_REST, f3(t, s1t, s0t, T(s0r1)));
    ADD(KG_PF_REST, f3(t, s1t, T(s1r1), s0t));
    ADD(KG_PF_REST, f3(t, s1t, T(s1l1), s0t));
    ADD(KG_PF_REST, f3(t, s2t, s1t, s0t));
    ADD(KG_PF_REST, f3(t, s0t, b0w, b1t));
    ADD(KG_PF_REST, f3(t, s1w, s0t, b0t));
    ADD(KG_PF_REST, f3(t, s1t, s0t, b1t));
    // distance
    ADD(KG_PF_REST, f2(t, s0w, d));
    ADD(KG_PF_REST, f2(t, s0t, d));
    ADD(KG_PF_REST, f2(t, b0t, d));
    ADD(KG_PF_REST, f3(t, s0t, b0t, d));
    ADD(KG_PF_REST, f2(t, s1w, d2));
    // valency
    ADD(KG_PF_S0, f2(t, s0t, s0nr));
    ADD(KG_PF_S0, f2(t, s0t, s0nl));
    ADD(KG_PF_S1, f2(t, s1t, s1nr));
    ADD(KG_PF_S1, f2(t, s1t, s1nl));
    ADD(KG_PF_B0, f2(t, b0t, b0nl));
    // third order
    ADD(KG_PF_S0, f3(t, s0t, T(s0l1), T(s0l2)));
    ADD(KG_PF_S0, f3(t, s0t, T(s0r1), T(s0r2)));
    ADD(KG_PF_S1, f3(t, s1t, T(s1r1), T(s1r2)));
    ADD(KG_PF_B0, f3(t, b0t, T(b0l1), T(b0l2)));
    // label sets
    ADD(KG_PF_S0, f2(t, s0t, s0ls));
    ADD(KG_PF_S0, f2(t, s0t, s0rs));
    ADD(KG_PF_S1, f2(t, s1t, s1rs));
    ADD(KG_PF_S1, f2(t, s1t, s1ls));
    ADD(KG_PF_B0, f2(t, b0t, b0ls));
#undef ADD
    return k;
}

size_t kg_tg_par_features_s(const kg_pstate *s, const kg_tok *tok, const uint8_t *cls,
                            uint64_t *out)
{
    return kg_tg_par_features_part(s, tok, cls, KG_PF_ALL, out);
}

size_t kg_tg_par_features_x(const kg_pstate *s, const kg_tok *tok, const uint8_t *cls,
                            uint64_t *out)
{
    const uint32_t n = s->n;
    uint32_t s0 = s->sp > 0 ? s->stack[s->sp - 1] : NO;
    uint32_t s1 = s->sp > 1 ? s->stack[s->sp - 2] : NO;
    uint32_t b0 = s->b;
    uint32_t b1 = b0 + 1 <= n ? b0 + 1 : NO;
    uint32_t b2 = b0 + 2 <= n ? b0 + 2 : NO;
    uint64_t s0w = W(s0), s1w = W(s1), b0w = W(b0);
    unsigned s0t = T(s0), s1t = T(s1), b0t = T(b0), b1t = T(b1), b2t = T(b2);
    uint64_t s0wt = hc(s0w, s0t), s1wt = hc(s1w, s1t), b0wt = hc(b0w, b0t);
    unsigned d = s0 == NO ? 0 : dist_bucket(b0 == n ? 15 : b0 - s0);
    unsigned d2 = s1 == NO ? 0 : dist_bucket(s0 - s1);
    unsigned s0nl = s0 != NO ? s->nl[s0] : 0, s0nr = s0 != NO ? s->nr[s0] : 0;
    unsigned s1nr = s1 != NO ? s->nr[s1] : 0, b0nl = s->nl[b0];
    uint32_t s0r1 = s0 != NO ? s->rc1[s0] : NO, s1r1 = s1 != NO ? s->rc1[s1] : NO;
    size_t k = 0;
    unsigned t = 200;
    out[k++] = f2(t++, s0wt, b0wt);
    out[k++] = f2(t++, s0wt, b0w);
    out[k++] = f2(t++, s0w, b0wt);
    out[k++] = f3(t++, b0t, b1t, b2t);
    out[k++] = f2(t++, b0w, d);
    out[k++] = f3(t++, s0w, b0w, d);
    out[k++] = f2(t++, s0w, s0nr);
    out[k++] = f2(t++, s0w, s0nl);
    out[k++] = f2(t++, b0w, b0nl);
    out[k++] = f2(t++, s1w, s1nr);
    out[k++] = f2(t++, s1wt, s0t);
    out[k++] = f2(t++, s1t, s0wt);
    out[k++] = f3(t++, s1t, s0t, d2);
    out[k++] = f1(t++, W(s0r1));
    out[k++] = f3(t++, s1t, s0t, L(s1r1));
    out[k++] = f4(t++, s1t, s0t, b0t, d);
    return k;
}

size_t kg_tg_par_features(const kg_pstate *s, const kg_tok *tok, const uint8_t *cls, uint64_t *out)
{
    size_t k = kg_tg_par_features_b(s, tok, cls, out);
    return k + kg_tg_par_features_s(s, tok, cls, out + k);
}

size_t kg_tg_lab_features(const kg_pstate *s, const kg_tok *tok, const uint8_t *cls, uint32_t h,
                          uint32_t d, uint64_t *out)
{
    const uint32_t n = s->n;
    uint64_t hw = W(h), dw = W(d);
    unsigned ht = T(h), dt = T(d);
    uint64_t hwt = hc(hw, ht), dwt = hc(dw, dt);
    uint32_t dl1 = s->lc1[d], dr1 = s->rc1[d];
    uint32_t dd = h > d ? h - d : d - h;
    unsigned dist = dist_bucket(dd);
    unsigned dprev = T(d > 0 ? d - 1 : NO), dnext = T(d + 1 <= n ? d + 1 : NO);
    unsigned hnext = T(h + 1 <= n ? h + 1 : NO), b0t = T(s->b);
    size_t k = 0;
    unsigned t = 300;
    out[k++] = f1(t++, hw);
    out[k++] = f1(t++, ht);
    out[k++] = f1(t++, hwt);
    out[k++] = f1(t++, dw);
    out[k++] = f1(t++, dt);
    out[k++] = f1(t++, dwt);
    out[k++] = f2(t++, hwt, dwt);
    out[k++] = f2(t++, hw, dt);
    out[k++] = f2(t++, ht, dw);
    out[k++] = f2(t++, ht, dt);
    out[k++] = f3(t++, ht, dt, dist);
    out[k++] = f3(t++, ht, dt, L(dl1));
    out[k++] = f2(t++, dt, s->lset[d]);
    out[k++] = f2(t++, dt, s->rset[d]);
    out[k++] = f3(t++, ht, dt, s->lset[h]);
    out[k++] = f3(t++, ht, dt, s->rset[h]);
    out[k++] = f3(t++, ht, dt, dprev);
    out[k++] = f3(t++, ht, dt, dnext);
    out[k++] = f3(t++, ht, dt, hnext);
    out[k++] = f3(t++, ht, dt, b0t);
    out[k++] = f2(t++, ht, W(dl1));
    out[k++] = f2(t++, hw, W(dl1));
    out[k++] = f3(t++, dt, W(dl1), T(dl1));
    out[k++] = f3(t++, dw, ht, dist);
    // the nearest sibling on the same side: d becomes h's outermost child
    out[k++] = f3(t++, ht, dt, L(h > d ? s->lc1[h] : s->rc1[h]));
    out[k++] = f2(t++, dw, dnext);
    out[k++] = f2(t++, dw, dprev);
    out[k++] = f3(t++, hw, dt, dist);
    out[k++] = f3(t++, dt, L(dl1), L(dr1));
    out[k++] = f3(t++, ht, dt, tok[d].suf[2]);
    out[k++] = f4(t++, ht, dt, tok[d].flags, h < n ? tok[h].flags : 0u);
    out[k++] = f2(t++, dw, s->lset[d]);
    out[k++] = f3(t++, hw, dt, L(h > d ? s->lc1[h] : s->rc1[h]));
    out[k++] = f3(t++, dwt, ht, dist);
    return k;
}

#undef W
#undef T
#undef L

/* ------------------------------------------------------------------ */
/* Model loading                                                      */
/* ------------------------------------------------------------------ */

extern const uint8_t kg_tagger_model_start[];
extern const uint8_t kg_tagger_model_end[];

static int is_pow2_mask(uint32_t m)
{
    return ((uint64_t)m + 1) != 0 && (((uint64_t)m + 1) & (uint64_t)m) == 0;
}

kg_status kg_tg_open(const uint8_t *data, size_t size, kg_tagger *tg)
{
    memset(tg, 0, sizeof *tg);
    size_t hdr = 16 + 8 * (size_t)KG_SEC_COUNT;
    if (size < hdr || memcmp(data, KG_MODEL_MAGIC, 8) != 0) return KG_ERR_MODEL;
    uint32_t ver, nsec;
    memcpy(&ver, data + 8, 4);
    memcpy(&nsec, data + 12, 4);
    if (ver != KG_MODEL_VERSION || nsec != KG_SEC_COUNT || ((uintptr_t)data & 7u) != 0)
        return KG_ERR_MODEL;
    const uint8_t *sec[KG_SEC_COUNT];
    uint32_t len[KG_SEC_COUNT];
    for (unsigned i = 0; i < KG_SEC_COUNT; i++) {
        uint32_t off;
        memcpy(&off, data + 16 + 8 * i, 4);
        memcpy(&len[i], data + 20 + 8 * i, 4);
        if (off % 8 != 0 || off > size || len[i] > size - off) return KG_ERR_MODEL;
        sec[i] = data + off;
    }
    if (len[KG_SEC_INFO] < 13 * 4) return KG_ERR_MODEL;
    const uint32_t *info = (const uint32_t *)(const void *)sec[KG_SEC_INFO];
    tg->n_cls = info[0];
    tg->n_xpos = info[1];
    tg->tag.mask = info[2];
    tg->par.mask = info[3];
    tg->dict_mask = info[4];
    tg->lem_mask = info[5];
    tg->rule_mask = info[6];
    tg->amb.mask = info[7];
    tg->tag2.mask = info[8];
    tg->lab.mask = info[9];
    // info[10]: the weight of the first tagging pass's scores in the
    // second's; info[11], info[12]: the parser's beam width (0: greedy) and
    // feature flags (KG_PAR_EXTRA)
    tg->tag1_w = info[10];
    tg->beam = info[11] > KG_BEAM_MAX ? KG_BEAM_MAX : info[11];
    tg->par_feat = info[12];
    if (tg->tag1_w > 1u << 20 || (tg->par_feat & ~KG_PAR_EXTRA) != 0) return KG_ERR_MODEL;
    if (tg->n_cls == 0 || tg->n_cls > KG_STRIDE || tg->n_xpos > 65535 ||
        tg->tag.mask == UINT32_MAX || tg->par.mask == UINT32_MAX || !is_pow2_mask(tg->dict_mask) ||
        !is_pow2_mask(tg->lem_mask) || !is_pow2_mask(tg->rule_mask) ||
        !is_pow2_mask(tg->amb.mask) || tg->tag2.mask == UINT32_MAX || tg->lab.mask == UINT32_MAX)
        return KG_ERR_MODEL;
    if (len[KG_SEC_CLS_UPOS] != tg->n_cls || len[KG_SEC_CLS_XPOS] != 2 * tg->n_cls ||
        len[KG_SEC_XPOS_NAMES] != 4 * tg->n_xpos || len[KG_SEC_STRINGS] == 0 ||
        sec[KG_SEC_STRINGS][len[KG_SEC_STRINGS] - 1] != '\0')
        return KG_ERR_MODEL;
    tg->cls_upos = sec[KG_SEC_CLS_UPOS];
    tg->cls_xpos = (const uint16_t *)(const void *)sec[KG_SEC_CLS_XPOS];
    tg->xpos_names = (const uint32_t *)(const void *)sec[KG_SEC_XPOS_NAMES];
    tg->strings = (const char *)sec[KG_SEC_STRINGS];
    tg->strings_len = len[KG_SEC_STRINGS];
    for (uint32_t i = 0; i < tg->n_cls; i++)
        if (tg->cls_upos[i] >= KG_UPOS_COUNT || tg->cls_xpos[i] >= tg->n_xpos) return KG_ERR_MODEL;
    for (uint32_t i = 0; i < tg->n_xpos; i++)
        if (tg->xpos_names[i] >= tg->strings_len) return KG_ERR_MODEL;
    struct {
        kg_wtable *t;
        int slots, dense, entries;
        uint32_t ncls;
    } tabs[3] = {{&tg->tag, KG_SEC_TAG_SLOTS, KG_SEC_TAG_DENSE, KG_SEC_TAG_ENTRIES, tg->n_cls},
                 {&tg->tag2, KG_SEC_TAG2_SLOTS, KG_SEC_TAG2_DENSE, KG_SEC_TAG2_ENTRIES, tg->n_cls},
                 {&tg->lab, KG_SEC_LAB_SLOTS, KG_SEC_LAB_DENSE, KG_SEC_LAB_ENTRIES, KG_NTRANS}};
    // Entries and refs are range-checked when used (see score_table), so
    // opening costs no scan of the weights.
    for (int i = 0; i < 3; i++) {
        size_t cap = (size_t)tabs[i].t->mask + 1;
        uint32_t stride = kg_tg_stride(tabs[i].ncls);
        if (len[tabs[i].slots] != sizeof(kg_wbucket) * cap ||
            len[tabs[i].entries] % sizeof(kg_wentry) != 0 || len[tabs[i].dense] % (2 * stride) != 0)
            return KG_ERR_MODEL;
        tabs[i].t->stride = stride;
        tabs[i].t->buckets = (const kg_wbucket *)(const void *)sec[tabs[i].slots];
        tabs[i].t->entries = (const kg_wentry *)(const void *)sec[tabs[i].entries];
        tabs[i].t->n_entries = len[tabs[i].entries] / sizeof(kg_wentry);
        tabs[i].t->dense = (const int16_t *)(const void *)sec[tabs[i].dense];
        tabs[i].t->n_dense = len[tabs[i].dense] / (2 * stride);
    }
    if (len[KG_SEC_PAR_SLOTS] != sizeof(kg_ubucket) * ((size_t)tg->par.mask + 1))
        return KG_ERR_MODEL;
    tg->par.buckets = (const kg_ubucket *)(const void *)sec[KG_SEC_PAR_SLOTS];
    size_t dcap = (size_t)tg->dict_mask + 1, lcap = (size_t)tg->lem_mask + 1,
           rcap = (size_t)tg->rule_mask + 1;
    if (len[KG_SEC_DICT_KEYS] != 4 * dcap || len[KG_SEC_DICT_VALS] != dcap ||
        len[KG_SEC_LEM_KEYS] != 8 * lcap || len[KG_SEC_LEM_VALS] != 4 * lcap ||
        len[KG_SEC_RULE_KEYS] != 8 * rcap || len[KG_SEC_RULE_VALS] != 4 * rcap ||
        len[KG_SEC_AMB_KEYS] != 4 * ((size_t)tg->amb.mask + 1) ||
        len[KG_SEC_AMB_VALS] != 4 * ((size_t)tg->amb.mask + 1))
        return KG_ERR_MODEL;
    tg->amb.keys = (const uint32_t *)(const void *)sec[KG_SEC_AMB_KEYS];
    tg->amb.vals = (const uint32_t *)(const void *)sec[KG_SEC_AMB_VALS];
    tg->dict_keys = (const uint32_t *)(const void *)sec[KG_SEC_DICT_KEYS];
    tg->dict_vals = sec[KG_SEC_DICT_VALS];
    tg->lem_keys = (const uint64_t *)(const void *)sec[KG_SEC_LEM_KEYS];
    tg->lem_vals = (const uint32_t *)(const void *)sec[KG_SEC_LEM_VALS];
    tg->rule_keys = (const uint64_t *)(const void *)sec[KG_SEC_RULE_KEYS];
    tg->rule_vals = (const uint32_t *)(const void *)sec[KG_SEC_RULE_VALS];
    for (size_t i = 0; i < dcap; i++)
        if (tg->dict_keys[i] && tg->dict_vals[i] >= tg->n_cls) return KG_ERR_MODEL;
    size_t ldlen = len[KG_SEC_LAB_DICT];
    if (ldlen != 0 && ldlen != kg_tg_lab_dict_at(tg->n_cls, tg->n_cls, 0, 0)) return KG_ERR_MODEL;
    for (size_t i = 0; i < ldlen; i++) {
        unsigned l = sec[KG_SEC_LAB_DICT][i];
        if (l != KG_LAB_DICT_NONE && (l >= KG_NLAB || l == KG_DEP_ROOT)) return KG_ERR_MODEL;
    }
    tg->lab_dict = ldlen ? sec[KG_SEC_LAB_DICT] : NULL;
    for (size_t i = 0; i < lcap; i++)
        if (tg->lem_keys[i] && tg->lem_vals[i] >= tg->strings_len) return KG_ERR_MODEL;
    for (size_t i = 0; i < rcap; i++)
        if (tg->rule_keys[i] && (tg->rule_vals[i] >> 8) >= tg->strings_len) return KG_ERR_MODEL;
    tg->data = data;
    tg->size = size;
    return KG_SUCCESS;
}

kg_status kg_tagger_default(kg_tagger **out)
{
    kg_tagger *tg = kg_xcalloc(1, sizeof *tg);
    size_t size = (size_t)(kg_tagger_model_end - kg_tagger_model_start);
    kg_status st = kg_tg_open(kg_tagger_model_start, size, tg);
    if (st != KG_SUCCESS) {
        free(tg);
        return st;
    }
    *out = tg;
    return KG_SUCCESS;
}

/* The file is mapped, not read: opening costs no copy, and pages come in
 * as the tables are used (a short article touches few of them). */
kg_status kg_tagger_load(const char *path, kg_tagger **out)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) return KG_ERR_IO;
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        close(fd);
        return KG_ERR_IO;
    }
    if (sb.st_size <= 0) {
        close(fd);
        return KG_ERR_MODEL;
    }
    size_t len = (size_t)sb.st_size;
    void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) return KG_ERR_IO;
    kg_tagger *tg = kg_xcalloc(1, sizeof *tg);
    kg_status st = kg_tg_open(map, len, tg); // page-aligned
    if (st != KG_SUCCESS) {
        munmap(map, len);
        free(tg);
        return st;
    }
    tg->owned = map;
    tg->owned_len = len;
    *out = tg;
    return KG_SUCCESS;
}

unsigned kg_tagger_format(void)
{
    return KG_MODEL_VERSION;
}

unsigned kg_tagger_file_format(const char *path)
{
    FILE *f = path ? fopen(path, "rb") : NULL;
    if (!f) return 0;
    unsigned char h[12];
    size_t n = fread(h, 1, sizeof h, f);
    fclose(f);
    if (n != sizeof h || memcmp(h, KG_MODEL_MAGIC, 8) != 0) return 0;
    uint32_t v;
    memcpy(&v, h + 8, 4);
    return v;
}

void kg_tagger_free(kg_tagger *tg)
{
    if (!tg) return;
    if (tg->owned) munmap(tg->owned, tg->owned_len);
    free(tg);
}

/* ------------------------------------------------------------------ */
/* Scratch                                                            */
/* ------------------------------------------------------------------ */

/* Beam-search scratch: two generations of K configurations each, their
 * prefix scores, the coarse scores of each item's step (for the labeller),
 * the candidates, and the scores of the buffer-front features of each word
 * (they depend on b0 alone, so every item shares them). */
struct kg_beam {
    unsigned k;    // items per generation
    size_t cap;    // words + 1 each configuration holds
    kg_pstate *ps; // 2k: the current generation, then the next
    double *score; // 2k
    int32_t *isc;  // k * KG_NU: coarse scores of the current items' steps
    uint8_t *scored;
    kg_beam_cand *cand; // k * (KG_NU)
    int32_t *bsc;       // cap * KG_NU
    uint8_t *bdone;     // cap
};

static void beam_free(struct kg_beam *bm)
{
    if (!bm) return;
    for (unsigned i = 0; i < 2 * bm->k; i++)
        kg_tg_pstate_free(&bm->ps[i]);
    free(bm->ps);
    free(bm->score);
    free(bm->isc);
    free(bm->scored);
    free(bm->cand);
    free(bm->bsc);
    free(bm->bdone);
    free(bm);
}

/* Beam scratch for width k and n words. */
static struct kg_beam *beam_grow(kg_parse *p, unsigned k, size_t n)
{
    struct kg_beam *bm = p->beam;
    if (bm && bm->k >= k && bm->cap >= n + 1) return bm;
    size_t cap = bm && bm->cap > n + 1 ? bm->cap : n + 1;
    if (bm && bm->k > k) k = bm->k;
    if (cap < 64) cap = 64;
    beam_free(bm);
    bm = kg_xcalloc(1, sizeof *bm);
    bm->k = k;
    bm->cap = cap;
    bm->ps = kg_xmalloc(2 * k * sizeof *bm->ps);
    for (unsigned i = 0; i < 2 * k; i++)
        kg_tg_pstate_alloc(&bm->ps[i], cap);
    bm->score = kg_xmalloc(2 * k * sizeof *bm->score);
    bm->isc = kg_xmalloc(k * KG_NU * sizeof *bm->isc);
    bm->scored = kg_xmalloc(k);
    bm->cand = kg_xmalloc(k * KG_NU * sizeof *bm->cand);
    bm->bsc = kg_xmalloc(cap * KG_NU * sizeof *bm->bsc);
    bm->bdone = kg_xmalloc(cap);
    p->beam = bm;
    return bm;
}

kg_parse *kg_parse_new(void)
{
    return kg_xcalloc(1, sizeof(kg_parse));
}

void kg_parse_free(kg_parse *p)
{
    if (!p) return;
    free(p->out);
    free(p->tok);
    free(p->cls);
    free(p->cls1);
    free(p->margin);
    free(p->sc1);
    free(p->lemmas);
    free(p->lemma_off);
    kg_tg_pstate_free(&p->ps);
    beam_free(p->beam);
    free(p->pscore);
    free(p->pkey);
    free(p);
}

size_t kg_parse_size(const kg_parse *p)
{
    return p ? p->n : 0;
}

const kg_word_analysis *kg_parse_word(const kg_parse *p, size_t i)
{
    return i < p->n ? &p->out[i] : NULL;
}

/* ------------------------------------------------------------------ */
/* Inference                                                          */
/* ------------------------------------------------------------------ */

/* Dense rows are summed class by class: int16 weights widened to int32.
 * With AVX2 (x86-64, picked at run time, the build stays generic) the 13
 * eight-lane accumulators stay in registers over all the rows; otherwise
 * the compiler vectorises the plain loop with SSE2. */
static void add_rows_plain(const int16_t *const *rows, size_t n, int32_t *scores)
{
    for (size_t i = 0; i < n; i++) {
        const int16_t *row = rows[i];
        for (uint32_t c = 0; c < KG_STRIDE; c++)
            scores[c] += row[c];
    }
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define KG_HAVE_AVX2_ROWS 1
typedef int32_t kg_v8si __attribute__((vector_size(32)));
typedef uint32_t kg_v8su __attribute__((vector_size(32)));
typedef int32_t kg_v4si __attribute__((vector_size(16)));
typedef uint32_t kg_v4su __attribute__((vector_size(16)));

/* A row is read as int32 lanes, each holding two int16 weights: the even
 * class is (x << 16) >> 16 and the odd class x >> 16 (arithmetic), so no
 * widening shuffles are needed.  Even and odd sums are kept apart in
 * registers (6 x 16 classes in 256-bit lanes, the last 8 in 128-bit ones)
 * and interleaved at the end. */
#define KG_ROW_ACC(X) X(0) X(1) X(2) X(3) X(4) X(5)

__attribute__((target("avx2"))) static void add_rows_avx2(const int16_t *const *rows, size_t n,
                                                          int32_t *scores)
{
#define KG_ACC_ZERO(j) kg_v8si e##j = {0}, o##j = {0};
#define KG_ACC_ADD(j)                                                                              \
    {                                                                                              \
        kg_v8si x;                                                                                 \
        memcpy(&x, row + 16 * (j), sizeof x);                                                      \
        e##j += (kg_v8si)((kg_v8su)x << 16) >> 16;                                                 \
        o##j += x >> 16;                                                                           \
    }
#define KG_ACC_STORE(j)                                                                            \
    memcpy(ev + 8 * (j), &e##j, sizeof e##j);                                                      \
    memcpy(od + 8 * (j), &o##j, sizeof o##j);
    KG_ROW_ACC(KG_ACC_ZERO)
    kg_v4si e6 = {0}, o6 = {0};
    for (size_t i = 0; i < n; i++) {
        const int16_t *row = rows[i];
        KG_ROW_ACC(KG_ACC_ADD)
        kg_v4si x;
        memcpy(&x, row + 96, sizeof x);
        e6 += (kg_v4si)((kg_v4su)x << 16) >> 16;
        o6 += x >> 16;
    }
    int32_t ev[KG_STRIDE / 2], od[KG_STRIDE / 2];
    KG_ROW_ACC(KG_ACC_STORE)
    memcpy(ev + 48, &e6, sizeof e6);
    memcpy(od + 48, &o6, sizeof o6);
    for (unsigned c = 0; c < KG_STRIDE / 2; c++) {
        scores[2 * c] += ev[c];
        scores[2 * c + 1] += od[c];
    }
#undef KG_ACC_ZERO
#undef KG_ACC_ADD
#undef KG_ACC_STORE
}

static void add_rows(const int16_t *const *rows, size_t n, int32_t *scores)
{
    static int have = -1; // racy but idempotent: every thread computes the same
    if (have < 0) have = __builtin_cpu_supports("avx2") ? 1 : 0;
    if (have)
        add_rows_avx2(rows, n, scores);
    else
        add_rows_plain(rows, n, scores);
}
#else
#define add_rows add_rows_plain
#endif

/* The slot of key @p key in bucket @p b: a bit mask of the matching
 * keys (bit 2j for key j, as SSE2's byte mask gives). */
static inline unsigned bucket_match(const uint16_t *keys, uint16_t key)
{
#if defined(__SSE2__)
    __m128i k = _mm_loadu_si128((const __m128i *)(const void *)keys);
    return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi16(k, _mm_set1_epi16((short)key))) & 0x5555u;
#else
    unsigned m = 0;
    for (unsigned j = 0; j < KG_BUCKET_SLOTS; j++)
        m |= (unsigned)(keys[j] == key) << (2 * j);
    return m;
#endif
}

/* The weights of feature @p h, or NULL. */
static inline const kg_wslot *table_find(const kg_wtable *t, uint32_t b, uint64_t h)
{
    uint16_t key = kg_tg_key16(h);
    for (uint32_t n = 0; n <= t->mask; n++) { // bounded: a damaged file may be full
        const kg_wbucket *bk = &t->buckets[b];
        unsigned m = bucket_match(bk->key, key);
        if (m) return &bk->w[__builtin_ctz(m) / 2];
        if (bk->key[KG_BUCKET_SLOTS - 1] == 0) return NULL; // filled in order
        b = b == t->mask ? 0 : b + 1;
    }
    return NULL;
}

/* Add the weights of @p nf features to @p scores.  The buckets are
 * prefetched a bounded distance ahead (the tables are bigger than the
 * caches and the lookups are independent; issuing all the prefetches at
 * once overflows the miss buffers and they are lost).  Weights held in
 * the bucket are added at once; sparse runs and dense rows are prefetched
 * and added in a second loop. */
static void score_table(const kg_wtable *t, const uint64_t *f, size_t nf, int32_t *scores)
{
    enum { AHEAD = 12, MAXF = KG_MAX_PAR_FEATS + 32 };
    uint32_t home[MAXF];
    const int16_t *rows[MAXF];
    uint32_t sparse[MAXF], nsp[MAXF];
    size_t nrows = 0, nsparse = 0;
    const uint32_t cap = t->mask + 1;
    if (nf > MAXF) nf = MAXF;
    for (size_t i = 0; i < nf; i++)
        home[i] = kg_tg_home(f[i], cap);
    for (size_t i = 0; i < nf && i < AHEAD; i++)
        __builtin_prefetch(&t->buckets[home[i]]);
    for (size_t i = 0; i < nf; i++) {
        if (i + AHEAD < nf) __builtin_prefetch(&t->buckets[home[i + AHEAD]]);
        const kg_wslot *e = table_find(t, home[i], f[i]);
        if (!e) continue;
        if (e->c0 < KG_SLOT_SPARSE) {
            scores[e->c0] += e->w0;
            if (e->c1 != KG_SLOT_NONE) scores[e->c1] += e->w1;
        } else if (e->c0 == KG_SLOT_DENSE) {
            uint32_t r = kg_slot_ref(e);
            if (r < t->n_dense) {
                const int16_t *row = t->dense + (size_t)r * KG_STRIDE;
                __builtin_prefetch(row);
                __builtin_prefetch(row + 32);
                __builtin_prefetch(row + 64);
                __builtin_prefetch(row + 96);
                rows[nrows++] = row;
            }
        } else {
            uint32_t r = kg_slot_ref(e);
            if ((size_t)r + e->c1 <= t->n_entries) {
                __builtin_prefetch(t->entries + r);
                sparse[nsparse] = r;
                nsp[nsparse++] = e->c1;
            }
        }
    }
    for (size_t i = 0; i < nsparse; i++) {
        const kg_wentry *w = t->entries + sparse[i];
        for (uint32_t j = 0; j < nsp[i]; j++)
            scores[w[j].cls & 0xff] += w[j].w;
    }
    add_rows(rows, nrows, scores);
}

#if defined(__SSE2__)
/* The KG_NU int8 weights of a slot as int32 lanes (lane KG_NU and up
 * zero), added to @p acc: one 8-byte load that ends at the slot's end (it
 * starts inside the bucket, in the keys or the slot before, whose bytes
 * are shifted out), widened by unpacking and arithmetic shifts. */
_Static_assert(KG_NU <= 8 && 2 * KG_USLOTS >= 8 - KG_NU, "a slot's weights load as one vector");
static inline void add_uslot(const int8_t *w, __m128i acc[2])
{
    __m128i x = _mm_loadl_epi64((const __m128i *)(const void *)(w + KG_NU - 8));
    x = _mm_srli_epi64(x, 8 * (8 - KG_NU));
    x = _mm_srai_epi16(_mm_unpacklo_epi8(x, x), 8);
    acc[0] = _mm_add_epi32(acc[0], _mm_srai_epi32(_mm_unpacklo_epi16(x, x), 16));
    acc[1] = _mm_add_epi32(acc[1], _mm_srai_epi32(_mm_unpackhi_epi16(x, x), 16));
}
#endif

/* Add the coarse transition weights of @p nf features to sc[dst[i]][0..KG_NU)
 * (all to sc[0] when @p dst is NULL; dst[i] < 4): one cache line per
 * feature, prefetched ahead as in score_table(). */
static void score_utable_to(const kg_utable *t, const uint64_t *f, size_t nf, const uint8_t *dst,
                            int32_t (*sc)[KG_NU])
{
    enum { AHEAD = 12, MAXF = KG_MAX_PAR_FEATS + 32 };
    uint32_t home[MAXF];
    const uint32_t cap = t->mask + 1;
    const unsigned valid = 0x5555u & ((1u << (2 * KG_USLOTS)) - 1u);
    const unsigned nd = dst ? 4 : 1; // accumulators in use
#if defined(__SSE2__)
    __m128i acc[4][2];
    memset(acc, 0, sizeof acc);
#endif
    if (nf > MAXF) nf = MAXF;
    for (size_t i = 0; i < nf; i++)
        home[i] = kg_tg_home(f[i], cap);
    for (size_t i = 0; i < nf && i < AHEAD; i++)
        __builtin_prefetch(&t->buckets[home[i]]);
    for (size_t i = 0; i < nf; i++) {
        if (i + AHEAD < nf) __builtin_prefetch(&t->buckets[home[i + AHEAD]]);
        uint16_t key = kg_tg_key16(f[i]);
        uint32_t bi = home[i];
        unsigned d = dst ? dst[i] & 3u : 0;
        for (uint32_t n = 0; n <= t->mask; n++) { // bounded: a damaged file may be full
            const kg_ubucket *bk = &t->buckets[bi];
            unsigned m = bucket_match(bk->key, key) & valid;
            if (m) {
                const int8_t *w = bk->w[__builtin_ctz(m) / 2];
#if defined(__SSE2__)
                add_uslot(w, acc[d]);
#else
                for (unsigned c = 0; c < KG_NU; c++)
                    sc[d][c] += w[c];
#endif
                break;
            }
            if (bk->key[KG_USLOTS - 1] == 0) break; // filled in order
            bi = bi == t->mask ? 0 : bi + 1;
        }
    }
#if defined(__SSE2__)
    for (unsigned d = 0; d < nd; d++) {
        int32_t v[8];
        memcpy(v, &acc[d][0], 16);
        memcpy(v + 4, &acc[d][1], 16);
        for (unsigned c = 0; c < KG_NU; c++)
            sc[d][c] += v[c];
    }
#else
    (void)nd;
#endif
}

/* Add the coarse transition weights of @p nf features to sc[0..KG_NU). */
void kg_tg_score_utable(const kg_utable *t, const uint64_t *f, size_t nf, int32_t *sc)
{
    int32_t acc[1][KG_NU];
    memcpy(acc[0], sc, sizeof acc[0]);
    score_utable_to(t, f, nf, NULL, acc);
    memcpy(sc, acc[0], sizeof acc[0]);
}

static int dict_lookup(const kg_tagger *tg, uint64_t word)
{
    uint32_t key = kg_tg_key32(word);
    uint32_t s = (uint32_t)word & tg->dict_mask;
    for (uint32_t probe = 0; probe <= tg->dict_mask; probe++) { // a damaged file may be full
        uint32_t k = tg->dict_keys[s];
        if (k == key) return tg->dict_vals[s];
        if (k == 0) return -1;
        s = (s + 1) & tg->dict_mask;
    }
    return -1;
}

unsigned kg_tg_top2_plain(const int32_t *sc, unsigned n, int32_t *second)
{
    unsigned c = 0;
    int32_t s2 = INT32_MIN;
    for (unsigned k = 1; k < n; k++) {
        if (sc[k] > sc[c]) {
            s2 = sc[c];
            c = k;
        } else if (sc[k] > s2)
            s2 = sc[k];
    }
    *second = s2;
    return c;
}

#ifdef KG_HAVE_AVX2_ROWS
/* kg_tg_top2_plain() eight lanes at a time: each lane keeps its best, the index
 * of its best and its runner-up, then the lanes are merged.  Reads @p sc
 * up to n rounded up to 8 (the lanes past n are ignored). */
__attribute__((target("avx2"))) static unsigned top2_avx2(const int32_t *sc, unsigned n,
                                                          int32_t *second)
{
    const kg_v8si lane = {0, 1, 2, 3, 4, 5, 6, 7}, lowest = lane * 0 + INT32_MIN;
    kg_v8si best = lowest, run = lowest, bi = lane * 0;
    for (unsigned i = 0; i < n; i += 8) {
        kg_v8si v, id = lane + (int32_t)i;
        memcpy(&v, sc + i, sizeof v);
        kg_v8si ok = id < (int32_t)n;
        v = (v & ok) | (lowest & ~ok);
        kg_v8si gt = v > best, gr = v > run;
        kg_v8si r = (v & gr) | (run & ~gr);
        run = (best & gt) | (r & ~gt);
        best = (v & gt) | (best & ~gt);
        bi = (id & gt) | (bi & ~gt);
    }
    int32_t b[8], x[8], rr[8];
    memcpy(b, &best, sizeof b);
    memcpy(x, &bi, sizeof x);
    memcpy(rr, &run, sizeof rr);
    unsigned l = 0;
    for (unsigned k = 1; k < 8; k++)
        if (b[k] > b[l] || (b[k] == b[l] && x[k] < x[l])) l = k;
    int32_t s2 = rr[l];
    for (unsigned k = 0; k < 8; k++)
        if (k != l && b[k] > s2) s2 = b[k];
    *second = s2;
    return (unsigned)x[l];
}

unsigned kg_tg_top2(const int32_t *sc, unsigned n, int32_t *second)
{
    static int have = -1; // racy but idempotent, as in add_rows()
    if (have < 0) have = __builtin_cpu_supports("avx2") ? 1 : 0;
    return have && n <= KG_STRIDE ? top2_avx2(sc, n, second) : kg_tg_top2_plain(sc, n, second);
}
#else
unsigned kg_tg_top2(const int32_t *sc, unsigned n, int32_t *second)
{
    return kg_tg_top2_plain(sc, n, second);
}
#endif

/* The second pass keeps the first pass's tag when the first pass was
 * this sure of it (best score minus the runner-up, in the units of the
 * quantised weights, whose largest is 32000): it changes almost none of
 * those, and skipping them halves the second pass.  Chosen on EWT dev
 * (UPOS, UAS and LAS unchanged or slightly better at 20000; 2000 costs
 * 0.1 UPOS). */
#define KG_TAG2_SURE 20000

/* One greedy tagging pass.  The first (@p right NULL) writes in @p margin
 * how sure it was of each word and, for the words it was unsure of, its
 * scores in p->sc1; the second reads them, with the first pass's classes
 * in @p right, and adds the first pass's scores times tg->tag1_w / 1024
 * to its own (the two passes vote). */
static void tag_pass(const kg_tagger *tg, kg_parse *p, const kg_wtable *tab, uint8_t *out,
                     const uint8_t *right, int32_t *margin)
{
    uint64_t f[KG_MAX_TAG_FEATS];
    int32_t scores[KG_MAX_CLS];
    unsigned prev1 = KG_MAX_CLS, prev2 = KG_MAX_CLS + 1;
    for (size_t i = 0; i < p->n; i++) {
        int c = dict_lookup(tg, p->tok[i].word);
        if (c < 0 && right && margin[i] >= KG_TAG2_SURE) c = right[i];
        if (c < 0) {
            size_t nf = kg_tg_tag_features(p->tok, p->n, i, prev1, prev2, f);
            if (right) nf += kg_tg_tag_features2(p->tok, p->n, i, prev1, right, f + nf);
            memset(scores, 0, tab->stride * sizeof *scores);
            score_table(tab, f, nf, scores);
            int32_t *s1 = p->sc1 + i * KG_STRIDE;
            if (right && tg->tag1_w)
                for (unsigned k = 0; k < tg->n_cls; k++)
                    scores[k] += (int32_t)((int64_t)s1[k] * tg->tag1_w / 1024);
            int32_t second;
            c = (int)kg_tg_top2(scores, tg->n_cls, &second);
            if (!right) {
                margin[i] = second == INT32_MIN ? INT32_MAX : scores[c] - second;
                if (margin[i] < KG_TAG2_SURE) memcpy(s1, scores, tg->n_cls * sizeof *scores);
            }
        } else if (!right)
            margin[i] = 0;
        out[i] = (uint8_t)c;
        prev2 = prev1;
        prev1 = (unsigned)c;
    }
}

/* Two passes: the second sees the first pass's guesses for the words to
 * the right. */
static void tag_words(const kg_tagger *tg, kg_parse *p)
{
    tag_pass(tg, p, &tg->tag, p->cls1, NULL, p->margin);
    tag_pass(tg, p, &tg->tag2, p->cls, p->cls1, p->margin);
}

static const char *lemma_lookup(const kg_tagger *tg, uint64_t key)
{
    uint32_t s = (uint32_t)key & tg->lem_mask;
    for (uint32_t probe = 0; probe <= tg->lem_mask; probe++) {
        uint64_t k = tg->lem_keys[s];
        if (k == key) return tg->strings + tg->lem_vals[s];
        if (k == 0) return NULL;
        s = (s + 1) & tg->lem_mask;
    }
    return NULL;
}

static int rule_lookup(const kg_tagger *tg, uint64_t key, uint32_t *rule)
{
    uint32_t s = (uint32_t)key & tg->rule_mask;
    for (uint32_t probe = 0; probe <= tg->rule_mask; probe++) {
        uint64_t k = tg->rule_keys[s];
        if (k == key) {
            *rule = tg->rule_vals[s];
            return 1;
        }
        if (k == 0) return 0;
        s = (s + 1) & tg->rule_mask;
    }
    return 0;
}

static void lemma_append(kg_parse *p, size_t i, const char *s, size_t len, int lower)
{
    kg_grow((void **)&p->lemmas, &p->lemmas_cap, p->lemmas_len + len + 1, 1);
    char *d = p->lemmas + p->lemmas_len;
    for (size_t j = 0; j < len; j++)
        d[j] = lower ? lower_ascii(s[j]) : s[j];
    p->lemmas_len += len;
    if (p->lemma_off[i] == SIZE_MAX) p->lemma_off[i] = p->lemmas_len - len;
}

/* The lemma of a common noun or a verb is lowercase in EWT ("Applause",
 * "RFP" -> "applause", "rfp"), but the suffix rules learnt from word types
 * rarely say so, most forms being lowercase already: so a word the lemma
 * table does not know is lowercased when tagged NN, NNS or VB*, unless it
 * has a digit (model names such as "SX40").  On EWT dev: 57 lemmas right
 * that were wrong, 21 wrong that were right. */
static int common_lower(const char *xpos, const char *w, size_t len)
{
    if (strcmp(xpos, "NN") != 0 && strcmp(xpos, "NNS") != 0 && !(xpos[0] == 'V' && xpos[1] == 'B'))
        return 0;
    for (size_t i = 0; i < len; i++)
        if (w[i] >= '0' && w[i] <= '9') return 0;
    return 1;
}

static void lemmatise(const kg_tagger *tg, const kg_word *words, kg_parse *p)
{
    p->lemmas_len = 0;
    for (size_t i = 0; i < p->n; i++) {
        const char *w = words[i].ptr;
        size_t len = words[i].len;
        unsigned xpos = tg->cls_xpos[p->cls[i]];
        p->lemma_off[i] = SIZE_MAX;
        p->out[i].lemma = lemma_lookup(tg, kg_tg_lemma_key(w, len, xpos));
        char low[64];
        size_t ll = len < sizeof low ? len : sizeof low;
        for (size_t j = 0; j < ll; j++)
            low[j] = lower_ascii(w[j]);
        if (!p->out[i].lemma && len <= sizeof low)
            p->out[i].lemma = lemma_lookup(tg, kg_tg_lemma_key(low, len, xpos));
        if (p->out[i].lemma) continue;
        uint32_t rule = 0;
        int found = 0;
        // Longest known suffix of the lowercased word decides.
        for (size_t k = len < 7 ? len : 7; !found; k--) {
            char suf[7];
            for (size_t j = 0; j < k; j++)
                suf[j] = lower_ascii(w[len - k + j]);
            found = rule_lookup(tg, kg_tg_rule_key(xpos, suf, k), &rule);
            if (k == 0) break;
        }
        unsigned strip = found ? (rule & 0x7f) : 0;
        int lower = found ? (int)((rule >> 7) & 1) : 0;
        if (!lower && common_lower(tg->strings + tg->xpos_names[xpos], w, len)) lower = 1;
        const char *app = found ? tg->strings + (rule >> 8) : "";
        // Never cut a UTF-8 sequence: keep the word whole instead.
        if (strip > len ||
            (strip > 0 && strip < len && ((unsigned char)w[len - strip] & 0xc0) == 0x80) ||
            ((unsigned char)app[0] & 0xc0) == 0x80)
            strip = 0, app = "";
        lemma_append(p, i, w, len - strip, lower);
        if (p->lemma_off[i] == SIZE_MAX) p->lemma_off[i] = p->lemmas_len;
        lemma_append(p, i, app, strlen(app), 0);
        kg_grow((void **)&p->lemmas, &p->lemmas_cap, p->lemmas_len + 1, 1);
        p->lemmas[p->lemmas_len++] = '\0';
    }
    for (size_t i = 0; i < p->n; i++)
        if (p->lemma_off[i] != SIZE_MAX) p->out[i].lemma = p->lemmas + p->lemma_off[i];
}

static void fill_tags(const kg_tagger *tg, kg_parse *p)
{
    for (size_t i = 0; i < p->n; i++) {
        p->out[i].upos = (kg_upos)tg->cls_upos[p->cls[i]];
        p->out[i].xpos = tg->cls_xpos[p->cls[i]];
        p->out[i].head = 0;
        p->out[i].deprel = KG_DEP_DEP;
    }
}

kg_status kg_tagger_tag(const kg_tagger *tg, const kg_word *words, size_t n, kg_parse *p)
{
    if (!tg || !p || !words || n == 0 || n > UINT32_MAX / 2) return KG_ERR_ARG;
    kg_tg_prepare(p, words, n);
    kg_tg_set_amb(&tg->amb, p->tok, n);
    tag_words(tg, p);
    fill_tags(tg, p);
    lemmatise(tg, words, p);
    return KG_SUCCESS;
}

/* The labelled transition for the coarse arc @p u of s0: the label l of
 * u's direction, other than root, with the best labeller score plus half
 * the coarse score @p usc of l's group (the labeller's largest weight
 * is KG_W_QMAX, the coarse table's KG_U_QMAX for the same value; the half was
 * chosen on dev: 0.08 LAS above keeping to u's group, and 0 to 2 are
 * within 0.05 of each other).  @p usc is NULL when the step was not
 * scored (labeller alone). */
static unsigned pick_label(const kg_tagger *tg, const kg_parse *p, const kg_pstate *s, unsigned u,
                           const int32_t *usc)
{
    int left = KG_U_IS_LEFT(u);
    uint32_t d = s->stack[s->sp - 1], h = left ? s->b : s->stack[s->sp - 2];
    if (tg->lab_dict && h < s->n) {
        unsigned l = tg->lab_dict[kg_tg_lab_dict_at(tg->n_cls, p->cls[h], p->cls[d], left)];
        if (l != KG_LAB_DICT_NONE &&
            kg_tg_lab_group(l) == (left ? u - KG_U_LEFT(0) : u - KG_U_RIGHT(0)))
            return (left ? KG_T_LEFT(0) : KG_T_RIGHT(0)) + l;
    }
    uint64_t f[KG_MAX_LAB_FEATS];
    int32_t sc[KG_MAX_CLS];
    size_t nf = kg_tg_lab_features(s, p->tok, p->cls, h, d, f);
    memset(sc, 0, KG_STRIDE * sizeof *sc);
    score_table(&tg->lab, f, nf, sc);
    unsigned base = left ? KG_T_LEFT(0) : KG_T_RIGHT(0),
             ubase = left ? KG_U_LEFT(0) : KG_U_RIGHT(0);
    unsigned best = base;
    int64_t bs = INT64_MIN;
    for (unsigned l = 0; l < KG_NLAB; l++) {
        if (l == KG_DEP_ROOT) continue;
        int64_t v = 2 * KG_U_QMAX * (int64_t)sc[base + l] +
                    (usc ? KG_W_QMAX * (int64_t)usc[ubase + kg_tg_lab_group(l)] : 0);
        if (v > bs) bs = v, best = base + l;
    }
    return best;
}

/* The scores of one parser step: the rest (KG_PF_REST) is looked up at
 * every step; the S0, S1 and B0 parts of the words at s0, s1 and b0 (s1
 * = s->n for none) are kept per word and looked up again only when that
 * word got a child since.  The lookups that are needed are made in one
 * batch, so that their cache misses overlap. */
static void score_step(const kg_tagger *tg, kg_parse *p, int32_t *sc)
{
    const kg_pstate *s = &p->ps;
    static const unsigned part[3] = {KG_PF_S0, KG_PF_S1, KG_PF_B0};
    uint32_t w[3] = {s->stack[s->sp - 1], s->sp > 1 ? s->stack[s->sp - 2] : s->n, s->b};
    uint64_t f[KG_MAX_PAR_FEATS];
    uint8_t dst[KG_MAX_PAR_FEATS];
    int32_t acc[4][KG_NU] = {{0}};
    size_t nf = kg_tg_par_features_part(s, p->tok, p->cls, KG_PF_REST, f);
    memset(dst, 0, nf);
    size_t slot[3];
    uint32_t key[3];
    unsigned missed = 0;
    for (unsigned j = 0; j < 3; j++) {
        slot[j] = 3 * (size_t)w[j] + j;
        key[j] = w[j] < s->n ? (uint32_t)s->nl[w[j]] << 16 | s->nr[w[j]] : 0;
        if (p->pkey[slot[j]] == key[j] && key[j] != UINT32_MAX) continue;
        size_t k = kg_tg_par_features_part(s, p->tok, p->cls, part[j], f + nf);
        memset(dst + nf, (int)j + 1, k);
        nf += k;
        missed |= 1u << j;
    }
    score_utable_to(&tg->par, f, nf, dst, acc);
    for (unsigned u = 0; u < KG_NU; u++)
        sc[u] += acc[0][u];
    for (unsigned j = 0; j < 3; j++) {
        int32_t *c = p->pscore[slot[j]];
        if (missed & (1u << j)) {
            memcpy(c, acc[j + 1], KG_NU * sizeof *c);
            p->pkey[slot[j]] = key[j];
        }
        for (unsigned u = 0; u < KG_NU; u++)
            sc[u] += c[u];
    }
}

/* The heads (1-based, 0 for the root) and labels of the finished
 * configuration @p s into p->out. */
static void write_tree(kg_parse *p, const kg_pstate *s)
{
    for (size_t i = 0; i < p->n; i++) {
        uint32_t h = s->head[i];
        p->out[i].head = h == s->n ? 0 : h + 1;
        p->out[i].deprel = (kg_deprel)s->label[i];
    }
}

/* Greedy arc-hybrid parse: linear in the sentence length (every word is
 * shifted once and reduced once), so long sentences need no chunking.
 * Each step scores the KG_NU coarse transitions (SHIFT, and LEFT and
 * RIGHT per label group: one cache line per feature); an arc then gets
 * its label from the labeller and the coarse scores, once per word.
 * Integer scores are summed in any order, so the parts of the features
 * that stay (b0 alone, s0, s1 and b0's children) are kept and only the
 * rest is looked up at every step. */
static void parse_words(const kg_tagger *tg, kg_parse *p)
{
    kg_tg_pstate_grow(p, p->n);
    kg_pstate *s = &p->ps;
    kg_tg_pstate_init(s, (uint32_t)p->n);
    for (size_t i = 0; i < 3 * (p->n + 1); i++)
        p->pkey[i] = UINT32_MAX;
    uint64_t fb[KG_PAR_B_FEATS];
    int32_t bscores[KG_NU];
    uint32_t bdone = NO; // the b0 whose scores are in bscores
    while (!(s->sp == 0 && s->b == s->n)) {
        // An empty stack allows only SHIFT, and a lone word before ROOT only
        // the root arc: no need to score (about a quarter of the steps).
        if (s->sp == 0) {
            kg_tg_apply(s, KG_T_SHIFT);
            continue;
        }
        if (s->sp == 1 && s->b == s->n) {
            kg_tg_apply(s, KG_T_LEFT(KG_DEP_ROOT));
            continue;
        }
        unsigned u = KG_U_RIGHT(0); // the only move with ROOT as b0 and two on the stack
        int32_t sc[KG_NU];
        const int32_t *usc = NULL;
        if (s->b < s->n) {
            // The features of b0 alone stay through LEFT and RIGHT arcs:
            // their scores are summed once per word, not once per step.
            if (s->b != bdone) {
                size_t nb = kg_tg_par_features_b(s, p->tok, p->cls, fb);
                memset(bscores, 0, sizeof bscores);
                kg_tg_score_utable(&tg->par, fb, nb, bscores);
                bdone = s->b;
            }
            memcpy(sc, bscores, sizeof sc);
            score_step(tg, p, sc);
            if (tg->par_feat & KG_PAR_EXTRA) {
                uint64_t fx[KG_PAR_X_FEATS];
                kg_tg_score_utable(&tg->par, fx, kg_tg_par_features_x(s, p->tok, p->cls, fx), sc);
            }
            unsigned nu = s->sp >= 2 ? KG_NU : 1u + KG_NGROUP;
            u = KG_U_SHIFT;
            for (unsigned c = 1; c < nu; c++)
                if (sc[c] > sc[u]) u = c;
            usc = sc;
        }
        kg_tg_apply(s, u == KG_U_SHIFT ? KG_T_SHIFT : pick_label(tg, p, s, u, usc));
    }
    write_tree(p, s);
}

/* Beam search over the same steps as parse_words(): the K best partial
 * parses by the sum of their coarse transition scores.  Every parse of n
 * words takes 2n transitions, so the items of a generation are always
 * comparable.  An arc gets its label as in the greedy parser, from the
 * labeller and its item's coarse scores, when the item is kept.  With
 * K = 1 it makes the greedy parser's choices (same ties). */
static void parse_words_beam(const kg_tagger *tg, kg_parse *p, unsigned k)
{
    const uint32_t n = (uint32_t)p->n;
    struct kg_beam *bm = beam_grow(p, k, n);
    kg_pstate *cur = bm->ps, *nxt = bm->ps + k;
    double *csc = bm->score, *nsc = bm->score + k;
    uint64_t f[KG_MAX_PAR_FEATS + 32], fb[KG_PAR_B_FEATS];
    unsigned ncur = 1;
    kg_tg_pstate_init(&cur[0], n);
    csc[0] = 0;
    memset(bm->bdone, 0, n + 1);
    for (uint32_t step = 0; step < 2 * n; step++) {
        size_t nc = 0;
        for (unsigned i = 0; i < ncur; i++) {
            const kg_pstate *s = &cur[i];
            kg_beam_cand *c = &bm->cand[nc];
            bm->scored[i] = 0;
            if (s->sp == 0 || (s->sp == 1 && s->b == n) || s->b == n) {
                c->score = csc[i];
                c->parent = i;
                c->u = s->sp == 0              ? KG_U_SHIFT
                       : s->b < n || s->sp > 1 ? KG_BEAM_RIGHT
                                               : KG_BEAM_ROOT;
                nc++;
                continue;
            }
            int32_t *sc = &bm->isc[(size_t)i * KG_NU];
            int32_t *bs = &bm->bsc[(size_t)s->b * KG_NU];
            if (!bm->bdone[s->b]) {
                size_t nb = kg_tg_par_features_b(s, p->tok, p->cls, fb);
                memset(bs, 0, KG_NU * sizeof *bs);
                kg_tg_score_utable(&tg->par, fb, nb, bs);
                bm->bdone[s->b] = 1;
            }
            size_t nf = kg_tg_par_features_s(s, p->tok, p->cls, f);
            if (tg->par_feat & KG_PAR_EXTRA) nf += kg_tg_par_features_x(s, p->tok, p->cls, f + nf);
            memcpy(sc, bs, KG_NU * sizeof *sc);
            kg_tg_score_utable(&tg->par, f, nf, sc);
            bm->scored[i] = 1;
            unsigned nu = s->sp >= 2 ? KG_NU : 1u + KG_NGROUP;
            for (unsigned u = 0; u < nu; u++) {
                c = &bm->cand[nc++];
                c->score = csc[i] + sc[u];
                c->parent = i;
                c->u = u;
            }
        }
        unsigned nn = (unsigned)kg_tg_beam_select(bm->cand, nc, k);
        for (unsigned j = 0; j < nn; j++) {
            const kg_beam_cand *c = &bm->cand[j];
            kg_pstate *s = &nxt[j];
            kg_tg_pstate_copy(s, &cur[c->parent]);
            nsc[j] = c->score;
            unsigned t;
            if (c->u == KG_U_SHIFT)
                t = KG_T_SHIFT;
            else if (c->u == KG_BEAM_ROOT)
                t = KG_T_LEFT(KG_DEP_ROOT);
            else if (c->u == KG_BEAM_RIGHT)
                t = pick_label(tg, p, s, KG_U_RIGHT(0), NULL);
            else
                t = pick_label(tg, p, s, c->u, &bm->isc[(size_t)c->parent * KG_NU]);
            kg_tg_apply(s, t);
        }
        kg_pstate *tp = cur;
        cur = nxt;
        nxt = tp;
        double *td = csc;
        csc = nsc;
        nsc = td;
        ncur = nn;
    }
    write_tree(p, &cur[0]);
}

void kg_tagger_set_beam(kg_tagger *tg, unsigned width)
{
    if (tg) tg->beam = width > KG_BEAM_MAX ? KG_BEAM_MAX : width;
}

unsigned kg_tagger_beam(const kg_tagger *tg)
{
    return tg ? tg->beam : 0;
}

kg_status kg_tagger_parse(const kg_tagger *tg, const kg_word *words, size_t n, kg_parse *p)
{
    kg_status st = kg_tagger_tag(tg, words, n, p);
    if (st != KG_SUCCESS) return st;
    if (tg->beam >= 1 && n <= KG_BEAM_MAX_WORDS)
        parse_words_beam(tg, p, tg->beam);
    else
        parse_words(tg, p);
    return KG_SUCCESS;
}
