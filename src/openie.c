/* SPDX-License-Identifier: MIT
 * kg: open information extraction: clause rules over the UD parse. */

#include "kg/openie.h"
#include "kg/token.h"

#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX

/* Scratch argument: a head, its role, the preposition folded into the
 * relation or kept in the argument, and alternatives from coordination. */
typedef struct cand {
    uint32_t head;
    uint32_t prep; ///< case child, or NONE
    kg_oie_role role;
    int fold;         ///< prep joins the relation
    int nominal_pred; ///< head is a copula predicate: drop its clause parts
    uint32_t repl;    ///< relative pronoun -> this noun (NONE)
    int dist;         ///< distributed over its conjuncts
} cand;

struct kg_openie {
    kg_openie_opts opts;
    /* the sentence */
    const kg_word_analysis *w;
    uint32_t n;
    uint32_t *kid_start; ///< CSR: children of token i are kids[kid_start[i]..kid_start[i+1])
    uint32_t *kids;
    size_t cap_n;
    uint8_t *ban;  ///< tokens an argument may not descend into
    uint8_t *done; ///< predicates merged into another (xcomp chains)
    uint32_t *stack;
    /* token lists being built */
    uint32_t *toks;
    size_t n_toks, cap_toks;
    /* results */
    kg_oie_tuple *tuples;
    size_t n_tuples, cap_tuples;
    kg_oie_slot *slots;
    size_t n_slots, cap_slots;
    kg_oie_span *spans;
    size_t n_spans, cap_spans;
    /* line mode */
    kg_parse *parse;
    kg_word *words;   ///< what the tagger reads
    kg_word *surface; ///< the same words as slices of the line
    size_t cap_words;
    kg_word_analysis *an;
    size_t cap_an;
};

kg_openie_opts kg_openie_opts_default(void)
{
    /* the defaults are the settings measured best on CaRB dev (bench/carb.sh) */
    kg_openie_opts o = {.coordination = KG_OIE_COORD_SUBJ | KG_OIE_COORD_OBJ,
                        .appositions = 1,
                        .relcl_in_args = 0,
                        .appos_in_args = 0,
                        .min_args = 2,
                        .adverbs = 1,
                        .light_objects = 0,
                        .detach_pp = 1,
                        .share_fronted = 1,
                        .adverbial_clauses = 1,
                        .places = 1,
                        .write_be = 1,
                        .max_tuples = 64,
                        .tagger = NULL};
    return o;
}

kg_openie *kg_openie_new(const kg_openie_opts *opts)
{
    kg_openie *x = kg_xcalloc(1, sizeof *x);
    x->opts = opts ? *opts : kg_openie_opts_default();
    if (!x->opts.max_tuples) x->opts.max_tuples = 64;
    return x;
}

void kg_openie_free(kg_openie *x)
{
    if (!x) return;
    free(x->kid_start);
    free(x->kids);
    free(x->ban);
    free(x->done);
    free(x->stack);
    free(x->toks);
    free(x->tuples);
    free(x->slots);
    free(x->spans);
    kg_parse_free(x->parse);
    free(x->words);
    free(x->surface);
    free(x->an);
    free(x);
}

size_t kg_openie_count(const kg_openie *x)
{
    return x->n_tuples;
}

const kg_oie_tuple *kg_openie_tuple(const kg_openie *x, size_t i)
{
    return i < x->n_tuples ? &x->tuples[i] : NULL;
}

const kg_oie_slot *kg_openie_arg(const kg_openie *x, const kg_oie_tuple *t, size_t k)
{
    return k < t->n_args ? &x->slots[t->arg + k] : NULL;
}

const kg_oie_span *kg_openie_spans(const kg_openie *x, const kg_oie_slot *s, size_t *n)
{
    *n = s->n_spans;
    return s->n_spans ? &x->spans[s->span] : NULL;
}

const char *kg_openie_rel_word(const kg_oie_tuple *t)
{
    if (!(t->flags & KG_OIE_IMPLICIT)) return NULL;
    return t->kind == KG_OIE_POSSESSIVE ? "has" : t->kind == KG_OIE_LOCATED ? "is in" : "is";
}

/* ------------------------------------------------------------------ */
/* Tree helpers                                                       */
/* ------------------------------------------------------------------ */

static kg_deprel rel_of(const kg_openie *x, uint32_t i)
{
    return x->w[i].deprel;
}

static kg_upos upos_of(const kg_openie *x, uint32_t i)
{
    return x->w[i].upos;
}

static uint32_t head_of(const kg_openie *x, uint32_t i)
{
    return x->w[i].head ? x->w[i].head - 1 : NONE;
}

static int lemma_is(const kg_openie *x, uint32_t i, const char *l)
{
    return x->w[i].lemma && strcmp(x->w[i].lemma, l) == 0;
}

static int lemma_in(const kg_openie *x, uint32_t i, const char *const *list)
{
    for (; *list; list++)
        if (lemma_is(x, i, *list)) return 1;
    return 0;
}

/* First child of @p h with relation @p r, or NONE. */
static uint32_t child(const kg_openie *x, uint32_t h, kg_deprel r)
{
    for (uint32_t k = x->kid_start[h]; k < x->kid_start[h + 1]; k++)
        if (rel_of(x, x->kids[k]) == r) return x->kids[k];
    return NONE;
}

static int is_nominal(kg_upos u)
{
    return u == KG_UPOS_NOUN || u == KG_UPOS_PROPN || u == KG_UPOS_PRON || u == KG_UPOS_NUM;
}

static int is_subj_rel(kg_deprel r)
{
    return r == KG_DEP_NSUBJ || r == KG_DEP_NSUBJ_PASS || r == KG_DEP_CSUBJ ||
           r == KG_DEP_CSUBJ_PASS || r == KG_DEP_NSUBJ_OUTER;
}

static const char *const relpron[] = {"who", "which", "that", "whom", "whose", NULL};
static const char *const keep_pp[] = {"of", NULL};
static const char *const noun_preps[] = {"in", "at", "from", "on", "of", "for", "with", NULL};
static const char *const keep_pp2[] = {"of", "for", "with", "between", "about", NULL};
static const char *const wh_adverbs[] = {"when",     "where",    "how", "why",
                                         "whenever", "wherever", NULL};
static const char *const negations[] = {"not", "never", "n't", NULL};
static const char *const modals[] = {"can",   "could",  "may",   "might", "must",
                                     "shall", "should", "would", "ought", NULL};
static const char *const speech[] = {"say",   "tell",    "report",  "announce", "claim",
                                     "state", "believe", "think",   "add",      "argue",
                                     "note",  "insist",  "suggest", "write",    NULL};

/* Is word i a past participle?  Without the model's Penn tags: unknown (1). */
static int is_vbn(const kg_openie *x, uint32_t i)
{
    if (!x->opts.tagger) return 1;
    return strcmp(kg_xpos_name(x->opts.tagger, x->w[i].xpos), "VBN") == 0;
}

static int is_relpron(const kg_openie *x, uint32_t i)
{
    kg_upos u = upos_of(x, i);
    return (u == KG_UPOS_PRON || u == KG_UPOS_DET) && lemma_in(x, i, relpron);
}

static int is_negation(const kg_openie *x, uint32_t i)
{
    return rel_of(x, i) == KG_DEP_ADVMOD && lemma_in(x, i, negations);
}

/* ------------------------------------------------------------------ */
/* Token lists and slots                                              */
/* ------------------------------------------------------------------ */

static void tok_push(kg_openie *x, uint32_t t)
{
    kg_grow((void **)&x->toks, &x->cap_toks, x->n_toks + 1, sizeof *x->toks);
    x->toks[x->n_toks++] = t;
}

enum {
    EX_RELCL = 1 << 0,   ///< relative clauses anywhere below
    EX_CONJ = 1 << 1,    ///< conj and cc children of the head
    EX_CASE = 1 << 2,    ///< case children of the head
    EX_CLAUSE = 1 << 3,  ///< the head is a copula predicate: drop subject, cop, aux, ...
    EX_CONJ_CC = 1 << 4, ///< cc children of the head (a later conjunct)
    EX_APPOS = 1 << 5    ///< appositions of the head
};

static int skip_child(const kg_openie *x, uint32_t c, int top, unsigned ex)
{
    kg_deprel r = rel_of(x, c);
    if (x->ban[c]) return 1;
    if ((ex & EX_RELCL) && (r == KG_DEP_ACL_RELCL)) return 1;
    if ((ex & EX_RELCL) && r == KG_DEP_ACL) {
        /* ", founded in 2005 ,": a participle set off by a comma is a
         * tuple of its own */
        uint32_t pc = child(x, c, KG_DEP_PUNCT);
        if (pc != NONE && pc < c) return 1;
    }
    if (!top) return 0;
    if ((ex & EX_CONJ) && (r == KG_DEP_CONJ || r == KG_DEP_CC)) return 1;
    if ((ex & EX_CONJ_CC) && r == KG_DEP_CC) return 1;
    if ((ex & EX_CASE) && r == KG_DEP_CASE) return 1;
    if ((ex & EX_APPOS) && r == KG_DEP_APPOS) return 1;
    if (ex & EX_CLAUSE) switch (r) {
        case KG_DEP_NSUBJ:
        case KG_DEP_NSUBJ_PASS:
        case KG_DEP_NSUBJ_OUTER:
        case KG_DEP_CSUBJ:
        case KG_DEP_CSUBJ_PASS:
        case KG_DEP_COP:
        case KG_DEP_AUX:
        case KG_DEP_AUX_PASS:
        case KG_DEP_MARK:
        case KG_DEP_CC:
        case KG_DEP_CONJ:
        case KG_DEP_ADVCL:
        case KG_DEP_ADVCL_RELCL:
        case KG_DEP_PARATAXIS:
        case KG_DEP_CCOMP:
        case KG_DEP_EXPL:
        case KG_DEP_DISCOURSE:
        case KG_DEP_OBL:
        case KG_DEP_OBL_AGENT:
        case KG_DEP_OBL_UNMARKED:
        case KG_DEP_PUNCT:
            return 1;
        case KG_DEP_ADVMOD:
            return is_negation(x, c);
        default:
            return 0;
        }
    return 0;
}

/* Push the subtree of @p h (iteratively: trees may be deep). */
static void tok_subtree(kg_openie *x, uint32_t h, unsigned ex)
{
    size_t sp = 0;
    x->stack[sp++] = h;
    while (sp) {
        uint32_t t = x->stack[--sp];
        tok_push(x, t);
        for (uint32_t k = x->kid_start[t]; k < x->kid_start[t + 1]; k++) {
            uint32_t c = x->kids[k];
            if (!skip_child(x, c, t == h, ex) && sp < x->n) x->stack[sp++] = c;
        }
    }
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Turn x->toks[from..] into a slot: sort, dedupe, trim punctuation and
 * conjunctions at the edges, cut into ranges.  @return 0 when empty. */
static int slot_make(kg_openie *x, size_t from, uint32_t head, uint32_t prep, kg_oie_role role,
                     kg_oie_slot *out)
{
    size_t n = x->n_toks - from, m = 0;
    if (n == 0) return 0;
    uint32_t *t = x->toks + from;
    if (n > 1) qsort(t, n, sizeof *t, cmp_u32);
    for (size_t i = 0; i < n; i++)
        if (!m || t[m - 1] != t[i]) t[m++] = t[i];
    size_t b = 0, e = m;
    while (b < e && (upos_of(x, t[b]) == KG_UPOS_PUNCT || upos_of(x, t[b]) == KG_UPOS_CCONJ ||
                     (role == KG_OIE_SUBJ &&
                      (upos_of(x, t[b]) == KG_UPOS_SCONJ || upos_of(x, t[b]) == KG_UPOS_ADP))))
        b++;
    while (e > b &&
           (upos_of(x, t[e - 1]) == KG_UPOS_PUNCT || upos_of(x, t[e - 1]) == KG_UPOS_CCONJ))
        e--;
    x->n_toks = from;
    if (b == e) return 0;
    out->span = (uint32_t)x->n_spans;
    out->n_spans = 0;
    out->head = head;
    out->prep = prep;
    out->role = role;
    for (size_t i = b; i < e; i++) {
        if (i > b && t[i] == t[i - 1] + 1) {
            x->spans[x->n_spans - 1].end = t[i] + 1;
            continue;
        }
        kg_grow((void **)&x->spans, &x->cap_spans, x->n_spans + 1, sizeof *x->spans);
        x->spans[x->n_spans].begin = t[i];
        x->spans[x->n_spans].end = t[i] + 1;
        x->n_spans++;
        out->n_spans++;
    }
    return 1;
}

static size_t slot_len(const kg_openie *x, const kg_oie_slot *s)
{
    size_t n = 0;
    for (uint32_t i = 0; i < s->n_spans; i++)
        n += x->spans[s->span + i].end - x->spans[s->span + i].begin;
    return n;
}

static void slot_push(kg_openie *x, const kg_oie_slot *s)
{
    kg_grow((void **)&x->slots, &x->cap_slots, x->n_slots + 1, sizeof *x->slots);
    x->slots[x->n_slots++] = *s;
}

/* Build the argument slot of @p c with head @p h (a conjunct of c->head or
 * c->head itself).  @return 0 when empty. */
static int arg_make(kg_openie *x, const cand *c, uint32_t h, kg_oie_slot *out)
{
    size_t from = x->n_toks;
    unsigned ex = x->opts.relcl_in_args ? 0 : EX_RELCL;
    if (!x->opts.appos_in_args) ex |= EX_APPOS;
    if (c->dist) ex |= h == c->head ? EX_CONJ : EX_CONJ_CC;
    if (c->fold) ex |= EX_CASE;
    if (c->nominal_pred) ex |= EX_CLAUSE;
    int ban_prep = c->fold && c->prep != NONE && !x->ban[c->prep];
    if (ban_prep) x->ban[c->prep] = 1;
    if (c->repl != NONE && h == c->head) {
        /* relative pronoun: the noun it stands for, without the clause */
        unsigned rx = ex | EX_RELCL | EX_APPOS | EX_CASE;
        if (child(x, c->repl, KG_DEP_COP) != NONE) rx |= EX_CLAUSE;
        tok_subtree(x, c->repl, rx);
        if (c->prep != NONE && !c->fold) tok_push(x, c->prep);
    } else {
        tok_subtree(x, h, ex);
        if (h != c->head && c->prep != NONE && !c->fold) tok_push(x, c->prep);
    }
    if (ban_prep) x->ban[c->prep] = 0;
    return slot_make(x, from, h, c->prep, c->role, out);
}

/* ------------------------------------------------------------------ */
/* Clauses                                                            */
/* ------------------------------------------------------------------ */

/* Conjuncts of argument head h, h first; at most 8. */
static size_t conjuncts(const kg_openie *x, uint32_t h, uint32_t *out)
{
    size_t n = 0;
    out[n++] = h;
    for (uint32_t k = x->kid_start[h]; k < x->kid_start[h + 1] && n < 8; k++) {
        uint32_t c = x->kids[k];
        if (rel_of(x, c) != KG_DEP_CONJ) continue;
        kg_upos u = upos_of(x, c), hu = upos_of(x, h);
        if (is_nominal(u) == is_nominal(hu) && u != KG_UPOS_VERB) out[n++] = c;
        /* "Frankenberry, Laughlin & Constable" is one name more often than
         * not: proper nouns are not distributed */
        if (u == KG_UPOS_PROPN || hu == KG_UPOS_PROPN) return 1;
    }
    return n;
}

/* The case marker of an oblique: its first case child (with a fixed
 * second word, "because of", kept by the subtree). */
static uint32_t case_of(const kg_openie *x, uint32_t h)
{
    return child(x, h, KG_DEP_CASE);
}

/* The noun a relative pronoun stands for when the parse does not say:
 * the nearest noun to its left ("Ken Follett , who ..."), or NONE. */
static uint32_t antecedent(const kg_openie *x, uint32_t pron)
{
    uint32_t t = pron;
    while (t > 0 && upos_of(x, t - 1) == KG_UPOS_PUNCT)
        t--;
    if (t == 0 || !is_nominal(upos_of(x, t - 1)) || upos_of(x, t - 1) == KG_UPOS_PRON) return NONE;
    return t - 1;
}

/* Subject of predicate @p p: a cand, or head NONE.  *inherited is set
 * when it comes from another clause. */
static cand subject_of(const kg_openie *x, uint32_t p, int *inherited, int depth)
{
    cand c = {NONE, NONE, KG_OIE_SUBJ, 0, 0, NONE, 0};
    for (uint32_t k = x->kid_start[p]; k < x->kid_start[p + 1]; k++) {
        uint32_t s = x->kids[k];
        if (is_subj_rel(rel_of(x, s)) && rel_of(x, s) != KG_DEP_NSUBJ_OUTER) {
            c.head = s;
            break;
        }
    }
    uint32_t g = head_of(x, p);
    kg_deprel r = rel_of(x, p);
    if (c.head != NONE) {
        if (is_relpron(x, c.head) && r == KG_DEP_ACL_RELCL && g != NONE &&
            is_nominal(upos_of(x, g)))
            c.repl = g;
        else if (is_relpron(x, c.head) && !lemma_is(x, c.head, "that"))
            c.repl = antecedent(x, c.head);
        if (c.repl == NONE && is_relpron(x, c.head)) c.head = NONE;
        return c;
    }
    if (g == NONE || depth > 8 || child(x, p, KG_DEP_EXPL) != NONE) return c;
    *inherited = 1;
    switch (r) {
    case KG_DEP_ACL_RELCL:
    case KG_DEP_ACL:
        if (!is_nominal(upos_of(x, g))) return c;
        c.head = g;
        c.repl = g;
        return c;
    case KG_DEP_CONJ:
        return subject_of(x, g, inherited, depth + 1);
    case KG_DEP_XCOMP: {
        uint32_t o = child(x, g, KG_DEP_OBJ);
        if (o != NONE) {
            c.head = o;
            return c;
        }
        return subject_of(x, g, inherited, depth + 1);
    }
    case KG_DEP_ADVCL:
    case KG_DEP_PARATAXIS:
        /* "after serving for a year, became Master": a subjectless verb
         * clause continues its governor's subject */
        if (upos_of(x, p) == KG_UPOS_VERB) return subject_of(x, g, inherited, depth + 1);
        return c;
    default:
        return c;
    }
}

/* ------------------------------------------------------------------ */
/* Emission                                                           */
/* ------------------------------------------------------------------ */

typedef struct clause {
    uint32_t pred;
    kg_oie_kind kind;
    unsigned flags;
    uint32_t rel[32]; ///< relation tokens (before the folded preposition)
    size_t n_rel;
    cand args[12]; ///< args[0] the subject, args[1] the first object
    size_t n_args;
    double conf;
    uint32_t banned[8]; ///< tokens banned while the clause is built
    size_t n_banned;
} clause;

static void rel_add(clause *cl, uint32_t t)
{
    if (cl->n_rel < 32) cl->rel[cl->n_rel++] = t;
}

static void arg_add(clause *cl, cand c)
{
    if (cl->n_args < 12) cl->args[cl->n_args++] = c;
}

static double conf_of(const kg_openie *x, const clause *cl, const kg_oie_tuple *t, int distributed)
{
    /* Measured on CaRB dev: tuples are right more often when the relation
     * has several words, the subject is short, the sentence is short and
     * the subject is the clause's own. */
    double c = cl->conf;
    size_t a1 = t->n_args ? slot_len(x, &x->slots[t->arg]) : 0;
    size_t rl = t->rel.n_spans ? slot_len(x, &t->rel) : 1;
    c += 0.12 * (double)(rl > 3 ? 2 : rl - 1);
    if (a1 > 5) c -= 0.02 * (double)(a1 - 5 > 8 ? 8 : a1 - 5);
    if (t->n_args < 2) c -= 0.15;
    if (t->n_args > 2) c += 0.03;
    if (cl->flags & KG_OIE_INHERITED) c -= 0.08;
    if (cl->flags & KG_OIE_PASSIVE) c += 0.05;
    if (cl->flags & KG_OIE_REPORTED) c -= 0.05;
    if (cl->flags & KG_OIE_CONDITIONAL) c -= 0.1;
    if (cl->kind == KG_OIE_PARTICIPLE) c -= 0.1;
    if ((cl->flags & KG_OIE_INHERITED) && rel_of(x, cl->pred) == KG_DEP_ADVCL) c -= 0.1;
    if (distributed) c -= 0.03;
    if (x->n > 20) c -= 0.003 * (double)(x->n - 20 > 30 ? 30 : x->n - 20);
    return c < 0.01 ? 0.01 : c > 1 ? 1 : c;
}

/* Emit the tuples of a clause, distributing over the conjuncts of the
 * subject and of the first object. */
static void clause_emit_all(kg_openie *x, clause *cl)
{
    if (cl->n_args == 0 || cl->args[0].head == NONE) return;
    uint32_t sa[8], oa[8];
    size_t ns = 1, no = 1;
    sa[0] = cl->args[0].head;
    oa[0] = cl->n_args > 1 ? cl->args[1].head : NONE;
    if ((x->opts.coordination & KG_OIE_COORD_SUBJ) && cl->args[0].repl == NONE) {
        ns = conjuncts(x, cl->args[0].head, sa);
    }
    if ((x->opts.coordination & KG_OIE_COORD_OBJ) && cl->n_args > 1 && cl->args[1].repl == NONE)
        no = conjuncts(x, cl->args[1].head, oa);
    cl->args[0].dist = ns > 1;
    if (cl->n_args > 1) cl->args[1].dist = no > 1;
    for (size_t i = 0; i < ns; i++)
        for (size_t j = 0; j < no; j++) {
            if (x->n_tuples >= x->opts.max_tuples) return;
            kg_oie_tuple t = {0};
            t.pred = cl->pred;
            t.kind = cl->kind;
            t.flags = cl->flags;
            /* relation: its tokens plus the folded preposition */
            size_t from = x->n_toks;
            for (size_t k = 0; k < cl->n_rel; k++)
                tok_push(x, cl->rel[k]);
            if (cl->n_args > 1 && cl->args[1].fold && cl->args[1].prep != NONE) {
                uint32_t pr = cl->args[1].prep;
                tok_push(x, pr);
                for (uint32_t k = x->kid_start[pr]; k < x->kid_start[pr + 1]; k++)
                    if (rel_of(x, x->kids[k]) == KG_DEP_FIXED) tok_push(x, x->kids[k]);
            }
            if (cl->flags & KG_OIE_IMPLICIT) {
                x->n_toks = from;
                t.rel = (kg_oie_slot){0, 0, cl->pred, NONE, KG_OIE_ATTR};
            } else if (!slot_make(x, from, cl->pred, NONE, KG_OIE_ATTR, &t.rel)) {
                continue;
            }
            size_t s0 = x->n_slots, n_spans0 = x->n_spans;
            t.arg = (uint32_t)s0;
            int ok = 1;
            /* a word of the relation is in no argument */
            uint32_t banned[34];
            size_t n_banned = 0;
            for (uint32_t k = 0; k < t.rel.n_spans; k++)
                for (uint32_t w = x->spans[t.rel.span + k].begin;
                     w < x->spans[t.rel.span + k].end && n_banned < 34; w++)
                    if (!x->ban[w]) {
                        x->ban[w] = 1;
                        banned[n_banned++] = w;
                    }
            for (size_t k = 0; k < cl->n_args && ok; k++) {
                kg_oie_slot s;
                uint32_t h = k == 0 ? sa[i] : k == 1 ? oa[j] : cl->args[k].head;
                if (!arg_make(x, &cl->args[k], h, &s)) {
                    if (k < 2) ok = 0;
                    continue;
                }
                /* a lone "what" or "which" says nothing */
                if (k < 2 && s.n_spans == 1 && x->spans[s.span].end == x->spans[s.span].begin + 1 &&
                    (is_relpron(x, x->spans[s.span].begin) ||
                     lemma_is(x, x->spans[s.span].begin, "what")))
                    ok = 0;
                slot_push(x, &s);
            }
            for (size_t k = 0; k < n_banned; k++)
                x->ban[banned[k]] = 0;
            if (!ok) {
                x->n_slots = s0;
                x->n_spans = n_spans0;
                continue;
            }
            t.n_args = (uint32_t)(x->n_slots - s0);
            if (t.n_args < 2 && x->opts.min_args >= 2) {
                x->n_slots = s0;
                x->n_spans = n_spans0;
                continue;
            }
            t.confidence = conf_of(x, cl, &t, ns > 1 || no > 1);
            kg_grow((void **)&x->tuples, &x->cap_tuples, x->n_tuples + 1, sizeof *x->tuples);
            x->tuples[x->n_tuples++] = t;
        }
}

static void clause_emit(kg_openie *x, clause *cl)
{
    clause_emit_all(x, cl);
    for (size_t i = 0; i < cl->n_banned; i++)
        x->ban[cl->banned[i]] = 0;
    cl->n_banned = 0;
}

/* Factuality of predicate p from its auxiliaries, negation and the
 * clauses above it. */
static unsigned factuality(const kg_openie *x, uint32_t p)
{
    unsigned f = 0;
    for (uint32_t k = x->kid_start[p]; k < x->kid_start[p + 1]; k++) {
        uint32_t c = x->kids[k];
        kg_deprel r = rel_of(x, c);
        if (is_negation(x, c)) f |= KG_OIE_NEGATED;
        if (r == KG_DEP_AUX && lemma_in(x, c, modals)) f |= KG_OIE_MODAL;
        if (r == KG_DEP_AUX && (lemma_is(x, c, "will") || lemma_is(x, c, "'ll")))
            f |= KG_OIE_FUTURE;
        if (r == KG_DEP_AUX_PASS) f |= KG_OIE_PASSIVE;
        if (r == KG_DEP_MARK && (lemma_is(x, c, "if") || lemma_is(x, c, "unless")))
            f |= KG_OIE_CONDITIONAL;
    }
    uint32_t q = p;
    for (int d = 0; d < 8; d++) {
        uint32_t g = head_of(x, q);
        if (g == NONE) break;
        kg_deprel r = rel_of(x, q);
        if (r == KG_DEP_CCOMP && lemma_in(x, g, speech)) f |= KG_OIE_REPORTED;
        if (r == KG_DEP_ADVCL)
            for (uint32_t k = x->kid_start[q]; k < x->kid_start[q + 1]; k++)
                if (rel_of(x, x->kids[k]) == KG_DEP_MARK &&
                    (lemma_is(x, x->kids[k], "if") || lemma_is(x, x->kids[k], "unless")))
                    f |= KG_OIE_CONDITIONAL;
        if (r != KG_DEP_CONJ && r != KG_DEP_XCOMP && r != KG_DEP_CCOMP && r != KG_DEP_ADVCL) break;
        q = g;
    }
    return f;
}

/* The verb particles, auxiliaries and negation of @p v join the relation. */
static void rel_verb_parts(const kg_openie *x, clause *cl, uint32_t v, int with_mark)
{
    uint32_t first = v;
    for (uint32_t k = x->kid_start[v]; k < x->kid_start[v + 1]; k++) {
        uint32_t c = x->kids[k];
        kg_deprel r = rel_of(x, c);
        if (r == KG_DEP_AUX || r == KG_DEP_AUX_PASS || r == KG_DEP_COP ||
            r == KG_DEP_COMPOUND_PRT || is_negation(x, c) ||
            (with_mark && r == KG_DEP_MARK && lemma_is(x, c, "to"))) {
            rel_add(cl, c);
            if (c < first) first = c;
        }
    }
    /* "is also known as", "has never been": a one-word adverb between the
     * auxiliaries and the verb belongs to the relation */
    if (x->opts.adverbs)
        for (uint32_t k = x->kid_start[v]; k < x->kid_start[v + 1]; k++) {
            uint32_t c = x->kids[k];
            if (rel_of(x, c) == KG_DEP_ADVMOD && upos_of(x, c) == KG_UPOS_ADV &&
                !lemma_in(x, c, wh_adverbs) && (c > first || c + 1 == v) && c < v &&
                x->kid_start[c] == x->kid_start[c + 1] && !is_negation(x, c))
                rel_add(cl, c);
        }
}

/* Objects and obliques of @p v into the clause.  Obliques go to later
 * slots; the first object goes to args[1]. */
/* The parser often hangs "sold the bank to investors" as "the bank to
 * investors": a prepositional modifier of the object other than "of"
 * becomes an oblique argument of the verb. */
static void detach_pps(kg_openie *x, clause *cl, uint32_t o, cand *obls, size_t *n_obls)
{
    for (uint32_t k = x->kid_start[o]; k < x->kid_start[o + 1]; k++) {
        uint32_t c = x->kids[k];
        if (rel_of(x, c) != KG_DEP_NMOD || c < o || *n_obls >= 8 || cl->n_banned >= 8) continue;
        uint32_t cs = case_of(x, c);
        if (cs == NONE || cs > c || lemma_in(x, cs, x->opts.detach_pp > 1 ? keep_pp2 : keep_pp))
            continue;
        cand a = {c, cs, KG_OIE_OBL, 0, 0, NONE, 0};
        obls[(*n_obls)++] = a;
        x->ban[c] = 1;
        cl->banned[cl->n_banned++] = c;
    }
}

static void collect_args(kg_openie *x, clause *cl, uint32_t v, cand *objs, size_t *n_objs,
                         cand *obls, size_t *n_obls, uint32_t relcl_head)
{
    for (uint32_t k = x->kid_start[v]; k < x->kid_start[v + 1]; k++) {
        uint32_t c = x->kids[k];
        kg_deprel r = rel_of(x, c);
        cand a = {c, NONE, KG_OIE_OBJ, 0, 0, NONE, 0};
        if (relcl_head != NONE && is_relpron(x, c)) a.repl = relcl_head;
        switch (r) {
        case KG_DEP_OBJ:
            if (*n_objs < 4) objs[(*n_objs)++] = a;
            if (x->opts.detach_pp) detach_pps(x, cl, c, obls, n_obls);
            break;
        case KG_DEP_IOBJ:
            a.role = KG_OIE_IOBJ;
            if (*n_obls < 8) obls[(*n_obls)++] = a;
            break;
        case KG_DEP_CCOMP:
        case KG_DEP_XCOMP:
            a.role = KG_OIE_COMP;
            if (r == KG_DEP_CCOMP) {
                uint32_t m = child(x, c, KG_DEP_MARK);
                if (m != NONE && m < c) {
                    a.prep = m;
                    a.fold = 1;
                }
            }
            if (*n_objs < 4) objs[(*n_objs)++] = a;
            break;
        case KG_DEP_ADVCL:
            if (!x->opts.adverbial_clauses) break;
            if (x->opts.adverbial_clauses == 2 && child(x, c, KG_DEP_MARK) == NONE) break;
            a.role = KG_OIE_OBL;
            if (*n_obls < 8) obls[(*n_obls)++] = a;
            break;
        case KG_DEP_OBL:
        case KG_DEP_OBL_AGENT:
        case KG_DEP_OBL_UNMARKED:
            a.role = r == KG_DEP_OBL_AGENT ? KG_OIE_AGENT : KG_OIE_OBL;
            a.prep = case_of(x, c);
            if (a.prep != NONE && a.prep > c) a.prep = NONE; /* stranded */
            if (a.repl == NONE && is_relpron(x, c) && relcl_head != NONE) a.repl = relcl_head;
            if (*n_obls < 8) obls[(*n_obls)++] = a;
            break;
        default:
            break;
        }
    }
}

static void clause_finish(kg_openie *x, clause *cl, cand *objs, size_t n_objs, cand *obls,
                          size_t n_obls)
{
    /* args[1]: the first object, else the first oblique after the verb with
     * its preposition folded into the relation */
    if (x->opts.light_objects && n_objs == 1 && rel_of(x, objs[0].head) == KG_DEP_OBJ &&
        upos_of(x, objs[0].head) == KG_UPOS_NOUN && objs[0].repl == NONE &&
        objs[0].head > cl->pred) {
        /* "made a final offer on | the minimum wage", "filed charges
         * against | the manager": a short common-noun object followed by
         * an oblique joins the relation */
        size_t from = x->n_toks;
        tok_subtree(x, objs[0].head, EX_RELCL);
        uint32_t lo = NONE, hi = 0;
        for (size_t i = from; i < x->n_toks; i++) {
            if (x->toks[i] < lo) lo = x->toks[i];
            if (x->toks[i] > hi) hi = x->toks[i];
        }
        x->n_toks = from;
        for (size_t i = 0; i < n_obls && hi - lo < (uint32_t)x->opts.light_objects; i++)
            if (obls[i].prep == hi + 1 && obls[i].role != KG_OIE_IOBJ) {
                for (uint32_t t = lo; t <= hi; t++)
                    rel_add(cl, t);
                cand a = obls[i];
                a.fold = 1;
                a.role = KG_OIE_OBJ;
                arg_add(cl, a);
                obls[i].head = NONE;
                n_objs = 0;
                break;
            }
        if (!n_objs) {
            for (size_t i = 0; i < n_obls; i++)
                if (obls[i].head != NONE) arg_add(cl, obls[i]);
            clause_emit(x, cl);
            return;
        }
    }
    if (n_objs) {
        arg_add(cl, objs[0]);
        for (size_t i = 1; i < n_objs; i++)
            arg_add(cl, objs[i]);
    } else {
        size_t best = n_obls;
        for (size_t i = 0; i < n_obls; i++)
            if (obls[i].head > cl->pred && obls[i].prep != NONE && obls[i].role != KG_OIE_IOBJ) {
                best = i;
                break;
            }
        if (best < n_obls) {
            cand a = obls[best];
            a.fold = 1;
            a.role = a.role == KG_OIE_AGENT ? KG_OIE_AGENT : KG_OIE_OBJ;
            arg_add(cl, a);
            obls[best].head = NONE;
        } else if (n_obls == 0) {
            /* "was put higher", "became longer": with nothing else, an
             * adverb after the verb is the complement */
            for (uint32_t k = x->kid_start[cl->pred]; k < x->kid_start[cl->pred + 1]; k++) {
                uint32_t c = x->kids[k];
                if (c > cl->pred && rel_of(x, c) == KG_DEP_ADVMOD && !is_negation(x, c) &&
                    !x->ban[c]) {
                    cand a = {c, NONE, KG_OIE_COMP, 0, 0, NONE, 0};
                    arg_add(cl, a);
                    break;
                }
            }
        }
    }
    for (size_t i = 0; i < n_obls; i++)
        if (obls[i].head != NONE) arg_add(cl, obls[i]);
    clause_emit(x, cl);
}

/* A verbal predicate: "X (aux) verb (prt) [to verb ...] Y (prep Z)*". */
static void do_verb(kg_openie *x, uint32_t p)
{
    clause cl = {0};
    cl.pred = p;
    cl.kind = rel_of(x, p) == KG_DEP_ACL ? KG_OIE_PARTICIPLE : KG_OIE_VERB;
    if (cl.kind == KG_OIE_PARTICIPLE && child(x, p, KG_DEP_AUX) == NONE &&
        child(x, p, KG_DEP_MARK) == NONE) {
        cl.flags |= KG_OIE_IMPLICIT_BE;
        /* "a tank founded in 2005" is passive, "an armada preparing" not */
        if (x->opts.tagger && is_vbn(x, p)) cl.flags |= KG_OIE_PASSIVE;
    }
    cl.conf = 0.9;
    int inh = 0;
    cand s = subject_of(x, p, &inh, 0);
    if (s.head == NONE) return;
    if (inh) cl.flags |= KG_OIE_INHERITED;
    cl.flags |= factuality(x, p);
    uint32_t relcl_head = rel_of(x, p) == KG_DEP_ACL_RELCL ? head_of(x, p) : NONE;
    arg_add(&cl, s);
    if (rel_of(x, p) == KG_DEP_CONJ && is_vbn(x, p) && child(x, p, KG_DEP_AUX) == NONE &&
        child(x, p, KG_DEP_AUX_PASS) == NONE && child(x, p, KG_DEP_OBJ) == NONE) {
        /* "was loved by God and exalted to ranks": "was exalted" */
        uint32_t g = head_of(x, p);
        for (uint32_t k = x->kid_start[g]; k < x->kid_start[g + 1]; k++)
            if (rel_of(x, x->kids[k]) == KG_DEP_AUX_PASS) {
                rel_add(&cl, x->kids[k]);
                if (rel_of(x, x->kids[k]) == KG_DEP_AUX_PASS) cl.flags |= KG_OIE_PASSIVE;
            }
    }
    rel_verb_parts(x, &cl, p, 0);
    rel_add(&cl, p);
    cand objs[4], obls[8];
    size_t n_objs = 0, n_obls = 0;
    uint32_t v = p;
    collect_args(x, &cl, v, objs, &n_objs, obls, &n_obls, relcl_head);
    if (n_objs == 0 && lemma_in(x, p, speech)) {
        /* "Lawyers would seize on it, says Richard Burr": the quoted
         * clause is the object of the speech verb */
        uint32_t g = head_of(x, p);
        uint32_t q = child(x, p, KG_DEP_PARATAXIS);
        if (q != NONE) {
            cand a = {q, NONE, KG_OIE_COMP, 0, 0, NONE, 0};
            objs[n_objs++] = a;
        } else if (rel_of(x, p) == KG_DEP_PARATAXIS && g != NONE && g < p) {
            cand a = {g, NONE, KG_OIE_COMP, 0, 0, NONE, 0};
            objs[n_objs++] = a;
        }
    }
    if (inh && rel_of(x, p) == KG_DEP_CONJ && x->opts.share_fronted) {
        /* "In 1970, Arad moved to the US and enrolled at Hofstra": the
         * fronted oblique holds for every conjunct */
        uint32_t g = head_of(x, p), gs = g;
        for (uint32_t k = x->kid_start[g]; k < x->kid_start[g + 1]; k++)
            if (is_subj_rel(rel_of(x, x->kids[k])) && x->kids[k] < gs) gs = x->kids[k];
        for (uint32_t k = x->kid_start[g]; k < x->kid_start[g + 1] && n_obls < 8; k++) {
            uint32_t c = x->kids[k];
            kg_deprel r = rel_of(x, c);
            if (c < gs && (r == KG_DEP_OBL || r == KG_DEP_OBL_UNMARKED)) {
                cand a = {c, case_of(x, c), KG_OIE_OBL, 0, 0, NONE, 0};
                obls[n_obls++] = a;
            }
        }
    }
    /* control: "wants to buy X" -> relation "wants to buy" */
    for (int d = 0; d < 4; d++) {
        uint32_t xc = NONE;
        size_t at = 0;
        for (size_t i = 0; i < n_objs; i++)
            if (rel_of(x, objs[i].head) == KG_DEP_XCOMP &&
                upos_of(x, objs[i].head) == KG_UPOS_VERB && objs[i].head > p &&
                child(x, objs[i].head, KG_DEP_NSUBJ) == NONE) {
                xc = objs[i].head;
                at = i;
                break;
            }
        if (xc == NONE || n_objs > 1) break;
        memmove(objs + at, objs + at + 1, (n_objs - at - 1) * sizeof *objs);
        n_objs--;
        rel_verb_parts(x, &cl, xc, 1);
        rel_add(&cl, xc);
        x->done[xc] = 1;
        collect_args(x, &cl, xc, objs, &n_objs, obls, &n_obls, NONE);
        v = xc;
    }
    /* "was considered to be the patron saint": "to be" joins the relation */
    for (size_t i = 0; i < n_objs; i++) {
        uint32_t xc = objs[i].head;
        uint32_t cop = child(x, xc, KG_DEP_COP);
        if (rel_of(x, xc) != KG_DEP_XCOMP || cop == NONE || child(x, xc, KG_DEP_NSUBJ) != NONE)
            continue;
        uint32_t m = child(x, xc, KG_DEP_MARK);
        if (m != NONE) rel_add(&cl, m);
        rel_add(&cl, cop);
        x->done[xc] = 1;
        objs[i].nominal_pred = 1;
        objs[i].role = KG_OIE_ATTR;
        if (i) {
            cand t = objs[i];
            memmove(objs + 1, objs, i * sizeof *objs);
            objs[0] = t;
        }
        break;
    }
    clause_finish(x, &cl, objs, n_objs, obls, n_obls);
}

/* A copula predicate: "X is (not) [prep] Y", "X is ADJ prep Z". */
static void do_copula(kg_openie *x, uint32_t p, uint32_t cop_owner)
{
    clause cl = {0};
    cl.pred = p;
    cl.kind = KG_OIE_COPULA;
    cl.conf = 0.85;
    int inh = 0;
    cand s = subject_of(x, p, &inh, 0);
    if (s.head == NONE) return;
    if (inh) cl.flags |= KG_OIE_INHERITED;
    cl.flags |= factuality(x, cop_owner);
    arg_add(&cl, s);
    rel_verb_parts(x, &cl, cop_owner, 0);
    cand objs[4], obls[8];
    size_t n_objs = 0, n_obls = 0;
    uint32_t relcl_head = rel_of(x, p) == KG_DEP_ACL_RELCL ? head_of(x, p) : NONE;
    collect_args(x, &cl, p, objs, &n_objs, obls, &n_obls, relcl_head);
    if (upos_of(x, p) == KG_UPOS_ADJ)
        for (size_t i = 0; i < n_objs; i++) {
            uint32_t xc = objs[i].head;
            if (rel_of(x, xc) != KG_DEP_XCOMP || upos_of(x, xc) != KG_UPOS_VERB ||
                child(x, xc, KG_DEP_NSUBJ) != NONE)
                continue;
            /* "were unable to see each other": the adjective and the verb
             * join the relation */
            rel_add(&cl, p);
            rel_verb_parts(x, &cl, xc, 1);
            rel_add(&cl, xc);
            x->done[xc] = 1;
            n_objs = 0;
            collect_args(x, &cl, xc, objs, &n_objs, obls, &n_obls, NONE);
            x->ban[xc] = 1;
            clause_finish(x, &cl, objs, n_objs, obls, n_obls);
            x->ban[xc] = 0;
            return;
        }
    n_objs = 0; /* a copula predicate has no objects */
    if (upos_of(x, p) == KG_UPOS_ADJ || upos_of(x, p) == KG_UPOS_VERB) {
        /* "is independent from Y": the adjective joins the relation when an
         * oblique follows */
        int has_obl = 0;
        for (size_t i = 0; i < n_obls; i++)
            if (obls[i].head > p && obls[i].prep != NONE) has_obl = 1;
        if (has_obl) {
            rel_add(&cl, p);
            /* "is closely connected with": an adverb right before the
             * adjective (the one between auxiliary and verb is added above) */
            uint32_t b = p ? p - 1 : p;
            if (b != p && head_of(x, b) == p && rel_of(x, b) == KG_DEP_ADVMOD &&
                upos_of(x, b) == KG_UPOS_ADV && !is_negation(x, b) && !lemma_in(x, b, wh_adverbs) &&
                x->kid_start[b] == x->kid_start[b + 1] && cl.n_rel && cl.rel[0] < b)
                rel_add(&cl, b);
            clause_finish(x, &cl, objs, 0, obls, n_obls);
            return;
        }
    }
    cand a = {p, case_of(x, p), KG_OIE_ATTR, 0, 1, NONE, 0};
    if (a.prep != NONE && a.prep < p)
        a.fold = 1;
    else
        a.prep = NONE;
    arg_add(&cl, a);
    for (size_t i = 0; i < n_obls; i++)
        arg_add(&cl, obls[i]);
    clause_emit(x, &cl);
}

/* "X, the capital of Y" -> X | is | the capital of Y; "Hillsborough, North
 * Carolina" -> X | is in | Y. */
static void do_apposition(kg_openie *x, uint32_t a)
{
    uint32_t h = head_of(x, a);
    if (h == NONE || !is_nominal(upos_of(x, h)) || !is_nominal(upos_of(x, a)) ||
        x->n_tuples >= x->opts.max_tuples)
        return;
    clause cl = {0};
    cl.pred = a;
    cl.kind = KG_OIE_APPOSITION;
    cl.flags = KG_OIE_IMPLICIT;
    cl.conf = 0.65;
    cand s = {h, NONE, KG_OIE_SUBJ, 0, 0, NONE, 0};
    cand o = {a, NONE, KG_OIE_ATTR, 0, 0, NONE, 0};
    kg_oie_tuple t = {0};
    t.pred = a;
    t.kind = KG_OIE_APPOSITION;
    /* a short bare name right after a name: a place in a place */
    if (x->opts.places && upos_of(x, h) == KG_UPOS_PROPN && upos_of(x, a) == KG_UPOS_PROPN &&
        child(x, a, KG_DEP_DET) == NONE && child(x, a, KG_DEP_NMOD_POSS) == NONE &&
        child(x, a, KG_DEP_NMOD) == NONE && child(x, h, KG_DEP_NMOD_DESC) == NONE && a == h + 2 &&
        x->kid_start[a + 1] - x->kid_start[a] <= 2)
        t.kind = KG_OIE_LOCATED;
    t.flags = KG_OIE_IMPLICIT;
    t.rel = (kg_oie_slot){0, 0, a, NONE, KG_OIE_ATTR};
    size_t s0 = x->n_slots, n_spans0 = x->n_spans;
    kg_oie_slot sl;
    /* the subject without its apposition */
    x->ban[a] = 1;
    int ok = arg_make(x, &s, h, &sl);
    x->ban[a] = 0;
    if (ok) slot_push(x, &sl);
    if (!ok || !arg_make(x, &o, a, &sl)) {
        x->n_slots = s0;
        x->n_spans = n_spans0;
        return;
    }
    slot_push(x, &sl);
    if (upos_of(x, h) == KG_UPOS_NOUN && upos_of(x, a) == KG_UPOS_PROPN) {
        /* "the doctor, Erasistratus" -> Erasistratus | is | the doctor */
        kg_oie_slot tmp = x->slots[s0];
        x->slots[s0] = x->slots[s0 + 1];
        x->slots[s0 + 1] = tmp;
        x->slots[s0].role = KG_OIE_SUBJ;
        x->slots[s0 + 1].role = KG_OIE_ATTR;
    }
    t.arg = (uint32_t)s0;
    t.n_args = 2;
    t.confidence = conf_of(x, &cl, &t, 0);
    kg_grow((void **)&x->tuples, &x->cap_tuples, x->n_tuples + 1, sizeof *x->tuples);
    x->tuples[x->n_tuples++] = t;
}

/* "X's Y" -> X | has | Y; with KG_OIE_LOCATED "X in Y" -> X | is in | Y. */
static void do_possessive(kg_openie *x, uint32_t o, kg_oie_kind kind, double conf)
{
    uint32_t h = head_of(x, o);
    if (h == NONE || !is_nominal(upos_of(x, h)) || upos_of(x, o) == KG_UPOS_PRON ||
        x->n_tuples >= x->opts.max_tuples)
        return;
    kg_oie_tuple t = {0};
    t.pred = o;
    t.kind = kind;
    t.flags = KG_OIE_IMPLICIT;
    t.rel = (kg_oie_slot){0, 0, o, NONE, KG_OIE_ATTR};
    if (kind == KG_OIE_NOUN_PREP) {
        /* the relation is the preposition, read with "be": "X [be] in Y" */
        size_t f0 = x->n_toks;
        tok_push(x, case_of(x, o));
        slot_make(x, f0, case_of(x, o), NONE, KG_OIE_ATTR, &t.rel);
        t.flags = KG_OIE_IMPLICIT_BE;
    }
    size_t s0 = x->n_slots, from = x->n_toks;
    kg_oie_slot sl;
    x->ban[o] = 0;
    tok_subtree(x, o, EX_CASE | EX_RELCL);
    /* drop the "'s" */
    size_t m = from;
    for (size_t i = from; i < x->n_toks; i++)
        if (rel_of(x, x->toks[i]) != KG_DEP_CASE || head_of(x, x->toks[i]) != o)
            x->toks[m++] = x->toks[i];
    x->n_toks = m;
    int np = kind == KG_OIE_NOUN_PREP;
    if (!slot_make(x, from, o, NONE, np ? KG_OIE_OBJ : KG_OIE_SUBJ, &sl)) return;
    slot_push(x, &sl);
    x->ban[o] = 1;
    tok_subtree(x, h,
                EX_RELCL | EX_CONJ | EX_APPOS | EX_CASE |
                    (child(x, h, KG_DEP_COP) != NONE ? EX_CLAUSE : 0));
    x->ban[o] = 0;
    if (!slot_make(x, from, h, NONE, np ? KG_OIE_SUBJ : KG_OIE_OBJ, &sl)) {
        x->n_slots = s0;
        return;
    }
    slot_push(x, &sl);
    if (kind == KG_OIE_NOUN_PREP) {
        /* "settlers in the piedmont": the head noun is the subject */
        kg_oie_slot tmp = x->slots[s0];
        x->slots[s0] = x->slots[s0 + 1];
        x->slots[s0 + 1] = tmp;
    }
    t.arg = (uint32_t)s0;
    t.n_args = 2;
    clause cl = {0};
    cl.conf = conf;
    t.confidence = conf_of(x, &cl, &t, 0);
    kg_grow((void **)&x->tuples, &x->cap_tuples, x->n_tuples + 1, sizeof *x->tuples);
    x->tuples[x->n_tuples++] = t;
}

static int cmp_tuple(const void *a, const void *b)
{
    const kg_oie_tuple *x = a, *y = b;
    if (x->confidence != y->confidence) return x->confidence < y->confidence ? 1 : -1;
    return (x->pred > y->pred) - (x->pred < y->pred);
}

kg_status kg_openie_extract(kg_openie *x, const kg_word_analysis *words, size_t n)
{
    x->n_tuples = x->n_slots = x->n_spans = x->n_toks = 0;
    if (n == 0) return KG_SUCCESS;
    if (n >= UINT32_MAX / 2) return KG_ERR_ARG;
    for (size_t i = 0; i < n; i++)
        if (words[i].head > n) return KG_ERR_ARG;
    x->w = words;
    x->n = (uint32_t)n;
    if (x->cap_n < n + 1) {
        x->cap_n = n + 1;
        x->kid_start = kg_xrealloc(x->kid_start, (n + 2) * sizeof *x->kid_start);
        x->kids = kg_xrealloc(x->kids, (n + 1) * sizeof *x->kids);
        x->ban = kg_xrealloc(x->ban, n + 1);
        x->done = kg_xrealloc(x->done, n + 1);
        x->stack = kg_xrealloc(x->stack, (n + 1) * sizeof *x->stack);
    }
    /* children in text order (CSR): kids[kid_start[h]..kid_start[h+1]) */
    memset(x->kid_start, 0, (n + 2) * sizeof *x->kid_start);
    for (size_t i = 0; i < n; i++)
        if (words[i].head) x->kid_start[words[i].head]++;
    for (size_t i = 1; i <= n; i++)
        x->kid_start[i] += x->kid_start[i - 1];
    for (size_t i = 0; i < n; i++)
        x->stack[i] = x->kid_start[i];
    for (size_t i = 0; i < n; i++)
        if (words[i].head) x->kids[x->stack[words[i].head - 1]++] = (uint32_t)i;
    memset(x->ban, 0, n);
    memset(x->done, 0, n);
    /* cycles (a corrupt analysis) would loop the subtree walk: refuse.
     * done[] marks 1 = on the current path, 2 = reaches the root; each
     * word is walked once, so this is linear. */
    for (uint32_t i = 0; i < n; i++) {
        uint32_t q = i;
        while (q != NONE && x->done[q] == 0) {
            x->done[q] = 1;
            q = head_of(x, q);
        }
        if (q != NONE && x->done[q] == 1) {
            memset(x->done, 0, n);
            return KG_ERR_ARG;
        }
        for (q = i; q != NONE && x->done[q] == 1; q = head_of(x, q))
            x->done[q] = 2;
    }
    memset(x->done, 0, n);

    for (uint32_t p = 0; p < n; p++) {
        if (x->done[p]) continue;
        kg_deprel r = rel_of(x, p);
        kg_upos u = upos_of(x, p);
        uint32_t cop = child(x, p, KG_DEP_COP);
        if (cop != NONE) {
            x->ban[p] = 1;
            do_copula(x, p, p);
            x->ban[p] = 0;
        } else if (r == KG_DEP_CONJ && u != KG_UPOS_VERB && head_of(x, p) != NONE &&
                   child(x, head_of(x, p), KG_DEP_COP) != NONE &&
                   child(x, p, KG_DEP_NSUBJ) == NONE && !is_nominal(u)) {
            /* "X is big and strong": strong shares the copula */
            x->ban[p] = 1;
            do_copula(x, p, head_of(x, p));
            x->ban[p] = 0;
        } else if (u == KG_UPOS_VERB && r != KG_DEP_AMOD && r != KG_DEP_COMPOUND &&
                   r != KG_DEP_NMOD && r != KG_DEP_CASE && r != KG_DEP_MARK) {
            x->ban[p] = 1;
            do_verb(x, p);
            x->ban[p] = 0;
        }
        if (r == KG_DEP_APPOS && x->opts.appositions) do_apposition(x, p);
        if (r == KG_DEP_NMOD_POSS) do_possessive(x, p, KG_OIE_POSSESSIVE, 0.3);
        if (r == KG_DEP_NMOD && x->opts.places && case_of(x, p) != NONE && case_of(x, p) < p &&
            lemma_in(x, case_of(x, p), noun_preps))
            do_possessive(x, p, KG_OIE_NOUN_PREP, lemma_is(x, case_of(x, p), "in") ? 0.45 : 0.2);
    }
    if (x->n_tuples > 1) qsort(x->tuples, x->n_tuples, sizeof *x->tuples, cmp_tuple);
    return KG_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* Text output                                                        */
/* ------------------------------------------------------------------ */

int kg_openie_write_slot(const kg_openie *x, const kg_oie_slot *s, const kg_word *words, FILE *out)
{
    for (uint32_t i = 0; i < s->n_spans; i++) {
        const kg_oie_span *sp = &x->spans[s->span + i];
        const char *b = words[sp->begin].ptr;
        const char *e = words[sp->end - 1].ptr + words[sp->end - 1].len;
        if (i && putc(' ', out) == EOF) return EOF;
        size_t len = (size_t)(e - b);
        /* the text between words never holds a TAB or a newline in CaRB
         * output: replace them */
        for (size_t k = 0; k < len; k++)
            if (putc(b[k] == '\t' || b[k] == '\n' || b[k] == '\r' ? ' ' : b[k], out) == EOF)
                return EOF;
    }
    return 0;
}

static int utf8_ok(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t k;
        uint32_t cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            k = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            k = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            k = 3;
            cp = c & 0x07;
        } else {
            return 0;
        }
        for (size_t j = 1; j <= k; j++) {
            if (i + j >= n || (s[i + j] & 0xC0) != 0x80) return 0;
            cp = (cp << 6) | (s[i + j] & 0x3F);
        }
        if ((k == 1 && cp < 0x80) || (k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += k + 1;
    }
    return 1;
}

/* Benchmark sentences come tokenised the Penn Treebank way: "Italy 's",
 * "they 're", ``quotes'', -LRB-.  kg's tokenizer splits a detached "'s"
 * into "'" "s", which the parser does not expect.  Join those pieces back
 * into one word and show the tagger the plain form ("'s", "\"", "("),
 * while the output keeps the slices of the line. */
static size_t ptb_words(kg_openie *x, const char *line, const kg_token *t, size_t n)
{
    static const char *const clitics[] = {"s", "S", "re", "ll", "ve", "d", "m", NULL};
    static const char *const brackets[][2] = {{"LRB", "("}, {"RRB", ")"}, {"LSB", "["},
                                              {"RSB", "]"}, {"LCB", "{"}, {"RCB", "}"}};
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        const char *p = line + t[i].off;
        size_t len = t[i].len;
        kg_word w = {p, len}, sf = {p, len};
        int glued = i + 1 < n && !(t[i + 1].flags & KG_TOKF_SPACE_BEFORE) &&
                    t[i + 1].off == t[i].off + t[i].len;
        if (len == 1 && *p == '\'' && glued) {
            for (size_t k = 0; clitics[k]; k++)
                if (t[i + 1].len == strlen(clitics[k]) &&
                    memcmp(line + t[i + 1].off, clitics[k], t[i + 1].len) == 0) {
                    sf.len = w.len = 1 + t[i + 1].len;
                    i++;
                    break;
                }
        } else if (len == 1 && *p == '-' && glued && i + 2 < n &&
                   t[i + 2].off == t[i + 1].off + t[i + 1].len && t[i + 2].len == 1 &&
                   line[t[i + 2].off] == '-') {
            for (size_t k = 0; k < 6; k++)
                if (t[i + 1].len == 3 && memcmp(line + t[i + 1].off, brackets[k][0], 3) == 0) {
                    sf.len = 5;
                    w.ptr = brackets[k][1];
                    w.len = 1;
                    i += 2;
                    break;
                }
        } else if (len == 2 && (memcmp(p, "``", 2) == 0 || memcmp(p, "''", 2) == 0)) {
            w.ptr = "\"";
            w.len = 1;
        }
        x->words[m] = w;
        x->surface[m] = sf;
        m++;
    }
    return m;
}

kg_status kg_openie_write_carb(kg_openie *x, const kg_tagger *tagger, FILE *in, const char *name,
                               FILE *out, const kg_diag_sink *diags, size_t *n_lines)
{
    char *line = NULL;
    size_t cap = 0, count = 0;
    ssize_t got;
    uint64_t lineno = 0;
    kg_status result = KG_SUCCESS;
    if (!x->parse) x->parse = kg_parse_new();
    if (!x->opts.tagger) x->opts.tagger = tagger;
    while ((got = getline(&line, &cap, in)) >= 0) {
        size_t len = (size_t)got;
        lineno++;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        if (!len) continue;
        if (memchr(line, '\0', len) || !utf8_ok((const unsigned char *)line, len)) {
            kg_diag_report(diags, KG_ERROR, KG_ERR_UTF8, name, lineno, 0, UINT64_MAX,
                           "not valid UTF-8 text; line skipped");
            result = KG_ERR_UTF8;
            continue;
        }
        kg_token *toks;
        size_t n;
        kg_tokenize(line, len, 0, &toks, &n);
        if (!n) {
            free(toks);
            continue;
        }
        count++;
        size_t cap_w = x->cap_words;
        kg_grow((void **)&x->words, &cap_w, n, sizeof *x->words);
        kg_grow((void **)&x->surface, &x->cap_words, n, sizeof *x->surface);
        kg_grow((void **)&x->an, &x->cap_an, n, sizeof *x->an);
        n = ptb_words(x, line, toks, n);
        free(toks);
        kg_status st = kg_tagger_parse(tagger, x->words, n, x->parse);
        if (st != KG_SUCCESS) {
            result = st;
            continue;
        }
        for (size_t i = 0; i < n; i++)
            x->an[i] = *kg_parse_word(x->parse, i);
        if (kg_openie_extract(x, x->an, n) != KG_SUCCESS) continue;
        for (size_t i = 0; i < x->n_tuples; i++) {
            const kg_oie_tuple *t = &x->tuples[i];
            int bad = 0;
            for (size_t k = 0; k < len; k++)
                bad |= putc(line[k] == '\t' ? ' ' : line[k], out) == EOF;
            bad |= fprintf(out, "\t%.3f\t", t->confidence) < 0;
            if (t->flags & KG_OIE_IMPLICIT) {
                /* CaRB counts a "be" as any form of the verb: "is" would miss
                 * a gold "was" */
                const char *rw = kg_openie_rel_word(t);
                if (x->opts.write_be && strncmp(rw, "is", 2) == 0) {
                    bad |= fputs("be", out) == EOF;
                    rw += 2;
                }
                bad |= fputs(rw, out) == EOF;
            } else {
                if ((t->flags & KG_OIE_IMPLICIT_BE) && x->opts.write_be)
                    bad |= fputs("be ", out) == EOF;
                bad |= kg_openie_write_slot(x, &t->rel, x->surface, out) != 0;
            }
            for (uint32_t k = 0; k < t->n_args; k++) {
                bad |= putc('\t', out) == EOF;
                bad |= kg_openie_write_slot(x, &x->slots[t->arg + k], x->surface, out) != 0;
            }
            bad |= putc('\n', out) == EOF;
            if (bad) {
                free(line);
                return KG_ERR_IO;
            }
        }
    }
    free(line);
    if (ferror(in)) {
        kg_diag_report(diags, KG_ERROR, KG_ERR_IO, name, 0, 0, UINT64_MAX, "read error");
        result = KG_ERR_IO;
    }
    if (n_lines) *n_lines = count;
    return result;
}
