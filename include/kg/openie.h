/* SPDX-License-Identifier: MIT
 * kg: open information extraction over the dependency parse. */
#ifndef KG_OPENIE_H
#define KG_OPENIE_H

/* Stage overview
 * --------------
 * Open IE turns one parsed sentence into tuples (relation, arg1, arg2,
 * ...) whose relation and arguments are spans of the sentence, so every
 * piece of text is a token range and its offsets are provenance.  The
 * only words not in the text are marked: the "is" / "has" / "is in" of
 * appositions, possessives and place names (KG_OIE_IMPLICIT) and the "be"
 * of a participle (KG_OIE_IMPLICIT_BE, "a tank [be] founded in 2005").
 * The rules walk the UD tree (tagger.h):
 *
 *   - one tuple per predicate: a verb, or a nominal / adjective with a
 *     copula ("X is the capital of Y"), or a participle modifying a noun
 *     ("an armada preparing to invade England");
 *   - subjects: nsubj, nsubj:pass, csubj; inherited along conj ("X came
 *     and saw Y") and xcomp (control, "X wants to buy Y"); the head noun
 *     of a relative clause stands for its relative pronoun;
 *   - objects: obj, iobj, ccomp; an xcomp verb joins the relation
 *     ("wants to buy"); obl (and the passive agent obl:agent) become
 *     arguments with their preposition, and when there is no object the
 *     first preposition after the verb joins the relation ("was founded
 *     in" 1994);
 *   - appositions ("X, the capital of Y" -> X | is | the capital of Y),
 *     possessives ("X's Y" -> X | has | Y), noun modifiers ("settlers in
 *     the piedmont" -> settlers | [be] in | the piedmont), the last two at
 *     low confidence;
 *   - coordination: conjoined verbs are predicates of their own with the
 *     shared subject; conjoined subjects and first objects are distributed
 *     ("farmers and workers backed Z" -> two tuples);
 *   - relative clauses and appositions are cut out of arguments (they make
 *     tuples of their own); adverbial clauses are trailing arguments as
 *     well as tuples ("taught at X | until he switched to Merck").
 *
 * Tuples come best first.  The confidence is a hand-set score measured
 * against CaRB dev (bench/carb.sh): higher for verbal and passive clauses,
 * longer relations and short subjects; lower for inherited subjects,
 * participles, reported and conditional clauses, long sentences and the
 * implicit relations.
 *
 * A relation or argument is a slot: one or more token ranges (a slot may
 * skip words, e.g. an argument without its relative clause).  Each tuple
 * carries a confidence in [0,1] and factuality flags (negated, modal,
 * future, conditional, reported) for mapping to kg:factuality.
 *
 *     kg_openie *x = kg_openie_new(NULL);
 *     kg_openie_extract(x, analyses, n);        // e.g. doc->words + begin
 *     for (size_t i = 0; i < kg_openie_count(x); i++) {
 *         const kg_oie_tuple *t = kg_openie_tuple(x, i);
 *         size_t ns;
 *         const kg_oie_span *s = kg_openie_spans(x, &t->rel, &ns);
 *         ...                                   // token ranges of the relation
 *         for (size_t k = 0; k < t->n_args; k++) {
 *             const kg_oie_slot *a = kg_openie_arg(x, t, k);
 *             ...
 *         }
 *     }
 *     kg_openie_free(x);
 *
 * kg_openie_write_carb() runs the whole chain (tokenizer, tagger,
 * extractor) on a file of one sentence per line and writes the tab
 * layout of the CaRB benchmark.
 */

#include "kg/status.h"
#include "kg/tagger.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A token range [begin, end) of the sentence (0-based word indices). */
typedef struct kg_oie_span {
    uint32_t begin; ///< first token
    uint32_t end;   ///< one past the last token
} kg_oie_span;

/** What an argument is to its predicate. */
typedef enum kg_oie_role {
    KG_OIE_SUBJ = 0, ///< the subject (arg1); for a passive the patient
    KG_OIE_OBJ,      ///< a direct object, or the argument of a folded preposition
    KG_OIE_IOBJ,     ///< an indirect object
    KG_OIE_OBL,      ///< an oblique with its preposition ("in 1994")
    KG_OIE_AGENT,    ///< the passive "by" agent
    KG_OIE_COMP,     ///< a clausal complement ("that ...") or an xcomp
    KG_OIE_ATTR      ///< the predicate nominal / adjective of a copula or apposition
} kg_oie_role;

/** One slot: a relation or an argument, as token ranges. */
typedef struct kg_oie_slot {
    uint32_t span;    ///< first range, for kg_openie_spans()
    uint32_t n_spans; ///< number of ranges (1 unless words are skipped)
    uint32_t head;    ///< the syntactic head token (0-based)
    uint32_t prep;    ///< the preposition token of an argument, or UINT32_MAX;
                      ///< when role is KG_OIE_OBJ and prep is set, the
                      ///< preposition is part of the relation
    kg_oie_role role; ///< role of an argument (KG_OIE_ATTR for relations)
} kg_oie_slot;

/** What kind of construction made a tuple. */
typedef enum kg_oie_kind {
    KG_OIE_VERB = 0,   ///< a verbal clause (active or passive)
    KG_OIE_COPULA,     ///< "X is (a) Y", "X is in Y"
    KG_OIE_APPOSITION, ///< "X, the capital of Y"
    KG_OIE_PARTICIPLE, ///< "an armada preparing to invade England"
    KG_OIE_POSSESSIVE, ///< "X's Y" -> X | has | Y
    KG_OIE_LOCATED,    ///< "Hillsborough, North Carolina" -> X | is in | Y
    KG_OIE_NOUN_PREP   ///< "settlers in the piedmont" -> X | [be] in | Y
} kg_oie_kind;

/** Factuality and voice flags of a tuple. */
enum {
    KG_OIE_NEGATED = 1 << 0,     ///< "not", "n't", "never"
    KG_OIE_MODAL = 1 << 1,       ///< can, could, may, might, must, should, would
    KG_OIE_FUTURE = 1 << 2,      ///< "will", "be going to"
    KG_OIE_CONDITIONAL = 1 << 3, ///< inside an "if" / "unless" clause
    KG_OIE_REPORTED = 1 << 4,    ///< a complement of a speech or belief verb
    KG_OIE_PASSIVE = 1 << 5,     ///< passive voice
    KG_OIE_INHERITED = 1 << 6,   ///< the subject comes from another clause
    KG_OIE_IMPLICIT = 1 << 7,    ///< the relation is not in the text: "is" for
                                 ///< an apposition, "has" for a possessive
                                 ///< (rel has no ranges; see kg_openie_rel_word())
    KG_OIE_IMPLICIT_BE = 1 << 8  ///< a participle: the relation reads with "be"
                                 ///< before it ("a tank [be] founded in 2005")
};

/** One tuple. */
typedef struct kg_oie_tuple {
    kg_oie_slot rel;   ///< the relation (may be several ranges: "made ... offer on")
    uint32_t arg;      ///< first argument, for kg_openie_arg()
    uint32_t n_args;   ///< number of arguments; the first is the subject
    uint32_t pred;     ///< the predicate token (0-based)
    kg_oie_kind kind;  ///< construction
    unsigned flags;    ///< KG_OIE_* bits
    double confidence; ///< in [0,1]
} kg_oie_tuple;

/** What kg_openie_opts.coordination distributes over. */
enum {
    KG_OIE_COORD_SUBJ = 1 << 0, ///< conjoined subjects: "X and Y came" -> two tuples
    KG_OIE_COORD_OBJ = 1 << 1   ///< conjoined first objects: "saw X and Y" -> two tuples
};

/** Extractor options. */
typedef struct kg_openie_opts {
    int coordination;        ///< KG_OIE_COORD_* bits (default both; proper-noun conjuncts,
                             ///< often one name, are never distributed)
    int appositions;         ///< tuples for appositions (default 1)
    int relcl_in_args;       ///< keep relative clauses inside arguments (default 0)
    int appos_in_args;       ///< keep appositions inside arguments (default 0)
    int min_args;            ///< drop tuples with fewer arguments (default 2)
    int adverbs;             ///< adverbs between auxiliary and verb join the relation (default 1)
    int light_objects;       ///< an object of fewer words than this followed by an oblique
                             ///< joins the relation: "filed charges against" (default 0 = never)
    int detach_pp;           ///< a prepositional modifier of an object (not "of") becomes an
                             ///< oblique of the verb (default 1)
    int share_fronted;       ///< a fronted oblique ("In 1970, X did A and did B") is an
                             ///< argument of every conjoined verb (default 1)
    int adverbial_clauses;   ///< adverbial clauses ("until he left") are arguments too:
                             ///< 0 never, 1 all (default), 2 those with a marker
    int places;              ///< "Name, Name" (a short proper-noun apposition right
                             ///< after a proper noun) reads "is in"; a noun modifier
                             ///< "X in Y" (in, at, from, on, of, for, with) reads
                             ///< "X [be] in Y" at low confidence (default 1)
    int write_be;            ///< kg_openie_write_carb() writes "be " before the relation
                             ///< of a KG_OIE_IMPLICIT_BE tuple and "be" for an implicit
                             ///< "is" (CaRB counts "be" as any form of the verb; default 1)
    size_t max_tuples;       ///< per sentence (default 64)
    const kg_tagger *tagger; ///< the model that made the analyses, to read Penn tags
                             ///< (VBN); borrowed; NULL = guess from UD tags alone
} kg_openie_opts;

/** Default options. */
kg_openie_opts kg_openie_opts_default(void);

/** An extractor with its scratch space and the tuples of the last
 *  sentence.  One extractor serves one thread at a time. */
typedef struct kg_openie kg_openie;

/** New extractor.  @p opts is copied (NULL = defaults).
 *  Caller owns; free with kg_openie_free(). */
kg_openie *kg_openie_new(const kg_openie_opts *opts);

/** Free.  NULL is a no-op. */
void kg_openie_free(kg_openie *x);

/** Extract the tuples of one sentence from its analysis: @p words[0..n)
 *  with heads relative to the sentence (1-based, 0 = root), as
 *  kg_parse_word() or kg_doc.words give them (borrowed, read during the
 *  call only).  Replaces the previous result.
 *  @return KG_SUCCESS (possibly with no tuple), KG_ERR_ARG on a head out
 *          of range. */
kg_status kg_openie_extract(kg_openie *x, const kg_word_analysis *words, size_t n);

/** Number of tuples of the last sentence, best first. */
size_t kg_openie_count(const kg_openie *x);

/** Tuple @p i.  Borrowed; valid until the next kg_openie_extract(). */
const kg_oie_tuple *kg_openie_tuple(const kg_openie *x, size_t i);

/** Argument @p k of tuple @p t (k < t->n_args; 0 is the subject).
 *  Borrowed; valid until the next kg_openie_extract(). */
const kg_oie_slot *kg_openie_arg(const kg_openie *x, const kg_oie_tuple *t, size_t k);

/** The token ranges of slot @p s in text order; their number in *n.
 *  Borrowed; valid until the next kg_openie_extract(). */
const kg_oie_span *kg_openie_spans(const kg_openie *x, const kg_oie_slot *s, size_t *n);

/** The implicit relation of a KG_OIE_IMPLICIT tuple ("is", "has", "is in"),
 *  or NULL.  Static storage. */
const char *kg_openie_rel_word(const kg_oie_tuple *t);

/** Write slot @p s as text: each range is the bytes from its first word's
 *  start to its last word's end (so the text between words is kept as
 *  given), ranges joined by one space.  @p words are the words the
 *  sentence was parsed from (borrowed, pointing into one buffer).
 *  @return 0, or EOF on a write error. */
int kg_openie_write_slot(const kg_openie *x, const kg_oie_slot *s, const kg_word *words, FILE *out);

/** Read @p in, one sentence per line (no sentence splitting; empty lines
 *  are skipped), tokenise, tag and parse each with @p tagger, extract, and
 *  write one line per tuple in CaRB's tab layout:
 *  SENTENCE TAB CONFIDENCE TAB RELATION TAB ARG1 TAB ARG2 ..., where
 *  SENTENCE is the line as given (a trailing CR dropped).  Lines are
 *  read as Penn-Treebank-tokenised text: a detached "'s" stays one word
 *  and ``, '', -LRB- reach the tagger as ", ", (.  When the extractor's
 *  opts.tagger is NULL it is set to @p tagger.
 *  @p name labels diagnostics sent to @p diags (may be NULL); *n_lines
 *  (may be NULL) receives the number of sentences read.
 *  @return KG_SUCCESS, KG_ERR_UTF8 (a line is not valid UTF-8; it is
 *          reported and skipped, the others are written) or KG_ERR_IO. */
kg_status kg_openie_write_carb(kg_openie *x, const kg_tagger *tagger, FILE *in, const char *name,
                               FILE *out, const kg_diag_sink *diags, size_t *n_lines);

#ifdef __cplusplus
}
#endif
#endif /* KG_OPENIE_H */
