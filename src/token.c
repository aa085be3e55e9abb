/* SPDX-License-Identifier: MIT
 * kg: the tokenizer (UD English-EWT conventions, utf8proc character classes). */

#include "kg/token.h"

#include "abbrev_table.h"
#include "text_abbrev.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* How it works
 * ------------
 * The text is cut into CHUNKS at white space; each chunk is then cut into
 * tokens from left to right with bounded look-ahead, so the cost is linear
 * in the text whatever it holds (a 1 MB chunk, 10,000 quotes):
 *
 *     text:   ...  "don't  stop,"  he said.  ...
 *                  ^chunk_begin ^chunk_end
 *     tokens:      " | do | n't      (n't is a CLITIC split off "don't")
 *
 * A word that must be split in two (a clitic, "cannot" -> "can" "not")
 * leaves the second half in tk->clitic_off/clitic_end for the next call.
 * Every token is a slice {off, len}; nothing is copied. */

/* ---------------------------------------------------------------------
 * Character classes
 * ------------------------------------------------------------------- */

enum {
    C_SPACE,  /* white space other than line breaks; controls; ZWSP */
    C_NL,     /* line break */
    C_LOWER,  /* Ll */
    C_UPPER,  /* Lu, Lt */
    C_LETTER, /* Lm, Lo: uncased letters (CJK, Arabic, ...) */
    C_MARK,   /* Mn, Mc, Me, Cf: continue the current word */
    C_DIGIT,  /* Nd, Nl, No */
    C_APOS,   /* ' and U+2019 */
    C_PUNCT,  /* P* */
    C_SYM     /* S*, private use, unassigned */
};

static const unsigned char ascii_cls[128] = {
    C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE,
    C_NL,    C_SPACE, C_SPACE, C_NL,    C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE,
    C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE,
    C_SPACE, C_SPACE, C_SPACE, C_PUNCT, C_PUNCT, C_SYM,   C_SYM,   C_SYM,   C_SYM,   C_APOS,
    C_PUNCT, C_PUNCT, C_SYM,   C_SYM,   C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_DIGIT, C_DIGIT,
    C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_PUNCT, C_PUNCT,
    C_SYM,   C_SYM,   C_SYM,   C_PUNCT, C_SYM,   C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER,
    C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER,
    C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER,
    C_UPPER, C_PUNCT, C_SYM,   C_PUNCT, C_SYM,   C_PUNCT, C_SYM,   C_LOWER, C_LOWER, C_LOWER,
    C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER,
    C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER,
    C_LOWER, C_LOWER, C_LOWER, C_PUNCT, C_SYM,   C_PUNCT, C_SYM,   C_SPACE,
};

/* 1: ASCII white space or control (ends a chunk); 2: '@' or a non-ASCII
 * byte (look closer); 0: anything else. */
static const unsigned char chunk_stop[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2};

static int unicode_class(int32_t cp)
{
    switch (cp) {
    case 0x2019:
        return C_APOS;
    case 0x85:
    case 0x2028:
    case 0x2029:
        return C_NL;
    case 0x200B:
    case 0x2060:
    case 0xFEFF:
        return C_SPACE;
    default:
        break;
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        return C_UPPER;
    case UTF8PROC_CATEGORY_LL:
        return C_LOWER;
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return C_LETTER;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_CF:
        return C_MARK;
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return C_DIGIT;
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
        return C_PUNCT;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_CC:
        return C_SPACE;
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
        return C_NL;
    default:
        return C_SYM;
    }
}

static int is_word_cls(int c)
{
    return c >= C_LOWER && c <= C_DIGIT;
}

static int is_letter_cls(int c)
{
    return c >= C_LOWER && c <= C_MARK;
}

/* ---------------------------------------------------------------------
 * Abbreviation table
 * ------------------------------------------------------------------- */

int kg_abbrev_lookup(const char *s, size_t len)
{
    size_t lo = 0, hi = sizeof kg_abbrev_table / sizeof kg_abbrev_table[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const struct kg_abbrev_entry *e = &kg_abbrev_table[mid];
        size_t n = e->len < len ? e->len : len;
        int c = memcmp(e->s, s, n);
        if (c == 0) c = (e->len > len) - (e->len < len);
        if (c == 0) return e->cls;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* ---------------------------------------------------------------------
 * Tokenizer state
 * ------------------------------------------------------------------- */

struct kg_tokenizer {
    const char *s;
    size_t len, base;
    size_t pos;                    ///< next byte to look at
    size_t chunk_begin, chunk_end; ///< the current white-space-free run
    int chunk_has_at;              ///< the chunk holds '@' (e-mail possible)
    size_t email_fail;             ///< e-mail local parts before here end without '@'
    size_t clitic_off, clitic_end; ///< pending second half of a split word
};

kg_tokenizer *kg_tokenizer_new(const char *text, size_t len, size_t base)
{
    kg_tokenizer *tk = kg_xcalloc(1, sizeof *tk);
    tk->s = text;
    tk->len = len;
    tk->base = base;
    tk->clitic_off = SIZE_MAX;
    return tk;
}

void kg_tokenizer_free(kg_tokenizer *tk)
{
    free(tk);
}

/* Class of the character at @p q (< tk->len); *n receives its length. */
static inline int char_at(const kg_tokenizer *tk, size_t q, int32_t *cp, size_t *n)
{
    unsigned char b = (unsigned char)tk->s[q];
    if (b < 0x80) {
        *cp = b;
        *n = 1;
        return ascii_cls[b];
    }
    utf8proc_int32_t c;
    utf8proc_ssize_t k =
        utf8proc_iterate((const utf8proc_uint8_t *)tk->s + q, (utf8proc_ssize_t)(tk->len - q), &c);
    if (k <= 0) { /* not UTF-8: the reader prevents this; stay linear */
        *cp = 0xFFFD;
        *n = 1;
        return C_SYM;
    }
    *cp = c;
    *n = (size_t)k;
    return unicode_class(c);
}

static inline int cls_at(const kg_tokenizer *tk, size_t q)
{
    int32_t cp;
    size_t n;
    return char_at(tk, q, &cp, &n);
}

static int lower_ascii(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

/* Case-insensitive ASCII comparison of s[0..n) with the lower-case @p w. */
static int eq_lower(const char *s, size_t n, const char *w)
{
    size_t i = 0;
    for (; i < n; i++)
        if (!w[i] || lower_ascii((unsigned char)s[i]) != w[i]) return 0;
    return w[i] == '\0';
}

/* ---------------------------------------------------------------------
 * Special forms: URLs, e-mail addresses, emoticons
 * ------------------------------------------------------------------- */

static int has_prefix_ci(const kg_tokenizer *tk, size_t p, const char *w)
{
    size_t n = strlen(w);
    return p + n <= tk->chunk_end && eq_lower(tk->s + p, n, w);
}

/* url: "http://", "https://", "ftp://", "mailto:" or "www." + alnum,
 * to the end of the chunk less closing punctuation. */
static size_t scan_url(const kg_tokenizer *tk, size_t p)
{
    size_t e = tk->chunk_end;
    if (!(has_prefix_ci(tk, p, "http://") || has_prefix_ci(tk, p, "https://") ||
          has_prefix_ci(tk, p, "ftp://") || has_prefix_ci(tk, p, "mailto:") ||
          (has_prefix_ci(tk, p, "www.") && p + 4 < e && is_word_cls(cls_at(tk, p + 4)))))
        return 0;
    int open = 0;
    for (size_t i = p; i < e; i++)
        open += tk->s[i] == '(';
    while (e > p) {
        unsigned char c = (unsigned char)tk->s[e - 1];
        if (c < 0x80 ? (strchr(".,;:!?'\"]}>", c) != NULL || (c == ')' && !open))
                     : (e - p >= 3 &&
                        ((unsigned char)tk->s[e - 3] == 0xE2 &&
                         (unsigned char)tk->s[e - 2] == 0x80 && (c == 0x99 || c == 0x9D)))) {
            e -= c < 0x80 ? 1 : 3;
            continue;
        }
        break;
    }
    return e - p > 7 ? e : 0;
}

static int is_email_local(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '%' || c == '+' || c == '-';
}

static int is_alnum_ascii(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* email: local@label(.label)+ with a final label of 2+ letters. */
static size_t scan_email(kg_tokenizer *tk, size_t p)
{
    size_t e = tk->chunk_end, q = p;
    if (p < tk->email_fail) return 0;
    while (q < e && is_email_local((unsigned char)tk->s[q]))
        q++;
    if (q >= e || tk->s[q] != '@' || q == p) {
        tk->email_fail = q + 1;
        return 0;
    }
    size_t d = q + 1, end = 0;
    int labels = 0;
    for (;;) {
        size_t b = d;
        while (d < e && (is_alnum_ascii((unsigned char)tk->s[d]) || tk->s[d] == '-'))
            d++;
        if (d == b) break;
        labels++;
        int alpha = 1;
        for (size_t i = b; i < d; i++)
            alpha &= !(tk->s[i] >= '0' && tk->s[i] <= '9') && tk->s[i] != '-';
        if (labels >= 2 && alpha && d - b >= 2) end = d;
        if (d + 1 < e && tk->s[d] == '.' && is_alnum_ascii((unsigned char)tk->s[d + 1]))
            d++;
        else
            break;
    }
    if (!end) {
        tk->email_fail = q + 1;
        return 0;
    }
    return end;
}

/* Emoticons EWT keeps whole (":)", ";)", "^_^", "<3"). */
static size_t scan_emoticon(const kg_tokenizer *tk, size_t p)
{
    static const char *const faces[] = {":-)", ":-(", ";-)", ":-/", ":-D", ":-P", ":'(",
                                        "^_^", ":)",  ":(",  ";)",  ":D",  ":P",  ":p",
                                        ":/",  "=)",  "=(",  "<3",  ":O",  ":o"};
    for (size_t i = 0; i < sizeof faces / sizeof faces[0]; i++) {
        size_t n = strlen(faces[i]);
        if (p + n > tk->chunk_end || memcmp(tk->s + p, faces[i], n) != 0) continue;
        if (p + n < tk->chunk_end && is_word_cls(cls_at(tk, p + n))) continue; /* ":Do", ":/path" */
        if (p + n < tk->chunk_end && tk->s[p + n] == '/') continue;
        char last = faces[i][n - 1];
        if (((last >= 'A' && last <= 'Z') || (last >= 'a' && last <= 'z')) && p > tk->chunk_begin &&
            is_word_cls(cls_at(tk, p - 1)))
            continue; /* "Note:Do" */
        return p + n;
    }
    return 0;
}

/* ---------------------------------------------------------------------
 * Words
 * ------------------------------------------------------------------- */

/* Prefixes EWT keeps attached before a hyphen ("e-mail", "non-human",
 * "co-workers"); every other hyphenated compound is split. */
static int keeps_hyphen(const char *s, size_t n)
{
    static const char *const prefixes[] = {
        "e",     "non", "pre", "anti",  "re",     "mid",   "post",  "co",    "over",  "pro",
        "multi", "ex",  "sub", "semi",  "psycho", "neo",   "socio", "micro", "intra", "counter",
        "arch",  "bi",  "tri", "macro", "mega",   "ultra", "quasi", "pseudo"};
    if (n > 7) return 0;
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (eq_lower(s, n, prefixes[i])) return 1;
    return 0;
}

/* Contractions written without an apostrophe, as EWT splits them:
 * "dont" -> "do" "nt", "cannot" -> "can" "not", "gonna" -> "gon" "na". */
static size_t contraction_split(const char *s, size_t n)
{
    static const struct {
        const char *w;
        unsigned char at;
    } forms[] = {{"dont", 2},  {"cant", 2},  {"wont", 2},    {"didnt", 3},   {"doesnt", 4},
                 {"isnt", 2},  {"wasnt", 3}, {"arent", 3},   {"werent", 4},  {"havent", 4},
                 {"hasnt", 3}, {"hadnt", 3}, {"couldnt", 5}, {"wouldnt", 5}, {"shouldnt", 6},
                 {"aint", 2},  {"gonna", 3}, {"wanna", 3},   {"gotta", 3},   {"cannot", 3},
                 {"gimme", 3}, {"lemme", 3}, {"youre", 3},   {"theyre", 4},  {"thats", 4},
                 {"whats", 4}, {"theres", 5}};
    /* "im", "Im", "ive", "Ive" (not "IM") */
    if ((n == 2 && (s[0] == 'i' || s[0] == 'I') && s[1] == 'm') ||
        (n == 3 && (s[0] == 'i' || s[0] == 'I') && s[1] == 'v' && s[2] == 'e'))
        return 1;
    if (n < 4 || n > 8) return 0;
    /* cheap rejection first: every form ends in one of these pairs */
    char a = (char)lower_ascii((unsigned char)s[n - 2]),
         b = (char)lower_ascii((unsigned char)s[n - 1]);
    if (!((a == 'n' && b == 't') || (b == 'a' && (a == 'n' || a == 't')) ||
          (a == 'o' && b == 't') || (a == 'm' && b == 'e') || (a == 'r' && b == 'e') ||
          (a == 't' && b == 's') || (a == 'e' && b == 's')))
        return 0;
    char w[8];
    for (size_t i = 0; i < n; i++)
        w[i] = (char)lower_ascii((unsigned char)s[i]);
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        if (forms[i].w[0] == w[0] && strncmp(forms[i].w, w, n) == 0 && forms[i].w[n] == 0)
            return forms[i].at;
    return 0;
}

/* Phone numbers stay whole ("555-1234", "713-853-5660", "1-800-555-1234");
 * ranges ("1990-1995", "400-500") are split.  @p q is the first hyphen;
 * the digits before it start at @p p.  Returns the end or 0. */
static size_t scan_phone(const kg_tokenizer *tk, size_t p, size_t q)
{
    size_t first = q - p, groups[4], ng = 0, i = q, e = tk->chunk_end;
    for (size_t k = p; k < q; k++)
        if (tk->s[k] < '0' || tk->s[k] > '9') return 0;
    while (ng < 4 && i < e && tk->s[i] == '-') {
        size_t b = ++i;
        while (i < e && i - b < 5 && tk->s[i] >= '0' && tk->s[i] <= '9')
            i++;
        if (i == b) return 0;
        groups[ng++] = i - b;
    }
    if (i < e && (is_word_cls(cls_at(tk, i)) || tk->s[i] == '-')) return 0;
    int ok = (first == 3 && ng == 1 && groups[0] == 4) ||
             (first == 1 && ng == 1 && groups[0] == 4) ||
             (first == 3 && ng == 2 && groups[0] == 3 && groups[1] == 4) ||
             (first == 1 && ng == 3 && groups[0] == 3 && groups[1] == 3 && groups[2] == 4);
    return ok ? i : 0;
}

typedef struct {
    size_t end;
    uint8_t kind, flags;
} scan_result;

static void set_clitic(kg_tokenizer *tk, size_t b, size_t e)
{
    tk->clitic_off = b;
    tk->clitic_end = e;
}

/* word: a run of letters, digits and marks, with the inner connectors
 * EWT keeps ("U.S", "3.5", "1,000", "10:30", "11/21/2024", "R&D",
 * "O'Brien", "e-mail"), then perhaps a clitic split off and perhaps the
 * period of an abbreviation. */
static scan_result scan_word(kg_tokenizer *tk, size_t p)
{
    const char *s = tk->s;
    size_t e = tk->chunk_end, q = p, n;
    int32_t cp;
    int first = char_at(tk, p, &cp, &n);
    int numeric = first == C_DIGIT; /* only digits and numeric separators so far */
    int plain = first != C_DIGIT;   /* only letters so far (hyphen prefixes) */
    int uppers = 0, lowers = 0, letters = 0;
    int periods = 0, seg = 0, long_seg = 0; /* for "U.S." / "Ph.D." */
    int prev = -1, split = 0;
    while (q < e) {
        if (prev != C_DIGIT && (unsigned char)(s[q] - 'a') < 26) {
            /* fast path: a run of ASCII lower-case letters */
            size_t q0 = q;
            do
                q++;
            while (q < e && (unsigned char)(s[q] - 'a') < 26);
            int k = (int)(q - q0);
            lowers += k;
            letters += k;
            seg += k;
            numeric = 0;
            prev = C_LOWER;
            continue;
        }
        int c = char_at(tk, q, &cp, &n);
        if (is_word_cls(c)) {
            if (c != C_DIGIT && c != C_MARK && prev == C_DIGIT && numeric) {
                /* "21st", "1990s", "3D" stay; "5pm", "10am", "3m" split */
                if (c == C_LOWER) {
                    size_t r = q;
                    while (r < e && s[r] >= 'a' && s[r] <= 'z' && r - q < 4)
                        r++;
                    int ordinal =
                        (r - q == 2 && (eq_lower(s + q, 2, "st") || eq_lower(s + q, 2, "nd") ||
                                        eq_lower(s + q, 2, "rd") || eq_lower(s + q, 2, "th"))) ||
                        (r - q == 1 && s[q] == 's');
                    if (!ordinal || (r < e && is_word_cls(cls_at(tk, r)))) break;
                    q = r;
                    prev = C_LOWER;
                    continue;
                }
                numeric = 0;
            }
            if (c == C_UPPER)
                uppers++;
            else if (c == C_LOWER)
                lowers++;
            if (c != C_DIGIT) {
                letters++;
                seg++;
                if (c != C_MARK) numeric = 0;
            } else {
                plain = 0;
                long_seg = 1;
            }
            prev = c;
            q += n;
            continue;
        }
        if (prev < 0 || q + n >= e) break;
        size_t nn;
        int32_t ncp;
        int nc = char_at(tk, q + n, &ncp, &nn);
        int next_word = is_word_cls(nc);
        if (cp == '.' && next_word) {
            periods++;
            if (seg > 2) long_seg = 1;
            seg = 0;
            plain = 0;
            if (nc != C_DIGIT) numeric = 0;
        } else if (cp == ',' && numeric && prev == C_DIGIT && q + 4 <= e && s[q + 1] >= '0' &&
                   s[q + 1] <= '9' && s[q + 2] >= '0' && s[q + 2] <= '9' && s[q + 3] >= '0' &&
                   s[q + 3] <= '9' && (q + 4 == e || s[q + 4] < '0' || s[q + 4] > '9')) {
            /* "1,000" */
        } else if ((cp == ':' || cp == '/') && numeric && prev == C_DIGIT && nc == C_DIGIT) {
            /* "10:30", "11/21/2024" */
        } else if (cp == '/' && q == p + 1 && is_letter_cls(prev) && is_letter_cls(nc) &&
                   (q + 2 >= e || !is_word_cls(cls_at(tk, q + 2)))) {
            q += 2; /* "b/c", "w/o" */
            break;
        } else if (cp == '-' && next_word) {
            if (numeric && nc == C_DIGIT) {
                size_t ph = scan_phone(tk, p, q);
                if (ph) {
                    q = ph;
                    break;
                }
                break;
            }
            if (!(plain && nc != C_DIGIT && keeps_hyphen(s + p, q - p))) break;
            plain = 0;
        } else if (cp == '&' && prev == C_UPPER && nc == C_UPPER) {
            /* "R&D", "AT&T" */
        } else if (cp == '_' && next_word) {
            /* "file_name" */
        } else if (is_letter_cls(prev) && (cp == '\'' || cp == 0x2019)) {
            /* clitic: 's 're 've 'll 'd 'm n't */
            size_t r = q + n;
            while (r < e && r - (q + n) < 4 &&
                   ((s[r] >= 'a' && s[r] <= 'z') || (s[r] >= 'A' && s[r] <= 'Z')))
                r++;
            size_t rl = r - (q + n);
            int ends = r >= e || !is_word_cls(cls_at(tk, r));
            const char *rest = s + q + n;
            if (ends && rl >= 1 &&
                (eq_lower(rest, rl, "s") || eq_lower(rest, rl, "re") || eq_lower(rest, rl, "ve") ||
                 eq_lower(rest, rl, "ll") || eq_lower(rest, rl, "d") || eq_lower(rest, rl, "m"))) {
                set_clitic(tk, q, r);
                split = 1;
                break;
            }
            if (ends && rl == 1 && lower_ascii(rest[0]) == 't' && q - 1 > p &&
                lower_ascii(s[q - 1]) == 'n') {
                set_clitic(tk, q - 1, r);
                q--;
                split = 1;
                break;
            }
            if (!is_letter_cls(nc)) break;
            plain = 0;
        } else if ((cp == '\'' || cp == 0x2019) && prev == C_DIGIT && (ncp == 's') &&
                   (q + n + 1 >= e || !is_word_cls(cls_at(tk, q + n + 1)))) {
            q += n + 1; /* "1990's" */
            break;
        } else {
            break;
        }
        prev = -2; /* a connector: the next character must be a word character */
        q += n;
    }

    scan_result r = {q, (uint8_t)(first == C_DIGIT ? KG_TOK_NUMBER : KG_TOK_WORD), 0};
    if (!split && plain) {
        size_t at = contraction_split(s + p, q - p);
        if (at) {
            set_clitic(tk, p + at, q);
            r.end = p + at;
            split = 1;
        }
    }
    if (!split && first != C_DIGIT && q < e && s[q] == '.') {
        /* abbreviation: table, acronym ("U.S."), or a capital initial ("J.") */
        int cls = kg_abbrev_lookup(s + p, q + 1 - p);
        if (cls < 0 && uppers >= 2 && lowers == 0 && q - p < 8) {
            /* "LTD." as "Ltd.", "INC." as "Inc." */
            char tc[9];
            for (size_t k = 0; k < q - p; k++)
                tc[k] = (char)(k ? lower_ascii((unsigned char)s[p + k]) : s[p + k]);
            tc[q - p] = '.';
            cls = kg_abbrev_lookup(tc, q - p + 1);
        }
        int attach = 0;
        if (cls == KG_ABBR_NUMBER) {
            size_t k = q + 1;
            while (k < tk->len && (s[k] == ' ' || s[k] == '\t'))
                k++;
            attach = k < tk->len && s[k] >= '0' && s[k] <= '9';
        } else if (cls >= 0) {
            attach = 1;
        } else if (periods > 0 && seg <= 2 && !long_seg) {
            attach = 1;
        } else if (letters == 1 && uppers == 1 && periods == 0 && s[p] != 'I') {
            attach = 1;
        }
        if (attach) {
            r.end = q + 1;
            r.flags |= KG_TOKF_ABBREV;
        }
    }
    if (first == C_UPPER) r.flags |= KG_TOKF_UPPER_INITIAL;
    if (uppers >= 2 && lowers == 0) r.flags |= KG_TOKF_ALL_UPPER;
    return r;
}

/* Case flags of an arbitrary slice (clitics). */
static uint8_t case_flags(const kg_tokenizer *tk, size_t b, size_t e)
{
    int uppers = 0, lowers = 0, first = -1;
    for (size_t q = b; q < e;) {
        int32_t cp;
        size_t n;
        int c = char_at(tk, q, &cp, &n);
        if (first < 0 && is_letter_cls(c)) first = c;
        uppers += c == C_UPPER;
        lowers += c == C_LOWER;
        q += n;
    }
    uint8_t f = 0;
    if (first == C_UPPER) f |= KG_TOKF_UPPER_INITIAL;
    if (uppers >= 2 && lowers == 0) f |= KG_TOKF_ALL_UPPER;
    return f;
}

/* ---------------------------------------------------------------------
 * Punctuation and symbols
 * ------------------------------------------------------------------- */

static int is_symbol_ascii(unsigned char c)
{
    return strchr("$%&*+<=>@#^`|~\\", c) != NULL;
}

/* One grapheme cluster starting at @p p (an emoji with its modifiers and
 * joiners, a flag, a character with combining marks). */
static size_t grapheme_end(const kg_tokenizer *tk, size_t p)
{
    int32_t cp, prev;
    size_t n;
    char_at(tk, p, &prev, &n);
    size_t q = p + n;
    utf8proc_int32_t state = 0;
    while (q < tk->chunk_end) {
        if ((unsigned char)tk->s[q] < 0x80 && prev < 0x80)
            break; /* ASCII never joins ASCII (CR LF is white space here) */
        char_at(tk, q, &cp, &n);
        if (utf8proc_grapheme_break_stateful(prev, cp, &state)) break;
        prev = cp;
        q += n;
    }
    return q;
}

static scan_result scan_punct(kg_tokenizer *tk, size_t p, int c, int32_t cp)
{
    const char *s = tk->s;
    size_t e = tk->chunk_end, q = p;
    scan_result r = {0, KG_TOK_PUNCT, 0};
    if (c == C_APOS) {
        /* "'99", "'90s" */
        if (cp == '\'' || cp == 0x2019) {
            size_t d = p + (cp == '\'' ? 1 : 3);
            if (d + 2 <= e && s[d] >= '0' && s[d] <= '9' && s[d + 1] >= '0' && s[d + 1] <= '9') {
                size_t k = d + 2;
                if (k < e && s[k] == 's') k++;
                if (k >= e || !is_word_cls(cls_at(tk, k))) {
                    r.end = k;
                    r.kind = KG_TOK_NUMBER;
                    return r;
                }
            }
        }
        if (cp == '\'' && p + 1 < e && s[p + 1] == '\'') {
            r.end = p + 2; /* '' */
            return r;
        }
        r.end = p + (cp == '\'' ? 1 : 3);
        /* possessive after s: "teachers'" */
        if (p > tk->chunk_begin && (s[p - 1] == 's' || s[p - 1] == 'S') &&
            (r.end >= e || !is_word_cls(cls_at(tk, r.end))))
            r.flags |= KG_TOKF_CLITIC;
        return r;
    }
    if (cp < 0x80) {
        unsigned char b = (unsigned char)cp;
        size_t em =
            (b == ':' || b == ';' || b == '=' || b == '^' || b == '<') ? scan_emoticon(tk, p) : 0;
        if (em) {
            r.end = em;
            r.kind = KG_TOK_SYMBOL;
            return r;
        }
        if (b == '.' || b == '!' || b == '?') { /* "...", "!!", "?!" */
            while (q < e && (s[q] == '.' || s[q] == '!' || s[q] == '?'))
                q++;
            r.end = q;
            return r;
        }
        if (strchr("-_=*~#+<>$", b)) { /* "--", "***", "<<", "$$$" */
            while (q < e && s[q] == (char)b)
                q++;
            r.end = q;
            r.kind = is_symbol_ascii(b) ? KG_TOK_SYMBOL : KG_TOK_PUNCT;
            return r;
        }
        if (b == '`' && p + 1 < e && s[p + 1] == '`') {
            r.end = p + 2;
            return r;
        }
        r.end = grapheme_end(tk, p);
        r.kind = is_symbol_ascii(b) ? KG_TOK_SYMBOL : KG_TOK_PUNCT;
        return r;
    }
    r.end = grapheme_end(tk, p);
    r.kind = c == C_PUNCT ? KG_TOK_PUNCT : KG_TOK_SYMBOL;
    return r;
}

/* ---------------------------------------------------------------------
 * The iterator
 * ------------------------------------------------------------------- */

kg_status kg_tokenizer_next(kg_tokenizer *tk, kg_token *out)
{
    const char *s = tk->s;
    uint8_t flags = 0;
    size_t p = tk->pos;
    if (p >= tk->chunk_end) {
        /* white space: count line breaks for NEWLINE/PARA_BEFORE */
        int nl = 0;
        size_t start = p;
        while (p < tk->len) {
            int32_t cp;
            size_t n;
            int c = char_at(tk, p, &cp, &n);
            if (c == C_NL) {
                if (!(cp == '\n' && p > 0 && s[p - 1] == '\r')) nl += cp == 0x2029 ? 2 : 1;
            } else if (c != C_SPACE) {
                break;
            }
            p += n;
        }
        if (p >= tk->len) {
            tk->pos = p;
            return KG_FAILURE;
        }
        if (p > start) flags |= KG_TOKF_SPACE_BEFORE;
        if (nl >= 1) flags |= KG_TOKF_NEWLINE_BEFORE;
        if (nl >= 2) flags |= KG_TOKF_PARA_BEFORE;
        /* the chunk: up to the next white space.  chunk_stop[] is 0 for
         * ASCII bytes that cannot end a chunk and are not '@'. */
        size_t q = p;
        int at = 0;
        while (q < tk->len) {
            unsigned char b = (unsigned char)s[q];
            if (!chunk_stop[b]) {
                q++;
                continue;
            }
            if (chunk_stop[b] == 1) break;
            if (b == '@') {
                at = 1;
                q++;
                continue;
            }
            int32_t cp;
            size_t n;
            int c = char_at(tk, q, &cp, &n);
            if (c == C_SPACE || c == C_NL) break;
            q += n;
        }
        tk->chunk_begin = p;
        tk->chunk_end = q;
        tk->chunk_has_at = at;
        tk->email_fail = 0;
    }

    scan_result r;
    if (p == tk->clitic_off) {
        r.end = tk->clitic_end;
        r.kind = KG_TOK_WORD;
        r.flags = (uint8_t)(KG_TOKF_CLITIC | case_flags(tk, p, r.end));
        tk->clitic_off = SIZE_MAX;
    } else {
        int32_t cp;
        size_t n;
        int c = char_at(tk, p, &cp, &n);
        size_t u = 0;
        if (c == C_LOWER || c == C_UPPER) {
            unsigned char b = (unsigned char)lower_ascii((unsigned char)s[p]);
            unsigned char b2 = p + 1 < tk->chunk_end ? (unsigned char)s[p + 1] | 0x20 : 0;
            if ((b == 'h' && b2 == 't') || (b == 'w' && b2 == 'w') || (b == 'f' && b2 == 't') ||
                (b == 'm' && b2 == 'a'))
                u = scan_url(tk, p);
            if (!u && tk->chunk_has_at) u = scan_email(tk, p);
        } else if (c == C_DIGIT && tk->chunk_has_at) {
            u = scan_email(tk, p);
        }
        if (u) {
            r.end = u;
            r.kind = KG_TOK_OTHER;
            r.flags = 0;
        } else if (is_word_cls(c)) {
            r = scan_word(tk, p);
        } else {
            r = scan_punct(tk, p, c, cp);
        }
    }
    if (r.end <= p) /* never stall */
        r.end = p + 1;
    out->off = (uint32_t)(tk->base + p);
    out->len = (uint32_t)(r.end - p);
    out->kind = r.kind;
    out->flags = (uint8_t)(flags | r.flags);
    tk->pos = r.end;
    return KG_SUCCESS;
}

void kg_tokenize(const char *text, size_t len, size_t base, kg_token **out, size_t *n)
{
    kg_tokenizer *tk = kg_tokenizer_new(text, len, base);
    kg_token *v = NULL;
    size_t cap = 0, k = 0;
    kg_token t;
    while (kg_tokenizer_next(tk, &t) == KG_SUCCESS) {
        if (k == cap) {
            void *items = v;
            kg_grow(&items, &cap, k + 1, sizeof *v);
            v = items;
        }
        v[k++] = t;
    }
    kg_tokenizer_free(tk);
    *out = v;
    *n = k;
}
