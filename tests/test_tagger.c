/* SPDX-License-Identifier: MIT
 * kg: tests for the tagger, lemmatiser and parser with the embedded model. */
#include "kg/tagger.h"
#include "tagger_impl.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

static kg_tagger *tg;

static void words_of(char *text, kg_word *w, size_t *n)
{
    *n = 0;
    for (char *t = strtok(text, " "); t; t = strtok(NULL, " ")) {
        w[*n].ptr = t;
        w[(*n)++].len = strlen(t);
    }
}

/* Heads form one tree: exactly one root, no cycles, all in range. */
static int is_tree(const kg_parse *p)
{
    size_t n = kg_parse_size(p), roots = 0;
    for (size_t i = 0; i < n; i++) {
        const kg_word_analysis *a = kg_parse_word(p, i);
        if (a->head > n) return 0;
        if (a->head == 0) {
            roots++;
            if (a->deprel != KG_DEP_ROOT) return 0;
        } else if (a->deprel == KG_DEP_ROOT)
            return 0;
        size_t h = i + 1, steps = 0;
        while (h != 0 && steps++ <= n)
            h = kg_parse_word(p, h - 1)->head;
        if (h != 0) return 0;
    }
    return roots == 1;
}

static void test_names(void)
{
    for (unsigned i = 0; i < KG_UPOS_COUNT; i++) {
        const char *name = kg_upos_name((kg_upos)i);
        CHECK(kg_upos_from_name(name, strlen(name)) == (kg_upos)i);
    }
    for (unsigned i = 0; i < KG_DEP_COUNT; i++) {
        const char *name = kg_deprel_name((kg_deprel)i);
        CHECK(kg_deprel_from_name(name, strlen(name)) == (kg_deprel)i);
    }
    CHECK_STR(kg_deprel_name(KG_DEP_NSUBJ_PASS), "nsubj:pass");
    CHECK_STR(kg_upos_name(KG_UPOS_PROPN), "PROPN");
    CHECK(kg_upos_from_name("NOPE", 4) == KG_UPOS_X);
    CHECK(kg_deprel_from_name("nsubj:xyz", 9) == KG_DEP_DEP);
    CHECK_STR(kg_xpos_name(tg, 60000), "_");
}

static void test_free_null(void)
{
    kg_tagger_free(NULL);
    kg_parse_free(NULL);
    CHECK(1);
}

static void test_simple(void)
{
    kg_word w[] = {{"China", 5}, {"supports", 8}, {"it", 2}, {".", 1}};
    kg_parse *p = kg_parse_new();
    CHECK(kg_tagger_parse(tg, w, 4, p) == KG_SUCCESS);
    CHECK(kg_parse_size(p) == 4);
    const kg_word_analysis *a = kg_parse_word(p, 0);
    CHECK(a->upos == KG_UPOS_PROPN);
    CHECK_STR(kg_xpos_name(tg, a->xpos), "NNP");
    CHECK(a->head == 2 && a->deprel == KG_DEP_NSUBJ);
    a = kg_parse_word(p, 1);
    CHECK(a->upos == KG_UPOS_VERB && a->head == 0 && a->deprel == KG_DEP_ROOT);
    CHECK_STR(a->lemma, "support");
    a = kg_parse_word(p, 2);
    CHECK(a->upos == KG_UPOS_PRON && a->head == 2 && a->deprel == KG_DEP_OBJ);
    a = kg_parse_word(p, 3);
    CHECK(a->upos == KG_UPOS_PUNCT && a->head == 2 && a->deprel == KG_DEP_PUNCT);
    CHECK(is_tree(p));
    CHECK(kg_tagger_parse(tg, w, 0, p) == KG_ERR_ARG);
    kg_parse_free(p);
}

static void test_passive(void)
{
    char text[] = "The bridge was built by engineers from Suzhou in 2005 .";
    kg_word w[32];
    size_t n;
    words_of(text, w, &n);
    kg_parse *p = kg_parse_new();
    CHECK(kg_tagger_parse(tg, w, n, p) == KG_SUCCESS);
    CHECK(is_tree(p));
    CHECK(kg_parse_word(p, 1)->deprel == KG_DEP_NSUBJ_PASS);
    CHECK(kg_parse_word(p, 1)->head == 4);
    CHECK(kg_parse_word(p, 2)->deprel == KG_DEP_AUX_PASS);
    CHECK(kg_parse_word(p, 3)->head == 0);
    CHECK_STR(kg_parse_word(p, 3)->lemma, "build");
    CHECK(kg_parse_word(p, 5)->deprel == KG_DEP_OBL_AGENT ||
          kg_parse_word(p, 5)->deprel == KG_DEP_OBL);
    CHECK_STR(kg_parse_word(p, 5)->lemma, "engineer");
    CHECK_STR(kg_parse_word(p, 2)->lemma, "be");
    kg_parse_free(p);
}

static void test_lemmas(void)
{
    char text[] = "Companies went bankrupt after the Zorbulators flimmaxed their ogglings .";
    kg_word w[32];
    size_t n;
    words_of(text, w, &n);
    kg_parse *p = kg_parse_new();
    CHECK(kg_tagger_tag(tg, w, n, p) == KG_SUCCESS);
    CHECK_STR(kg_parse_word(p, 0)->lemma, "company");
    CHECK_STR(kg_parse_word(p, 1)->lemma, "go");
    CHECK_STR(kg_parse_word(p, 4)->lemma, "the");
    CHECK_STR(kg_parse_word(p, 7)->lemma, "their");
    CHECK_STR(kg_parse_word(p, 8)->lemma, "oggling"); // unknown word: suffix rule
    for (size_t i = 0; i < n; i++)
        CHECK(kg_parse_word(p, i)->head == 0 && kg_parse_word(p, i)->deprel == KG_DEP_DEP);
    kg_parse_free(p);
}

/* A very long "sentence" parses and still gives a tree.  (Its time is a
 * benchmark's business, not a test's: bench/tagger_bench.c.) */
static void test_long(void)
{
    size_t n = 20000;
    kg_word *w = kg_xmalloc(n * sizeof *w);
    static const char *const vocab[] = {"the", "cat", "sat",  "on",   "mat",
                                        ",",   "and", "dogs", "bark", "loudly"};
    for (size_t i = 0; i < n; i++) {
        w[i].ptr = vocab[(i * 7 + i / 3) % 10];
        w[i].len = strlen(w[i].ptr);
    }
    kg_parse *p = kg_parse_new();
    CHECK(kg_tagger_parse(tg, w, n, p) == KG_SUCCESS);
    CHECK(kg_parse_size(p) == n);
    CHECK(is_tree(p));
    // Words with odd bytes and huge length are fine too.
    char big[5000];
    memset(big, 'A', sizeof big);
    big[10] = (char)0xc3;
    kg_word odd[] = {{big, sizeof big}, {"\xe2\x80\x94", 3}, {"x", 1}};
    CHECK(kg_tagger_parse(tg, odd, 3, p) == KG_SUCCESS);
    CHECK(is_tree(p));
    kg_parse_free(p);
    free(w);
}

static int valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80             ? 0
                : (*p & 0xe0) == 0xc0 ? 1
                : (*p & 0xf0) == 0xe0 ? 2
                : (*p & 0xf8) == 0xf0 ? 3
                                      : -1;
        if (n < 0) return 0;
        p++;
        for (int i = 0; i < n; i++, p++)
            if ((*p & 0xc0) != 0x80) return 0;
    }
    return 1;
}

/* Lemmas of words with non-ASCII letters stay valid UTF-8. */
static void test_utf8_lemmas(void)
{
    char text[] = "I \xc2\xb4m sure the na\xc3\xafvet\xc3\xa9s of caf\xc3\xa9s "
                  "\xe2\x80\x94 r\xc3\xa9sum\xc3\xa9s , Bj\xc3\xb6rks and "
                  "\xe5\x8c\x97\xe4\xba\xac\xe5\xb8\x82 \xc2\xb4s \xc3\xa9\xc3\xa9s worked .";
    kg_word w[32];
    size_t n;
    words_of(text, w, &n);
    kg_parse *p = kg_parse_new();
    CHECK(kg_tagger_parse(tg, w, n, p) == KG_SUCCESS);
    for (size_t i = 0; i < n; i++)
        CHECK(valid_utf8(kg_parse_word(p, i)->lemma));
    kg_parse_free(p);
}

static void test_load_errors(void)
{
    kg_tagger *t = NULL;
    CHECK(kg_tagger_load("/nonexistent/kg.model", &t) == KG_ERR_IO);
    char path[] = "/tmp/kg-test-model-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    fputs("KGTAGGR1 not really a model", f);
    fclose(f);
    CHECK(kg_tagger_load(path, &t) == KG_ERR_MODEL);
    remove(path);
}

/* The committed model file, read whole (NULL on failure). */
static uint8_t *read_model(size_t *size)
{
    FILE *in = fopen("model/kg-ewt.model", "rb");
    CHECK(in != NULL);
    if (!in) return NULL;
    fseek(in, 0, SEEK_END);
    long sz = ftell(in);
    fseek(in, 0, SEEK_SET);
    uint8_t *m = malloc((size_t)sz);
    CHECK(m && fread(m, 1, (size_t)sz, in) == (size_t)sz);
    fclose(in);
    *size = (size_t)sz;
    return m;
}

/* Section @p sec's offset and length in model @p m. */
static void section(const uint8_t *m, int sec, uint32_t *off, uint32_t *len)
{
    memcpy(off, m + 16 + 8 * sec, 4);
    memcpy(len, m + 20 + 8 * sec, 4);
}

/* Load the (changed) model bytes @p m through a file, then free them. */
static kg_status load_bytes(uint8_t *m, size_t size, kg_tagger **t)
{
    char path[] = "/tmp/kg-test-model-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    CHECK(f && fwrite(m, 1, size, f) == size);
    fclose(f);
    free(m);
    kg_status st = kg_tagger_load(path, t);
    remove(path);
    return st;
}

/* A damaged model whose hash tables have no empty slot left must not make
 * a lookup probe forever: every word is then simply unknown. */
static void test_full_tables(void)
{
    size_t size;
    uint8_t *m = read_model(&size);
    if (!m) return;
    const int full[] = {KG_SEC_AMB_KEYS, KG_SEC_DICT_KEYS, KG_SEC_LEM_KEYS, KG_SEC_RULE_KEYS};
    for (size_t i = 0; i < sizeof full / sizeof *full; i++) {
        uint32_t off, len;
        section(m, full[i], &off, &len);
        memset(m + off, 0xAB, len); // no key is 0, none is the one looked for
    }
    kg_tagger *t = NULL;
    CHECK(load_bytes(m, size, &t) == KG_SUCCESS);
    if (!t) return;
    kg_word w[] = {{"China", 5}, {"supports", 8}, {"the", 3}, {"park", 4}, {".", 1}};
    kg_parse *p = kg_parse_new();
    CHECK(kg_tagger_parse(t, w, 5, p) == KG_SUCCESS);
    CHECK(kg_parse_size(p) == 5);
    kg_parse_free(p);
    kg_tagger_free(t);
}

/* The label dictionary: the model has one; a label out of range or ROOT
 * in it, or a wrong length, is refused; without it the labeller labels
 * every arc, and the parse is still a tree. */
static void test_lab_dict(void)
{
    CHECK(tg->lab_dict != NULL);
    size_t size;
    uint8_t *m = read_model(&size);
    if (!m) return;
    uint32_t off, len;
    section(m, KG_SEC_LAB_DICT, &off, &len);
    CHECK(len == kg_tg_lab_dict_at(tg->n_cls, tg->n_cls, 0, 0));
    uint8_t *bad = malloc(size);
    kg_tagger *t = NULL;
    const uint8_t labels[] = {KG_DEP_ROOT, KG_NLAB, 0xfe};
    for (size_t i = 0; i < sizeof labels; i++) {
        memcpy(bad, m, size);
        bad[off + len / 2] = labels[i];
        CHECK(load_bytes(bad, size, &t) == KG_ERR_MODEL);
        bad = malloc(size);
    }
    memcpy(bad, m, size);
    uint32_t short_len = len - 1;
    memcpy(bad + 20 + 8 * KG_SEC_LAB_DICT, &short_len, 4);
    CHECK(load_bytes(bad, size, &t) == KG_ERR_MODEL);
    uint32_t none = 0;
    memcpy(m + 20 + 8 * KG_SEC_LAB_DICT, &none, 4);
    CHECK(load_bytes(m, size, &t) == KG_SUCCESS);
    if (!t) return;
    CHECK(t->lab_dict == NULL);
    char text[] =
        "The committee , which met in Paris on Monday , approved the plan and the budget .";
    kg_word w[32];
    size_t n;
    words_of(text, w, &n);
    kg_parse *p = kg_parse_new(), *q = kg_parse_new();
    CHECK(kg_tagger_parse(t, w, n, p) == KG_SUCCESS);
    CHECK(kg_tagger_parse(tg, w, n, q) == KG_SUCCESS);
    CHECK(is_tree(p) && is_tree(q));
    CHECK(kg_parse_word(p, 0)->deprel == KG_DEP_DET && kg_parse_word(q, 0)->deprel == KG_DEP_DET);
    kg_parse_free(p);
    kg_parse_free(q);
    kg_tagger_free(t);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The parser keeps the scores of the S0, S1 and B0 feature parts of a
 * word until the word gets a child: so each part must be the same
 * whenever its word has the same child counts, and the parts together
 * must be the whole feature list.  Checked along random transition
 * sequences. */
static void test_feature_parts(void)
{
    char text[] = "The park , which Singapore and China founded in 1994 , grew fast and "
                  "now hosts many firms from Europe .";
    kg_word w[32];
    size_t n;
    words_of(text, w, &n);
    kg_parse *p = kg_parse_new();
    CHECK(kg_tagger_tag(tg, w, n, p) == KG_SUCCESS);
    kg_tg_pstate_grow(p, n);
    enum { MAXP = 32 };
    static uint64_t seen[3 * 33][MAXP];
    static size_t seen_n[3 * 33];
    static uint32_t seen_key[3 * 33];
    const unsigned part[3] = {KG_PF_S0, KG_PF_S1, KG_PF_B0};
    uint64_t rng = 7;
    size_t checks = 0, bad = 0;
    for (int run = 0; run < 200; run++) {
        kg_pstate *s = &p->ps;
        kg_tg_pstate_init(s, (uint32_t)n);
        for (size_t i = 0; i < 3 * (n + 1); i++)
            seen_key[i] = UINT32_MAX;
        while (!(s->sp == 0 && s->b == s->n)) {
            if (s->sp >= 1 && s->b < s->n) {
                uint64_t all[KG_MAX_PAR_FEATS], parts[KG_MAX_PAR_FEATS];
                size_t na = kg_tg_par_features_s(s, p->tok, p->cls, all), np = 0;
                uint32_t who[3] = {s->stack[s->sp - 1], s->sp > 1 ? s->stack[s->sp - 2] : s->n,
                                   s->b};
                np += kg_tg_par_features_part(s, p->tok, p->cls, KG_PF_REST, parts);
                for (unsigned j = 0; j < 3; j++) {
                    uint64_t f[KG_MAX_PAR_FEATS];
                    size_t k = kg_tg_par_features_part(s, p->tok, p->cls, part[j], f);
                    memcpy(parts + np, f, k * sizeof *f);
                    np += k;
                    CHECK(k <= MAXP);
                    size_t slot = 3 * (size_t)who[j] + j;
                    uint32_t key =
                        who[j] < s->n ? (uint32_t)s->nl[who[j]] << 16 | s->nr[who[j]] : 0;
                    if (seen_key[slot] == key) {
                        checks++;
                        bad += seen_n[slot] != k || memcmp(seen[slot], f, k * sizeof *f) != 0;
                    } else if (k <= MAXP) {
                        seen_key[slot] = key;
                        seen_n[slot] = k;
                        memcpy(seen[slot], f, k * sizeof *f);
                    }
                }
                CHECK(np == na);
                qsort(all, na, sizeof *all, cmp_u64);
                qsort(parts, np, sizeof *parts, cmp_u64);
                CHECK(memcmp(all, parts, na * sizeof *all) == 0);
            }
            rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
            unsigned r = (unsigned)(rng >> 33), l = 1 + r / 4 % (KG_NLAB - 1);
            if (l == KG_DEP_ROOT) l = 0;
            int can_shift = s->b < s->n, can_right = s->sp >= 2;
            int can_left = s->sp >= 1 && (s->b < s->n || s->sp == 1);
            if (s->b == s->n && s->sp == 1)
                kg_tg_apply(s, KG_T_LEFT(KG_DEP_ROOT));
            else if (can_shift && (r % 3 == 0 || (!can_left && !can_right)))
                kg_tg_apply(s, KG_T_SHIFT);
            else if (can_left && (r % 3 == 1 || !can_right))
                kg_tg_apply(s, KG_T_LEFT(l));
            else
                kg_tg_apply(s, KG_T_RIGHT(l));
        }
    }
    CHECK(checks > 1000);
    CHECK(bad == 0);
    kg_parse_free(p);
}

/* Sentences for the beam tests: pseudo-random word sequences of many
 * lengths (1 to 80 words) from a small mixed vocabulary. */
static size_t beam_sentence(unsigned seed, kg_word *w, size_t cap)
{
    static const char *const vocab[] = {
        "the",  "cat",    "sat",     "on",    "mat",   ",",         "and",   "dogs",
        "bark", "loudly", "John",    "Smith", "said",  "that",      "Apple", "bought",
        "a",    "new",    "company", "in",    "Paris", "yesterday", ".",     "who",
        "was",  "not",    "happy",   "to",    "see",   "it",        "(",     ")",
        "'s",   "of",     "2019",    "is",    "will",  "be",        "very",  "?"};
    const size_t nv = sizeof vocab / sizeof *vocab;
    uint64_t x = seed * 0x9e3779b97f4a7c15ULL + 1;
    size_t n = 1 + seed % 80;
    if (n > cap) n = cap;
    for (size_t i = 0; i < n; i++) {
        x ^= x >> 12, x ^= x << 25, x ^= x >> 27;
        const char *v = vocab[(x * 0x2545F4914F6CDD1DULL >> 33) % nv];
        w[i].ptr = v;
        w[i].len = strlen(v);
    }
    return n;
}

static int same_parse(const kg_parse *a, const kg_parse *b)
{
    if (kg_parse_size(a) != kg_parse_size(b)) return 0;
    for (size_t i = 0; i < kg_parse_size(a); i++)
        if (kg_parse_word(a, i)->head != kg_parse_word(b, i)->head ||
            kg_parse_word(a, i)->deprel != kg_parse_word(b, i)->deprel)
            return 0;
    return 1;
}

/* The beam decoder: width 1 makes the greedy parser's choices; any width
 * gives one well-formed tree; the result depends only on the words and
 * the width (not on the scratch's history). */
/* The vector top-2 agrees with the plain loop: ties (the first index
 * wins), a best in the last lane, lengths that are not multiples of 8. */
static void test_top2(void)
{
    int32_t sc[KG_STRIDE + 8];
    uint64_t r = 12345;
    for (unsigned trial = 0; trial < 3000; trial++) {
        unsigned n = 1 + trial % KG_STRIDE;
        int32_t range = trial % 3 == 0 ? 4 : 1000000;
        for (unsigned k = 0; k < KG_STRIDE + 8; k++) {
            r = r * 6364136223846793005ULL + 1442695040888963407ULL;
            sc[k] = (int32_t)((r >> 33) % (uint64_t)range) - range / 2;
        }
        if (trial % 5 == 1) sc[n - 1] = INT32_MAX; // best in the last lane
        int32_t s1, s2;
        unsigned c1 = kg_tg_top2_plain(sc, n, &s1), c2 = kg_tg_top2(sc, n, &s2);
        CHECK(c1 == c2);
        CHECK(s1 == s2);
    }
    int32_t one[8] = {-7, 9, 9, 9, 9, 9, 9, 9}, s; // read up to 8, only the first counts
    CHECK(kg_tg_top2(one, 1, &s) == 0 && s == INT32_MIN);
}

/* The coarse table's int8 weights are summed as the plain loop would:
 * every slot of a full bucket (the last ends at the line's end), the
 * extreme weights, a feature that overflowed into the next bucket, and
 * one that is not there. */
static void test_utable(void)
{
    enum { CAP = 3 };
    kg_ubucket *b = aligned_alloc(64, CAP * sizeof *b);
    memset(b, 0, CAP * sizeof *b);
    kg_utable t = {CAP - 1, b};
    uint64_t f[KG_USLOTS + 2];
    int32_t want[KG_NU] = {0};
    size_t nf = 0;
    // Hashes whose home is bucket 0, distinct 16-bit keys.
    for (uint64_t h = 1; nf < KG_USLOTS + 2; h = h * 0x9e3779b97f4a7c15ULL + 7) {
        if (kg_tg_home(h, CAP) != 0) continue;
        int dup = 0;
        for (size_t i = 0; i < nf; i++)
            dup |= kg_tg_key16(f[i]) == kg_tg_key16(h);
        if (!dup) f[nf++] = h;
    }
    for (size_t i = 0; i <= KG_USLOTS; i++) { // the last one goes to bucket 1
        kg_ubucket *bk = &b[i < KG_USLOTS ? 0 : 1];
        size_t j = i < KG_USLOTS ? i : 0;
        bk->key[j] = kg_tg_key16(f[i]);
        for (unsigned c = 0; c < KG_NU; c++) {
            int w = (int)((i * 37 + c * 101) % 255) - 127; // -127 .. 127
            if (i == 1) w = c % 2 ? 127 : -127;
            bk->w[j][c] = (int8_t)w;
            want[c] += w;
        }
    }
    int32_t sc[KG_NU] = {0};
    kg_tg_score_utable(&t, f, nf, sc); // f[KG_USLOTS + 1] is in no bucket
    for (unsigned c = 0; c < KG_NU; c++)
        CHECK(sc[c] == want[c]);
    free(b);
}

static void test_beam(void)
{
    kg_tagger *g = NULL, *b = NULL;
    CHECK(kg_tagger_default(&g) == KG_SUCCESS && kg_tagger_default(&b) == KG_SUCCESS);
    if (!g || !b) return;
    CHECK(kg_tagger_beam(g) == 0); // the embedded model is greedy
    kg_tagger_set_beam(b, 1000);
    CHECK(kg_tagger_beam(b) == 64);
    kg_tagger_set_beam(NULL, 4); // no-op
    CHECK(kg_tagger_beam(NULL) == 0);
    kg_word w[80];
    kg_parse *pg = kg_parse_new(), *pb = kg_parse_new(), *pf = kg_parse_new();
    static const unsigned widths[] = {1, 2, 4, 8, 16};
    for (unsigned seed = 0; seed < 200; seed++) {
        size_t n = beam_sentence(seed, w, 80);
        CHECK(kg_tagger_parse(g, w, n, pg) == KG_SUCCESS);
        for (size_t wi = 0; wi < sizeof widths / sizeof *widths; wi++) {
            kg_tagger_set_beam(b, widths[wi]);
            CHECK(kg_tagger_parse(b, w, n, pb) == KG_SUCCESS);
            CHECK(is_tree(pb));
            if (widths[wi] == 1) CHECK(same_parse(pg, pb));
            // the same again with a fresh scratch
            kg_parse_free(pf);
            pf = kg_parse_new();
            CHECK(kg_tagger_parse(b, w, n, pf) == KG_SUCCESS);
            CHECK(same_parse(pb, pf));
        }
    }
    // Longer than KG_BEAM_MAX_WORDS: parsed greedily, still a tree.
    size_t n = KG_BEAM_MAX_WORDS + 50;
    kg_word *lw = kg_xmalloc(n * sizeof *lw);
    for (size_t i = 0; i < n; i++)
        beam_sentence((unsigned)i + 7, &lw[i], 1);
    kg_tagger_set_beam(b, 8);
    CHECK(kg_tagger_parse(b, lw, n, pb) == KG_SUCCESS);
    CHECK(is_tree(pb));
    CHECK(kg_tagger_parse(g, lw, n, pg) == KG_SUCCESS);
    CHECK(same_parse(pg, pb));
    free(lw);
    kg_parse_free(pg);
    kg_parse_free(pb);
    kg_parse_free(pf);
    kg_tagger_free(g);
    kg_tagger_free(b);
}

static int cand_order(const void *a, const void *b)
{
    const kg_beam_cand *x = a, *y = b;
    if (x->score != y->score) return x->score > y->score ? -1 : 1;
    if (x->parent != y->parent) return x->parent < y->parent ? -1 : 1;
    return x->u < y->u ? -1 : x->u > y->u;
}

/* The beam's selection keeps what a full sort would put first. */
static void test_beam_select(void)
{
    kg_beam_cand c[200], d[200];
    uint64_t x = 12345;
    for (unsigned round = 0; round < 300; round++) {
        size_t n = round % 200, k = 1 + round % 17;
        for (size_t i = 0; i < n; i++) {
            x ^= x >> 12, x ^= x << 25, x ^= x >> 27;
            c[i].score = (double)(x % 7); // many ties
            c[i].parent = (uint32_t)((x >> 8) % 16);
            c[i].u = (uint32_t)i;
        }
        memcpy(d, c, n * sizeof *c);
        qsort(d, n, sizeof *d, cand_order);
        size_t m = kg_tg_beam_select(c, n, k);
        CHECK(m == (n < k ? n : k));
        for (size_t i = 0; i < m; i++)
            CHECK(c[i].score == d[i].score && c[i].parent == d[i].parent && c[i].u == d[i].u);
    }
}

/* A model whose info section has an eleventh word (a beam-trained one)
 * starts with that beam width. */
static void test_beam_model(void)
{
    size_t size;
    uint8_t *m = read_model(&size);
    if (!m) return;
    uint32_t off, len, width = 4;
    section(m, KG_SEC_INFO, &off, &len);
    CHECK(len == 13 * 4);
    memcpy(m + off + 44, &width, 4); // info[11]
    kg_tagger *t = NULL;
    CHECK(load_bytes(m, size, &t) == KG_SUCCESS);
    if (!t) return;
    CHECK(kg_tagger_beam(t) == 4);
    kg_tagger_free(t);
    uint32_t flags = 2; // no such parser feature
    m = read_model(&size);
    if (!m) return;
    memcpy(m + off + 48, &flags, 4); // info[12]
    CHECK(load_bytes(m, size, &t) == KG_ERR_MODEL);
}

int main(void)
{
    if (kg_tagger_default(&tg) != KG_SUCCESS) {
        fprintf(stderr, "embedded model failed to load\n");
        return 1;
    }
    RUN(test_names);
    RUN(test_free_null);
    RUN(test_simple);
    RUN(test_passive);
    RUN(test_lemmas);
    RUN(test_long);
    RUN(test_utf8_lemmas);
    RUN(test_load_errors);
    RUN(test_full_tables);
    RUN(test_lab_dict);
    RUN(test_feature_parts);
    RUN(test_top2);
    RUN(test_utable);
    RUN(test_beam);
    RUN(test_beam_select);
    RUN(test_beam_model);
    kg_tagger_free(tg);
    return DONE();
}
