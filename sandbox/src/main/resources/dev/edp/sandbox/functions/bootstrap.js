// The sandbox's Node.js runtime, playing Lambda's: requires the handler ("file.export") from the function's code
// (the working directory), then answers one invocation per line on stdin, {"event": ..., "context": {...}}, with one
// line on the real stdout: {"result": ...} or {"error": {"errorType", "errorMessage", "stackTrace"}}. Console output
// goes to the function's log, as {"log": text} lines on the same channel. Async handlers are awaited.
const path = require('path');
const readline = require('readline');
const util = require('util');

const write = process.stdout.write.bind(process.stdout);
const reply = (message) => write(JSON.stringify(message) + '\n');
const log = (...args) => reply({ log: util.format(...args) });
console.log = console.info = console.warn = console.error = console.debug = log;

const spec = process.argv[2];
const dot = spec.lastIndexOf('.');
let handler;
let initError;
try {
  handler = require(path.resolve(process.cwd(), spec.substring(0, dot)))[spec.substring(dot + 1)];
  if (typeof handler !== 'function') throw new TypeError(spec + ' is not a function');
} catch (e) {
  initError = { errorType: e.name, errorMessage: 'cannot load handler ' + spec + ': ' + e.message,
                stack: String(e.stack).split('\n') };
}

const lines = readline.createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on('line', (line) => {
  queue = queue.then(async () => {
    const request = JSON.parse(line);
    if (initError) { reply({ error: initError }); return; }
    const c = request.context || {};
    const context = {
      functionName: c.functionName, functionVersion: '$LATEST', invokedFunctionArn: c.invokedFunctionArn,
      memoryLimitInMB: String(c.memoryLimitInMB), awsRequestId: c.awsRequestId, logGroupName: c.logGroupName,
      getRemainingTimeInMillis: () => Math.max(0, (c.deadlineMs || 0) - Date.now()),
    };
    try {
      const result = await handler(request.event, context);
      reply({ result: result === undefined ? null : result });
    } catch (e) {
      reply({ error: { errorType: (e && e.name) || 'Error', errorMessage: (e && e.message) || String(e),
                       stackTrace: String(e && e.stack).split('\n') } });
    }
  });
});
