/* SPDX-License-Identifier: MIT
 * kg: RDF writers (Turtle, N-Triples, N-Quads) through raptor2. */
#ifndef KG_TURTLE_H
#define KG_TURTLE_H

/* Stage overview
 * --------------
 * An RDF sink serialises the statements it receives with raptor2.  Turtle
 * groups statements by subject, so raptor buffers them until
 * kg_sink_end(); N-Triples and N-Quads stream.  The graph argument of each
 * statement becomes the fourth column in N-Quads and is dropped otherwise.
 *
 *     kg_sink *w;
 *     if (kg_rdf_sink_new(stdout, KG_RDF_NTRIPLES, &diags, &w) != KG_SUCCESS) ...
 *     kg_graph_emit(graph, w);      // graph.h
 *     kg_sink_end(w);
 *     kg_sink_free(w);
 *
 * raptor2 does not validate IRIs: callers pass only IRIs made by graph.h.
 * Errors raptor reports are routed to the diagnostic sink, never stderr.
 */

#include "kg/sink.h"
#include "kg/status.h"

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/** RDF serialisation. */
typedef enum kg_rdf_format {
    KG_RDF_TURTLE = 0, ///< Turtle (default)
    KG_RDF_NTRIPLES,   ///< N-Triples
    KG_RDF_NQUADS      ///< N-Quads, one named graph per article
} kg_rdf_format;

/** Parse a format name ("turtle", "ttl", "ntriples", "nt", "nquads",
 *  "nq").  @return KG_SUCCESS or KG_ERR_ARG. */
kg_status kg_rdf_format_from_name(const char *name, kg_rdf_format *out);

/** The usual file extension of a format, without the dot ("ttl"). */
const char *kg_rdf_format_ext(kg_rdf_format fmt);

/** A sink writing @p fmt to @p out (borrowed; not closed, but flushed by
 *  kg_sink_end()).  Write errors surface as KG_ERR_IO from
 *  kg_sink_triple()/kg_sink_end(); statements raptor refuses as KG_ERR_LIB.
 *  Prefixes are declared in Turtle (also after the first statement, until
 *  kg_sink_end()); one raptor refuses (rdf:, which it declares itself, or
 *  a duplicate) is skipped, not an error.  @p diags (copied; may be NULL)
 *  receives raptor's messages.  kg_sink_flush() ends a chunk: everything
 *  sent so far is written now (raptor's Turtle writer otherwise holds every
 *  statement until the end, to group them by subject); each Turtle chunk
 *  groups its own statements, under the one block of prefixes at the top.
 *  For N-Triples and N-Quads it flushes the stream; after kg_sink_end() it
 *  is KG_ERR_ARG.  Caller owns *sink; free with kg_sink_free(). */
kg_status kg_rdf_sink_new(FILE *out, kg_rdf_format fmt, const kg_diag_sink *diags, kg_sink **sink);

/** Read an RDF file (format guessed from the extension: .ttl, .nt, .nq)
 *  with raptor2 and send its statements to @p sink (without calling
 *  kg_sink_end).  Parse errors go to @p diags with line numbers.
 *  @return KG_SUCCESS, KG_ERR_IO (cannot open or read), KG_ERR_SYNTAX,
 *  KG_ERR_ARG (unknown extension), or the first error @p sink returned
 *  (parsing stops there). */
kg_status kg_rdf_read_file(const char *path, kg_sink *sink, const kg_diag_sink *diags);

#ifdef __cplusplus
}
#endif
#endif /* KG_TURTLE_H */
