/* links.c - what to show of a link: whether it is an official AWS page,
 * and the address without the tracking parameters that AWS pages and
 * newsletters append (sc_channel=..., utm_source=...). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "links.h"

/* Query parameters that only say where a click came from. */
static const char *const tracking_params[] = {
    "sc_channel",   "sc_campaign", "sc_medium",    "sc_content",  "sc_geo",
    "sc_country",   "sc_outcome",  "sc_publisher", "sc_category", "sc_detail",
    "sc_icampaign", "sc_ichannel", "sc_icontent",  "sc_iplace",   "sc_segment",
    "trk",          "trkCampaign", "refid",        "ref_",        "s_kwcid",
    "ef_id",        "gclid",       "fbclid",
};

static bool
host_char_ok (char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
           || c == '-' || c == '.';
}

/* True when the LEN bytes of HOST are aws.amazon.com or one of its
 * subdomains (docs.aws.amazon.com, console.aws.amazon.com...). */
static bool
host_is_aws (const char *host, size_t len)
{
    static const char base[] = "aws.amazon.com";
    const size_t blen = sizeof base - 1;

    if (len > 0 && host[len - 1] == '.')
        len--; /* "aws.amazon.com." is the same name */
    if (len < blen)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (! host_char_ok (host[i]))
            return false; /* percent-encoding, IPv6 literals, spaces */
        if (host[i] == '.' && (i == 0 || host[i - 1] == '.'))
            return false; /* an empty label */
    }
    if (strncasecmp (host + len - blen, base, blen) != 0)
        return false;
    /* The base itself, or whole labels before it: not evilaws.amazon.com. */
    return len == blen || host[len - blen - 1] == '.';
}

/** True when URL is an http(s) address on aws.amazon.com or one of its
 * subdomains (docs.aws.amazon.com included), whatever the path
 * (/ko_kr/, /ko/...).  Addresses with user information
 * ("https://aws.amazon.com@evil.example/") are never official. */
bool
_saekin_link_is_official (const char *url)
{
    if (! url)
        return false;
    const char *p = url;
    while (*p == ' ' || *p == '\t')
        p++;
    if (strncasecmp (p, "https://", 8) == 0)
        p += 8;
    else if (strncasecmp (p, "http://", 7) == 0)
        p += 7;
    else
        return false;

    /* Browsers read a backslash as a slash in http(s) addresses while
     * other parsers do not; such an address is not taken as official. */
    size_t n = strcspn (p, "/?#\\");
    if (p[n] == '\\' || memchr (p, '@', n))
        return false;

    size_t host_len = n;
    const char *colon = memchr (p, ':', n);
    if (colon) {
        host_len = (size_t) (colon - p);
        size_t digits = n - host_len - 1;
        if (digits == 0 || digits > 5)
            return false;
        for (size_t i = 1; i <= digits; i++)
            if (colon[i] < '0' || colon[i] > '9')
                return false;
    }
    return host_is_aws (p, host_len);
}

/* True when the parameter named by the LEN bytes of NAME only tracks. */
static bool
is_tracking (const char *name, size_t len)
{
    if (len > 4 && strncasecmp (name, "utm_", 4) == 0)
        return true;
    size_t n = sizeof tracking_params / sizeof *tracking_params;
    for (size_t i = 0; i < n; i++)
        if (strlen (tracking_params[i]) == len
            && strncasecmp (name, tracking_params[i], len) == 0)
            return true;
    return false;
}

/** URL without its tracking query parameters (see tracking_params and
 * utm_*); the other parameters keep their order, the fragment is kept,
 * and a '?' left with nothing after it goes.  A malloc'd string the
 * caller frees; NULL when URL is NULL or memory runs out. */
char *
_saekin_link_clean (const char *url)
{
    if (! url)
        return NULL;
    size_t len = strlen (url);
    /* A '?' after the '#' belongs to the fragment. */
    size_t frag = strcspn (url, "#");
    const char *q = memchr (url, '?', frag);
    if (! q)
        return strdup (url);

    char *out = malloc (len + 1);
    if (! out)
        return NULL;
    size_t w = (size_t) (q - url);
    memcpy (out, url, w);

    bool first = true;
    const char *end = url + frag;
    for (const char *s = q + 1; s < end;) {
        const char *amp = memchr (s, '&', (size_t) (end - s));
        const char *e = amp ? amp : end;
        const char *eq = memchr (s, '=', (size_t) (e - s));
        size_t name_len = (size_t) ((eq ? eq : e) - s);
        if (e > s && ! is_tracking (s, name_len)) {
            out[w++] = first ? '?' : '&';
            memcpy (out + w, s, (size_t) (e - s));
            w += (size_t) (e - s);
            first = false;
        }
        s = amp ? amp + 1 : end;
    }
    memcpy (out + w, url + frag, len - frag);
    w += len - frag;
    out[w] = '\0';
    return out;
}
