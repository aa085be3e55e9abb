/* SPDX-License-Identifier: MIT
 * kg: libFuzzer target for the RDF reader behind kg draw (turtle.h kg_rdf_read_file). */

#include "kg/dot.h"
#include "kg/sink.h"
#include "kg/turtle.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The first byte picks the syntax (by the file extension kg draw goes by:
 * .ttl, .nt, .nq; byte % 3); the rest is written to a temporary file and
 * read into a counting sink that checks every term.  When bits 6 and 7
 * of the first byte are set the statements also go to kg draw's diagram sink,
 * ending in a .dot file (the DOT text without layout: a Graphviz layout is
 * too slow for a fuzzer; tests/t_diagram.sh and tests/t_badinput.sh lay
 * out hostile graphs).  When bit 7 is clear and bit 6 set they are
 * written back instead, as kg merge does: through a merging sink to a
 * raptor writer (Turtle in chunks, N-Triples or N-Quads by bits 3-4), the
 * file read twice with a flush between. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Temporary files in $TMPDIR (fuzz/run.sh gives each target its own and
 * removes it: libFuzzer does not always run atexit handlers). */
static char paths[4][4096];
static const char *const ext[4] = {"ttl", "nt", "nq", "dot"};

static void remove_tmp(void)
{
    for (size_t i = 0; i < 4; i++)
        unlink(paths[i]);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *tmp = getenv("TMPDIR");
    for (size_t i = 0; i < 4; i++) {
        snprintf(paths[i], sizeof paths[i], "%s/kg-fuzz-rdf-XXXXXX.%s", tmp ? tmp : "/tmp", ext[i]);
        int fd = mkstemps(paths[i], (int)strlen(ext[i]) + 1);
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
    kg_diag_sink quiet = {NULL, NULL};
    kg_sink *counter = kg_sink_new(NULL, count, NULL, NULL, &n);
    kg_sink *diagram = NULL;
    if ((data[0] & 0xC0u) == 0xC0u) {
        kg_diagram_opts o = kg_diagram_opts_default();
        o.top = data[0] & 0x20u ? 5 : 0;
        if (kg_diagram_sink_new(paths[3], &o, &quiet, &diagram) != KG_SUCCESS) abort();
    }
    kg_sink *writer = NULL, *merged = NULL;
    FILE *out = NULL;
    if ((data[0] & 0xC0u) == 0x40u) {
        out = fopen("/dev/null", "wb");
        if (!out || kg_rdf_sink_new(out, (kg_rdf_format)((data[0] >> 3) % 3), &quiet, &writer) !=
                        KG_SUCCESS)
            abort();
        merged = kg_merge_sink_new(writer);
        if (kg_sink_prefix(merged, "schema", "http://schema.org/") != KG_SUCCESS) abort();
    }
    kg_sink *both[2] = {counter, diagram ? diagram : merged};
    kg_sink *sink = kg_tee_sink_new(both, diagram || merged ? 2 : 1);
    kg_status st = kg_rdf_read_file(path, sink, &quiet);
    if (st != KG_SUCCESS && st != KG_ERR_SYNTAX && st != KG_ERR_IO && !(merged && st == KG_ERR_LIB))
        abort();
    if (diagram && kg_sink_end(diagram) != KG_SUCCESS) abort();
    if (merged) {
        // a second shard with the same statements, as in kg merge
        if (kg_sink_flush(merged) == KG_SUCCESS) (void)kg_rdf_read_file(path, merged, &quiet);
        (void)kg_sink_end(merged);
        kg_sink_free(merged);
        kg_sink_free(writer);
        fclose(out);
    }
    kg_sink_free(sink);
    kg_sink_free(diagram);
    kg_sink_free(counter);
    return 0;
}
