/* SPDX-License-Identifier: MIT
 * kg: libFuzzer target for the RDF reader behind kg draw (turtle.h kg_rdf_read_file). */

#include "kg/sink.h"
#include "kg/turtle.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The first byte picks the syntax (by the file extension kg draw goes by:
 * .ttl, .nt, .nq); the rest is written to a temporary file and read into a
 * counting sink that checks every term (rendering is too slow for a
 * fuzzer; tests/t_diagram.sh and tests/t_badinput.sh draw hostile graphs). */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char paths[3][32] = {"/tmp/kg-fuzz-rdf-XXXXXX.ttl", "/tmp/kg-fuzz-rdf-XXXXXX.nt",
                            "/tmp/kg-fuzz-rdf-XXXXXX.nq"};
static const int suffix[3] = {4, 3, 3};

static void remove_tmp(void)
{
    for (size_t i = 0; i < 3; i++)
        unlink(paths[i]);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    for (size_t i = 0; i < 3; i++) {
        int fd = mkstemps(paths[i], suffix[i]);
        if (fd < 0) abort();
        close(fd);
    }
    atexit(remove_tmp);
    return 0;
}

static void check_term(const kg_term *t)
{
    if (!t || !t->value) abort();
    if (t->kind == KG_TERM_LITERAL && t->datatype && t->lang) abort();
    (void)strlen(t->value);
}

static kg_status count(void *handle, const kg_term *g, const kg_term *s, const kg_term *p,
                       const kg_term *o)
{
    if (g) check_term(g);
    check_term(s);
    check_term(p);
    check_term(o);
    (*(size_t *)handle)++;
    return KG_SUCCESS;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    const char *path = paths[data[0] % 3];
    FILE *f = fopen(path, "wb");
    if (!f) abort();
    if (size > 1 && fwrite(data + 1, 1, size - 1, f) != size - 1) abort();
    if (fclose(f) != 0) abort();
    size_t n = 0;
    kg_sink *sink = kg_sink_new(NULL, count, NULL, NULL, &n);
    kg_diag_sink quiet = {NULL, NULL};
    kg_status st = kg_rdf_read_file(path, sink, &quiet);
    if (st != KG_SUCCESS && st != KG_ERR_SYNTAX && st != KG_ERR_IO) abort();
    kg_sink_free(sink);
    return 0;
}
