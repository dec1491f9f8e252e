"""Prints the CPU seconds (user + system) a process has used with its whole tree: its own, what
its children that ended left to it, and its live descendants' (with what theirs left to them).

Usage: cpu-seconds.py PID   — read before and after a run, the difference is what the run cost it.
"""
import os, sys

TICK = os.sysconf("SC_CLK_TCK")


def stat(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    # After the name: state, ppid, ... utime (14th field), stime, cutime, cstime.
    return int(fields[1]), sum(int(value) for value in fields[11:15])


def tree_ticks(root):
    parents, ticks = {}, {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parents[int(entry)], ticks[int(entry)] = stat(entry)
            except (FileNotFoundError, ProcessLookupError, IndexError):
                pass
    total, frontier = 0, [root]
    while frontier:
        pid = frontier.pop()
        total += ticks.get(pid, 0)
        frontier += [child for child, parent in parents.items() if parent == pid]
    return total


print(f"{tree_ticks(int(sys.argv[1])) / TICK:.2f}")
