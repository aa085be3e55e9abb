/* SPDX-License-Identifier: MIT
 * kg: libFuzzer target for the tokenizer (token.h): any bytes, tokens in order. */

#include "kg/token.h"

#include <stdint.h>
#include <stdlib.h>

/* Any bytes are accepted (the tokenizer makes one-byte SYMBOL tokens of
 * invalid UTF-8).  Tokens must be non-empty, inside the text, in order and
 * not overlapping, and the pull and array interfaces must agree. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    size_t base = size & 1u ? 1000 : 0;
    kg_token *toks = NULL;
    size_t n = 0;
    kg_tokenize(text, size, base, &toks, &n);
    if (n > size) abort();
    size_t end = base;
    for (size_t i = 0; i < n; i++) {
        if (toks[i].len == 0 || toks[i].off < end) abort();
        if ((size_t)toks[i].off + toks[i].len > base + size) abort();
        if (toks[i].kind > KG_TOK_OTHER) abort();
        end = (size_t)toks[i].off + toks[i].len;
    }
    kg_tokenizer *tk = kg_tokenizer_new(text, size, base);
    kg_token t;
    size_t k = 0;
    while (kg_tokenizer_next(tk, &t) == KG_SUCCESS) {
        if (k >= n || t.off != toks[k].off || t.len != toks[k].len || t.kind != toks[k].kind ||
            t.flags != toks[k].flags)
            abort();
        k++;
    }
    if (k != n) abort();
    kg_tokenizer_free(tk);
    free(toks);
    return 0;
}
