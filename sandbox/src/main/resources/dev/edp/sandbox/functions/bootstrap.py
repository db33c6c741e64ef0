# The sandbox's Python runtime, playing Lambda's: imports the handler ("module.function") from the function's code
# (the working directory), then answers one invocation per line on stdin, {"event": ..., "context": {...}}, with one
# line on the real stdout: {"result": ...} or {"error": {"errorType", "errorMessage", "stackTrace"}}. What the handler
# prints (stdout or stderr) goes to the function's log, as {"log": text} lines on the same channel.
import importlib, json, sys, time, traceback

channel = sys.stdout

class _Log:
    # print() writes its arguments, separators and end one by one: a log line is what ends with a newline.
    def __init__(self):
        self._pending = ""
    def write(self, text):
        self._pending += text
        while "\n" in self._pending:
            line, self._pending = self._pending.split("\n", 1)
            channel.write(json.dumps({"log": line}) + "\n")
            channel.flush()
        return len(text)
    def flush(self):
        if self._pending:
            channel.write(json.dumps({"log": self._pending}) + "\n")
            channel.flush()
            self._pending = ""

sys.stdout = _Log()
sys.stderr = _Log()

class _Context:
    def __init__(self, c):
        self.function_name = c.get("functionName")
        self.function_version = "$LATEST"
        self.invoked_function_arn = c.get("invokedFunctionArn")
        self.memory_limit_in_mb = c.get("memoryLimitInMB")
        self.aws_request_id = c.get("awsRequestId")
        self.log_group_name = c.get("logGroupName")
        self._deadline = c.get("deadlineMs", 0)
    def get_remaining_time_in_millis(self):
        return max(0, int(self._deadline - time.time() * 1000))

def _reply(message):
    sys.stdout.flush()
    sys.stderr.flush()
    channel.write(json.dumps(message) + "\n")
    channel.flush()

module_name, _, function_name = sys.argv[1].rpartition(".")
try:
    handler = getattr(importlib.import_module(module_name), function_name)
except Exception as e:
    handler = None
    init_error = {"errorType": type(e).__name__, "errorMessage": "cannot load handler " + sys.argv[1] + ": " + str(e),
                  "stackTrace": traceback.format_exc().splitlines()}

for line in sys.stdin:
    request = json.loads(line)
    if handler is None:
        _reply({"error": init_error})
        continue
    try:
        _reply({"result": handler(request["event"], _Context(request.get("context", {})))})
    except Exception as e:
        _reply({"error": {"errorType": type(e).__name__, "errorMessage": str(e),
                          "stackTrace": traceback.format_exc().splitlines()}})
