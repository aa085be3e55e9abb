/* SPDX-License-Identifier: MIT
 * kg: JSON Lines input: one article per line, parsed with jansson. */

#include "kg/io.h"

#include "util.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

void kg_jsonl_record_clear(kg_jsonl_record *rec)
{
    free(rec->id);
    free(rec->text);
    free(rec->title);
    free(rec->date);
    free(rec->url);
    free(rec->source);
    memset(rec, 0, sizeof *rec);
}

static char *dup_string(json_t *v)
{
    return kg_xstrndup(json_string_value(v), json_string_length(v));
}

/* An optional string member: NULL when absent or null; -1 when present
 * with another type; -2 when it holds a NUL byte (a name or label cannot). */
static int optional_string(json_t *obj, const char *key, char **out)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || json_is_null(v)) return 0;
    if (!json_is_string(v)) return -1;
    if (strlen(json_string_value(v)) != json_string_length(v)) return -2;
    *out = dup_string(v);
    return 0;
}

/* "2024-11-21" or the date part of a longer ISO 8601 time; else NULL. */
static char *iso_date(const char *s)
{
    if (!s || strlen(s) < 10) return NULL;
    for (int i = 0; i < 10; i++) {
        int dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return NULL;
    }
    if (s[10] && s[10] != 'T' && s[10] != ' ') return NULL;
    int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
    if (m < 1 || m > 12 || d < 1 || d > 31) return NULL;
    return kg_xstrndup(s, 10);
}

static kg_status syntax(const kg_diag_sink *diags, const char *file, uint64_t line, uint64_t col,
                        uint64_t offset, const char *msg, const char *detail)
{
    kg_diag_report(diags, KG_ERROR, KG_ERR_SYNTAX, file, line, col, offset, "%s%s%s", msg,
                   detail ? ": " : "", detail ? detail : "");
    return KG_ERR_SYNTAX;
}

kg_status kg_jsonl_parse(const char *buf, size_t len, const char *file, uint64_t line,
                         uint64_t offset, const kg_diag_sink *diags, kg_jsonl_record *rec)
{
    kg_jsonl_record_clear(rec);
    size_t i = 0;
    while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r'))
        i++;
    if (i == len) return KG_FAILURE;
    json_error_t err;
    json_t *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &err);
    if (!root) {
        uint64_t pos = (uint64_t)(err.position > 0 ? err.position : 0);
        if (pos > len) pos = len;
        return syntax(diags, file, line, pos ? pos : 1, offset + pos, "invalid JSON", err.text);
    }
    kg_status st = KG_SUCCESS;
    if (!json_is_object(root)) {
        st = syntax(diags, file, line, 0, offset, "a JSON Lines article must be an object", NULL);
        goto done;
    }
    json_t *id = json_object_get(root, "id");
    if (json_is_string(id) && json_string_length(id) > 0 &&
        strlen(json_string_value(id)) == json_string_length(id)) {
        rec->id = dup_string(id);
    } else if (json_is_integer(id)) {
        char num[32];
        snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(id));
        rec->id = kg_xstrndup(num, strlen(num));
    } else {
        st =
            syntax(diags, file, line, 0, offset,
                   id ? "\"id\" must be a non-empty string or an integer" : "missing \"id\"", NULL);
        goto done;
    }
    json_t *text = json_object_get(root, "text");
    if (!json_is_string(text)) {
        st = syntax(diags, file, line, 0, offset,
                    text ? "\"text\" must be a string" : "missing \"text\"", NULL);
        goto done;
    }
    rec->text = dup_string(text);
    rec->text_len = json_string_length(text);
    /* the text may hold NUL bytes: the reader names their offset */
    char *date = NULL;
    const char *const keys[] = {"title", "url", "source", "date"};
    char **dest[] = {&rec->title, &rec->url, &rec->source, &date};
    for (size_t k = 0; k < 4; k++) {
        int bad = optional_string(root, keys[k], dest[k]);
        if (bad) {
            st = syntax(diags, file, line, 0, offset,
                        bad == -1 ? "\"title\", \"date\", \"url\" and \"source\" must be strings"
                                  : "a NUL byte in a string member",
                        bad == -1 ? NULL : keys[k]);
            free(date);
            goto done;
        }
    }
    if (date) {
        rec->date = iso_date(date);
        if (!rec->date)
            kg_diag_report(diags, KG_WARNING, KG_ERR_SYNTAX, file, line, 0, offset,
                           "\"date\" is not an ISO 8601 date (YYYY-MM-DD); ignored");
        free(date);
    }
    rec->line = line;
    rec->offset = offset;
done:
    json_decref(root);
    if (st != KG_SUCCESS) kg_jsonl_record_clear(rec);
    return st;
}

struct kg_jsonl {
    FILE *fp;
    char *name;
    size_t max_line;
    const kg_diag_sink *diags;
    kg_buf line;
    uint64_t lineno;
    uint64_t pos; ///< bytes consumed
    int eof;
};

kg_status kg_jsonl_open(const char *path, size_t max_line, const kg_diag_sink *diags,
                        kg_jsonl **out)
{
    *out = NULL;
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!fp) {
        kg_diag_report(diags, KG_ERROR, KG_ERR_IO, path, 0, 0, UINT64_MAX, "cannot open: %s",
                       strerror(errno));
        return KG_ERR_IO;
    }
    kg_jsonl *r = kg_xcalloc(1, sizeof *r);
    r->fp = fp;
    r->name = kg_xstrndup(path, strlen(path));
    r->max_line = max_line;
    r->diags = diags;
    *out = r;
    return KG_SUCCESS;
}

uint64_t kg_jsonl_tell(const kg_jsonl *r)
{
    return r->pos;
}

/* Read one line into r->line (without the LF).  @return 1 for a line, 0 at
 * the end, -1 on a read error, -2 when the line passed max_line (the rest
 * of it is skipped). */
static int read_line(kg_jsonl *r, uint64_t *start)
{
    r->line.len = 0;
    if (r->line.data) r->line.data[0] = '\0';
    *start = r->pos;
    int c, too_big = 0, any = 0;
    while ((c = getc_unlocked(r->fp)) != EOF) {
        any = 1;
        r->pos++;
        if (c == '\n') break;
        if (too_big) continue;
        if (r->max_line && r->line.len >= r->max_line) {
            too_big = 1;
            continue;
        }
        char ch = (char)c;
        kg_buf_add(&r->line, &ch, 1);
    }
    if (ferror(r->fp)) return -1;
    if (!any) return 0;
    r->lineno++;
    return too_big ? -2 : 1;
}

kg_status kg_jsonl_next(kg_jsonl *r, kg_jsonl_record *rec)
{
    kg_jsonl_record_clear(rec);
    for (;;) {
        uint64_t start;
        int got = read_line(r, &start);
        if (got == 0) return KG_FAILURE;
        if (got == -1) {
            kg_diag_report(r->diags, KG_ERROR, KG_ERR_IO, r->name, 0, 0, r->pos, "read error: %s",
                           strerror(errno));
            return KG_ERR_IO;
        }
        if (got == -2) {
            kg_diag_report(r->diags, KG_ERROR, KG_ERR_TOO_BIG, r->name, r->lineno, 0, start,
                           "line longer than %zu bytes; skipped", r->max_line);
            return KG_ERR_TOO_BIG;
        }
        kg_status st = kg_jsonl_parse(r->line.data ? r->line.data : "", r->line.len, r->name,
                                      r->lineno, start, r->diags, rec);
        if (st != KG_FAILURE) return st;
    }
}

void kg_jsonl_close(kg_jsonl *r)
{
    if (!r) return;
    if (r->fp != stdin) fclose(r->fp);
    free(r->name);
    free(r->line.data);
    free(r);
}
