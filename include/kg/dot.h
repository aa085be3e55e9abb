/* SPDX-License-Identifier: MIT
 * kg: relationship diagrams through Graphviz cgraph and gvc. */
#ifndef KG_DOT_H
#define KG_DOT_H

/* Stage overview
 * --------------
 * The diagram sink collects the statements of a kg graph (the shape of
 * spec/graph-contract.md: typed, labelled entities, direct relation
 * triples, reified facts with kg:factuality) and, at kg_sink_end(), lays
 * them out with Graphviz and renders one file.  It works on statements
 * only, so a graph read back from Turtle draws the same as a fresh one.
 *
 *     kg_diagram_opts o = kg_diagram_opts_default();
 *     kg_sink *d;
 *     kg_diagram_sink_new("out/park.svg", &o, &diags, &d);   // format from extension
 *     kg_graph_emit(graph, d);
 *     kg_sink_end(d);          // layout and render happen here
 *     kg_sink_free(d);
 */

#include "kg/sink.h"
#include "kg/status.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Entities kept by the automatic cut of a large diagram (see
 *  kg_diagram_opts.top). */
#define KG_DIAGRAM_AUTO_TOP 150
/** Relations kept at most by the automatic cut, or 4 x an explicit top
 *  when that is larger. */
#define KG_DIAGRAM_AUTO_EDGES 400
/** kg_diagram_opts.top: draw everything, no cut at all. */
#define KG_DIAGRAM_ALL SIZE_MAX

/** How a diagram groups its entities into boxes (Graphviz clusters). */
typedef enum kg_diagram_cluster {
    KG_CLUSTER_NONE,    ///< no boxes
    KG_CLUSTER_ARTICLE, ///< one box per article, holding the entities only it mentions
    KG_CLUSTER_TYPE     ///< one box per class family (the legend's rows)
} kg_diagram_cluster;

/** Options of a diagram. */
typedef struct kg_diagram_opts {
    const char *layout; ///< Graphviz engine ("dot", "sfdp", ...), or NULL to choose by size
    /** Keep only the N entities of highest degree (ties: most
     *  kg:mentionCount, then IRI) and at most max(KG_DIAGRAM_AUTO_EDGES,
     *  4 N) relations among them, those backed by the most facts; an entity
     *  left without a relation to the others makes room for the next.
     *  0 = automatic: a graph of more than KG_DIAGRAM_AUTO_TOP entities
     *  loses its entities without relations and keeps the
     *  KG_DIAGRAM_AUTO_TOP of highest degree and at most
     *  KG_DIAGRAM_AUTO_EDGES relations; a smaller graph is drawn whole.
     *  KG_DIAGRAM_ALL = no cut.  The graph's label says what was left out. */
    size_t top;
    double min_confidence; ///< drop facts below this confidence
    const char *title;     ///< graph label; NULL = from the article's headline and date
    /** Comma-separated classes to keep, case-insensitive: a group
     *  (person, organization, place, event, other), a legend row (country,
     *  city, "administrative area", "government organization", "news
     *  media"), or the local name of an rdf:type (GovernmentOrganization).
     *  NULL or "" = all.  Relations to entities left out go too. */
    const char *types;
    /** Comma-separated relations to keep, case-insensitive: the property's
     *  local name (containedInPlace, supports) or its label as drawn
     *  ("contained in place").  NULL or "" = all.  Entities left without
     *  a relation go too. */
    const char *relations;
    kg_diagram_cluster cluster; ///< boxes around articles or classes
} kg_diagram_opts;

/** Default options: automatic layout and cut, no filter, no clusters.  A
 *  fact without a kg:confidence counts as certain; a direct triple all of
 *  whose facts fall under min_confidence is dropped, one without any fact
 *  is kept. */
kg_diagram_opts kg_diagram_opts_default(void);

/** Is @p path's extension one we render (.svg, .png, .pdf, .dot, .gv)? */
int kg_diagram_format_ok(const char *path);

/** A sink that renders to @p path when the stream ends.  The file is
 *  written atomically (temporary name beside it, then rename; removed on
 *  failure).  .dot/.gv hold the graph as DOT text (no layout); .svg, .png
 *  and .pdf are laid out: dot up to 40 entities and 100 edges, sfdp above
 *  (fdp with clusters); straight edges above 200 edges, edge labels only
 *  in tooltips above 1,000.  Layout work is bounded by the cut (see top),
 *  dot's nslimit/mclimit and the force-directed engines' maxiter; many
 *  small components are packed as an array rather than as polyominoes
 *  (which is quadratic).  kg_sink_end() renders and returns KG_ERR_IO
 *  (cannot write), KG_ERR_LIB (Graphviz failed) or KG_SUCCESS; Graphviz's
 *  messages go to @p diags (copied; may be NULL).
 *  Not thread-safe: Graphviz keeps global state, the sink shares one
 *  Graphviz context per process and calls srand(1) before a layout so that
 *  sfdp gives the same drawing every time.  The strings of @p opts are
 *  copied.
 *  @return KG_SUCCESS, or KG_ERR_ARG for an unknown extension, layout or
 *  cluster mode.
 *  Caller owns *sink; free with kg_sink_free(). */
kg_status kg_diagram_sink_new(const char *path, const kg_diagram_opts *opts,
                              const kg_diag_sink *diags, kg_sink **sink);

#ifdef __cplusplus
}
#endif
#endif /* KG_DOT_H */
