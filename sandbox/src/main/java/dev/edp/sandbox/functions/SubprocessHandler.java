package dev.edp.sandbox.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * One execution environment of a Python or Node.js function: the runtime's interpreter as a subprocess in the
 * function's code (its directory, or its zip unpacked), with the function's environment variables, running a
 * bootstrap of the sandbox's ({@code bootstrap.py}, {@code bootstrap.js}) that plays Lambda's runtime: it loads the
 * handler ({@code module.function}, {@code file.export}) once, then takes one invocation per line, the event as
 * Lambda serializes it (an SQS batch as {@code {"Records": [...]}}) with a context, and answers the handler's result
 * or its error ({@code errorType}, {@code errorMessage}); what the handler prints goes to the function's log. A
 * partial batch response ({@code {"batchItemFailures": [...]}}) is honoured by the event source mapping like a Java
 * handler's.
 */
final class SubprocessHandler implements FunctionRuntime {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Boolean> INSTALLED = new ConcurrentHashMap<>();

    private final Process process;
    private final BufferedWriter requests;
    private final BufferedReader answers;
    private final Path stderr;

    private SubprocessHandler(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** The interpreter of a Lambda runtime this class runs ({@code python3.12} → python3, {@code nodejs20.x} → node). */
    static Optional<String> interpreter(String runtime) {
        if (runtime == null) {
            return Optional.empty();
        }
        if (runtime.startsWith("python3")) {
            return Optional.of("python3");
        }
        if (runtime.startsWith("nodejs")) {
            return Optional.of("node");
        }
        return Optional.empty();
    }

    /** Whether the interpreter is on this machine's PATH (asked once). */
    static boolean installed(String interpreter) {
        return INSTALLED.computeIfAbsent(interpreter, i -> {
            try {
                Process p = new ProcessBuilder(i, "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                return p.waitFor() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /** Starts an execution environment: the interpreter, the bootstrap, the handler loaded. */
    static SubprocessHandler start(String runtime, String handler, Path archive, Map<String, String> environment)
            throws IOException {
        String interpreter = interpreter(runtime).orElseThrow(() -> new IllegalArgumentException(
                "runtime " + runtime + " is not run as a subprocess"));
        Path code = Files.isDirectory(archive) ? archive : unzip(archive);
        String bootstrapName = interpreter.equals("node") ? "bootstrap.js" : "bootstrap.py";
        Path bootstrap = Files.createTempFile("edp-sandbox-", "-" + bootstrapName);
        try (InputStream in = SubprocessHandler.class.getResourceAsStream(bootstrapName)) {
            Files.write(bootstrap, in.readAllBytes());
        }
        bootstrap.toFile().deleteOnExit();
        Path stderr = Files.createTempFile("edp-sandbox-", ".stderr");
        stderr.toFile().deleteOnExit();
        ProcessBuilder builder = new ProcessBuilder(interpreter, bootstrap.toString(), handler)
                .directory(code.toFile()).redirectError(stderr.toFile());
        Map<String, String> env = builder.environment();
        String path = env.get("PATH");
        env.clear();
        env.put("PATH", path == null ? "/usr/bin:/bin" : path);
        env.putAll(environment);
        env.put("LAMBDA_TASK_ROOT", code.toString());
        if (interpreter.equals("python3")) {
            env.put("PYTHONPATH", code.toString());
            env.put("PYTHONUNBUFFERED", "1");
        }
        return new SubprocessHandler(builder.start(), stderr);
    }

    @Override
    public boolean environmentGiven() {
        return true;
    }

    @Override
    public synchronized Object call(Object input, Context context) throws Exception {
        JsonNode event = input instanceof SQSEvent sqs ? lambdaJson(sqs) : JSON.valueToTree(input);
        ObjectNode request = JSON.createObjectNode();
        request.set("event", event);
        ObjectNode c = request.putObject("context");
        c.put("functionName", context.getFunctionName());
        c.put("awsRequestId", context.getAwsRequestId());
        c.put("memoryLimitInMB", context.getMemoryLimitInMB());
        c.put("invokedFunctionArn", context.getInvokedFunctionArn());
        c.put("logGroupName", context.getLogGroupName());
        c.put("deadlineMs", System.currentTimeMillis() + context.getRemainingTimeInMillis());
        requests.write(JSON.writeValueAsString(request));
        requests.newLine();
        requests.flush();
        while (true) {
            String line = answers.readLine();
            if (line == null) {
                throw new FunctionError("Runtime.ExitError", "the " + process.info().command().orElse("runtime")
                        + " process ended (exit " + process.waitFor() + "): " + tail());
            }
            JsonNode answer = JSON.readTree(line);
            if (answer.has("log")) {
                System.out.println(answer.get("log").asText());
            } else if (answer.has("error")) {
                JsonNode error = answer.get("error");
                throw new FunctionError(error.path("errorType").asText("Error"), error.path("errorMessage").asText());
            } else {
                return answer.get("result");
            }
        }
    }

    @Override
    public byte[] callJson(byte[] payload, Context context) throws Exception {
        Object result = call(payload.length == 0 ? null : JSON.readTree(payload), context);
        return JSON.writeValueAsBytes(result);
    }

    /** An SQS batch as Lambda hands it to a function of any runtime. */
    static ObjectNode lambdaJson(SQSEvent event) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode records = root.putArray("Records");
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            ObjectNode r = records.addObject();
            r.put("messageId", m.getMessageId());
            r.put("receiptHandle", m.getReceiptHandle());
            r.put("body", m.getBody());
            r.set("attributes", JSON.valueToTree(m.getAttributes() == null ? Map.of() : m.getAttributes()));
            r.putObject("messageAttributes");
            r.put("md5OfBody", m.getMd5OfBody());
            r.put("eventSource", "aws:sqs");
            r.put("eventSourceARN", m.getEventSourceArn());
            r.put("awsRegion", m.getAwsRegion());
        }
        return root;
    }

    private String tail() {
        try {
            String text = Files.readString(stderr);
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no output)";
        }
    }

    private static Path unzip(Path zip) throws IOException {
        Path dir = Files.createTempDirectory("edp-sandbox-code-");
        dir.toFile().deleteOnExit();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path target = dir.resolve(e.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException(zip + ": entry " + e.getName() + " leaves the archive");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
        return dir;
    }

    /** A function error as Lambda reports it: its type and message. */
    static final class FunctionError extends Exception {
        FunctionError(String type, String message) {
            super(type + ": " + message);
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
