/* SPDX-License-Identifier: MIT
 * kg: batch runs: many articles on every core, output in input order. */
#ifndef KG_BATCH_H
#define KG_BATCH_H

/* Stage overview
 * --------------
 * A batch takes a list of inputs (files, directories, JSON Lines files,
 * stdin; io.h), runs the pipeline on each article in a pool of worker
 * threads, and delivers the results in input order, so that the output is
 * the same bytes whatever the number of workers:
 *
 *     kg_batch_opts o = kg_batch_opts_default();
 *     o.jobs = 0;                           // one worker per core
 *     kg_batch_stats stats;
 *     st = kg_batch_run(pipeline, &o, &inputs, out, NULL, NULL, &diags, &stats);
 *
 * Each worker has its own parser scratch (kg_pipeline_fork) and shares the
 * model, gazetteer and lexicon.  At most `window` articles are in flight,
 * so memory is bounded by the work in flight, not by the corpus.  Outputs
 * per article (--output-dir) are written by the workers, atomically; the
 * one output stream, the diagram and the diagnostics are delivered by the
 * calling thread in input order.
 *
 * The ordered pool underneath is usable on its own:
 *
 *     kg_pool *p = kg_pool_new(4, 16, work, done, ctx);
 *     for (...) kg_pool_submit(p, job);      // work(ctx, worker, job) on a worker,
 *     kg_pool_finish(p);                     // done(ctx, job) here, in submit order
 *     kg_pool_free(p);
 */

#include "kg/graph.h"
#include "kg/io.h"
#include "kg/sink.h"
#include "kg/status.h"
#include "kg/text.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* The ordered pool                                                   */
/* ------------------------------------------------------------------ */

/** Runs one job on worker @p worker (0 .. workers-1), in a worker thread. */
typedef void (*kg_pool_work_fn)(void *ctx, unsigned worker, void *job);

/** Receives a finished job on the submitting thread, in submission order. */
typedef void (*kg_pool_done_fn)(void *ctx, void *job);

/** An ordered pool of worker threads. */
typedef struct kg_pool kg_pool;

/** A pool of @p workers threads with at most @p window jobs in flight
 *  (0 = 4 per worker).  With one worker no thread is started: each job
 *  runs inside kg_pool_submit().  Caller owns; free with kg_pool_free().
 *  @return NULL when threads cannot be started (reported by the caller). */
kg_pool *kg_pool_new(unsigned workers, size_t window, kg_pool_work_fn work, kg_pool_done_fn done,
                     void *ctx);

/** Queue @p job.  Blocks while the window is full, delivering finished
 *  jobs (in order) meanwhile. */
void kg_pool_submit(kg_pool *pool, void *job);

/** Wait for every queued job and deliver the rest, in order. */
void kg_pool_finish(kg_pool *pool);

/** Stop the workers (after kg_pool_finish) and free.  NULL is a no-op. */
void kg_pool_free(kg_pool *pool);

/** The number of processors online (at least 1). */
unsigned kg_ncpus(void);

/* ------------------------------------------------------------------ */
/* The batch                                                          */
/* ------------------------------------------------------------------ */

/** What a batch writes. */
typedef enum kg_batch_output {
    KG_BATCH_RDF = 0, ///< the graph, through a raptor2 writer (turtle.h)
    KG_BATCH_CONLLU   ///< the tagger's analysis as CoNLL-U
} kg_batch_output;

/** Batch options. */
typedef struct kg_batch_opts {
    unsigned jobs;          ///< worker threads (0 = one per core)
    size_t window;          ///< articles in flight (0 = 4 per worker)
    kg_batch_output output; ///< RDF or CoNLL-U
    int rdf_format;         ///< a kg_rdf_format (turtle.h) for RDF output
    kg_emit_opts emit;      ///< what to emit
    kg_reader_opts reader;  ///< how to read articles
    const char *output_dir; ///< one output per article in this directory, or NULL
    int resume;             ///< skip articles whose output (in output_dir) exists
    int progress;           ///< draw a progress line on stderr (when it is a terminal)
} kg_batch_opts;

/** Default options: as many jobs as cores, Turtle, default emission. */
kg_batch_opts kg_batch_opts_default(void);

/** What a batch did. */
typedef struct kg_batch_stats {
    size_t articles;  ///< articles processed
    size_t failed;    ///< inputs or articles that failed (reported)
    size_t skipped;   ///< articles skipped by --resume
    size_t sentences; ///< sentences
    size_t words;     ///< words (tokens other than punctuation and symbols)
    size_t entities;  ///< entities (summed over articles)
    size_t facts;     ///< facts (summed over articles)
    size_t bytes;     ///< input bytes read
    double seconds;   ///< wall time
    int io_error;     ///< an output could not be written (reported)
} kg_batch_stats;

struct kg_pipeline;

/** Run the pipeline of @p p over @p inputs.
 *  @param out     the one RDF output stream (statements of every article in
 *                 input order; kg_batch_run does not end it), or NULL
 *  @param text    the one CoNLL-U output stream, or NULL
 *  @param diagram a diagram sink that receives every article's graph, or NULL
 *  Diagnostics of every article reach @p diags in input order.
 *  @return KG_SUCCESS when every input was processed, KG_FAILURE when some
 *          failed (the others were processed), KG_ERR_IO when an output
 *          could not be written (the run stops). */
kg_status kg_batch_run(struct kg_pipeline *p, const kg_batch_opts *opts,
                       const kg_input_list *inputs, kg_sink *out, FILE *text, kg_sink *diagram,
                       const kg_diag_sink *diags, kg_batch_stats *stats);

/** Print the summary line of @p stats ("kg: 3 articles, ...") to @p fp. */
void kg_batch_stats_print(FILE *fp, const kg_batch_stats *stats, unsigned jobs);

#ifdef __cplusplus
}
#endif
#endif /* KG_BATCH_H */
