/* SPDX-License-Identifier: MIT
 * kg: private tagger/parser structures shared by tagger.c and the trainer. */
#ifndef KG_TAGGER_IMPL_H
#define KG_TAGGER_IMPL_H

#include "kg/tagger.h"

#include <stdint.h>

/* Model file layout (little-endian, every section 8-byte aligned)
 * ---------------------------------------------------------------
 *
 *   +--------+-----------------------------+------------------------+
 *   | header | KG_SEC_COUNT x (off, len)   | sections ...           |
 *   +--------+-----------------------------+------------------------+
 *   magic "KGTAGGR1", u32 version, u32 section count, then per section
 *   a u32 byte offset and a u32 byte length from the file start.
 *
 * Weight tables are open-addressed hash tables of 64-byte buckets (one
 * cache line, kg_wbucket): eight 16-bit keys, compared at once, and eight
 * 6-byte payloads.  A feature lives in its home bucket or, when that is
 * full, in the next ones (linear probing by bucket); a bucket with a free
 * key ends the search.  A payload holds up to two (class, int16 weight)
 * pairs itself: most features have one or two weights (the perceptron
 * adds to the gold class and takes from the predicted one), so one cache
 * line answers them.  A feature with more classes points elsewhere: a
 * sparse run of kg_wentry (c0 = KG_SLOT_SPARSE, c1 = count), or, with
 * KG_DENSE_MIN classes or more, a dense row of KG_STRIDE int16 weights
 * (c0 = KG_SLOT_DENSE), summed with vector instructions.  The 32-bit
 * reference is split over w0 (low) and w1 (high).  Scores are int32 sums
 * of weights.  Sections start on 64-byte boundaries.
 *
 * The parser's coarse transition table (kg_ubucket) has the same probing
 * but holds KG_USLOTS keys and all KG_NU weights of each feature in the
 * line, as int8 (format 8; int16 before, four features a line); the arc labeller's table has the
 * tagger's shape, its classes the labelled arc transitions.  The label dictionary (KG_SEC_LAB_DICT)
 * is a dense u8 array over (head class, dependent class, direction).
 */

#define KG_MODEL_MAGIC "KGTAGGR1"
#define KG_MODEL_VERSION 8u

enum {
    KG_SEC_INFO = 0,     // u32: n_cls, n_xpos, tag_mask, par_mask, dict_mask, lem_mask, rule_mask,
                         // amb_mask, tag2_mask, lab_mask, tag1_w (the first tagging pass's
                         // weight in the second, x1024), beam width (0: greedy), parser
                         // feature flags (KG_PAR_EXTRA)
    KG_SEC_CLS_UPOS,     // u8[n_cls]: UPOS of each tagger class
    KG_SEC_CLS_XPOS,     // u16[n_cls]: XPOS index of each tagger class
    KG_SEC_XPOS_NAMES,   // u32[n_xpos]: string offsets
    KG_SEC_STRINGS,      // NUL-terminated strings
    KG_SEC_TAG_SLOTS,    // kg_wbucket[tag_mask+1]
    KG_SEC_TAG_DENSE,    // int16[rows * stride]
    KG_SEC_TAG_ENTRIES,  // kg_wentry[]
    KG_SEC_PAR_SLOTS,    // kg_ubucket[par_mask+1]: coarse transitions
    KG_SEC_LAB_SLOTS,    // arc labeller table, same shape as the tagger's
    KG_SEC_LAB_DENSE,    //
    KG_SEC_LAB_ENTRIES,  //
    KG_SEC_DICT_KEYS,    // u32[dict_mask+1]: tag dictionary (word -> class)
    KG_SEC_DICT_VALS,    // u8[dict_mask+1]
    KG_SEC_LEM_KEYS,     // u64[lem_mask+1]: (form, xpos) -> lemma string
    KG_SEC_LEM_VALS,     // u32[lem_mask+1]
    KG_SEC_RULE_KEYS,    // u64[rule_mask+1]: (xpos, suffix) -> rule
    KG_SEC_RULE_VALS,    // u32[rule_mask+1]: strip | lower<<7 | append string offset<<8
    KG_SEC_AMB_KEYS,     // u32[amb_mask+1]: lowercased word -> ambiguity class
    KG_SEC_AMB_VALS,     // u32[amb_mask+1]: hash of the set of classes seen
    KG_SEC_TAG2_SLOTS,   // second-pass tagger table
    KG_SEC_TAG2_DENSE,   //
    KG_SEC_TAG2_ENTRIES, //
    KG_SEC_LAB_DICT,     // u8[n_cls * n_cls * 2] or empty: label dictionary (kg_tg_lab_dict_at)
    KG_SEC_COUNT
};

/** One weight: a class and its quantised weight. */
typedef struct kg_wentry {
    uint16_t cls;
    int16_t w;
} kg_wentry;

/** The weights of one feature (see the layout above). */
typedef struct kg_wslot {
    uint8_t c0, c1; // classes of w0 and w1 (c1 KG_SLOT_NONE: one weight)
    int16_t w0, w1;
} kg_wslot;

#define KG_BUCKET_SLOTS 8u
/** One cache line of a weight table. */
typedef struct kg_wbucket {
    uint16_t key[KG_BUCKET_SLOTS]; // kg_tg_key16() of the features, 0 = free
    kg_wslot w[KG_BUCKET_SLOTS];
} kg_wbucket;
_Static_assert(sizeof(kg_wbucket) == 64, "a bucket is one cache line");

#define KG_SLOT_NONE 0xffu   // c1: the slot holds one weight
#define KG_SLOT_SPARSE 0xfeu // c0: c1 weights at entries[ref]
#define KG_SLOT_DENSE 0xffu  // c0: dense row number ref

/* The first step of a parser decision scores KG_NU coarse transitions:
 * SHIFT, and LEFT and RIGHT for each of KG_NGROUP label groups
 * (kg_tg_lab_group()); the labeller then picks the label.  The groups give
 * the linear model one weight vector per kind of arc instead of one per
 * direction. */
#ifndef KG_NGROUP
#define KG_NGROUP 3u
#endif
#define KG_NU (1u + 2u * KG_NGROUP)
#define KG_U_SHIFT 0u
#define KG_U_LEFT(g) (1u + (unsigned)(g))
#define KG_U_RIGHT(g) (1u + KG_NGROUP + (unsigned)(g))
#define KG_U_IS_LEFT(u) ((u) >= 1u && (u) <= KG_NGROUP)
/** Slots of a kg_ubucket: a 16-bit key and KG_NU int8 weights each (at
 *  most 8, the keys one SSE2 compare takes). */
#define KG_USLOTS (64u / (2u + KG_NU) > 8u ? 8u : 64u / (2u + KG_NU))
/** The largest weight of the int16 tables: the trainer scales the largest
 *  averaged weight to it. */
#define KG_W_QMAX 32000
/** The largest coarse weight: they are int8, in units of KG_W_QMAX /
 *  KG_U_QMAX of the int16 tables' scale. */
#define KG_U_QMAX 127

/** One cache line of the coarse transition table: KG_USLOTS keys and the
 *  KG_NU weights of each feature, always inline. */
typedef union kg_ubucket {
    struct {
        uint16_t key[KG_USLOTS];
        int8_t w[KG_USLOTS][KG_NU];
    };
    uint8_t raw[64];
} kg_ubucket;
_Static_assert(sizeof(kg_ubucket) == 64, "a bucket is one cache line");

/** A read-only coarse transition table. */
typedef struct kg_utable {
    uint32_t mask; // buckets - 1
    const kg_ubucket *buckets;
} kg_utable;

/** The label group of a dependency relation (0 .. KG_NGROUP-1):
 *  dependents of nominals, of predicates, and coordination and
 *  punctuation. */
static inline unsigned kg_tg_lab_group(unsigned l)
{
    unsigned g;
    switch (l) {
    case KG_DEP_DET:
    case KG_DEP_DET_PREDET:
    case KG_DEP_AMOD:
    case KG_DEP_NUMMOD:
    case KG_DEP_COMPOUND:
    case KG_DEP_NMOD:
    case KG_DEP_NMOD_POSS:
    case KG_DEP_NMOD_DESC:
    case KG_DEP_NMOD_UNMARKED:
    case KG_DEP_CASE:
    case KG_DEP_FLAT:
    case KG_DEP_FIXED:
    case KG_DEP_GOESWITH:
    case KG_DEP_APPOS:
    case KG_DEP_ACL:
    case KG_DEP_ACL_RELCL:
    case KG_DEP_CC_PRECONJ:
        g = 0;
        break;
    case KG_DEP_PUNCT:
    case KG_DEP_CC:
    case KG_DEP_CONJ:
        g = 2;
        break;
    default:
        g = 1;
    }
    return g < KG_NGROUP ? g : KG_NGROUP - 1;
}

/** The 32-bit reference of a sparse or dense slot. */
static inline uint32_t kg_slot_ref(const kg_wslot *s)
{
    return (uint32_t)(uint16_t)s->w0 | (uint32_t)(uint16_t)s->w1 << 16;
}

/** A read-only weight table (pointers into the model data). */
typedef struct kg_wtable {
    uint32_t mask;   // buckets - 1 (any size, see kg_tg_home())
    uint32_t stride; // dense row length
    const kg_wbucket *buckets;
    const kg_wentry *entries;
    size_t n_entries;
    const int16_t *dense;
    size_t n_dense; // rows
} kg_wtable;

#define KG_DENSE_MIN 16u
/** Dense row length: every table has at most this many classes.  A
 *  compile-time constant so that the row sum is vectorised. */
#define KG_STRIDE 104u
/** Dense row length for @p ncls classes (KG_STRIDE). */
static inline uint32_t kg_tg_stride(uint32_t ncls)
{
    (void)ncls;
    return KG_STRIDE;
}

/* Parser transitions (arc-hybrid, ROOT at the end of the buffer).  The
 * labeller's classes are the labelled arc transitions KG_T_LEFT(l) /
 * KG_T_RIGHT(l). */
#define KG_NLAB ((unsigned)KG_DEP_COUNT)
#define KG_T_SHIFT 0u
#define KG_T_LEFT(l) (1u + (unsigned)(l))
#define KG_T_RIGHT(l) (1u + KG_NLAB + (unsigned)(l))
#define KG_NTRANS (1u + 2u * KG_NLAB)

#define KG_MAX_TAG_FEATS 64 // both passes together
#define KG_MAX_PAR_FEATS 128
#define KG_MAX_CLS 256

/** Per-word features computed once per sentence. */
typedef struct kg_tok {
    uint64_t word;   // exact form
    uint64_t lower;  // lowercased form
    uint64_t pre[4]; // prefixes 1..4 (lowercased)
    uint64_t suf[4]; // suffixes 1..4 (lowercased)
    uint64_t shape;  // collapsed word shape
    uint32_t flags;  // KG_TF_*
    uint32_t amb;    // ambiguity class (set of tags seen in training), 0 unknown
} kg_tok;

/** Word -> ambiguity class table (lowercased form). */
typedef struct kg_amb {
    uint32_t mask;
    const uint32_t *keys;
    const uint32_t *vals;
} kg_amb;

/** Set tok[i].amb for n words from table @p a. */
void kg_tg_set_amb(const kg_amb *a, kg_tok *tok, size_t n);

/** Parser configuration.  Words are 0..n-1, ROOT is n. */
typedef struct kg_pstate {
    uint32_t n;
    uint32_t *stack;
    uint32_t sp; // stack size
    uint32_t b;  // buffer front (n = ROOT)
    uint32_t *head;
    uint8_t *label;
    uint32_t *lc1, *lc2, *rc1, *rc2; // leftmost / rightmost two children (UINT32_MAX none)
    uint16_t *nl, *nr;               // number of left / right children
    uint64_t *lset, *rset;           // label sets of left / right children
} kg_pstate;

struct kg_tagger {
    void *owned;      // the mapped file when loaded from a file
    size_t owned_len; // its length
    const uint8_t *data;
    size_t size;
    uint32_t n_cls, n_xpos;
    const uint8_t *cls_upos;
    const uint16_t *cls_xpos;
    const uint32_t *xpos_names;
    const char *strings;
    size_t strings_len;
    kg_wtable tag, tag2, lab;
    uint32_t tag1_w; // weight of the first pass's scores in the second's, in 1/1024
    kg_utable par;
    uint32_t dict_mask;
    const uint32_t *dict_keys;
    const uint8_t *dict_vals;
    uint32_t lem_mask;
    const uint64_t *lem_keys;
    const uint32_t *lem_vals;
    uint32_t rule_mask;
    const uint64_t *rule_keys;
    const uint32_t *rule_vals;
    kg_amb amb;
    const uint8_t *lab_dict; // KG_SEC_LAB_DICT, NULL when the model has none
    unsigned beam;           // parser beam width (0: greedy), see kg_tagger_set_beam()
    unsigned par_feat;       // parser feature flags (KG_PAR_EXTRA)
};

/* The label dictionary gives the label of an arc whose head and dependent
 * have tagger classes @p h and @p d (@p left: the dependent comes first)
 * when training had (nearly) only that label for them: the labeller is
 * then not asked.  KG_LAB_DICT_NONE when it decides. */
#define KG_LAB_DICT_NONE 0xffu
static inline size_t kg_tg_lab_dict_at(uint32_t n_cls, unsigned h, unsigned d, int left)
{
    return ((size_t)h * n_cls + d) * 2 + (left ? 1 : 0);
}

struct kg_beam;

struct kg_parse {
    size_t n, cap;
    kg_word_analysis *out;
    kg_tok *tok;
    uint8_t *cls;    // tagger class per word
    uint8_t *cls1;   // first-pass class per word
    int32_t *margin; // first pass: best score minus the runner-up
    int32_t *sc1;    // first pass: the scores of each word it was unsure of (stride KG_STRIDE)
    char *lemmas;    // generated lemmas, NUL-separated
    size_t lemmas_len, lemmas_cap;
    size_t *lemma_off; // SIZE_MAX when the lemma points into the model
    kg_pstate ps;
    size_t ps_cap;
    /* Scores of the S0, S1 and B0 feature parts (KG_PF_*) of word i at
     * slot 3 * i + part (i = n: no s1), valid while its child counts are
     * the key's. */
    int32_t (*pscore)[KG_NU];
    uint32_t *pkey;
    struct kg_beam *beam; // beam-search scratch (tagger.c), NULL until used
};

/* Shared helpers (tagger.c) used by the trainer. */

/** 64-bit hash of bytes. */
uint64_t kg_tg_hash(const char *s, size_t len);
/** Fill p->tok for the words (grows scratch). */
void kg_tg_prepare(kg_parse *p, const kg_word *words, size_t n);
/** Tagger features of word i given the classes of words i-1 and i-2
 *  (KG_MAX_CLS for none).  Returns the count. */
size_t kg_tg_tag_features(const kg_tok *tok, size_t n, size_t i, unsigned prev1, unsigned prev2,
                          uint64_t *out);
/** Extra second-pass tagger features of word i: @p right are the
 *  first-pass classes of the sentence.  Returns the count. */
size_t kg_tg_tag_features2(const kg_tok *tok, size_t n, size_t i, unsigned prev1,
                           const uint8_t *right, uint64_t *out);
/** Parser features of the configuration; @p cls are the word tag classes.
 *  The first KG_PAR_B_FEATS depend on the buffer front alone (see
 *  kg_tg_par_features_b()), the others follow (kg_tg_par_features_s()). */
size_t kg_tg_par_features(const kg_pstate *ps, const kg_tok *tok, const uint8_t *cls,
                          uint64_t *out);
#define KG_PAR_B_FEATS 12
/** The KG_PAR_B_FEATS parser features that depend only on the buffer
 *  front b0 (not on its children): they stay through LEFT and RIGHT arcs. */
size_t kg_tg_par_features_b(const kg_pstate *ps, const kg_tok *tok, const uint8_t *cls,
                            uint64_t *out);
/** The other parser features (stack, children, distance, valency). */
size_t kg_tg_par_features_s(const kg_pstate *ps, const kg_tok *tok, const uint8_t *cls,
                            uint64_t *out);
/* The parts of kg_tg_par_features_s(), by what a feature looks at. */
#define KG_PF_S0 1u   // s0 and its children only
#define KG_PF_S1 2u   // s1 and its children only
#define KG_PF_B0 4u   // b0's children (with b0's tag)
#define KG_PF_REST 8u // the others: two or more of s0, s1, s2, b0, b1
#define KG_PF_ALL 15u
/** The features of kg_tg_par_features_s() in the parts @p parts (a set
 *  of KG_PF_*), in the same order and with the same hashes.  The S0, S1
 *  and B0 parts change only when that word gets a child, so the parser
 *  can keep their scores. */
size_t kg_tg_par_features_part(const kg_pstate *ps, const kg_tok *tok, const uint8_t *cls,
                               unsigned parts, uint64_t *out);
/** Extra parser features of a model trained with them (`tagger_train
 *  --par-extra`, flag KG_PAR_EXTRA in the model): Zhang & Nivre (2011)
 *  word pairs, distance and valency with words, the next three tags, more
 *  of s1 and s0.  They follow the others.  Returns the count. */
size_t kg_tg_par_features_x(const kg_pstate *ps, const kg_tok *tok, const uint8_t *cls,
                            uint64_t *out);
#define KG_PAR_X_FEATS 16
#define KG_PAR_EXTRA 1u // model feature flag: kg_tg_par_features_x()
#define KG_MAX_LAB_FEATS 40
/** Labeller features of the arc from head @p h to the dependent @p d
 *  (d = s0; h = b0 for a left arc, s1 for a right arc).  Returns the
 *  count. */
size_t kg_tg_lab_features(const kg_pstate *ps, const kg_tok *tok, const uint8_t *cls, uint32_t h,
                          uint32_t d, uint64_t *out);
/** Reset the configuration for n words (scratch grown by the caller). */
void kg_tg_pstate_init(kg_pstate *ps, uint32_t n);
/** Apply transition t (must be legal). */
void kg_tg_apply(kg_pstate *ps, unsigned t);
/** Grow the parser scratch of p for n words. */
void kg_tg_pstate_grow(kg_parse *p, size_t n);
/** Allocate the arrays of a configuration for up to @p cap - 1 words
 *  (free with kg_tg_pstate_free()). */
void kg_tg_pstate_alloc(kg_pstate *ps, size_t cap);
/** Free the arrays of a configuration. */
void kg_tg_pstate_free(kg_pstate *ps);
/** Copy configuration @p src into @p dst (allocated for src->n words). */
void kg_tg_pstate_copy(kg_pstate *dst, const kg_pstate *src);

/** A beam candidate: the parent item, its coarse transition (or one of
 *  the KG_BEAM_* forced moves) and the score of the extended prefix. */
typedef struct kg_beam_cand {
    double score;
    uint32_t parent;
    uint32_t u;
} kg_beam_cand;
#define KG_BEAM_ROOT (KG_NU + 0u)  // forced: the root arc (one word left, b0 = ROOT)
#define KG_BEAM_RIGHT (KG_NU + 1u) // forced: a right arc (b0 = ROOT), label alone
/** Move the best min(n, k) of @p n candidates to the front, best first
 *  (by score, then parent, then transition: a total order, so the beam
 *  is deterministic), and return their number. */
size_t kg_tg_beam_select(kg_beam_cand *c, size_t n, size_t k);
/** Longest sentence parsed with a beam; longer ones are parsed greedily
 *  (a beam step copies configurations, linear in the length). */
#define KG_BEAM_MAX_WORDS 300u
/** Largest beam width. */
#define KG_BEAM_MAX 64u
/** The 64-bit lemma-table key of a form and an xpos. */
uint64_t kg_tg_lemma_key(const char *s, size_t len, unsigned xpos);
/** The 64-bit rule key of an xpos and a (lowercased) suffix. */
uint64_t kg_tg_rule_key(unsigned xpos, const char *suf, size_t len);
/** Home slot of a feature hash in a weight table of @p cap slots (any
 *  size, not just powers of two: multiply-shift range reduction). */
static inline uint32_t kg_tg_home(uint64_t h, uint32_t cap)
{
    return (uint32_t)(((uint64_t)(uint32_t)h * cap) >> 32);
}
/** 16-bit weight-table key of a feature hash (independent of the bits
 *  kg_tg_home() uses). */
static inline uint16_t kg_tg_key16(uint64_t h)
{
    uint16_t k = (uint16_t)(h >> 48);
    return k ? k : 1u;
}
/** 32-bit table key of a 64-bit hash (tag dictionary, ambiguity classes). */
static inline uint32_t kg_tg_key32(uint64_t h)
{
    uint32_t k = (uint32_t)(h >> 32);
    return k ? k : 1u;
}
/** The best of the @p n (>= 1) scores @p sc (the first of equal ones) and,
 *  in @p second, the best of the others (INT32_MIN when @p n is 1).
 *  kg_tg_top2() uses AVX2 when the CPU has it and @p n <= KG_STRIDE, and
 *  then reads @p sc up to @p n rounded up to 8. */
unsigned kg_tg_top2(const int32_t *sc, unsigned n, int32_t *second);
unsigned kg_tg_top2_plain(const int32_t *sc, unsigned n, int32_t *second);
/** Add the KG_NU coarse transition weights of the @p nf features @p f
 *  found in @p t to @p sc (features not in the table add nothing). */
void kg_tg_score_utable(const kg_utable *t, const uint64_t *f, size_t nf, int32_t *sc);
/** Parse a model image (not copied: @p data must outlive the tagger). */
kg_status kg_tg_open(const uint8_t *data, size_t size, kg_tagger *tg);

/** Training entry point (tagger_train.c): train on a CoNLL-U file and write
 *  the model to @p out_path.  @p dev_path may be NULL; when given, accuracy
 *  on it is printed after each epoch (for tuning only).  Deterministic. */
typedef struct kg_train_opts {
    unsigned tag_epochs;
    unsigned par_epochs;
    unsigned folds; // jackknife folds for the parser's training tags (0/1 = gold tags)
    unsigned seed;
    float prune;               // parser: drop weights below this quantised magnitude (max 32000)
    float tag_prune;           // the same for the tagger
    float lab_prune;           // the same for the arc labeller (0: prune)
    const float *extra_prunes; // also write OUT.pW for these parser thresholds
    unsigned n_extra_prunes;
    unsigned beam;            // parser: >= 1 trains a beam of this width globally (max-violation
                              // perceptron, static oracle); 0 the greedy dynamic-oracle parser
    unsigned par_feat;        // parser feature flags (KG_PAR_EXTRA)
    const char *word_classes; // FORM TAB CLASSES lines (data/wordnet_forms.tsv) giving the
                              // ambiguity class of words rare or unseen in training, or NULL
    unsigned lab_dict_min;    // label dictionary: (head class, dependent class, direction) seen
                              // at least this often (0: no dictionary) ...
    float lab_dict_purity;    // ... with one label at least this share of the time
    int verbose;
} kg_train_opts;
kg_status kg_tagger_train(const char *train_path, const char *dev_path, const char *out_path,
                          const kg_train_opts *opts);

#endif /* KG_TAGGER_IMPL_H */
