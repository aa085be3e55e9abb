/* SPDX-License-Identifier: MIT
 * kg: files in and out: input lists and atomic output files. */
#ifndef KG_IO_H
#define KG_IO_H

/* Stage overview
 * --------------
 * A batch names files, directories (walked recursively, in sorted order,
 * taking files whose name matches a glob: by default "*.txt" and
 * "*.jsonl"), JSON Lines files (one article per line, see below) and "-"
 * for stdin.  Outputs are
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
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/** One input. */
typedef struct kg_input {
    char *path;    ///< path to open ("-" for stdin)
    char *rel;     ///< path relative to the directory argument it came from (for mirroring)
    int jsonl;     ///< 1 if the input holds JSON Lines articles
    uint64_t size; ///< size in bytes when known (regular files), else 0
} kg_input;

/** The inputs of a run. */
typedef struct kg_input_list {
    kg_input *items;  ///< inputs in order
    size_t n;         ///< number of inputs
    size_t cap;       ///< allocated
    size_t missing;   ///< arguments that could not be read (reported)
    const char *glob; ///< set before collecting: names taken from directories
                      ///< (fnmatch patterns separated by commas; NULL = "*.txt,*.jsonl")
    int all_jsonl;    ///< set before collecting: every input is JSON Lines
    int ordered;      ///< set before collecting: a directory's KG_ORDER_FILE
                      ///< puts the files it names first, in its order
} kg_input_list;

/** The file in which kg --output-dir lists the outputs of one JSON Lines
 *  input in line order, one file name a line, beside them
 *  (DIR/REL-WITHOUT-EXTENSION/.kg-order), so that `kg merge` reads them in
 *  the order of the feed rather than of their names. */
#define KG_ORDER_FILE ".kg-order"

/** Expand @p n arguments into inputs, appending to @p list.  A file whose
 *  name ends in ".jsonl" or ".ndjson" is JSON Lines.  Unreadable paths are
 *  reported to @p diags and counted in list->missing.  The list is the
 *  caller's; free with kg_inputs_free(). */
kg_status kg_inputs_collect(char *const *args, size_t n, const kg_diag_sink *diags,
                            kg_input_list *list);

/** Free the items of @p list. */
void kg_inputs_free(kg_input_list *list);

/** The output path for @p rel inside @p dir with its extension replaced
 *  by @p ext ("ttl").  Caller owns; free(). */
char *kg_output_path(const char *dir, const char *rel, const char *ext);

/** The output path of the JSON Lines article @p id read from the input
 *  whose relative path is @p rel: DIR/REL-WITHOUT-EXTENSION/ID.EXT, the id
 *  made safe as a file name (bytes other than letters, digits, '-', '_'
 *  and a non-leading '.' are percent-encoded, so '/' never makes a
 *  directory).  Caller owns; free(). */
char *kg_output_path_id(const char *dir, const char *rel, const char *id, const char *ext);

/** The path of the KG_ORDER_FILE for the JSON Lines input @p rel inside
 *  @p dir.  Caller owns; free(). */
char *kg_output_order_path(const char *dir, const char *rel);

/* JSON Lines
 * ----------
 * One article per line, a JSON object with a string "id" and a string
 * "text", and optionally strings "title", "date" (YYYY-MM-DD, a longer
 * ISO 8601 time is cut to its date), "url" and "source".  Blank lines are
 * skipped.  A line that is not such an object is reported (file, line,
 * column) and skipped; the reader goes on with the next line.
 *
 *     kg_jsonl *r;
 *     kg_jsonl_open("feed.jsonl", 64 << 20, &diags, &r);
 *     kg_jsonl_record rec = {0};
 *     while ((st = kg_jsonl_next(r, &rec)) != KG_FAILURE)
 *         if (st == KG_SUCCESS) ... rec.id, rec.text ...
 *     kg_jsonl_record_clear(&rec);
 *     kg_jsonl_close(r);
 */

/** One JSON Lines article.  Strings owned by the record (malloc'd). */
typedef struct kg_jsonl_record {
    char *id;        ///< the article's id (non-empty)
    char *text;      ///< its text (may hold any bytes JSON can: checked by the reader stage)
    size_t text_len; ///< bytes in text ("\u0000" escapes are kept as NUL bytes)
    char *title;     ///< or NULL
    char *date;      ///< "YYYY-MM-DD", or NULL
    char *url;       ///< or NULL
    char *source;    ///< publisher or agency, or NULL
    uint64_t line;   ///< 1-based line number in the file
    uint64_t offset; ///< byte offset of the line in the file
} kg_jsonl_record;

/** Parse one line (without its newline) into @p rec (cleared first).
 *  @p file and @p line label diagnostics.
 *  @return KG_SUCCESS, KG_FAILURE for a blank line, or KG_ERR_SYNTAX
 *          (reported with line and column). */
kg_status kg_jsonl_parse(const char *buf, size_t len, const char *file, uint64_t line,
                         uint64_t offset, const kg_diag_sink *diags, kg_jsonl_record *rec);

/** Free the strings of @p rec and zero it. */
void kg_jsonl_record_clear(kg_jsonl_record *rec);

/** A JSON Lines reader. */
typedef struct kg_jsonl kg_jsonl;

/** Open @p path ("-" = stdin).  Lines longer than @p max_line bytes are
 *  reported and skipped without being held in memory (0 = no limit).
 *  @return KG_SUCCESS or KG_ERR_IO (reported).  Caller owns *out; close
 *  with kg_jsonl_close(). */
kg_status kg_jsonl_open(const char *path, size_t max_line, const kg_diag_sink *diags,
                        kg_jsonl **out);

/** The next article.  @return KG_SUCCESS (a record in @p rec), KG_FAILURE
 *  at the end, KG_ERR_SYNTAX or KG_ERR_TOO_BIG for a bad line (reported;
 *  call again for the next one), KG_ERR_IO for a read error (reported). */
kg_status kg_jsonl_next(kg_jsonl *r, kg_jsonl_record *rec);

/** Bytes read so far. */
uint64_t kg_jsonl_tell(const kg_jsonl *r);

/** Close (stdin is not closed).  NULL is a no-op. */
void kg_jsonl_close(kg_jsonl *r);

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
