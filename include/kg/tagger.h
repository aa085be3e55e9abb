/* SPDX-License-Identifier: MIT
 * kg: part-of-speech tagging, lemmatisation and dependency parsing. */
#ifndef KG_TAGGER_H
#define KG_TAGGER_H

/* Stage overview
 * --------------
 * The tagger stage turns the words of one sentence into a Universal
 * Dependencies analysis: UPOS and XPOS tags, a lemma, and a dependency tree
 * with UD relation labels.  The model is trained on UD English-EWT
 * (CC BY-SA 4.0); the default model is embedded in libkg so that nothing
 * needs configuring.
 *
 * The model is read-only after loading: one kg_tagger can serve many
 * threads, each with its own kg_parse scratch.
 *
 *     kg_tagger *tg;
 *     if (kg_tagger_default(&tg) != KG_SUCCESS) ...
 *     kg_parse *p = kg_parse_new();
 *     kg_word words[] = {{"China", 5}, {"supports", 8}, {"it", 2}, {".", 1}};
 *     kg_tagger_parse(tg, words, 4, p);
 *     for (size_t i = 0; i < kg_parse_size(p); i++) {
 *         const kg_word_analysis *a = kg_parse_word(p, i);
 *         printf("%s %s %u %s\n", kg_upos_name(a->upos), a->lemma, a->head,
 *                kg_deprel_name(a->deprel));
 *     }
 *     kg_parse_free(p);
 *     kg_tagger_free(tg);
 */

#include "kg/status.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Universal part-of-speech tags (UD v2), in this fixed order. */
typedef enum kg_upos {
    KG_UPOS_X = 0, ///< other / unknown (also the "no tag" value)
    KG_UPOS_ADJ,
    KG_UPOS_ADP,
    KG_UPOS_ADV,
    KG_UPOS_AUX,
    KG_UPOS_CCONJ,
    KG_UPOS_DET,
    KG_UPOS_INTJ,
    KG_UPOS_NOUN,
    KG_UPOS_NUM,
    KG_UPOS_PART,
    KG_UPOS_PRON,
    KG_UPOS_PROPN,
    KG_UPOS_PUNCT,
    KG_UPOS_SCONJ,
    KG_UPOS_SYM,
    KG_UPOS_VERB,
    KG_UPOS_COUNT
} kg_upos;

/** UD dependency relations as used by UD English-EWT 2.16, in this fixed
 *  order.  Subtypes are their own values. */
typedef enum kg_deprel {
    KG_DEP_DEP = 0, ///< unspecified (also the "no label" value)
    KG_DEP_ACL,
    KG_DEP_ACL_RELCL,
    KG_DEP_ADVCL,
    KG_DEP_ADVCL_RELCL,
    KG_DEP_ADVMOD,
    KG_DEP_AMOD,
    KG_DEP_APPOS,
    KG_DEP_AUX,
    KG_DEP_AUX_PASS,
    KG_DEP_CASE,
    KG_DEP_CC,
    KG_DEP_CC_PRECONJ,
    KG_DEP_CCOMP,
    KG_DEP_COMPOUND,
    KG_DEP_COMPOUND_PRT,
    KG_DEP_CONJ,
    KG_DEP_COP,
    KG_DEP_CSUBJ,
    KG_DEP_CSUBJ_OUTER,
    KG_DEP_CSUBJ_PASS,
    KG_DEP_DET,
    KG_DEP_DET_PREDET,
    KG_DEP_DISCOURSE,
    KG_DEP_DISLOCATED,
    KG_DEP_EXPL,
    KG_DEP_FIXED,
    KG_DEP_FLAT,
    KG_DEP_GOESWITH,
    KG_DEP_IOBJ,
    KG_DEP_LIST,
    KG_DEP_MARK,
    KG_DEP_NMOD,
    KG_DEP_NMOD_DESC,
    KG_DEP_NMOD_POSS,
    KG_DEP_NMOD_UNMARKED,
    KG_DEP_NSUBJ,
    KG_DEP_NSUBJ_OUTER,
    KG_DEP_NSUBJ_PASS,
    KG_DEP_NUMMOD,
    KG_DEP_OBJ,
    KG_DEP_OBL,
    KG_DEP_OBL_AGENT,
    KG_DEP_OBL_UNMARKED,
    KG_DEP_ORPHAN,
    KG_DEP_PARATAXIS,
    KG_DEP_PUNCT,
    KG_DEP_REPARANDUM,
    KG_DEP_ROOT,
    KG_DEP_VOCATIVE,
    KG_DEP_XCOMP,
    KG_DEP_COUNT
} kg_deprel;

/** One input word: a slice of the caller's text.  Borrowed. */
typedef struct kg_word {
    const char *ptr; ///< UTF-8 bytes, not NUL-terminated
    size_t len;      ///< length in bytes
} kg_word;

/** The analysis of one word. */
typedef struct kg_word_analysis {
    kg_upos upos;      ///< universal POS tag
    uint16_t xpos;     ///< Penn Treebank tag, as an index for kg_xpos_name()
    kg_deprel deprel;  ///< relation to the head
    uint32_t head;     ///< 0 for the root, else the 1-based index of the head word
    const char *lemma; ///< NUL-terminated lemma; borrowed from the kg_parse
                       ///< (valid until its next use) or the model
} kg_word_analysis;

/** A trained model (tagger, lemmatiser, parser).  Opaque, read-only once
 *  loaded, shareable between threads. */
typedef struct kg_tagger kg_tagger;

/** Per-thread scratch space and the result of one kg_tagger_parse(). */
typedef struct kg_parse kg_parse;

/** Load the model embedded in libkg.
 *  @param out receives the model; caller owns, free with kg_tagger_free().
 *  @return KG_SUCCESS, or KG_ERR_MODEL if the embedded model is corrupt. */
kg_status kg_tagger_default(kg_tagger **out);

/** Load a model file (one that `tagger_train`, `make model` or `make
 *  model-beam` wrote), mapped, not copied.
 *  @return KG_SUCCESS, KG_ERR_IO (unreadable) or KG_ERR_MODEL (bad format,
 *  or a format other than kg_tagger_format()). */
kg_status kg_tagger_load(const char *path, kg_tagger **out);

/** The model format this libkg reads (a number that grows when the
 *  model file changes shape). */
unsigned kg_tagger_format(void);

/** The format number in the header of the model file at @p path, or 0 when
 *  it is unreadable or does not start as a kg model: with
 *  kg_tagger_format(), it tells a model of another version from a damaged
 *  file. */
unsigned kg_tagger_file_format(const char *path);

/** Set the beam width of the parser: 0 parses greedily (the default for
 *  the embedded model), K >= 1 keeps the K best partial parses at each
 *  step (about K times slower; K = 1 gives the greedy parse; sentences
 *  over 300 words stay greedy).
 *  A model trained with a beam (`tagger_train --beam K`) starts with the
 *  width it was trained with.  Widths above 64 are taken as 64.  Not
 *  thread-safe: set it before sharing the model between threads.
 *  NULL is a no-op. */
void kg_tagger_set_beam(kg_tagger *tagger, unsigned width);

/** The parser's beam width (0: greedy; see kg_tagger_set_beam()).  NULL: 0. */
unsigned kg_tagger_beam(const kg_tagger *tagger);

/** Free a model.  NULL is a no-op. */
void kg_tagger_free(kg_tagger *tagger);

/** New empty scratch.  Caller owns; free with kg_parse_free(). */
kg_parse *kg_parse_new(void);

/** Free scratch.  NULL is a no-op. */
void kg_parse_free(kg_parse *parse);

/** Tag, lemmatise and parse one sentence of @p n words into @p out.
 *  Sentences longer than the model's limit are parsed in bounded time (a
 *  chunked fallback), never quadratically.
 *  @return KG_SUCCESS; KG_ERR_ARG when n is 0. */
kg_status kg_tagger_parse(const kg_tagger *tagger, const kg_word *words, size_t n, kg_parse *out);

/** Tag and lemmatise only (no tree: head 0, deprel KG_DEP_DEP). */
kg_status kg_tagger_tag(const kg_tagger *tagger, const kg_word *words, size_t n, kg_parse *out);

/** Number of words in the last result. */
size_t kg_parse_size(const kg_parse *parse);

/** Analysis of word @p i (0-based) of the last result.  Borrowed; valid
 *  until the next call with @p parse. */
const kg_word_analysis *kg_parse_word(const kg_parse *parse, size_t i);

/** Name of a UPOS tag ("NOUN").  Static storage. */
const char *kg_upos_name(kg_upos upos);
/** Name of a relation ("nsubj:pass").  Static storage. */
const char *kg_deprel_name(kg_deprel rel);
/** Penn tag of an xpos index ("NNP"), or "_" when out of range. */
const char *kg_xpos_name(const kg_tagger *tagger, uint16_t xpos);
/** UPOS value from its name; KG_UPOS_X when unknown. */
kg_upos kg_upos_from_name(const char *name, size_t len);
/** Relation value from its name; KG_DEP_DEP when unknown. */
kg_deprel kg_deprel_from_name(const char *name, size_t len);

#ifdef __cplusplus
}
#endif
#endif /* KG_TAGGER_H */
