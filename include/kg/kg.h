/* SPDX-License-Identifier: MIT
 * kg: knowledge graphs from news articles: the library in one header. */
#ifndef KG_KG_H
#define KG_KG_H

/* libkg
 * =====
 * Reads news articles and turns them into a knowledge graph: typed
 * entities and the relations between them, written as RDF through raptor2
 * and drawn through Graphviz.  The pipeline, one header per stage:
 *
 *     text.h       read an article: UTF-8 checks, NFC, headline, dateline
 *     token.h      tokens            sentence.h   sentences
 *     tagger.h     POS tags, lemmas, dependency trees (trained on UD EWT)
 *     entity.h     names, titles, demonyms, types, canonical names
 *     coref.h      acronyms, short names, "the park", "it"
 *     extract.h    relations from the lexicon (ontology/relations.tsv)
 *     graph.h      entities, facts, IRIs, provenance -> statements
 *     sink.h       the one interface to the writers:
 *     turtle.h     Turtle, N-Triples, N-Quads (raptor2)
 *     dot.h        SVG, PNG, PDF, DOT diagrams (cgraph + gvc)
 *     io.h         inputs (files, directories, JSON Lines), atomic outputs
 *     batch.h      many articles on every core, output in input order
 *
 * kg_pipeline wires the stages with their resources (model, gazetteer,
 * lexicon) loaded once:
 *
 *     kg_pipeline_opts o = kg_pipeline_opts_default();
 *     kg_pipeline *p;
 *     if (kg_pipeline_new(&o, &diags, &p) != KG_SUCCESS) ...
 *     kg_article *a;
 *     kg_article_read_file("news.txt", &o.reader, &diags, &a);
 *     kg_doc *doc;
 *     kg_pipeline_run(p, a, &doc);
 *     kg_graph_emit(doc->graph, NULL, sink);
 *     kg_doc_free(doc);
 *     kg_article_free(a);
 *     kg_pipeline_free(p);
 */

#include "kg/batch.h"
#include "kg/conllu.h"
#include "kg/coref.h"
#include "kg/doc.h"
#include "kg/entity.h"
#include "kg/extract.h"
#include "kg/gazetteer.h"
#include "kg/graph.h"
#include "kg/io.h"
#include "kg/sentence.h"
#include "kg/sink.h"
#include "kg/status.h"
#include "kg/tagger.h"
#include "kg/text.h"
#include "kg/token.h"

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The version of libkg ("0.1.0").  Static storage. */
const char *kg_version(void);

/** Pipeline options. */
typedef struct kg_pipeline_opts {
    const char *base;           ///< base of entity IRIs (NULL = KG_DEFAULT_BASE); borrowed
    int parse;                  ///< run the tagger and parser (default 1)
    size_t max_sentence_tokens; ///< longer sentences are cut (default 0 = the splitter's 500)
    kg_reader_opts reader;      ///< options for reading articles
    const char *tagger_model;   ///< tagger/parser model file (kg_tagger_load()) instead of the
                                ///< embedded model (default NULL); borrowed
    int beam;                   ///< parser beam width (kg_tagger_set_beam()): -1 (default) the
                                ///< model's own (greedy for the embedded one), 0 greedy, K >= 1
} kg_pipeline_opts;

/** Default options. */
kg_pipeline_opts kg_pipeline_opts_default(void);

/** The stages and their loaded resources.  One pipeline serves one thread
 *  at a time (it holds the parser's scratch space). */
typedef struct kg_pipeline kg_pipeline;

/** Load the embedded model, gazetteer and lexicon.  @p opts and @p diags
 *  are copied / borrowed (diags must outlive the pipeline).
 *  @return KG_SUCCESS or KG_ERR_MODEL.  Caller owns *out; free with
 *  kg_pipeline_free(). */
kg_status kg_pipeline_new(const kg_pipeline_opts *opts, const kg_diag_sink *diags,
                          kg_pipeline **out);

/** A pipeline for another thread: it shares @p p's model, gazetteer and
 *  lexicon (read-only while pipelines run) and has its own parser scratch.
 *  @p p must outlive it; add lexicon or gazetteer files to @p p before
 *  forking.  Caller owns; free with kg_pipeline_free(). */
kg_pipeline *kg_pipeline_fork(const kg_pipeline *p);

/** The options @p p was made with.  Borrowed. */
const kg_pipeline_opts *kg_pipeline_options(const kg_pipeline *p);

/** Add relation lexicon entries from a file (see extract.h). */
kg_status kg_pipeline_add_lexicon(kg_pipeline *p, const char *path);

/** Add gazetteer entries from a file (see gazetteer.h). */
kg_status kg_pipeline_add_gazetteer(kg_pipeline *p, const char *path);

/** The pipeline's tagger, or NULL when parsing is off.  Borrowed. */
const kg_tagger *kg_pipeline_tagger(const kg_pipeline *p);

/** Run every stage on @p article (borrowed; must outlive *out).
 *  @param out receives the analysed document with its graph; caller
 *         owns, free with kg_doc_free(). */
kg_status kg_pipeline_run(kg_pipeline *p, const kg_article *article, kg_doc **out);

/** Write the tagger's analysis of @p article as CoNLL-U to @p out: one
 *  block per sentence with "# sent_id" and "# text" comments.
 *  @return KG_SUCCESS, KG_ERR_ARG (parsing off) or KG_ERR_IO. */
kg_status kg_pipeline_write_conllu(kg_pipeline *p, const kg_article *article, FILE *out);

/** Re-annotate CoNLL-U read from @p in (gold tokenisation) and write it to
 *  @p out.  @p name labels diagnostics.
 *  @return KG_SUCCESS, KG_ERR_SYNTAX, KG_ERR_ARG (parsing off) or KG_ERR_IO. */
kg_status kg_pipeline_reannotate_conllu(kg_pipeline *p, FILE *in, const char *name, FILE *out);

/** Free.  NULL is a no-op. */
void kg_pipeline_free(kg_pipeline *p);

#ifdef __cplusplus
}
#endif
#endif /* KG_KG_H */
