/* SPDX-License-Identifier: MIT
 * kg: relation extraction: lexicon-driven rules over mentions and words. */

#include "kg/extract.h"
#include "kg/entity.h"
#include "kg/openie.h"
#include "kg/sink.h"

#include "util.h"
#include "words.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Word classes                                                       */
/* ------------------------------------------------------------------ */

static const char *const be_forms[] = {"be",   "is",    "are", "was", "were",
                                       "been", "being", "'s",  "'re", NULL};
static const char *const modals[] = {"will",  "would", "shall", "should", "may", "might",
                                     "could", "can",   "'ll",   "must",   NULL};
static const char *const negations[] = {"not", "n't", "never", "no", NULL};
static const char *const plan_words[] = {
    "plan",    "plans",    "planned",  "planning", "aim",     "aims",     "aimed",
    "intend",  "intends",  "pledge",   "pledged",  "pledges", "vow",      "vowed",
    "promise", "promised", "seek",     "seeks",    "expect",  "expects",  "expected",
    "hope",    "hopes",    "want",     "wants",    "propose", "proposed", "going",
    "set",     "prepare",  "prepares", "prepared", NULL};
/* Words that may stand between a subject and its verb. */
static const char *const verb_lead[] = {
    "has",     "have",     "had",      "be",     "been",       "being",     "is",      "are",
    "was",     "were",     "to",       "also",   "already",    "still",     "further", "jointly",
    "then",    "now",      "recently", "not",    "n't",        "never",     "will",    "would",
    "shall",   "should",   "may",      "might",  "could",      "can",       "'ll",     "must",
    "did",     "does",     "do",       "agreed", "decided",    "continued", "began",   "started",
    "pledged", "promised", "vowed",    "plans",  "planned",    "aims",      "aimed",   "wants",
    "hopes",   "helped",   "tried",    "sought", "officially", "formally",  "later",   "first",
    NULL};
static const char *const report_verbs[] = {"said",   "says",     "say",       "told",     "tells",
                                           "stated", "states",   "announced", "reported", "noted",
                                           "added",  "stressed", "claimed",   NULL};
static const char *const directions[] = {
    "east",      "west",         "north",        "south",        "central",      "eastern",
    "western",   "northern",     "southern",     "northeast",    "northwest",    "southeast",
    "southwest", "northeastern", "northwestern", "southeastern", "southwestern", "the",
    NULL};
static const char *const determiners[] = {"the", "a",    "an",   "its",   "their", "his",
                                          "her", "this", "that", "these", "those", NULL};
static const char *const prepositions[] = {"in",    "on",   "at",    "to",      "for",     "with",
                                           "by",    "of",   "from",  "between", "against", "into",
                                           "about", "over", "under", "among",   NULL};

static const char *const month_names[] = {"january",  "february", "march",  "april",     "may",
                                          "june",     "july",     "august", "september", "october",
                                          "november", "december", NULL};

/* ------------------------------------------------------------------ */
/* Context                                                            */
/* ------------------------------------------------------------------ */

typedef struct xctx {
    kg_doc *d;
    const kg_lexicon *lex;
    const kg_gazetteer *gz;
    size_t s;            ///< current sentence
    size_t sb, se;       ///< its token range
    size_t home;         ///< the country the article is about, or SIZE_MAX
    unsigned char *used; ///< per token: a nominalisation took it as its object (parse rules)
    const char *when;    ///< the date add_fact() gives the facts it adds (kg:date), or NULL
} xctx;

/* The country an article is about: named at least three times and twice
 * as often as any other country.  @return the entity or SIZE_MAX. */
static size_t home_country(const kg_graph *g)
{
    size_t best = SIZE_MAX, first = 0, second = 0;
    for (size_t i = 0; i < kg_graph_n_entities(g); i++) {
        const kg_entity *e = kg_graph_get_entity(g, i);
        if (e->cls != KG_CLASS_COUNTRY) continue;
        if (e->mentions > first) {
            second = first;
            first = e->mentions;
            best = i;
        } else if (e->mentions > second) {
            second = e->mentions;
        }
    }
    return best != SIZE_MAX && first >= 3 && first >= 2 * second ? best : SIZE_MAX;
}

static int mention_at(const xctx *x, size_t i)
{
    return i < x->se ? x->d->tok_mention[i] : -1;
}

static const kg_mention *mention(const xctx *x, int m)
{
    return &x->d->mentions[m];
}

static kg_class ent_class(const xctx *x, size_t ent)
{
    return kg_graph_get_entity(x->d->graph, ent)->cls;
}

/* The mention that starts at token @p i, allowing one determiner first. */
static int mention_from(const xctx *x, size_t i)
{
    if (i >= x->se) return -1;
    int m = mention_at(x, i);
    if (m < 0 && tok_in(x->d, i, determiners) && i + 1 < x->se) m = mention_at(x, ++i);
    if (m >= 0 && mention(x, m)->tok_begin != i) return -1;
    /* a title or a demonym and title before a person ("French President
     * Emmanuel Macron", "Prime Minister Li"): the person is meant */
    size_t t = m >= 0 ? mention(x, m)->tok_end : i;
    if (m < 0 || mention(x, m)->kind == KG_MENTION_DEMONYM) {
        for (size_t k = t; k < x->se && k < t + 5; k++) {
            int p = mention_at(x, k);
            if (p >= 0 && p != m) {
                const kg_mention *pm = mention(x, p);
                if (pm->title_end > pm->title_begin && pm->title_begin <= t) return p;
                break;
            }
        }
    }
    return m;
}

static int object_ok(kg_lex_object o, kg_class c)
{
    kg_family f = kg_class_family(c);
    switch (o) {
    case KG_LEX_PLACE:
        return f == KG_FAMILY_PLACE;
    case KG_LEX_ORG:
        return f == KG_FAMILY_ORGANIZATION || f == KG_FAMILY_THING;
    case KG_LEX_PERSON:
        return f == KG_FAMILY_PERSON || f == KG_FAMILY_THING;
    case KG_LEX_ENTITY:
        return 1;
    case KG_LEX_DATE:
        return 0;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Lemmas                                                             */
/* ------------------------------------------------------------------ */

/* Candidate lemmas of token @p i: the tagger's lemma when there is one,
 * else the lower-cased form with common inflections stripped. */
static size_t lemma_candidates(const xctx *x, size_t i, char out[][32])
{
    const char *lem = tok_lemma(x->d, i);
    size_t n;
    const char *s = kg_doc_tok(x->d, i, &n);
    if (n == 0 || n >= 31 || x->d->tokens[i].kind != KG_TOK_WORD) return 0;
    if (lem && *lem && strlen(lem) < 32) {
        snprintf(out[0], 32, "%s", lem);
        for (char *p = out[0]; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        return 1;
    }
    char w[32];
    for (size_t k = 0; k < n; k++)
        w[k] = (char)tolower((unsigned char)s[k]);
    w[n] = '\0';
    size_t c = 0;
    snprintf(out[c++], 32, "%s", w);
    static const struct {
        const char *suf, *rep;
    } rules[] = {{"ies", "y"}, {"ied", "y"}, {"es", ""},   {"s", ""}, {"ed", ""},
                 {"ed", "e"},  {"ing", ""},  {"ing", "e"}, {"d", ""}};
    for (size_t r = 0; r < sizeof rules / sizeof rules[0] && c < 8; r++) {
        size_t sl = strlen(rules[r].suf);
        if (n > sl + 2 && strcmp(w + n - sl, rules[r].suf) == 0) {
            snprintf(out[c], 32, "%.*s%s", (int)(n - sl), w, rules[r].rep);
            c++;
            /* doubled consonant: "planned" -> "plan" */
            if ((strcmp(rules[r].suf, "ed") == 0 || strcmp(rules[r].suf, "ing") == 0) &&
                n - sl >= 2 && w[n - sl - 1] == w[n - sl - 2] && c < 8) {
                snprintf(out[c], 32, "%.*s", (int)(n - sl - 1), w);
                c++;
            }
        }
    }
    /* a few irregular forms that matter for news relations */
    static const char *const irregular[][2] = {
        {"met", "meet"},  {"led", "lead"},  {"born", "bear"},   {"bought", "buy"},
        {"set", "set"},   {"beat", "beat"}, {"won", "win"},     {"held", "hold"},
        {"made", "make"}, {"sold", "sell"}, {"fought", "fight"}};
    for (size_t r = 0; r < sizeof irregular / sizeof irregular[0] && c < 8; r++)
        if (strcmp(w, irregular[r][0]) == 0) snprintf(out[c++], 32, "%s", irregular[r][1]);
    return c;
}

static size_t lex_entries(const xctx *x, size_t i, int noun, const kg_lex_entry *const **out)
{
    char cands[8][32];
    size_t nc = lemma_candidates(x, i, cands);
    for (size_t c = 0; c < nc; c++) {
        size_t n = kg_lexicon_find(x->lex, cands[c], strlen(cands[c]), noun, out);
        if (n) return n;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Factuality                                                         */
/* ------------------------------------------------------------------ */

typedef struct factuality {
    unsigned bits;
    size_t reporter;
    char source[96];
} factuality;

/* The factuality of a fact whose words run from @p from to @p to (token
 * indexes of this sentence): reported when a reporting verb frames it
 * ("The notice said X ...", "..., the ministry said"); negated or planned
 * when a negation, modal or plan verb stands between the start of its
 * clause and its predicate. */
static factuality judge(const xctx *x, size_t from, size_t to)
{
    const kg_doc *d = x->d;
    factuality f = {0, SIZE_MAX, {0}};
    size_t clause = x->sb;
    for (size_t i = x->sb; i < x->se; i++) {
        int acc = tok_is(d, i, "according") && i + 1 < x->se && tok_is(d, i + 1, "to");
        if (!acc && !tok_in(d, i, report_verbs)) continue;
        if (tok_is(d, i, "stressed") && i >= from) continue;
        size_t sb = x->sb, se = i;
        if (acc) { /* According to the notice, ... */
            sb = i + 2;
            se = sb;
            while (se < x->se && !tok_is(d, se, ","))
                se++;
            if (se >= from) continue;
        } else if (i < from) {
            /* "The notice said that ..." frames what follows */
            if (i + 1 < x->se && tok_is(d, i + 1, "that")) clause = i + 2;
        } else if (i > to && i > x->sb &&
                   (tok_is(d, i - 1, ",") || tok_in(d, i - 1, determiners) ||
                    mention_at(x, i - 1) >= 0)) {
            /* "..., the ministry said." */
            se = i;
            sb = i;
            while (sb > to + 1 && !tok_is(d, sb - 1, ","))
                sb--;
        } else {
            continue;
        }
        if (sb >= se) continue;
        f.bits |= KG_FACT_REPORTED;
        if (i < from && !acc) clause = clause > i + 1 ? clause : i + 1;
        if (acc) clause = se + 1;
        for (size_t k = sb; k < se; k++) {
            int m = mention_at(x, k);
            if (m >= 0 && mention(x, m)->entity != SIZE_MAX) {
                f.reporter = mention(x, m)->entity;
                break;
            }
        }
        size_t b0 = d->tokens[sb].off, e0 = d->tokens[se - 1].off + d->tokens[se - 1].len;
        size_t len = e0 - b0 < sizeof f.source - 1 ? e0 - b0 : sizeof f.source - 1;
        /* do not cut a UTF-8 sequence */
        while (len > 0 && len < e0 - b0 &&
               ((unsigned char)d->article->text[b0 + len] & 0xC0) == 0x80)
            len--;
        memcpy(f.source, d->article->text + b0, len);
        f.source[len] = '\0';
        break;
    }
    if (clause > from) clause = x->sb;
    for (size_t i = clause; i < to && i < x->se; i++) {
        if (tok_in(d, i, negations))
            f.bits |= KG_FACT_NEGATED;
        else if (tok_in(d, i, modals) || tok_in(d, i, plan_words))
            f.bits |= KG_FACT_PLANNED;
    }
    return f;
}

/* ------------------------------------------------------------------ */
/* Facts                                                              */
/* ------------------------------------------------------------------ */

static void add_fact(xctx *x, size_t subj, const char *property, size_t obj, const char *literal,
                     const char *datatype, double conf, const factuality *fa, size_t ev_b,
                     size_t ev_e)
{
    kg_doc *d = x->d;
    if (!literal && subj == obj) return;
    kg_fact f = {0};
    f.subject = subj;
    f.property = (char *)property;
    f.literal = literal != NULL;
    f.object = obj;
    f.value = (char *)literal;
    f.datatype = datatype;
    f.factuality = fa ? fa->bits : 0;
    f.reporter = fa ? fa->reporter : SIZE_MAX;
    f.source = fa && fa->source[0] ? (char *)fa->source : NULL;
    f.confidence = conf;
    f.when = (char *)x->when;
    f.sent_off = d->sents[x->s].off;
    f.sent_end = d->sents[x->s].end;
    if (ev_e > ev_b && ev_e <= d->n_tokens) {
        f.ev_off = d->tokens[ev_b].off;
        f.ev_end = d->tokens[ev_e - 1].off + d->tokens[ev_e - 1].len;
        size_t n = f.ev_end - f.ev_off;
        if (n <= 200) f.phrase = kg_xstrndup(d->article->text + f.ev_off, n);
    }
    kg_graph_fact(d->graph, &f);
    free(f.phrase);
}

static void add_entry_fact(xctx *x, const kg_lex_entry *e, size_t subj, size_t obj, double conf,
                           const factuality *fa, size_t ev_b, size_t ev_e)
{
    if (e->dir == KG_LEX_INVERSE)
        add_fact(x, obj, e->property, subj, NULL, NULL, conf, fa, ev_b, ev_e);
    else
        add_fact(x, subj, e->property, obj, NULL, NULL, conf, fa, ev_b, ev_e);
}

/* A date after a preposition: "1994", "March 1994", "March 3, 1994",
 * "3 March 1994".  Writes the lexical form and returns its datatype, or
 * NULL when there is no date at @p i. */
static const char *read_date(const xctx *x, size_t i, char *out, size_t cap, size_t *end)
{
    const kg_doc *d = x->d;
    if (i < x->se && tok_year(d, i)) {
        size_t n;
        const char *s = kg_doc_tok(d, i, &n);
        snprintf(out, cap, "%.4s", s);
        *end = i + 1;
        return KG_XSD "gYear";
    }
    int month = 0;
    size_t k = i;
    int day = 0;
    if (k < x->se && d->tokens[k].kind == KG_TOK_NUMBER) { /* 3 March 1994 */
        size_t n;
        const char *s = kg_doc_tok(d, k, &n);
        day = atoi(s);
        k++;
    }
    for (int m = 0; k < x->se && month_names[m]; m++)
        if (tok_is(d, k, month_names[m])) month = m + 1;
    if (!month) return NULL;
    k++;
    if (!day && k < x->se && d->tokens[k].kind == KG_TOK_NUMBER && !tok_year(d, k)) {
        size_t n;
        day = atoi(kg_doc_tok(d, k, &n));
        k++;
        if (k < x->se && tok_is(d, k, ",")) k++;
    }
    if (k >= x->se || !tok_year(d, k)) return NULL;
    size_t n;
    const char *y = kg_doc_tok(d, k, &n);
    *end = k + 1;
    if (day >= 1 && day <= 31) {
        snprintf(out, cap, "%.4s-%02d-%02d", y, month, day);
        return KG_XSD "date";
    }
    snprintf(out, cap, "%.4s-%02d", y, month);
    return KG_XSD "gYearMonth";
}

/* ------------------------------------------------------------------ */
/* Rules                                                              */
/* ------------------------------------------------------------------ */

static int month_at(const xctx *x, size_t i);
static int day_at(const xctx *x, size_t i);
static size_t dep_head(const xctx *x, size_t i);
static kg_deprel dep_rel(const xctx *x, size_t i);

/* rule noun_pp: NOUN [noun]{0,2} PREP NP
 *   "X stressed the support for Y", "cooperation with Y",
 *   "cooperation project between X and Y", "X's investment in Y" */
static void rule_noun_pp(xctx *x, size_t n)
{
    const kg_doc *d = x->d;
    if ((tok_cap(d, n) && n != x->sb) || mention_at(x, n) >= 0) return;
    if (d->words && tok_upos(d, n) != KG_UPOS_NOUN) return;
    const kg_lex_entry *const *es;
    size_t ne = lex_entries(x, n, 1, &es);
    for (size_t k = 0; k < ne; k++) {
        const kg_lex_entry *e = es[k];
        if (!e->prep || e->object == KG_LEX_DATE) continue;
        size_t p = n + 1;
        while (p < x->se && p - n <= 2 && d->tokens[p].kind == KG_TOK_WORD && !tok_cap(d, p) &&
               !tok_in(d, p, prepositions) && mention_at(x, p) < 0)
            p++;
        if (p >= x->se || !tok_is(d, p, e->prep)) continue;
        int y = mention_from(x, p + 1);
        if (y < 0 || mention(x, y)->entity == SIZE_MAX) continue;
        size_t ye = mention(x, y)->entity;
        if (!object_ok(e->object, ent_class(x, ye))) continue;
        if (strcmp(e->prep, "between") == 0) {
            size_t a = mention(x, y)->tok_end;
            if (a >= x->se || !tok_is(d, a, "and")) continue;
            int y2 = mention_from(x, a + 1);
            if (y2 < 0 || mention(x, y2)->entity == SIZE_MAX) continue;
            factuality fa = judge(x, n, n);
            add_entry_fact(x, e, ye, mention(x, y2)->entity, 0.75, &fa, n, mention(x, y2)->tok_end);
            continue;
        }
        /* the agent: a possessor ("X's support"), else the nearest entity
         * before the noun in its sentence */
        int s = -1;
        double conf = 0.6;
        if (n >= 2 && tok_is(d, n - 1, "'s") && mention_at(x, n - 2) >= 0) {
            s = mention_at(x, n - 2);
            conf = 0.8;
        } else {
            for (size_t i = n; i-- > x->sb;) {
                int m = mention_at(x, i);
                if (m < 0 || m == y || mention(x, m)->entity == SIZE_MAX) continue;
                if (mention(x, m)->kind == KG_MENTION_DEMONYM && mention(x, m)->tok_end != n)
                    continue;
                s = m;
                break;
            }
        }
        if (s < 0) continue;
        factuality fa = judge(x, mention(x, s)->tok_begin, n);
        add_entry_fact(x, e, mention(x, s)->entity, ye, conf, &fa, n, mention(x, y)->tok_begin);
    }
}

static int is_participle(const xctx *x, size_t v)
{
    const kg_doc *d = x->d;
    if (d->words) {
        const char *xp = kg_xpos_name(d->tagger, d->words[v].xpos);
        return xp && strcmp(xp, "VBN") == 0;
    }
    size_t n;
    const char *s = kg_doc_tok(d, v, &n);
    static const char *const irregular[] = {"set",    "born", "led", "held",   "made",
                                            "built",  "run",  "won", "beaten", "met",
                                            "bought", "sold", NULL};
    return (n > 3 && (strncmp(s + n - 2, "ed", 2) == 0 || strncmp(s + n - 2, "en", 2) == 0)) ||
           tok_in(d, v, irregular);
}

/* The subject of the verb at @p v: the entity mention before it, across
 * auxiliaries, adverbs, plan verbs, a bracketed phrase (", in a notice,")
 * and a relative pronoun.  @return the mention or -1; *passive says
 * whether a form of "be" came right before the verb. */
static int find_subject(const xctx *x, size_t v, int *passive)
{
    const kg_doc *d = x->d;
    *passive = 0;
    size_t i = v;
    int first = 1;
    while (i-- > x->sb) {
        int m = mention_at(x, i);
        if (m >= 0) return mention(x, m)->kind == KG_MENTION_DEMONYM ? -1 : m;
        if (first && tok_in(d, i, be_forms) && is_participle(x, v)) *passive = 1;
        if (tok_in(d, i, be_forms) || tok_in(d, i, verb_lead) ||
            (d->tokens[i].kind == KG_TOK_WORD && d->tokens[i].len > 4 &&
             strncmp(d->article->text + d->tokens[i].off + d->tokens[i].len - 2, "ly", 2) == 0)) {
            if (!tok_in(d, i, be_forms) && !tok_is(d, i, "been") && !tok_is(d, i, "being"))
                first = first && (tok_is(d, i, "also") || tok_is(d, i, "not"));
            continue;
        }
        if (tok_is(d, i, "which") || tok_is(d, i, "who") || tok_is(d, i, "that")) {
            if (i > x->sb && tok_is(d, i - 1, ",")) i--;
            continue;
        }
        if (tok_is(d, i, ",")) {
            /* skip a bracketed phrase ", in a notice," */
            size_t k = i;
            while (k-- > x->sb && i - k < 8 && !tok_is(d, k, ","))
                if (mention_at(x, k) >= 0 && k == i - 1 && (k == x->sb || !tok_is(d, k - 1, "in")))
                    break;
            // k wraps below 0 when the loop ran past a sentence at token 0
            if (k < i && k > x->sb && tok_is(d, k, ",")) {
                i = k;
                continue;
            }
            return -1;
        }
        return -1;
    }
    return -1;
}

/* rule verb: SUBJ [aux|adv]* VERB (OBJ | ... PREP OBJ | PREP DATE),
 * passive with "by" */
static void rule_verb(xctx *x, size_t v)
{
    const kg_doc *d = x->d;
    if (tok_cap(d, v) || mention_at(x, v) >= 0 || d->tokens[v].kind != KG_TOK_WORD) return;
    if (d->words && tok_upos(d, v) != KG_UPOS_VERB) return;
    if (!d->words && v > x->sb && tok_in(d, v - 1, determiners)) return; /* "the support": a noun */
    const kg_lex_entry *const *es;
    size_t ne = lex_entries(x, v, 0, &es);
    if (!ne) return;
    int passive;
    int s = find_subject(x, v, &passive);
    if (s < 0 || mention(x, s)->entity == SIZE_MAX) return;
    size_t subj = mention(x, s)->entity;
    for (size_t k = 0; k < ne; k++) {
        const kg_lex_entry *e = es[k];
        if (e->passive >= 0 && e->passive != passive) continue;
        factuality fa = judge(x, mention(x, s)->tok_begin, v);
        const char *prep = e->prep;
        if (!prep && passive) prep = "by"; /* "X is supported by Y" */
        if (!prep) {
            int y = mention_from(x, v + 1);
            if (y < 0 || mention(x, y)->entity == SIZE_MAX) continue;
            if (!object_ok(e->object, ent_class(x, mention(x, y)->entity))) continue;
            add_entry_fact(x, e, subj, mention(x, y)->entity, 0.7, &fa, v, v + 1);
            continue;
        }
        /* the preposition within a few words: "signed a deal with Y" */
        size_t p = v + 1;
        while (p < x->se && p - v <= 5 && !tok_is(d, p, prep) && !tok_is(d, p, ",") &&
               !(tok_in(d, p, prepositions) && p > v + 1))
            p++;
        if (p >= x->se || !tok_is(d, p, prep)) continue;
        if (e->object == KG_LEX_DATE) {
            char lex[32];
            size_t end;
            const char *dt = read_date(x, p + 1, lex, sizeof lex, &end);
            if (dt) add_fact(x, subj, e->property, 0, lex, dt, 0.8, &fa, v, end);
            continue;
        }
        int y = mention_from(x, p + 1);
        if (y < 0 || mention(x, y)->entity == SIZE_MAX) continue;
        if (!object_ok(e->object, ent_class(x, mention(x, y)->entity))) continue;
        add_entry_fact(x, e, subj, mention(x, y)->entity, 0.7, &fa, v, p + 1);
    }
}

static int place_container(kg_class c)
{
    return c == KG_CLASS_COUNTRY || c == KG_CLASS_ADMIN_AREA || c == KG_CLASS_CONTINENT ||
           c == KG_CLASS_PLACE;
}

/* rule possessive_place: PLACE 's PLACE|ORG   "China's Jiangsu Province" */
static void rule_possessive(xctx *x, int a)
{
    const kg_doc *d = x->d;
    const kg_mention *ma = mention(x, a);
    size_t t = ma->tok_end;
    if (ma->kind == KG_MENTION_DEMONYM || t + 1 >= x->se || !tok_is(d, t, "'s")) return;
    int b = mention_from(x, t + 1);
    if (b < 0 || mention(x, b)->kind == KG_MENTION_DEMONYM) return;
    kg_class ca = ent_class(x, ma->entity), cb = ent_class(x, mention(x, b)->entity);
    if (!place_container(ca)) return;
    factuality fa = {0, SIZE_MAX, {0}};
    if (kg_class_family(cb) == KG_FAMILY_PLACE && cb != KG_CLASS_COUNTRY &&
        cb != KG_CLASS_CONTINENT)
        add_fact(x, mention(x, b)->entity, KG_SCHEMA "containedInPlace", ma->entity, NULL, NULL,
                 0.85, &fa, ma->tok_begin, mention(x, b)->tok_end);
    else if (kg_class_family(cb) == KG_FAMILY_ORGANIZATION)
        add_fact(x, mention(x, b)->entity, KG_SCHEMA "location", ma->entity, NULL, NULL, 0.6, &fa,
                 ma->tok_begin, mention(x, b)->tok_end);
}

/* rule located_in: PLACE|ORG in [direction] (PLACE 's)* PLACE
 *   "the Suzhou Industrial Park in east China's Jiangsu Province" */
static void rule_located_in(xctx *x, int a)
{
    const kg_doc *d = x->d;
    const kg_mention *ma = mention(x, a);
    size_t t = ma->tok_end;
    if (ma->kind == KG_MENTION_DEMONYM || ma->kind == KG_MENTION_PRONOUN || t + 1 >= x->se ||
        !tok_is(d, t, "in"))
        return;
    kg_class ca = ent_class(x, ma->entity);
    kg_family fa_ = kg_class_family(ca);
    if ((fa_ != KG_FAMILY_PLACE && fa_ != KG_FAMILY_ORGANIZATION) || ca == KG_CLASS_COUNTRY ||
        ca == KG_CLASS_CONTINENT)
        return;
    size_t k = t + 1;
    while (k < x->se && tok_in(d, k, directions))
        k++;
    int y = mention_from(x, k);
    while (y >= 0) { /* follow the possessive chain to its head */
        size_t e = mention(x, y)->tok_end;
        if (e + 1 < x->se && tok_is(d, e, "'s")) {
            int n = mention_from(x, e + 1);
            if (n < 0) break;
            y = n;
        } else {
            break;
        }
    }
    if (y < 0 || mention(x, y)->kind == KG_MENTION_DEMONYM) return;
    size_t ye = mention(x, y)->entity;
    if (kg_class_family(ent_class(x, ye)) != KG_FAMILY_PLACE ||
        (ent_class(x, ye) == KG_CLASS_CITY && ca == KG_CLASS_ADMIN_AREA))
        return;
    factuality fa = {0, SIZE_MAX, {0}};
    add_fact(x, ma->entity,
             fa_ == KG_FAMILY_PLACE ? KG_SCHEMA "containedInPlace" : KG_SCHEMA "location", ye, NULL,
             NULL, 0.75, &fa, t, t + 1);
}

/* The head or spokesperson of an organisation is one of its members. */
static void member_too(xctx *x, size_t person, const char *relation, size_t org, double conf,
                       size_t ev_b, size_t ev_e)
{
    if (strcmp(relation, "headOf") != 0 && strcmp(relation, "spokespersonOf") != 0) return;
    if (kg_class_family(ent_class(x, org)) != KG_FAMILY_ORGANIZATION) return;
    factuality fa = {0, SIZE_MAX, {0}};
    add_fact(x, person, KG_SCHEMA "memberOf", org, NULL, NULL, conf, &fa, ev_b, ev_e);
}

/* rule title: [OWNER] TITLE NAME   "German Chancellor Angela Merkel",
 * "Apple CEO Tim Cook" */
static void rule_title(xctx *x, int m)
{
    const kg_doc *d = x->d;
    const kg_mention *mm = mention(x, m);
    if (mm->title_end <= mm->title_begin || !x->gz || mm->entity == SIZE_MAX) return;
    if (ent_class(x, mm->entity) != KG_CLASS_PERSON) return;
    const kg_token *f = &d->tokens[mm->title_begin], *l = &d->tokens[mm->title_end - 1];
    const kg_gaz_title *t =
        kg_gazetteer_title(x->gz, d->article->text + f->off, l->off + l->len - f->off);
    if (!t || !t->relation) return;
    size_t owner = SIZE_MAX;
    if (mm->title_begin > x->sb) {
        int o = mention_at(x, mm->title_begin - 1);
        if (o >= 0 && mention(x, o)->tok_end == mm->title_begin)
            owner = mention(x, o)->entity;
        else if (mm->title_begin >= 2 && tok_is(d, mm->title_begin - 1, "'s") &&
                 (o = mention_at(x, mm->title_begin - 2)) >= 0)
            owner = mention(x, o)->entity;
    }
    double conf = 0.8;
    kg_class want = kg_class_of_gaz(t->target);
    if (owner == SIZE_MAX && t->code) owner = kg_graph_by_code(d->graph, t->code);
    /* "Chancellor Angela Merkel" in an article about Germany */
    if (owner == SIZE_MAX && want == KG_CLASS_COUNTRY && x->home != SIZE_MAX) {
        owner = x->home;
        conf = 0.5;
    }
    if (owner == SIZE_MAX) return;
    kg_family of = kg_class_family(ent_class(x, owner));
    const char *relation = t->relation;
    /* "EU parliament president Martin Schulz": the president of an
     * organisation heads it */
    if (kg_class_family(want) == KG_FAMILY_PLACE && of == KG_FAMILY_ORGANIZATION &&
        (strcmp(relation, "headOfState") == 0 || strcmp(relation, "headOfGovernment") == 0))
        relation = "headOf";
    else if (kg_class_family(want) == KG_FAMILY_PLACE && of != KG_FAMILY_PLACE)
        return;
    if (kg_class_family(want) == KG_FAMILY_ORGANIZATION && of != KG_FAMILY_ORGANIZATION &&
        of != KG_FAMILY_PLACE)
        return;
    char prop[128];
    snprintf(prop, sizeof prop, "%s%s", KG_NS, relation);
    factuality fa = {0, SIZE_MAX, {0}};
    /* "Spain midfielder Andres Iniesta", "US Vice President ...": a member
     * of a country is its citizen */
    if (strcmp(relation, "memberOf") == 0 && ent_class(x, owner) == KG_CLASS_COUNTRY)
        snprintf(prop, sizeof prop, "%s", KG_SCHEMA "nationality");
    add_fact(x, mm->entity, prop, owner, NULL, NULL, conf, &fa, mm->title_begin, mm->tok_end);
    member_too(x, mm->entity, relation, owner, conf - 0.1, mm->title_begin, mm->tok_end);
    /* a country's head of state, head of government or minister is its citizen */
    if (ent_class(x, owner) == KG_CLASS_COUNTRY && strcmp(relation, "memberOf") != 0)
        add_fact(x, mm->entity, KG_SCHEMA "nationality", owner, NULL, NULL, conf - 0.1, &fa,
                 mm->title_begin, mm->tok_end);
}

/* rule appositive_title: PERSON , (the|a) [word]{0,2} TITLE of (the)? ENTITY
 *   "Volker Kauder, the head of the CDU"; and PERSON of (the)? PARTY|ORG
 *   "Sebastian Kurz of the Austrian People's Party" */
static void rule_appositive_title(xctx *x, int m)
{
    const kg_doc *d = x->d;
    const kg_mention *mm = mention(x, m);
    if (ent_class(x, mm->entity) != KG_CLASS_PERSON || mm->kind != KG_MENTION_NAME || !x->gz)
        return;
    size_t i = mm->tok_end;
    factuality fa = {0, SIZE_MAX, {0}};
    if (i + 1 < x->se && tok_is(d, i, "of")) {
        int o = mention_from(x, i + 1);
        if (o >= 0 &&
            kg_class_family(ent_class(x, mention(x, o)->entity)) == KG_FAMILY_ORGANIZATION)
            add_fact(x, mm->entity, KG_SCHEMA "memberOf", mention(x, o)->entity, NULL, NULL, 0.6,
                     &fa, i, i + 1);
        return;
    }
    if (i + 3 >= x->se || !tok_is(d, i, ",")) return;
    i++;
    /* "Simon Crean, Australia's Minister for Trade" */
    int po = mention_from(x, i);
    if (po >= 0 && mention(x, po)->kind != KG_MENTION_DEMONYM &&
        mention(x, po)->tok_end + 1 < x->se && tok_is(d, mention(x, po)->tok_end, "'s")) {
        size_t b = mention(x, po)->tok_end + 1;
        const kg_gaz_title *t = NULL;
        size_t tend = b;
        for (size_t k = b + 1; k <= x->se && k <= b + 4; k++) {
            const kg_token *f = &d->tokens[b], *l = &d->tokens[k - 1];
            const kg_gaz_title *u =
                kg_gazetteer_title(x->gz, d->article->text + f->off, l->off + l->len - f->off);
            if (u) t = u, tend = k;
        }
        size_t owner = mention(x, po)->entity;
        if (!t || !t->relation || owner == SIZE_MAX) return;
        kg_class oc = ent_class(x, owner);
        kg_family of = kg_class_family(oc);
        if (of != KG_FAMILY_ORGANIZATION && of != KG_FAMILY_PLACE) return;
        char prop[128];
        if (strcmp(t->relation, "memberOf") == 0 && oc == KG_CLASS_COUNTRY)
            snprintf(prop, sizeof prop, "%s", KG_SCHEMA "nationality");
        else
            snprintf(prop, sizeof prop, "%s%s", KG_NS, t->relation);
        add_fact(x, mm->entity, prop, owner, NULL, NULL, 0.7, &fa, i, tend);
        member_too(x, mm->entity, t->relation, owner, 0.6, i, tend);
        if (oc == KG_CLASS_COUNTRY && strcmp(t->relation, "memberOf") != 0)
            add_fact(x, mm->entity, KG_SCHEMA "nationality", owner, NULL, NULL, 0.6, &fa, i, tend);
        return;
    }
    if (tok_is(d, i, "the") || tok_is(d, i, "a") || tok_is(d, i, "an")) i++;
    for (size_t k = i; k < x->se && k < i + 5; k++) {
        if (!tok_is(d, k, "of")) continue;
        const kg_gaz_title *t = NULL;
        for (size_t b = i; b < k && !t; b++) {
            const kg_token *f = &d->tokens[b], *l = &d->tokens[k - 1];
            t = kg_gazetteer_title(x->gz, d->article->text + f->off, l->off + l->len - f->off);
        }
        int o = mention_from(x, k + 1);
        if (!t || !t->relation || o < 0) return;
        size_t owner = mention(x, o)->entity;
        kg_family of = kg_class_family(ent_class(x, owner));
        if (of != KG_FAMILY_ORGANIZATION && of != KG_FAMILY_PLACE) return;
        char prop[128];
        snprintf(prop, sizeof prop, "%s%s", KG_NS, t->relation);
        add_fact(x, mm->entity, prop, owner, NULL, NULL, 0.7, &fa, i, k + 1);
        member_too(x, mm->entity, t->relation, owner, 0.6, i, k + 1);
        return;
    }
}

/* rule org_person: ORG ['s] [role] PERSON   "Christian Democrat Axel Fischer",
 * "Bayern Munich's Arjen Robben", "Dortmund keeper Roman Weidenfeller": the
 * person is a member of the organisation (a title that says more is
 * rule_title's). */
static void rule_org_person(xctx *x, int m)
{
    const kg_doc *d = x->d;
    const kg_mention *mm = mention(x, m);
    if (ent_class(x, mm->entity) != KG_CLASS_PERSON || mm->kind != KG_MENTION_NAME) return;
    size_t b = mm->tok_begin;
    if (mm->title_end > mm->title_begin) {
        if (x->gz) {
            const kg_token *f = &d->tokens[mm->title_begin], *l = &d->tokens[mm->title_end - 1];
            const kg_gaz_title *t =
                kg_gazetteer_title(x->gz, d->article->text + f->off, l->off + l->len - f->off);
            if (t && t->relation) return;
        }
        b = mm->title_begin;
    } else if (b > x->sb && d->tokens[b - 1].kind == KG_TOK_WORD && !tok_cap(d, b - 1) &&
               mention_at(x, b - 1) < 0 && b - 1 > x->sb && mention_at(x, b - 2) >= 0 &&
               tok_upos(d, b - 1) == KG_UPOS_NOUN) {
        b--; /* one lower-case role word: "Dortmund keeper X" */
    }
    if (b <= x->sb) return;
    size_t e = b;
    if (tok_is(d, b - 1, "'s")) e = b - 1;
    if (e <= x->sb) return;
    int o = mention_at(x, e - 1);
    if (o < 0 || mention(x, o)->tok_end != e || mention(x, o)->entity == SIZE_MAX ||
        mention(x, o)->kind == KG_MENTION_DEMONYM)
        return;
    kg_class oc = ent_class(x, mention(x, o)->entity);
    if (kg_class_family(oc) != KG_FAMILY_ORGANIZATION || oc == KG_CLASS_NEWS_ORG) return;
    factuality fa = {0, SIZE_MAX, {0}};
    add_fact(x, mm->entity, KG_SCHEMA "memberOf", mention(x, o)->entity, NULL, NULL, 0.55, &fa,
             mention(x, o)->tok_begin, mm->tok_end);
}

/* rule nationality: DEMONYM [words|title]{0,3} PERSON
 *   "Palestinian journalist Anis Muhsin", "German Chancellor Angela Merkel" */
static void rule_nationality(xctx *x, int m)
{
    const kg_doc *d = x->d;
    const kg_mention *mm = mention(x, m);
    if (ent_class(x, mm->entity) != KG_CLASS_PERSON || mm->kind != KG_MENTION_NAME) return;
    size_t i = mm->title_end > mm->title_begin ? mm->title_begin : mm->tok_begin;
    for (size_t k = 0; k < 4 && i > x->sb; k++) {
        int o = mention_at(x, i - 1);
        if (o >= 0) {
            const kg_mention *om = mention(x, o);
            if (om->kind == KG_MENTION_DEMONYM && ent_class(x, om->entity) == KG_CLASS_COUNTRY) {
                factuality fa = {0, SIZE_MAX, {0}};
                add_fact(x, mm->entity, KG_SCHEMA "nationality", om->entity, NULL, NULL, 0.7, &fa,
                         om->tok_begin, mm->tok_end);
            }
            return;
        }
        if (d->tokens[i - 1].kind != KG_TOK_WORD || tok_cap(d, i - 1)) return;
        i--;
    }
}

void kg_org_place_facts(kg_graph *g, const kg_fact *fact)
{
    kg_fact f = *fact;
    f.property = (char *)KG_SCHEMA "location";
    kg_graph_fact(g, &f);
    const kg_entity *org = kg_graph_get_entity(g, f.subject);
    if (org->cls != KG_CLASS_GOV_ORG || kg_graph_get_entity(g, f.object)->cls != KG_CLASS_COUNTRY)
        return;
    f.property = (char *)(strstr(org->name, "Ministry") ? KG_NS "ministryOf" : KG_NS "agencyOf");
    kg_graph_fact(g, &f);
}

static void org_in_place(xctx *x, size_t org, size_t place, double conf, size_t ev_b, size_t ev_e)
{
    const kg_doc *d = x->d;
    kg_fact f = {0};
    f.subject = org;
    f.object = place;
    f.confidence = conf;
    f.reporter = SIZE_MAX;
    f.sent_off = d->sents[x->s].off;
    f.sent_end = d->sents[x->s].end;
    if (ev_e > ev_b) {
        f.ev_off = d->tokens[ev_b].off;
        f.ev_end = d->tokens[ev_e - 1].off + d->tokens[ev_e - 1].len;
    }
    kg_org_place_facts(d->graph, &f);
}

/* rule home_country: a government body the article names without saying
 * whose it is ("the Foreign Ministry") belongs to the country the article
 * is about: named at least three times and twice as often as any other. */
static void rule_home_country(xctx *x)
{
    kg_doc *d = x->d;
    kg_graph *g = d->graph;
    size_t best = x->home;
    if (best == SIZE_MAX) return;
    char *linked = kg_xcalloc(kg_graph_n_entities(g) + 1, 1);
    for (size_t i = 0; i < kg_graph_n_facts(g); i++) {
        const kg_fact *f = kg_graph_get_fact(g, i);
        if (!f->literal && strcmp(f->property, KG_SCHEMA "location") == 0) linked[f->subject] = 1;
    }
    for (size_t m = 0; m < d->n_mentions; m++) {
        const kg_mention *mm = &d->mentions[m];
        if (mm->entity == SIZE_MAX || mm->kind != KG_MENTION_NAME || linked[mm->entity]) continue;
        if (kg_graph_get_entity(g, mm->entity)->cls != KG_CLASS_GOV_ORG) continue;
        linked[mm->entity] = 1;
        x->s = mm->sent;
        org_in_place(x, mm->entity, best, 0.5, mm->tok_begin, mm->tok_end);
    }
    free(linked);
}

/* rule gazetteer_containment: a place the article names and the place the
 * gazetteer says contains it, when the article names that one too
 * ("Hamburg ... Germany").  The fact's sentence is the first that names
 * the contained place. */
static void rule_containment(xctx *x)
{
    kg_doc *d = x->d;
    kg_graph *g = d->graph;
    size_t n = kg_graph_n_entities(g);
    char *seen = kg_xcalloc(n ? n : 1, 1);
    for (size_t m = 0; m < d->n_mentions; m++) {
        const kg_mention *mm = &d->mentions[m];
        if (mm->entity != SIZE_MAX && mm->kind != KG_MENTION_PRONOUN) seen[mm->entity] = 1;
    }
    for (size_t m = 0; m < d->n_mentions; m++) {
        const kg_mention *mm = &d->mentions[m];
        if (mm->entity == SIZE_MAX || mm->kind != KG_MENTION_NAME || seen[mm->entity] != 1)
            continue;
        const kg_entity *e = kg_graph_get_entity(g, mm->entity);
        seen[mm->entity] = 2; /* once per entity */
        kg_family fam = kg_class_family(e->cls);
        if (!e->parent || (fam != KG_FAMILY_PLACE && fam != KG_FAMILY_ORGANIZATION)) continue;
        size_t p = kg_graph_by_code(g, e->parent);
        double conf = 0.9;
        if ((p == SIZE_MAX || !seen[p]) && strlen(e->parent) > 2) {
            /* "Berlin" (DE-BE) in an article that names Germany, not Berlin state */
            char cc[3] = {e->parent[0], e->parent[1], '\0'};
            p = kg_graph_by_code(g, cc);
            conf = 0.85;
        }
        if (p == SIZE_MAX || !seen[p] || p == mm->entity) continue;
        x->s = mm->sent;
        factuality fa = {0, SIZE_MAX, {0}};
        if (fam == KG_FAMILY_PLACE)
            add_fact(x, mm->entity, KG_SCHEMA "containedInPlace", p, NULL, NULL, conf, &fa,
                     mm->tok_begin, mm->tok_end);
        else
            org_in_place(x, mm->entity, p, conf - 0.05, mm->tok_begin, mm->tok_end);
    }
    free(seen);
}

/* rule name_country: an organisation or place whose name holds a
 * country's name or demonym ("Royal Canadian Air Force", "Norwegian Cup",
 * "Bank of China") is in that country, when the article names it. */
static void rule_name_country(xctx *x)
{
    kg_doc *d = x->d;
    kg_graph *g = d->graph;
    if (!x->gz) return;
    size_t n = kg_graph_n_entities(g);
    char *done = kg_xcalloc(n ? n : 1, 1);
    for (size_t m = 0; m < d->n_mentions; m++) {
        const kg_mention *mm = &d->mentions[m];
        size_t e = mm->entity;
        if (e == SIZE_MAX || done[e] || mm->kind != KG_MENTION_NAME) continue;
        done[e] = 1;
        kg_class c = ent_class(x, e);
        kg_family fam = kg_class_family(c);
        if ((fam != KG_FAMILY_ORGANIZATION && fam != KG_FAMILY_PLACE) || c == KG_CLASS_COUNTRY ||
            c == KG_CLASS_CONTINENT)
            continue;
        size_t p = SIZE_MAX;
        /* one to three words: "Canadian", "United States", "Republic of Korea" */
        for (size_t t = mm->tok_begin; t < mm->tok_end && p == SIZE_MAX; t++) {
            if (!tok_cap(d, t)) continue;
            for (size_t k = t + 1; k <= mm->tok_end && k <= t + 3; k++) {
                const kg_token *f = &d->tokens[t], *l = &d->tokens[k - 1];
                size_t len = l->off + l->len - f->off;
                if (len < 3 || (t == mm->tok_begin && k == mm->tok_end)) continue;
                const kg_gaz_entry *const *hits;
                kg_gaz_form form;
                if (!kg_gazetteer_lookup(x->gz, d->article->text + f->off, len, &hits, &form) ||
                    hits[0]->cls != KG_GAZ_COUNTRY || !hits[0]->code)
                    continue;
                p = kg_graph_by_code(g, hits[0]->code);
                if (p == SIZE_MAX) continue;
                break;
            }
        }
        if (p == SIZE_MAX || p == e) continue;
        x->s = mm->sent;
        factuality fa = {0, SIZE_MAX, {0}};
        if (fam == KG_FAMILY_PLACE)
            add_fact(x, e, KG_SCHEMA "containedInPlace", p, NULL, NULL, 0.6, &fa, mm->tok_begin,
                     mm->tok_end);
        else
            org_in_place(x, e, p, 0.6, mm->tok_begin, mm->tok_end);
    }
    /* "University of Toronto", "Calgary City Council": an organisation
     * named after a place the article names is there */
    memset(done, 0, n ? n : 1);
    for (size_t m = 0; m < d->n_mentions && n <= 4000; m++) { /* quadratic: bounded */
        const kg_mention *mm = &d->mentions[m];
        size_t e = mm->entity;
        if (e == SIZE_MAX || done[e] || mm->kind != KG_MENTION_NAME) continue;
        done[e] = 1;
        if (kg_class_family(ent_class(x, e)) != KG_FAMILY_ORGANIZATION) continue;
        const char *on = kg_graph_get_entity(g, e)->name;
        size_t best = SIZE_MAX, best_len = 0;
        for (size_t p = 0; p < n; p++) {
            const kg_entity *pe = kg_graph_get_entity(g, p);
            if (!pe->mentions || kg_class_family(pe->cls) != KG_FAMILY_PLACE ||
                pe->cls == KG_CLASS_COUNTRY || pe->cls == KG_CLASS_CONTINENT)
                continue;
            size_t pl = strlen(pe->name);
            if (pl < 4 || pl <= best_len) continue;
            for (const char *q = strstr(on, pe->name); q; q = strstr(q + 1, pe->name))
                if ((q == on || q[-1] == ' ') && (q[pl] == '\0' || q[pl] == ' ')) {
                    best = p;
                    best_len = pl;
                    break;
                }
        }
        if (best == SIZE_MAX) continue;
        x->s = mm->sent;
        org_in_place(x, e, best, 0.55, mm->tok_begin, mm->tok_end);
    }
    free(done);
}

/* rule apposition_place: PLACE , PLACE   "Albany, New York", "Suzhou,
 * Jiangsu" (the second a region or country, the first something smaller) */
static void rule_place_apposition(xctx *x, int a)
{
    const kg_doc *d = x->d;
    const kg_mention *ma = mention(x, a);
    size_t t = ma->tok_end;
    if (ma->kind != KG_MENTION_NAME || t + 1 >= x->se || !tok_is(d, t, ",")) return;
    int b = mention_from(x, t + 1);
    if (b < 0 || mention(x, b)->kind != KG_MENTION_NAME) return;
    kg_class ca = ent_class(x, ma->entity), cb = ent_class(x, mention(x, b)->entity);
    if (kg_class_family(ca) != KG_FAMILY_PLACE || ca == KG_CLASS_COUNTRY ||
        ca == KG_CLASS_CONTINENT)
        return;
    if (cb != KG_CLASS_COUNTRY && cb != KG_CLASS_ADMIN_AREA) return;
    /* a list "Paris, Lyon and Nice", "Bavaria, Saxony, Thuringia and Hesse"
     * is no apposition */
    size_t after = mention(x, b)->tok_end;
    while (after + 1 < x->se && tok_is(d, after, ",")) {
        int c = mention_from(x, after + 1);
        if (c < 0 || kg_class_family(ent_class(x, mention(x, c)->entity)) != KG_FAMILY_PLACE) break;
        after = mention(x, c)->tok_end;
    }
    if (after < x->se && (tok_is(d, after, "and") || tok_is(d, after, "or"))) return;
    /* two regions: only in a chain that ends in a country ("Szczytno
     * County, Warmian-Masurian Voivodeship, Poland") */
    if (ca == KG_CLASS_ADMIN_AREA && cb == KG_CLASS_ADMIN_AREA && after == mention(x, b)->tok_end)
        return;
    factuality fa = {0, SIZE_MAX, {0}};
    add_fact(x, ma->entity, KG_SCHEMA "containedInPlace", mention(x, b)->entity, NULL, NULL, 0.7,
             &fa, ma->tok_begin, mention(x, b)->tok_end);
}

/* rule copula_in: PLACE|ORG (be|,) (a|an|the) [word]{1,4} (in|of) PLACE
 *   "Springfield is a city in Illinois", "Ulm, a town in Bavaria" */
static void rule_copula_in(xctx *x, int m)
{
    const kg_doc *d = x->d;
    const kg_mention *mm = mention(x, m);
    if (mm->kind != KG_MENTION_NAME) return;
    kg_class c = ent_class(x, mm->entity);
    kg_family fam = kg_class_family(c);
    if ((fam != KG_FAMILY_PLACE && fam != KG_FAMILY_ORGANIZATION) || c == KG_CLASS_COUNTRY ||
        c == KG_CLASS_CONTINENT)
        return;
    size_t i = mm->tok_end;
    if (i + 3 >= x->se || !(tok_in(d, i, be_forms) || tok_is(d, i, ","))) return;
    i++;
    if (!tok_is(d, i, "a") && !tok_is(d, i, "an") && !tok_is(d, i, "the")) return;
    size_t k = i + 1;
    while (k < x->se && k - i <= 4 && d->tokens[k].kind == KG_TOK_WORD && !tok_cap(d, k) &&
           !tok_is(d, k, "in") && !tok_is(d, k, "of"))
        k++;
    if (k == i + 1 || k >= x->se || !(tok_is(d, k, "in") || tok_is(d, k, "of"))) return;
    size_t j = k + 1;
    while (j < x->se && tok_in(d, j, directions))
        j++;
    int y = mention_from(x, j);
    if (y < 0 || mention(x, y)->kind == KG_MENTION_DEMONYM) return;
    size_t ye = mention(x, y)->entity;
    if (kg_class_family(ent_class(x, ye)) != KG_FAMILY_PLACE || ye == mm->entity) return;
    /* "the capital of Y", "a suburb of Y" only with "of"; "in" always */
    factuality fa = {0, SIZE_MAX, {0}};
    if (fam == KG_FAMILY_PLACE)
        add_fact(x, mm->entity, KG_SCHEMA "containedInPlace", ye, NULL, NULL, 0.7, &fa, i, j);
    else
        org_in_place(x, mm->entity, ye, 0.65, i, j);
}

/* rule copula_demonym: PERSON be (a|an|the) [word]{0,2} DEMONYM
 *   "X is an American actor" */
static void rule_copula_demonym(xctx *x, int m)
{
    const kg_doc *d = x->d;
    const kg_mention *mm = mention(x, m);
    if (ent_class(x, mm->entity) != KG_CLASS_PERSON || mm->kind == KG_MENTION_DEMONYM) return;
    size_t i = mm->tok_end;
    /* skip bracketed asides: "X (born 1950) is ...", "X () (? - 1612) was" */
    while (i < x->se && tok_is(d, i, "(")) {
        while (i < x->se && !tok_is(d, i, ")"))
            i++;
        i++;
    }
    if (i + 2 >= x->se || !tok_in(d, i, be_forms)) return;
    i++;
    if (!tok_is(d, i, "a") && !tok_is(d, i, "an") && !tok_is(d, i, "the")) return;
    for (size_t k = i + 1; k < x->se && k <= i + 3; k++) {
        int o = mention_at(x, k);
        if (o < 0) {
            if (d->tokens[k].kind != KG_TOK_WORD) return;
            continue;
        }
        const kg_mention *om = mention(x, o);
        /* "an American actor"; "a U.S. businessman": a country's name used
         * as an adjective, before a lower-case noun */
        int adjectival = om->kind == KG_MENTION_DEMONYM ||
                         ((om->kind == KG_MENTION_NAME || om->kind == KG_MENTION_ACRONYM) &&
                          om->tok_end < x->se && d->tokens[om->tok_end].kind == KG_TOK_WORD &&
                          !tok_cap(d, om->tok_end));
        if (adjectival && om->entity != SIZE_MAX && ent_class(x, om->entity) == KG_CLASS_COUNTRY) {
            factuality fa = {0, SIZE_MAX, {0}};
            add_fact(x, mm->entity, KG_SCHEMA "nationality", om->entity, NULL, NULL, 0.75, &fa,
                     mm->tok_begin, om->tok_end);
        }
        return;
    }
}

/* rule life_dates: PERSON ( [...;] [born [NAME] [on]] DATE [in PLACE] [– DATE] )
 *   "Ada Lovelace (10 December 1815 – 27 November 1852)", "X (born 13 March
 *   1963 in Medias, Transylvania)", "X (/ipa/; born 16 June 1955)" */
static void rule_life_dates(xctx *x, int m)
{
    const kg_doc *d = x->d;
    const kg_mention *mm = mention(x, m);
    if (ent_class(x, mm->entity) != KG_CLASS_PERSON || mm->kind != KG_MENTION_NAME) return;
    size_t i = mm->tok_end;
    if (i + 2 >= x->se || !tok_is(d, i, "(")) return;
    size_t close = i + 1;
    while (close < x->se && close < i + 40 && !tok_is(d, close, ")"))
        close++;
    if (close >= x->se || !tok_is(d, close, ")")) return;
    /* the first date inside the brackets; "born" anywhere before it */
    int born = 0;
    char lex[32], lex2[32];
    size_t end = 0;
    const char *dt = NULL;
    for (size_t k = i + 1; k < close && !dt; k++) {
        if (tok_is(d, k, "born") || tok_is(d, k, "b.")) born = 1;
        if (d->tokens[k].kind == KG_TOK_NUMBER || month_at(x, k))
            dt = read_date(x, k, lex, sizeof lex, &end);
        if (!dt && d->tokens[k].kind == KG_TOK_NUMBER && !tok_year(d, k) && !day_at(x, k))
            return; /* some other number: not life dates */
    }
    if (!dt || end > close) return;
    factuality fa = {0, SIZE_MAX, {0}};
    add_fact(x, mm->entity, KG_SCHEMA "birthDate", 0, lex, dt, 0.8, &fa, mm->tok_begin, end);
    if (born && end + 1 < close && tok_is(d, end, "in")) {
        int p = mention_from(x, end + 1);
        if (p >= 0 && mention(x, p)->entity != SIZE_MAX &&
            kg_class_family(ent_class(x, mention(x, p)->entity)) == KG_FAMILY_PLACE)
            add_fact(x, mm->entity, KG_SCHEMA "birthPlace", mention(x, p)->entity, NULL, NULL, 0.75,
                     &fa, mm->tok_begin, mention(x, p)->tok_end);
        return;
    }
    if (born || end >= close) return;
    size_t n;
    const char *dash = kg_doc_tok(d, end, &n);
    if (!(n == 1 && *dash == '-') && !(n == 3 && (unsigned char)dash[0] == 0xE2)) return;
    const char *dt2 = read_date(x, end + 1, lex2, sizeof lex2, &end);
    if (dt2 && end <= close)
        add_fact(x, mm->entity, KG_SCHEMA "deathDate", 0, lex2, dt2, 0.8, &fa, mm->tok_begin, end);
}

/* The places an entity is in, closed under containment: "Suzhou
 * Industrial Park in Jiangsu" and "Jiangsu in China" make the park in
 * China.  Inferred facts keep the sentence of the first link, with the
 * product of the confidences. */
static void close_containment(xctx *x)
{
    kg_graph *g = x->d->graph;
    if (kg_graph_n_facts(g) > 2000) return; /* quadratic: keep huge documents bounded */
    for (int round = 0; round < 3; round++) {
        size_t nf = kg_graph_n_facts(g);
        for (size_t i = 0; i < nf; i++) {
            const kg_fact *f = kg_graph_get_fact(g, i);
            if (f->literal || f->factuality) continue;
            int place = strcmp(f->property, KG_SCHEMA "containedInPlace") == 0;
            int based = strcmp(f->property, KG_NS "basedIn") == 0 ||
                        strcmp(f->property, KG_SCHEMA "location") == 0;
            if (!place && !based) continue;
            for (size_t j = 0; j < nf; j++) {
                const kg_fact *h = kg_graph_get_fact(g, j);
                if (h->literal || h->factuality || h->subject != f->object ||
                    strcmp(h->property, KG_SCHEMA "containedInPlace") != 0 ||
                    h->object == f->subject)
                    continue;
                kg_fact c = *f;
                c.object = h->object;
                c.confidence = f->confidence * h->confidence * 0.95;
                c.phrase = NULL;
                c.ev_off = c.ev_end = 0;
                c.source = NULL;
                /* an existing equal fact keeps its own confidence */
                int known = 0;
                for (size_t k = 0; k < kg_graph_n_facts(g) && !known; k++) {
                    const kg_fact *e = kg_graph_get_fact(g, k);
                    known = !e->literal && e->subject == c.subject && e->object == c.object &&
                            strcmp(e->property, c.property) == 0;
                }
                if (!known) kg_graph_fact(g, &c);
                f = kg_graph_get_fact(g, i); /* the array may have moved */
            }
        }
    }
}

/* A name of an international body ("World Bank", "European Union",
 * "Amnesty International", "UN"), a wire service, or a world region
 * ("Middle East", "Latin America"): nothing a single country holds. */
static int international(const char *name)
{
    static const char *const words[] = {
        "International", "World",   "Global",      "Europe", "European", "United Nations",
        "Nations",       "Olympic", "Atlantic",    "Africa", "African",  "Asian",
        "Arab",          "Asia",    "America",     "East",   "Pacific",  "Arctic",
        "Caribbean",     "Balkans", "Scandinavia", NULL};
    /* and the wire services that report from everywhere */
    static const char *const acronyms[] = {"UN",
                                           "EU",
                                           "NATO",
                                           "OSCE",
                                           "IMF",
                                           "WHO",
                                           "OPEC",
                                           "ASEAN",
                                           "G7",
                                           "G20",
                                           "UEFA",
                                           "FIFA",
                                           "IOC",
                                           "PACE",
                                           "WTO",
                                           "OECD",
                                           "AFP",
                                           "AP",
                                           "dpa",
                                           "Reuters",
                                           "DW",
                                           "Deutsche Welle",
                                           "Associated Press",
                                           "PTI",
                                           "EFE",
                                           "ANSA",
                                           "Xinhua News Agency",
                                           "Interfax",
                                           "TASS",
                                           "Bloomberg",
                                           "KNA",
                                           "Agence France-Presse",
                                           NULL};
    for (size_t i = 0; acronyms[i]; i++)
        if (strcmp(name, acronyms[i]) == 0) return 1;
    for (size_t i = 0; words[i]; i++) {
        size_t n = strlen(words[i]);
        for (const char *p = strstr(name, words[i]); p; p = strstr(p + 1, words[i]))
            if ((p == name || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' ')) return 1;
    }
    return 0;
}

/* The one country an article names (by name or demonym), or SIZE_MAX. */
static size_t only_country(const kg_graph *g)
{
    size_t best = SIZE_MAX;
    for (size_t i = 0; i < kg_graph_n_entities(g); i++) {
        const kg_entity *e = kg_graph_get_entity(g, i);
        if (e->cls != KG_CLASS_COUNTRY || !e->mentions) continue;
        if (best != SIZE_MAX) return SIZE_MAX;
        best = i;
    }
    return best;
}

/* rule article_country: what the article does not place anywhere is in the
 * country it is about (named three times and twice as often as any other,
 * or the only country it names): places and organisations without a
 * country get one, and persons without a nationality that country's when
 * the article is clearly about it; all at a low confidence.  Run after close_containment(). */
static void rule_article_country(xctx *x)
{
    kg_doc *d = x->d;
    kg_graph *g = d->graph;
    size_t home = x->home != SIZE_MAX ? x->home : only_country(g);
    if (home == SIZE_MAX) return;
    double w = x->home != SIZE_MAX ? 1.0 : 0.8;
    size_t n = kg_graph_n_entities(g);
    char *placed = kg_xcalloc(n ? n : 1, 1);
    for (size_t i = 0; i < kg_graph_n_facts(g); i++) {
        const kg_fact *f = kg_graph_get_fact(g, i);
        if (f->literal || (f->factuality & KG_FACT_NEGATED)) continue;
        if (ent_class(x, f->object) != KG_CLASS_COUNTRY) continue;
        if (strcmp(f->property, KG_SCHEMA "nationality") == 0 ||
            strcmp(f->property, KG_SCHEMA "containedInPlace") == 0 ||
            strcmp(f->property, KG_SCHEMA "location") == 0 ||
            strcmp(f->property, KG_NS "basedIn") == 0 ||
            strcmp(f->property, KG_NS "headquarteredIn") == 0)
            placed[f->subject] = 1;
    }
    for (size_t m = 0; m < d->n_mentions; m++) {
        const kg_mention *mm = &d->mentions[m];
        size_t e = mm->entity;
        if (e == SIZE_MAX || e == home || placed[e] || mm->kind != KG_MENTION_NAME) continue;
        placed[e] = 1;
        kg_class c = ent_class(x, e);
        kg_family fam = kg_class_family(c);
        const kg_entity *ent = kg_graph_get_entity(g, e);
        const char *hc = kg_graph_get_entity(g, home)->code;
        /* the gazetteer puts it in another country ("Berlin" in an article
         * about Spain) */
        if (ent->parent && hc && strncmp(ent->parent, hc, 2) != 0) continue;
        /* agencies and international bodies report from or act in it */
        if ((fam == KG_FAMILY_ORGANIZATION || c == KG_CLASS_PLACE) && international(ent->name))
            continue;
        x->s = mm->sent;
        factuality fa = {0, SIZE_MAX, {0}};
        if (fam == KG_FAMILY_PLACE && c != KG_CLASS_COUNTRY && c != KG_CLASS_CONTINENT &&
            c != KG_CLASS_OCEAN && c != KG_CLASS_SEA)
            add_fact(x, e, KG_SCHEMA "containedInPlace", home, NULL, NULL, 0.45 * w, &fa,
                     mm->tok_begin, mm->tok_end);
        else if (fam == KG_FAMILY_ORGANIZATION && c != KG_CLASS_GOV_ORG)
            add_fact(x, e, KG_SCHEMA "location", home, NULL, NULL, 0.4 * w, &fa, mm->tok_begin,
                     mm->tok_end);
        else if (fam == KG_FAMILY_PERSON && x->home != SIZE_MAX)
            add_fact(x, e, KG_SCHEMA "nationality", home, NULL, NULL, 0.35 * w, &fa, mm->tok_begin,
                     mm->tok_end);
    }
    free(placed);
}

/* ------------------------------------------------------------------ */
/* Dates of events                                                    */
/* ------------------------------------------------------------------ */

static const char *const weekdays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                       "friday", "saturday", "sunday",    NULL};
static const char *const month_abbr[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul",
                                         "aug", "sep", "oct", "nov", "dec", NULL};

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). */
static long days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, long *m, long *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp + (mp < 10 ? 3 : -9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* The month named by token @p i ("March", "Nov.", "Sept"), 1-12, or 0. */
static int month_at(const xctx *x, size_t i)
{
    size_t n;
    const char *s = kg_doc_tok(x->d, i, &n);
    if (x->d->tokens[i].kind != KG_TOK_WORD || n < 3 || n > 10) return 0;
    char w[12];
    for (size_t k = 0; k < n; k++)
        w[k] = (char)tolower((unsigned char)s[k]);
    w[n] = '\0';
    if (w[n - 1] == '.') w[--n] = '\0';
    for (int m = 0; month_names[m]; m++)
        if (strcmp(w, month_names[m]) == 0 || (n == 3 && strcmp(w, month_abbr[m]) == 0) ||
            (m == 8 && strcmp(w, "sept") == 0))
            return m + 1;
    return 0;
}

static int day_at(const xctx *x, size_t i)
{
    if (i < x->sb || i >= x->se || x->d->tokens[i].kind != KG_TOK_NUMBER) return 0;
    size_t n;
    const char *s = kg_doc_tok(x->d, i, &n);
    if (n > 2) return 0;
    int v = atoi(s);
    return v >= 1 && v <= 31 ? v : 0;
}

/* The date that token @p i (the head of an oblique of the clause) names,
 * resolved against the article's date @p pub: "Monday" (the last Monday
 * on or before the article, the next one after it when @p ahead),
 * "yesterday", "today", "tomorrow", "March 3" (the article's year),
 * "March 3, 2024", "3 March 2024".  Writes "YYYY-MM-DD" to @p out.
 * @return 1 when it found one. */
static int event_date(const xctx *x, size_t i, const char *pub, int ahead, char out[32])
{
    long py, pm, pd;
    if (!pub || sscanf(pub, "%4ld-%2ld-%2ld", &py, &pm, &pd) != 3) return 0;
    long today = days_from_civil(py, pm, pd), day;
    if (tok_in(x->d, i, weekdays)) {
        int want = 0;
        while (!tok_is(x->d, i, weekdays[want]))
            want++;
        int wd = (int)(((today % 7) + 7 + 3) % 7); /* 1970-01-01 was a Thursday */
        int back = (wd - want + 7) % 7;
        day = ahead ? today + (back == 0 ? 7 : 7 - back) : today - back;
    } else if (tok_is(x->d, i, "yesterday")) {
        day = today - 1;
    } else if (tok_is(x->d, i, "today")) {
        day = today;
    } else if (tok_is(x->d, i, "tomorrow")) {
        day = today + 1;
    } else {
        int m = month_at(x, i), dd = 0;
        long y = py;
        if (m) {
            dd = day_at(x, i + 1);
            if (!dd && i > x->sb) dd = day_at(x, i - 1);
            for (size_t k = i + 1; k < x->se && k <= i + 3; k++)
                if (tok_year(x->d, k)) {
                    size_t n;
                    y = atol(kg_doc_tok(x->d, k, &n));
                    break;
                }
        }
        if (!m || !dd) return 0;
        day = days_from_civil(y, m, dd);
    }
    long y, m, d;
    civil_from_days(day, &y, &m, &d);
    if (y < 1 || y > 9999) return 0;
    snprintf(out, 32, "%04d-%02d-%02d", (int)y, (int)m, (int)d);
    return 1;
}

/* The date of the clause of verb @p v: an oblique "on Monday", "on March
 * 3", or a bare "yesterday" / "Monday".  @return 1 with *out set. */
static int clause_date(const xctx *x, size_t v, int ahead, char out[32])
{
    const char *pub = x->d->article ? x->d->article->date : NULL;
    if (!pub) return 0;
    /* a child of the verb, or of one of its arguments (the parser often
     * hangs "on Monday" off the object: "met with X on Monday") */
    for (size_t c = x->sb; c < x->se; c++) {
        kg_deprel r = dep_rel(x, c);
        if (r != KG_DEP_OBL && r != KG_DEP_OBL_UNMARKED && r != KG_DEP_NMOD_UNMARKED &&
            r != KG_DEP_NMOD && r != KG_DEP_ADVMOD)
            continue;
        size_t h = dep_head(x, c);
        if (h != v) {
            kg_deprel hr = h == SIZE_MAX ? KG_DEP_DEP : dep_rel(x, h);
            if (r == KG_DEP_ADVMOD || dep_head(x, h) != v ||
                (hr != KG_DEP_OBJ && hr != KG_DEP_OBL && hr != KG_DEP_IOBJ))
                continue;
        }
        if (event_date(x, c, pub, ahead, out)) return 1;
    }
    return 0;
}

/* The continent of a country by ISO 3166-1 code, or NULL. */
static const char *continent_of(const char *code)
{
    static const struct {
        const char *name, *codes;
    } table[] = {
        {"Africa", "DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE "
                   "LS LR LY MG MW ML MR MU MA MZ NA NE NG RW ST SN SC SL SO ZA SS SD TZ TG TN UG "
                   "ZM ZW EH RE YT SH"},
        {"Europe", "AL AD AT BY BE BA BG HR CY CZ DK EE FI FR DE GR HU IS IE IT XK LV LI LT LU MT "
                   "MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SE CH UA GB VA FO GI GG IM JE AX"},
        {"Asia", "AF AM AZ BH BD BT BN KH CN GE IN ID IR IQ IL JP JO KZ KW KG LA LB MY MV MN MM NP "
                 "KP OM PK PS PH QA SA SG KR LK SY TW TJ TH TL TR TM AE UZ VN YE HK MO"},
        {"North America", "AG BS BB BZ CA CR CU DM DO SV GD GT HT HN JM MX NI PA KN LC VC TT US PR "
                          "GL BM AW CW KY TC VG VI GP MQ AI MS"},
        {"South America", "AR BO BR CL CO EC GY PY PE SR UY VE GF FK"},
        {"Oceania", "AU FJ KI MH FM NR NZ PW PG WS SB TO TV VU NC PF GU AS MP CK NU"},
    };
    if (!code || strlen(code) != 2) return NULL;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        for (const char *c = table[i].codes; *c; c += c[2] ? 3 : 2)
            if (c[0] == code[0] && c[1] == code[1]) return table[i].name;
    return NULL;
}

/* rule continent: a country is in its continent, when the article names
 * both ("Sudan ... Africa"): kg:continent, Wikidata's P30, which like
 * Wikidata keeps continents apart from administrative containment. */
static void rule_continent(xctx *x)
{
    kg_doc *d = x->d;
    kg_graph *g = d->graph;
    size_t n = kg_graph_n_entities(g);
    char *done = kg_xcalloc(n ? n : 1, 1);
    for (size_t m = 0; m < d->n_mentions; m++) {
        const kg_mention *mm = &d->mentions[m];
        size_t e = mm->entity;
        if (e == SIZE_MAX || done[e] || mm->kind == KG_MENTION_PRONOUN) continue;
        done[e] = 1;
        const kg_entity *ce = kg_graph_get_entity(g, e);
        const char *cont = ce->cls == KG_CLASS_COUNTRY ? continent_of(ce->code) : NULL;
        if (!cont) continue;
        for (size_t p = 0; p < n; p++) {
            const kg_entity *pe = kg_graph_get_entity(g, p);
            if (pe->cls != KG_CLASS_CONTINENT || !pe->mentions || strcmp(pe->name, cont) != 0)
                continue;
            x->s = mm->sent;
            factuality fa = {0, SIZE_MAX, {0}};
            add_fact(x, e, KG_NS "continent", p, NULL, NULL, 0.8, &fa, mm->tok_begin, mm->tok_end);
            break;
        }
    }
    free(done);
}

/* ------------------------------------------------------------------ */
/* Rules over the dependency parse                                    */
/* ------------------------------------------------------------------ */

/* When the document is parsed, verbs and nominalisations are read off the
 * tree: the open-IE clauses of openie.c (subject, verb, voice, objects
 * and obliques with their prepositions; conjoined verbs, relative clauses
 * and subject control already resolved) go through the lexicon to typed
 * facts; what the lexicon does not map stays an open relation when both
 * ends are named entities.  Nominalisations ("support for Y", "cooperation
 * between X and Y") take their agent from the tree: a possessor, the
 * subject of a copula, the head of an apposition, the subject of the verb
 * whose object they are (or that verb's object, for object control:
 * "support the park in expanding cooperation with Y"). */

static size_t dep_head(const xctx *x, size_t i)
{
    uint32_t h = x->d->words[i].head;
    return h ? x->sb + h - 1 : SIZE_MAX;
}

static kg_deprel dep_rel(const xctx *x, size_t i)
{
    return x->d->words[i].deprel;
}

/* The first child of @p h with relation @p r (SIZE_MAX if none). */
static size_t dep_child(const xctx *x, size_t h, kg_deprel r)
{
    for (size_t k = x->sb; k < x->se; k++)
        if (dep_rel(x, k) == r && dep_head(x, k) == h) return k;
    return SIZE_MAX;
}

static int is_nmod(kg_deprel r)
{
    return r == KG_DEP_NMOD || r == KG_DEP_NMOD_POSS || r == KG_DEP_NMOD_UNMARKED ||
           r == KG_DEP_NMOD_DESC;
}

/* The entity mention at token @p i (a name, acronym, description or a
 * resolved pronoun; a demonym only when @p demonym). */
static int ent_mention(const xctx *x, size_t i, int demonym)
{
    if (i == SIZE_MAX || i < x->sb || i >= x->se) return -1;
    int m = mention_at(x, i);
    if (m < 0) {
        /* "President Obama", "the Ministry's head": a title before the name */
        return -1;
    }
    const kg_mention *mm = mention(x, m);
    if (mm->entity == SIZE_MAX || (!demonym && mm->kind == KG_MENTION_DEMONYM)) return -1;
    return m;
}

/* The mention a slot of the tuple stands for: the one at its head word. */
static int slot_mention(const xctx *x, const kg_oie_slot *s)
{
    return ent_mention(x, x->sb + s->head, 0);
}

/* The lower-cased word at token @p i into @p out (empty when too long). */
static void lower_word(const xctx *x, size_t i, char *out, size_t cap)
{
    size_t n;
    const char *s = kg_doc_tok(x->d, i, &n);
    if (n >= cap) n = 0;
    for (size_t k = 0; k < n; k++)
        out[k] = (char)tolower((unsigned char)s[k]);
    out[n] = '\0';
}

/* The lemma of token @p i, lower-cased, into @p out (empty when none). */
static void lower_lemma(const xctx *x, size_t i, char *out, size_t cap)
{
    const char *l = tok_lemma(x->d, i);
    size_t n = l ? strlen(l) : 0;
    if (n >= cap) n = 0;
    for (size_t k = 0; k < n; k++)
        out[k] = (char)tolower((unsigned char)l[k]);
    out[n] = '\0';
}

/* The mentions an argument headed by @p h stands for: itself and its
 * conjuncts ("with France and Germany").  @return how many (at most 8). */
static size_t conj_mentions(const xctx *x, size_t h, int first, int *out)
{
    size_t n = 0;
    if (first >= 0) out[n++] = first;
    for (size_t k = x->sb; k < x->se && n < 8; k++) {
        if (dep_rel(x, k) != KG_DEP_CONJ || dep_head(x, k) != h) continue;
        int m = ent_mention(x, k, 0);
        if (m >= 0) out[n++] = m;
    }
    return n;
}

/* Object control: the tuple's verb @p v hangs off a verb with an object
 * ("support the park in expanding", "urged China to ..."): that object is
 * the agent.  @return its mention or -1. */
static int controller(const xctx *x, size_t v)
{
    kg_deprel r = dep_rel(x, v);
    if (r != KG_DEP_XCOMP && r != KG_DEP_ADVCL) return -1;
    size_t h = dep_head(x, v);
    if (h == SIZE_MAX || tok_upos(x->d, h) != KG_UPOS_VERB) return -1;
    if (r == KG_DEP_ADVCL) { /* "in expanding", "to expand" only */
        size_t mk = dep_child(x, v, KG_DEP_MARK);
        if (mk == SIZE_MAX || !(tok_is(x->d, mk, "in") || tok_is(x->d, mk, "to"))) return -1;
    }
    size_t o = dep_child(x, h, KG_DEP_OBJ);
    return o == SIZE_MAX ? -1 : ent_mention(x, o, 0);
}

/* Factuality of a clause: negation, modality and future from the tuple,
 * a plan verb in its relation ("pledged to build"), the report frame and
 * its source from judge(). */
static factuality clause_factuality(const xctx *x, const kg_oie_tuple *t, size_t from, size_t v,
                                    const kg_oie_span *rel, size_t nrel)
{
    factuality f = judge(x, from, v);
    f.bits &= ~(unsigned)(KG_FACT_NEGATED | KG_FACT_PLANNED);
    if (t->flags & KG_OIE_NEGATED) f.bits |= KG_FACT_NEGATED;
    if (t->flags & (KG_OIE_MODAL | KG_OIE_FUTURE | KG_OIE_CONDITIONAL)) f.bits |= KG_FACT_PLANNED;
    if (t->flags & KG_OIE_REPORTED) f.bits |= KG_FACT_REPORTED;
    for (size_t r = 0; r < nrel; r++)
        for (size_t k = x->sb + rel[r].begin; k < x->sb + rel[r].end && k < x->se; k++)
            if (k != v && tok_in(x->d, k, plan_words)) f.bits |= KG_FACT_PLANNED;
    return f;
}

/* An open relation between two named entities: kgr:LEMMA[_PREP] (passive:
 * kgr:be_FORM[_PREP]), at a modest confidence. */
static void add_open_fact(xctx *x, size_t subj, size_t obj, size_t v, int passive, const char *prep,
                          double conf, const factuality *fa, size_t ev_b, size_t ev_e)
{
    char w[40], name[96];
    if (passive)
        lower_word(x, v, w, sizeof w);
    else
        lower_lemma(x, v, w, sizeof w);
    /* speech verbs ("said in Berlin") and light verbs ("see", "take") make
     * no relation of their own */
    static const char *const speech[] = {"say",   "said",   "add",   "added",   "note", "noted",
                                         "state", "stated", "claim", "claimed", "see",  "take",
                                         "have",  "get",    "make",  "do",      "be",   NULL};
    if (!w[0]) return;
    for (size_t k = 0; speech[k]; k++)
        if (strcmp(w, speech[k]) == 0) return;
    for (const char *c = w; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || *c == '-')) return;
    snprintf(name, sizeof name, "%s%s%s%s%s", KG_REL_NS, passive ? "be_" : "", w, prep ? "_" : "",
             prep ? prep : "");
    add_fact(x, subj, name, obj, NULL, NULL, conf, fa, ev_b, ev_e);
}

/* Entities worth an open relation: named, of a known class. */
static int open_end(const xctx *x, int m)
{
    const kg_mention *mm = mention(x, m);
    return (mm->kind == KG_MENTION_NAME || mm->kind == KG_MENTION_ACRONYM ||
            mm->kind == KG_MENTION_DESCRIPTION) &&
           ent_class(x, mm->entity) != KG_CLASS_THING;
}

static void parse_clause_subject(xctx *x, const kg_openie *oie, const kg_oie_tuple *t, size_t v,
                                 int s, double sconf, const kg_oie_span *rel, size_t nrel);

/* One verbal clause of open IE through the lexicon. */
static void parse_clause(xctx *x, const kg_openie *oie, const kg_oie_tuple *t)
{
    const kg_doc *d = x->d;
    size_t nrel;
    const kg_oie_span *rel = kg_openie_spans(oie, &t->rel, &nrel);
    /* the main verb: the last verb of the relation ("pledged to build") */
    size_t v = x->sb + t->pred;
    for (size_t r = 0; r < nrel; r++)
        for (size_t k = x->sb + rel[r].begin; k < x->sb + rel[r].end && k < x->se; k++)
            if (tok_upos(d, k) == KG_UPOS_VERB) v = k;
    if (v >= x->se || mention_at(x, v) >= 0) return;
    int s = -1;
    double sconf = 1.0;
    if (t->flags & KG_OIE_INHERITED) s = controller(x, v), sconf = 0.9;
    if (s < 0) s = slot_mention(x, kg_openie_arg(oie, t, 0));
    if (s < 0) return;
    /* conjoined subjects the extractor keeps as one ("Germany and France
     * signed ..."): each is a subject; the conjuncts hang off the head of
     * the first name */
    const kg_mention *sm = mention(x, s);
    size_t sh = SIZE_MAX;
    for (size_t k = sm->tok_begin; k < sm->tok_end && sh == SIZE_MAX; k++) {
        size_t h = dep_head(x, k);
        if (h == SIZE_MAX || h < sm->tok_begin || h >= sm->tok_end) sh = k;
    }
    int subs[8];
    size_t ns = sh != SIZE_MAX ? conj_mentions(x, sh, s, subs) : 0;
    if (!ns) subs[ns++] = s;
    for (size_t i = 0; i < ns; i++)
        parse_clause_subject(x, oie, t, v, subs[i], sconf, rel, nrel);
}

/* parse_clause() for one subject mention @p s. */
static void parse_clause_subject(xctx *x, const kg_openie *oie, const kg_oie_tuple *t, size_t v,
                                 int s, double sconf, const kg_oie_span *rel, size_t nrel)
{
    int passive = (t->flags & KG_OIE_PASSIVE) != 0;
    size_t subj = mention(x, s)->entity;
    char lemma[40];
    lower_lemma(x, v, lemma, sizeof lemma);
    const kg_lex_entry *const *es = NULL;
    size_t ne = lemma[0] ? kg_lexicon_find(x->lex, lemma, strlen(lemma), 0, &es) : 0;
    factuality fa = clause_factuality(x, t, mention(x, s)->tok_begin, v, rel, nrel);
    double conf = (0.55 + 0.3 * t->confidence) * sconf;
    int has_object = 0;
    for (size_t k = 1; k < t->n_args; k++) {
        const kg_oie_slot *a = kg_openie_arg(oie, t, k);
        if ((a->role == KG_OIE_OBJ || a->role == KG_OIE_IOBJ) && a->prep == UINT32_MAX)
            has_object = 1;
    }
    for (size_t k = 1; k < t->n_args; k++) {
        const kg_oie_slot *a = kg_openie_arg(oie, t, k);
        char prep[24] = "";
        if (a->prep != UINT32_MAX) lower_word(x, x->sb + a->prep, prep, sizeof prep);
        if (a->role == KG_OIE_AGENT && !prep[0]) snprintf(prep, sizeof prep, "by");
        if (a->role == KG_OIE_COMP || a->role == KG_OIE_ATTR) continue;
        int direct = !prep[0] && (a->role == KG_OIE_OBJ || a->role == KG_OIE_IOBJ);
        size_t ah = x->sb + a->head;
        int objs[8];
        size_t no = conj_mentions(x, ah, slot_mention(x, a), objs);
        int mapped = 0;
        for (size_t i = 0; i < ne; i++) {
            const kg_lex_entry *e = es[i];
            if (e->passive >= 0 && e->passive != passive) continue;
            const char *want = e->prep ? e->prep : passive ? "by" : NULL;
            if (want ? strcmp(want, prep) != 0 : !direct) continue;
            if (e->object == KG_LEX_DATE) {
                char lex[32];
                size_t end, from = a->prep != UINT32_MAX
                                       ? x->sb + a->prep + 1
                                       : x->sb + kg_openie_spans(oie, a, &end)->begin;
                const char *dt = read_date(x, from, lex, sizeof lex, &end);
                if (dt) {
                    add_fact(x, subj, e->property, 0, lex, dt, conf + 0.1, &fa, v, end);
                    mapped = 1;
                }
                continue;
            }
            char when[32];
            x->when =
                e->dated && clause_date(x, v, (fa.bits & KG_FACT_PLANNED) != 0, when) ? when : NULL;
            for (size_t j = 0; j < no; j++) {
                size_t obj = mention(x, objs[j])->entity;
                if (!object_ok(e->object, ent_class(x, obj))) continue;
                add_entry_fact(x, e, subj, obj, conf, &fa, v, v + 1);
                mapped = 1;
            }
            x->when = NULL;
        }
        if (mapped || !open_end(x, s) || x->used[ah]) continue;
        /* "hosted the bank in Pretoria": a place after in / at / during
         * where the clause has an object says where the event was, not a
         * relation of the subject to the place */
        int locative = has_object && (strcmp(prep, "in") == 0 || strcmp(prep, "at") == 0 ||
                                      strcmp(prep, "during") == 0);
        for (size_t j = 0; j < no; j++) {
            if (!open_end(x, objs[j])) continue;
            size_t obj = mention(x, objs[j])->entity;
            if (locative && kg_class_family(ent_class(x, obj)) == KG_FAMILY_PLACE) continue;
            if (a->role == KG_OIE_AGENT) /* "X was praised by Y": Y praise X */
                add_open_fact(x, obj, subj, v, 0, NULL, 0.2 + 0.3 * t->confidence, &fa, v, v + 1);
            else
                add_open_fact(x, subj, obj, v, passive, prep[0] ? prep : NULL,
                              0.2 + 0.3 * t->confidence, &fa, v, v + 1);
        }
    }
}

/* The agent of a nominalisation at @p n ("X's support", "X is the founder
 * of", "X, the founder of", "X stressed the support for", "support the
 * park in expanding cooperation"); *conf receives its confidence. */
static int noun_agent(const xctx *x, size_t n, double *conf)
{
    size_t c;
    int m;
    if ((c = dep_child(x, n, KG_DEP_NMOD_POSS)) != SIZE_MAX && (m = ent_mention(x, c, 1)) >= 0) {
        *conf = 0.8;
        return m;
    }
    /* "Chinese support for", "the US investment in" */
    for (size_t k = x->sb; k < n; k++) {
        kg_deprel r = dep_rel(x, k);
        if (dep_head(x, k) == n && (r == KG_DEP_AMOD || r == KG_DEP_COMPOUND) &&
            (m = ent_mention(x, k, 1)) >= 0 && mention(x, m)->tok_end == n) {
            *conf = 0.7;
            return m;
        }
    }
    if (dep_child(x, n, KG_DEP_COP) != SIZE_MAX) {
        if ((m = ent_mention(x, dep_child(x, n, KG_DEP_NSUBJ), 0)) >= 0) {
            *conf = 0.75;
            return m;
        }
    }
    size_t h = dep_head(x, n);
    if (dep_rel(x, n) == KG_DEP_APPOS && (m = ent_mention(x, h, 0)) >= 0) {
        *conf = 0.75;
        return m;
    }
    if (h != SIZE_MAX && dep_rel(x, n) == KG_DEP_OBJ && tok_upos(x->d, h) == KG_UPOS_VERB) {
        size_t sj = dep_child(x, h, KG_DEP_NSUBJ);
        if (sj != SIZE_MAX && (m = ent_mention(x, sj, 1)) >= 0) {
            *conf = 0.75;
            return m;
        }
        if (sj == SIZE_MAX && (m = controller(x, h)) >= 0) {
            *conf = 0.7;
            return m;
        }
    }
    return -1;
}

/* The nearest entity before token @p n in its sentence (not @p skip; a
 * demonym only right before @p n). */
static int preceding_entity(const xctx *x, size_t n, int skip)
{
    for (size_t i = n; i-- > x->sb;) {
        int m = mention_at(x, i);
        if (m < 0 || m == skip || mention(x, m)->entity == SIZE_MAX) continue;
        if (mention(x, m)->kind == KG_MENTION_DEMONYM && mention(x, m)->tok_end != n) continue;
        return m;
    }
    return -1;
}

/* rule parse_noun: NOUN with nmod (case PREP) ENTITY */
static void parse_noun(xctx *x, size_t n)
{
    const kg_doc *d = x->d;
    if (tok_upos(d, n) != KG_UPOS_NOUN || mention_at(x, n) >= 0) return;
    char lemma[40];
    lower_lemma(x, n, lemma, sizeof lemma);
    const kg_lex_entry *const *es = NULL;
    size_t ne = lemma[0] ? kg_lexicon_find(x->lex, lemma, strlen(lemma), 1, &es) : 0;
    if (!ne) return;
    /* "cooperation project between X and Y": the phrase's head carries the
     * complement; "expanding cooperation with Y": the verb may carry it */
    size_t base = n;
    if (dep_rel(x, n) == KG_DEP_COMPOUND && dep_head(x, n) != SIZE_MAX &&
        tok_upos(d, dep_head(x, n)) == KG_UPOS_NOUN)
        base = dep_head(x, n);
    size_t verb = SIZE_MAX;
    if (dep_rel(x, base) == KG_DEP_OBJ && dep_head(x, base) != SIZE_MAX &&
        tok_upos(d, dep_head(x, base)) == KG_UPOS_VERB)
        verb = dep_head(x, base);
    for (size_t c = x->sb; c < x->se; c++) {
        if (!(dep_head(x, c) == base && is_nmod(dep_rel(x, c))) &&
            !(verb != SIZE_MAX && c > base && dep_head(x, c) == verb &&
              dep_rel(x, c) == KG_DEP_OBL))
            continue;
        size_t cs = dep_child(x, c, KG_DEP_CASE);
        if (cs == SIZE_MAX) continue;
        char prep[24];
        lower_word(x, cs, prep, sizeof prep);
        int y = ent_mention(x, c, 0);
        if (y < 0) continue;
        int objs[8];
        size_t no = conj_mentions(x, c, y, objs);
        for (size_t i = 0; i < ne; i++) {
            const kg_lex_entry *e = es[i];
            if (!e->prep || strcmp(e->prep, prep) != 0 || e->object == KG_LEX_DATE) continue;
            if (strcmp(prep, "between") == 0) { /* "cooperation between X and Y" */
                if (no < 2) continue;
                factuality fa = judge(x, n, n);
                for (size_t j = 1; j < no; j++)
                    add_entry_fact(x, e, mention(x, objs[0])->entity, mention(x, objs[j])->entity,
                                   0.75, &fa, n, mention(x, objs[j])->tok_end);
                x->used[c] = 1;
                continue;
            }
            char when[32];
            x->when =
                e->dated && verb != SIZE_MAX &&
                        clause_date(x, verb, (judge(x, n, n).bits & KG_FACT_PLANNED) != 0, when)
                    ? when
                    : NULL;
            double conf = 0.55;
            int s = noun_agent(x, base, &conf);
            /* the nearest entity before only for a nominal that is the object
             * of a verb whose subject the parse missed ("X, in a notice,
             * stressed the support for Y") */
            if (s < 0 && verb != SIZE_MAX) s = preceding_entity(x, n, y);
            if (s < 0) {
                x->when = NULL;
                continue;
            }
            factuality fa = judge(x, mention(x, s)->tok_begin, n);
            for (size_t j = 0; j < no; j++) {
                size_t obj = mention(x, objs[j])->entity;
                if (!object_ok(e->object, ent_class(x, obj))) continue;
                add_entry_fact(x, e, mention(x, s)->entity, obj, conf, &fa, n, n + 1);
                x->used[c] = 1;
            }
            x->when = NULL;
        }
    }
}

/* The typed and open facts of the current sentence from its parse. */
static void parse_rules(xctx *x, kg_openie *oie)
{
    for (size_t i = x->sb; i < x->se; i++)
        parse_noun(x, i);
    /* a clause needs an entity subject and an entity or a date object:
     * skip the extractor where the sentence cannot give one */
    size_t ents = 0;
    int number = 0;
    for (size_t i = x->sb; i < x->se && ents < 2; i++) {
        int m = mention_at(x, i);
        if (m >= 0 && mention(x, m)->tok_begin == i && mention(x, m)->entity != SIZE_MAX) ents++;
        if (x->d->tokens[i].kind == KG_TOK_NUMBER) number = 1;
    }
    if (ents == 0 || (ents == 1 && !number)) return;
    if (kg_openie_extract(oie, x->d->words + x->sb, x->se - x->sb) != KG_SUCCESS) return;
    for (size_t i = 0; i < kg_openie_count(oie); i++) {
        const kg_oie_tuple *t = kg_openie_tuple(oie, i);
        if (t->kind == KG_OIE_VERB || t->kind == KG_OIE_PARTICIPLE) parse_clause(x, oie, t);
    }
}

kg_status kg_extract_relations(kg_doc *d, const kg_lexicon *lex, const kg_gazetteer *gz)
{
    xctx x = {d, lex, gz, 0, 0, 0, home_country(d->graph), NULL, NULL};
    kg_openie *oie = NULL;
    if (d->words) {
        kg_openie_opts o = kg_openie_opts_default();
        o.tagger = d->tagger;
        oie = kg_openie_new(&o);
        x.used = kg_xcalloc(d->n_tokens ? d->n_tokens : 1, 1);
    }
    size_t m0 = 0; /* mentions are in text order: walk them with the sentences */
    for (size_t s = 0; s < d->n_sents; s++) {
        x.s = s;
        x.sb = d->sents[s].tok_begin;
        x.se = d->sents[s].tok_end;
        if (oie) {
            parse_rules(&x, oie);
        } else {
            for (size_t i = x.sb; i < x.se; i++) {
                rule_noun_pp(&x, i);
                rule_verb(&x, i);
            }
        }
        while (m0 < d->n_mentions && d->mentions[m0].tok_begin < x.sb)
            m0++;
        for (size_t m = m0; m < d->n_mentions && d->mentions[m].tok_begin < x.se; m++) {
            if (d->mentions[m].entity == SIZE_MAX) continue;
            rule_possessive(&x, (int)m);
            rule_located_in(&x, (int)m);
            rule_title(&x, (int)m);
            rule_nationality(&x, (int)m);
            rule_org_person(&x, (int)m);
            rule_appositive_title(&x, (int)m);
            rule_place_apposition(&x, (int)m);
            rule_copula_demonym(&x, (int)m);
            rule_copula_in(&x, (int)m);
            rule_life_dates(&x, (int)m);
        }
    }
    rule_containment(&x);
    rule_name_country(&x);
    rule_home_country(&x);
    close_containment(&x);
    rule_continent(&x);
    rule_article_country(&x);
    kg_openie_free(oie);
    free(x.used);
    return KG_SUCCESS;
}
