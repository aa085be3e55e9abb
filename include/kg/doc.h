/* SPDX-License-Identifier: MIT
 * kg: the analysed document that the stages share. */
#ifndef KG_DOC_H
#define KG_DOC_H

/* Stage overview
 * --------------
 * A kg_doc carries one article through the pipeline.  Each stage fills in
 * its part and the later stages read it:
 *
 *     reader     kg_article          text.h
 *     text       tokens, sentences   token.h, sentence.h   kg_doc_new()
 *     tagger     words[]             tagger.h              kg_doc_tag()
 *     entities   mentions, entities  entity.h              kg_entities_find()
 *     coref      mention -> entity   coref.h               kg_coref_resolve()
 *     relations  facts               extract.h             kg_extract_relations()
 *     graph      statements          graph.h               kg_graph_emit()
 *
 * Everything is indexed, never pointed to: tokens by index into tokens[],
 * mentions by index into mentions[], entities by index into the graph.
 */

#include "kg/graph.h"
#include "kg/sentence.h"
#include "kg/status.h"
#include "kg/tagger.h"
#include "kg/text.h"
#include "kg/token.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** What a mention is. */
typedef enum kg_mention_kind {
    KG_MENTION_NAME = 0,    ///< a proper name ("Suzhou Industrial Park")
    KG_MENTION_ACRONYM,     ///< an acronym ("MOFCOM")
    KG_MENTION_DEMONYM,     ///< a demonym or adjective ("Singaporean")
    KG_MENTION_DESCRIPTION, ///< a definite description ("the park")
    KG_MENTION_PRONOUN,     ///< a pronoun ("It")
    KG_MENTION_AGENCY       ///< the dateline's agency or place
} kg_mention_kind;

/** One mention of an entity: a token range of one sentence. */
typedef struct kg_mention {
    uint32_t sent;        ///< sentence index
    uint32_t tok_begin;   ///< first token
    uint32_t tok_end;     ///< one past the last token
    kg_mention_kind kind; ///< name, acronym, demonym, description, pronoun
    kg_class cls;         ///< class evidence of this mention
    size_t entity;        ///< graph entity, or SIZE_MAX while unresolved
    double confidence;    ///< confidence of the link mention -> entity
    uint32_t title_begin; ///< tokens of a title or role before the name
    uint32_t title_end;   ///< ("German Chancellor"); equal when none
} kg_mention;

/** The analysed document.  Owns everything but the article. */
typedef struct kg_doc {
    const kg_article *article; ///< borrowed
    kg_token *tokens;          ///< tokens of the body
    size_t n_tokens;           ///< number of tokens
    kg_sentence *sents;        ///< sentences
    size_t n_sents;            ///< number of sentences
    kg_word_analysis *words;   ///< per token analysis (heads sentence-relative), or NULL
    const kg_tagger *tagger;   ///< the model that made words (for tag names), or NULL
    char *lemma_pool;          ///< storage of lemmas that are not in the model
    size_t lemma_pool_len;     ///< bytes used
    size_t lemma_pool_cap;     ///< bytes allocated
    kg_mention *mentions;      ///< mentions in text order
    size_t n_mentions;         ///< number of mentions
    size_t cap_mentions;       ///< allocated
    int32_t *tok_mention;      ///< per token: the mention covering it, or -1
    kg_graph *graph;           ///< the article's graph
} kg_doc;

/** Tokenise and split the body of @p article (borrowed; must outlive the
 *  doc) and make an empty graph with entity base @p base (NULL = default).
 *  @p max_sentence_tokens cuts longer sentences (0 = default).
 *  Caller owns; free with kg_doc_free(). */
kg_doc *kg_doc_new(const kg_article *article, const char *base, size_t max_sentence_tokens);

/** Free.  NULL is a no-op. */
void kg_doc_free(kg_doc *doc);

/** The words of sentence @p s as slices of the article, for the tagger:
 *  written to *w, grown as needed (*cap elements; caller owns, free()).
 *  @return the number of words. */
size_t kg_doc_sentence_words(const kg_doc *doc, size_t s, kg_word **w, size_t *cap);

/** Tag and parse every sentence with @p tagger, using @p scratch.
 *  @return KG_SUCCESS or the tagger's error. */
kg_status kg_doc_tag(kg_doc *doc, const kg_tagger *tagger, kg_parse *scratch);

/** Text of token @p i (not NUL-terminated); its length in *len. */
static inline const char *kg_doc_tok(const kg_doc *doc, size_t i, size_t *len)
{
    *len = doc->tokens[i].len;
    return doc->article->text + doc->tokens[i].off;
}

/** Append a mention and mark its tokens.  Call kg_doc_index_mentions()
 *  after a batch of additions to restore text order.  @return its index
 *  (valid until the next kg_doc_index_mentions()). */
size_t kg_doc_add_mention(kg_doc *doc, const kg_mention *m);

/** Sort mentions into text order and rebuild tok_mention. */
void kg_doc_index_mentions(kg_doc *doc);

#ifdef __cplusplus
}
#endif
#endif /* KG_DOC_H */
