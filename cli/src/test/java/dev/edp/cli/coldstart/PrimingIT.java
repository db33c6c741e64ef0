package dev.edp.cli.coldstart;

import dev.edp.cli.moto.MotoResources;
import dev.edp.cli.moto.OnMoto;
import dev.edp.events.FunctionEnvironment;
import dev.edp.testing.MotoServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SnapStart priming of every handler of the reference application, as the CRaC hook runs it before a snapshot, on a
 * function environment pointed at moto: it runs to the end (no step of it fails) and has no side effect, nothing
 * written to the table or the curated bucket and nothing published, whatever the environment points at. The
 * warm-up's business steps run on twins whose clients send nothing (AwsClients.forPriming); the real clients only read
 * keys that never exist.
 */
class PrimingIT extends OnMoto {

    private static final String TABLE = "priming";
    private static final String CURATED = "priming-curated";
    private static MotoResources resources;
    private static MotoResources.Queue subscriber;
    private static String topicArn;

    @BeforeAll
    static void resources() {
        resources = new MotoResources(aws);
        resources.table(TABLE);
        resources.bucket(CURATED);
        topicArn = aws.sns.createTopic(b -> b.name("priming")).topicArn();
        subscriber = resources.queue("priming-subscriber");
        aws.sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(subscriber.arn()));
    }

    @ParameterizedTest
    @EnumSource(ColdStartHandler.class)
    void primingRunsToTheEndAndChangesNothing(ColdStartHandler handler) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of(
                "AWS_ENDPOINT_URL", moto.endpoint().toString(),
                "AWS_REGION", MotoServer.REGION,
                "AWS_ACCESS_KEY_ID", MotoServer.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", MotoServer.SECRET_KEY,
                FunctionEnvironment.ENVIRONMENT, "dev",
                FunctionEnvironment.TABLE_NAME, TABLE,
                FunctionEnvironment.NOTIFICATIONS_TOPIC_ARN, topicArn,
                FunctionEnvironment.CURATED_BUCKET, CURATED,
                FunctionEnvironment.EVENT_BUS_NAME, "priming"));
        env.put(FunctionEnvironment.CONSUMER, handler.function);
        Object instance = Class.forName(handler.className).getConstructor(Map.class).newInstance(env);

        Object completed = instance.getClass().getMethod("prime").invoke(instance);

        assertThat(completed).as(handler.function + "'s warm-up ran to the end").isEqualTo(true);
        assertThat(aws.dynamo.scan(b -> b.tableName(TABLE)).items()).as("nothing written to the table").isEmpty();
        assertThat(aws.s3.listObjectsV2(b -> b.bucket(CURATED)).keyCount()).as("nothing written to S3").isZero();
        assertThat(resources.notifications(subscriber)).as("nothing published").isEmpty();
    }
}
