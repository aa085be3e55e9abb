/* SPDX-License-Identifier: MIT
 * kg: within-document coreference: descriptions, pronouns, short names. */

#include "kg/coref.h"

#include "util.h"
#include "words.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Words that may follow the head noun of a description without being
 * part of it: "the park in Suzhou", "the ministry said". */
static const char *const np_enders[] = {
    "in",  "on",    "at",     "to",   "for",   "with",  "by",    "of",   "from", "and",
    "or",  "but",   "as",     "'s",   "will",  "would", "has",   "have", "had",  "is",
    "was", "are",   "were",   "also", "said",  "says",  "which", "that", "who",  "has",
    "can", "could", "should", "may",  "might", "must",  NULL};

/* Does the last @p n words of entity name @p name equal the words of
 * tokens [b, e) (case-insensitive)?  @p first: compare the first words
 * instead ("Ministry" of "Ministry of Commerce"). */
static int name_words_match(const kg_doc *d, const char *name, size_t b, size_t e, int first)
{
    /* split the name on spaces */
    const char *w[16];
    size_t wl[16], nw = 0;
    for (const char *p = name; *p && nw < 16;) {
        while (*p == ' ')
            p++;
        if (!*p) break;
        const char *q = p;
        while (*q && *q != ' ')
            q++;
        w[nw] = p;
        wl[nw++] = (size_t)(q - p);
        p = q;
    }
    size_t k = e - b;
    if (k == 0 || k >= nw) return 0; /* a description is shorter than the name */
    size_t start = first ? 0 : nw - k;
    for (size_t i = 0; i < k; i++) {
        size_t n;
        const char *t = kg_doc_tok(d, b + i, &n);
        if (n != wl[start + i] || strncasecmp(t, w[start + i], n) != 0) return 0;
    }
    return 1;
}

static int linkable_family(kg_class c)
{
    kg_family f = kg_class_family(c);
    return f == KG_FAMILY_ORGANIZATION || f == KG_FAMILY_PLACE || f == KG_FAMILY_EVENT;
}

/* How many mentions back coreference looks: a discourse window that keeps
 * the work linear in the size of the article. */
#define LOOKBACK 200

/* The most recent named entity before token @p before whose name ends (or,
 * for organisations named "Ministry of ...", starts) with tokens [b, e).
 * The first @p n_sorted mentions are in text order. */
static size_t find_antecedent(const kg_doc *d, size_t n_sorted, size_t b, size_t e, size_t before)
{
    size_t lo = 0, hi = n_sorted; /* first mention at or after `before` */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (d->mentions[mid].tok_begin < before)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t m = lo, k = 0; m-- > 0 && k < LOOKBACK; k++) {
        const kg_mention *mm = &d->mentions[m];
        if (mm->tok_begin >= before || mm->entity == SIZE_MAX) continue;
        if (mm->kind != KG_MENTION_NAME && mm->kind != KG_MENTION_ACRONYM) continue;
        const kg_entity *ent = kg_graph_get_entity(d->graph, mm->entity);
        if (!linkable_family(ent->cls)) continue;
        if (name_words_match(d, ent->name, b, e, 0) || name_words_match(d, ent->name, b, e, 1))
            return mm->entity;
    }
    return SIZE_MAX;
}

static void link(kg_doc *d, size_t b, size_t e, kg_mention_kind kind, size_t ent, double conf,
                 int alias)
{
    kg_mention m = {(uint32_t)tok_sentence(d, b),
                    (uint32_t)b,
                    (uint32_t)e,
                    kind,
                    kg_graph_get_entity(d->graph, ent)->cls,
                    ent,
                    conf,
                    0,
                    0};
    kg_doc_add_mention(d, &m);
    kg_graph_mention(d->graph, ent);
    if (alias) {
        const kg_token *f = &d->tokens[b], *l = &d->tokens[e - 1];
        kg_graph_alias(d->graph, ent, d->article->text + f->off, l->off + l->len - f->off);
    }
}

/* "the park", "the industrial park", "the ministry" */
static void resolve_descriptions(kg_doc *d)
{
    size_t n_sorted = d->n_mentions; /* descriptions are appended after these */
    for (size_t i = 0; i + 1 < d->n_tokens; i++) {
        if (!tok_is(d, i, "the") || d->tok_mention[i + 1] >= 0) continue;
        size_t s = tok_sentence(d, i), end = d->sents[s].tok_end;
        size_t e = i + 1;
        while (e < end && e - i <= 3 && d->tokens[e].kind == KG_TOK_WORD && !tok_cap(d, e) &&
               !tok_in(d, e, np_enders) && d->tok_mention[e] < 0)
            e++;
        if (e == i + 1) continue;
        /* the noun phrase must end here */
        if (e < end && d->tokens[e].kind == KG_TOK_WORD && !tok_in(d, e, np_enders) &&
            !tok_cap(d, e))
            continue;
        if (d->words && tok_upos(d, e - 1) != KG_UPOS_NOUN) continue;
        /* try the longest tail first: "industrial park" before "park" */
        for (size_t b = i + 1; b < e; b++) {
            size_t ent = find_antecedent(d, n_sorted, b, e, i);
            if (ent != SIZE_MAX) {
                link(d, i, e, KG_MENTION_DESCRIPTION, ent, 0.7, 1);
                break;
            }
        }
    }
}

/* Subject pronouns: "It has ...", "He said ...". */
static void resolve_pronouns(kg_doc *d)
{
    static const char *const neuter[] = {"it", NULL};
    static const char *const personal[] = {"he", "she", NULL};
    for (size_t s = 1; s < d->n_sents; s++) {
        size_t i = d->sents[s].tok_begin;
        if (i >= d->sents[s].tok_end || d->tok_mention[i] >= 0) continue;
        int it = tok_in(d, i, neuter), pers = tok_in(d, i, personal);
        if (!it && !pers) continue;
        if (d->words && d->words[i].deprel != KG_DEP_NSUBJ &&
            d->words[i].deprel != KG_DEP_NSUBJ_PASS)
            continue;
        /* the first fitting mention of the previous sentence: its subject,
         * most of the time */
        size_t ent = SIZE_MAX;
        for (size_t m = 0; m < d->n_mentions && ent == SIZE_MAX; m++) {
            const kg_mention *mm = &d->mentions[m];
            if (mm->sent != s - 1 || mm->entity == SIZE_MAX || mm->kind == KG_MENTION_DEMONYM)
                continue;
            kg_class c = kg_graph_get_entity(d->graph, mm->entity)->cls;
            if (it ? linkable_family(c) : kg_class_family(c) == KG_FAMILY_PERSON) ent = mm->entity;
        }
        if (ent != SIZE_MAX) link(d, i, i + 1, KG_MENTION_PRONOUN, ent, 0.6, 0);
    }
}

/* "Merkel" after "Angela Merkel": a one-word name that ends a person's
 * name seen before is that person. */
static void resolve_short_names(kg_doc *d)
{
    for (size_t m = 0; m < d->n_mentions; m++) {
        kg_mention *mm = &d->mentions[m];
        if (mm->kind != KG_MENTION_NAME || mm->tok_end - mm->tok_begin != 1) continue;
        const kg_entity *self = kg_graph_get_entity(d->graph, mm->entity);
        if (self->cls != KG_CLASS_THING && self->cls != KG_CLASS_PERSON) continue;
        for (size_t p = m, k = 0; p-- > 0 && k < LOOKBACK; k++) {
            const kg_mention *pm = &d->mentions[p];
            if (pm->entity == mm->entity || pm->kind != KG_MENTION_NAME) continue;
            const kg_entity *cand = kg_graph_get_entity(d->graph, pm->entity);
            if (cand->cls != KG_CLASS_PERSON) continue;
            /* the surname, or the family name that opens an East Asian
             * name ("Nakano" of "Nakano Seigo") */
            if (name_words_match(d, cand->name, mm->tok_begin, mm->tok_end, 0) ||
                name_words_match(d, cand->name, mm->tok_begin, mm->tok_end, 1)) {
                size_t n;
                const char *t = kg_doc_tok(d, mm->tok_begin, &n);
                mm->entity = pm->entity;
                mm->cls = KG_CLASS_PERSON;
                mm->confidence = 0.8;
                kg_graph_alias(d->graph, pm->entity, t, n);
                break;
            }
        }
    }
}

kg_status kg_coref_resolve(kg_doc *d, const kg_gazetteer *gz)
{
    (void)gz;
    resolve_short_names(d);
    resolve_descriptions(d);
    kg_doc_index_mentions(d);
    resolve_pronouns(d);
    kg_doc_index_mentions(d);
    return KG_SUCCESS;
}
