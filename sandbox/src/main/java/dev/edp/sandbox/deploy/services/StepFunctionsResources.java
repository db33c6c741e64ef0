package dev.edp.sandbox.deploy.services;

import dev.edp.sandbox.deploy.PendingResource;
import dev.edp.sandbox.deploy.Placed;
import dev.edp.sandbox.deploy.ResourceCreator;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineRequest;
import software.amazon.awssdk.services.sfn.model.Tag;

import java.util.Map;
import java.util.Set;

/**
 * The workflow state machine with its real definition. moto runs it (the sandbox turns on moto's Step Functions
 * interpreter): Choice, Parallel, SNS publish with a task token, PutEvents, and Lambda tasks, which moto's
 * interpreter sends to the sandbox endpoint, where the functions run in-process.
 */
public final class StepFunctionsResources implements ResourceCreator {

    static final String STATE_MACHINE = "aws:sfn/stateMachine:StateMachine";

    private final SfnClient sfn;

    public StepFunctionsResources(SfnClient sfn) {
        this.sfn = sfn;
    }

    @Override
    public Set<String> types() {
        return Set.of(STATE_MACHINE);
    }

    @Override
    public Placed create(PendingResource r) {
        String name = r.name();
        CreateStateMachineRequest.Builder request = CreateStateMachineRequest.builder().name(name)
                .definition(r.required("definition"))
                .roleArn(r.required("roleArn"))
                .type(r.string("type") == null ? "STANDARD" : r.string("type"))
                .tags(r.tags().entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList());
        Map<String, Object> logging = r.object("loggingConfiguration");
        if (!logging.isEmpty()) {
            String destination = logging.get("logDestination") == null ? null : logging.get("logDestination").toString();
            request.loggingConfiguration(l -> {
                l.level(String.valueOf(logging.get("level")))
                        .includeExecutionData(Boolean.TRUE.equals(logging.get("includeExecutionData")));
                if (destination != null) {
                    l.destinations(d -> d.cloudWatchLogsLogGroup(g -> g.logGroupArn(destination)));
                }
            });
        }
        Map<String, Object> tracing = r.object("tracingConfiguration");
        if (!tracing.isEmpty()) {
            request.tracingConfiguration(t -> t.enabled(Boolean.TRUE.equals(tracing.get("enabled"))));
        }
        Map<String, Object> encryption = r.object("encryptionConfiguration");
        if (!encryption.isEmpty()) {
            request.encryptionConfiguration(e -> e.type(String.valueOf(encryption.get("type")))
                    .kmsKeyId(encryption.get("kmsKeyId") == null ? null : encryption.get("kmsKeyId").toString())
                    .kmsDataKeyReusePeriodSeconds(encryption.get("kmsDataKeyReusePeriodSeconds") instanceof Number n
                            ? n.intValue() : null));
        }
        String arn = sfn.createStateMachine(request.build()).stateMachineArn();
        r.put("name", name);
        r.put("arn", arn);
        return Placed.onEmulator(arn, "runs its definition on moto's interpreter; execution logs and traces not emulated");
    }
}
