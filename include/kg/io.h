/* SPDX-License-Identifier: MIT
 * kg: files in and out: input lists and atomic output files. */
#ifndef KG_IO_H
#define KG_IO_H

/* Stage overview
 * --------------
 * A batch names files, directories (walked recursively, in sorted order,
 * taking files whose name ends in ".txt") and "-" for stdin.  Outputs are
 * written to a temporary file beside the target and renamed over it when
 * complete, so that a killed run never leaves a half-written file:
 *
 *     kg_input_list in;
 *     kg_inputs_collect(argv + i, argc - i, &diags, &in);   // missing paths reported
 *     for (size_t k = 0; k < in.n; k++) ... in.items[k].path ...
 *     kg_inputs_free(&in);
 *
 *     kg_outfile *of;
 *     kg_outfile_open("out/a.ttl", &diags, &of);   // creates out/ if needed
 *     fputs("...", kg_outfile_stream(of));
 *     st = kg_outfile_commit(of);                  // or kg_outfile_abort(of)
 */

#include "kg/status.h"

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/** One input. */
typedef struct kg_input {
    char *path; ///< path to open ("-" for stdin)
    char *rel;  ///< path relative to the directory argument it came from (for mirroring)
} kg_input;

/** The inputs of a run. */
typedef struct kg_input_list {
    kg_input *items; ///< inputs in order
    size_t n;        ///< number of inputs
    size_t cap;      ///< allocated
    size_t missing;  ///< arguments that could not be read (reported)
} kg_input_list;

/** Expand @p n arguments into inputs.  Unreadable paths are reported to
 *  @p diags and counted in list->missing.  The list is the caller's; free
 *  with kg_inputs_free(). */
kg_status kg_inputs_collect(char *const *args, size_t n, const kg_diag_sink *diags,
                            kg_input_list *list);

/** Free the items of @p list. */
void kg_inputs_free(kg_input_list *list);

/** The output path for @p rel inside @p dir with its extension replaced
 *  by @p ext ("ttl").  Caller owns; free(). */
char *kg_output_path(const char *dir, const char *rel, const char *ext);

/** An output file written atomically. */
typedef struct kg_outfile kg_outfile;

/** Open a temporary file beside @p path (making missing directories).
 *  @return KG_SUCCESS or KG_ERR_IO (reported). */
kg_status kg_outfile_open(const char *path, const kg_diag_sink *diags, kg_outfile **out);

/** The stream to write to.  Borrowed. */
FILE *kg_outfile_stream(kg_outfile *of);

/** Flush, close and rename over the target; frees @p of.
 *  @return KG_SUCCESS or KG_ERR_IO (reported; the temporary is removed). */
kg_status kg_outfile_commit(kg_outfile *of);

/** Close and remove the temporary; frees @p of.  NULL is a no-op. */
void kg_outfile_abort(kg_outfile *of);

#ifdef __cplusplus
}
#endif
#endif /* KG_IO_H */
