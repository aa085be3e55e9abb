/* SPDX-License-Identifier: MIT
 * kg: tokenisation. */
#ifndef KG_TOKEN_H
#define KG_TOKEN_H

/* Stage overview
 * --------------
 * The tokenizer cuts NFC text into words following the conventions of
 * UD English-EWT (the treebank the tagger is trained on): punctuation
 * apart, clitics split ("China's" -> "China" "'s", "don't" -> "do"
 * "n't"), abbreviations ("U.S.", "Nov.", "Dr.") and decimals ("3.5",
 * "1,000") kept whole, hyphens split as EWT does.  A token is a slice
 * {off, len} of the text: nothing is copied, and the offsets are the
 * provenance of everything built on them.
 *
 * Details (checked against UD English-EWT train/dev, see bench/tokeval.c):
 * possessive "'" after s is split ("teachers" "'"); apostrophe-less
 * contractions split as EWT does ("dont" -> "do" "nt", "gonna" -> "gon"
 * "na", "cannot" -> "can" "not"); numbers keep "." "," ":" "/" between
 * digits ("3.5", "1,000", "10:30", "11/21/2024") and phone numbers keep
 * their hyphens, but ranges are split ("1990" "-" "1995"); "$4.25" ->
 * "$" "4.25", "50%" -> "50" "%", "5pm" -> "5" "pm", while "21st" and
 * "1990s" stay whole; hyphenated compounds are split ("cross" "-"
 * "border") except after prefixes EWT keeps ("e-mail", "non-human",
 * "co-workers"); runs of "." "!" "?" ("...", "?!") and of "-" ("--")
 * are one token; URLs, e-mail addresses and emoticons are one token.
 * Character classes come from utf8proc, so a run of CJK letters is one
 * token, combining marks stay in their word and an emoji with its
 * modifiers (one grapheme cluster) is one SYMBOL token.  The cost is
 * linear in the text whatever it contains.
 *
 *     kg_tokenizer *tk = kg_tokenizer_new(text, len, 0);
 *     kg_token t;
 *     while (kg_tokenizer_next(tk, &t) == KG_SUCCESS)
 *         printf("%.*s\n", (int)t.len, text + t.off);
 *     kg_tokenizer_free(tk);
 */

#include "kg/status.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Coarse kind of a token. */
typedef enum kg_token_kind {
    KG_TOK_WORD = 0, ///< letters (possibly with digits, apostrophes, inner periods)
    KG_TOK_NUMBER,   ///< digits, decimals, ordinals ("1994", "3.5", "21st")
    KG_TOK_PUNCT,    ///< punctuation
    KG_TOK_SYMBOL,   ///< symbols ($, %, emoji, ...)
    KG_TOK_OTHER     ///< URLs, e-mail addresses and the rest
} kg_token_kind;

/** Token flags. */
enum {
    KG_TOKF_SPACE_BEFORE = 1 << 0,   ///< white space precedes the token
    KG_TOKF_NEWLINE_BEFORE = 1 << 1, ///< a line break precedes the token
    KG_TOKF_PARA_BEFORE = 1 << 2,    ///< a blank line precedes the token
    KG_TOKF_UPPER_INITIAL = 1 << 3,  ///< starts with an upper-case letter
    KG_TOKF_ALL_UPPER = 1 << 4,      ///< every letter is upper case (and there are 2+)
    KG_TOKF_ABBREV = 1 << 5,         ///< a word ending in a period that belongs to it ("Nov.")
    KG_TOKF_CLITIC = 1 << 6          ///< split off the previous token ("'s", "n't")
};

/** One token: a slice of the text. */
typedef struct kg_token {
    uint32_t off;  ///< byte offset into the text
    uint32_t len;  ///< byte length
    uint8_t kind;  ///< a kg_token_kind
    uint8_t flags; ///< KG_TOKF_* bits
} kg_token;

/** A pull tokenizer over borrowed text. */
typedef struct kg_tokenizer kg_tokenizer;

/** New tokenizer over @p text[0..len) (borrowed; must outlive the
 *  tokenizer).  Offsets are reported relative to @p text plus @p base
 *  (base + len must stay below 4 GiB: offsets are 32-bit).  Any bytes are
 *  accepted; invalid UTF-8 becomes one-byte SYMBOL tokens.
 *  Caller owns; free with kg_tokenizer_free(). */
kg_tokenizer *kg_tokenizer_new(const char *text, size_t len, size_t base);

/** Next token.  @return KG_SUCCESS, or KG_FAILURE at the end. */
kg_status kg_tokenizer_next(kg_tokenizer *tk, kg_token *out);

/** Free.  NULL is a no-op. */
void kg_tokenizer_free(kg_tokenizer *tk);

/** Tokenize all of @p text into a new array.  @p out receives the array
 *  (caller owns; free(); NULL when there are no tokens), @p n its length. */
void kg_tokenize(const char *text, size_t len, size_t base, kg_token **out, size_t *n);

#ifdef __cplusplus
}
#endif
#endif /* KG_TOKEN_H */
