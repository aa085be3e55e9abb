/* SPDX-License-Identifier: MIT
 * kg: input lists and atomic output files. */

#include "kg/io.h"

#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && strcmp(s + n - k, suf) == 0;
}

static int is_jsonl_name(const char *name)
{
    return has_suffix(name, ".jsonl") || has_suffix(name, ".ndjson");
}

static void push(kg_input_list *l, const char *path, const char *rel, uint64_t size)
{
    kg_input in = {kg_xstrndup(path, strlen(path)), kg_xstrndup(rel, strlen(rel)),
                   l->all_jsonl || is_jsonl_name(path), size};
    KG_PUSH(l->items, l->n, l->cap, in);
}

/* Does a file found in a directory walk belong to the batch? */
static int wanted(const kg_input_list *l, const char *name)
{
    if (l->glob) {
        /* a comma separates patterns: "*.txt,*.md" */
        for (const char *g = l->glob; *g;) {
            const char *comma = strchr(g, ',');
            size_t n = comma ? (size_t)(comma - g) : strlen(g);
            char *one = kg_xstrndup(g, n);
            int hit = fnmatch(one, name, 0) == 0;
            free(one);
            if (hit) return 1;
            g += n + (comma != NULL);
        }
        return 0;
    }
    return has_suffix(name, ".txt") || is_jsonl_name(name);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A name and its place in a KG_ORDER_FILE (SIZE_MAX when not listed). */
typedef struct ranked {
    size_t rank;
    char *name;
} ranked;

static int by_rank(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->rank != y->rank) return x->rank < y->rank ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* Sort the @p n names of @p dir by its KG_ORDER_FILE, when it has one:
 * the names it lists first, in its order, then the others by name.
 * @return 1 when sorted, 0 when there is no such file. */
static int sort_by_order_file(const char *dir, char **names, size_t n)
{
    kg_buf p = {0};
    kg_buf_printf(&p, "%s/%s", dir, KG_ORDER_FILE);
    FILE *fp = fopen(p.data, "rb");
    free(p.data);
    if (!fp) return 0;
    kg_strmap at = {0};
    for (size_t i = 0; i < n; i++)
        kg_strmap_put(&at, names[i], strlen(names[i]), i);
    ranked *r = kg_xcalloc(n ? n : 1, sizeof *r);
    for (size_t i = 0; i < n; i++)
        r[i] = (ranked){SIZE_MAX, names[i]};
    char *line = NULL;
    size_t cap = 0, rank = 0, i;
    ssize_t len;
    while ((len = getline(&line, &cap, fp)) > 0) {
        if (line[len - 1] == '\n') len--;
        if (kg_strmap_get(&at, line, (size_t)len, &i) && r[i].rank == SIZE_MAX) r[i].rank = rank;
        rank++;
    }
    free(line);
    fclose(fp);
    kg_strmap_clear(&at);
    qsort(r, n, sizeof *r, by_rank);
    for (size_t k = 0; k < n; k++)
        names[k] = r[k].name;
    free(r);
    return 1;
}

static void walk(kg_input_list *l, const char *dir, const char *rel, const kg_diag_sink *diags,
                 int depth)
{
    DIR *dp = opendir(dir);
    if (!dp) {
        kg_diag_report(diags, KG_ERROR, KG_ERR_IO, dir, 0, 0, UINT64_MAX, "cannot open: %s",
                       strerror(errno));
        l->missing++;
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(dp)) != NULL) {
        if (de->d_name[0] == '.') continue;
        char *nm = kg_xstrndup(de->d_name, strlen(de->d_name));
        KG_PUSH(names, n, cap, nm);
    }
    closedir(dp);
    if (n > 1 && !(l->ordered && sort_by_order_file(dir, names, n)))
        qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        kg_buf p = {0}, r = {0};
        kg_buf_printf(&p, "%s/%s", dir, names[i]);
        kg_buf_printf(&r, "%s%s%s", rel, *rel ? "/" : "", names[i]);
        struct stat st;
        if (stat(p.data, &st) == 0) {
            if (S_ISDIR(st.st_mode) && depth < 64)
                walk(l, p.data, r.data, diags, depth + 1);
            else if (S_ISREG(st.st_mode) && wanted(l, names[i]))
                push(l, p.data, r.data, (uint64_t)st.st_size);
        }
        free(p.data);
        free(r.data);
        free(names[i]);
    }
    free(names);
}

kg_status kg_inputs_collect(char *const *args, size_t n, const kg_diag_sink *diags,
                            kg_input_list *l)
{
    for (size_t i = 0; i < n; i++) {
        const char *a = args[i];
        if (strcmp(a, "-") == 0) {
            push(l, "-", l->all_jsonl ? "stdin.jsonl" : "stdin.txt", 0);
            continue;
        }
        struct stat st;
        if (stat(a, &st) != 0) {
            kg_diag_report(diags, KG_ERROR, KG_ERR_IO, a, 0, 0, UINT64_MAX, "cannot open: %s",
                           strerror(errno));
            l->missing++;
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            size_t len = strlen(a);
            while (len > 1 && a[len - 1] == '/')
                len--;
            char *dir = kg_xstrndup(a, len);
            walk(l, dir, "", diags, 0);
            free(dir);
        } else {
            const char *base = strrchr(a, '/');
            push(l, a, base ? base + 1 : a, S_ISREG(st.st_mode) ? (uint64_t)st.st_size : 0);
        }
    }
    return KG_SUCCESS;
}

void kg_inputs_free(kg_input_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->items[i].path);
        free(l->items[i].rel);
    }
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* Length of @p rel without its extension. */
static size_t stem_len(const char *rel)
{
    const char *slash = strrchr(rel, '/');
    const char *dot = strrchr(rel, '.');
    return dot && (!slash || dot > slash + 1) && dot != rel ? (size_t)(dot - rel) : strlen(rel);
}

char *kg_output_path(const char *dir, const char *rel, const char *ext)
{
    kg_buf b = {0};
    kg_buf_printf(&b, "%s/%.*s.%s", dir, (int)stem_len(rel), rel, ext);
    return kg_buf_take(&b);
}

char *kg_output_path_id(const char *dir, const char *rel, const char *id, const char *ext)
{
    kg_buf b = {0};
    kg_buf_printf(&b, "%s/%.*s/", dir, (int)stem_len(rel), rel);
    for (const unsigned char *c = (const unsigned char *)id; *c; c++) {
        int ok = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
                 *c == '-' || *c == '_' || (*c == '.' && c != (const unsigned char *)id);
        if (ok)
            kg_buf_add(&b, (const char *)c, 1);
        else
            kg_buf_printf(&b, "%%%02X", *c);
    }
    kg_buf_printf(&b, ".%s", ext);
    return kg_buf_take(&b);
}

char *kg_output_order_path(const char *dir, const char *rel)
{
    kg_buf b = {0};
    kg_buf_printf(&b, "%s/%.*s/%s", dir, (int)stem_len(rel), rel, KG_ORDER_FILE);
    return kg_buf_take(&b);
}

struct kg_outfile {
    char *path;
    char *tmp;
    FILE *fp;
    const kg_diag_sink *diags;
};

static int make_parents(const char *path)
{
    char *p = kg_xstrndup(path, strlen(path));
    for (char *s = p + 1; *s; s++) {
        if (*s != '/') continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *s = '/';
    }
    free(p);
    return 0;
}

kg_status kg_outfile_open(const char *path, const kg_diag_sink *diags, kg_outfile **out)
{
    /* A target that exists and is not a regular file (/dev/stdout, a FIFO, a
     * device) is written in place: renaming over it would replace it. */
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        FILE *fp = fopen(path, "wb");
        if (!fp) {
            kg_diag_report(diags, KG_ERROR, KG_ERR_IO, path, 0, 0, UINT64_MAX, "cannot write: %s",
                           strerror(errno));
            return KG_ERR_IO;
        }
        kg_outfile *of = kg_xcalloc(1, sizeof *of);
        of->path = kg_xstrndup(path, strlen(path));
        of->fp = fp;
        of->diags = diags;
        *out = of;
        return KG_SUCCESS;
    }
    if (make_parents(path) != 0) {
        kg_diag_report(diags, KG_ERROR, KG_ERR_IO, path, 0, 0, UINT64_MAX,
                       "cannot make its directory: %s", strerror(errno));
        return KG_ERR_IO;
    }
    kg_buf t = {0};
    kg_buf_printf(&t, "%s.tmp-%ld", path, (long)getpid());
    FILE *fp = fopen(t.data, "wb");
    if (!fp) {
        kg_diag_report(diags, KG_ERROR, KG_ERR_IO, path, 0, 0, UINT64_MAX, "cannot write: %s",
                       strerror(errno));
        free(t.data);
        return KG_ERR_IO;
    }
    kg_outfile *of = kg_xcalloc(1, sizeof *of);
    of->path = kg_xstrndup(path, strlen(path));
    of->tmp = kg_buf_take(&t);
    of->fp = fp;
    of->diags = diags;
    *out = of;
    return KG_SUCCESS;
}

FILE *kg_outfile_stream(kg_outfile *of)
{
    return of->fp;
}

static void outfile_free(kg_outfile *of)
{
    free(of->path);
    free(of->tmp);
    free(of);
}

kg_status kg_outfile_commit(kg_outfile *of)
{
    int bad = fflush(of->fp) != 0 || ferror(of->fp);
    bad |= fclose(of->fp) != 0;
    if (bad || (of->tmp && rename(of->tmp, of->path) != 0)) {
        kg_diag_report(of->diags, KG_ERROR, KG_ERR_IO, of->path, 0, 0, UINT64_MAX,
                       "write failed: %s", strerror(errno));
        if (of->tmp) unlink(of->tmp);
        outfile_free(of);
        return KG_ERR_IO;
    }
    outfile_free(of);
    return KG_SUCCESS;
}

void kg_outfile_abort(kg_outfile *of)
{
    if (!of) return;
    fclose(of->fp);
    if (of->tmp) unlink(of->tmp);
    outfile_free(of);
}
