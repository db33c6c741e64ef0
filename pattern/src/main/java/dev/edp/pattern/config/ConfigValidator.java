package dev.edp.pattern.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;
import dev.edp.pattern.inputs.AlarmArgs;
import dev.edp.pattern.inputs.Architecture;
import dev.edp.pattern.inputs.AuditArgs;
import dev.edp.pattern.inputs.ClosedSet;
import dev.edp.pattern.inputs.FunctionArgs;
import dev.edp.pattern.inputs.IamStatementArgs;
import dev.edp.pattern.inputs.LogLevel;
import dev.edp.pattern.inputs.QueueDefaultsArgs;
import software.amazon.event.ruler.RuleCompiler;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * The rules each layer of configuration must keep, checked on the layer as the user wrote it (only the fields it
 * sets), so every problem names the field where the value was written ({@code consumers[billing].function.memoryMb},
 * not a merged result). Rules that relate two fields of possibly different layers are checked on the merged
 * settings by {@link SettingsResolver}, naming the consumer's field. Limits are AWS's own, cited where not obvious.
 */
public final class ConfigValidator {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern COMPONENT_NAME = Pattern.compile("[a-z][a-z0-9-]{0,19}");
    static final Pattern ITEM_NAME = Pattern.compile("[a-z][a-z0-9-]{0,29}");
    private static final Pattern JAVA_HANDLER = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)+(::[A-Za-z_$][\\w$]*)?");
    /** Python and Node.js handlers: {@code module.function}, the module may sit in folders. */
    private static final Pattern SCRIPT_HANDLER = Pattern.compile("[\\w./-]+\\.[A-Za-z_$][\\w$]*");
    /**
     * The JSON-path syntax EventBridge resolves in a target parameter: dot notation, dashes, underscores,
     * alphanumerics, array indexes (EventBridge User Guide, "Event bus targets", Dynamic path parameters).
     */
    static final Pattern MESSAGE_GROUP_PATH = Pattern.compile("\\$(\\.[A-Za-z0-9_-]+|\\[\\d+])+");
    private static final Pattern ACTION = Pattern.compile("[a-z0-9-]+:[A-Za-z0-9]+\\*?");
    /** The retention values CloudWatch Logs accepts (PutRetentionPolicy). */
    private static final Set<Integer> LOG_RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365,
            400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
    private static final int SQS_MIN_RETENTION = 60;
    private static final int SQS_MAX_RETENTION = 1_209_600;
    private static final int SQS_MAX_VISIBILITY = 43_200;

    private ConfigValidator() {
    }

    /** One function layer: only what it sets. */
    public static void function(Problems p, String at, FunctionArgs f) {
        p.range(f.memoryMb(), 128, 10_240, at + ".memoryMb");
        p.range(f.timeoutSeconds(), 1, 900, at + ".timeoutSeconds");
        p.range(f.maximumConcurrency(), 2, 1000, at + ".maximumConcurrency");
        p.range(f.provisionedConcurrency(), 0, 10_000, at + ".provisionedConcurrency");
        p.range(f.ephemeralStorageMb(), 512, 10_240, at + ".ephemeralStorageMb");
        f.reservedConcurrency().ifPresent(r -> p.check(r >= 0, at + ".reservedConcurrency", "must not be negative"));
        oneOf(p, at + ".architecture", Architecture.class, f.architecture());
        f.logRetentionDays().ifPresent(d -> p.check(LOG_RETENTION_DAYS.contains(d), at + ".logRetentionDays",
                "must be one of CloudWatch's retention values " + new java.util.TreeSet<>(LOG_RETENTION_DAYS)
                        + " (got " + d + ")"));
        oneOf(p, at + ".logLevel", LogLevel.class, f.logLevel());
        f.runtime().ifPresent(r -> p.check(r.matches("(java|python|nodejs|ruby|dotnet|provided)[0-9a-z.]*"),
                at + ".runtime", "must be a Lambda runtime identifier such as java21, python3.12 or nodejs20.x (got '"
                        + r + "')"));
        if (f.snapStart().orElse(false) && f.provisionedConcurrency().orElse(0) > 0) {
            p.add(at + ".snapStart", "AWS does not allow SnapStart together with provisioned concurrency ("
                    + f.provisionedConcurrency().get() + "); turn one of them off");
        }
        if (f.code().isPresent() && (f.codeS3Bucket().isPresent() || f.codeS3Key().isPresent())) {
            p.add(at + ".code", "give the code either as an archive (code) or as an S3 object (codeS3Bucket, "
                    + "codeS3Key), not both");
        }
        if (f.codeS3Bucket().isPresent() != f.codeS3Key().isPresent()) {
            p.add(at + ".codeS3Key", "codeS3Bucket and codeS3Key go together");
        }
        if (f.subnetIds().isPresent() != f.securityGroupIds().isPresent()) {
            p.add(at + ".securityGroupIds", "VPC placement needs both subnetIds and securityGroupIds");
        }
    }

    /**
     * A value that must be one of a {@link ClosedSet}'s ids, when given: the problem names the field and lists the
     * ids ({@code must be arm64 or x86_64 (got 'arm')}).
     */
    public static <E extends Enum<E> & ClosedSet> Optional<E> oneOf(Problems p, String at, Class<E> set,
                                                                     Optional<String> value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<E> parsed = ClosedSet.parse(set, value.get());
        p.check(parsed.isPresent(), at, "must be " + ClosedSet.describe(set) + " (got '" + value.get() + "')");
        return parsed;
    }

    /** A merged function: what only the whole can tell. */
    public static void mergedFunction(Problems p, String at, PatternSettings.FunctionSettings f) {
        p.check(f.code().isPresent() || f.codeS3Bucket().isPresent(), at + ".code",
                "every function needs its code: an archive (code: a jar, zip or directory) or an S3 object "
                        + "(codeS3Bucket, codeS3Key), here or in functionDefaults");
        if (f.handler().isBlank()) {
            p.add(at + ".handler", "every function needs a handler (package.Class::method for Java, "
                    + "module.function for Python and Node.js)");
        } else if (f.runtime().startsWith("java")) {
            p.check(JAVA_HANDLER.matcher(f.handler()).matches(), at + ".handler",
                    "must look like package.Class::method for runtime " + f.runtime() + " (got '" + f.handler() + "')");
        } else if (f.runtime().startsWith("python") || f.runtime().startsWith("nodejs")) {
            p.check(SCRIPT_HANDLER.matcher(f.handler()).matches(), at + ".handler",
                    "must look like module.function for runtime " + f.runtime() + " (got '" + f.handler() + "')");
        }
        if (f.snapStart()) {
            p.check(f.runtime().startsWith("java"), at + ".snapStart",
                    "SnapStart is for Java runtimes here (got runtime " + f.runtime() + ")");
            p.check(f.provisionedConcurrency() == 0, at + ".snapStart",
                    "AWS does not allow SnapStart together with provisioned concurrency ("
                            + f.provisionedConcurrency() + "); turn one of them off");
        }
    }

    public static void queue(Problems p, String at, QueueDefaultsArgs q) {
        p.range(q.maxReceiveCount(), 1, 1000, at + ".maxReceiveCount");
        p.range(q.visibilityTimeoutSeconds(), 0, SQS_MAX_VISIBILITY, at + ".visibilityTimeoutSeconds");
        p.range(q.messageRetentionSeconds(), SQS_MIN_RETENTION, SQS_MAX_RETENTION, at + ".messageRetentionSeconds");
        p.range(q.dlqRetentionSeconds(), SQS_MIN_RETENTION, SQS_MAX_RETENTION, at + ".dlqRetentionSeconds");
        p.range(q.maximumBatchingWindowSeconds(), 0, 300, at + ".maximumBatchingWindowSeconds");
        p.range(q.targetRetryAttempts(), 0, 185, at + ".targetRetryAttempts");
        p.range(q.targetMaxEventAgeSeconds(), 60, 86_400, at + ".targetMaxEventAgeSeconds");
        p.range(q.batchSize(), 1, 10_000, at + ".batchSize");
    }

    /**
     * A merged queue: relations between its fields. Checked where the user wrote one of the related fields
     * ({@code layer}; null for {@code queueDefaults}, always checked), so a bad default is named once, not again in
     * every consumer inheriting it.
     */
    public static void mergedQueue(Problems p, String at, PatternSettings.QueueSettings q, boolean fifo,
                                   QueueDefaultsArgs layer) {
        boolean batch = layer == null || layer.batchSize().isPresent() || layer.maximumBatchingWindowSeconds().isPresent();
        boolean retention = layer == null || layer.dlqRetentionSeconds().isPresent()
                || layer.messageRetentionSeconds().isPresent();
        if (fifo) {
            p.check(q.batchSize() <= 10, at + ".batchSize", "a FIFO source takes batches of at most 10 (got "
                    + q.batchSize() + ")");
        }
        p.check(!batch || q.batchSize() <= 10 || q.maximumBatchingWindowSeconds() >= 1, at + ".maximumBatchingWindowSeconds",
                "a batch size above 10 (" + q.batchSize() + ") needs a batching window of at least 1 second");
        // SQS keeps a standard message's original enqueue time when it moves to the DLQ: a message that aged in the
        // source queue has only (DLQ retention - its age) left there, nothing at all if the two are equal. The DLQ
        // must outlive its source. SQS Developer Guide, "Using dead-letter queues in Amazon SQS"
        // (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html).
        p.check(!retention || q.dlqRetentionSeconds() > q.messageRetentionSeconds(), at + ".dlqRetentionSeconds",
                "must be more than messageRetentionSeconds (" + q.messageRetentionSeconds() + "; got "
                        + q.dlqRetentionSeconds() + "): the DLQ counts age from the original enqueue time, so a"
                        + " message that aged in the queue would expire in the DLQ at once");
    }

    public static void alarms(Problems p, String at, AlarmArgs a, boolean patternWide) {
        a.periodSeconds().ifPresent(s -> p.check(s >= 60 && s % 60 == 0, at + ".periodSeconds",
                "must be a multiple of 60, at least 60 (got " + s + ")"));
        if (!patternWide) {
            p.check(a.enabled().isEmpty() && a.dashboard().isEmpty() && a.periodSeconds().isEmpty(), at,
                    "enabled, dashboard and periodSeconds are pattern-wide (alarms.*); a consumer sets thresholds only");
        }
        List<Optional<Double>> thresholds = List.of(a.eventBridgeFailedInvocations(), a.lambdaErrors(),
                a.lambdaDurationP99Ms(), a.lambdaThrottles(), a.queueDepth(), a.queueOldestMessageAgeSeconds(),
                a.dlqMessages(), a.workflowFailed(), a.workflowThrottled());
        List<String> names = List.of("eventBridgeFailedInvocations", "lambdaErrors", "lambdaDurationP99Ms",
                "lambdaThrottles", "queueDepth", "queueOldestMessageAgeSeconds", "dlqMessages", "workflowFailed",
                "workflowThrottled");
        for (int i = 0; i < names.size(); i++) {
            String field = at + "." + names.get(i);
            thresholds.get(i).ifPresent(t -> p.check(t >= 0, field, "must not be negative (got " + t + ")"));
        }
    }

    public static void audit(Problems p, String at, AuditArgs a, PatternSettings.AuditSettings merged) {
        p.check(merged.infrequentAccessAfterDays() >= 30, at + ".infrequentAccessAfterDays",
                "must be at least 30 (S3's minimum before Standard-IA; got " + merged.infrequentAccessAfterDays() + ")");
        p.check(merged.glacierAfterDays() > merged.infrequentAccessAfterDays(), at + ".glacierAfterDays",
                "must be more than audit.infrequentAccessAfterDays (" + merged.infrequentAccessAfterDays()
                        + "; got " + merged.glacierAfterDays() + ")");
        p.check(merged.expireAfterDays() == 0 || merged.expireAfterDays() > merged.glacierAfterDays(),
                at + ".expireAfterDays", "must be 0 (never) or more than audit.glacierAfterDays ("
                        + merged.glacierAfterDays() + "; got " + merged.expireAfterDays() + ")");
        p.range(a.bufferingSeconds(), 0, 900, at + ".bufferingSeconds");
        p.range(a.bufferingMb(), 1, 128, at + ".bufferingMb");
    }

    /** Extra IAM statements: named actions, named resources. */
    public static void statements(Problems p, String at, List<IamStatementArgs> statements) {
        for (int i = 0; i < statements.size(); i++) {
            IamStatementArgs s = statements.get(i);
            String field = at + "[" + i + "]";
            if (s.actions().isEmpty()) {
                p.add(field + ".actions", "name at least one action");
            }
            for (String action : s.actions()) {
                if (action == null || action.equals("*") || action.endsWith(":*")) {
                    p.add(field + ".actions", "refusing wildcard action '" + action
                            + "': name the actions (least privilege)");
                } else if (!ACTION.matcher(action).matches()) {
                    p.add(field + ".actions", "'" + action + "' is not an IAM action (service:Action)");
                }
            }
            if (s.resources().isEmpty()) {
                p.add(field + ".resources", "name at least one resource ARN");
            }
            for (Output<String> resource : s.resources()) {
                knownNow(resource).ifPresent(r -> p.check(!r.equals("*"), field + ".resources",
                        "refusing resource '*': name the resources (least privilege)"));
            }
            s.sid().ifPresent(sid -> p.check(sid.matches("[A-Za-z0-9]+"), field + ".sid",
                    "must be letters and digits (got '" + sid + "')"));
        }
    }

    public static void eventPattern(Problems p, String field, String pattern) {
        if (pattern == null || pattern.isBlank()) {
            p.add(field, "is empty: every consumer needs an EventBridge event pattern (a JSON object)");
            return;
        }
        JsonNode node;
        try {
            node = JSON.readTree(pattern);
        } catch (Exception e) {
            p.add(field, "is not JSON: " + firstLine(e.getMessage()));
            return;
        }
        if (node == null || !node.isObject() || node.isEmpty()) {
            p.add(field, "must be a non-empty JSON object (got " + pattern.strip() + ")");
            return;
        }
        String error = RuleCompiler.check(pattern);
        if (error != null) {
            p.add(field, "is not a valid EventBridge pattern: " + error);
        }
    }

    /** A JSON object, when given. */
    public static void jsonObject(Problems p, String field, String text) {
        try {
            JsonNode node = JSON.readTree(text);
            p.check(node != null && node.isObject(), field, "must be a JSON object");
        } catch (Exception e) {
            p.add(field, "is not JSON: " + firstLine(e.getMessage()));
        }
    }

    /**
     * The value of an output that is already known at construction (a plain value given through the plain
     * overload), so it can be checked with the rest; empty for values other resources will produce.
     */
    public static <T> Optional<T> knownNow(Output<T> output) {
        CompletableFuture<T> value = Internal.of(output).getValueNullable();
        return value.isDone() && !value.isCompletedExceptionally() ? Optional.ofNullable(value.join()) : Optional.empty();
    }

    static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
