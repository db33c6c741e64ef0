package dev.edp.cli.coldstart;

import dev.edp.cli.cur.CurFileGenerator;
import dev.edp.events.FunctionEnvironment;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edp.runtime.cur.CurLayout;
import dev.edp.testing.MotoServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code edp coldstart}: how long a fresh JVM takes to its first handled input, for every handler of the reference
 * application ({@link ColdStartHandler}). Starts moto, creates the table, buckets and topic, then for each run and
 * handler starts {@code java <Lambda-like flags> -cp <lambda jar>:<probe>} ({@link ColdStartProbe}) with the
 * function's environment variables and times it until it prints that it handled the input; cold (construct, handle)
 * and primed (construct, run the SnapStart priming, handle: the proxy for a restored snapshot's first invocation),
 * interleaved. What an invocation needs to find in the table (the item restocked, the order created, reserved) is
 * made first by the same handlers in this process, untimed. A measurement, not a test; no SnapStart, no Lambda
 * runtime: the JVM and the handler only.
 */
@Command(name = "coldstart", mixinStandardHelpOptions = true,
        description = "Measure a fresh JVM's time to its first handled input, for every handler, cold and after "
                + "SnapStart priming (needs moto: ./edp setup). Prints min/median/max per handler.")
public class ColdStartCommand implements Callable<Integer> {

    /** What Lambda's Java 17+ runtimes run with by default: C1 only (AWS, "Customize Java runtime startup"), serial GC. */
    static final List<String> LAMBDA_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx445m");

    @Option(names = "--runtime-jar", defaultValue = "runtime/target/edp-runtime-lambda.jar",
            description = "The Lambda jar. Default: ${DEFAULT-VALUE}.")
    Path runtimeJar;

    @Option(names = "--runs", defaultValue = "5", description = "Fresh JVMs per handler and mode. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--handler", paramLabel = "FUNCTION", description = "Only these (repeatable): inventory-processor, "
            + "order-processor, notification-processor, approval-processor, wf-validate, wf-reserve-inventory, "
            + "wf-process-order, wf-handle-error, cur-ingest. Default: all.")
    List<String> handlers = new ArrayList<>();

    @Option(names = "--mode", defaultValue = "both", description = "cold, primed or both (interleaved). Default: ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--report-bytes", defaultValue = "20000", description = "Size of cur-ingest's report: the sandbox's "
            + "(3 accounts, 4 services, 3 days: ~30 groups in 9 running-total items) by default, so the figure is the "
            + "JVM's, not the emulator's. Default: ${DEFAULT-VALUE}.")
    long reportBytes;

    @Option(names = "--no-lambda-flags", description = "Start the children without Lambda's default JVM flags ("
            + "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -Xmx445m).")
    boolean noLambdaFlags;

    @Option(names = "--java-option", description = "An extra option for the child JVM (repeatable), e.g. "
            + "-XX:SharedArchiveFile=edp-lambda.jsa or -XX:TieredStopAtLevel=4 (the last one wins).")
    List<String> javaOptions = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(runtimeJar)) {
            System.err.println("edp coldstart: " + runtimeJar + " not found: run mvn -B -DskipTests package");
            return 2;
        }
        List<ColdStartHandler> selected;
        try {
            selected = handlers.isEmpty() ? List.of(ColdStartHandler.values())
                    : handlers.stream().map(ColdStartHandler::named).toList();
        } catch (IllegalArgumentException unknown) {
            System.err.println("edp coldstart: --handler: " + unknown.getMessage());
            return 2;
        }
        List<Boolean> modes = switch (mode) {
            case "cold" -> List.of(false);
            case "primed" -> List.of(true);
            case "both" -> List.of(false, true);
            default -> List.of();
        };
        if (modes.isEmpty() || runs < 1) {
            System.err.println("edp coldstart: --mode is cold, primed or both (got '" + mode + "'), --runs at least 1");
            return 2;
        }
        Path probeJar = extractProbe();
        Map<Boolean, Map<ColdStartHandler, List<String>>> lines = new HashMap<>();
        try (MotoServer moto = MotoServer.start()) {
            Map<String, String> env = provision(moto);
            Prerequisites prerequisites = new Prerequisites(env);
            for (int run = 1; run <= runs; run++) {
                for (boolean primed : modes) {
                    for (ColdStartHandler handler : selected) {
                        String id = "CS" + run + (primed ? "P" : "C") + "-" + UUID.randomUUID().toString().substring(0, 8);
                        Path input = input(moto, prerequisites, handler, id);
                        Path second = input(moto, prerequisites, handler, id + "-2");
                        Map<String, String> childEnv = new HashMap<>(env);
                        childEnv.put(FunctionEnvironment.CONSUMER, handler.function);
                        String handled = timeChild(probeJar, handler, List.of(input, second), childEnv, primed);
                        Files.delete(input);
                        Files.delete(second);
                        lines.computeIfAbsent(primed, p -> new EnumMap<>(ColdStartHandler.class))
                                .computeIfAbsent(handler, h -> new ArrayList<>()).add(handled);
                        System.out.printf(Locale.ROOT, "run %d %-22s %-6s %s%n", run, handler.function,
                                primed ? "primed" : "cold", handled);
                    }
                }
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "jar %s: %,d bytes; child JVM: %s %s%n", runtimeJar, Files.size(runtimeJar),
                System.getProperty("java.version"), String.join(" ", childFlags()));
        for (boolean primed : modes) {
            System.out.println(primed
                    ? "primed (SnapStart proxy): init + priming done, then the first input; goal: input <= 200 ms"
                    : "cold: process start -> handler constructed -> first input handled; goal: handled <= 1,500 ms");
            for (Map.Entry<ColdStartHandler, List<String>> entry : lines.get(primed).entrySet()) {
                System.out.println("  " + Summary.of(entry.getKey().function, primed, entry.getValue()));
            }
        }
        return 0;
    }

    /** The input of one invocation, in a file, with what it needs in the table made first. */
    private Path input(MotoServer moto, Prerequisites prerequisites, ColdStartHandler handler, String id) throws Exception {
        prerequisites.before(handler, id);
        Path input = Files.createTempFile("coldstart-", ".json");
        Files.writeString(input, handler == ColdStartHandler.CUR ? uploadReport(moto, id) : handler.input(id));
        return input;
    }

    private List<String> childFlags() {
        List<String> flags = new ArrayList<>(noLambdaFlags ? List.of() : LAMBDA_FLAGS);
        flags.addAll(javaOptions);
        return flags;
    }

    /** Runs one child to its HANDLED line and returns it with the parent's own measure (process start to it) added. */
    private String timeChild(Path probeJar, ColdStartHandler handler, List<Path> inputs, Map<String, String> env, boolean primed)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(childFlags());
        command.addAll(List.of("-cp", runtimeJar.toAbsolutePath() + java.io.File.pathSeparator + probeJar,
                ColdStartProbe.class.getName(), handler.className, handler.kind(), inputs.get(0).toString(),
                primed ? "--primed" : "--cold", inputs.get(1).toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("HANDLED ")) {
                    // To the first input handled: the line comes after the second input, whose own time it gives.
                    long elapsed = (System.nanoTime() - started) / 1_000_000 - Math.max(0, Summary.field(line, "second_ms"));
                    while (out.readLine() != null) {
                        // let the child finish writing
                    }
                    process.waitFor();
                    if (!line.contains("ok=true")) {
                        throw new IllegalStateException(handler.function + ": the input failed: " + output);
                    }
                    return line.substring("HANDLED ".length()) + " wall_ms=" + elapsed;
                }
                output.add(line);
            }
        }
        process.waitFor();
        throw new IllegalStateException(handler.function + ": the probe exited " + process.exitValue()
                + " without handling its input: " + output);
    }

    /** The table, buckets and topic, and the environment every function gets (each adds its EDP_CONSUMER). */
    private static Map<String, String> provision(MotoServer moto) {
        DynamoDbClient dynamo = client(DynamoDbClient.builder(), moto).build();
        SnsClient sns = client(SnsClient.builder(), moto).build();
        S3Client s3 = s3(moto);
        s3.createBucket(b -> b.bucket("coldstart-ingest"));
        s3.createBucket(b -> b.bucket("coldstart-curated"));
        dynamo.createTable(b -> b.tableName("coldstart").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE)));
        String topic = sns.createTopic(b -> b.name("coldstart")).topicArn();
        return Map.of(
                "AWS_ENDPOINT_URL", moto.endpoint().toString(),
                "AWS_REGION", MotoServer.REGION,
                "AWS_ACCESS_KEY_ID", MotoServer.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", MotoServer.SECRET_KEY,
                FunctionEnvironment.ENVIRONMENT, "dev",
                FunctionEnvironment.TABLE_NAME, "coldstart",
                FunctionEnvironment.NOTIFICATIONS_TOPIC_ARN, topic,
                FunctionEnvironment.CURATED_BUCKET, "coldstart-curated",
                FunctionEnvironment.EVENT_BUS_NAME, "coldstart");
    }

    /** Uploads a report like the sandbox's load phase and returns the SQS batch that announces it. */
    private String uploadReport(MotoServer moto, String id) throws IOException {
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        new CurFileGenerator(CurLayout.LEGACY, 2, 3, 4, LocalDate.of(2024, 3, 1), 3, id.hashCode()).write(report, reportBytes, false);
        String key = "cur/coldstart-" + id + ".csv";
        String etag = s3(moto).putObject(b -> b.bucket("coldstart-ingest").key(key), RequestBody.fromBytes(report.toByteArray())).eTag();
        ObjectNode event = new ObjectMapper().createObjectNode();
        event.put("version", "0").put("id", UUID.randomUUID().toString()).put("detail-type", "Object Created")
                .put("source", "aws.s3").put("account", MotoServer.ACCOUNT).put("region", MotoServer.REGION);
        ObjectNode object = event.putObject("detail").put("version", "0");
        object.putObject("bucket").put("name", "coldstart-ingest");
        object.putObject("object").put("key", key).put("size", report.size()).put("etag", etag.replace("\"", ""));
        return ColdStartHandler.sqsBatch(event.toString());
    }

    /**
     * The probe's class, alone in a jar, so the child's class path is the Lambda jar and it. A jar at a fixed path,
     * rewritten only when its class changed: an AppCDS archive ({@code -XX:ArchiveClassesAtExit}, then
     * {@code -XX:SharedArchiveFile}) is only dumped for a class path of jars, and only used while every jar of it is
     * the same file (path, size and time) as at the dump.
     */
    private static Path extractProbe() throws IOException {
        String resource = ColdStartProbe.class.getName().replace('.', '/') + ".class";
        byte[] probe;
        try (InputStream in = ColdStartCommand.class.getClassLoader().getResourceAsStream(resource)) {
            probe = java.util.Objects.requireNonNull(in, resource).readAllBytes();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(bytes)) {
            java.util.jar.JarEntry entry = new java.util.jar.JarEntry(resource);
            entry.setTime(0); // the same bytes for the same class
            out.putNextEntry(entry);
            out.write(probe);
            out.closeEntry();
        }
        Path jar = Path.of(System.getProperty("java.io.tmpdir"), "edp-coldstart-probe.jar");
        if (!Files.isRegularFile(jar) || !java.util.Arrays.equals(Files.readAllBytes(jar), bytes.toByteArray())) {
            Files.write(jar, bytes.toByteArray());
        }
        return jar;
    }

    private static S3Client s3(MotoServer moto) {
        return client(S3Client.builder(), moto).forcePathStyle(true).build();
    }

    private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>
            & software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<B, ?>> B client(B builder, MotoServer moto) {
        return builder.endpointOverride(moto.endpoint()).region(Region.of(MotoServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.builder().build());
    }

    /**
     * What a handler's input needs in the table, made before its child starts by the same handlers in this JVM (not
     * timed, their logs discarded): the item restocked and the order created (for the reservation), reserved (for
     * the compensation).
     */
    private static final class Prerequisites {
        private final Map<ColdStartHandler, Object> handlers = new EnumMap<>(ColdStartHandler.class);
        private final Map<String, String> env;

        Prerequisites(Map<String, String> env) {
            this.env = env;
        }

        void before(ColdStartHandler handler, String id) throws Exception {
            List<ColdStartHandler> needed = switch (handler) {
                case RESERVE -> List.of(ColdStartHandler.INVENTORY, ColdStartHandler.ORDER);
                case PROCESS -> List.of(ColdStartHandler.ORDER);
                case HANDLE_ERROR -> List.of(ColdStartHandler.INVENTORY, ColdStartHandler.ORDER, ColdStartHandler.RESERVE);
                default -> List.of();
            };
            PrintStream out = System.out;
            System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
            try {
                for (ColdStartHandler step : needed) {
                    Object instance = handlers.get(step);
                    if (instance == null) {
                        Map<String, String> own = new HashMap<>(env);
                        own.put(FunctionEnvironment.CONSUMER, step.function);
                        instance = Class.forName(step.className).getConstructor(Map.class).newInstance(own);
                        handlers.put(step, instance);
                    }
                    String outcome = ColdStartProbe.invoke(instance, step.kind(), step.input(id).getBytes(StandardCharsets.UTF_8));
                    if (!outcome.startsWith("ok=true")) {
                        throw new IllegalStateException(step.function + " (before " + handler.function + ") failed: " + outcome);
                    }
                }
            } finally {
                System.setOut(out);
            }
        }
    }

    /** {@code edp cur coldstart}: the same, for the CUR function only (kept for tools/bench/cur-bench.sh). */
    @Command(name = "coldstart", mixinStandardHelpOptions = true,
            description = "edp coldstart --handler cur-ingest: a fresh JVM's time to its first handled CUR batch.")
    public static final class CurOnly extends ColdStartCommand {
        public CurOnly() {
            handlers = new ArrayList<>(List.of(ColdStartHandler.CUR.function));
        }
    }
}
