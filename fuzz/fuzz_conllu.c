/* SPDX-License-Identifier: MIT
 * kg: libFuzzer target for the CoNLL-U reader (conllu.h) and re-annotation. */

#include "kg/kg.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Each input is read as CoNLL-U sentence by sentence (syntax errors skip
 * to the next blank line).  When the last byte is odd the input is also
 * re-annotated by the tagger and parser, as `kg --input conllu -f conllu`
 * does, into memory. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static kg_pipeline *pipe_line;
static kg_diag_sink quiet = {NULL, NULL};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    kg_pipeline_opts o = kg_pipeline_opts_default();
    if (kg_pipeline_new(&o, &quiet, &pipe_line) != KG_SUCCESS) abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    kg_conllu_reader *r = kg_conllu_reader_new_buffer((const char *)data, size, "fuzz", &quiet);
    const kg_conllu_sentence *s;
    kg_status st;
    size_t guard = 0;
    while ((st = kg_conllu_reader_next(r, &s)) == KG_SUCCESS || st == KG_ERR_SYNTAX) {
        if (st == KG_SUCCESS) {
            for (size_t i = 0; i < s->n_words; i++)
                if (s->tokens[i].head != UINT32_MAX && s->tokens[i].head > s->n_words) abort();
            for (size_t i = 0; i < s->n_extra; i++)
                if (s->extra[i].before > s->n_words) abort();
        }
        if (++guard > size + 1) abort(); /* every call must consume input */
    }
    if (st != KG_FAILURE) abort();
    kg_conllu_reader_free(r);

    if (size && (data[size - 1] & 1u)) {
        FILE *in = fmemopen((void *)data, size, "rb");
        char *mem = NULL;
        size_t mem_len = 0;
        FILE *out = open_memstream(&mem, &mem_len);
        if (in && out) kg_pipeline_reannotate_conllu(pipe_line, in, "fuzz", out);
        if (in) fclose(in);
        if (out) fclose(out);
        free(mem);
    }
    return 0;
}
