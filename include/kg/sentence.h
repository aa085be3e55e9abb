/* SPDX-License-Identifier: MIT
 * kg: sentence splitting. */
#ifndef KG_SENTENCE_H
#define KG_SENTENCE_H

/* Stage overview
 * --------------
 * The splitter groups tokens into sentences.  It ends a sentence at ".",
 * "!" or "?" (with closing quotes and brackets after them) unless the
 * period belongs to an abbreviation ("Nov. 21", "U.S. officials",
 * "Dr. Smith"), an initial ("J. R. R. Tolkien") or a number, and always
 * at a paragraph break (blank line) or a header line.  Sentences longer
 * than max_tokens are cut, so that later stages stay bounded.
 *
 * The rules, in order:
 *   - a blank line (KG_TOKF_PARA_BEFORE) always starts a sentence; so does
 *     a line break before kg_splitter_set_header_end(), and a line break
 *     after a short heading-like line (no final punctuation, under 60% of
 *     the longest line, next line capitalised), so that headlines do not
 *     merge with the first sentence while hard-wrapped text stays whole;
 *   - after ".", "!", "?", "?!", "...", U+2026 and CJK "。！？" the
 *     closing quotes and brackets glued to it, then emoticons (":)"), stay
 *     in the sentence; the sentence then ends unless a lower-case word
 *     follows a closing quote (`"Why?" he asked`), or a comma follows, or
 *     an ellipsis is followed by a lower-case word;
 *   - after an abbreviation (KG_TOKF_ABBREV) the class from the generated
 *     table decides: titles ("Dr.", "Mr.", "Gen.") never end a sentence;
 *     before a number ("Nov. 21", "No. 5") or a lower-case word
 *     ("U.S. officials") there is no break; before a capitalised word the
 *     sentence ends only when that word is a typical sentence start ("The",
 *     "He", "In", ...: "in the U.S. The ...") or the abbreviation is
 *     usually final ("etc.").  Initials ("J.") and acronyms ("U.S.") behave
 *     like other abbreviations, so "George W. Bush" stays whole.
 *
 *     kg_splitter *sp = kg_splitter_new(text, tokens, n_tokens, 0);
 *     kg_sentence s;
 *     while (kg_splitter_next(sp, &s) == KG_SUCCESS) ...
 *     kg_splitter_free(sp);
 */

#include "kg/status.h"
#include "kg/token.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** One sentence: a range of tokens and the bytes they cover. */
typedef struct kg_sentence {
    uint32_t tok_begin; ///< index of the first token
    uint32_t tok_end;   ///< one past the last token
    uint32_t off;       ///< byte offset of the first token
    uint32_t end;       ///< byte offset one past the last token
} kg_sentence;

/** A pull splitter over borrowed text and tokens. */
typedef struct kg_splitter kg_splitter;

/** New splitter.  @p text is the text the token offsets refer to (offset
 *  0 = text[0]); @p max_tokens cuts longer sentences (0 = default 500).
 *  Caller owns; free with kg_splitter_free(). */
kg_splitter *kg_splitter_new(const char *text, const kg_token *tokens, size_t n, size_t max_tokens);

/** Treat every line break before a token at byte offset <= @p off as a
 *  sentence end
 *  (pass kg_article.body_off, so that header lines such as the title and
 *  the date line never merge with the body even without blank lines
 *  between them).  Default 0: only blank lines force a break. */
void kg_splitter_set_header_end(kg_splitter *sp, size_t off);

/** Next sentence.  @return KG_SUCCESS, or KG_FAILURE at the end. */
kg_status kg_splitter_next(kg_splitter *sp, kg_sentence *out);

/** Free.  NULL is a no-op. */
void kg_splitter_free(kg_splitter *sp);

/** Split all at once.  @p out receives the array (caller owns; free()). */
void kg_split_sentences(const char *text, const kg_token *tokens, size_t n, size_t max_tokens,
                        kg_sentence **out, size_t *n_out);

#ifdef __cplusplus
}
#endif
#endif /* KG_SENTENCE_H */
