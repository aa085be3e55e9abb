/* SPDX-License-Identifier: MIT
 * kg: the one interface between extraction and serialisation. */
#ifndef KG_SINK_H
#define KG_SINK_H

/* Stage overview
 * --------------
 * The graph stage emits statements; writers receive them.  Every writer
 * (Turtle, N-Triples and N-Quads through raptor2 in turtle.h, diagrams
 * through Graphviz in dot.h, the sorted N-Triples writer of the tests)
 * implements this interface, and kg_tee_sink fans one stream out to many.
 *
 *     kg_sink *out;
 *     kg_rdf_sink_new(stdout, KG_RDF_TURTLE, NULL, &out);   // turtle.h
 *     kg_sink_prefix(out, "schema", "http://schema.org/");
 *     kg_term s = kg_iri("https://w3id.org/kg/id/place/China");
 *     kg_term p = kg_iri(KG_RDFS "label");
 *     kg_term o = kg_literal("China", NULL, "en");
 *     kg_sink_triple(out, NULL, &s, &p, &o);
 *     kg_sink_end(out);    // flush: a writer may buffer until here
 *     kg_sink_free(out);
 *
 * Terms are borrowed for the duration of the call only: a sink copies what
 * it keeps.  IRIs handed to a sink are already valid (percent-encoded by
 * kg_iri_*() in graph.h); literals are valid UTF-8 without NUL bytes.
 */

#include "kg/status.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Namespaces used throughout.  The kg ones are declared in ontology/kg.ttl. */
#define KG_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define KG_RDFS "http://www.w3.org/2000/01/rdf-schema#"
#define KG_OWL "http://www.w3.org/2002/07/owl#"
#define KG_XSD "http://www.w3.org/2001/XMLSchema#"
#define KG_SKOS "http://www.w3.org/2004/02/skos/core#"
#define KG_SCHEMA "http://schema.org/"
#define KG_PROV "http://www.w3.org/ns/prov#"
#define KG_DCTERMS "http://purl.org/dc/terms/"
#define KG_NIF "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
#define KG_WDT "http://www.wikidata.org/prop/direct/"
#define KG_NS "https://w3id.org/kg/ns#"           ///< the kg ontology
#define KG_REL_NS "https://w3id.org/kg/rel/"      ///< open relations
#define KG_DEFAULT_BASE "https://w3id.org/kg/id/" ///< default base of entity IRIs

/** Kind of an RDF term. */
typedef enum kg_term_kind {
    KG_TERM_IRI = 0, ///< an absolute IRI
    KG_TERM_BLANK,   ///< a blank node; value is its label without "_:"
    KG_TERM_LITERAL  ///< a literal, with a datatype or a language or neither
} kg_term_kind;

/** One RDF term.  Borrowed strings. */
typedef struct kg_term {
    kg_term_kind kind;    ///< IRI, blank node or literal
    const char *value;    ///< IRI, blank label, or lexical form (UTF-8, NUL-terminated)
    const char *datatype; ///< literal datatype IRI, or NULL
    const char *lang;     ///< literal language tag, or NULL (never with datatype)
} kg_term;

/** An IRI term. */
static inline kg_term kg_iri(const char *iri)
{
    kg_term t = {KG_TERM_IRI, iri, NULL, NULL};
    return t;
}

/** A literal term; at most one of @p datatype and @p lang. */
static inline kg_term kg_literal(const char *lex, const char *datatype, const char *lang)
{
    kg_term t = {KG_TERM_LITERAL, lex, datatype, lang};
    return t;
}

/** A blank node term. */
static inline kg_term kg_blank(const char *label)
{
    kg_term t = {KG_TERM_BLANK, label, NULL, NULL};
    return t;
}

/** Receives a namespace prefix (may be ignored by the writer). */
typedef kg_status (*kg_prefix_fn)(void *handle, const char *name, const char *iri);

/** Receives one statement.  @p graph is NULL for the default graph, else
 *  the IRI of the named graph (one per article in N-Quads). */
typedef kg_status (*kg_triple_fn)(void *handle, const kg_term *graph, const kg_term *subject,
                                  const kg_term *predicate, const kg_term *object);

/** Called once after the last statement: flush, finish the document. */
typedef kg_status (*kg_end_fn)(void *handle);

/** Frees the handle.  Called by kg_sink_free(). */
typedef void (*kg_free_fn)(void *handle);

/** Called between articles: a streaming writer writes what it holds. */
typedef kg_status (*kg_flush_fn)(void *handle);

/** A statement sink.  Every function pointer may be NULL (no-op). */
typedef struct kg_sink {
    kg_prefix_fn prefix; ///< namespace declarations
    kg_triple_fn triple; ///< statements
    kg_end_fn end;       ///< end of the stream
    kg_free_fn free;     ///< release the handle
    void *handle;        ///< the writer's state
    kg_flush_fn flush;   ///< a boundary between articles (set after kg_sink_new)
} kg_sink;

/** Send a prefix to @p sink.  @return the writer's status; KG_ERR_ARG when
 *  an argument is NULL.  Writers may ignore prefixes (N-Triples does). */
kg_status kg_sink_prefix(kg_sink *sink, const char *name, const char *iri);

/** Send one statement to @p sink.  The terms are borrowed for the call.
 *  @return the writer's status (KG_ERR_IO for a failed write); KG_ERR_ARG
 *  when the sink, a term or a term's value is NULL. */
kg_status kg_sink_triple(kg_sink *sink, const kg_term *graph, const kg_term *s, const kg_term *p,
                         const kg_term *o);

/** End the stream: a buffering writer writes here.  For kg's writers a
 *  second call is a no-op.  @return the writer's status (KG_ERR_IO for a
 *  failed write). */
kg_status kg_sink_end(kg_sink *sink);

/** A boundary between articles: a writer that holds statements writes
 *  them now (raptor2's Turtle writer holds all until the end, to group
 *  them by subject; flushed, it ends a chunk, see kg_rdf_sink_new()), a
 *  stream is flushed, and a tee or merging sink passes the call on (the
 *  merging sink keeps its entity table for the end).  Batches flush after
 *  each article so that memory stays bounded.  @return the writer's status
 *  (KG_ERR_IO for a failed write); KG_SUCCESS for a sink without flush. */
kg_status kg_sink_flush(kg_sink *sink);

/** Free a sink made by a kg_*_sink_new() function (calls its free, then
 *  frees the struct).  NULL is a no-op. */
void kg_sink_free(kg_sink *sink);

/** Make a sink from parts.  Caller owns; free with kg_sink_free(). */
kg_sink *kg_sink_new(kg_prefix_fn prefix, kg_triple_fn triple, kg_end_fn end, kg_free_fn free_fn,
                     void *handle);

/** A sink that forwards every call to each of @p n sinks, in order; the
 *  first error wins.  The targets are borrowed: they must outlive the tee
 *  and are not freed by it.  Caller owns; free with kg_sink_free(). */
kg_sink *kg_tee_sink_new(kg_sink *const *targets, size_t n);

/** Is the statement (@p p, @p o) part of the description of an entity or
 *  an open property, which every article that uses the term repeats?
 *  Those are rdfs:label, skos:altLabel, schema:identifier, kg:mentionCount,
 *  and rdf:type with a schema.org entity class, owl:ObjectProperty or
 *  owl:DatatypeProperty as object. */
int kg_is_description(const kg_term *p, const kg_term *o);

/** A sink that merges the articles of a corpus: description statements
 *  (kg_is_description) in the default graph are kept in a table, one copy
 *  each, with the kg:mentionCount values of an entity summed; every other
 *  statement, and every statement of a named graph, is forwarded to
 *  @p target at once.  kg_sink_end() writes the table sorted (by subject,
 *  predicate, object) and then ends @p target.  A table larger than its
 *  budget (kg_merge_sink_budget) is kept in sorted temporary files.  So one run over many
 *  articles and the merge of per-article outputs give the same
 *  statements in the same order.  @p target is borrowed.  Caller owns;
 *  free with kg_sink_free(). */
kg_sink *kg_merge_sink_new(kg_sink *target);

/** Memory the table of a merging sink may hold (default 24 MiB) before it
 *  is sorted into a temporary file; at the end the files are merged, so
 *  memory stays bounded whatever the corpus and the output is the same
 *  bytes.  For tests and small machines.  No-op on another kind of sink. */
void kg_merge_sink_budget(kg_sink *sink, size_t bytes);

/** A sink that collects N-Triples lines (graph ignored) and, at end,
 *  writes them sorted bytewise and de-duplicated to @p out_file (a FILE *,
 *  borrowed; NULL means stdout), for tests and diffable fixtures.
 *  Literals escape '"', '\\', LF, CR and TAB as \", \\, \n, \r, \t and
 *  other control characters as \u00XX; UTF-8 is kept.  A character an
 *  IRIREF may not hold is percent-encoded (%20), since strict parsers
 *  reject a \u escape of one.  kg_sink_end() returns KG_ERR_IO when the
 *  write fails.  Caller owns; free with kg_sink_free(). */
kg_sink *kg_sorted_nt_sink_new(void *out_file);

#ifdef __cplusplus
}
#endif
#endif /* KG_SINK_H */
