/* SPDX-License-Identifier: MIT
 * kg: libFuzzer target for the sentence splitter (sentence.h) after the tokenizer. */

#include "kg/sentence.h"
#include "kg/token.h"

#include <stdint.h>
#include <stdlib.h>

/* The first byte chooses max_tokens (bits 0..5: 0 = default, else 1..63)
 * and whether a header end is set (bit 6: at the middle of the text).
 * Sentences must be non-empty, cover every token exactly once in order and
 * respect max_tokens. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    unsigned bits = data[0];
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    size_t max = bits & 63u;
    kg_token *toks = NULL;
    size_t n = 0;
    kg_tokenize(text, len, 0, &toks, &n);

    kg_splitter *sp = kg_splitter_new(text, toks, n, max);
    if (bits & 64u) kg_splitter_set_header_end(sp, len / 2);
    kg_sentence s;
    size_t next = 0;
    size_t limit = max ? max : 500;
    while (kg_splitter_next(sp, &s) == KG_SUCCESS) {
        if (s.tok_begin != next || s.tok_end <= s.tok_begin || s.tok_end > n) abort();
        if (s.tok_end - s.tok_begin > limit) abort();
        if (s.off != toks[s.tok_begin].off) abort();
        if (s.end != toks[s.tok_end - 1].off + toks[s.tok_end - 1].len) abort();
        next = s.tok_end;
    }
    if (next != n) abort();
    kg_splitter_free(sp);

    kg_sentence *all = NULL;
    size_t n_all = 0;
    kg_split_sentences(text, toks, n, max, &all, &n_all);
    if (n_all > n) abort();
    free(all);
    free(toks);
    return 0;
}
