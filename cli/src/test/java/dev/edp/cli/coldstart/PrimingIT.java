package dev.edp.cli.coldstart;

import dev.edp.cli.moto.MotoClients;
import dev.edp.cli.moto.MotoResources;
import dev.edp.cli.moto.PatternOnMoto;
import dev.edp.events.FunctionEnvironment;
import dev.edp.pattern.inputs.BucketArgs;
import dev.edp.testing.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SnapStart priming of every handler of the reference application, as the CRaC hook runs it before a snapshot, on a
 * function environment pointed at moto: it runs to the end (no step of it fails) and has no side effect, nothing
 * written to the table or the curated bucket and nothing published, whatever the environment points at. The
 * warm-up's business steps run on twins whose clients send nothing (AwsClients.forPriming); the real clients only read
 * keys that never exist.
 */
class PrimingIT {

    /** The data bucket the CUR function writes curated copies to, by its name in the pattern's args. */
    private static final String CURATED_BUCKET = "curated";

    private static PatternOnMoto pattern;
    private static MotoClients aws;
    private static String TABLE;
    private static String CURATED;
    private static MotoResources resources;
    private static MotoResources.Queue subscriber;
    private static String topicArn;

    /** The pattern's real table, topic, bus and a data bucket, deployed onto the sandbox (its administrator signs). */
    @BeforeAll
    static void resources() {
        pattern = PatternOnMoto.deploy("priming", List.of(), List.of(),
                List.of(BucketArgs.builder().name(CURATED_BUCKET).build()), false);
        aws = pattern.aws();
        resources = new MotoResources(aws);
        TABLE = pattern.tableName();
        CURATED = pattern.bucketName(CURATED_BUCKET);
        topicArn = pattern.topicArn();
        subscriber = resources.queue("priming-subscriber");
        aws.sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(subscriber.arn()));
    }

    @AfterAll
    static void stop() {
        if (pattern != null) {
            pattern.close();
        }
    }

    @ParameterizedTest
    @EnumSource(ColdStartHandler.class)
    void primingRunsToTheEndAndChangesNothing(ColdStartHandler handler) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of(
                "AWS_ENDPOINT_URL", pattern.sandbox().account().endpoint().uri().toString(),
                "AWS_REGION", MotoServer.REGION,
                "AWS_ACCESS_KEY_ID", pattern.sandbox().account().admin().accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", pattern.sandbox().account().admin().secretAccessKey(),
                FunctionEnvironment.ENVIRONMENT, "dev",
                FunctionEnvironment.TABLE_NAME, TABLE,
                FunctionEnvironment.NOTIFICATIONS_TOPIC_ARN, topicArn,
                FunctionEnvironment.CURATED_BUCKET, CURATED,
                FunctionEnvironment.EVENT_BUS_NAME, pattern.busName()));
        env.put(FunctionEnvironment.CONSUMER, handler.function);
        Object instance = Class.forName(handler.className).getConstructor(Map.class).newInstance(env);

        Object completed = instance.getClass().getMethod("prime").invoke(instance);

        assertThat(completed).as(handler.function + "'s warm-up ran to the end").isEqualTo(true);
        assertThat(aws.dynamo.scan(b -> b.tableName(TABLE)).items()).as("nothing written to the table").isEmpty();
        assertThat(aws.s3.listObjectsV2(b -> b.bucket(CURATED)).keyCount()).as("nothing written to S3").isZero();
        assertThat(resources.notifications(subscriber)).as("nothing published").isEmpty();
    }
}
