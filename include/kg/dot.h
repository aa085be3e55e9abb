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

#ifdef __cplusplus
extern "C" {
#endif

/** Options of a diagram. */
typedef struct kg_diagram_opts {
    const char *layout;    ///< Graphviz engine ("dot", "sfdp", ...), or NULL to choose by size
    size_t top;            ///< keep only the N entities of highest degree; 0 = all
    double min_confidence; ///< drop facts below this confidence
    const char *title;     ///< graph label; NULL = from the article's headline and date
} kg_diagram_opts;

/** Default options: automatic layout, everything shown.  A fact without a
 *  kg:confidence counts as certain; a direct triple all of whose facts fall
 *  under min_confidence is dropped, one without any fact is kept. */
kg_diagram_opts kg_diagram_opts_default(void);

/** Is @p path's extension one we render (.svg, .png, .pdf, .dot, .gv)? */
int kg_diagram_format_ok(const char *path);

/** A sink that renders to @p path when the stream ends.  The file is
 *  written atomically (temporary name beside it, then rename; removed on
 *  failure).  .dot/.gv hold the graph as DOT text (no layout); .svg, .png
 *  and .pdf are laid out: dot up to 300 entities and 600 edges (straight
 *  edges above 200), sfdp above.  kg_sink_end() renders and returns
 *  KG_ERR_IO (cannot write), KG_ERR_LIB (Graphviz failed) or KG_SUCCESS;
 *  Graphviz's messages go to @p diags (copied; may be NULL).
 *  Not thread-safe: Graphviz keeps global state, the sink shares one
 *  Graphviz context per process and calls srand(1) before a layout so that
 *  sfdp gives the same drawing every time.
 *  @return KG_SUCCESS, or KG_ERR_ARG for an unknown extension or layout.
 *  Caller owns *sink; free with kg_sink_free(). */
kg_status kg_diagram_sink_new(const char *path, const kg_diagram_opts *opts,
                              const kg_diag_sink *diags, kg_sink **sink);

#ifdef __cplusplus
}
#endif
#endif /* KG_DOT_H */
