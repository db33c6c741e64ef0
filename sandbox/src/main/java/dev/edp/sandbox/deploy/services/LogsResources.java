package dev.edp.sandbox.deploy.services;

import dev.edp.sandbox.deploy.PendingResource;
import dev.edp.sandbox.deploy.Placed;
import dev.edp.sandbox.deploy.ResourceCreator;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

import java.util.Set;

/** Log groups (KMS key, retention) and log streams; the sandbox writes each function's log lines into its group. */
public final class LogsResources implements ResourceCreator {

    static final String GROUP = "aws:cloudwatch/logGroup:LogGroup";
    static final String STREAM = "aws:cloudwatch/logStream:LogStream";

    private final CloudWatchLogsClient logs;

    public LogsResources(CloudWatchLogsClient logs) {
        this.logs = logs;
    }

    @Override
    public Set<String> types() {
        return Set.of(GROUP, STREAM);
    }

    @Override
    public Placed create(PendingResource r) {
        if (r.type().equals(STREAM)) {
            String group = r.required("logGroupName");
            String name = r.name();
            logs.createLogStream(b -> b.logGroupName(group).logStreamName(name));
            r.put("name", name);
            return Placed.onEmulator(name);
        }
        String name = r.name();
        logs.createLogGroup(b -> b.logGroupName(name).kmsKeyId(r.string("kmsKeyId")).tags(r.tags()));
        if (r.integer("retentionInDays") != null) {
            logs.putRetentionPolicy(b -> b.logGroupName(name).retentionInDays(r.integer("retentionInDays")));
        }
        String arn = logs.describeLogGroups(b -> b.logGroupNamePrefix(name)).logGroups().stream()
                .filter(g -> g.logGroupName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("log group " + name + " not found after creating it"))
                .arn();
        r.put("name", name);
        // CloudWatch Logs describes a group's ARN with a trailing ":*"; the provider's output has none.
        r.put("arn", arn.endsWith(":*") ? arn.substring(0, arn.length() - 2) : arn);
        return Placed.onEmulator(name);
    }
}
