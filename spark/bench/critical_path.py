#!/usr/bin/python3
"""Wall time of a Spark study on N idle cores, from the task CPU times in its event log.

Usage: critical_path.py EVENT_LOG_DIR [N ...]      (default N: 1 2 4 8 16 32)

On a shared machine a run's wall time says more about the other jobs than about the work split;
the CPU time Spark measures for each task (its "Executor CPU Time") does not. This replays the
run's jobs one after another, each task on the core that frees first, in partition order (as
Spark's scheduler hands them out), and prints the predicted wall time per N. Scheduling and
start-up overheads are left out (they are printed separately from the log).
"""
import glob
import heapq
import json
import sys


def jobs(directory):
    events = []
    for name in sorted(glob.glob(directory + "/**/*", recursive=True)):
        try:
            with open(name) as f:
                events += [json.loads(line) for line in f if line.strip()]
        except (IsADirectoryError, UnicodeDecodeError):
            pass
    stage_job, out, start, end = {}, {}, None, None
    for e in events:
        kind = e["Event"]
        if kind == "SparkListenerApplicationStart":
            start = e["Timestamp"]
        elif kind == "SparkListenerApplicationEnd":
            end = e["Timestamp"]
        elif kind == "SparkListenerJobStart":
            out[e["Job ID"]] = {"what": e["Properties"].get("spark.job.description", ""), "tasks": {},
                                "wall": -e["Submission Time"]}
            for s in e["Stage IDs"]:
                stage_job[s] = e["Job ID"]
        elif kind == "SparkListenerJobEnd":
            out[e["Job ID"]]["wall"] += e["Completion Time"]
        elif kind == "SparkListenerTaskEnd" and e["Task End Reason"]["Reason"] == "Success":
            m = e["Task Metrics"]
            cpu = (m["Executor CPU Time"] + m["Executor Deserialize CPU Time"]) / 1e9
            out[stage_job[e["Stage ID"]]]["tasks"][e["Task Info"]["Index"]] = cpu
    return [out[k] for k in sorted(out)], (end - start) / 1e3 if start and end else float("nan")


def replay(job_list, cores):
    total = 0.0
    for job in job_list:
        free = [0.0] * cores
        for index in sorted(job["tasks"]):
            heapq.heappush(free, heapq.heappop(free) + job["tasks"][index])
        total += max(free)
    return total


def main():
    directory = sys.argv[1]
    counts = [int(a) for a in sys.argv[2:]] or [1, 2, 4, 8, 16, 32]
    job_list, app = jobs(directory)
    for job in job_list:
        cpu = sum(job["tasks"].values())
        print(f"{len(job['tasks']):5d} tasks  cpu {cpu:8.1f} s  longest {max(job['tasks'].values()):6.1f} s  "
              f"measured wall {job['wall'] / 1e3:7.1f} s  {job['what']}")
    jobs_wall = sum(j["wall"] for j in job_list) / 1e3
    print(f"application {app:.1f} s, of which jobs {jobs_wall:.1f} s (the rest: Spark start and stop)")
    print("predicted wall of the jobs on N idle cores: "
          + ", ".join(f"N={n}: {replay(job_list, n):.1f} s" for n in counts))


if __name__ == "__main__":
    main()
