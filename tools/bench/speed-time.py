#!/usr/bin/env python3
"""Run one command and record its wall time and peak memory.

usage: speed-time.py RESULTS KEY [--stdout FILE] [--cwd DIR] -- COMMAND...

Appends three lines to RESULTS (created when missing):
    KEY.wall  SECONDS      wall-clock time, from the spawn to the exit
    KEY.cpu   SECONDS      user + system time of the child (all threads)
    KEY.rss   KILOBYTES    the child's peak resident set (getrusage)
and exits with the command's status (the lines are written either way, with
an extra `KEY.status N` line when the command failed).  The command's
standard output goes to FILE (default: /dev/null); its standard error is
passed through.  Python's own start-up is outside the measured span, and
this helper starts exactly one child, so RUSAGE_CHILDREN is that child's.
"""
import os
import resource
import subprocess
import sys
import time


def main(argv):
    if '--' not in argv or len(argv) < 3:
        print(__doc__.strip().split('\n')[2], file=sys.stderr)
        return 2
    sep = argv.index('--')
    opts, cmd = argv[:sep], argv[sep + 1:]
    results, key = opts[0], opts[1]
    out, cwd = os.devnull, None
    rest = opts[2:]
    while rest:
        if rest[0] == '--stdout' and len(rest) > 1:
            out, rest = rest[1], rest[2:]
        elif rest[0] == '--cwd' and len(rest) > 1:
            cwd, rest = rest[1], rest[2:]
        else:
            print('speed-time: unknown option %r' % rest[0], file=sys.stderr)
            return 2
    if not cmd:
        print('speed-time: no command', file=sys.stderr)
        return 2
    with open(out, 'wb') as f:
        t0 = time.perf_counter()
        try:
            # close_fds=False lets Python use vfork/posix_spawn: a cheaper
            # start for the child, the same for every system measured.
            status = subprocess.call(cmd, stdout=f, cwd=cwd, close_fds=False)
        except OSError as err:
            print('speed-time: %s: %s' % (cmd[0], err), file=sys.stderr)
            status = 127
        wall = time.perf_counter() - t0
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(results, 'a', encoding='utf-8') as r:
        r.write('%s.wall %.4f\n%s.cpu %.4f\n%s.rss %d\n'
                % (key, wall, key, ru.ru_utime + ru.ru_stime, key, ru.ru_maxrss))
        if status != 0:
            r.write('%s.status %d\n' % (key, status))
    return status


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
