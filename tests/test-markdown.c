/* test-markdown.c - the Markdown splitter: which passages become entries,
 * their lines, titles, heading paths, text, struck text and links. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entry.h"
#include "markdown.h"

static _saekin_entry_list_t list;

static void
teardown (void)
{
    _saekin_entry_list_clear (&list);
}

/* Split MD into LIST (cleared first); returns the splitter's result. */
static int
split (const char *md)
{
    _saekin_entry_list_clear (&list);
    return _saekin_markdown_split (md, strlen (md), &list, NULL, NULL);
}

/* The entry starting at LINE; fails the test when there is none. */
static const _saekin_entry_t *
at (unsigned line)
{
    for (size_t i = 0; i < list.n; i++)
        if (list.items[i].first_line == line)
            return &list.items[i];
    ck_abort_msg ("no entry starts at line %u", line);
    return NULL;
}

static bool
starts_at (unsigned line)
{
    for (size_t i = 0; i < list.n; i++)
        if (list.items[i].first_line == line)
            return true;
    return false;
}

/* The link of E (or its heading links, HEADING) whose URL is URL. */
static const _saekin_entry_link_t *
link_of (const _saekin_entry_t *e, const char *url, bool heading)
{
    size_t n = heading ? e->n_heading_links : e->n_links;
    const _saekin_entry_link_t *v = heading ? e->heading_links : e->links;
    for (size_t i = 0; i < n; i++)
        if (strcmp (v[i].url, url) == 0)
            return &v[i];
    return NULL;
}

/* Every string of every entry is set and free of '\r'. */
static void
check_clean (void)
{
    for (size_t i = 0; i < list.n; i++) {
        const _saekin_entry_t *e = &list.items[i];
        ck_assert_ptr_nonnull (e->title);
        ck_assert_ptr_nonnull (e->text);
        ck_assert_ptr_nonnull (e->struck);
        ck_assert_ptr_null (strchr (e->title, '\r'));
        ck_assert_ptr_null (strchr (e->text, '\r'));
        ck_assert_ptr_null (strchr (e->title, '\n'));
        ck_assert_uint_le (e->first_line, e->last_line);
        for (size_t k = 0; k < e->n_heading; k++)
            ck_assert_ptr_nonnull (e->heading[k]);
    }
}

START_TEST (sections_and_paths)
{
    ck_assert_int_eq (split ("# A\n" /* 1 */
                             "\n"
                             "intro\n" /* 3 */
                             "\n"
                             "## B\n" /* 5 */
                             "\n"
                             "text b\n" /* 7 */
                             "\n"
                             "### C\n"  /* 9 */
                             "text c\n" /* 10 */
                             "\n"
                             "\n"
                             "## D\n"   /* 13 */
                             "text d\n" /* 14 */
                             "\n"),
                      0);
    check_clean ();
    ck_assert_uint_eq (list.n, 4);
    const _saekin_entry_t *a = at (1), *b = at (5), *c = at (9), *d = at (13);
    ck_assert_str_eq (a->title, "A");
    ck_assert_uint_eq (a->last_line, 14);
    ck_assert_str_eq (a->text, "intro"); /* subsections are their own */
    ck_assert_uint_eq (a->n_heading, 0);
    ck_assert_str_eq (b->title, "B");
    ck_assert_uint_eq (b->last_line, 10); /* blank lines left out */
    ck_assert_str_eq (b->text, "text b");
    ck_assert_uint_eq (b->n_heading, 1);
    ck_assert_str_eq (b->heading[0], "A");
    ck_assert_uint_eq (c->last_line, 10);
    ck_assert_uint_eq (c->n_heading, 2);
    ck_assert_str_eq (c->heading[0], "A");
    ck_assert_str_eq (c->heading[1], "B");
    ck_assert_uint_eq (d->last_line, 14);
    ck_assert_uint_eq (d->n_heading, 1);
    ck_assert_str_eq (d->heading[0], "A");
    /* Entries come in file order. */
    for (size_t i = 1; i < list.n; i++)
        ck_assert_uint_lt (list.items[i - 1].first_line, list.items[i].first_line);
}
END_TEST

START_TEST (setext_and_messy_headings)
{
    ck_assert_int_eq (split ("Title   with\tspaces\n"
                             "=====\n"
                             "\n"
                             "##   **Bold**  and `code`   ##\n"
                             "body\n"),
                      0);
    ck_assert_str_eq (at (1)->title, "Title with spaces");
    ck_assert_str_eq (at (4)->title, "Bold and code");
    ck_assert_str_eq (at (4)->heading[0], "Title with spaces");
}
END_TEST

START_TEST (text_before_first_heading)
{
    ck_assert_int_eq (split ("Some opening words\n"
                             "wrap here.\n"
                             "\n"
                             "# H\n"
                             "body\n"),
                      0);
    ck_assert_uint_eq (list.n, 2);
    const _saekin_entry_t *e = at (1);
    ck_assert_str_eq (e->title, "Some opening words wrap here.");
    ck_assert_uint_eq (e->last_line, 2);
    ck_assert_uint_eq (e->n_heading, 0);
    ck_assert_str_eq (at (4)->title, "H");
}
END_TEST

START_TEST (no_headings)
{
    ck_assert_int_eq (split ("first paragraph\n\nsecond paragraph\n"), 0);
    ck_assert_uint_eq (list.n, 1);
    ck_assert_uint_eq (at (1)->last_line, 3);
    ck_assert_str_eq (at (1)->title, "first paragraph");
    ck_assert_str_eq (at (1)->text, "first paragraph\nsecond paragraph");
}
END_TEST

START_TEST (empty_input)
{
    ck_assert_int_eq (split (""), 0);
    ck_assert_uint_eq (list.n, 0);
    ck_assert_int_eq (split ("\xef\xbb\xbf"), 0);
    ck_assert_uint_eq (list.n, 0);
    ck_assert_int_eq (split ("\n\n   \n\t\n"), 0);
    ck_assert_uint_eq (list.n, 0);
    ck_assert_int_eq (split ("<!-- only a comment -->\n"), 0);
    ck_assert_uint_eq (list.n, 0);
}
END_TEST

START_TEST (bom_and_crlf)
{
    ck_assert_int_eq (split ("\xef\xbb\xbf# Title\r\n"
                             "\r\n"
                             "line one\r\n"
                             "line two\r\n"
                             "\r\n"
                             "```\r\n"
                             "code line\r\n"
                             "```\r\n"
                             "\r\n"
                             "## Next\r\n"
                             "old mac\rline\r"),
                      0);
    check_clean ();
    const _saekin_entry_t *e = at (1);
    ck_assert_str_eq (e->title, "Title");
    ck_assert_uint_eq (e->last_line, 12);
    ck_assert_str_eq (e->text, "line one line two\ncode line");
    /* A lone CR ends a line too. */
    ck_assert_uint_eq (at (10)->last_line, 12);
    ck_assert_str_eq (at (10)->text, "old mac line");
}
END_TEST

START_TEST (links)
{
    ck_assert_int_eq (split ("# [AWS KMS](https://docs.aws.amazon.com/kms/)\n" /* 1 */
                             "\n"
                             "## [Sub](https://sub.example/) part\n" /* 3 */
                             "\n"
                             "See [the docs](https://d.example/a) and "
                             "<https://auto.example/x> and "
                             "https://bare.example/y and www.web.example "
                             "and [ref text][r] and <me@mail.example>.\n" /* 5 */
                             "\n"
                             "[r]: https://ref.example/\n"
                             "\n"
                             "### Deeper\n" /* 9 */
                             "words\n"),
                      0);
    check_clean ();
    const _saekin_entry_t *top = at (1), *sub = at (3), *deep = at (9);
    /* A heading's own link is its entry's. */
    ck_assert_ptr_nonnull (link_of (top, "https://docs.aws.amazon.com/kms/", false));
    ck_assert_uint_eq (top->n_heading_links, 0);

    const _saekin_entry_link_t *l;
    l = link_of (sub, "https://d.example/a", false);
    ck_assert_ptr_nonnull (l);
    ck_assert_str_eq (l->text, "the docs");
    l = link_of (sub, "https://auto.example/x", false);
    ck_assert_ptr_nonnull (l);
    ck_assert_str_eq (l->text, "");
    l = link_of (sub, "https://bare.example/y", false);
    ck_assert_ptr_nonnull (l);
    ck_assert_str_eq (l->text, "");
    l = link_of (sub, "http://www.web.example", false);
    ck_assert_ptr_nonnull (l);
    ck_assert_str_eq (l->text, "");
    l = link_of (sub, "https://ref.example/", false);
    ck_assert_ptr_nonnull (l);
    ck_assert_str_eq (l->text, "ref text");
    l = link_of (sub, "mailto:me@mail.example", false);
    ck_assert_ptr_nonnull (l);
    ck_assert_str_eq (l->text, "");
    ck_assert_ptr_nonnull (link_of (sub, "https://sub.example/", false));
    /* Link words stay in the text, URLs do not. */
    ck_assert_ptr_nonnull (strstr (sub->text, "the docs"));
    ck_assert_ptr_nonnull (strstr (sub->text, "ref text"));
    ck_assert_ptr_null (strstr (sub->text, "example"));
    ck_assert_str_eq (sub->title, "Sub part");
    /* Heading links: the headings above, nearest first. */
    ck_assert_uint_eq (sub->n_heading_links, 1);
    ck_assert_str_eq (sub->heading_links[0].url, "https://docs.aws.amazon.com/kms/");
    ck_assert_str_eq (sub->heading_links[0].text, "AWS KMS");
    ck_assert_uint_eq (deep->n_heading_links, 2);
    ck_assert_str_eq (deep->heading_links[0].url, "https://sub.example/");
    ck_assert_str_eq (deep->heading_links[1].url, "https://docs.aws.amazon.com/kms/");
    ck_assert_uint_eq (deep->n_links, 0);
}
END_TEST

START_TEST (strikethrough)
{
    ck_assert_int_eq (split ("# Quiz\n"
                             "\n"
                             "answer: ~~wrong choice~~ right choice, ~~also bad~~\n"),
                      0);
    const _saekin_entry_t *e = at (1);
    ck_assert_ptr_null (strstr (e->text, "wrong"));
    ck_assert_ptr_null (strstr (e->text, "bad"));
    ck_assert_ptr_nonnull (strstr (e->text, "right choice"));
    ck_assert_str_eq (e->struck, "wrong choice also bad");
    ck_assert_int_eq (split ("# Q\n\nnothing struck\n"), 0);
    ck_assert_str_eq (at (1)->struck, "");
    /* A single ~ is a range in Korean notes, not a strike. */
    ck_assert_int_eq (split ("# Q\n\n최소 1~2개, 최대 5~10개 (000~111)\n"), 0);
    ck_assert_str_eq (at (1)->struck, "");
    ck_assert_str_eq (at (1)->text, "최소 1~2개, 최대 5~10개 (000~111)");
}
END_TEST

START_TEST (code_tables_quotes)
{
    ck_assert_int_eq (split ("# T\n"
                             "\n"
                             "```bash\n"
                             "aws s3 cp a b\n"
                             "```\n"
                             "\n"
                             "    indented code\n"
                             "\n"
                             "| Name | Value |\n"
                             "|------|-------|\n"
                             "| **RPO** | 1 h |\n"
                             "| RTO | 4 h |\n"
                             "\n"
                             "> quoted\n"
                             "> > deeper quote\n"),
                      0);
    const _saekin_entry_t *e = at (1);
    ck_assert_uint_eq (e->last_line, 15);
    ck_assert_ptr_nonnull (strstr (e->text, "aws s3 cp a b\n"));
    ck_assert_ptr_nonnull (strstr (e->text, "indented code\n"));
    ck_assert_ptr_nonnull (strstr (e->text, "Name\tValue\t\nRPO\t1 h\t\nRTO\t4 h\t\n"));
    ck_assert_ptr_nonnull (strstr (e->text, "quoted\ndeeper quote"));
    ck_assert_ptr_null (strchr (e->text, '|'));
    ck_assert_ptr_null (strchr (e->text, '>'));
    ck_assert_ptr_null (strstr (e->text, "bash"));
}
END_TEST

START_TEST (html)
{
    ck_assert_int_eq (
        split ("## <img src = \"https://x/i.png\" width = \"25\"> Virtual Cloud\n"
               "\n"
               "line<br>two <img src=\"x.png\" alt=\"pic\"> R&amp;D "
               "<span class=\"k\">inner</span> &lt;tag&gt; 5&nbsp;GB\n"
               "\n"
               "<div align=\"center\">\n"
               "<p>block &amp; html&#33;</p><!-- hidden -->\n"
               "</div>\n"
               "\n"
               "<!--\n"
               "a comment\n"
               "-->\n"),
        0);
    const _saekin_entry_t *e = at (1);
    ck_assert_str_eq (e->title, "Virtual Cloud");
    ck_assert_ptr_nonnull (strstr (e->text, "line two"));
    ck_assert_ptr_nonnull (strstr (e->text, "R&D inner <tag> 5"));
    ck_assert_ptr_nonnull (strstr (e->text, "block & html!"));
    ck_assert_ptr_null (strstr (e->text, "span"));
    ck_assert_ptr_null (strstr (e->text, "div"));
    ck_assert_ptr_null (strstr (e->text, "hidden"));
    ck_assert_ptr_null (strstr (e->text, "comment"));
    ck_assert_ptr_null (strstr (e->text, "pic"));
    ck_assert_ptr_null (strstr (e->text, "x.png"));
}
END_TEST

START_TEST (small_list_stays_whole)
{
    ck_assert_int_eq (split ("## Benefits\n"
                             "\n"
                             "- Web tier scales on **CPU**.\n"
                             "- Worker tier scales on queue length.\n"
                             "  - nested detail\n"
                             "- Decoupled.\n"),
                      0);
    ck_assert_uint_eq (list.n, 1);
    ck_assert_uint_eq (at (1)->last_line, 6);
    ck_assert_str_eq (at (1)->text,
                      "Web tier scales on CPU.\nWorker tier scales on queue length.\n"
                      "nested detail\nDecoupled.");
}
END_TEST

/* A glossary: a heading over a list too long to read as one passage. */
START_TEST (list_section_splits_into_items)
{
    char md[8192];
    size_t o = 0;
    o += (size_t) snprintf (md + o, sizeof md - o,
                            "# Glossary\n\nTerms I keep forgetting.\n\n");
    for (int i = 0; i < 12; i++)
        o += (size_t) snprintf (
            md + o, sizeof md - o,
            "- **Term %d**\n"
            "  Explanation of term %d, with [a link](https://t%d.example/).\n"
            "\n",
            i, i, i);
    ck_assert_int_eq (split (md), 0);
    check_clean ();
    ck_assert_uint_eq (list.n, 13);
    const _saekin_entry_t *h = at (1);
    ck_assert_str_eq (h->title, "Glossary");
    ck_assert_uint_eq (h->last_line, 5 + 11 * 3 + 1);
    /* The heading's entry: its paragraph and the items' lead words. */
    ck_assert (
        strncmp (h->text, "Terms I keep forgetting.\nTerm 0 Explanation of term 0", 52)
        == 0);
    ck_assert_ptr_null (strstr (h->text, "https"));
    ck_assert_uint_eq (h->n_links, 0);
    for (int i = 0; i < 12; i++) {
        const _saekin_entry_t *e = at (5 + (unsigned) i * 3);
        char want[64], url[64];
        snprintf (want, sizeof want, "Term %d Explanation of term %d, with a link.", i,
                  i);
        ck_assert_str_eq (e->text, want);
        /* To the blank line after the item. */
        ck_assert_uint_eq (e->last_line, e->first_line + 2);
        ck_assert_uint_eq (e->n_heading, 1);
        ck_assert_str_eq (e->heading[0], "Glossary");
        snprintf (url, sizeof url, "https://t%d.example/", i);
        ck_assert_uint_eq (e->n_links, 1);
        ck_assert_str_eq (e->links[0].url, url);
        ck_assert_str_eq (e->links[0].text, "a link");
    }
}
END_TEST

/* Study notes: an item too long for a glance is split at its nested
 * items, and the nested items' heading path ends with the parent. */
START_TEST (large_item_splits_at_nested_items)
{
    char md[16384];
    size_t o = 0;
    o += (size_t) snprintf (md + o, sizeof md - o,
                            "# [SQS](https://sqs.example/) notes\n" /* 1 */
                            "- Amazon SQS\n");                      /* 2 */
    for (int i = 0; i < 6; i++) {
        o += (size_t) snprintf (md + o, sizeof md - o, "  - Topic %d\n", i);
        for (int k = 0; k < 8; k++)
            o += (size_t) snprintf (md + o, sizeof md - o,
                                    "    - detail %d.%d about queues\n", i, k);
    }
    o += (size_t) snprintf (md + o, sizeof md - o, "- Amazon SNS\n  - small\n");
    ck_assert_int_eq (split (md), 0);
    check_clean ();
    /* heading, SQS lead, 6 topics, SNS */
    ck_assert_uint_eq (list.n, 9);
    const _saekin_entry_t *sqs = at (2);
    ck_assert_str_eq (sqs->title, "Amazon SQS");
    ck_assert_uint_eq (sqs->last_line, 2 + 6 * 9);
    ck_assert_str_eq (sqs->text,
                      "Amazon SQS\nTopic 0\nTopic 1\nTopic 2\nTopic 3\nTopic 4\nTopic 5");
    ck_assert_uint_eq (sqs->n_heading, 1);
    for (unsigned i = 0; i < 6; i++) {
        const _saekin_entry_t *t = at (3 + i * 9);
        char want[32];
        snprintf (want, sizeof want, "Topic %u", i);
        ck_assert_str_eq (t->title, want);
        ck_assert_uint_eq (t->last_line, t->first_line + 8);
        ck_assert_ptr_nonnull (strstr (t->text, "detail"));
        ck_assert_uint_eq (t->n_heading, 2);
        ck_assert_str_eq (t->heading[0], "SQS notes");
        ck_assert_str_eq (t->heading[1], "Amazon SQS");
        ck_assert_uint_eq (t->n_heading_links, 1);
        ck_assert_str_eq (t->heading_links[0].url, "https://sqs.example/");
    }
    const _saekin_entry_t *sns = at (2 + 6 * 9 + 1);
    ck_assert_str_eq (sns->text, "Amazon SNS\nsmall");
    ck_assert_uint_eq (sns->n_heading, 1);
}
END_TEST

START_TEST (item_titles)
{
    char md[4096];
    size_t o = 0;
    o += (size_t) snprintf (md + o, sizeof md - o, "# Items\n");
    o += (size_t) snprintf (md + o, sizeof md - o,
                            "- This lead paragraph of an item is much longer than any "
                            "title should be, so it has to be cut at a word boundary "
                            "somewhere\n"); /* 2 */
    o += (size_t) snprintf (md + o, sizeof md - o,
                            "- https://only.example/url\n"); /* 3 */
    o += (size_t) snprintf (md + o, sizeof md - o,
                            "- ![image](https://img.example/a.png)\n");   /* 4 */
    o += (size_t) snprintf (md + o, sizeof md - o, "- ~~all struck~~\n"); /* 5 */
    for (int i = 0; i < 20; i++)
        o += (size_t) snprintf (md + o, sizeof md - o, "- filler item %d\n", i);
    ck_assert_int_eq (split (md), 0);
    const char *t = at (2)->title;
    size_t n = strlen (t);
    ck_assert_uint_gt (n, 40);
    ck_assert_str_eq (t + n - 3, "\xe2\x80\xa6");
    ck_assert (strncmp (t, "This lead paragraph of an item is much longer", 45) == 0);
    ck_assert_int_eq (t[n - 4] != ' ', 1);
    /* Cut between words: what precedes the ellipsis is a whole word. */
    char *copy = strndup (t, n - 3);
    ck_assert_ptr_nonnull (strstr (at (2)->text, copy));
    const char *after = at (2)->text + strlen (copy);
    ck_assert_int_eq (*after, ' ');
    free (copy);
    ck_assert_str_eq (at (3)->title, "https://only.example/url");
    ck_assert_str_eq (at (3)->text, "");
    ck_assert (! starts_at (4)); /* nothing to find or show */
    ck_assert_str_eq (at (5)->title, "all struck");
    ck_assert_str_eq (at (5)->text, "");
}
END_TEST

START_TEST (deep_nesting)
{
    enum { DEPTH = 10000 };
    char *md = malloc (DEPTH * 2 + 64);
    ck_assert_ptr_nonnull (md);
    /* 10,000 nested block quotes. */
    strcpy (md, "# Deep\n");
    size_t o = strlen (md);
    for (int i = 0; i < DEPTH; i++) {
        md[o++] = '>';
        md[o++] = ' ';
    }
    strcpy (md + o, "bottom\n");
    ck_assert_int_eq (split (md), 0);
    ck_assert_uint_eq (list.n, 1);
    ck_assert_ptr_nonnull (strstr (at (1)->text, "bottom"));
    /* 10,000 nested lists on one line. */
    strcpy (md, "# Deep\n");
    o = strlen (md);
    for (int i = 0; i < DEPTH; i++) {
        md[o++] = '-';
        md[o++] = ' ';
    }
    strcpy (md + o, "leaf\n");
    ck_assert_int_eq (split (md), 0);
    ck_assert_uint_ge (list.n, 1);
    free (md);

    /* A deep outline whose every level is long: splitting stops at some
     * depth without running out of stack. */
    enum { LEVELS = 60, LINES = 50 };
    size_t cap = (size_t) LEVELS * (LINES + 1) * (LEVELS * 2 + 40);
    md = malloc (cap);
    ck_assert_ptr_nonnull (md);
    o = 0;
    for (int d = 0; d < LEVELS; d++) {
        o += (size_t) snprintf (md + o, cap - o, "%*s- level %d\n", d * 2, "", d);
        for (int k = 0; k < LINES; k++)
            o += (size_t) snprintf (md + o, cap - o, "%*s- leaf %d.%d\n", d * 2 + 2, "",
                                    d, k);
    }
    ck_assert_int_eq (split (md), 0);
    check_clean ();
    ck_assert_uint_gt (list.n, 10);
    free (md);
}
END_TEST

static unsigned warnings;
static unsigned warned_line;

static void
on_warn (void *ctx, unsigned line, const char *message)
{
    (void) ctx;
    ck_assert_ptr_nonnull (message);
    warnings++;
    warned_line = line;
}

START_TEST (invalid_utf8_warns)
{
    const char *md = "# T\n\nok\nbad \xff byte\n";
    warnings = 0;
    _saekin_entry_list_clear (&list);
    ck_assert_int_eq (_saekin_markdown_split (md, strlen (md), &list, on_warn, NULL), 0);
    ck_assert_uint_eq (warnings, 1);
    ck_assert_uint_eq (warned_line, 4);
    ck_assert_ptr_nonnull (strstr (at (1)->text, "bad \xef\xbf\xbd byte"));
    warnings = 0;
    ck_assert_int_eq (split ("# T\n\n\xec\x9d\xb8\xec\xa6\x9d\xec\x84\x9c\n"), 0);
    ck_assert_uint_eq (warnings, 0);
}
END_TEST

/* The seed note shipped with the project. */
START_TEST (seed_glossary)
{
    const char *top = getenv ("top_srcdir");
    char path[1024];
    snprintf (path, sizeof path, "%s/corpus/aws-word-summary.md", top ? top : ".");
    FILE *f = fopen (path, "rb");
    ck_assert_msg (f != NULL, "cannot open %s", path);
    char *buf = malloc (1 << 20);
    ck_assert_ptr_nonnull (buf);
    size_t n = fread (buf, 1, (1 << 20) - 1, f);
    fclose (f);
    buf[n] = '\0';
    ck_assert_int_eq (_saekin_markdown_split (buf, n, &list, NULL, NULL), 0);
    free (buf);
    check_clean ();

    const _saekin_entry_t *ssl = at (11);
    ck_assert_str_eq (ssl->title, "SSL/TLS server certificates");
    /* Lines 11-20: to the blank line before the next item. */
    ck_assert_uint_eq (ssl->last_line, 20);
    ck_assert_ptr_nonnull (strstr (ssl->text, "인증서"));
    ck_assert_uint_eq (ssl->n_heading, 1);
    ck_assert_str_eq (ssl->heading[0], "aws word summary");
    ck_assert_ptr_nonnull (link_of (
        ssl, "https://docs.aws.amazon.com/acm/latest/userguide/acm-services.html",
        false));

    const _saekin_entry_t *role = at (21);
    ck_assert_str_eq (role->title, "AssumeRole");
    const _saekin_entry_link_t *l = link_of (
        role,
        "https://docs.aws.amazon.com/ko_kr/STS/latest/APIReference/API_AssumeRole.html",
        false);
    ck_assert_ptr_nonnull (l);
    ck_assert_str_eq (l->text, "");
    ck_assert_ptr_null (strstr (role->text, "https"));

    /* The heading's entry lists the items' lead words. */
    const _saekin_entry_t *h = at (1);
    ck_assert_str_eq (h->title, "aws word summary");
    ck_assert_ptr_nonnull (strstr (h->text, "SSL/TLS server certificates\nAssumeRole\n"));
    ck_assert (starts_at (78)); /* - **CNAME swap** */
}
END_TEST

/* Interview notes: questions and answers written as collapsible
 * blocks.  Two or more in a section: each is an entry titled by its
 * question, and the heading's entry keeps only the questions: a page of
 * questions, navigation unless the section says something itself.  One
 * alone ("show the code") stays in its section. */
START_TEST (details_questions_split)
{
    const char *md = "## 질의응답\n"                                   /* 1 */
                     "\n"                                              /* 2 */
                     "<details>\n"                                     /* 3 */
                     "<summary>뮤텍스와 세마포어의 차이는?</summary>\n" /* 4 */
                     "<p>\n"                                           /* 5 */
                     "\n"                                              /* 6 */
                     "- 세마포어는 여럿이 들어갈 수 있다.\n"           /* 7 */
                     "- 뮤텍스는 소유할 수 있다.\n"                    /* 8 */
                     "\n"                                              /* 9 */
                     "</p>\n"                                          /* 10 */
                     "</details>\n"                                    /* 11 */
                     "\n"                                              /* 12 */
                     "<details><summary>교착상태란?</summary>\n"       /* 13 */
                     "서로의 자원을 기다리며 멈춘 상태.\n"              /* 14 */
                     "</details>\n"                                    /* 15 */
                     "\n"                                              /* 16 */
                     "## 코드\n"                                       /* 17 */
                     "\n"                                              /* 18 */
                     "설명 한 줄.\n"                                   /* 19 */
                     "\n"                                              /* 20 */
                     "<details>\n"                                     /* 21 */
                     "<summary>코드 보기</summary>\n"                  /* 22 */
                     "\n"                                              /* 23 */
                     "숨긴 코드 설명\n"                                /* 24 */
                     "\n"                                              /* 25 */
                     "</details>\n"                                    /* 26 */
                     "\n"                                              /* 27 */
                     "## 프로세스와 스레드\n"                          /* 28 */
                     "\n"                                              /* 29 */
                     "프로세스는 실행 중인 프로그램이고, 운영체제가 자원을 "
                     "나누어 주는 단위이다. 스레드는 그 안의 실행 흐름이다.\n" /* 30 */
                     "\n"                                              /* 31 */
                     "<details><summary>스레드란?</summary>\n"         /* 32 */
                     "실행 흐름.\n"                                    /* 33 */
                     "</details>\n"                                    /* 34 */
                     "\n"                                              /* 35 */
                     "<details><summary>프로세스란?</summary>\n"       /* 36 */
                     "실행 중인 프로그램.\n"                           /* 37 */
                     "</details>\n";                                   /* 38 */
    ck_assert_int_eq (split (md), 0);
    check_clean ();
    const _saekin_entry_t *h = at (1);
    ck_assert_str_eq (h->title, "질의응답");
    ck_assert_str_eq (h->text, "뮤텍스와 세마포어의 차이는?\n교착상태란?");
    ck_assert (h->navigation);
    const _saekin_entry_t *q = at (3);
    ck_assert_str_eq (q->title, "뮤텍스와 세마포어의 차이는?");
    ck_assert_uint_eq (q->last_line, 11);
    ck_assert_ptr_nonnull (strstr (q->text, "뮤텍스는 소유할 수 있다."));
    ck_assert_uint_eq (q->n_heading, 1);
    ck_assert_str_eq (q->heading[0], "질의응답");
    ck_assert (! q->navigation);
    const _saekin_entry_t *d = at (13);
    ck_assert_str_eq (d->title, "교착상태란?");
    ck_assert_uint_eq (d->last_line, 15);
    ck_assert_ptr_nonnull (strstr (d->text, "서로의 자원을"));
    /* A lone block is part of its section. */
    ck_assert (! starts_at (21));
    ck_assert_ptr_nonnull (strstr (at (17)->text, "숨긴 코드 설명"));
    /* A section saying something beside its questions is content. */
    ck_assert (! at (28)->navigation);
    ck_assert (! at (32)->navigation);
    ck_assert_uint_eq (list.n, 7);
}
END_TEST

/* Notes that write a name and under it, not indented, a quote
 * explaining it: two or more in a section, each is an entry titled by
 * the name, and the heading's entry keeps the names.  A quote after a
 * longer list is about the whole list, and a lone one stays in its
 * section. */
START_TEST (named_quotes_split)
{
    const char *md = "## Software Solution\n"                   /* 1 */
                     "\n"                                        /* 2 */
                     "1. Mutex Lock\n"                           /* 3 */
                     "\n"                                        /* 4 */
                     "> 락을 얻고 놓는다.\n"                     /* 5 */
                     "> 한 번에 하나만 들어간다.\n"              /* 6 */
                     "\n"                                        /* 7 */
                     "2. Semaphores\n"                           /* 8 */
                     "> Wait 과 Signal을 이용한다.\n"            /* 9 */
                     "\n"                                        /* 10 */
                     "## 팁\n"                                   /* 11 */
                     "\n"                                        /* 12 */
                     "- 첫째\n"                                  /* 13 */
                     "- 둘째\n"                                  /* 14 */
                     "\n"                                        /* 15 */
                     "> **Exam Tip**: 목록 전체에 대한 말.\n"    /* 16 */
                     "\n"                                        /* 17 */
                     "- 하나뿐인 이름\n"                         /* 18 */
                     "\n"                                        /* 19 */
                     "> 혼자인 설명.\n";                         /* 20 */
    ck_assert_int_eq (split (md), 0);
    check_clean ();
    const _saekin_entry_t *h = at (1);
    ck_assert_str_eq (h->text, "Mutex Lock\nSemaphores");
    const _saekin_entry_t *m = at (3);
    ck_assert_str_eq (m->title, "Mutex Lock");
    ck_assert_uint_eq (m->last_line, 6);
    ck_assert_ptr_nonnull (strstr (m->text, "한 번에 하나만 들어간다."));
    ck_assert (! m->navigation);
    const _saekin_entry_t *q = at (8);
    ck_assert_str_eq (q->title, "Semaphores");
    ck_assert_uint_eq (q->last_line, 9);
    ck_assert_ptr_nonnull (strstr (q->text, "Signal을"));
    ck_assert_uint_eq (q->n_heading, 1);
    ck_assert_str_eq (q->heading[0], "Software Solution");
    /* One name and its quote, and a quote after two items: the section's. */
    ck_assert (! starts_at (13) && ! starts_at (16) && ! starts_at (18));
    ck_assert_ptr_nonnull (strstr (at (11)->text, "목록 전체에 대한 말."));
    ck_assert_ptr_nonnull (strstr (at (11)->text, "혼자인 설명."));
    ck_assert_uint_eq (list.n, 4);
}
END_TEST

/* Collapsible blocks as notes really write them: tags in capitals, no
 * summary (the block's first words title it), one left open (it and
 * what follows stay in the section), a block inside a list item (part
 * of the item). */
START_TEST (details_edge_cases)
{
    const char *md = "## Q&A\n"                                /* 1 */
                     "\n"                                     /* 2 */
                     "<DETAILS><SUMMARY>Why **caches**?</SUMMARY>\n" /* 3 */
                     "Locality.\n"                            /* 4 */
                     "</DETAILS>\n"                           /* 5 */
                     "\n"                                     /* 6 */
                     "<details>\n"                            /* 7 */
                     "\n"                                     /* 8 */
                     "Answer without a question.\n"           /* 9 */
                     "\n"                                     /* 10 */
                     "</details>\n"                           /* 11 */
                     "\n"                                     /* 12 */
                     "<details><summary>left open</summary>\n" /* 13 */
                     "\n"                                     /* 14 */
                     "never closed\n"                         /* 15 */
                     "\n"                                     /* 16 */
                     "- item <details><summary>inline</summary>x</details>\n"; /* 17 */
    ck_assert_int_eq (split (md), 0);
    check_clean ();
    /* (inside HTML, Markdown is not read: GitHub shows the stars too) */
    ck_assert_str_eq (at (3)->title, "Why **caches**?");
    ck_assert_uint_eq (at (3)->last_line, 5);
    ck_assert_str_eq (at (7)->title, "Answer without a question.");
    ck_assert_uint_eq (at (7)->last_line, 11);
    ck_assert (! starts_at (13));
    const _saekin_entry_t *h = at (1);
    ck_assert_ptr_nonnull (strstr (h->text, "never closed"));
    ck_assert_ptr_nonnull (strstr (h->text, "Why **caches**?"));
    ck_assert_ptr_null (strstr (h->text, "Locality"));
}
END_TEST

/* A list of short lines only (a table of contents without links) names
 * what other passages hold: its items are navigation, and so is the
 * section holding nothing else.  A list of the same shape with one
 * sentence in it is content. */
START_TEST (outline_items_are_navigation)
{
    char md[8192];
    size_t o = 0;
    o += (size_t) snprintf (md + o, sizeof md - o, "# 목차\n\n");
    for (int i = 0; i < 12; i++)
        o += (size_t) snprintf (md + o, sizeof md - o,
                                "- 주제 %d\n  - 세부 주제 %d\n", i, i); /* 3 + 2i */
    o += (size_t) snprintf (md + o, sizeof md - o, "\n# 사실\n\n"); /* 28 */
    for (int i = 0; i < 24; i++)
        o += (size_t) snprintf (md + o, sizeof md - o, "- 사실 %d\n", i); /* 30 + i */
    o += (size_t) snprintf (md + o, sizeof md - o,
                            "- 이 목록에는 문장이 하나 있어서, 한눈에 보는 목차가 아니라 "
                            "내용을 담은 목록이 된다는 것을 보여 줍니다.\n");
    ck_assert_int_eq (split (md), 0);
    check_clean ();
    ck_assert (at (1)->navigation);
    for (int i = 0; i < 12; i++) {
        const _saekin_entry_t *e = at (3 + 2 * (unsigned) i);
        ck_assert_msg (e->navigation, "outline item at line %u", e->first_line);
        ck_assert_uint_ge (e->last_line, e->first_line + 1);
    }
    ck_assert (! at (28)->navigation);
    for (int i = 0; i < 24; i++)
        ck_assert_msg (! at (30 + (unsigned) i)->navigation, "content item %d", i);
}
END_TEST

/* An item that is a bare URL and nothing else points elsewhere; a term
 * with its URL, and a heading that is a link, say something. */
START_TEST (bare_urls_are_navigation)
{
    char md[8192];
    size_t o = 0;
    o += (size_t) snprintf (md + o, sizeof md - o,
                            "# [RDS Read Replicas](https://aws.amazon.com/rds/)\n\n"
                            "## 연습 사이트\n\n"); /* 1, 3 */
    for (int i = 0; i < 12; i++) /* lines 5 + 2i and 6 + 2i */
        o += (size_t) snprintf (md + o, sizeof md - o,
                                "- https://site%d.example/\n- **Term %d** - "
                                "https://docs%d.example/\n",
                                i, i, i);
    ck_assert_int_eq (split (md), 0);
    check_clean ();
    ck_assert (! at (1)->navigation);
    for (int i = 0; i < 12; i++) {
        ck_assert_msg (at (5 + 2 * (unsigned) i)->navigation, "bare URL item %d", i);
        ck_assert_msg (! at (6 + 2 * (unsigned) i)->navigation, "term item %d", i);
    }
}
END_TEST

static Suite *
markdown_suite (void)
{
    Suite *s = suite_create ("markdown");
    TCase *tc = tcase_create ("split");
    tcase_add_checked_fixture (tc, NULL, teardown);
    tcase_set_timeout (tc, 60);
    tcase_add_test (tc, sections_and_paths);
    tcase_add_test (tc, setext_and_messy_headings);
    tcase_add_test (tc, text_before_first_heading);
    tcase_add_test (tc, no_headings);
    tcase_add_test (tc, empty_input);
    tcase_add_test (tc, bom_and_crlf);
    tcase_add_test (tc, links);
    tcase_add_test (tc, strikethrough);
    tcase_add_test (tc, code_tables_quotes);
    tcase_add_test (tc, html);
    tcase_add_test (tc, small_list_stays_whole);
    tcase_add_test (tc, list_section_splits_into_items);
    tcase_add_test (tc, large_item_splits_at_nested_items);
    tcase_add_test (tc, item_titles);
    tcase_add_test (tc, deep_nesting);
    tcase_add_test (tc, invalid_utf8_warns);
    tcase_add_test (tc, seed_glossary);
    tcase_add_test (tc, details_questions_split);
    tcase_add_test (tc, details_edge_cases);
    tcase_add_test (tc, named_quotes_split);
    tcase_add_test (tc, outline_items_are_navigation);
    tcase_add_test (tc, bare_urls_are_navigation);
    suite_add_tcase (s, tc);
    return s;
}

int
main (void)
{
    SRunner *sr = srunner_create (markdown_suite ());
    srunner_run_all (sr, CK_NORMAL);
    int failed = srunner_ntests_failed (sr);
    srunner_free (sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
