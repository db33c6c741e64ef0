package dev.edp.cli.cur;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code edp cur coldstart}: how long a fresh JVM takes from process start to its first handled batch. Starts moto,
 * creates the table, buckets and topic, uploads a small report per run, then starts {@code java -cp <lambda jar>:<probe>}
 * ({@link ColdStartProbe}) with the function's environment variables and times it until it prints that it handled
 * the batch. A measurement, not a test; no SnapStart, no Lambda runtime: the JVM and the handler only.
 */
@Command(name = "coldstart", mixinStandardHelpOptions = true,
        description = "Measure a fresh JVM's time from start to its first handled CUR batch (needs moto: ./edp setup).")
public final class ColdStartCommand implements Callable<Integer> {

    @Option(names = "--runtime-jar", defaultValue = "runtime/target/edp-runtime-lambda.jar",
            description = "The Lambda jar. Default: ${DEFAULT-VALUE}.")
    Path runtimeJar;

    @Option(names = "--runs", defaultValue = "5", description = "Fresh JVMs to time. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--primed", description = "Run the handler's SnapStart priming before the batch, and report the "
            + "batch's own time after it: the proxy for a restored snapshot's first batch.")
    boolean primed;

    @Option(names = "--java-option", description = "An option for the child JVM (repeatable), e.g. -XX:TieredStopAtLevel=1.")
    List<String> javaOptions = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(runtimeJar)) {
            System.err.println("edp cur coldstart: " + runtimeJar + " not found: run mvn -B -DskipTests package");
            return 2;
        }
        Path probeDir = extractProbe();
        try (MotoServer moto = MotoServer.start()) {
            Map<String, String> env = provision(moto);
            long[] millis = new long[runs];
            long[] batches = new long[runs];
            long[] ready = new long[runs];
            for (int run = 0; run < runs; run++) {
                Path event = uploadAndDescribe(moto, "cur/coldstart-" + run + ".csv");
                String[] handled = new String[1];
                millis[run] = timeChild(probeDir, event, env, handled);
                batches[run] = field(handled[0], "batch_ms");
                ready[run] = field(handled[0], "ready_ms");
                System.out.printf(Locale.ROOT, "run %d: %d ms from process start to first handled batch (child: %s)%n",
                        run + 1, millis[run], handled[0]);
            }
            Arrays.sort(millis);
            Arrays.sort(batches);
            Arrays.sort(ready);
            System.out.printf(Locale.ROOT, "coldstart primed=%s runs=%d min_ms=%d median_ms=%d max_ms=%d"
                            + " init_done_median_ms=%d first_batch_min_ms=%d first_batch_median_ms=%d first_batch_max_ms=%d jar_bytes=%d%n",
                    primed, runs, millis[0], millis[runs / 2], millis[runs - 1], ready[runs / 2], batches[0],
                    batches[runs / 2], batches[runs - 1], Files.size(runtimeJar));
        }
        return 0;
    }

    private long timeChild(Path probeDir, Path event, Map<String, String> env, String[] handledLine)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(javaOptions);
        command.addAll(List.of("-cp", runtimeJar.toAbsolutePath() + java.io.File.pathSeparator + probeDir,
                ColdStartProbe.class.getName(), event.toString(), primed ? "--primed" : "--cold"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        String handled = null;
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("HANDLED") && handled == null) {
                    handled = line;
                    handledLine[0] = line;
                    long elapsed = (System.nanoTime() - started) / 1_000_000;
                    drain(out);
                    process.waitFor();
                    if (!line.contains("failures=0")) {
                        throw new IllegalStateException("the batch failed: " + output);
                    }
                    return elapsed;
                }
                output.add(line);
            }
        }
        process.waitFor();
        throw new IllegalStateException("the probe exited " + process.exitValue() + " without handling the batch: " + output);
    }

    /** A {@code name=number} field of the probe's HANDLED line. */
    private static long field(String line, String name) {
        for (String part : line.split(" ")) {
            if (part.startsWith(name + "=")) {
                return Long.parseLong(part.substring(name.length() + 1));
            }
        }
        throw new IllegalStateException("the probe's line has no " + name + ": " + line);
    }

    private static void drain(BufferedReader out) throws IOException {
        while (out.readLine() != null) {
            // let the child finish writing
        }
    }

    /** The table, buckets and topic, and the environment the function gets. */
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

    /** Uploads a 100 kB report and writes the SQS batch that announces it, as EventBridge would deliver it. */
    private static Path uploadAndDescribe(MotoServer moto, String key) throws IOException {
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        CurFileGenerator.standard(CurLayout.LEGACY, key.hashCode()).write(report, 100_000, false);
        S3Client s3 = s3(moto);
        String etag = s3.putObject(b -> b.bucket("coldstart-ingest").key(key), RequestBody.fromBytes(report.toByteArray())).eTag();
        ObjectMapper json = new ObjectMapper();
        ObjectNode event = json.createObjectNode();
        event.put("version", "0").put("id", UUID.randomUUID().toString()).put("detail-type", "Object Created")
                .put("source", "aws.s3").put("account", MotoServer.ACCOUNT).put("region", MotoServer.REGION);
        ObjectNode object = event.putObject("detail").put("version", "0");
        object.putObject("bucket").put("name", "coldstart-ingest");
        object.putObject("object").put("key", key).put("size", report.size()).put("etag", etag.replace("\"", ""));
        ObjectNode batch = json.createObjectNode();
        batch.putArray("Records").addObject().put("messageId", UUID.randomUUID().toString()).put("body", event.toString());
        Path file = Files.createTempFile("coldstart-", ".json");
        Files.writeString(file, batch.toString());
        return file;
    }

    /** The probe's class file, alone in a directory, so the child's class path is the Lambda jar and it. */
    private static Path extractProbe() throws IOException {
        String resource = ColdStartProbe.class.getName().replace('.', '/') + ".class";
        Path dir = Files.createTempDirectory("coldstart-probe");
        Path target = dir.resolve(resource);
        Files.createDirectories(target.getParent());
        try (InputStream in = ColdStartCommand.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(java.util.Objects.requireNonNull(in, resource), target);
        }
        return dir;
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
}
