/* SPDX-License-Identifier: MIT
 * kg: the analysed document: text stage wiring and shared indexes. */

#include "kg/doc.h"

#include "util.h"

#include <stdlib.h>
#include <string.h>

kg_doc *kg_doc_new(const kg_article *article, const char *base, size_t max_sentence_tokens)
{
    kg_doc *d = kg_xcalloc(1, sizeof *d);
    d->article = article;
    size_t off = article->body_off <= article->len ? article->body_off : article->len;
    kg_tokenize(article->text + off, article->len - off, off, &d->tokens, &d->n_tokens);
    kg_split_sentences(article->text, d->tokens, d->n_tokens, max_sentence_tokens, &d->sents,
                       &d->n_sents);
    d->tok_mention = kg_xmalloc((d->n_tokens ? d->n_tokens : 1) * sizeof *d->tok_mention);
    for (size_t i = 0; i < d->n_tokens; i++)
        d->tok_mention[i] = -1;
    d->graph = kg_graph_new(article, base);
    return d;
}

void kg_doc_free(kg_doc *d)
{
    if (!d) return;
    free(d->tokens);
    free(d->sents);
    free(d->words);
    free(d->lemma_pool);
    free(d->mentions);
    free(d->tok_mention);
    kg_graph_free(d->graph);
    free(d);
}

size_t kg_doc_sentence_words(const kg_doc *d, size_t s, kg_word **w, size_t *cap)
{
    const kg_sentence *sen = &d->sents[s];
    size_t n = sen->tok_end - sen->tok_begin;
    kg_grow((void **)w, cap, n, sizeof **w);
    for (size_t i = 0; i < n; i++) {
        const kg_token *t = &d->tokens[sen->tok_begin + i];
        (*w)[i].ptr = d->article->text + t->off;
        (*w)[i].len = t->len;
    }
    return n;
}

kg_status kg_doc_tag(kg_doc *d, const kg_tagger *tagger, kg_parse *scratch)
{
    if (!d->n_tokens) return KG_SUCCESS;
    free(d->words);
    d->words = kg_xcalloc(d->n_tokens, sizeof *d->words);
    d->tagger = tagger;
    d->lemma_pool_len = 0;
    /* Lemmas are copied into one pool; the pool may move while it grows, so
     * remember offsets first and turn them into pointers at the end. */
    size_t *lemma_at = kg_xmalloc(d->n_tokens * sizeof *lemma_at);
    kg_word *w = NULL;
    size_t cap_w = 0;
    kg_status st = KG_SUCCESS;
    for (size_t s = 0; s < d->n_sents && st == KG_SUCCESS; s++) {
        const kg_sentence *sen = &d->sents[s];
        size_t n = kg_doc_sentence_words(d, s, &w, &cap_w);
        if (!n) continue;
        st = kg_tagger_parse(tagger, w, n, scratch);
        if (st != KG_SUCCESS) break;
        for (size_t i = 0; i < n && i < kg_parse_size(scratch); i++) {
            const kg_word_analysis *a = kg_parse_word(scratch, i);
            size_t k = sen->tok_begin + i;
            d->words[k] = *a;
            const char *lem = a->lemma ? a->lemma : "";
            size_t ll = strlen(lem) + 1;
            kg_grow((void **)&d->lemma_pool, &d->lemma_pool_cap, d->lemma_pool_len + ll, 1);
            memcpy(d->lemma_pool + d->lemma_pool_len, lem, ll);
            lemma_at[k] = d->lemma_pool_len;
            d->lemma_pool_len += ll;
        }
    }
    if (st == KG_SUCCESS) {
        for (size_t s = 0; s < d->n_sents; s++)
            for (size_t k = d->sents[s].tok_begin; k < d->sents[s].tok_end; k++)
                d->words[k].lemma = d->lemma_pool + lemma_at[k];
    } else {
        free(d->words);
        d->words = NULL;
    }
    free(lemma_at);
    free(w);
    return st;
}

size_t kg_doc_add_mention(kg_doc *d, const kg_mention *m)
{
    size_t at = d->n_mentions;
    KG_PUSH(d->mentions, d->n_mentions, d->cap_mentions, *m);
    for (uint32_t t = m->tok_begin; t < m->tok_end && t < d->n_tokens; t++)
        d->tok_mention[t] = (int32_t)at;
    return at;
}

static int by_position(const void *a, const void *b)
{
    const kg_mention *x = a, *y = b;
    if (x->tok_begin != y->tok_begin) return x->tok_begin < y->tok_begin ? -1 : 1;
    return x->tok_end < y->tok_end ? -1 : x->tok_end > y->tok_end;
}

void kg_doc_index_mentions(kg_doc *d)
{
    if (d->n_mentions > 1) qsort(d->mentions, d->n_mentions, sizeof *d->mentions, by_position);
    for (size_t i = 0; i < d->n_tokens; i++)
        d->tok_mention[i] = -1;
    for (size_t m = 0; m < d->n_mentions; m++)
        for (uint32_t t = d->mentions[m].tok_begin; t < d->mentions[m].tok_end && t < d->n_tokens;
             t++)
            d->tok_mention[t] = (int32_t)m;
}
