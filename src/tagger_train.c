/* SPDX-License-Identifier: MIT
 * kg: trainer for the tagger, lemmatiser and parser (averaged perceptron). */
#include "kg/conllu.h"
#include "tagger_impl.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ------------------------------------------------------------------ */
/* Corpus                                                             */
/* ------------------------------------------------------------------ */

typedef struct corpus {
    size_t n_sent, n_tok;
    uint32_t *sent_off; // n_sent + 1
    char *pool;         // forms and lemmas, NUL-terminated
    size_t pool_len, pool_cap;
    size_t *form_off, *lemma_off;
    kg_word *words;
    char (*xpos)[8];
    uint8_t *upos;
    uint8_t *gcls;  // gold tagger class
    uint8_t *pcls;  // predicted (jackknifed) class
    uint32_t *head; // gold head, 0-based within the sentence, n = root
    uint8_t *lab;
    size_t cap;
} corpus;

static size_t pool_add(corpus *c, const char *s, size_t len)
{
    kg_grow((void **)&c->pool, &c->pool_cap, c->pool_len + len + 1, 1);
    memcpy(c->pool + c->pool_len, s, len);
    c->pool[c->pool_len + len] = '\0';
    size_t off = c->pool_len;
    c->pool_len += len + 1;
    return off;
}

static kg_status read_corpus(const char *path, corpus *c)
{
    memset(c, 0, sizeof *c);
    FILE *f = fopen(path, "rb");
    if (!f) return KG_ERR_IO;
    kg_diag_sink sink = {kg_diag_print, NULL};
    kg_conllu_reader *r = kg_conllu_reader_new(f, path, &sink);
    const kg_conllu_sentence *s;
    kg_status st;
    size_t sent_cap = 0;
    kg_grow((void **)&c->sent_off, &sent_cap, 1, sizeof *c->sent_off);
    c->sent_off[0] = 0;
    while ((st = kg_conllu_reader_next(r, &s)) == KG_SUCCESS) {
        size_t need = c->n_tok + s->n_words;
        if (need > c->cap) {
            size_t cap = c->cap ? c->cap : 4096;
            while (cap < need)
                cap *= 2;
            c->form_off = kg_xrealloc(c->form_off, cap * sizeof *c->form_off);
            c->lemma_off = kg_xrealloc(c->lemma_off, cap * sizeof *c->lemma_off);
            c->xpos = kg_xrealloc(c->xpos, cap * sizeof *c->xpos);
            c->upos = kg_xrealloc(c->upos, cap);
            c->head = kg_xrealloc(c->head, cap * sizeof *c->head);
            c->lab = kg_xrealloc(c->lab, cap);
            c->cap = cap;
        }
        for (size_t i = 0; i < s->n_words; i++) {
            size_t k = c->n_tok + i;
            const kg_conllu_token *t = &s->tokens[i];
            c->form_off[k] = pool_add(c, s->words[i].ptr, s->words[i].len);
            c->lemma_off[k] = pool_add(c, t->lemma, strlen(t->lemma));
            memset(c->xpos[k], 0, 8);
            strncpy(c->xpos[k], t->xpos, 7);
            c->upos[k] = (uint8_t)kg_upos_from_name(t->upos, strlen(t->upos));
            uint32_t h = t->head == UINT32_MAX ? 0 : t->head;
            c->head[k] = h == 0 ? (uint32_t)s->n_words : h - 1;
            c->lab[k] = (uint8_t)kg_deprel_from_name(t->deprel, strlen(t->deprel));
            if (h == 0)
                c->lab[k] = KG_DEP_ROOT;
            else if (c->lab[k] == KG_DEP_ROOT)
                c->lab[k] = KG_DEP_DEP;
        }
        c->n_tok += s->n_words;
        c->n_sent++;
        kg_grow((void **)&c->sent_off, &sent_cap, c->n_sent + 1, sizeof *c->sent_off);
        c->sent_off[c->n_sent] = (uint32_t)c->n_tok;
    }
    kg_conllu_reader_free(r);
    fclose(f);
    if (st != KG_FAILURE) return st;
    c->words = kg_xmalloc((c->n_tok + 1) * sizeof *c->words);
    for (size_t k = 0; k < c->n_tok; k++) {
        c->words[k].ptr = c->pool + c->form_off[k];
        c->words[k].len = strlen(c->words[k].ptr);
    }
    c->gcls = kg_xcalloc(c->n_tok + 1, 1);
    c->pcls = kg_xcalloc(c->n_tok + 1, 1);
    return KG_SUCCESS;
}

static void free_corpus(corpus *c)
{
    free(c->sent_off);
    free(c->pool);
    free(c->form_off);
    free(c->lemma_off);
    free(c->words);
    free(c->xpos);
    free(c->upos);
    free(c->gcls);
    free(c->pcls);
    free(c->head);
    free(c->lab);
}

/* Lift non-projective arcs (shortest first) until the tree is projective:
 * the arc-hybrid system can only build projective trees. */
static size_t projectivize(uint32_t *h, uint32_t n)
{
    size_t lifted = 0;
    for (int iter = 0; iter < 1000; iter++) {
        uint32_t best = UINT32_MAX, best_len = UINT32_MAX;
        for (uint32_t d = 0; d < n; d++) {
            uint32_t hd = h[d];
            if (hd == n) continue;
            uint32_t lo = hd < d ? hd : d, hi = hd < d ? d : hd;
            if (hi - lo >= best_len) continue;
            for (uint32_t k = lo + 1; k < hi; k++) {
                // is k dominated by hd?
                uint32_t a = k;
                int steps = 0;
                while (a != hd && a != n && steps++ <= (int)n)
                    a = h[a];
                if (a != hd) {
                    best = d;
                    best_len = hi - lo;
                    break;
                }
            }
        }
        if (best == UINT32_MAX) break;
        h[best] = h[h[best]];
        lifted++;
    }
    return lifted;
}

/* ------------------------------------------------------------------ */
/* Averaged perceptron store                                          */
/* ------------------------------------------------------------------ */

typedef struct tent {
    uint32_t ts;
    uint16_t cls;
    float w;
    double tot;
} tent;

typedef struct tfeat {
    uint64_t key; // 0 = empty
    tent *e;
    uint32_t n, cap;
} tfeat;

typedef struct store {
    tfeat *t;
    size_t mask, used;
    uint32_t now;
    unsigned ncls;
} store;

static void store_init(store *s, unsigned ncls)
{
    memset(s, 0, sizeof *s);
    s->mask = (1u << 16) - 1;
    s->t = kg_xcalloc(s->mask + 1, sizeof *s->t);
    s->ncls = ncls;
}

static void store_free(store *s)
{
    for (size_t i = 0; i <= s->mask; i++)
        free(s->t[i].e);
    free(s->t);
}

static inline uint64_t fkey(uint64_t h)
{
    return h ? h : 1;
}

static tfeat *store_find(const store *s, uint64_t h)
{
    uint64_t k = fkey(h);
    size_t i = (size_t)(k >> 20) & s->mask;
    for (;;) {
        tfeat *f = &s->t[i];
        if (f->key == k) return f;
        if (f->key == 0) return NULL;
        i = (i + 1) & s->mask;
    }
}

static tfeat *store_insert(store *s, uint64_t h)
{
    if ((s->used + 1) * 2 > s->mask + 1) {
        size_t nmask = s->mask * 2 + 1;
        tfeat *nt = kg_xcalloc(nmask + 1, sizeof *nt);
        for (size_t i = 0; i <= s->mask; i++) {
            if (!s->t[i].key) continue;
            size_t j = (size_t)(s->t[i].key >> 20) & nmask;
            while (nt[j].key)
                j = (j + 1) & nmask;
            nt[j] = s->t[i];
        }
        free(s->t);
        s->t = nt;
        s->mask = nmask;
    }
    uint64_t k = fkey(h);
    size_t i = (size_t)(k >> 20) & s->mask;
    for (;;) {
        tfeat *f = &s->t[i];
        if (f->key == k) return f;
        if (f->key == 0) {
            f->key = k;
            s->used++;
            return f;
        }
        i = (i + 1) & s->mask;
    }
}

static void store_score(const store *s, const uint64_t *f, size_t nf, float *scores)
{
    memset(scores, 0, s->ncls * sizeof *scores);
    for (size_t i = 0; i < nf; i++) {
        const tfeat *t = store_find(s, f[i]);
        if (!t) continue;
        for (uint32_t j = 0; j < t->n; j++)
            scores[t->e[j].cls] += t->e[j].w;
    }
}

static void store_upd(store *s, const uint64_t *f, size_t nf, unsigned cls, float delta)
{
    for (size_t i = 0; i < nf; i++) {
        tfeat *t = store_insert(s, f[i]);
        tent *e = NULL;
        for (uint32_t j = 0; j < t->n; j++)
            if (t->e[j].cls == cls) {
                e = &t->e[j];
                break;
            }
        if (!e) {
            if (t->n == t->cap) {
                t->cap = t->cap ? t->cap * 2 : 2;
                t->e = kg_xrealloc(t->e, t->cap * sizeof *t->e);
            }
            e = &t->e[t->n++];
            e->cls = (uint16_t)cls;
            e->w = 0;
            e->tot = 0;
            e->ts = s->now;
        }
        e->tot += (double)(s->now - e->ts) * e->w;
        e->ts = s->now;
        e->w += delta;
    }
}

/* Replace the weights by their averages (the store stays usable for
 * scoring, no longer for training). */
static void store_average(store *s)
{
    double now = s->now ? s->now : 1;
    for (size_t i = 0; i <= s->mask; i++) {
        tfeat *t = &s->t[i];
        for (uint32_t j = 0; j < t->n; j++) {
            tent *e = &t->e[j];
            e->tot += (double)(s->now - e->ts) * e->w;
            e->ts = s->now;
            e->w = (float)(e->tot / now);
        }
    }
}

typedef struct otable {
    uint32_t mask;
    kg_wbucket *slots;
    kg_wentry *entries;
    size_t n_entries;
    int16_t *dense;
    size_t n_dense;
} otable;

/* The model sections of a weight table with @p ncls classes. */
static void otable_sections(const otable *o, uint32_t ncls, int slots, int dense, int entries,
                            const void **sec, uint32_t *len)
{
    sec[slots] = o->slots;
    len[slots] = (uint32_t)sizeof(kg_wbucket) * (o->mask + 1);
    sec[dense] = o->dense;
    len[dense] = (uint32_t)(o->n_dense * 2 * kg_tg_stride(ncls));
    sec[entries] = o->entries;
    len[entries] = (uint32_t)(o->n_entries * sizeof(kg_wentry));
}

static void otable_free(otable *o)
{
    free(o->slots);
    free(o->dense);
    free(o->entries);
}

/* The scale that maps the largest averaged weight of @p s to 32000, the
 * smallest quantised magnitude kept (@p prune, in those units, at least
 * 0.5), and the number of features with a weight that survives. */
static size_t store_kept(const store *s, float prune, float *scale, float *minq)
{
    float maxw = 0;
    for (size_t i = 0; i <= s->mask; i++)
        for (uint32_t j = 0; j < s->t[i].n; j++)
            if (fabsf(s->t[i].e[j].w) > maxw) maxw = fabsf(s->t[i].e[j].w);
    *scale = maxw > 0 ? (float)KG_W_QMAX / maxw : 1.0f;
    *minq = prune < 0.5f ? 0.5f : prune;
    size_t nf = 0;
    for (size_t i = 0; i <= s->mask; i++) {
        const tfeat *t = &s->t[i];
        for (uint32_t j = 0; j < t->n; j++)
            if (fabsf(t->e[j].w * *scale) >= *minq) {
                nf++;
                break;
            }
    }
    return nf;
}

/* Quantise the averaged weights to int16 and build the model table.
 * Weights whose quantised magnitude is below @p prune are dropped. */
static void store_export(const store *s, otable *o, size_t *n_feats, float prune)
{
    float scale, minq;
    size_t nf = store_kept(s, prune, &scale, &minq);
    uint32_t stride = kg_tg_stride(s->ncls);
    // Buckets of 8 at load factor 0.65: about 5% of the buckets overflow
    // into the next, and the size follows the pruning.
    uint32_t cap = (uint32_t)(nf * 100 / (65 * KG_BUCKET_SLOTS) + 64);
    o->mask = cap - 1;
    o->slots = kg_xcalloc(cap, sizeof *o->slots);
    size_t ne = 0, ecap = 0, nd = 0, dcap = 0;
    o->entries = NULL;
    o->dense = NULL;
    int16_t q[KG_MAX_CLS];
    // Insert in store order (deterministic).
    for (size_t i = 0; i <= s->mask; i++) {
        const tfeat *t = &s->t[i];
        memset(q, 0, sizeof q);
        unsigned cnt = 0;
        for (uint32_t j = 0; j < t->n; j++) {
            float v = t->e[j].w * scale;
            if (fabsf(v) < minq) continue;
            float r = roundf(v);
            if (r > 32767.0f) r = 32767.0f;
            if (r < -32767.0f) r = -32767.0f;
            q[t->e[j].cls] = (int16_t)r;
            cnt++;
        }
        if (!cnt) continue;
        uint32_t b = kg_tg_home(t->key, cap);
        unsigned j;
        for (;;) {
            for (j = 0; j < KG_BUCKET_SLOTS && o->slots[b].key[j]; j++)
                ;
            if (j < KG_BUCKET_SLOTS) break;
            b = b == o->mask ? 0 : b + 1;
        }
        o->slots[b].key[j] = kg_tg_key16(t->key);
        kg_wslot *os = &o->slots[b].w[j];
        uint32_t ref = 0;
        if (cnt >= KG_DENSE_MIN) {
            kg_grow((void **)&o->dense, &dcap, (nd + 1) * stride, 2);
            memcpy(o->dense + nd * stride, q, stride * 2);
            os->c0 = KG_SLOT_DENSE;
            ref = (uint32_t)nd++;
        } else if (cnt <= 2) {
            unsigned c = 0;
            while (!q[c])
                c++;
            os->c0 = (uint8_t)c;
            os->w0 = q[c];
            os->c1 = KG_SLOT_NONE;
            if (cnt == 2) {
                c++;
                while (!q[c])
                    c++;
                os->c1 = (uint8_t)c;
                os->w1 = q[c];
            }
            continue;
        } else {
            os->c0 = KG_SLOT_SPARSE;
            os->c1 = (uint8_t)cnt;
            ref = (uint32_t)ne;
            for (unsigned c = 0; c < s->ncls; c++) {
                if (!q[c]) continue;
                kg_grow((void **)&o->entries, &ecap, ne + 1, sizeof *o->entries);
                o->entries[ne].cls = (uint16_t)c;
                o->entries[ne].w = q[c];
                ne++;
            }
        }
        os->w0 = (int16_t)(uint16_t)(ref & 0xffffu);
        os->w1 = (int16_t)(uint16_t)(ref >> 16);
    }
    o->n_entries = ne;
    o->n_dense = nd;
    *n_feats = nf;
}

/* The coarse transition table: KG_NU int16 weights per feature in its
 * bucket.  A feature whose quantised weights are all below @p prune is
 * dropped. */
static void store_export_u(const store *s, uint32_t *mask, kg_ubucket **slots, size_t *n_feats,
                           float prune)
{
    float scale, minq;
    size_t nf = store_kept(s, prune, &scale, &minq);
    uint32_t cap = (uint32_t)(nf * 100 / (75 * KG_USLOTS) + 64);
    kg_ubucket *o = kg_xcalloc(cap, sizeof *o);
    for (size_t i = 0; i <= s->mask; i++) {
        const tfeat *t = &s->t[i];
        int8_t q[KG_NU] = {0};
        unsigned keep = 0;
        for (uint32_t j = 0; j < t->n; j++)
            if (fabsf(t->e[j].w * scale) >= minq) keep = 1;
        if (!keep) continue;
        for (uint32_t j = 0; j < t->n; j++) {
            // int8: the same scale, in steps of KG_W_QMAX / KG_U_QMAX (dev
            // UAS and LAS as with int16, the table half the size)
            float r = roundf(t->e[j].w * scale * (float)KG_U_QMAX / (float)KG_W_QMAX);
            if (r > (float)KG_U_QMAX) r = (float)KG_U_QMAX;
            if (r < -(float)KG_U_QMAX) r = -(float)KG_U_QMAX;
            q[t->e[j].cls] = (int8_t)r;
        }
        uint32_t b = kg_tg_home(t->key, cap);
        unsigned j;
        for (;;) {
            for (j = 0; j < KG_USLOTS && o[b].key[j]; j++)
                ;
            if (j < KG_USLOTS) break;
            b = b == cap - 1 ? 0 : b + 1;
        }
        o[b].key[j] = kg_tg_key16(t->key);
        memcpy(o[b].w[j], q, sizeof q);
    }
    *mask = cap - 1;
    *slots = o;
    *n_feats = nf;
}

/* ------------------------------------------------------------------ */
/* Deterministic random numbers                                       */
/* ------------------------------------------------------------------ */

static uint64_t rng_next(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *s = x;
    return x;
}

static void shuffle(uint32_t *a, size_t n, uint64_t *rng)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(rng_next(rng) % i);
        uint32_t t = a[i - 1];
        a[i - 1] = a[j];
        a[j] = t;
    }
}

/* ------------------------------------------------------------------ */
/* Tagger training                                                    */
/* ------------------------------------------------------------------ */

typedef struct dict {
    uint32_t mask;
    uint32_t *keys;
    uint8_t *vals;
} dict;

static int dict_get(const dict *d, uint64_t word)
{
    uint32_t key = kg_tg_key32(word), s = (uint32_t)word & d->mask;
    for (;;) {
        if (d->keys[s] == key) return d->vals[s];
        if (d->keys[s] == 0) return -1;
        s = (s + 1) & d->mask;
    }
}

typedef struct pair64 {
    uint64_t k;
    uint64_t v;
} pair64;

static int cmp_pair(const void *a, const void *b)
{
    const pair64 *x = a, *y = b;
    if (x->k != y->k) return x->k < y->k ? -1 : 1;
    if (x->v != y->v) return x->v < y->v ? -1 : 1;
    return 0;
}

static int cmp_key(const void *a, const void *b)
{
    const pair64 *x = a, *y = b;
    return x->k != y->k ? (x->k < y->k ? -1 : 1) : 0;
}

/* Frequent words that (nearly) always get the same class are tagged by
 * lookup: faster, and steadier. */
static void build_dict(const corpus *c, dict *d)
{
    pair64 *p = kg_xmalloc(c->n_tok * sizeof *p);
    for (size_t k = 0; k < c->n_tok; k++) {
        p[k].k = kg_tg_hash(c->words[k].ptr, c->words[k].len);
        p[k].v = c->gcls[k];
    }
    qsort(p, c->n_tok, sizeof *p, cmp_pair);
    size_t n_keep = 0;
    pair64 *keep = kg_xmalloc(c->n_tok * sizeof *keep);
    for (size_t i = 0; i < c->n_tok;) {
        size_t j = i, best = 0, bestc = 0, total = 0;
        while (j < c->n_tok && p[j].k == p[i].k) {
            size_t r = j;
            while (r < c->n_tok && p[r].k == p[j].k && p[r].v == p[j].v)
                r++;
            if (r - j > bestc) bestc = r - j, best = j;
            total += r - j;
            j = r;
        }
        if (total >= 20 && (double)bestc / (double)total >= 0.997) keep[n_keep++] = p[best];
        i = j;
    }
    uint32_t cap = 1024;
    while (cap < n_keep * 2)
        cap *= 2;
    d->mask = cap - 1;
    d->keys = kg_xcalloc(cap, 4);
    d->vals = kg_xcalloc(cap, 1);
    for (size_t i = 0; i < n_keep; i++) {
        uint32_t s = (uint32_t)keep[i].k & d->mask;
        while (d->keys[s])
            s = (s + 1) & d->mask;
        d->keys[s] = kg_tg_key32(keep[i].k);
        d->vals[s] = (uint8_t)keep[i].v;
    }
    free(p);
    free(keep);
}

/* Ambiguity classes: for each lowercased word, the set of classes it has in
 * training (classes under 1% of its occurrences ignored). */
typedef struct ambtab {
    uint32_t mask;
    uint32_t *keys, *vals;
} ambtab;

/* The lines FORM TAB CLASSES of @p path as (lowercased-form hash, class
 * hash) pairs in *out (caller frees); the class hashes are apart from the
 * tag-set hashes of build_amb by their seed.  @return the number of pairs. */
static size_t load_word_classes(const char *path, pair64 **out)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        fprintf(stderr, "tagger_train: cannot open %s\n", path);
        exit(1);
    }
    char *line = NULL;
    size_t cap = 0, n = 0, cap_out = 0;
    ssize_t len;
    *out = NULL;
    while ((len = getline(&line, &cap, fp)) > 0) {
        char *tab = memchr(line, '\t', (size_t)len);
        if (!tab) continue;
        size_t cl = (size_t)(line + len - (tab + 1));
        while (cl && (tab[cl] == '\n' || tab[cl] == '\r'))
            cl--;
        uint64_t h = 0x574e ^ kg_tg_hash(tab + 1, cl);
        pair64 pr = {kg_tg_hash(line, (size_t)(tab - line)), (uint32_t)(h ^ (h >> 32)) | 1u};
        KG_PUSH(*out, n, cap_out, pr);
    }
    free(line);
    fclose(fp);
    return n;
}

static void build_amb(const corpus *c, const char *word_classes, ambtab *a)
{
    kg_parse *p = kg_parse_new();
    pair64 *pr = kg_xmalloc((c->n_tok + 1) * sizeof *pr);
    for (size_t si = 0; si < c->n_sent; si++) {
        uint32_t b = c->sent_off[si], n = c->sent_off[si + 1] - b;
        kg_tg_prepare(p, c->words + b, n);
        for (uint32_t i = 0; i < n; i++) {
            pr[b + i].k = p->tok[i].lower;
            pr[b + i].v = c->gcls[b + i];
        }
    }
    qsort(pr, c->n_tok, sizeof *pr, cmp_pair);
    pair64 *out = kg_xmalloc((c->n_tok + 1) * sizeof *out);
    size_t no = 0;
    for (size_t i = 0; i < c->n_tok;) {
        size_t j = i;
        while (j < c->n_tok && pr[j].k == pr[i].k)
            j++;
        size_t total = j - i;
        uint64_t h = 0x5151;
        for (size_t q = i; q < j;) {
            size_t r = q;
            while (r < j && pr[r].v == pr[q].v)
                r++;
            if ((r - q) * 100 >= total) h = h * 0x100000001b3ULL + pr[q].v + 1;
            q = r;
        }
        // Rare words stay unknown: their class set would just be the gold
        // tag, a feature the tagger would learn to trust too much.
        if (total >= 3) {
            out[no].k = pr[i].k;
            out[no].v = (uint32_t)(h ^ (h >> 32)) | 1u;
            no++;
        }
        i = j;
    }
    /* Rare and unseen words take their class from the word-class list
     * instead (learnt on the rare words of training, used for new ones);
     * a frequent word's class joins its tags in training and its word
     * classes.  On EWT dev: UPOS 95.29 without, 95.45 for rare words only,
     * 95.62 with both (tagger alone, same settings). */
    if (word_classes) {
        pair64 *wc = NULL;
        size_t nw = load_word_classes(word_classes, &wc);
        size_t kept = no;
        qsort(out, kept, sizeof *out, cmp_pair);
        out = kg_xrealloc(out, (kept + nw + 1) * sizeof *out);
        for (size_t q = 0; q < nw; q++) {
            pair64 key = wc[q];
            pair64 *hit = bsearch(&key, out, kept, sizeof *out, cmp_key);
            if (!hit)
                out[no++] = key;
            else // a frequent word: its tags in training and its word classes
                hit->v = (uint32_t)((hit->v * 0x100000001b3ULL + key.v) >> 7) | 1u;
        }
        free(wc);
        fprintf(stderr, "ambiguity classes: %zu words from training, %zu from %s\n", kept,
                no - kept, word_classes);
    }
    uint32_t cap = 1024;
    // load at most 0.7: the WordNet forms nearly fill 2^18 slots, and
    // linear probing stays short (a miss probes about 5 adjacent keys)
    while (cap * 7 < no * 10)
        cap *= 2;
    a->mask = cap - 1;
    a->keys = kg_xcalloc(cap, 4);
    a->vals = kg_xcalloc(cap, 4);
    for (size_t i = 0; i < no; i++) {
        uint32_t sl = (uint32_t)out[i].k & a->mask;
        while (a->keys[sl])
            sl = (sl + 1) & a->mask;
        a->keys[sl] = kg_tg_key32(out[i].k);
        a->vals[sl] = (uint32_t)out[i].v;
    }
    free(pr);
    free(out);
    kg_parse_free(p);
}

static const ambtab *g_amb; // set once by kg_tagger_train before any tagging

/* The weight of the first tagging pass's scores in the second pass's
 * decision (the passes vote; tag_pass() in tagger.c).  On EWT dev, two
 * seeds: UPOS 95.56 without, 95.60 at 0.5, 95.63 at 0.75, 95.62 at 1. */
#define KG_TAG1_WEIGHT 0.75f

/* Tag sentence si of c with the store (float weights); writes out[].
 * @p right holds first-pass classes for the second pass (NULL: first).
 * With @p sc1 (KG_MAX_CLS floats per word of c), the first pass writes
 * its scores there and the second adds them times KG_TAG1_WEIGHT. */
static void tag_sentence(const store *st, const dict *d, const corpus *c, size_t si,
                         kg_parse *scratch, uint8_t *out, const uint8_t *gold, store *train,
                         const uint8_t *right, float *sc1)
{
    uint32_t a = c->sent_off[si], n = c->sent_off[si + 1] - a;
    kg_tg_prepare(scratch, c->words + a, n);
    kg_amb am = {g_amb->mask, g_amb->keys, g_amb->vals};
    kg_tg_set_amb(&am, scratch->tok, n);
    uint64_t f[KG_MAX_TAG_FEATS];
    float scores[KG_MAX_CLS];
    unsigned prev1 = KG_MAX_CLS, prev2 = KG_MAX_CLS + 1;
    for (uint32_t i = 0; i < n; i++) {
        int cl = dict_get(d, scratch->tok[i].word);
        if (cl < 0) {
            size_t nf = kg_tg_tag_features(scratch->tok, n, i, prev1, prev2, f);
            if (right) nf += kg_tg_tag_features2(scratch->tok, n, i, prev1, right + a, f + nf);
            store_score(st, f, nf, scores);
            if (sc1) {
                float *s1 = sc1 + (size_t)(a + i) * KG_MAX_CLS;
                if (!right)
                    memcpy(s1, scores, st->ncls * sizeof *scores);
                else
                    for (unsigned k = 0; k < st->ncls; k++)
                        scores[k] += KG_TAG1_WEIGHT * s1[k];
            }
            cl = 0;
            for (unsigned k = 1; k < st->ncls; k++)
                if (scores[k] > scores[cl]) cl = (int)k;
            if (train) {
                train->now++;
                if ((unsigned)cl != gold[a + i]) {
                    store_upd(train, f, nf, gold[a + i], 1.0f);
                    store_upd(train, f, nf, (unsigned)cl, -1.0f);
                }
            }
        }
        out[a + i] = (uint8_t)cl;
        prev2 = prev1;
        prev1 = (unsigned)cl;
    }
}

/* Train a tagger on the sentences whose index % folds != fold (all of them
 * when folds is 0). */
static void train_tagger(store *st, const dict *d, const corpus *c, unsigned ncls, unsigned epochs,
                         unsigned folds, unsigned fold, uint64_t seed, const corpus *dev,
                         int verbose, const uint8_t *right)
{
    store_init(st, ncls);
    kg_parse *scratch = kg_parse_new();
    uint32_t *order = kg_xmalloc(c->n_sent * sizeof *order);
    size_t no = 0;
    for (uint32_t i = 0; i < c->n_sent; i++)
        if (folds < 2 || i % folds != fold) order[no++] = i;
    uint64_t rng = seed * 2654435761u + 17;
    uint8_t *tmp = kg_xmalloc(c->n_tok + 1);
    for (unsigned ep = 0; ep < epochs; ep++) {
        shuffle(order, no, &rng);
        for (size_t i = 0; i < no; i++)
            tag_sentence(st, d, c, order[i], scratch, tmp, c->gcls, st, right, NULL);
        if (verbose && dev && !right) {
            // Score dev with the current (not averaged) weights: a rough guide.
            uint8_t *o = kg_xmalloc(dev->n_tok + 1);
            size_t ok = 0;
            for (size_t s = 0; s < dev->n_sent; s++)
                tag_sentence(st, d, dev, s, scratch, o, NULL, NULL, NULL, NULL);
            for (size_t k = 0; k < dev->n_tok; k++)
                ok += o[k] == dev->gcls[k];
            fprintf(stderr, "  tagger epoch %u: dev class acc %.2f (unaveraged)\n", ep + 1,
                    100.0 * (double)ok / (double)dev->n_tok);
            free(o);
        }
    }
    store_average(st);
    free(tmp);
    free(order);
    kg_parse_free(scratch);
}

/* ------------------------------------------------------------------ */
/* Parser training                                                    */
/* ------------------------------------------------------------------ */

typedef struct gold_tree {
    const uint32_t *gh; // gold heads (projectivised)
    const uint8_t *gl;
    const uint32_t *dep_start; // gold dependents of each word: deps[dep_start[i] .. +1)
    const uint32_t *deps;
} gold_tree;

static inline int on_stack(const kg_pstate *s, uint32_t k)
{
    return k < s->b && s->head[k] == UINT32_MAX;
}

/* Unlabelled costs of SHIFT, LEFT and RIGHT (Goldberg & Nivre 2013,
 * arc-hybrid): the number of gold arcs that become unreachable. */
static void costs(const kg_pstate *s, const gold_tree *g, unsigned c[3])
{
    uint32_t n = s->n, b0 = s->b;
    uint32_t s0 = s->sp > 0 ? s->stack[s->sp - 1] : UINT32_MAX;
    uint32_t s1 = s->sp > 1 ? s->stack[s->sp - 2] : UINT32_MAX;
    c[0] = c[1] = c[2] = 0;
    if (b0 < n) {
        for (uint32_t j = g->dep_start[b0]; j < g->dep_start[b0 + 1]; j++)
            c[0] += (unsigned)on_stack(s, g->deps[j]);
        uint32_t h = g->gh[b0];
        if (h != n && on_stack(s, h) && h != s0) c[0]++;
    }
    if (s0 != UINT32_MAX) {
        unsigned lost = 0;
        for (uint32_t j = g->dep_start[s0]; j < g->dep_start[s0 + 1]; j++)
            lost += g->deps[j] >= b0;
        uint32_t h = g->gh[s0];
        c[1] = lost + ((h != b0 && ((s1 != UINT32_MAX && h == s1) || h > b0)) ? 1u : 0u);
        c[2] = lost + (h >= b0 ? 1u : 0u);
    }
}

typedef struct ptrain {
    store *st;  // coarse transitions (KG_NU classes)
    store *lab; // arc labels (classes KG_T_LEFT(l) / KG_T_RIGHT(l))
    int train;
    int explore;
    uint64_t *rng;
    size_t *n_feats_max;
    unsigned par_feat; // KG_PAR_EXTRA: also kg_tg_par_features_x()
} ptrain;

/* The coarse parser features of a configuration. */
static size_t par_feats(const ptrain *pt, const kg_pstate *s, const kg_tok *tok, const uint8_t *cls,
                        uint64_t *f)
{
    size_t nf = kg_tg_par_features(s, tok, cls, f);
    if (pt->par_feat & KG_PAR_EXTRA) nf += kg_tg_par_features_x(s, tok, cls, f + nf);
    return nf;
}

/* The labeller's best labelled transition for coarse arc @p u: among the
 * labels of u's group when @p group is set, else among all.  (Parsing,
 * pick_label() in tagger.c, adds half the quantised coarse score of each
 * label's group instead, which needs the exported scales: the dev figure
 * printed here keeps to the group.) */
static unsigned best_label(const float *sc, unsigned u, int group)
{
    unsigned base = KG_U_IS_LEFT(u) ? KG_T_LEFT(0) : KG_T_RIGHT(0), best = KG_NTRANS;
    unsigned g = KG_U_IS_LEFT(u) ? u - KG_U_LEFT(0) : u - KG_U_RIGHT(0);
    for (unsigned l = 0; l < KG_NLAB; l++)
        if (l != KG_DEP_ROOT && (!group || kg_tg_lab_group(l) == g) &&
            (best == KG_NTRANS || sc[base + l] > sc[best]))
            best = base + l;
    return best == KG_NTRANS ? base : best;
}

/* Parse one sentence (training with the dynamic oracle when pt->train).
 * The same steps as parse_words() in tagger.c: the coarse transition,
 * then the label of an arc. */
static void parse_sentence(const corpus *c, size_t si, const uint8_t *cls, kg_parse *scratch,
                           const gold_tree *g, ptrain *pt, uint32_t *out_head, uint8_t *out_lab)
{
    uint32_t a = c->sent_off[si], n = c->sent_off[si + 1] - a;
    kg_tg_prepare(scratch, c->words + a, n);
    kg_tg_pstate_grow(scratch, n);
    kg_pstate *s = &scratch->ps;
    kg_tg_pstate_init(s, n);
    uint64_t f[KG_MAX_PAR_FEATS], lf[KG_MAX_LAB_FEATS];
    float scores[KG_MAX_CLS];
    const uint8_t *scls = cls + a;
    while (!(s->sp == 0 && s->b == n)) {
        if (s->sp == 0) {
            kg_tg_apply(s, KG_T_SHIFT);
            continue;
        }
        if (s->sp == 1 && s->b == n) {
            kg_tg_apply(s, KG_T_LEFT(KG_DEP_ROOT));
            continue;
        }
        unsigned u = KG_U_RIGHT(0);
        if (s->b < n) {
            size_t nf = par_feats(pt, s, scratch->tok, scls, f);
            if (nf > *pt->n_feats_max) *pt->n_feats_max = nf;
            store_score(pt->st, f, nf, scores);
            unsigned nu = s->sp >= 2 ? KG_NU : 1u + KG_NGROUP;
            unsigned best = KG_U_SHIFT;
            for (unsigned t = 1; t < nu; t++)
                if (scores[t] > scores[best]) best = t;
            u = best;
            if (pt->train) {
                unsigned uc[3], cost[KG_NU], minc = UINT32_MAX;
                costs(s, g, uc);
                uint32_t s0 = s->stack[s->sp - 1];
                uint32_t s1 = s->sp > 1 ? s->stack[s->sp - 2] : UINT32_MAX;
                unsigned gg = kg_tg_lab_group(g->gl[s0]);
                for (unsigned t = 0; t < nu; t++) {
                    if (t == KG_U_SHIFT)
                        cost[t] = uc[0];
                    else if (KG_U_IS_LEFT(t))
                        cost[t] = uc[1] + (g->gh[s0] == s->b && t != KG_U_LEFT(gg));
                    else
                        cost[t] = uc[2] + (g->gh[s0] == s1 && t != KG_U_RIGHT(gg));
                    if (cost[t] < minc) minc = cost[t];
                }
                pt->st->now++;
                if (cost[best] != minc) {
                    unsigned gb = KG_NU;
                    for (unsigned t = 0; t < nu; t++)
                        if (cost[t] == minc && (gb == KG_NU || scores[t] > scores[gb])) gb = t;
                    store_upd(pt->st, f, nf, gb, 1.0f);
                    store_upd(pt->st, f, nf, best, -1.0f);
                    u = gb;
                    if (pt->explore && rng_next(pt->rng) % 10 < 9) u = best;
                }
            }
        }
        if (u == KG_U_SHIFT) {
            kg_tg_apply(s, KG_T_SHIFT);
            continue;
        }
        uint32_t d = s->stack[s->sp - 1], h = KG_U_IS_LEFT(u) ? s->b : s->stack[s->sp - 2];
        size_t nl = kg_tg_lab_features(s, scratch->tok, scls, h, d, lf);
        store_score(pt->lab, lf, nl, scores);
        // Trained over all labels; parsing keeps to the chosen group.
        unsigned t = best_label(scores, u, !pt->train && s->b < n);
        if (pt->train && g->gh[d] == h && g->gl[d] != KG_DEP_ROOT) {
            unsigned gt = (KG_U_IS_LEFT(u) ? KG_T_LEFT(0) : KG_T_RIGHT(0)) + g->gl[d];
            pt->lab->now++;
            if (t != gt) {
                store_upd(pt->lab, lf, nl, gt, 1.0f);
                store_upd(pt->lab, lf, nl, t, -1.0f);
                if (!pt->explore) t = gt;
            }
        }
        kg_tg_apply(s, t);
    }
    if (out_head)
        for (uint32_t i = 0; i < n; i++) {
            out_head[a + i] = s->head[i];
            out_lab[a + i] = s->label[i];
        }
}

/* ------------------------------------------------------------------ */
/* Beam training (Zhang & Nivre 2011; Huang, Fayong & Guo 2012)       */
/* ------------------------------------------------------------------ */

/* The gold transition of a configuration on the gold path (static oracle,
 * arc-hybrid: an arc as soon as s0 has all its dependents, else SHIFT);
 * *u gets its coarse transition or forced move (KG_BEAM_*). */
static unsigned static_oracle(const kg_pstate *s, const gold_tree *g, unsigned *u)
{
    const uint32_t n = s->n;
    if (s->sp == 0) {
        *u = KG_U_SHIFT;
        return KG_T_SHIFT;
    }
    uint32_t s0 = s->stack[s->sp - 1];
    if (s->b == n) {
        *u = s->sp == 1 ? KG_BEAM_ROOT : KG_BEAM_RIGHT;
        return s->sp == 1 ? KG_T_LEFT(KG_DEP_ROOT) : KG_T_RIGHT(g->gl[s0]);
    }
    unsigned done = (unsigned)s->nl[s0] + s->nr[s0] == g->dep_start[s0 + 1] - g->dep_start[s0];
    unsigned grp = kg_tg_lab_group(g->gl[s0]);
    if (done && g->gh[s0] == s->b) {
        *u = KG_U_LEFT(grp);
        return KG_T_LEFT(g->gl[s0]);
    }
    if (done && s->sp >= 2 && g->gh[s0] == s->stack[s->sp - 2]) {
        *u = KG_U_RIGHT(grp);
        return KG_T_RIGHT(g->gl[s0]);
    }
    *u = KG_U_SHIFT;
    return KG_T_SHIFT;
}

/* One item's step in the history of a beam: its parent in the previous
 * generation, its transition and coarse transition (or forced move). */
typedef struct bhist {
    uint32_t parent;
    uint8_t t, u;
} bhist;

/* Beam training scratch, sized for the longest sentence. */
typedef struct btrain {
    unsigned k;
    kg_pstate *ps; // 2k configurations: the current generation, then the next
    double *score; // 2k prefix scores
    uint8_t *gold; // 2k: the item is the gold prefix
    float *isc;    // k * KG_NU: coarse scores of the current items
    kg_beam_cand *cand;
    bhist *hist;                // 2 * max words * k
    kg_pstate g, pr;            // replays of the gold and the predicted sequences
    uint8_t *gt, *gu, *pt, *pu; // gold / predicted transitions per step
    double *gsc;                // gold prefix score after each step
    size_t updates, sentences;
} btrain;

/* Scratch for a beam of width @p k over the sentences of @p c. */
static void btrain_init(btrain *b, unsigned k, const corpus *c)
{
    uint32_t maxn = 1; // the longest sentence
    for (size_t s = 0; s < c->n_sent; s++)
        if (c->sent_off[s + 1] - c->sent_off[s] > maxn) maxn = c->sent_off[s + 1] - c->sent_off[s];
    size_t cap = (size_t)maxn + 1, steps = 2 * (size_t)maxn + 1;
    memset(b, 0, sizeof *b);
    b->k = k;
    b->ps = kg_xmalloc(2 * k * sizeof *b->ps);
    for (unsigned i = 0; i < 2 * k; i++)
        kg_tg_pstate_alloc(&b->ps[i], cap);
    b->score = kg_xmalloc(2 * k * sizeof *b->score);
    b->gold = kg_xmalloc(2 * k);
    b->isc = kg_xmalloc(k * KG_NU * sizeof *b->isc);
    b->cand = kg_xmalloc(k * KG_NU * sizeof *b->cand);
    b->hist = kg_xmalloc(steps * k * sizeof *b->hist);
    kg_tg_pstate_alloc(&b->g, cap);
    kg_tg_pstate_alloc(&b->pr, cap);
    b->gt = kg_xmalloc(steps);
    b->gu = kg_xmalloc(steps);
    b->pt = kg_xmalloc(steps);
    b->pu = kg_xmalloc(steps);
    b->gsc = kg_xmalloc((steps + 1) * sizeof *b->gsc);
}

static void btrain_free(btrain *b)
{
    for (unsigned i = 0; i < 2 * b->k; i++)
        kg_tg_pstate_free(&b->ps[i]);
    free(b->ps);
    free(b->score);
    free(b->gold);
    free(b->isc);
    free(b->cand);
    free(b->hist);
    kg_tg_pstate_free(&b->g);
    kg_tg_pstate_free(&b->pr);
    free(b->gt);
    free(b->gu);
    free(b->pt);
    free(b->pu);
    free(b->gsc);
}

/* A configuration whose coarse transition is scored (not forced). */
static inline int scored_step(const kg_pstate *s)
{
    return s->sp > 0 && s->b < s->n;
}

/* Train the coarse model on one sentence with a beam of width b->k and
 * the max-violation update (Huang et al. 2012): the beam runs to the end;
 * where the gold prefix has fallen out of it, the step at which the best
 * item's score exceeds the gold prefix's most is where both prefixes are
 * updated (+1 for the gold transitions, -1 for the predicted ones, from
 * the first step where they differ).  The labeller is trained on the gold
 * path's arcs.  Items keep to the gold labels while on the gold path,
 * otherwise their labels are the labeller's (kept to the arc's group). */
static void beam_train_sentence(const corpus *c, size_t si, const uint8_t *cls, kg_parse *scratch,
                                const gold_tree *g, ptrain *pt, btrain *b, uint32_t *out_head,
                                uint8_t *out_lab)
{
    uint32_t a = c->sent_off[si], n = c->sent_off[si + 1] - a;
    kg_tg_prepare(scratch, c->words + a, n);
    const kg_tok *tok = scratch->tok;
    const uint8_t *scls = cls + a;
    uint64_t f[KG_MAX_PAR_FEATS], lf[KG_MAX_LAB_FEATS];
    float sc[KG_MAX_CLS];
    const uint32_t steps = 2 * n;
    const unsigned k = b->k;
    // The gold sequence, its prefix scores, and the labeller's training
    // (no gold: parse only, into out_head and out_lab).
    kg_pstate *gs = &b->g;
    kg_tg_pstate_init(gs, n);
    b->gsc[0] = 0;
    for (uint32_t t = 0; g && t < steps; t++) {
        unsigned u, tr = static_oracle(gs, g, &u);
        double add = 0;
        if (scored_step(gs)) {
            size_t nf = par_feats(pt, gs, tok, scls, f);
            if (nf > *pt->n_feats_max) *pt->n_feats_max = nf;
            store_score(pt->st, f, nf, sc);
            add = sc[u];
        }
        if (tr != KG_T_SHIFT && tr != KG_T_LEFT(KG_DEP_ROOT)) {
            uint32_t d = gs->stack[gs->sp - 1];
            int left = tr < KG_T_RIGHT(0);
            uint32_t h = left ? gs->b : gs->stack[gs->sp - 2];
            size_t nl = kg_tg_lab_features(gs, tok, scls, h, d, lf);
            store_score(pt->lab, lf, nl, sc);
            unsigned lt = best_label(sc, left ? KG_U_LEFT(0) : KG_U_RIGHT(0), 0);
            pt->lab->now++;
            if (lt != tr) {
                store_upd(pt->lab, lf, nl, tr, 1.0f);
                store_upd(pt->lab, lf, nl, lt, -1.0f);
            }
        }
        b->gt[t] = (uint8_t)tr;
        b->gu[t] = (uint8_t)u;
        b->gsc[t + 1] = b->gsc[t] + add;
        kg_tg_apply(gs, tr);
    }
    // The beam.
    kg_pstate *cur = b->ps, *nxt = b->ps + k;
    double *csc = b->score, *nsc = b->score + k;
    uint8_t *cg = b->gold, *ng = b->gold + k;
    unsigned ncur = 1;
    kg_tg_pstate_init(&cur[0], n);
    csc[0] = 0;
    cg[0] = g != NULL;
    double maxv = 0;
    uint32_t tstar = 0;
    for (uint32_t t = 0; t < steps; t++) {
        size_t nc = 0;
        for (unsigned i = 0; i < ncur; i++) {
            const kg_pstate *s = &cur[i];
            if (!scored_step(s)) {
                kg_beam_cand *cd = &b->cand[nc++];
                cd->score = csc[i];
                cd->parent = i;
                cd->u = s->sp == 0 ? KG_U_SHIFT : s->sp == 1 ? KG_BEAM_ROOT : KG_BEAM_RIGHT;
                continue;
            }
            float *isc = &b->isc[(size_t)i * KG_NU];
            size_t nf = par_feats(pt, s, tok, scls, f);
            store_score(pt->st, f, nf, sc);
            memcpy(isc, sc, KG_NU * sizeof *isc);
            unsigned nu = s->sp >= 2 ? KG_NU : 1u + KG_NGROUP;
            for (unsigned u = 0; u < nu; u++) {
                kg_beam_cand *cd = &b->cand[nc++];
                cd->score = csc[i] + (double)isc[u];
                cd->parent = i;
                cd->u = u;
            }
        }
        unsigned nn = (unsigned)kg_tg_beam_select(b->cand, nc, k), gold_in = 0;
        for (unsigned j = 0; j < nn; j++) {
            const kg_beam_cand *cd = &b->cand[j];
            kg_pstate *s = &nxt[j];
            kg_tg_pstate_copy(s, &cur[cd->parent]);
            nsc[j] = cd->score;
            ng[j] = g && cg[cd->parent] && cd->u == b->gu[t];
            gold_in |= ng[j];
            unsigned tr;
            if (ng[j])
                tr = b->gt[t];
            else if (cd->u == KG_U_SHIFT)
                tr = KG_T_SHIFT;
            else if (cd->u == KG_BEAM_ROOT)
                tr = KG_T_LEFT(KG_DEP_ROOT);
            else {
                unsigned u = cd->u == KG_BEAM_RIGHT ? KG_U_RIGHT(0) : cd->u;
                uint32_t d = s->stack[s->sp - 1];
                uint32_t h = KG_U_IS_LEFT(u) ? s->b : s->stack[s->sp - 2];
                size_t nl = kg_tg_lab_features(s, tok, scls, h, d, lf);
                store_score(pt->lab, lf, nl, sc);
                tr = best_label(sc, u, cd->u != KG_BEAM_RIGHT);
            }
            kg_tg_apply(s, tr);
            b->hist[(size_t)t * k + j] = (bhist){cd->parent, (uint8_t)tr, (uint8_t)cd->u};
        }
        if (g && !gold_in) {
            double v = nsc[0] - b->gsc[t + 1];
            if (tstar == 0 || v > maxv) {
                maxv = v;
                tstar = t + 1;
            }
        }
        kg_pstate *tp = cur;
        cur = nxt;
        nxt = tp;
        double *td = csc;
        csc = nsc;
        nsc = td;
        uint8_t *tg8 = cg;
        cg = ng;
        ng = tg8;
        ncur = nn;
    }
    if (!g) {
        for (uint32_t i = 0; i < n; i++) {
            out_head[a + i] = cur[0].head[i];
            out_lab[a + i] = cur[0].label[i];
        }
        return;
    }
    b->sentences++;
    pt->st->now++;
    if (cg[0]) return; // the best parse is the gold one
    if (tstar == 0) tstar = steps;
    // The predicted prefix: back from the best item of generation tstar.
    uint32_t j = 0;
    for (uint32_t t = tstar; t-- > 0;) {
        const bhist *h = &b->hist[(size_t)t * k + j];
        b->pt[t] = h->t;
        b->pu[t] = h->u;
        j = h->parent;
    }
    kg_pstate *ps = &b->pr;
    kg_tg_pstate_init(gs, n);
    kg_tg_pstate_init(ps, n);
    int diverged = 0;
    for (uint32_t t = 0; t < tstar; t++) {
        if (!diverged && b->gt[t] == b->pt[t]) {
            kg_tg_apply(gs, b->gt[t]);
            kg_tg_apply(ps, b->pt[t]);
            continue;
        }
        diverged = 1;
        if (scored_step(gs)) {
            size_t nf = par_feats(pt, gs, tok, scls, f);
            store_upd(pt->st, f, nf, b->gu[t], 1.0f);
        }
        if (scored_step(ps)) {
            size_t nf = par_feats(pt, ps, tok, scls, f);
            store_upd(pt->st, f, nf, b->pu[t], -1.0f);
        }
        kg_tg_apply(gs, b->gt[t]);
        kg_tg_apply(ps, b->pt[t]);
    }
    b->updates++;
}

/* A copy of @p s with the averaged weights (training goes on with @p s). */
static void store_copy_average(const store *s, store *d)
{
    *d = *s;
    d->t = kg_xcalloc(s->mask + 1, sizeof *d->t);
    for (size_t i = 0; i <= s->mask; i++) {
        const tfeat *t = &s->t[i];
        if (!t->key) continue;
        d->t[i] = *t;
        d->t[i].cap = t->n;
        d->t[i].e = t->n ? kg_xmalloc(t->n * sizeof *t->e) : NULL;
        if (t->n) memcpy(d->t[i].e, t->e, t->n * sizeof *t->e);
    }
    store_average(d);
}

/* Dev UAS and LAS of the averaged weights so far, decoded with the beam
 * (float weights, labels kept to the arc's group). */
static void eval_beam(const store *st, const store *lab, const corpus *dev, unsigned k,
                      unsigned par_feat, unsigned epoch)
{
    store pa, la;
    store_copy_average(st, &pa);
    store_copy_average(lab, &la);
    btrain bt;
    btrain_init(&bt, k, dev);
    kg_parse *scratch = kg_parse_new();
    uint32_t *h = kg_xmalloc((dev->n_tok + 1) * sizeof *h);
    uint8_t *l = kg_xmalloc(dev->n_tok + 1);
    size_t mx = 0;
    ptrain pt = {&pa, &la, 0, 0, NULL, &mx, par_feat};
    for (size_t s = 0; s < dev->n_sent; s++)
        beam_train_sentence(dev, s, dev->pcls, scratch, NULL, &pt, &bt, h, l);
    size_t ua = 0, lo = 0;
    for (size_t i = 0; i < dev->n_tok; i++)
        if (h[i] == dev->head[i]) {
            ua++;
            lo += l[i] == dev->lab[i];
        }
    fprintf(stderr, "  epoch %u, beam %u: dev UAS %.2f LAS %.2f\n", epoch, k,
            100.0 * (double)ua / (double)dev->n_tok, 100.0 * (double)lo / (double)dev->n_tok);
    free(h);
    free(l);
    kg_parse_free(scratch);
    btrain_free(&bt);
    store_free(&pa);
    store_free(&la);
}

static void eval_parser(const store *st, const store *lab, const corpus *dev, const uint8_t *cls,
                        unsigned par_feat, const char *what)
{
    kg_parse *scratch = kg_parse_new();
    uint32_t *h = kg_xmalloc((dev->n_tok + 1) * sizeof *h);
    uint8_t *l = kg_xmalloc(dev->n_tok + 1);
    size_t mx = 0;
    ptrain pt = {(store *)st, (store *)lab, 0, 0, NULL, &mx, par_feat};
    for (size_t s = 0; s < dev->n_sent; s++)
        parse_sentence(dev, s, cls, scratch, NULL, &pt, h, l);
    size_t ua = 0, la = 0;
    for (size_t k = 0; k < dev->n_tok; k++) {
        if (h[k] == dev->head[k]) {
            ua++;
            la += l[k] == dev->lab[k];
        }
    }
    fprintf(stderr, "  %s: dev UAS %.2f LAS %.2f\n", what, 100.0 * (double)ua / (double)dev->n_tok,
            100.0 * (double)la / (double)dev->n_tok);
    free(h);
    free(l);
    kg_parse_free(scratch);
}

/* ------------------------------------------------------------------ */
/* Lemmatiser tables                                                  */
/* ------------------------------------------------------------------ */

typedef struct strpool {
    char *s;
    size_t len, cap;
} strpool;

static uint32_t sp_add(strpool *p, const char *s, size_t len)
{
    kg_grow((void **)&p->s, &p->cap, p->len + len + 1, 1);
    memcpy(p->s + p->len, s, len);
    p->s[p->len + len] = '\0';
    uint32_t off = (uint32_t)p->len;
    p->len += len + 1;
    return off;
}

typedef struct u64map {
    uint32_t mask;
    uint64_t *keys;
    uint32_t *vals;
} u64map;

static void u64map_build(u64map *m, const pair64 *p, size_t n)
{
    uint32_t cap = 1024;
    while (cap < n * 2)
        cap *= 2;
    m->mask = cap - 1;
    m->keys = kg_xcalloc(cap, 8);
    m->vals = kg_xcalloc(cap, 4);
    for (size_t i = 0; i < n; i++) {
        uint32_t s = (uint32_t)p[i].k & m->mask;
        while (m->keys[s] && m->keys[s] != p[i].k)
            s = (s + 1) & m->mask;
        if (m->keys[s]) continue; // first one wins
        m->keys[s] = p[i].k;
        m->vals[s] = (uint32_t)p[i].v;
    }
}

static void lower_copy(char *d, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        d[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
}

typedef struct lrec {
    uint64_t key;
    const char *lemma;
    uint32_t k; // suffix length (rules)
} lrec;

static int cmp_lrec(const void *a, const void *b)
{
    const lrec *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    return strcmp(x->lemma, y->lemma);
}

/* Most frequent value per key of sorted records; calls emit(key, lemma, count, k). */
static size_t pick_best(lrec *r, size_t n, pair64 *out, strpool *sp, unsigned min_count_k1)
{
    size_t no = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i, best = i, bestc = 0;
        while (j < n && r[j].key == r[i].key) {
            size_t q = j;
            while (q < n && r[q].key == r[j].key && strcmp(r[q].lemma, r[j].lemma) == 0)
                q++;
            if (q - j > bestc) bestc = q - j, best = j;
            j = q;
        }
        if (r[best].k == 0 || bestc >= min_count_k1) {
            out[no].k = r[best].key;
            out[no].v = (uint64_t)(uintptr_t)r[best].lemma; // resolved by the caller
            no++;
        }
        (void)sp;
        i = j;
    }
    return no;
}

/* Build the (form, xpos) -> lemma table and the suffix rules. */
static void build_lemmas(const corpus *c, const uint16_t *cls_xpos, strpool *sp, u64map *lem,
                         u64map *rules)
{
    size_t n = c->n_tok;
    lrec *r = kg_xmalloc(2 * n * sizeof *r);
    size_t nr = 0;
    char low[256];
    for (size_t k = 0; k < n; k++) {
        const kg_word *w = &c->words[k];
        unsigned xp = cls_xpos[c->gcls[k]];
        const char *lemma = c->pool + c->lemma_off[k];
        if (strcmp(lemma, "_") == 0) continue;
        r[nr].key = kg_tg_lemma_key(w->ptr, w->len, xp);
        r[nr].lemma = lemma;
        r[nr++].k = 0;
        if (w->len <= 64) {
            lower_copy(low, w->ptr, w->len);
            if (memcmp(low, w->ptr, w->len) != 0) {
                r[nr].key = kg_tg_lemma_key(low, w->len, xp);
                r[nr].lemma = lemma;
                r[nr++].k = 1; // weaker: only if no exact entry
            }
        }
    }
    qsort(r, nr, sizeof *r, cmp_lrec);
    pair64 *best = kg_xmalloc((nr + 1) * sizeof *best);
    size_t nb = pick_best(r, nr, best, sp, 1);
    // Exact entries first so they win over lowercased ones with the same key.
    for (size_t i = 0; i < nb; i++)
        best[i].v = sp_add(sp, (const char *)(uintptr_t)best[i].v,
                           strlen((const char *)(uintptr_t)best[i].v));
    u64map_build(lem, best, nb);
    free(best);
    free(r);

    // Suffix rules from word types.
    typedef struct ty {
        const char *form, *lemma;
        unsigned xp;
    } ty;
    ty *types = kg_xmalloc(n * sizeof *types);
    size_t nt = 0;
    pair64 *tk = kg_xmalloc(n * sizeof *tk);
    for (size_t k = 0; k < n; k++) {
        tk[k].k = kg_tg_lemma_key(c->words[k].ptr, c->words[k].len, cls_xpos[c->gcls[k]]) ^
                  kg_tg_hash(c->pool + c->lemma_off[k], strlen(c->pool + c->lemma_off[k]));
        tk[k].v = k;
    }
    qsort(tk, n, sizeof *tk, cmp_pair);
    for (size_t i = 0; i < n; i++) {
        if (i && tk[i].k == tk[i - 1].k) continue;
        size_t k = tk[i].v;
        if (strcmp(c->pool + c->lemma_off[k], "_") == 0) continue;
        types[nt].form = c->pool + c->form_off[k];
        types[nt].lemma = c->pool + c->lemma_off[k];
        types[nt].xp = cls_xpos[c->gcls[k]];
        nt++;
    }
    free(tk);
    // A rule is "strip|lower|append" as a string.
    char **rs = kg_xmalloc(nt * sizeof *rs);
    lrec *rr = kg_xmalloc(nt * 8 * sizeof *rr);
    size_t nrr = 0;
    for (size_t i = 0; i < nt; i++) {
        const char *f = types[i].form, *lm = types[i].lemma;
        size_t fl = strlen(f), ll = strlen(lm);
        rs[i] = NULL;
        if (fl > 200 || ll > 200) continue;
        char lowf[256], lowl[256];
        lower_copy(lowf, f, fl);
        lower_copy(lowl, lm, ll);
        int lower = memcmp(lowl, lm, ll) == 0 && memcmp(lowf, f, fl) != 0;
        const char *base = lower ? lowf : f;
        size_t pre = 0;
        while (pre < fl && pre < ll && base[pre] == lm[pre])
            pre++;
        // Cut at a UTF-8 character boundary only.
        while (pre > 0 && ((pre < fl && ((unsigned char)base[pre] & 0xc0) == 0x80) ||
                           (pre < ll && ((unsigned char)lm[pre] & 0xc0) == 0x80)))
            pre--;
        size_t strip = fl - pre;
        if (strip > 127) continue;
        char buf[300];
        snprintf(buf, sizeof buf, "%zu|%d|%s", strip, lower, lm + pre);
        rs[i] = kg_xstrndup(buf, strlen(buf));
        for (size_t k = 0; k <= 7 && k <= fl; k++) {
            rr[nrr].key = kg_tg_rule_key(types[i].xp, lowf + fl - k, k);
            rr[nrr].lemma = rs[i];
            rr[nrr].k = (uint32_t)k;
            nrr++;
        }
    }
    qsort(rr, nrr, sizeof *rr, cmp_lrec);
    pair64 *rb = kg_xmalloc((nrr + 1) * sizeof *rb);
    size_t nrb = pick_best(rr, nrr, rb, sp, 2);
    for (size_t i = 0; i < nrb; i++) {
        const char *rule = (const char *)(uintptr_t)rb[i].v;
        unsigned strip = (unsigned)strtoul(rule, NULL, 10);
        const char *p1 = strchr(rule, '|');
        int lower = p1[1] == '1';
        const char *app = strchr(p1 + 1, '|') + 1;
        uint32_t off = sp_add(sp, app, strlen(app));
        rb[i].v = (uint64_t)strip | ((uint64_t)lower << 7) | ((uint64_t)off << 8);
    }
    u64map_build(rules, rb, nrb);
    free(rb);
    free(rr);
    for (size_t i = 0; i < nt; i++)
        free(rs[i]);
    free(rs);
    free(types);
}

/* ------------------------------------------------------------------ */
/* Model writing                                                      */
/* ------------------------------------------------------------------ */

static kg_status write_model_to(const char *path, const void *const *sec, const uint32_t *len)
{
    FILE *f = fopen(path, "wb");
    if (!f) return KG_ERR_IO;
    uint32_t off[KG_SEC_COUNT];
    // Sections on cache-line boundaries (weight buckets are one line each).
    uint32_t pos = 16 + 8 * KG_SEC_COUNT;
    pos = (pos + 63) & ~63u;
    for (unsigned i = 0; i < KG_SEC_COUNT; i++) {
        off[i] = pos;
        pos += len[i];
        pos = (pos + 63) & ~63u;
    }
    fwrite(KG_MODEL_MAGIC, 1, 8, f);
    uint32_t v = KG_MODEL_VERSION, ns = KG_SEC_COUNT;
    fwrite(&v, 4, 1, f);
    fwrite(&ns, 4, 1, f);
    for (unsigned i = 0; i < KG_SEC_COUNT; i++) {
        fwrite(&off[i], 4, 1, f);
        fwrite(&len[i], 4, 1, f);
    }
    long cur = ftell(f);
    static const char zeros[8] = {0};
    for (unsigned i = 0; i < KG_SEC_COUNT; i++) {
        while (cur < (long)off[i]) {
            fwrite(zeros, 1, 1, f);
            cur++;
        }
        if (len[i]) fwrite(sec[i], 1, len[i], f);
        cur += len[i];
    }
    while (cur % 8) {
        fwrite(zeros, 1, 1, f);
        cur++;
    }
    if (ferror(f)) {
        fclose(f);
        return KG_ERR_IO;
    }
    return fclose(f) == 0 ? KG_SUCCESS : KG_ERR_IO;
}

/* The model goes to a temporary file beside @p path, renamed over it when
 * complete: a reader (a kg that maps the old model, a concurrent
 * tagger_bench) sees the old file or the new one, never half of one. */
static kg_status write_model(const char *path, const void *const *sec, const uint32_t *len)
{
    char tmp[4096];
    if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid()) >= sizeof tmp)
        return KG_ERR_IO;
    kg_status st = write_model_to(tmp, sec, len);
    if (st == KG_SUCCESS && rename(tmp, path) != 0) st = KG_ERR_IO;
    if (st != KG_SUCCESS) remove(tmp);
    return st;
}

/* ------------------------------------------------------------------ */
/* Driver                                                             */
/* ------------------------------------------------------------------ */

typedef struct clsinfo {
    char xpos[8];
    uint8_t upos;
} clsinfo;

static int cmp_cls(const void *a, const void *b)
{
    const clsinfo *x = a, *y = b;
    int c = strcmp(x->xpos, y->xpos);
    return c ? c : (int)x->upos - (int)y->upos;
}

static double secs(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static unsigned find_cls(const clsinfo *ci, unsigned n, const char *xpos, unsigned upos)
{
    for (unsigned i = 0; i < n; i++)
        if (ci[i].upos == upos && strcmp(ci[i].xpos, xpos) == 0) return i;
    for (unsigned i = 0; i < n; i++) // unseen pair: same xpos
        if (strcmp(ci[i].xpos, xpos) == 0) return i;
    return 0;
}

static void assign_classes(corpus *c, const clsinfo *ci, unsigned n)
{
    for (size_t k = 0; k < c->n_tok; k++)
        c->gcls[k] = (uint8_t)find_cls(ci, n, c->xpos[k], c->upos[k]);
}

/* The label dictionary (KG_SEC_LAB_DICT): for each (head class,
 * dependent class, direction) seen at least opts->lab_dict_min times in
 * the gold trees of @p c, with the jackknifed classes, the label it had
 * at least opts->lab_dict_purity of the time, else KG_LAB_DICT_NONE.
 * Its length in *len; caller frees. */
static uint8_t *build_lab_dict(const corpus *c, unsigned ncls, const kg_train_opts *opts,
                               size_t *len)
{
    size_t n_at = kg_tg_lab_dict_at(ncls, ncls, 0, 0);
    uint32_t *cnt = kg_xcalloc(n_at * KG_NLAB, sizeof *cnt);
    for (size_t s = 0; s < c->n_sent; s++) {
        uint32_t a = c->sent_off[s], n = c->sent_off[s + 1] - a;
        for (uint32_t i = 0; i < n; i++) {
            uint32_t h = c->head[a + i];
            if (h >= n) continue;
            cnt[kg_tg_lab_dict_at(ncls, c->pcls[a + h], c->pcls[a + i], i < h) * KG_NLAB +
                c->lab[a + i]]++;
        }
    }
    uint8_t *out = kg_xmalloc(n_at);
    size_t kept = 0;
    for (size_t k = 0; k < n_at; k++) {
        const uint32_t *ck = cnt + k * KG_NLAB;
        uint32_t tot = 0, best = 0;
        for (unsigned l = 0; l < KG_NLAB; l++) {
            tot += ck[l];
            if (ck[l] > ck[best]) best = l;
        }
        int ok = tot >= opts->lab_dict_min && best != KG_DEP_ROOT &&
                 (double)ck[best] >= (double)opts->lab_dict_purity * tot;
        out[k] = ok ? (uint8_t)best : (uint8_t)KG_LAB_DICT_NONE;
        kept += ok ? 1 : 0;
    }
    free(cnt);
    fprintf(stderr, "label dictionary: %zu (head, dependent, direction) class triples\n", kept);
    *len = n_at;
    return out;
}

kg_status kg_tagger_train(const char *train_path, const char *dev_path, const char *out_path,
                          const kg_train_opts *opts)
{
    double t0 = secs();
    corpus c, dev;
    kg_status st = read_corpus(train_path, &c);
    if (st != KG_SUCCESS) return st;
    int have_dev = 0;
    if (dev_path) {
        if ((st = read_corpus(dev_path, &dev)) != KG_SUCCESS) {
            free_corpus(&c);
            return st;
        }
        have_dev = 1;
    }
    fprintf(stderr, "train: %zu sentences, %zu words\n", c.n_sent, c.n_tok);

    // Classes: (XPOS, UPOS) pairs seen in training, sorted.
    clsinfo *ci = kg_xmalloc(c.n_tok * sizeof *ci);
    for (size_t k = 0; k < c.n_tok; k++) {
        memcpy(ci[k].xpos, c.xpos[k], 8);
        ci[k].upos = c.upos[k];
    }
    qsort(ci, c.n_tok, sizeof *ci, cmp_cls);
    unsigned ncls = 0;
    for (size_t k = 0; k < c.n_tok; k++)
        if (ncls == 0 || cmp_cls(&ci[ncls - 1], &ci[k]) != 0) {
            if (ncls == KG_STRIDE) {
                free(ci);
                free_corpus(&c);
                return KG_ERR_ARG;
            }
            ci[ncls++] = ci[k];
        }
    assign_classes(&c, ci, ncls);
    if (have_dev) assign_classes(&dev, ci, ncls);
    // XPOS inventory: distinct names in class order (classes are sorted by xpos).
    strpool sp = {0};
    sp_add(&sp, "_", 1);
    uint32_t *xpos_names = kg_xmalloc(ncls * sizeof *xpos_names);
    uint16_t *cls_xpos = kg_xmalloc(ncls * sizeof *cls_xpos);
    uint8_t *cls_upos = kg_xmalloc(ncls);
    unsigned nx = 0;
    for (unsigned i = 0; i < ncls; i++) {
        if (i == 0 || strcmp(ci[i].xpos, ci[i - 1].xpos) != 0)
            xpos_names[nx++] = sp_add(&sp, ci[i].xpos, strlen(ci[i].xpos));
        cls_xpos[i] = (uint16_t)(nx - 1);
        cls_upos[i] = ci[i].upos;
    }
    fprintf(stderr, "classes: %u (UPOS, XPOS) pairs, %u XPOS tags\n", ncls, nx);

    dict d;
    build_dict(&c, &d);
    ambtab amb;
    build_amb(&c, opts->word_classes, &amb);
    g_amb = &amb;

    // Jackknifed tags for the parser's training data.
    unsigned folds = opts->folds;
    kg_parse *scratch = kg_parse_new();
    if (folds >= 2) {
        for (unsigned fo = 0; fo < folds; fo++) {
            store js;
            train_tagger(&js, &d, &c, ncls, opts->tag_epochs, folds, fo, opts->seed + fo + 1, NULL,
                         0, NULL);
            for (uint32_t s = fo; s < c.n_sent; s += folds)
                tag_sentence(&js, &d, &c, s, scratch, c.pcls, NULL, NULL, NULL, NULL);
            store_free(&js);
            fprintf(stderr, "jackknife fold %u/%u done (%.0f s)\n", fo + 1, folds, secs() - t0);
        }
        size_t ok = 0;
        for (size_t k = 0; k < c.n_tok; k++)
            ok += c.pcls[k] == c.gcls[k];
        fprintf(stderr, "jackknifed train tag accuracy %.2f\n",
                100.0 * (double)ok / (double)c.n_tok);
    } else
        memcpy(c.pcls, c.gcls, c.n_tok);

    store tagger;
    train_tagger(&tagger, &d, &c, ncls, opts->tag_epochs, 0, 0, opts->seed, have_dev ? &dev : NULL,
                 opts->verbose, NULL);
    fprintf(stderr, "tagger trained: %zu features (%.0f s)\n", tagger.used, secs() - t0);
    // Second pass: the same features plus the first-pass classes of the
    // words to the right, learned from the jackknifed first-pass classes.
    store tagger2;
    train_tagger(&tagger2, &d, &c, ncls, opts->tag_epochs, 0, 0, opts->seed + 77, NULL, 0, c.pcls);
    fprintf(stderr, "second-pass tagger trained: %zu features (%.0f s)\n", tagger2.used,
            secs() - t0);
    if (have_dev) {
        uint8_t *first = kg_xmalloc(dev.n_tok + 1);
        float *sc1 = kg_xmalloc((dev.n_tok + 1) * KG_MAX_CLS * sizeof *sc1);
        for (size_t s = 0; s < dev.n_sent; s++)
            tag_sentence(&tagger, &d, &dev, s, scratch, first, NULL, NULL, NULL, sc1);
        for (size_t s = 0; s < dev.n_sent; s++)
            tag_sentence(&tagger2, &d, &dev, s, scratch, dev.pcls, NULL, NULL, first, sc1);
        free(sc1);
        size_t ok1 = 0, ok = 0, okx = 0, oku = 0;
        for (size_t k = 0; k < dev.n_tok; k++) {
            ok1 += first[k] == dev.gcls[k];
            ok += dev.pcls[k] == dev.gcls[k];
            okx += cls_xpos[dev.pcls[k]] == cls_xpos[dev.gcls[k]];
            oku += cls_upos[dev.pcls[k]] == cls_upos[dev.gcls[k]];
        }
        fprintf(stderr, "dev (averaged): first pass class %.2f; class %.2f UPOS %.2f XPOS %.2f\n",
                100.0 * (double)ok1 / (double)dev.n_tok, 100.0 * (double)ok / (double)dev.n_tok,
                100.0 * (double)oku / (double)dev.n_tok, 100.0 * (double)okx / (double)dev.n_tok);
        free(first);
    }

    // Parser: projectivised gold trees, jackknifed tags, dynamic oracle.
    uint32_t *gh = kg_xmalloc((c.n_tok + 1) * sizeof *gh);
    uint32_t *dep_start = kg_xmalloc((c.n_tok + 2 * c.n_sent + 2) * sizeof *dep_start);
    uint32_t *deps = kg_xmalloc((c.n_tok + 1) * sizeof *deps);
    uint32_t *dep_base = kg_xmalloc((c.n_sent + 1) * sizeof *dep_base);
    size_t lifted = 0;
    memcpy(gh, c.head, c.n_tok * sizeof *gh);
    {
        size_t ds = 0;
        for (size_t s = 0; s < c.n_sent; s++) {
            uint32_t a = c.sent_off[s], n = c.sent_off[s + 1] - a;
            lifted += projectivize(gh + a, n);
            // dependents, counting-sort by head (n+1 heads incl. ROOT)
            uint32_t *st0 = dep_start + a + 2 * s;
            dep_base[s] = (uint32_t)ds;
            memset(st0, 0, (n + 2) * sizeof *st0);
            for (uint32_t i = 0; i < n; i++)
                st0[gh[a + i] + 1]++;
            for (uint32_t i = 0; i <= n; i++)
                st0[i + 1] += st0[i];
            uint32_t *fill = kg_xmalloc((n + 1) * sizeof *fill);
            memcpy(fill, st0, (n + 1) * sizeof *fill);
            for (uint32_t i = 0; i < n; i++)
                deps[a + fill[gh[a + i]]++] = i;
            free(fill);
            ds += n;
        }
    }
    fprintf(stderr, "projectivised: %zu arcs lifted\n", lifted);
    store par, lab;
    store_init(&par, KG_NU);
    store_init(&lab, KG_NTRANS);
    uint32_t *order = kg_xmalloc(c.n_sent * sizeof *order);
    for (uint32_t i = 0; i < c.n_sent; i++)
        order[i] = i;
    uint64_t rng = (uint64_t)opts->seed * 0x9E3779B97F4A7C15ULL + 99;
    size_t nfmax = 0;
    btrain bt;
    if (opts->beam) {
        btrain_init(&bt, opts->beam, &c);
    }
    for (unsigned ep = 0; ep < opts->par_epochs; ep++) {
        shuffle(order, c.n_sent, &rng);
        ptrain pt = {&par, &lab, 1, ep > 0, &rng, &nfmax, opts->par_feat};
        for (size_t i = 0; i < c.n_sent; i++) {
            uint32_t s = order[i], a = c.sent_off[s];
            gold_tree g = {gh + a, c.lab + a, dep_start + a + 2 * s, deps + a};
            if (opts->beam)
                beam_train_sentence(&c, s, c.pcls, scratch, &g, &pt, &bt, NULL, NULL);
            else
                parse_sentence(&c, s, c.pcls, scratch, &g, &pt, NULL, NULL);
        }
        fprintf(stderr, "parser epoch %u: %zu features, labeller %zu (%.0f s)\n", ep + 1, par.used,
                lab.used, secs() - t0);
        if (opts->beam) {
            fprintf(stderr, "  beam %u: %zu of %zu sentences updated\n", opts->beam, bt.updates,
                    bt.sentences);
            bt.updates = bt.sentences = 0;
            if (have_dev) eval_beam(&par, &lab, &dev, opts->beam, opts->par_feat, ep + 1);
        }
    }
    if (opts->beam) btrain_free(&bt);
    store_average(&par);
    store_average(&lab);
    if (nfmax > KG_MAX_PAR_FEATS) fprintf(stderr, "warning: %zu parser features\n", nfmax);
    if (have_dev)
        eval_parser(&par, &lab, &dev, dev.pcls, opts->par_feat, "averaged, predicted tags, greedy");

    size_t lab_dict_len = 0;
    uint8_t *lab_dict = opts->lab_dict_min ? build_lab_dict(&c, ncls, opts, &lab_dict_len) : NULL;

    // Lemmas.
    u64map lem, rules;
    build_lemmas(&c, cls_xpos, &sp, &lem, &rules);

    // Export: the model, then variants with other pruning thresholds
    // (OUT.pW, for tuning on dev).
    for (unsigned pi = 0; pi <= opts->n_extra_prunes; pi++) {
        float prune = pi == 0 ? opts->prune : opts->extra_prunes[pi - 1];
        char vpath[4096];
        if (pi == 0)
            snprintf(vpath, sizeof vpath, "%s", out_path);
        else
            snprintf(vpath, sizeof vpath, "%s.p%g", out_path, (double)prune);
        otable ot, ot2, ol;
        size_t nft, nft2, nfp, nfl;
        uint32_t pmask;
        kg_ubucket *pslots;
        // Variants change the parser's threshold only.
        store_export(&tagger, &ot, &nft, opts->tag_prune);
        store_export(&tagger2, &ot2, &nft2, opts->tag_prune);
        store_export_u(&par, &pmask, &pslots, &nfp, prune);
        store_export(&lab, &ol, &nfl, opts->lab_prune > 0 ? opts->lab_prune : opts->prune);
        fprintf(stderr,
                "export: tagger %zu features (%zu dense) %zu weights, parser %zu features, "
                "labeller %zu features (%zu dense) %zu weights\n",
                nft, ot.n_dense, ot.n_entries, nfp, nfl, ol.n_dense, ol.n_entries);
        // The first pass's scores count KG_TAG1_WEIGHT in the second's:
        // in the second's quantised units, times its scale over the first's.
        float scale1, scale2, minq;
        store_kept(&tagger, opts->tag_prune, &scale1, &minq);
        store_kept(&tagger2, opts->tag_prune, &scale2, &minq);
        uint32_t tag1_w = (uint32_t)lroundf(KG_TAG1_WEIGHT * scale2 / scale1 * 1024.0f);
        uint32_t info[13] = {ncls,     nx,         ot.mask,       pmask,    d.mask,
                             lem.mask, rules.mask, amb.mask,      ot2.mask, ol.mask,
                             tag1_w,   opts->beam, opts->par_feat};
        const void *sec[KG_SEC_COUNT];
        uint32_t len[KG_SEC_COUNT];
        sec[KG_SEC_INFO] = info;
        len[KG_SEC_INFO] = sizeof info;
        sec[KG_SEC_CLS_UPOS] = cls_upos;
        len[KG_SEC_CLS_UPOS] = ncls;
        sec[KG_SEC_CLS_XPOS] = cls_xpos;
        len[KG_SEC_CLS_XPOS] = 2 * ncls;
        sec[KG_SEC_XPOS_NAMES] = xpos_names;
        len[KG_SEC_XPOS_NAMES] = 4 * nx;
        sec[KG_SEC_STRINGS] = sp.s;
        len[KG_SEC_STRINGS] = (uint32_t)sp.len;
        otable_sections(&ot, ncls, KG_SEC_TAG_SLOTS, KG_SEC_TAG_DENSE, KG_SEC_TAG_ENTRIES, sec,
                        len);
        otable_sections(&ot2, ncls, KG_SEC_TAG2_SLOTS, KG_SEC_TAG2_DENSE, KG_SEC_TAG2_ENTRIES, sec,
                        len);
        sec[KG_SEC_PAR_SLOTS] = pslots;
        len[KG_SEC_PAR_SLOTS] = (uint32_t)sizeof(kg_ubucket) * (pmask + 1);
        otable_sections(&ol, KG_NTRANS, KG_SEC_LAB_SLOTS, KG_SEC_LAB_DENSE, KG_SEC_LAB_ENTRIES, sec,
                        len);
        sec[KG_SEC_DICT_KEYS] = d.keys;
        len[KG_SEC_DICT_KEYS] = 4 * (d.mask + 1);
        sec[KG_SEC_DICT_VALS] = d.vals;
        len[KG_SEC_DICT_VALS] = d.mask + 1;
        sec[KG_SEC_LEM_KEYS] = lem.keys;
        len[KG_SEC_LEM_KEYS] = 8 * (lem.mask + 1);
        sec[KG_SEC_LEM_VALS] = lem.vals;
        len[KG_SEC_LEM_VALS] = 4 * (lem.mask + 1);
        sec[KG_SEC_RULE_KEYS] = rules.keys;
        len[KG_SEC_RULE_KEYS] = 8 * (rules.mask + 1);
        sec[KG_SEC_RULE_VALS] = rules.vals;
        len[KG_SEC_RULE_VALS] = 4 * (rules.mask + 1);
        sec[KG_SEC_AMB_KEYS] = amb.keys;
        len[KG_SEC_AMB_KEYS] = 4 * (amb.mask + 1);
        sec[KG_SEC_AMB_VALS] = amb.vals;
        len[KG_SEC_AMB_VALS] = 4 * (amb.mask + 1);
        sec[KG_SEC_LAB_DICT] = lab_dict;
        len[KG_SEC_LAB_DICT] = (uint32_t)lab_dict_len;
        kg_status wst = write_model(vpath, sec, len);
        if (pi == 0) st = wst;
        fprintf(stderr, "wrote %s (%.0f s)\n", vpath, secs() - t0);
        otable_free(&ot);
        otable_free(&ot2);
        otable_free(&ol);
        free(pslots);
    }
    free(lem.keys);
    free(lem.vals);
    free(rules.keys);
    free(rules.vals);
    free(d.keys);
    free(d.vals);
    free(amb.keys);
    free(amb.vals);
    free(lab_dict);
    g_amb = NULL;
    free(sp.s);
    free(xpos_names);
    free(cls_xpos);
    free(cls_upos);
    free(ci);
    free(order);
    free(gh);
    free(dep_start);
    free(deps);
    free(dep_base);
    store_free(&tagger);
    store_free(&tagger2);
    store_free(&par);
    store_free(&lab);
    kg_parse_free(scratch);
    free_corpus(&c);
    if (have_dev) free_corpus(&dev);
    return st;
}
