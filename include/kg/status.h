/* SPDX-License-Identifier: MIT
 * kg: status codes, diagnostics and allocation shared by every stage. */
#ifndef KG_STATUS_H
#define KG_STATUS_H

/* Every libkg function that can fail returns a kg_status; results come back
 * through out-parameters.  KG_SUCCESS is zero, KG_FAILURE is the non-fatal
 * "nothing more" (end of input for the pull iterators), everything else is
 * an error.
 *
 *     kg_status st;
 *     TRY(st, kg_reader_read_file(path, &opts, &article));
 *
 * Located diagnostics (a file, a line, a byte offset) go through a
 * kg_diag_sink so that a library user can collect them instead of seeing
 * them on stderr.  kg_diag_print() is the default printer:
 *
 *     kg: examples/bad.txt:3:17: error: invalid UTF-8 byte 0xff
 */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Result of a libkg call. */
typedef enum kg_status {
    KG_SUCCESS = 0,     ///< done
    KG_FAILURE = 1,     ///< non-fatal: end of input, nothing found
    KG_ERR_NOMEM = 2,   ///< out of memory (kg_xmalloc aborts instead)
    KG_ERR_IO = 3,      ///< a read or write failed
    KG_ERR_UTF8 = 4,    ///< input is not valid UTF-8
    KG_ERR_BINARY = 5,  ///< input holds NUL bytes or looks binary
    KG_ERR_EMPTY = 6,   ///< input holds no text
    KG_ERR_TOO_BIG = 7, ///< input exceeds a configured limit
    KG_ERR_SYNTAX = 8,  ///< malformed structured input (CoNLL-U, JSON, RDF, lexicon)
    KG_ERR_ARG = 9,     ///< a bad argument or option value
    KG_ERR_MODEL = 10,  ///< the tagger/parser model is missing or corrupt
    KG_ERR_LIB = 11,    ///< a library (raptor2, Graphviz, utf8proc) reported an error
    KG_ERR_INTERNAL = 12
} kg_status;

/** Evaluate @p expr into @p st and return it from the caller on any status
 *  other than KG_SUCCESS. */
#define TRY(st, expr)                                                                              \
    do {                                                                                           \
        if (((st) = (expr)) != KG_SUCCESS) return (st);                                            \
    } while (0)

/** A short English description of @p st.  Borrowed; static storage. */
const char *kg_strerror(kg_status st);

/** Severity of a diagnostic. */
typedef enum kg_severity { KG_NOTE, KG_WARNING, KG_ERROR } kg_severity;

/** One located diagnostic.  All pointers are borrowed for the duration of
 *  the sink call only. */
typedef struct kg_diag {
    kg_severity severity; ///< note, warning or error
    kg_status status;     ///< the status the error maps to (KG_SUCCESS for notes)
    const char *file;     ///< file name, "-" for stdin, or NULL
    uint64_t line;        ///< 1-based line, or 0 when unknown
    uint64_t col;         ///< 1-based column in bytes, or 0 when unknown
    uint64_t offset;      ///< byte offset into the input, or UINT64_MAX when unknown
    const char *message;  ///< the message, no trailing newline
} kg_diag;

/** Receives diagnostics.  @p handle is the user's pointer. */
typedef void (*kg_diag_fn)(void *handle, const kg_diag *diag);

/** A diagnostic sink: a function and its handle.  A NULL fn drops
 *  diagnostics. */
typedef struct kg_diag_sink {
    kg_diag_fn fn; ///< called once per diagnostic
    void *handle;  ///< passed back to fn
} kg_diag_sink;

/** The default printer: writes "kg: FILE:LINE:COL: error: MESSAGE" to the
 *  FILE * in @p handle (stderr when NULL). */
void kg_diag_print(void *handle, const kg_diag *diag);

/** Report a formatted diagnostic through @p sink (no-op when sink or its fn
 *  is NULL). */
void kg_diag_report(const kg_diag_sink *sink, kg_severity sev, kg_status st, const char *file,
                    uint64_t line, uint64_t col, uint64_t offset, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 8, 9)))
#endif
    ;

/** malloc that aborts with a message on failure.  Caller owns; free(). */
void *kg_xmalloc(size_t size);
/** calloc that aborts on failure.  Caller owns; free(). */
void *kg_xcalloc(size_t n, size_t size);
/** realloc that aborts on failure.  Caller owns; free(). */
void *kg_xrealloc(void *ptr, size_t size);
/** strndup that aborts on failure.  Caller owns; free(). */
char *kg_xstrndup(const char *s, size_t len);

/** Grow a dynamic array: ensure (*items) has room for @p need elements of
 *  @p size bytes, doubling *cap.  Aborts on overflow or out of memory. */
void kg_grow(void **items, size_t *cap, size_t need, size_t size);

#ifdef __cplusplus
}
#endif
#endif /* KG_STATUS_H */
