/* visible.c - text from notes and file names made safe to show on a
 * terminal.  A note (or a file name) may hold ESC, BEL and the like:
 * printed raw, "\e[2J" clears the screen, an OSC sequence retitles the
 * window, and a BEL or ESC inside a URL ends an OSC 8 hyperlink early so
 * that the link shown is not the link followed.  As GNU ls -b and
 * ripgrep do, such characters are shown as escapes instead; so are the
 * bidirectional controls that make text read otherwise than it is. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "saekin.h"
#include "unicode.h"

/* The longest escape one input byte (or character) becomes: "\u009b". */
#define MAX_ESCAPE 6

/* Whether C reorders what follows it on screen (U+202E makes "gpj.exe"
 * show as "exe.jpg"), as Trojan Source showed in code: shown as an
 * escape too, like GCC's -Wbidi-chars warns of it. */
static bool
is_bidi_control (UChar32 c)
{
    return c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e)
           || (c >= 0x2066 && c <= 0x2069);
}

char *
saekin_text_visible (const char *text, size_t len)
{
    if (! text)
        len = 0;
    if (len > (SIZE_MAX - 1) / MAX_ESCAPE)
        return NULL;
    char *out = malloc (len * MAX_ESCAPE + 1), *o = out;
    if (! out)
        return NULL;
    const unsigned char *s = (const unsigned char *) text;
    size_t i = 0;
    while (i < len) {
        size_t at = i;
        UChar32 c = _saekin_u8_next (text, len, &i);
        if (c < 0) {
            /* Not UTF-8: each byte of it as \xNN (a lone 0x9b is CSI on
             * a terminal that reads 8-bit controls). */
            for (; at < i; at++)
                o += sprintf (o, "\\x%02x", s[at]);
        } else if (c == '\t')
            o += sprintf (o, "\\t");
        else if (c == '\n')
            o += sprintf (o, "\\n");
        else if (c == '\r')
            o += sprintf (o, "\\r");
        else if (c < 0x20 || c == 0x7f)
            o += sprintf (o, "\\x%02x", (unsigned) c);
        else if ((c >= 0x80 && c <= 0x9f) /* C1 controls: CSI, OSC, ST... */
                 || is_bidi_control (c))
            o += sprintf (o, "\\u%04x", (unsigned) c);
        else {
            memcpy (o, s + at, i - at);
            o += i - at;
        }
    }
    *o = '\0';
    return out;
}
