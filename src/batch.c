/* SPDX-License-Identifier: MIT
 * kg: batch runs: an ordered pool of worker threads and the corpus loop. */

#include "kg/batch.h"

#include "kg/kg.h"
#include "kg/turtle.h"

#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ------------------------------------------------------------------ */
/* The ordered pool                                                   */
/* ------------------------------------------------------------------ */

enum { SLOT_QUEUED = 1, SLOT_RUNNING, SLOT_DONE };

typedef struct pool_thread {
    kg_pool *pool;
    unsigned index;
    pthread_t tid;
} pool_thread;

struct kg_pool {
    unsigned workers;
    size_t window;
    kg_pool_work_fn work;
    kg_pool_done_fn done;
    void *ctx;
    void **jobs;          ///< ring of window slots
    unsigned char *state; ///< per slot
    size_t head;          ///< next job to deliver
    size_t next;          ///< next job for a worker
    size_t tail;          ///< next job to submit
    int closing;
    pthread_mutex_t mu;
    pthread_cond_t cv_work;
    pthread_cond_t cv_done;
    pool_thread *threads;
    unsigned n_threads;
};

unsigned kg_ncpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1u : n > 1024 ? 1024u : (unsigned)n;
}

static void *pool_main(void *arg)
{
    pool_thread *t = arg;
    kg_pool *p = t->pool;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->next == p->tail && !p->closing)
            pthread_cond_wait(&p->cv_work, &p->mu);
        if (p->next == p->tail) break;
        size_t slot = p->next++ % p->window;
        p->state[slot] = SLOT_RUNNING;
        void *job = p->jobs[slot];
        pthread_mutex_unlock(&p->mu);
        p->work(p->ctx, t->index, job);
        pthread_mutex_lock(&p->mu);
        p->state[slot] = SLOT_DONE;
        pthread_cond_broadcast(&p->cv_done);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

kg_pool *kg_pool_new(unsigned workers, size_t window, kg_pool_work_fn work, kg_pool_done_fn done,
                     void *ctx)
{
    kg_pool *p = kg_xcalloc(1, sizeof *p);
    p->workers = workers ? workers : 1;
    p->window = window ? window : 4 * (size_t)p->workers;
    p->work = work;
    p->done = done;
    p->ctx = ctx;
    if (p->workers == 1) return p;
    p->jobs = kg_xcalloc(p->window, sizeof *p->jobs);
    p->state = kg_xcalloc(p->window, 1);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv_work, NULL);
    pthread_cond_init(&p->cv_done, NULL);
    p->threads = kg_xcalloc(p->workers, sizeof *p->threads);
    for (unsigned i = 0; i < p->workers; i++) {
        p->threads[i].pool = p;
        p->threads[i].index = i;
        if (pthread_create(&p->threads[i].tid, NULL, pool_main, &p->threads[i]) != 0) break;
        p->n_threads++;
    }
    if (p->n_threads < p->workers) {
        kg_pool_free(p);
        return NULL;
    }
    return p;
}

/* Deliver finished jobs from the head, in order; with @p block, wait for
 * the head job first.  Called and returns with the lock held. */
static void deliver(kg_pool *p, int block)
{
    while (p->head < p->tail) {
        size_t slot = p->head % p->window;
        if (p->state[slot] != SLOT_DONE) {
            if (!block) return;
            pthread_cond_wait(&p->cv_done, &p->mu);
            continue;
        }
        void *job = p->jobs[slot];
        p->state[slot] = 0;
        p->head++;
        block = 0;
        pthread_mutex_unlock(&p->mu);
        p->done(p->ctx, job);
        pthread_mutex_lock(&p->mu);
    }
}

void kg_pool_submit(kg_pool *p, void *job)
{
    if (p->workers == 1) {
        p->work(p->ctx, 0, job);
        p->done(p->ctx, job);
        return;
    }
    pthread_mutex_lock(&p->mu);
    while (p->tail - p->head == p->window)
        deliver(p, 1);
    size_t slot = p->tail++ % p->window;
    p->jobs[slot] = job;
    p->state[slot] = SLOT_QUEUED;
    pthread_cond_signal(&p->cv_work);
    deliver(p, 0);
    pthread_mutex_unlock(&p->mu);
}

void kg_pool_finish(kg_pool *p)
{
    if (p->workers == 1) return;
    pthread_mutex_lock(&p->mu);
    while (p->head < p->tail)
        deliver(p, 1);
    pthread_mutex_unlock(&p->mu);
}

void kg_pool_free(kg_pool *p)
{
    if (!p) return;
    if (p->workers > 1) {
        pthread_mutex_lock(&p->mu);
        p->closing = 1;
        pthread_cond_broadcast(&p->cv_work);
        pthread_mutex_unlock(&p->mu);
        for (unsigned i = 0; i < p->n_threads; i++)
            pthread_join(p->threads[i].tid, NULL);
        pthread_mutex_destroy(&p->mu);
        pthread_cond_destroy(&p->cv_work);
        pthread_cond_destroy(&p->cv_done);
    }
    free(p->threads);
    free(p->jobs);
    free(p->state);
    free(p);
}

/* ------------------------------------------------------------------ */
/* The batch                                                          */
/* ------------------------------------------------------------------ */

kg_batch_opts kg_batch_opts_default(void)
{
    kg_batch_opts o;
    memset(&o, 0, sizeof o);
    o.output = KG_BATCH_RDF;
    o.rdf_format = KG_RDF_TURTLE;
    o.emit = kg_emit_opts_default();
    o.reader = kg_reader_opts_default();
    return o;
}

/* A diagnostic recorded by a worker, replayed in input order. */
typedef struct saved_diag {
    kg_diag d; ///< file and message owned
} saved_diag;

typedef struct job {
    const kg_input *in;  ///< a file input, or NULL for a JSON Lines record
    const char *feed;    ///< the JSON Lines file of a record (borrowed), or NULL
    kg_jsonl_record rec; ///< the record (when in is NULL and rec.text set)
    char *out_path;      ///< per-article output, or NULL
    uint64_t in_bytes;   ///< input bytes this job stands for (progress)
    saved_diag *diags;   ///< recorded diagnostics
    size_t n_diags, cap_diags;
    kg_diag_sink sink;   ///< records into diags
    kg_article *article; ///< the article, when read
    kg_doc *doc;         ///< its analysis, for the main stream and diagram
    char *text;          ///< CoNLL-U for the main stream
    size_t text_len;
    int failed;   ///< the input or article failed (reported)
    int io_error; ///< an output failed (reported)
    int read;     ///< an article was processed
    size_t sentences, words, entities, facts;
} job;

typedef struct batch {
    const kg_batch_opts *o;
    kg_pipeline **workers; ///< one pipeline per worker
    kg_sink *out;
    FILE *text;
    kg_sink *diagram;
    const kg_diag_sink *diags;
    kg_batch_stats *stats;
    size_t max_tokens; ///< the sentence length limit, for the warning
    /* progress */
    int progress;
    uint64_t total_bytes, done_bytes;
    struct timespec start, last;
} batch;

static void record(void *handle, const kg_diag *d)
{
    job *j = handle;
    saved_diag s;
    s.d = *d;
    if (j->feed && j->rec.id) {
        /* about a JSON Lines article: name the file and line, then the
         * article; the position inside its text stays in the message */
        kg_buf m = {0};
        kg_buf_printf(&m, "article \"%s\": %s", j->rec.id, d->message);
        if (d->line && d->file && strcmp(d->file, j->rec.id) == 0)
            kg_buf_printf(&m, " (line %llu, column %llu of its text)", (unsigned long long)d->line,
                          (unsigned long long)d->col);
        s.d.file = kg_xstrndup(j->feed, strlen(j->feed));
        s.d.line = j->rec.line;
        s.d.col = 0;
        s.d.offset = UINT64_MAX;
        s.d.message = kg_buf_take(&m);
    } else {
        s.d.file = d->file ? kg_xstrndup(d->file, strlen(d->file)) : NULL;
        s.d.message = kg_xstrndup(d->message, strlen(d->message));
    }
    KG_PUSH(j->diags, j->n_diags, j->cap_diags, s);
}

/* The JSON Lines reader's diagnostics go to the job of the line it reads. */
static void record_current(void *handle, const kg_diag *d)
{
    job **cur = handle;
    record(*cur, d);
}

static job *job_new(void)
{
    job *j = kg_xcalloc(1, sizeof *j);
    j->sink.fn = record;
    j->sink.handle = j;
    return j;
}

static void job_free(job *j)
{
    for (size_t i = 0; i < j->n_diags; i++) {
        free((char *)j->diags[i].d.file);
        free((char *)j->diags[i].d.message);
    }
    free(j->diags);
    kg_jsonl_record_clear(&j->rec);
    free(j->out_path);
    kg_doc_free(j->doc);
    kg_article_free(j->article);
    free(j->text);
    free(j);
}

static double elapsed(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/* Read the job's article.  @return 0 or -1 (reported). */
static int read_article(batch *b, job *j)
{
    const kg_reader_opts *ro = &b->o->reader;
    if (j->in) return kg_article_read_file(j->in->path, ro, &j->sink, &j->article) ? -1 : 0;
    kg_jsonl_record *r = &j->rec;
    if (kg_article_from_memory(r->id, r->text, r->text_len, ro, &j->sink, &j->article) != 0)
        return -1;
    kg_article *a = j->article;
    if (r->title) {
        free(a->title);
        a->title = r->title;
        r->title = NULL;
    }
    if (r->date) {
        free(a->date);
        a->date = r->date;
        r->date = NULL;
    }
    if (r->url) {
        a->url = r->url;
        r->url = NULL;
    }
    if (r->source && !a->agency) {
        a->agency = r->source;
        r->source = NULL;
    }
    return 0;
}

/* Write the article's own output file.  @return 0 or -1 (reported). */
static int write_own(batch *b, kg_pipeline *p, job *j)
{
    kg_outfile *of;
    if (kg_outfile_open(j->out_path, &j->sink, &of) != KG_SUCCESS) return -1;
    FILE *fp = kg_outfile_stream(of);
    kg_status st = KG_SUCCESS;
    if (b->o->output == KG_BATCH_CONLLU) {
        st = kg_pipeline_write_conllu(p, j->article, fp);
    } else {
        kg_sink *w = NULL;
        st = kg_rdf_sink_new(fp, (kg_rdf_format)b->o->rdf_format, &j->sink, &w);
        if (st == KG_SUCCESS) {
            kg_sink *m = kg_merge_sink_new(w);
            kg_emit_prefixes(m);
            st = kg_graph_emit(j->doc->graph, &b->o->emit, m);
            kg_status e = kg_sink_end(m);
            if (st == KG_SUCCESS) st = e;
            kg_sink_free(m);
        }
        kg_sink_free(w);
    }
    if (st != KG_SUCCESS) {
        if (st != KG_ERR_IO)
            kg_diag_report(&j->sink, KG_ERROR, st, j->out_path, 0, 0, UINT64_MAX, "%s",
                           kg_strerror(st));
        else
            kg_diag_report(&j->sink, KG_ERROR, st, j->out_path, 0, 0, UINT64_MAX, "write error: %s",
                           errno ? strerror(errno) : "failed");
        kg_outfile_abort(of);
        return -1;
    }
    return kg_outfile_commit(of) == KG_SUCCESS ? 0 : -1;
}

static void work(void *ctx, unsigned worker, void *arg)
{
    batch *b = ctx;
    job *j = arg;
    kg_pipeline *p = b->workers[worker];
    if (j->failed || read_article(b, j) != 0) {
        j->failed = 1;
        return;
    }
    j->read = 1;
    kg_article *a = j->article;
    if (b->o->output == KG_BATCH_CONLLU) {
        if (j->out_path) {
            if (write_own(b, p, j) != 0) j->io_error = 1;
        } else {
            FILE *mem = open_memstream(&j->text, &j->text_len);
            if (!mem || kg_pipeline_write_conllu(p, a, mem) != KG_SUCCESS) j->failed = 1;
            if (mem) fclose(mem);
        }
        return;
    }
    kg_status st = kg_pipeline_run(p, a, &j->doc);
    if (st != KG_SUCCESS) {
        kg_diag_report(&j->sink, KG_ERROR, st, a->name, 0, 0, UINT64_MAX, "%s", kg_strerror(st));
        j->failed = 1;
        return;
    }
    const kg_doc *d = j->doc;
    j->sentences = d->n_sents;
    for (size_t t = 0; t < d->n_tokens; t++) {
        size_t len;
        const unsigned char *c = (const unsigned char *)kg_doc_tok(d, t, &len);
        j->words += len && (isalnum(*c) || *c >= 0x80); // words, not punctuation
    }
    j->entities = kg_graph_n_entities(d->graph);
    j->facts = kg_graph_n_facts(d->graph);
    size_t cut = 0, first = 0;
    for (size_t s = 0; s < d->n_sents; s++)
        if (d->sents[s].tok_end - d->sents[s].tok_begin >= b->max_tokens && !cut++)
            first = d->sents[s].off;
    if (cut)
        kg_diag_report(&j->sink, KG_WARNING, KG_SUCCESS, a->name, 0, 0, first,
                       "%zu sentence%s reached the limit of %zu tokens and %s cut "
                       "(--max-sentence-tokens); the first at byte %zu",
                       cut, cut == 1 ? "" : "s", b->max_tokens, cut == 1 ? "was" : "were", first);
    if (j->out_path && write_own(b, p, j) != 0) j->io_error = 1;
    if (!b->out && !b->diagram) {
        kg_doc_free(j->doc);
        j->doc = NULL;
    }
}

static void show_progress(batch *b, int last)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (!last && elapsed(&b->last, &now) < 0.2) return;
    b->last = now;
    double t = elapsed(&b->start, &now);
    const kg_batch_stats *s = b->stats;
    fprintf(stderr, "\r\033[K%zu article%s, %.0f words/s", s->articles, s->articles == 1 ? "" : "s",
            t > 0 ? (double)s->words / t : 0.0);
    if (b->total_bytes && b->done_bytes && !last) {
        double frac = (double)b->done_bytes / (double)b->total_bytes;
        if (frac > 1) frac = 1;
        double eta = t / frac - t;
        fprintf(stderr, ", %3.0f%%, ETA %dm%02ds", 100 * frac, (int)(eta / 60), (int)eta % 60);
    }
    if (last) fputs("\r\033[K", stderr);
    fflush(stderr);
}

static void done(void *ctx, void *arg)
{
    batch *b = ctx;
    job *j = arg;
    kg_batch_stats *s = b->stats;
    for (size_t i = 0; i < j->n_diags; i++)
        if (b->diags && b->diags->fn) b->diags->fn(b->diags->handle, &j->diags[i].d);
    if (j->read && !j->failed) {
        s->articles++;
        s->bytes += j->article->len;
    }
    s->failed += j->failed != 0;
    s->io_error |= j->io_error;
    s->sentences += j->sentences;
    s->words += j->words;
    s->entities += j->entities;
    s->facts += j->facts;
    b->done_bytes += j->in_bytes;
    if (!s->io_error && j->doc) {
        if (b->out) {
            if (kg_graph_emit(j->doc->graph, &b->o->emit, b->out) != KG_SUCCESS ||
                kg_sink_flush(b->out) != KG_SUCCESS)
                s->io_error = 1;
        }
        if (b->diagram && kg_graph_emit(j->doc->graph, &b->o->emit, b->diagram) != KG_SUCCESS)
            s->io_error = 1;
    }
    if (!s->io_error && j->text && b->text && j->text_len &&
        fwrite(j->text, 1, j->text_len, b->text) != j->text_len)
        s->io_error = 1;
    job_free(j);
    if (b->progress) show_progress(b, 0);
}

static const char *out_ext(const kg_batch_opts *o)
{
    return o->output == KG_BATCH_CONLLU ? "conllu"
                                        : kg_rdf_format_ext((kg_rdf_format)o->rdf_format);
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The ids of a feed seen so far, for --output-dir, where two articles
 * with one id would write one file: 64-bit fingerprints with the line of
 * their first use, 16 bytes an article (open addressing, load <= 1/2). */
typedef struct id_set {
    uint64_t *slots; ///< pairs: fingerprint (never 0), line
    size_t cap;      ///< pairs, a power of two
    size_t used;
} id_set;

/* @return the line of an earlier use of @p id, or 0 after adding it. */
static uint64_t id_seen(id_set *set, const char *id, uint64_t line)
{
    if (2 * (set->used + 1) > set->cap) {
        size_t cap = set->cap ? 2 * set->cap : 1024;
        uint64_t *slots = kg_xcalloc(2 * cap, sizeof *slots);
        for (size_t i = 0; i < set->cap; i++) {
            uint64_t h = set->slots[2 * i];
            if (!h) continue;
            size_t k = (size_t)h & (cap - 1);
            while (slots[2 * k])
                k = (k + 1) & (cap - 1);
            slots[2 * k] = h;
            slots[2 * k + 1] = set->slots[2 * i + 1];
        }
        free(set->slots);
        set->slots = slots;
        set->cap = cap;
    }
    uint64_t h = kg_fnv1a(KG_FNV_OFFSET, id, strlen(id));
    h = h ? h : 1;
    size_t k = (size_t)h & (set->cap - 1);
    while (set->slots[2 * k]) {
        if (set->slots[2 * k] == h) return set->slots[2 * k + 1];
        k = (k + 1) & (set->cap - 1);
    }
    set->slots[2 * k] = h;
    set->slots[2 * k + 1] = line;
    set->used++;
    return 0;
}

/* Submit the articles of one JSON Lines input. */
static void run_jsonl(batch *b, kg_pool *pool, const kg_input *in)
{
    const kg_batch_opts *o = b->o;
    job *j = job_new();
    kg_diag_sink to_current = {record_current, &j};
    kg_jsonl *r;
    if (kg_jsonl_open(in->path, o->reader.max_bytes, &to_current, &r) != KG_SUCCESS) {
        j->failed = 1;
        kg_pool_submit(pool, j);
        return;
    }
    id_set ids = {NULL, 0, 0};
    kg_outfile *order = NULL; /* KG_ORDER_FILE, opened at the first output */
    int order_tried = 0;      /* once: a failure is reported once */
    uint64_t pos = 0;
    for (;; j = job_new()) {
        kg_status st = kg_jsonl_next(r, &j->rec);
        uint64_t now = kg_jsonl_tell(r);
        j->in_bytes = now - pos;
        pos = now;
        if (st == KG_FAILURE) {
            b->done_bytes += j->in_bytes;
            job_free(j);
            break;
        }
        if (st != KG_SUCCESS) {
            j->failed = 1;
            kg_pool_submit(pool, j);
            if (st == KG_ERR_IO) break;
            continue;
        }
        uint64_t first_line = o->output_dir ? id_seen(&ids, j->rec.id, j->rec.line) : 0;
        if (first_line) {
            kg_diag_report(&j->sink, KG_ERROR, KG_ERR_SYNTAX, in->path, j->rec.line, 0,
                           j->rec.offset,
                           "duplicate id \"%s\" (first on line %llu): its output would "
                           "replace that one's; skipped",
                           j->rec.id, (unsigned long long)first_line);
            j->failed = 1;
            kg_pool_submit(pool, j);
            continue;
        }
        j->feed = in->path;
        if (o->output_dir) {
            j->out_path = kg_output_path_id(o->output_dir, in->rel, j->rec.id, out_ext(o));
            if (!order_tried) {
                order_tried = 1;
                char *op = kg_output_order_path(o->output_dir, in->rel);
                if (kg_outfile_open(op, b->diags, &order) != KG_SUCCESS) {
                    order = NULL;
                    b->stats->io_error = 1;
                }
                free(op);
            }
            if (order) {
                const char *slash = strrchr(j->out_path, '/');
                fprintf(kg_outfile_stream(order), "%s\n", slash ? slash + 1 : j->out_path);
            }
            if (o->resume && exists(j->out_path)) {
                b->stats->skipped++;
                b->done_bytes += j->in_bytes;
                job_free(j);
                continue;
            }
        }
        kg_pool_submit(pool, j);
    }
    free(ids.slots);
    if (order && kg_outfile_commit(order) != KG_SUCCESS) b->stats->io_error = 1;
    kg_jsonl_close(r);
}

kg_status kg_batch_run(kg_pipeline *p, const kg_batch_opts *o, const kg_input_list *inputs,
                       kg_sink *out, FILE *text, kg_sink *diagram, const kg_diag_sink *diags,
                       kg_batch_stats *stats)
{
    kg_batch_stats local;
    if (!stats) stats = &local;
    memset(stats, 0, sizeof *stats);
    batch b;
    memset(&b, 0, sizeof b);
    b.o = o;
    b.out = out;
    b.text = text;
    b.diagram = diagram;
    b.diags = diags;
    b.stats = stats;
    size_t mt = kg_pipeline_options(p)->max_sentence_tokens;
    b.max_tokens = mt ? mt : 500;
    b.progress = o->progress && isatty(2);
    for (size_t i = 0; i < inputs->n; i++)
        b.total_bytes += inputs->items[i].size;
    clock_gettime(CLOCK_MONOTONIC, &b.start);
    b.last = b.start;

    unsigned n = o->jobs ? o->jobs : kg_ncpus();
    b.workers = kg_xcalloc(n, sizeof *b.workers);
    b.workers[0] = p;
    for (unsigned i = 1; i < n; i++)
        b.workers[i] = kg_pipeline_fork(p);
    kg_pool *pool = kg_pool_new(n, o->window, work, done, &b);
    if (!pool) {
        kg_diag_report(diags, KG_ERROR, KG_ERR_LIB, NULL, 0, 0, UINT64_MAX,
                       "cannot start %u worker threads", n);
        for (unsigned i = 1; i < n; i++)
            kg_pipeline_free(b.workers[i]);
        free(b.workers);
        return KG_ERR_LIB;
    }
    for (size_t i = 0; i < inputs->n && !stats->io_error; i++) {
        const kg_input *in = &inputs->items[i];
        if (in->jsonl) {
            run_jsonl(&b, pool, in);
            continue;
        }
        job *j = job_new();
        j->in = in;
        j->in_bytes = in->size;
        if (o->output_dir) {
            j->out_path = kg_output_path(o->output_dir, in->rel, out_ext(o));
            if (o->resume && exists(j->out_path)) {
                stats->skipped++;
                b.done_bytes += j->in_bytes;
                job_free(j);
                continue;
            }
        }
        kg_pool_submit(pool, j);
    }
    kg_pool_finish(pool);
    kg_pool_free(pool);
    for (unsigned i = 1; i < n; i++)
        kg_pipeline_free(b.workers[i]);
    free(b.workers);
    struct timespec end;
    clock_gettime(CLOCK_MONOTONIC, &end);
    stats->seconds = elapsed(&b.start, &end);
    if (b.progress) show_progress(&b, 1);
    if (stats->io_error) return KG_ERR_IO;
    return stats->failed ? KG_FAILURE : KG_SUCCESS;
}

void kg_batch_stats_print(FILE *fp, const kg_batch_stats *s, unsigned jobs)
{
    fprintf(fp, "kg: %zu article%s", s->articles, s->articles == 1 ? "" : "s");
    if (s->failed) fprintf(fp, ", %zu failed", s->failed);
    if (s->skipped) fprintf(fp, ", %zu skipped (--resume)", s->skipped);
    if (s->sentences) // CoNLL-U output does not count them
        fprintf(fp, ", %zu sentences, %zu words, %zu entities, %zu facts", s->sentences, s->words,
                s->entities, s->facts);
    fprintf(fp, " in %.2f s", s->seconds);
    int rate = s->seconds > 0 && s->words;
    if (rate) fprintf(fp, " (%.0f words/s", (double)s->words / s->seconds);
    fprintf(fp, "%s%u job%s)\n", rate ? ", " : " (", jobs, jobs == 1 ? "" : "s");
}
