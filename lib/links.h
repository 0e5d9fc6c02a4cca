/* links.h - what to show of a link.  Private to lib/. */
#ifndef SAEKIN_LINKS_H
#define SAEKIN_LINKS_H

#include <stdbool.h>

/** True when URL is an official AWS documentation or product page
 * (docs.aws.amazon.com, aws.amazon.com and their subdomains, including
 * localised ko_kr / ko pages). */
bool _saekin_link_is_official (const char *url);

/** URL with tracking parameters (sc_channel, sc_campaign, refid, utm_*,
 * trk...) and an empty query left over removed; malloc'd, NULL when out
 * of memory. */
char *_saekin_link_clean (const char *url);

#endif
