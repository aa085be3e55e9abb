/* SPDX-License-Identifier: MIT
 * kg: reading articles. */
#ifndef KG_TEXT_H
#define KG_TEXT_H

/* Stage overview
 * --------------
 * The reader turns bytes into a kg_article: validated UTF-8 without NUL
 * bytes, normalised to NFC (utf8proc), with the news header recognised
 * where present:
 *
 *     date 2024-11-21 China's leading industrial park aims for ...   <- header line
 *
 *     November 21, 2024                                               <- date line
 *
 *     BEIJING, Nov. 21 (Xinhua) -- China has pledged to ...           <- dateline
 *
 * Every offset in libkg is a byte offset into kg_article.text (the NFC
 * text, which is also what provenance refers to); kg_article_char_offset()
 * converts one to a code-point offset for nif:beginIndex.
 *
 * What the reader changes, in this order:
 *   - checks: size limit, NUL bytes (KG_ERR_BINARY), strict UTF-8
 *     (KG_ERR_UTF8: overlong forms, surrogates and code points above
 *     U+10FFFF are rejected), with line, column and byte offset of the
 *     offending byte IN THE INPUT;
 *   - drops a leading UTF-8 BOM;
 *   - normalises line ends: CRLF and a lone CR become LF, so text holds
 *     only LF line breaks (offsets refer to this normalised text);
 *   - NFC (utf8proc_map STABLE|COMPOSE), skipped for pure ASCII input;
 *   - rejects input that is empty or only white space (KG_ERR_EMPTY).
 *
 * Header recognition is conservative and every part is optional: the
 * "date YYYY-MM-DD Title" line (leading spaces allowed), else a short
 * first line followed by a blank line as the title; then a date line
 * ("November 21, 2024", "Nov. 21, 2024", "21 November 2024",
 * "2024-11-21", optionally after a weekday); then a dateline at the start
 * of the first body paragraph ("BEIJING, Nov. 21 (Xinhua) --",
 * "WASHINGTON (Reuters) -", "LONDON, March 3 (AP) —"; without an agency
 * only an upper-case place counts: "NEW YORK —").  When nothing is
 * recognised body_off is 0 and all header fields are NULL.
 *
 *     kg_reader_opts o = kg_reader_opts_default();
 *     kg_article *a;
 *     kg_status st = kg_article_read_file("news.txt", &o, &diags, &a);
 *     if (st == KG_SUCCESS) { use a->text, a->title, ...; kg_article_free(a); }
 *
 * The chunked interface feeds bytes as they come (a socket, a pipe):
 *
 *     kg_reader *r = kg_reader_new("stdin", &o, &diags);
 *     while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) kg_reader_feed(r, buf, n);
 *     st = kg_reader_finish(r, &a);
 *     kg_reader_free(r);
 */

#include "kg/status.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A byte span into kg_article.text; len 0 means absent. */
typedef struct kg_span {
    uint32_t off; ///< byte offset
    uint32_t len; ///< byte length
} kg_span;

/** One article.  All strings owned by the article, NUL-terminated UTF-8. */
typedef struct kg_article {
    char *name;            ///< source: file path, "-" for stdin, or a record id
    char *text;            ///< the whole text, NFC; NUL-terminated
    size_t len;            ///< bytes in text, without the NUL
    size_t body_off;       ///< where the body starts (after header lines and dateline)
    char *date;            ///< publication date "YYYY-MM-DD", or NULL
    char *title;           ///< headline, or NULL
    char *dateline;        ///< dateline place as written ("BEIJING"), or NULL
    char *agency;          ///< agency of the dateline ("Xinhua"), or NULL
    kg_span title_span;    ///< where the headline is in text
    kg_span dateline_span; ///< where the dateline place is in text
    kg_span agency_span;   ///< where the agency is in text
    kg_span date_span;     ///< where the date (header or date line) is in text
    char *url;             ///< where the article was published (given with JSON Lines), or NULL
    /* Private to the reader (zero them in a hand-built article: char
     * offsets are then counted from the start of the text). */
    uint32_t *char_index; ///< code points before each 64-byte block of text, or NULL
    int ascii;            ///< non-zero when text is pure ASCII (char offset = byte offset)
} kg_article;

/** Reader options. */
typedef struct kg_reader_opts {
    size_t max_bytes; ///< larger inputs fail with KG_ERR_TOO_BIG (default 64 MiB; 0 = no limit)
    int no_header;    ///< do not look for a header, date line or dateline
} kg_reader_opts;

/** Default options. */
kg_reader_opts kg_reader_opts_default(void);

/** Make an article from memory.  @p name is copied.  Errors (invalid
 *  UTF-8 with line, column and byte offset; NUL bytes; empty input; too
 *  big) are reported through @p diags and returned.
 *  @param out receives the article; caller owns, free with kg_article_free().
 *  @return KG_SUCCESS, KG_ERR_UTF8, KG_ERR_BINARY, KG_ERR_EMPTY or KG_ERR_TOO_BIG. */
kg_status kg_article_from_memory(const char *name, const char *buf, size_t len,
                                 const kg_reader_opts *opts, const kg_diag_sink *diags,
                                 kg_article **out);

/** Read a whole file ("-" = stdin).  As kg_article_from_memory(), plus
 *  KG_ERR_IO for unreadable paths and directories (the message names the
 *  path and gives strerror()).  Reading stops as soon as max_bytes is
 *  passed.  @p opts may be NULL (defaults). */
kg_status kg_article_read_file(const char *path, const kg_reader_opts *opts,
                               const kg_diag_sink *diags, kg_article **out);

/** Free.  NULL is a no-op. */
void kg_article_free(kg_article *article);

/** Code-point offset of byte offset @p byte_off in the article text
 *  (clamped to len).  O(1) for ASCII text; otherwise a per-64-byte index
 *  built by the reader bounds each call to 63 bytes of counting, in any
 *  order of calls and without mutating the article (thread-safe). */
size_t kg_article_char_offset(const kg_article *article, size_t byte_off);

/** Chunked reader state. */
typedef struct kg_reader kg_reader;

/** New chunked reader for a source called @p name.  Caller owns; free
 *  with kg_reader_free(). */
kg_reader *kg_reader_new(const char *name, const kg_reader_opts *opts, const kg_diag_sink *diags);

/** Feed @p len more bytes (copied; chunk borders may fall anywhere, even
 *  inside a code point or a CRLF pair).  @return KG_SUCCESS or
 *  KG_ERR_TOO_BIG (reported once; later feeds keep failing). */
kg_status kg_reader_feed(kg_reader *reader, const char *buf, size_t len);

/** Finish: validate and normalise everything fed, exactly as
 *  kg_article_from_memory() would for the concatenated bytes.
 *  @param out receives the article (caller owns) or NULL on error. */
kg_status kg_reader_finish(kg_reader *reader, kg_article **out);

/** Free.  NULL is a no-op. */
void kg_reader_free(kg_reader *reader);

#ifdef __cplusplus
}
#endif
#endif /* KG_TEXT_H */
