/* SPDX-License-Identifier: MIT
 * kg: private word-level predicates shared by the entity, coreference and
 * relation stages.  They use the tagger's analysis when the document has
 * one and fall back on the shape of the token when it does not. */
#ifndef KG_WORDS_H
#define KG_WORDS_H

#include "kg/doc.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

/** Token @p i equals the ASCII word @p w, ignoring case. */
static inline int tok_is(const kg_doc *d, size_t i, const char *w)
{
    size_t n;
    const char *s = kg_doc_tok(d, i, &n);
    // the first letter settles most calls before strlen (ASCII words)
    if (n == 0 || ((unsigned char)*s | 0x20) != ((unsigned char)*w | 0x20)) return 0;
    return strlen(w) == n && strncasecmp(s, w, n) == 0;
}

/** Token @p i is one of the NULL-terminated list @p ws (ignoring case). */
static inline int tok_in(const kg_doc *d, size_t i, const char *const *ws)
{
    for (; *ws; ws++)
        if (tok_is(d, i, *ws)) return 1;
    return 0;
}

/** Token @p i starts with a capital letter or is all capitals. */
static inline int tok_cap(const kg_doc *d, size_t i)
{
    return d->tokens[i].kind == KG_TOK_WORD &&
           (d->tokens[i].flags & (KG_TOKF_UPPER_INITIAL | KG_TOKF_ALL_UPPER));
}

/** The UPOS of token @p i, or KG_UPOS_X when the document is not tagged. */
static inline kg_upos tok_upos(const kg_doc *d, size_t i)
{
    return d->words ? d->words[i].upos : KG_UPOS_X;
}

/** The lemma of token @p i when tagged, else NULL. */
static inline const char *tok_lemma(const kg_doc *d, size_t i)
{
    return d->words ? d->words[i].lemma : NULL;
}

/** Token @p i is a four-digit year 1000-2199. */
static inline int tok_year(const kg_doc *d, size_t i)
{
    size_t n;
    const char *s = kg_doc_tok(d, i, &n);
    if (n != 4) return 0;
    for (size_t k = 0; k < 4; k++)
        if (s[k] < '0' || s[k] > '9') return 0;
    return (s[0] == '1' || (s[0] == '2' && s[1] <= '1'));
}

/** The sentence that holds token @p i (binary search). */
static inline size_t tok_sentence(const kg_doc *d, size_t i)
{
    size_t lo = 0, hi = d->n_sents;
    while (lo + 1 < hi) {
        size_t mid = (lo + hi) / 2;
        if (d->sents[mid].tok_begin <= i)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

#endif
