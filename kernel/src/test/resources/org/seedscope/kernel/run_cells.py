"""Run cells and inspect requests in one session of a Jupyter kernel and print what came back.

Usage: python3 run_cells.py KERNEL_NAME REQUESTS.json

REQUESTS.json holds a list; each item is {"execute": CODE} or {"inspect": CODE, "cursor": N}
(cursor defaults to the end of CODE). The kernelspec is found through Jupyter's usual search
path (set JUPYTER_PATH). Prints one JSON list with one object per request, in order:
- execute: {"status": reply status, "streams": {"stdout": text, "stderr": text},
  "results": [data of execute_result and display_data messages],
  "errors": [{"ename", "evalue", "traceback"}]}
- inspect: the inspect_reply content ({"status", "found", "data", ...}).
Exits with status 1 when the kernel does not start or a reply does not arrive in time.
"""
import json
import queue
import sys
import time

from jupyter_client.manager import KernelManager

TIMEOUT_S = 180


def shell_reply(kc, msg_id):
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            msg = kc.get_shell_msg(timeout=deadline - time.monotonic())
        except queue.Empty:
            break
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg["content"]
    raise RuntimeError("no shell reply to %s within %ss" % (msg_id, TIMEOUT_S))


def execute(kc, code):
    msg_id = kc.execute(code)
    out = {"streams": {"stdout": "", "stderr": ""}, "results": [], "errors": []}
    deadline = time.monotonic() + TIMEOUT_S
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise RuntimeError("no idle status after executing %r" % code)
        msg = kc.get_iopub_msg(timeout=left)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            out["streams"][content["name"]] += content["text"]
        elif kind in ("execute_result", "display_data"):
            out["results"].append(content["data"])
        elif kind == "error":
            out["errors"].append({k: content[k] for k in ("ename", "evalue", "traceback")})
        elif kind == "status" and content["execution_state"] == "idle":
            break
    out["status"] = shell_reply(kc, msg_id)["status"]
    return out


def main():
    name, requests_file = sys.argv[1], sys.argv[2]
    with open(requests_file, encoding="utf-8") as f:
        requests = json.load(f)
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=TIMEOUT_S)
        results = []
        for r in requests:
            if "execute" in r:
                results.append(execute(kc, r["execute"]))
            else:
                code = r["inspect"]
                msg_id = kc.inspect(code, r.get("cursor", len(code)), detail_level=0)
                results.append(shell_reply(kc, msg_id))
        print(json.dumps(results))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


if __name__ == "__main__":
    main()
