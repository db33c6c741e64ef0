package dev.edp.reference;

import dev.edp.pattern.inputs.AlarmArgs;
import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.pattern.inputs.FunctionArgs;
import dev.edp.pattern.inputs.QueueDefaultsArgs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A program's consumer named like one of the seed consumers adjusts it: each field it sets wins over the seed's
 * (function, queue and alarm settings field by field, environment variables key by key); the rest stays the
 * seed's. This is the reference application's convenience for its stacks, built on the pattern's Args only.
 */
final class Overlay {

    private Overlay() {
    }

    /** The seed consumers with the program's overlays applied, then the program's own consumers. */
    static List<ConsumerArgs> consumers(List<ConsumerArgs> seed, List<ConsumerArgs> program) {
        Map<String, ConsumerArgs> byName = new LinkedHashMap<>();
        seed.forEach(c -> byName.put(c.name(), c));
        List<ConsumerArgs> own = new ArrayList<>();
        for (ConsumerArgs c : program) {
            if (c != null && c.name() != null && byName.containsKey(c.name())) {
                byName.put(c.name(), over(byName.get(c.name()), c));
            } else {
                own.add(c);
            }
        }
        List<ConsumerArgs> all = new ArrayList<>(byName.values());
        all.addAll(own);
        return all;
    }

    static ConsumerArgs over(ConsumerArgs base, ConsumerArgs top) {
        Map<String, String> environment = new TreeMap<>(base.environment());
        environment.putAll(top.environment());
        return ConsumerArgs.builder()
                .name(base.name())
                .enabled(pick(top.enabled(), base.enabled()))
                .description(pick(top.description(), base.description()))
                .kind(pick(top.kind(), base.kind()))
                .eventPattern(pick(top.eventPattern(), base.eventPattern()))
                .fileSource(pick(top.fileSource(), base.fileSource()))
                .inputPath(pick(top.inputPath(), base.inputPath()))
                .inputTransformer(pick(top.inputTransformer(), base.inputTransformer()))
                .function(function(top.function(), base.function()))
                .grants(top.grants().isEmpty() ? base.grants() : top.grants())
                .statements(top.statements().isEmpty() ? base.statements() : top.statements())
                .environment(environment)
                .queue(queue(top.queue(), base.queue()))
                .fifo(pick(top.fifo(), base.fifo()))
                .messageGroupId(pick(top.messageGroupId(), base.messageGroupId()))
                .retryAttempts(pick(top.retryAttempts(), base.retryAttempts()))
                .maxEventAgeSeconds(pick(top.maxEventAgeSeconds(), base.maxEventAgeSeconds()))
                .workflow(pick(top.workflow(), base.workflow()))
                .topicArn(pick(top.topicArn(), base.topicArn()))
                .subscriptions(top.subscriptions().isEmpty() ? base.subscriptions() : top.subscriptions())
                .targetBusArn(pick(top.targetBusArn(), base.targetBusArn()))
                .alarms(alarms(top.alarms(), base.alarms()))
                .build();
    }

    private static FunctionArgs function(FunctionArgs top, FunctionArgs base) {
        return FunctionArgs.builder()
                .code(pick(top.code(), base.code()))
                .codeS3Bucket(pick(top.codeS3Bucket(), base.codeS3Bucket()))
                .codeS3Key(pick(top.codeS3Key(), base.codeS3Key()))
                .codeS3ObjectVersion(pick(top.codeS3ObjectVersion(), base.codeS3ObjectVersion()))
                .runtime(pick(top.runtime(), base.runtime()))
                .handler(pick(top.handler(), base.handler()))
                .layers(pick(top.layers(), base.layers()))
                .subnetIds(pick(top.subnetIds(), base.subnetIds()))
                .securityGroupIds(pick(top.securityGroupIds(), base.securityGroupIds()))
                .ephemeralStorageMb(pick(top.ephemeralStorageMb(), base.ephemeralStorageMb()))
                .memoryMb(pick(top.memoryMb(), base.memoryMb()))
                .timeoutSeconds(pick(top.timeoutSeconds(), base.timeoutSeconds()))
                .architecture(pick(top.architecture(), base.architecture()))
                .logRetentionDays(pick(top.logRetentionDays(), base.logRetentionDays()))
                .logLevel(pick(top.logLevel(), base.logLevel()))
                .provisionedConcurrency(pick(top.provisionedConcurrency(), base.provisionedConcurrency()))
                .reservedConcurrency(pick(top.reservedConcurrency(), base.reservedConcurrency()))
                .maximumConcurrency(pick(top.maximumConcurrency(), base.maximumConcurrency()))
                .snapStart(pick(top.snapStart(), base.snapStart()))
                .build();
    }

    private static QueueDefaultsArgs queue(QueueDefaultsArgs top, QueueDefaultsArgs base) {
        return QueueDefaultsArgs.builder()
                .maxReceiveCount(pick(top.maxReceiveCount(), base.maxReceiveCount()))
                .visibilityTimeoutSeconds(pick(top.visibilityTimeoutSeconds(), base.visibilityTimeoutSeconds()))
                .messageRetentionSeconds(pick(top.messageRetentionSeconds(), base.messageRetentionSeconds()))
                .dlqRetentionSeconds(pick(top.dlqRetentionSeconds(), base.dlqRetentionSeconds()))
                .batchSize(pick(top.batchSize(), base.batchSize()))
                .maximumBatchingWindowSeconds(pick(top.maximumBatchingWindowSeconds(), base.maximumBatchingWindowSeconds()))
                .targetRetryAttempts(pick(top.targetRetryAttempts(), base.targetRetryAttempts()))
                .targetMaxEventAgeSeconds(pick(top.targetMaxEventAgeSeconds(), base.targetMaxEventAgeSeconds()))
                .build();
    }

    private static AlarmArgs alarms(AlarmArgs top, AlarmArgs base) {
        return AlarmArgs.builder()
                .enabled(pick(top.enabled(), base.enabled()))
                .dashboard(pick(top.dashboard(), base.dashboard()))
                .periodSeconds(pick(top.periodSeconds(), base.periodSeconds()))
                .eventBridgeFailedInvocations(pick(top.eventBridgeFailedInvocations(), base.eventBridgeFailedInvocations()))
                .lambdaErrors(pick(top.lambdaErrors(), base.lambdaErrors()))
                .lambdaDurationP99Ms(pick(top.lambdaDurationP99Ms(), base.lambdaDurationP99Ms()))
                .lambdaThrottles(pick(top.lambdaThrottles(), base.lambdaThrottles()))
                .queueDepth(pick(top.queueDepth(), base.queueDepth()))
                .queueOldestMessageAgeSeconds(pick(top.queueOldestMessageAgeSeconds(), base.queueOldestMessageAgeSeconds()))
                .dlqMessages(pick(top.dlqMessages(), base.dlqMessages()))
                .workflowFailed(pick(top.workflowFailed(), base.workflowFailed()))
                .workflowThrottled(pick(top.workflowThrottled(), base.workflowThrottled()))
                .build();
    }

    private static <T> T pick(Optional<T> top, Optional<T> base) {
        return top.or(() -> base).orElse(null);
    }
}
