/* SPDX-License-Identifier: MIT
 * kg: status strings, diagnostics and checked allocation. */

#include "kg/status.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *kg_strerror(kg_status st)
{
    switch (st) {
    case KG_SUCCESS:
        return "success";
    case KG_FAILURE:
        return "nothing more";
    case KG_ERR_NOMEM:
        return "out of memory";
    case KG_ERR_IO:
        return "input/output error";
    case KG_ERR_UTF8:
        return "invalid UTF-8";
    case KG_ERR_BINARY:
        return "binary input (NUL bytes)";
    case KG_ERR_EMPTY:
        return "empty input";
    case KG_ERR_TOO_BIG:
        return "input too large";
    case KG_ERR_SYNTAX:
        return "syntax error";
    case KG_ERR_ARG:
        return "invalid argument";
    case KG_ERR_MODEL:
        return "bad or missing model";
    case KG_ERR_LIB:
        return "library error";
    case KG_ERR_INTERNAL:
        return "internal error";
    }
    return "unknown status";
}

void kg_diag_print(void *handle, const kg_diag *d)
{
    FILE *out = handle ? (FILE *)handle : stderr;
    static const char *const sev[] = {"note", "warning", "error"};
    fputs("kg: ", out);
    if (d->file) {
        fputs(d->file, out);
        if (d->line) fprintf(out, ":%llu", (unsigned long long)d->line);
        if (d->line && d->col) fprintf(out, ":%llu", (unsigned long long)d->col);
        fputs(": ", out);
    }
    fprintf(out, "%s: %s\n", sev[d->severity], d->message);
}

void kg_diag_report(const kg_diag_sink *sink, kg_severity sev, kg_status st, const char *file,
                    uint64_t line, uint64_t col, uint64_t offset, const char *fmt, ...)
{
    if (!sink || !sink->fn) return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    kg_diag d = {sev, st, file, line, col, offset, msg};
    sink->fn(sink->handle, &d);
}

static void die_nomem(size_t size)
{
    fprintf(stderr, "kg: fatal: out of memory (%zu bytes)\n", size);
    abort();
}

void *kg_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p) die_nomem(size);
    return p;
}

void *kg_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) die_nomem(n * size);
    return p;
}

void *kg_xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if (!p) die_nomem(size);
    return p;
}

char *kg_xstrndup(const char *s, size_t len)
{
    char *p = kg_xmalloc(len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

void kg_grow(void **items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return;
    size_t c = *cap ? *cap : 8;
    while (c < need) {
        if (c > SIZE_MAX / 2) die_nomem(SIZE_MAX);
        c *= 2;
    }
    if (size && c > SIZE_MAX / size) die_nomem(SIZE_MAX);
    *items = kg_xrealloc(*items, c * size);
    *cap = c;
}
