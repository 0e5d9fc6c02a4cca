/* fuzz-common.h - what the libFuzzer targets share: a check that aborts
 * with a message (so libFuzzer saves the input), and a strict UTF-8
 * validator for everything saekin hands out. */
#ifndef SAEKIN_FUZZ_COMMON_H
#define SAEKIN_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>

/* Abort with WHAT when OK is false. */
static inline void
fuzz_check (int ok, const char *what)
{
    if (! ok) {
        fprintf (stderr, "fuzz check failed: %s\n", what);
        abort ();
    }
}

/* Abort unless S is well-formed UTF-8 (no overlongs, surrogates or code
 * points past U+10FFFF).  WHAT names the string in the message. */
static inline void
fuzz_utf8 (const char *s, const char *what)
{
    const unsigned char *p = (const unsigned char *) s;
    fuzz_check (s != NULL, what);
    while (*p) {
        unsigned c = *p, n, cp;
        if (c < 0x80) {
            p++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            n = 1, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF)
            n = 2, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4)
            n = 3, cp = c & 0x07;
        else {
            fprintf (stderr, "%s: ", what);
            fuzz_check (0, "invalid UTF-8 lead byte");
            return;
        }
        for (unsigned k = 1; k <= n; k++) {
            if ((p[k] & 0xC0) != 0x80) {
                fprintf (stderr, "%s: ", what);
                fuzz_check (0, "truncated UTF-8 sequence");
            }
            cp = (cp << 6) | (p[k] & 0x3F);
        }
        int bad = (n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)))
                  || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF));
        if (bad) {
            fprintf (stderr, "%s: ", what);
            fuzz_check (0, "overlong, surrogate or out-of-range UTF-8");
        }
        p += n + 1;
    }
}

#endif
