"""Interrupt a running cell many times at seeded random moments and check the kernel after each.

Usage: python3 interrupt_study.py KERNEL_NAME PLAN.json WORK_DIR

The kernel starts in WORK_DIR (relative paths of cells, and a JVM crash file hs_err_pid*.log,
land there). PLAN.json holds:
- "setup": cells run first, in order; each {"code": CODE, "expect": TEXT} (expect optional)
- "interrupted": the cell that is interrupted
- "after_interrupt": cells run after every interrupt, each {"code", "expect"}
- "after_completion": cells run when "interrupted" finished before its interrupt was sent
- "final": cells run at the end
- "interrupts": how many interrupts to deliver; "attempts": at most this many runs of the cell
- "seed", "min_delay_s", "max_delay_s": each run is interrupted after a delay drawn uniformly
  from [min, max] by random.Random(seed), in order; the delay counts from the cell going busy
- "pid_code": a cell whose text/plain result is the kernel's process id
Prints one JSON object: {"pid_start", "pid_os", "runs": [...], "setup": [...], "final": [...],
"alive_end", "pid_end", "error"}; each run: {"delay_s", "outcome" ("interrupted", "completed",
"error", "timeout", "dead"), "text" (its result when it finished), "ename", "evalue", "stop_s"
(interrupt to idle), "seconds", "after": [cell results], "alive"}. A cell result is {"code",
"status", "text", "ename", "evalue", "seconds", "expect", "ok"}. Stops early when the kernel dies
or a cell times out. The kernel's own standard output and error are this script's.
"""
import json
import queue
import random
import sys
import time

from jupyter_client.manager import KernelManager

CELL_TIMEOUT_S = 120
ALIVE_CHECK_S = 1.0


def run_cell(km, kc, code, timeout=CELL_TIMEOUT_S, on_busy=None):
    """Executes code; on_busy(seconds since the cell went busy) is polled while the cell runs and
    returns True once it has interrupted it.

    Returns (result dict, seconds from on_busy's interrupt to idle or None). The status is the
    execute_reply's, or "timeout", or "dead" when the kernel process ended meanwhile."""
    msg_id = kc.execute(code)
    out = {"code": code, "status": None, "text": None, "ename": None, "evalue": None}
    started = time.monotonic()
    deadline = started + timeout
    alive_checked = started
    busy_at = None
    interrupted_at = None
    while True:
        left = deadline - time.monotonic()
        if time.monotonic() - alive_checked > ALIVE_CHECK_S:
            alive_checked = time.monotonic()
            if not km.is_alive():
                left = 0
                out["status"] = "dead"
        if left <= 0:
            out["status"] = out["status"] or "timeout"
            out["seconds"] = round(time.monotonic() - started, 3)
            return out, None
        try:
            msg = kc.get_iopub_msg(timeout=min(left, 0.02))
        except queue.Empty:
            msg = None
        now = time.monotonic()
        waiting = busy_at is not None and interrupted_at is None and on_busy is not None
        if waiting and on_busy(now - busy_at):
            interrupted_at = now
        if msg is None or msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "status" and content["execution_state"] == "busy":
            busy_at = now
        elif kind == "execute_result":
            out["text"] = content["data"].get("text/plain")
        elif kind == "error":
            out["ename"], out["evalue"] = content["ename"], content["evalue"]
        elif kind == "status" and content["execution_state"] == "idle":
            break
    stop_s = None if interrupted_at is None else round(time.monotonic() - interrupted_at, 3)
    reply_deadline = time.monotonic() + timeout
    while time.monotonic() < reply_deadline:
        try:
            msg = kc.get_shell_msg(timeout=reply_deadline - time.monotonic())
        except queue.Empty:
            break
        if msg["parent_header"].get("msg_id") == msg_id:
            out["status"] = msg["content"]["status"]
            break
    if out["status"] is None:
        out["status"] = "timeout"
    out["seconds"] = round(time.monotonic() - started, 3)
    return out, stop_s


def checked(km, kc, cell):
    out, _ = run_cell(km, kc, cell["code"])
    if "expect" in cell:
        out["expect"] = cell["expect"]
        out["ok"] = out["status"] == "ok" and out["text"] == cell["expect"]
    else:
        out["ok"] = out["status"] == "ok"
    return out


def main():
    name, plan_file, work_dir = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(plan_file, encoding="utf-8") as f:
        plan = json.load(f)
    rng = random.Random(plan["seed"])
    km = KernelManager(kernel_name=name)
    km.start_kernel(cwd=work_dir)
    kc = km.client()
    kc.start_channels()
    report = {"runs": [], "setup": [], "final": [], "error": None}
    try:
        kc.wait_for_ready(timeout=CELL_TIMEOUT_S)
        report["pid_os"] = km.provisioner.process.pid
        report["pid_start"] = checked(km, kc, {"code": plan["pid_code"]})["text"]
        for cell in plan["setup"]:
            report["setup"].append(checked(km, kc, cell))
            if not report["setup"][-1]["ok"]:
                raise RuntimeError("setup cell failed: %s" % report["setup"][-1])
        interrupts = 0
        for _ in range(plan["attempts"]):
            if interrupts == plan["interrupts"]:
                break
            delay = rng.uniform(plan["min_delay_s"], plan["max_delay_s"])
            run = {"delay_s": round(delay, 3)}

            def interrupt_after(elapsed, delay=delay):
                if elapsed < delay:
                    return False
                km.interrupt_kernel()
                return True

            out, stop_s = run_cell(km, kc, plan["interrupted"], on_busy=interrupt_after)
            run.update(text=out["text"], ename=out["ename"], evalue=out["evalue"], stop_s=stop_s,
                       seconds=out["seconds"])
            if out["status"] in ("timeout", "dead"):
                run["outcome"] = out["status"]
            elif out["status"] == "ok":
                run["outcome"] = "completed"  # also when the interrupt came too late to stop it
            elif out["ename"] == "CellInterruptedException" and stop_s is not None:
                run["outcome"] = "interrupted"
            else:
                run["outcome"] = "error"
            run["alive"] = km.is_alive()
            report["runs"].append(run)
            if run["outcome"] in ("timeout", "dead") or not run["alive"]:
                break
            if run["outcome"] == "interrupted":
                interrupts += 1
                run["after"] = [checked(km, kc, c) for c in plan["after_interrupt"]]
            elif run["outcome"] == "completed":
                run["after"] = [checked(km, kc, c) for c in plan["after_completion"]]
            run["alive"] = km.is_alive()
            stuck = any(a["status"] in ("timeout", "dead") for a in run.get("after", []))
            if not run["alive"] or stuck:
                break
        if km.is_alive():
            report["final"] = [checked(km, kc, c) for c in plan["final"]]
            report["pid_end"] = checked(km, kc, {"code": plan["pid_code"]})["text"]
    except Exception as e:  # reported, the Java test fails on it
        report["error"] = "%s: %s" % (type(e).__name__, e)
    finally:
        report["alive_end"] = km.is_alive()
        print(json.dumps(report), flush=True)
        kc.stop_channels()
        km.shutdown_kernel(now=not report["alive_end"])


if __name__ == "__main__":
    main()
