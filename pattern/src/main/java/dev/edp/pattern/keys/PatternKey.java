package dev.edp.pattern.keys;

import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.core.Output;
import dev.edp.pattern.PatternContext;
import dev.edp.pattern.config.Environment;
import dev.edp.pattern.iam.PolicyDocument;
import dev.edp.pattern.iam.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * The pattern's customer managed KMS key (rotation on) and its alias. Every resource that can be encrypted with it
 * is. The key policy lets the account administer the key (so IAM policies can grant its use to the pattern's roles)
 * and lets exactly the AWS services that encrypt or decrypt on the pattern's behalf use it, each only for this
 * account's resources.
 */
public final class PatternKey {

    /** Services that write to or read from the pattern's encrypted queues, topics, logs and streams themselves. */
    static final List<String> SERVICES = List.of("events", "sqs", "sns", "states", "firehose", "cloudwatch");

    /** CloudWatch Logs' log delivery service (vended logs, e.g. Step Functions execution logs). */
    static final String LOG_DELIVERY_SERVICE = "delivery.logs.amazonaws.com";

    private final Key key;
    private final Alias alias;

    private PatternKey(Key key, Alias alias) {
        this.key = key;
        this.alias = alias;
    }

    public static PatternKey create(PatternContext ctx) {
        Key key = new Key(ctx.name("key"), KeyArgs.builder()
                .description("EDP " + ctx.settings().name() + " (" + ctx.settings().environment().id()
                        + "): encrypts queues, topics, table, buckets, logs, workflow and audit stream")
                .enableKeyRotation(true)
                .deletionWindowInDays(ctx.settings().environment() == Environment.PROD ? 30 : 7)
                .policy(policy(ctx).toJson())
                .tags(ctx.tags())
                .build(), ctx.options());
        Alias alias = new Alias(ctx.name("key-alias"), AliasArgs.builder()
                .namePrefix("alias/edp-" + ctx.settings().name() + "-" + ctx.settings().environment().id() + "-")
                .targetKeyId(key.keyId())
                .build(), ctx.options());
        return new PatternKey(key, alias);
    }

    static PolicyDocument policy(PatternContext ctx) {
        List<Statement> statements = new ArrayList<>();
        statements.add(Statement.keyAdministrationByAccountRoot(ctx.accountRoot()));
        statements.add(Statement.allow("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                        "kms:Describe*")
                .sid("CloudWatchLogsEncryptsThisAccountsLogGroups")
                .forService(Output.format("logs.%s.amazonaws.com", ctx.region()))
                .onEveryResource("in a key policy '*' is the key itself")
                .when("ArnLike", "kms:EncryptionContext:aws:logs:arn", ctx.arn("logs", "log-group:*")));
        // CloudWatch Logs' delivery service writes the workflow's vended execution logs into its encrypted log group
        // and must decrypt the data key for it: a principal apart from logs.<region>.amazonaws.com. AWS Step
        // Functions Developer Guide, "Data at rest encryption", the key policy for an encrypted, logging state
        // machine (https://docs.aws.amazon.com/step-functions/latest/dg/encryption-at-rest.html), where the CDK
        // grants it unconditioned; scoped here to this account (CloudWatch Logs, "Enabling logging from AWS
        // services": delivery.logs.amazonaws.com sends aws:SourceAccount).
        statements.add(Statement.allow("kms:Decrypt")
                .sid("LogDeliveryDecryptsForThisAccount")
                .forService(LOG_DELIVERY_SERVICE)
                .onEveryResource("in a key policy '*' is the key itself")
                .when("StringEquals", "aws:SourceAccount", ctx.accountId()));
        for (String service : SERVICES) {
            statements.add(Statement.allow("kms:Decrypt", "kms:GenerateDataKey")
                    .sid(Character.toUpperCase(service.charAt(0)) + service.substring(1) + "UsesKeyForThisAccount")
                    .forService(service + ".amazonaws.com")
                    .onEveryResource("in a key policy '*' is the key itself")
                    .when("StringEquals", "aws:SourceAccount", ctx.accountId()));
        }
        if (logsS3Requests(ctx)) {
            // S3 server access logging writes the logs into the (SSE-KMS) log bucket as the logging service, which
            // must generate data keys from the bucket's customer managed key (Amazon S3 User Guide, "Enabling
            // Amazon S3 server access logging", https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html).
            statements.add(Statement.allow("kms:GenerateDataKey")
                    .sid("S3LoggingEncryptsAccessLogsForThisAccount")
                    .forService("logging.s3.amazonaws.com")
                    .onEveryResource("in a key policy '*' is the key itself")
                    .when("StringEquals", "aws:SourceAccount", ctx.accountId()));
        }
        if (ctx.settings().bus().encryptWithPatternKey()) {
            // A bus encrypted with a customer managed key: EventBridge also reads the key's metadata (its ARN, that
            // it is symmetric) when the bus is created or updated. AWS's example key policy grants this one
            // read-only action without a condition; we follow it (DescribeKey reveals no key material or data).
            // EventBridge User Guide, "Authorizing EventBridge to use a customer managed key"
            // (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-encryption-key-policy.html).
            statements.add(Statement.allow("kms:DescribeKey")
                    .sid("EventsDescribesKeyOfEncryptedBus")
                    .forService("events.amazonaws.com")
                    .onEveryResource("in a key policy '*' is the key itself"));
        }
        return PolicyDocument.of(statements);
    }

    /** Whether the pattern has an access-log bucket (see EventDrivenPattern): access logs on and buckets to log. */
    static boolean logsS3Requests(PatternContext ctx) {
        var s = ctx.settings();
        return s.accessLogs().enabled() && (s.curIngest().enabled() || s.audit().enabled());
    }

    public Key key() {
        return key;
    }

    public Output<String> arn() {
        return key.arn();
    }

    public Alias alias() {
        return alias;
    }
}
