/* SPDX-License-Identifier: MIT
 * kg: reading and writing CoNLL-U (Universal Dependencies) sentences. */
#ifndef KG_CONLLU_H
#define KG_CONLLU_H

/* Stage overview
 * --------------
 * CoNLL-U is the Universal Dependencies exchange format: one word per line,
 * ten TAB-separated columns, comment lines starting with '#', and a blank
 * line after each sentence.  The reader is a pull iterator over sentences;
 * the words of a sentence (ID 1..n) are what the tagger analyses, while
 * multi-word token range lines ("3-4") and empty nodes ("8.1") are kept
 * verbatim so that the writer can print them back in place.
 *
 *     kg_conllu_reader *r = kg_conllu_reader_new(stdin, "-", &sink);
 *     const kg_conllu_sentence *s;
 *     kg_status st;
 *     while ((st = kg_conllu_reader_next(r, &s)) == KG_SUCCESS) {
 *         kg_tagger_parse(tg, s->words, s->n_words, p);
 *         kg_conllu_write_sentence(stdout, tg, s, p);
 *     }
 *     // st is KG_FAILURE at the end, an error otherwise
 *     kg_conllu_reader_free(r);
 */

#include "kg/status.h"
#include "kg/tagger.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The ten columns of one word line (ID 1..n).  Strings are NUL-terminated
 *  and borrowed from the sentence; "_" is kept as "_". */
typedef struct kg_conllu_token {
    const char *lemma;  ///< LEMMA column
    const char *upos;   ///< UPOS column
    const char *xpos;   ///< XPOS column
    const char *feats;  ///< FEATS column
    const char *deprel; ///< DEPREL column
    const char *deps;   ///< DEPS column
    const char *misc;   ///< MISC column
    uint32_t head;      ///< HEAD (0 = root); UINT32_MAX when the column is "_"
    int space_after;    ///< 0 when MISC holds SpaceAfter=No, else 1
} kg_conllu_token;

/** A line that is not a word: a multi-word token range ("3-4\tdon't...") or
 *  an empty node ("8.1\t...").  Printed back verbatim before word @c before. */
typedef struct kg_conllu_extra {
    size_t before;    ///< 0-based index of the word this line precedes
    const char *line; ///< the whole line, no newline; borrowed
} kg_conllu_extra;

/** One sentence.  Everything is borrowed from the reader and valid until the
 *  next kg_conllu_reader_next() or kg_conllu_reader_free(). */
typedef struct kg_conllu_sentence {
    const char *const *comments;   ///< comment lines, each including the '#'
    size_t n_comments;             ///< number of comment lines
    const kg_word *words;          ///< FORM of each word (ID 1..n)
    const kg_conllu_token *tokens; ///< the other columns, parallel to words
    size_t n_words;                ///< number of words
    const kg_conllu_extra *extra;  ///< range lines and empty nodes, in order
    size_t n_extra;                ///< number of such lines
    uint64_t line;                 ///< 1-based line number of the first line
} kg_conllu_sentence;

/** A CoNLL-U reader. */
typedef struct kg_conllu_reader kg_conllu_reader;

/** New reader over @p in (borrowed, not closed).  @p name labels
 *  diagnostics ("-" for stdin; copied).  @p sink receives KG_ERR_SYNTAX
 *  diagnostics with line numbers (borrowed for the reader's life; NULL
 *  drops them).  Caller owns; free with kg_conllu_reader_free(). */
kg_conllu_reader *kg_conllu_reader_new(FILE *in, const char *name, const kg_diag_sink *sink);

/** New reader over a buffer of @p len bytes (copied).  Otherwise as
 *  kg_conllu_reader_new(). */
kg_conllu_reader *kg_conllu_reader_new_buffer(const char *buf, size_t len, const char *name,
                                              const kg_diag_sink *sink);

/** Read the next sentence.
 *  @param out receives the sentence; borrowed until the next call.
 *  @return KG_SUCCESS, KG_FAILURE at the end of input, KG_ERR_SYNTAX for a
 *  malformed line (reported through the sink with its line number; the
 *  reader skips to the next blank line, so reading may go on), or
 *  KG_ERR_IO. */
kg_status kg_conllu_reader_next(kg_conllu_reader *reader, const kg_conllu_sentence **out);

/** Free a reader.  NULL is a no-op. */
void kg_conllu_reader_free(kg_conllu_reader *reader);

/** What kg_conllu_write() prints for one sentence.  All borrowed. */
typedef struct kg_conllu_out {
    const char *const *comments;      ///< comment lines (with '#'), or NULL
    size_t n_comments;                ///< number of comments
    const kg_word *words;             ///< the words (FORM)
    size_t n_words;                   ///< must equal kg_parse_size()
    const unsigned char *space_after; ///< per word 0 = SpaceAfter=No; NULL = unknown
    const kg_conllu_extra *extra;     ///< lines to print verbatim, or NULL
    size_t n_extra;                   ///< number of extra lines
} kg_conllu_out;

/** Print one sentence as CoNLL-U to @p out: comments, then for each word
 *  ID, FORM, LEMMA, UPOS, XPOS, FEATS "_", HEAD, DEPREL, DEPS "_" and MISC
 *  ("SpaceAfter=No" where known, else "_"), then a blank line.  @p tagger
 *  names the XPOS tags.
 *  @return KG_SUCCESS, KG_ERR_ARG (size mismatch) or KG_ERR_IO. */
kg_status kg_conllu_write(FILE *out, const kg_tagger *tagger, const kg_conllu_out *sentence,
                          const kg_parse *parse);

/** Print a sentence read by the reader with the analysis @p parse in place
 *  of its LEMMA, UPOS, XPOS, HEAD and DEPREL (comments, range lines, empty
 *  nodes and SpaceAfter=No kept).  Same returns as kg_conllu_write(). */
kg_status kg_conllu_write_sentence(FILE *out, const kg_tagger *tagger,
                                   const kg_conllu_sentence *sentence, const kg_parse *parse);

#ifdef __cplusplus
}
#endif
#endif /* KG_CONLLU_H */
