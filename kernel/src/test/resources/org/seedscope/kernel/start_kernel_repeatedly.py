"""Start a Jupyter kernel several times in a row and check that every start works.

Usage: python3 start_kernel_repeatedly.py KERNEL_NAME COUNT

The kernelspec is found through Jupyter's usual search path (set JUPYTER_PATH). For each start:
send ONE kernel_info request and require its reply (a kernel that misses its first request
fails; there is no retry), confirm the IOPub channel like jupyter_client's wait_for_ready does
(another kernel_info only if no IOPub message arrived yet), execute "1+1" and require the
execute_result "2" and an "ok" reply, then ask the kernel to shut down and require that it
exits by itself. The first start also interrupts a cell running "while (true) { }" through
Jupyter's interrupt request (the kernelspec's interrupt_mode is "message") and requires the
cell to end with a CellInterruptedException error and the next execute to work. Prints one
JSON line per start and exits with status 1 if any start failed.
"""
import json
import queue
import sys
import time

from jupyter_client.manager import KernelManager

REPLY_TIMEOUT_S = 60
EXECUTE_TIMEOUT_S = 120
SHUTDOWN_TIMEOUT_S = 15
IOPUB_HANDSHAKES = 10


def shell_reply(kc, msg_id, timeout):
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        try:
            msg = kc.get_shell_msg(timeout=left)
        except queue.Empty:
            return None
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def confirm_iopub(kc):
    """Returns how many extra kernel_info requests it took until IOPub delivered a message."""
    for extra in range(IOPUB_HANDSHAKES):
        try:
            kc.get_iopub_msg(timeout=1)
            return extra
        except queue.Empty:
            msg_id = kc.kernel_info()
            if shell_reply(kc, msg_id, REPLY_TIMEOUT_S) is None:
                raise RuntimeError("no reply to an IOPub handshake kernel_info")
    raise RuntimeError("IOPub delivered nothing after %d kernel_info requests" % IOPUB_HANDSHAKES)


def execute_result(kc, code):
    msg_id = kc.execute(code)
    deadline = time.monotonic() + EXECUTE_TIMEOUT_S
    result = None
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise RuntimeError("no idle status for the execute request within %ss" % EXECUTE_TIMEOUT_S)
        msg = kc.get_iopub_msg(timeout=left)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "execute_result":
            result = msg["content"]["data"].get("text/plain")
        elif msg["msg_type"] == "error":
            raise RuntimeError("execute failed: %s" % "\n".join(msg["content"]["traceback"]))
        elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    reply = shell_reply(kc, msg_id, REPLY_TIMEOUT_S)
    if reply is None or reply["content"]["status"] != "ok":
        raise RuntimeError("execute_reply missing or not ok: %s" % (reply and reply["content"]))
    return result


def interrupted_loop(km, kc):
    """Returns seconds from the interrupt request to the cell's error, or raises."""
    msg_id = kc.execute("while (true) { }")
    deadline = time.monotonic() + EXECUTE_TIMEOUT_S
    interrupted_at = None
    while time.monotonic() < deadline:
        try:
            msg = kc.get_iopub_msg(timeout=0.5)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "busy" and interrupted_at is None:
            time.sleep(1)  # let the loop start
            km.interrupt_kernel()
            interrupted_at = time.monotonic()
        elif msg["msg_type"] == "error":
            if msg["content"]["ename"] != "CellInterruptedException":
                raise RuntimeError("unexpected error: %s" % msg["content"])
            return round(time.monotonic() - interrupted_at, 2)
        elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    raise RuntimeError("the interrupted loop did not end with CellInterruptedException")


def one_start(name, index):
    record = {"start": index, "ok": False}
    km = KernelManager(kernel_name=name)
    started = time.monotonic()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        reply = shell_reply(kc, kc.kernel_info(), REPLY_TIMEOUT_S)
        if reply is None:
            record["error"] = "no reply to the first kernel_info request within %ss" % REPLY_TIMEOUT_S
            return record
        record["kernel_info_s"] = round(time.monotonic() - started, 2)
        record["iopub_handshakes"] = confirm_iopub(kc)
        before = time.monotonic()
        record["result"] = execute_result(kc, "1+1")
        record["execute_s"] = round(time.monotonic() - before, 2)
        if record["result"] != "2":
            record["error"] = "1+1 gave %r" % record["result"]
            return record
        if index == 1:
            record["interrupt_to_error_s"] = interrupted_loop(km, kc)
            if execute_result(kc, "1+1") != "2":
                record["error"] = "1+1 after the interrupt did not give 2"
                return record
        record["ok"] = True
        return record
    except Exception as e:  # reported per start, never retried
        record["error"] = "%s: %s" % (type(e).__name__, e)
        return record
    finally:
        kc.stop_channels()
        km.request_shutdown()
        deadline = time.monotonic() + SHUTDOWN_TIMEOUT_S
        while km.is_alive() and time.monotonic() < deadline:
            time.sleep(0.1)
        record["clean_shutdown"] = not km.is_alive()
        if not record["clean_shutdown"]:
            record["ok"] = False
            record.setdefault("error", "kernel still alive %ss after shutdown_request" % SHUTDOWN_TIMEOUT_S)
        km.shutdown_kernel(now=True)
        record["total_s"] = round(time.monotonic() - started, 2)


def main():
    name, count = sys.argv[1], int(sys.argv[2])
    failures = 0
    for i in range(1, count + 1):
        record = one_start(name, i)
        failures += 0 if record["ok"] else 1
        print(json.dumps(record), flush=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
