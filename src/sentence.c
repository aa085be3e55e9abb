/* SPDX-License-Identifier: MIT
 * kg: the sentence splitter. */

#include "kg/sentence.h"

#include "abbrev_table.h"
#include "text_abbrev.h"

#include <stdlib.h>
#include <string.h>

/* A sentence ends after a terminator token plus the closing quotes and
 * brackets glued to it:
 *
 *     He said : " Go . " Then ...
 *                    ^ terminator
 *                      ^ closer (no space before): still this sentence
 *                        ^ next sentence
 *
 * whether the break is real depends on the terminator and on the next
 * token (see ends_here()).  Paragraph breaks always end a sentence, and
 * so do line breaks before the header end. */

#define DEFAULT_MAX_TOKENS 500

struct kg_splitter {
    const char *text;
    const kg_token *tok;
    size_t n, max, i;
    size_t header_end;
    size_t max_line; ///< longest line (bytes) over the tokens' extent
};

kg_splitter *kg_splitter_new(const char *text, const kg_token *tokens, size_t n, size_t max_tokens)
{
    kg_splitter *sp = kg_xcalloc(1, sizeof *sp);
    sp->text = text;
    sp->tok = tokens;
    sp->n = n;
    sp->max = max_tokens ? max_tokens : DEFAULT_MAX_TOKENS;
    if (n) {
        const char *p = text + tokens[0].off, *end = text + tokens[n - 1].off + tokens[n - 1].len;
        while (p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t len = (size_t)((nl ? nl : end) - p);
            if (len > sp->max_line) sp->max_line = len;
            p = nl ? nl + 1 : end;
        }
    }
    return sp;
}

void kg_splitter_free(kg_splitter *sp)
{
    free(sp);
}

void kg_splitter_set_header_end(kg_splitter *sp, size_t off)
{
    sp->header_end = off;
}

static int tok_is(const kg_splitter *sp, size_t k, const char *s)
{
    size_t n = strlen(s);
    return sp->tok[k].len == n && memcmp(sp->text + sp->tok[k].off, s, n) == 0;
}

/* ".", "!", "?", "?!", "...": only these characters. */
static int only_chars(const kg_splitter *sp, size_t k, const char *set)
{
    const kg_token *t = &sp->tok[k];
    for (uint32_t i = 0; i < t->len; i++)
        if (!strchr(set, sp->text[t->off + i]) || sp->text[t->off + i] == '\0') return 0;
    return t->len > 0;
}

static int is_ellipsis(const kg_splitter *sp, size_t k)
{
    return (sp->tok[k].len >= 2 && only_chars(sp, k, ".")) || tok_is(sp, k, "\xE2\x80\xA6");
}

static int is_terminator(const kg_splitter *sp, size_t k)
{
    const kg_token *t = &sp->tok[k];
    if (t->flags & KG_TOKF_ABBREV) return 1;
    if (t->kind != KG_TOK_PUNCT) return 0;
    return only_chars(sp, k, ".!?") || tok_is(sp, k, "\xE2\x80\xA6") ||
           tok_is(sp, k, "\xE3\x80\x82") ||                                  /* 。 */
           tok_is(sp, k, "\xEF\xBC\x81") || tok_is(sp, k, "\xEF\xBC\x9F") || /* ！ ？ */
           tok_is(sp, k, "\xD8\x9F") || tok_is(sp, k, "\xE0\xA5\xA4");       /* ؟ । */
}

static int is_closer(const kg_splitter *sp, size_t k)
{
    static const char *const closers[] = {"\"",
                                          "'",
                                          ")",
                                          "]",
                                          "}",
                                          "''",
                                          "\xE2\x80\x9D", /* ” */
                                          "\xE2\x80\x99", /* ’ */
                                          "\xC2\xBB",     /* » */
                                          "\xE2\x80\xBA", /* › */
                                          "\xE3\x80\x8D",
                                          "\xE3\x80\x8F",  /* 」』 */
                                          "\xEF\xBC\x89"}; /* ） */
    for (size_t i = 0; i < sizeof closers / sizeof closers[0]; i++)
        if (tok_is(sp, k, closers[i])) return 1;
    return 0;
}

/* ":)", ";-)", "^_^", or a pictographic emoji (non-ASCII symbol). */
static int is_emoticon(const kg_splitter *sp, size_t k)
{
    const kg_token *t = &sp->tok[k];
    unsigned char c = (unsigned char)sp->text[t->off];
    if (c >= 0xF0) return 1; /* U+10000 and up: emoji */
    return t->len >= 2 && (c == ':' || c == ';' || c == '=' || c == '^');
}

/* Words that are capitalised at the start of a sentence but hardly ever
 * right after an abbreviation inside one ("... in the U.S. The ..."). */
static int is_starter(const kg_splitter *sp, size_t k)
{
    static const char *const words[] = {
        "A",       "About",   "According", "After",   "Also",      "Although", "An",    "And",
        "Another", "Any",     "As",        "At",      "Because",   "Before",   "Both",  "But",
        "By",      "During",  "Each",      "Even",    "Every",     "For",      "From",  "He",
        "Her",     "Here",    "His",       "How",     "However",   "I",        "If",    "In",
        "It",      "Its",     "Last",      "Many",    "Meanwhile", "More",     "Most",  "My",
        "No",      "Not",     "Now",       "Of",      "On",        "One",      "Only",  "Or",
        "Other",   "Our",     "She",       "Since",   "So",        "Some",     "Still", "Such",
        "That",    "The",     "Their",     "Then",    "There",     "These",    "They",  "This",
        "Those",   "Though",  "Thus",      "To",      "Under",     "Unlike",   "Until", "We",
        "What",    "When",    "Where",     "Whether", "Which",     "While",    "Who",   "Why",
        "With",    "Without", "Yet",       "You",     "Your"};
    const kg_token *t = &sp->tok[k];
    if (!(t->flags & KG_TOKF_UPPER_INITIAL)) return 0;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (tok_is(sp, k, words[i])) return 1;
    return 0;
}

/* Does the sentence end after the terminator at @p j, given the closers
 * up to @p k (the first token of what would be the next sentence)? */
static int ends_here(const kg_splitter *sp, size_t j, size_t k)
{
    if (k >= sp->n) return 1;
    const kg_token *t = &sp->tok[j], *nx = &sp->tok[k];
    int next_upper = (nx->flags & KG_TOKF_UPPER_INITIAL) != 0;
    int next_lower = nx->kind == KG_TOK_WORD && !next_upper && !(nx->flags & KG_TOKF_CLITIC);
    if (t->flags & KG_TOKF_ABBREV) {
        int cls = kg_abbrev_lookup(sp->text + t->off, t->len);
        if (cls < 0) cls = KG_ABBR_PLAIN; /* initials, acronyms */
        if (cls == KG_ABBR_TITLE || nx->kind == KG_TOK_NUMBER || next_lower) return 0;
        if (k > j + 1 && next_upper) return 1; /* `... the U.S." He` */
        if (!next_upper) return 0;
        return cls == KG_ABBR_FINAL || is_starter(sp, k);
    }
    if (is_ellipsis(sp, j)) return next_upper || nx->kind == KG_TOK_PUNCT;
    if (k > j + 1 && next_lower) return 0;                  /* `"Why?" he asked.` */
    if (tok_is(sp, k, ",") || tok_is(sp, k, ";")) return 0; /* `Yahoo!, Inc.` */
    return 1;
}

/* A single line break before token @p j ends a sentence when the line
 * before it looks like a heading: it is short compared with the longest
 * line of the text (so hard-wrapped text, whose lines are all about as
 * long, is not cut), it does not end in punctuation or a function word,
 * and the next line starts with a capital, a digit or a quote.
 *
 *     Libyan militias clash in Tripoli\n          <- short, no final period
 *     Rival armed groups battled in ...           <- capitalised
 */
static int heading_break(const kg_splitter *sp, size_t j)
{
    static const char *const function_words[] = {"the", "a",    "an", "of",   "to",   "and",
                                                 "or",  "with", "by", "from", "that", "but"};
    const kg_token *t = &sp->tok[j], *p = &sp->tok[j - 1];
    if (!(t->flags & KG_TOKF_UPPER_INITIAL) && t->kind != KG_TOK_NUMBER && !tok_is(sp, j, "\"") &&
        !tok_is(sp, j, "\xE2\x80\x9C"))
        return 0;
    if ((p->kind == KG_TOK_PUNCT && !is_closer(sp, j - 1)) || (p->flags & KG_TOKF_ABBREV)) return 0;
    for (size_t i = 0; i < sizeof function_words / sizeof function_words[0]; i++)
        if (tok_is(sp, j - 1, function_words[i])) return 0;
    size_t ls = p->off;
    while (ls > 0 && sp->text[ls - 1] != '\n' && p->off - ls < 200)
        ls--;
    size_t len = p->off + p->len - ls;
    return len < 200 && len * 10 <= sp->max_line * 6;
}

kg_status kg_splitter_next(kg_splitter *sp, kg_sentence *out)
{
    if (sp->i >= sp->n) return KG_FAILURE;
    size_t b = sp->i, e = sp->n;
    for (size_t j = b; j < sp->n; j++) {
        const kg_token *t = &sp->tok[j];
        if (j > b && ((t->flags & KG_TOKF_PARA_BEFORE) ||
                      ((t->flags & KG_TOKF_NEWLINE_BEFORE) &&
                       ((sp->header_end && t->off <= sp->header_end) || heading_break(sp, j))))) {
            e = j;
            break;
        }
        if (is_terminator(sp, j)) {
            size_t k = j + 1;
            while (k < sp->n && is_closer(sp, k) && !(sp->tok[k].flags & KG_TOKF_SPACE_BEFORE) &&
                   k - b < sp->max)
                k++;
            /* an emoticon or emoji after the end belongs to the sentence: `Great! :)` */
            while (k < sp->n && sp->tok[k].kind == KG_TOK_SYMBOL && is_emoticon(sp, k) &&
                   !(sp->tok[k].flags & KG_TOKF_NEWLINE_BEFORE) && k - b < sp->max)
                k++;
            if (ends_here(sp, j, k) || k - b >= sp->max) {
                e = k;
                break;
            }
        }
        if (j + 1 - b >= sp->max) {
            e = j + 1;
            break;
        }
    }
    out->tok_begin = (uint32_t)b;
    out->tok_end = (uint32_t)e;
    out->off = sp->tok[b].off;
    out->end = sp->tok[e - 1].off + sp->tok[e - 1].len;
    sp->i = e;
    return KG_SUCCESS;
}

void kg_split_sentences(const char *text, const kg_token *tokens, size_t n, size_t max_tokens,
                        kg_sentence **out, size_t *n_out)
{
    kg_splitter *sp = kg_splitter_new(text, tokens, n, max_tokens);
    kg_sentence *v = NULL, s;
    size_t cap = 0, k = 0;
    while (kg_splitter_next(sp, &s) == KG_SUCCESS) {
        if (k == cap) {
            void *items = v;
            kg_grow(&items, &cap, k + 1, sizeof *v);
            v = items;
        }
        v[k++] = s;
    }
    kg_splitter_free(sp);
    *out = v;
    *n_out = k;
}
