/* SPDX-License-Identifier: MIT
 * kg: the article reader (validation, NFC, news header recognition). */

#include "kg/text.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utf8proc.h>

/* The reader works in four passes over the input, each linear:
 *
 *   bytes ──► 1 size / NUL / UTF-8 checks (offsets into the INPUT bytes,
 *             so that a diagnostic points at the byte in the file)
 *         ──► 2 drop the BOM, CRLF and lone CR -> LF
 *         ──► 3 NFC with utf8proc (skipped for pure ASCII)
 *         ──► 4 header, date line, dateline (offsets into TEXT)
 *
 * After pass 2 every offset refers to kg_article.text, never to the input:
 * provenance is about the text we hand to later stages. */

#define KG_DEFAULT_MAX_BYTES ((size_t)64 << 20)
#define CHAR_BLOCK 64 /* bytes per char_index entry */

kg_reader_opts kg_reader_opts_default(void)
{
    kg_reader_opts o = {KG_DEFAULT_MAX_BYTES, 0};
    return o;
}

/* ---------------------------------------------------------------------
 * Pass 1: validation
 * ------------------------------------------------------------------- */

/* Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing
 * above U+10FFFF.  Returns the offset of the first bad byte, or len;
 * *why receives a short description. */
static size_t find_bad_utf8(const unsigned char *s, size_t len, const char **why)
{
    size_t i = 0;
    while (i < len) {
        /* ASCII fast path, eight bytes at a time. */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i >= len) break;
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t need;
        uint32_t min, cp;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1, min = 0x80, cp = c & 0x1Fu;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2, min = 0x800, cp = c & 0x0Fu;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3, min = 0x10000, cp = c & 0x07u;
        } else {
            *why = (c == 0xC0 || c == 0xC1)   ? "overlong encoding"
                   : (c >= 0x80 && c <= 0xBF) ? "unexpected continuation byte"
                                              : "invalid byte";
            return i;
        }
        for (size_t k = 1; k <= need; k++) {
            if (i + k >= len) {
                *why = "truncated sequence at end of input";
                return i;
            }
            if ((s[i + k] & 0xC0) != 0x80) {
                *why = "truncated sequence";
                return i;
            }
            cp = (cp << 6) | (s[i + k] & 0x3Fu);
        }
        if (cp < min) {
            *why = "overlong encoding";
            return i;
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            *why = "UTF-16 surrogate";
            return i;
        }
        if (cp > 0x10FFFF) {
            *why = "code point above U+10FFFF";
            return i;
        }
        i += need + 1;
    }
    return len;
}

/* 1-based line and byte column of input offset @p off; LF, CRLF and a
 * lone CR each end a line. */
static void locate(const char *s, size_t off, uint64_t *line, uint64_t *col)
{
    uint64_t ln = 1;
    size_t start = 0;
    for (size_t i = 0; i < off; i++) {
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= off || s[i + 1] != '\n'))) {
            ln++;
            start = i + 1;
        }
    }
    *line = ln;
    *col = (uint64_t)(off - start) + 1;
}

static int is_space_cp(int32_t cp)
{
    if (cp == ' ' || (cp >= '\t' && cp <= '\r')) return 1;
    if (cp < 0x80) return 0;
    if (cp == 0x85 || cp == 0x200B || cp == 0xFEFF) return 1;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP;
}

static int all_space(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) return 0;
        if (!is_space_cp(cp)) return 0;
        i += (size_t)n;
    }
    return 1;
}

/* ---------------------------------------------------------------------
 * Pass 4: header recognition
 * ------------------------------------------------------------------- */

typedef struct {
    const char *s;
    size_t len;
} text_ref;

static size_t line_end(text_ref t, size_t p)
{
    const char *nl = memchr(t.s + p, '\n', t.len - p);
    return nl ? (size_t)(nl - t.s) : t.len;
}

static int is_blank_line(text_ref t, size_t b, size_t e)
{
    for (size_t i = b; i < e; i++)
        if (t.s[i] != ' ' && t.s[i] != '\t' && t.s[i] != '\f' && t.s[i] != '\v') return 0;
    return 1;
}

/* First byte of the next non-blank line at or after @p p (t.len if none). */
static size_t skip_blank_lines(text_ref t, size_t p)
{
    while (p < t.len) {
        size_t e = line_end(t, p);
        if (!is_blank_line(t, p, e)) return p;
        p = e + 1;
    }
    return t.len;
}

static size_t skip_hspace(text_ref t, size_t p, size_t e)
{
    while (p < e && (t.s[p] == ' ' || t.s[p] == '\t'))
        p++;
    return p;
}

static size_t trim_end(text_ref t, size_t b, size_t e)
{
    while (e > b && (t.s[e - 1] == ' ' || t.s[e - 1] == '\t' || t.s[e - 1] == '\r'))
        e--;
    return e;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Parse exactly @p n digits at @p p. */
static int digits(text_ref t, size_t p, size_t e, size_t n, int *v)
{
    if (p + n > e) return 0;
    int x = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(t.s[p + i])) return 0;
        x = x * 10 + (t.s[p + i] - '0');
    }
    *v = x;
    return 1;
}

static int valid_ymd(int y, int m, int d)
{
    return y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* iso_date: YYYY-MM-DD at p, not followed by a digit. */
static size_t iso_date(text_ref t, size_t p, size_t e, int *y, int *m, int *d)
{
    if (digits(t, p, e, 4, y) && p + 4 < e && t.s[p + 4] == '-' && digits(t, p + 5, e, 2, m) &&
        p + 7 < e && t.s[p + 7] == '-' && digits(t, p + 8, e, 2, d) &&
        (p + 10 == e || !is_digit(t.s[p + 10])) && valid_ymd(*y, *m, *d))
        return p + 10;
    return 0;
}

static const char *const month_names[12] = {"january",   "february", "march",    "april",
                                            "may",       "june",     "july",     "august",
                                            "september", "october",  "november", "december"};

static int lower_ascii(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

/* month_name: "November", "Nov", "Nov.", "Sept." at p; returns the end
 * (after an optional period) and the month number. */
static size_t month_name(text_ref t, size_t p, size_t e, int *m)
{
    size_t q = p;
    while (q < e && ((t.s[q] >= 'a' && t.s[q] <= 'z') || (t.s[q] >= 'A' && t.s[q] <= 'Z')))
        q++;
    size_t n = q - p;
    if (n < 3) return 0;
    for (int i = 0; i < 12; i++) {
        const char *name = month_names[i];
        size_t full = strlen(name);
        if (n > full) continue;
        size_t k = 0;
        while (k < n && lower_ascii(t.s[p + k]) == name[k])
            k++;
        if (k != n) continue;
        if (n != full && !(n == 3 || (i == 8 && n == 4)))
            continue; /* "Nov", "Sept" or the full name */
        *m = i + 1;
        if (n != full && q < e && t.s[q] == '.') q++;
        return q;
    }
    return 0;
}

static size_t day_number(text_ref t, size_t p, size_t e, int *d)
{
    size_t q = p;
    int v = 0;
    while (q < e && is_digit(t.s[q]) && q - p < 2)
        v = v * 10 + (t.s[q++] - '0');
    if (q == p || (q < e && is_digit(t.s[q])) || v < 1 || v > 31) return 0;
    /* 21st, 2nd, 3rd, 4th */
    if (q + 2 <= e && strchr("snrt", lower_ascii(t.s[q])) && t.s[q] != '\0' &&
        strchr("tdh", lower_ascii(t.s[q + 1])) && t.s[q + 1] != '\0')
        q += 2;
    *d = v;
    return q;
}

/* date_line: a whole line that is a date.
 *   "November 21, 2024" | "Nov. 21, 2024" | "21 November 2024" | "2024-11-21"
 * optionally preceded by a weekday and a comma ("Thursday, ..."). */
static int date_line(text_ref t, size_t b, size_t e, char out[11])
{
    e = trim_end(t, b, e);
    b = skip_hspace(t, b, e);
    int y = 0, m = 0, d = 0;
    size_t q = iso_date(t, b, e, &y, &m, &d);
    if (!q) {
        static const char *const days[] = {"monday", "tuesday",  "wednesday", "thursday",
                                           "friday", "saturday", "sunday"};
        for (size_t i = 0; i < 7; i++) {
            size_t n = strlen(days[i]), k = 0;
            while (k < n && b + k < e && lower_ascii(t.s[b + k]) == days[i][k])
                k++;
            if (k == n && b + n < e && t.s[b + n] == ',') {
                b = skip_hspace(t, b + n + 1, e);
                break;
            }
        }
        size_t r;
        if ((r = month_name(t, b, e, &m)) != 0) { /* Month D, YYYY */
            r = skip_hspace(t, r, e);
            if (!(r = day_number(t, r, e, &d))) return 0;
            if (r < e && t.s[r] == ',') r++;
            r = skip_hspace(t, r, e);
        } else if ((r = day_number(t, b, e, &d)) != 0) { /* D Month YYYY */
            r = skip_hspace(t, r, e);
            if (!(r = month_name(t, r, e, &m))) return 0;
            if (r < e && t.s[r] == ',') r++;
            r = skip_hspace(t, r, e);
        } else {
            return 0;
        }
        if (!digits(t, r, e, 4, &y) || !valid_ymd(y, m, d)) return 0;
        q = r + 4;
    }
    if (q != e) return 0;
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
    return 1;
}

static int32_t cp_at(text_ref t, size_t p, size_t e, size_t *n)
{
    utf8proc_int32_t cp = -1;
    utf8proc_ssize_t k =
        utf8proc_iterate((const utf8proc_uint8_t *)t.s + p, (utf8proc_ssize_t)(e - p), &cp);
    *n = k > 0 ? (size_t)k : 1;
    return cp;
}

static int is_upper_cp(int32_t cp)
{
    if (cp >= 'A' && cp <= 'Z') return 1;
    if (cp < 0x80) return 0;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static int is_letter_cp(int32_t cp)
{
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z')) return 1;
    if (cp < 0x80) return 0;
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME);
}

/* A dash closing a dateline: "--", "-", U+2014, U+2013.  Returns its end. */
static size_t dash_at(text_ref t, size_t p, size_t e)
{
    if (p < e && t.s[p] == '-') return (p + 1 < e && t.s[p + 1] == '-') ? p + 2 : p + 1;
    if (p + 3 <= e && memcmp(t.s + p, "\xE2\x80\x94", 3) == 0) return p + 3;
    if (p + 3 <= e && memcmp(t.s + p, "\xE2\x80\x93", 3) == 0) return p + 3;
    return 0;
}

typedef struct {
    kg_span place, agency;
    size_t body;
} dateline_match;

/* dateline: at the start of the first body paragraph.
 *   PLACE [, DATE] [(AGENCY)] DASH SPACES
 *   "BEIJING, Nov. 21 (Xinhua) -- "   "WASHINGTON (Reuters) - "
 *   "LONDON, March 3 (AP) — "         "Geneva, 12 June 2023 (AFP) – "
 * Without an agency the place must be in capitals ("WASHINGTON — "), so
 * that an ordinary sentence with a dash is not taken for a dateline. */
static int dateline(text_ref t, size_t b, size_t e, dateline_match *out)
{
    size_t q = b, n;
    int32_t cp = cp_at(t, q, e, &n);
    if (!is_upper_cp(cp)) return 0;
    /* place: letters, spaces, '.', '-', apostrophes; at most 4 words */
    int words = 1, lower = 0, letters = 0;
    while (q < e && q - b <= 60) {
        cp = cp_at(t, q, e, &n);
        if (is_letter_cp(cp)) {
            letters++;
            if (!is_upper_cp(cp) && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL) lower = 1;
        } else if (cp == ' ') {
            if (q + 1 < e && (t.s[q + 1] == '(' || t.s[q + 1] == '-')) break;
            if (q + 3 < e && dash_at(t, q + 1, e) && t.s[q + 1] != '-') break;
            words++;
        } else if (cp == '-' && q + 1 < e && t.s[q + 1] != ' ' && t.s[q + 1] != '-') {
            /* inner hyphen of a place name ("Winston-Salem") */
        } else if (cp != '.' && cp != '\'' && cp != 0x2019) {
            break;
        }
        q += n;
    }
    size_t pe = trim_end(t, b, q);
    if (letters < 2 || words > 4 || pe == b) return 0;
    kg_span place = {(uint32_t)b, (uint32_t)(pe - b)};
    q = skip_hspace(t, q, e);
    if (q < e && t.s[q] == ',') { /* date part: up to '(' or a dash */
        size_t start = q;
        q++;
        while (q < e && q - start <= 40 && t.s[q] != '(' && t.s[q] != ')' &&
               !(t.s[q] == ' ' && dash_at(t, q + 1, e)))
            q++;
        if (q >= e || q - start > 40) return 0;
        q = skip_hspace(t, q, e);
    }
    kg_span agency = {0, 0};
    if (q < e && t.s[q] == '(') {
        size_t a = q + 1, z = a;
        while (z < e && t.s[z] != ')' && z - a <= 30)
            z++;
        if (z >= e || t.s[z] != ')' || z == a) return 0;
        size_t an;
        if (!is_upper_cp(cp_at(t, a, z, &an))) return 0;
        int aw = 1;
        for (size_t i = a; i < z; i++)
            aw += t.s[i] == ' ';
        if (aw > 4) return 0;
        agency.off = (uint32_t)a;
        agency.len = (uint32_t)(z - a);
        q = skip_hspace(t, z + 1, e);
    } else if (lower) {
        return 0;
    }
    size_t d = dash_at(t, q, e);
    if (!d) return 0;
    q = skip_hspace(t, d, e);
    if (q >= e) return 0; /* nothing after the dash: not a dateline */
    out->place = place;
    out->agency = agency;
    out->body = q;
    return 1;
}

/* A conservative plain-text headline: a short first line with a capital
 * letter first, no closing '.', ',', ';', ':' or '!', then a blank line,
 * then more text. */
static int title_line(text_ref t, size_t b, size_t e)
{
    e = trim_end(t, b, e);
    if (e == b || e - b > 200 || e >= t.len) return 0;
    char last = t.s[e - 1];
    if (strchr(".,;:!", last)) return 0;
    /* a quotation that ends a sentence: `... he said "yes."` */
    if (e - b >= 2 && (last == '"' || last == '\'') && strchr(".!?", t.s[e - 2])) return 0;
    if (e - b >= 4 && (unsigned char)t.s[e - 3] == 0xE2 && (unsigned char)t.s[e - 2] == 0x80 &&
        ((unsigned char)last == 0x9D || (unsigned char)last == 0x99) && strchr(".!?", t.s[e - 4]))
        return 0; /* the same with a closing ” or ’ */
    /* two sentences on the line */
    for (size_t i = b; i + 2 < e; i++)
        if ((t.s[i] == '.' || t.s[i] == '!' || t.s[i] == '?') && t.s[i + 1] == ' ' &&
            is_upper_cp(cp_at(t, i + 2, e, &(size_t){0})))
            return 0;
    size_t n;
    if (!is_upper_cp(cp_at(t, b, e, &n)) && !is_digit(t.s[b])) return 0;
    int words = 1;
    for (size_t i = b; i < e; i++)
        words += t.s[i] == ' ';
    if (words > 25) return 0;
    size_t next = line_end(t, e);
    if (next >= t.len) return 0;
    size_t after = line_end(t, next + 1);
    if (!is_blank_line(t, next + 1, after)) return 0;
    return skip_blank_lines(t, next + 1) < t.len;
}

static char *span_dup(const kg_article *a, kg_span sp)
{
    return sp.len ? kg_xstrndup(a->text + sp.off, sp.len) : NULL;
}

static void recognise_header(kg_article *a)
{
    text_ref t = {a->text, a->len};
    char date[11] = "";
    size_t p = skip_blank_lines(t, 0);
    if (p >= t.len) return;
    size_t e = line_end(t, p);
    size_t b = skip_hspace(t, p, e);
    int found = 0;

    /* header: " date YYYY-MM-DD Title" */
    int y, m, d;
    size_t q;
    if (e - b > 5 && memcmp(t.s + b, "date", 4) == 0 && (t.s[b + 4] == ' ' || t.s[b + 4] == '\t') &&
        (q = iso_date(t, skip_hspace(t, b + 4, e), e, &y, &m, &d)) != 0 &&
        (q == e || t.s[q] == ' ' || t.s[q] == '\t')) {
        size_t ds = skip_hspace(t, b + 4, e);
        memcpy(date, t.s + ds, 10);
        a->date_span = (kg_span){(uint32_t)ds, 10};
        size_t tb = skip_hspace(t, q, e), te = trim_end(t, tb, e);
        a->title_span = (kg_span){(uint32_t)tb, (uint32_t)(te - tb)};
        found = 1;
        p = skip_blank_lines(t, e);
    } else if (!date_line(t, p, e, date) &&
               !dateline(t, b, e, &(dateline_match){{0, 0}, {0, 0}, 0}) && title_line(t, b, e)) {
        size_t te = trim_end(t, b, e);
        a->title_span = (kg_span){(uint32_t)b, (uint32_t)(te - b)};
        found = 1;
        p = skip_blank_lines(t, e);
    } else {
        date[0] = '\0';
    }

    /* date line: "November 21, 2024" */
    if (p < t.len) {
        e = line_end(t, p);
        char ld[11];
        if (date_line(t, p, e, ld)) {
            if (!date[0]) {
                memcpy(date, ld, sizeof ld);
                size_t db = skip_hspace(t, p, e);
                a->date_span = (kg_span){(uint32_t)db, (uint32_t)(trim_end(t, db, e) - db)};
            }
            found = 1;
            p = skip_blank_lines(t, e);
        }
    }

    /* dateline at the start of the first body paragraph */
    if (p < t.len) {
        e = line_end(t, p);
        b = skip_hspace(t, p, e);
        dateline_match dm;
        if (dateline(t, b, e, &dm)) {
            a->dateline_span = dm.place;
            a->agency_span = dm.agency;
            p = dm.body;
            found = 1;
        } else {
            p = b;
        }
    }
    if (!found) return;
    a->body_off = p;
    a->date = date[0] ? kg_xstrndup(date, 10) : NULL;
    a->title = span_dup(a, a->title_span);
    a->dateline = span_dup(a, a->dateline_span);
    a->agency = span_dup(a, a->agency_span);
}

/* ---------------------------------------------------------------------
 * Char offsets
 * ------------------------------------------------------------------- */

/*   text:  |<- block 0 (64 B) ->|<- block 1 ->|<- block 2 ->| ...
 *   char_index[k] = code points that start before byte 64*k
 * so a lookup counts at most 63 bytes, in any order of calls. */
static void build_char_index(kg_article *a)
{
    if (a->ascii) return;
    size_t nb = a->len / CHAR_BLOCK + 1;
    a->char_index = kg_xmalloc(nb * sizeof *a->char_index);
    uint32_t count = 0;
    for (size_t k = 0; k < nb; k++) {
        a->char_index[k] = count;
        size_t b = k * CHAR_BLOCK, e = b + CHAR_BLOCK < a->len ? b + CHAR_BLOCK : a->len;
        for (size_t i = b; i < e; i++)
            count += ((unsigned char)a->text[i] & 0xC0) != 0x80;
    }
}

size_t kg_article_char_offset(const kg_article *article, size_t byte_off)
{
    if (byte_off > article->len) byte_off = article->len;
    if (article->ascii) return byte_off;
    size_t k = 0, n = 0;
    if (article->char_index) {
        k = byte_off / CHAR_BLOCK;
        n = article->char_index[k];
        k *= CHAR_BLOCK;
    }
    for (size_t i = k; i < byte_off; i++)
        n += ((unsigned char)article->text[i] & 0xC0) != 0x80;
    return n;
}

/* ---------------------------------------------------------------------
 * Building an article
 * ------------------------------------------------------------------- */

static const char *shown_name(const char *name)
{
    return name ? name : "-";
}

static int is_ascii(const char *s, size_t len)
{
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ull) return 0;
    }
    for (; i < len; i++)
        if ((unsigned char)s[i] & 0x80) return 0;
    return 1;
}

kg_status kg_article_from_memory(const char *name, const char *buf, size_t len,
                                 const kg_reader_opts *opts, const kg_diag_sink *diags,
                                 kg_article **out)
{
    kg_reader_opts o = opts ? *opts : kg_reader_opts_default();
    const char *fname = shown_name(name);
    *out = NULL;
    if (o.max_bytes && len > o.max_bytes) {
        kg_diag_report(diags, KG_ERROR, KG_ERR_TOO_BIG, fname, 0, 0, UINT64_MAX,
                       "input too large: more than the limit of %zu bytes", o.max_bytes);
        return KG_ERR_TOO_BIG;
    }
    const char *nul = len ? memchr(buf, '\0', len) : NULL;
    if (nul) {
        size_t off = (size_t)(nul - buf);
        uint64_t line, col;
        locate(buf, off, &line, &col);
        kg_diag_report(diags, KG_ERROR, KG_ERR_BINARY, fname, line, col, off,
                       "binary input: NUL byte at byte offset %zu", off);
        return KG_ERR_BINARY;
    }
    const char *why = "";
    size_t bad = find_bad_utf8((const unsigned char *)buf, len, &why);
    if (bad < len) {
        uint64_t line, col;
        locate(buf, bad, &line, &col);
        kg_diag_report(diags, KG_ERROR, KG_ERR_UTF8, fname, line, col, bad,
                       "invalid UTF-8 (%s, byte 0x%02X) at line %llu, column %llu, byte offset %zu",
                       why, (unsigned)(unsigned char)buf[bad], (unsigned long long)line,
                       (unsigned long long)col, bad);
        return KG_ERR_UTF8;
    }

    /* Pass 2: BOM and line ends. */
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) buf += 3, len -= 3;
    char *text = kg_xmalloc(len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        char c = buf[i];
        if (c == '\r') {
            c = '\n';
            if (i + 1 < len && buf[i + 1] == '\n') i++;
        }
        text[n++] = c;
    }
    text[n] = '\0';

    /* Pass 3: NFC. */
    int ascii = is_ascii(text, n);
    if (!ascii) {
        utf8proc_uint8_t *nfc = NULL;
        utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)text, (utf8proc_ssize_t)n, &nfc,
                                          UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        free(text);
        if (r < 0) {
            kg_diag_report(diags, KG_ERROR, KG_ERR_LIB, fname, 0, 0, UINT64_MAX, "utf8proc: %s",
                           utf8proc_errmsg(r));
            return KG_ERR_LIB;
        }
        text = (char *)nfc;
        n = (size_t)r;
    }
    if (n == 0 || all_space(text, n)) {
        free(text);
        kg_diag_report(diags, KG_ERROR, KG_ERR_EMPTY, fname, 0, 0, UINT64_MAX,
                       len == 0 ? "empty input" : "empty input: only white space");
        return KG_ERR_EMPTY;
    }

    kg_article *a = kg_xcalloc(1, sizeof *a);
    a->name = kg_xstrndup(fname, strlen(fname));
    a->text = text;
    a->len = n;
    a->ascii = ascii;
    build_char_index(a);
    if (!o.no_header) recognise_header(a);
    *out = a;
    return KG_SUCCESS;
}

void kg_article_free(kg_article *a)
{
    if (!a) return;
    free(a->name);
    free(a->text);
    free(a->date);
    free(a->title);
    free(a->dateline);
    free(a->agency);
    free(a->url);
    free(a->char_index);
    free(a);
}

/* ---------------------------------------------------------------------
 * Chunked reader and files
 * ------------------------------------------------------------------- */

struct kg_reader {
    char *name;
    kg_reader_opts opts;
    const kg_diag_sink *diags;
    char *buf;
    size_t len, cap;
    int too_big; ///< the limit was passed (reported once)
};

kg_reader *kg_reader_new(const char *name, const kg_reader_opts *opts, const kg_diag_sink *diags)
{
    kg_reader *r = kg_xcalloc(1, sizeof *r);
    const char *n = shown_name(name);
    r->name = kg_xstrndup(n, strlen(n));
    r->opts = opts ? *opts : kg_reader_opts_default();
    r->diags = diags;
    return r;
}

kg_status kg_reader_feed(kg_reader *r, const char *buf, size_t len)
{
    if (r->too_big) return KG_ERR_TOO_BIG;
    if (r->opts.max_bytes && len > r->opts.max_bytes - r->len) {
        r->too_big = 1;
        kg_diag_report(r->diags, KG_ERROR, KG_ERR_TOO_BIG, r->name, 0, 0, UINT64_MAX,
                       "input too large: more than the limit of %zu bytes", r->opts.max_bytes);
        return KG_ERR_TOO_BIG;
    }
    void *items = r->buf;
    kg_grow(&items, &r->cap, r->len + len, 1);
    r->buf = items;
    if (len) memcpy(r->buf + r->len, buf, len);
    r->len += len;
    return KG_SUCCESS;
}

kg_status kg_reader_finish(kg_reader *r, kg_article **out)
{
    *out = NULL;
    if (r->too_big) return KG_ERR_TOO_BIG;
    return kg_article_from_memory(r->name, r->buf ? r->buf : "", r->len, &r->opts, r->diags, out);
}

void kg_reader_free(kg_reader *r)
{
    if (!r) return;
    free(r->name);
    free(r->buf);
    free(r);
}

kg_status kg_article_read_file(const char *path, const kg_reader_opts *opts,
                               const kg_diag_sink *diags, kg_article **out)
{
    *out = NULL;
    int use_stdin = strcmp(path, "-") == 0;
    FILE *f = use_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        int e = errno;
        kg_diag_report(diags, KG_ERROR, KG_ERR_IO, path, 0, 0, UINT64_MAX, "cannot open %s: %s",
                       path, strerror(e));
        return KG_ERR_IO;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        if (!use_stdin) fclose(f);
        kg_diag_report(diags, KG_ERROR, KG_ERR_IO, path, 0, 0, UINT64_MAX, "cannot read %s: %s",
                       path, strerror(EISDIR));
        return KG_ERR_IO;
    }
    kg_reader *r = kg_reader_new(path, opts, diags);
    kg_status s = KG_SUCCESS;
    char chunk[65536];
    size_t n;
    while (s == KG_SUCCESS && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        s = kg_reader_feed(r, chunk, n);
    if (s == KG_SUCCESS && ferror(f)) {
        int e = errno;
        kg_diag_report(diags, KG_ERROR, KG_ERR_IO, path, 0, 0, UINT64_MAX, "cannot read %s: %s",
                       path, strerror(e ? e : EIO));
        s = KG_ERR_IO;
    }
    if (!use_stdin) fclose(f);
    if (s == KG_SUCCESS) s = kg_reader_finish(r, out);
    kg_reader_free(r);
    return s;
}
