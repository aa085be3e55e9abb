/* SPDX-License-Identifier: MIT
 * kg: libFuzzer target for the whole pipeline on one article, through the RDF writers. */

#define _GNU_SOURCE /* open_memstream on older libcs */
#include "kg/kg.h"
#include "kg/turtle.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Two pipelines are made once, with the parser and without it (--no-parse:
 * the word-pattern relation rules).  Each input is an article: it is
 * read, analysed, checked with kg_graph_check() and emitted to N-Triples
 * (or, with bit 0 of the last byte, N-Quads) through raptor2 into memory
 * and to the sorted N-Triples sink.  Bit 1 of the last byte turns
 * provenance off, bit 2 writes the CoNLL-U analysis as well, bit 3 picks
 * the pipeline without the parser, bit 4 (without bit 3) one that parses
 * with a beam of 4. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static kg_pipeline *pipe_line, *pipe_noparse, *pipe_beam;
static kg_pipeline_opts popts;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    popts = kg_pipeline_opts_default();
    popts.parse = 1;
    kg_diag_sink quiet = {NULL, NULL};
    static kg_diag_sink keep;
    keep = quiet;
    if (kg_pipeline_new(&popts, &keep, &pipe_line) != KG_SUCCESS) abort();
    kg_pipeline_opts np = popts;
    np.parse = 0;
    if (kg_pipeline_new(&np, &keep, &pipe_noparse) != KG_SUCCESS) abort();
    kg_pipeline_opts bp = popts;
    bp.beam = 4;
    if (kg_pipeline_new(&bp, &keep, &pipe_beam) != KG_SUCCESS) abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    unsigned bits = data[size - 1];
    kg_diag_sink quiet = {NULL, NULL};
    kg_article *a = NULL;
    if (kg_article_from_memory("fuzz.txt", (const char *)data, size, &popts.reader, &quiet, &a) !=
        KG_SUCCESS)
        return 0;
    kg_pipeline *pl = bits & 8u ? pipe_noparse : bits & 16u ? pipe_beam : pipe_line;
    kg_doc *doc = NULL;
    if (kg_pipeline_run(pl, a, &doc) == KG_SUCCESS) {
        if (kg_graph_check(doc->graph) != KG_SUCCESS) abort();
        char *mem = NULL, *sorted = NULL;
        size_t mem_len = 0, sorted_len = 0;
        FILE *fp = open_memstream(&mem, &mem_len);
        FILE *sp = open_memstream(&sorted, &sorted_len);
        kg_sink *rdf = NULL;
        if (kg_rdf_sink_new(fp, bits & 1u ? KG_RDF_NQUADS : KG_RDF_NTRIPLES, &quiet, &rdf) !=
            KG_SUCCESS)
            abort();
        kg_sink *nt = kg_sorted_nt_sink_new(sp);
        kg_sink *both[2] = {rdf, nt};
        kg_sink *tee = kg_tee_sink_new(both, 2);
        kg_emit_opts eo = kg_emit_opts_default();
        eo.provenance = !(bits & 2u);
        eo.named_graph = (int)(bits & 1u);
        kg_emit_prefixes(tee);
        /* A writer refusing a statement kg made is a bug (invalid IRI or literal). */
        if (kg_graph_emit(doc->graph, &eo, tee) != KG_SUCCESS) abort();
        if (kg_sink_end(tee) != KG_SUCCESS) abort();
        kg_sink_free(tee);
        kg_sink_free(rdf);
        kg_sink_free(nt);
        fclose(fp);
        fclose(sp);
        free(mem);
        free(sorted);
    }
    kg_doc_free(doc);
    if (bits & 4u) {
        char *mem = NULL;
        size_t mem_len = 0;
        FILE *fp = open_memstream(&mem, &mem_len);
        kg_pipeline_write_conllu(pipe_line, a, fp);
        fclose(fp);
        free(mem);
    }
    kg_article_free(a);
    return 0;
}
