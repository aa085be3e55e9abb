/* SPDX-License-Identifier: MIT
 * kg: libFuzzer target for the relation lexicon loader (extract.h). */

#include "kg/extract.h"

#include <stdint.h>
#include <stdlib.h>

/* Each input is a lexicon file added to a fresh copy of the embedded
 * lexicon; lookups of its first words must then work. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    kg_lexicon *lex = NULL;
    if (kg_lexicon_default(&lex) != KG_SUCCESS) abort();
    size_t before = kg_lexicon_size(lex);
    kg_diag_sink quiet = {NULL, NULL};
    kg_status st = kg_lexicon_add_buffer(lex, "fuzz.tsv", (const char *)data, size, &quiet);
    if (st != KG_SUCCESS && st != KG_ERR_SYNTAX) abort();
    if (kg_lexicon_size(lex) < before) abort();
    const kg_lex_entry *const *hits = NULL;
    size_t n = size < 12 ? size : 12;
    for (size_t k = 1; k <= n; k++) {
        kg_lexicon_find(lex, (const char *)data, k, 0, &hits);
        kg_lexicon_find(lex, (const char *)data, k, 1, &hits);
    }
    kg_lexicon_free(lex);
    return 0;
}
