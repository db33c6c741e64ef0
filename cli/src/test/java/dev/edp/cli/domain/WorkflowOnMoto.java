package dev.edp.cli.domain;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.edp.cli.moto.MotoClients;
import dev.edp.sandbox.emulator.LambdaGateway;
import dev.edp.sandbox.functions.LocalContext;
import dev.edp.reference.workflow.WorkflowDefinition;
import dev.edp.runtime.workflow.HandleErrorHandler;
import dev.edp.runtime.workflow.ProcessOrderHandler;
import dev.edp.runtime.workflow.ReserveInventoryHandler;
import dev.edp.runtime.workflow.ValidateInputHandler;
import dev.edp.testing.MotoServer;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The workflow's state machine on moto's Step Functions interpreter, its Lambda tasks running the real handlers.
 *
 * <p>moto runs state machines only when told to ({@code stepfunctions.execute_state_machine} through its config
 * API). Its interpreter sends every task through a boto3 client at {@code localhost:$MOTO_PORT}; moto is started
 * with {@code MOTO_PORT} = a {@link LambdaGateway}, which runs the four task handlers in this JVM and forwards the
 * SNS (approval request) and EventBridge (PublishResult) calls back to moto.
 */
final class WorkflowOnMoto implements AutoCloseable {

    static final String ACCOUNT = MotoServer.ACCOUNT;
    static final String VALIDATE = "edp-dev-wf-validate";
    static final String PROCESS_ORDER = "edp-dev-wf-process-order";
    static final String RESERVE_INVENTORY = "edp-dev-wf-reserve-inventory";
    static final String HANDLE_ERROR = "edp-dev-wf-handle-error";
    static final Duration PATIENCE = Duration.ofSeconds(60);

    final LambdaGateway gateway;
    final MotoServer moto;
    final MotoClients aws;

    WorkflowOnMoto() {
        gateway = LambdaGateway.start();
        moto = MotoServer.start(Map.of("MOTO_PORT", Integer.toString(gateway.port())));
        gateway.forwardTo(moto.endpoint());
        aws = new MotoClients(moto);
    }

    /** A clean account that runs state machines (moto's reset forgets its configuration too). */
    void reset() {
        gateway.clearInvocations();
        moto.reset();
        moto.configure("{\"stepfunctions\": {\"execute_state_machine\": true}}");
    }

    /** Registers the real task handlers, wired to the domain's table and topic. */
    void registerTasks(DomainOnMoto domain) {
        register(VALIDATE, new ValidateInputHandler(domain.task(VALIDATE)));
        register(PROCESS_ORDER, new ProcessOrderHandler(domain.task(PROCESS_ORDER), aws.dynamo));
        register(RESERVE_INVENTORY, new ReserveInventoryHandler(domain.task(RESERVE_INVENTORY), aws.dynamo));
        register(HANDLE_ERROR, new HandleErrorHandler(domain.task(HANDLE_ERROR), aws.dynamo, aws.sns));
    }

    private void register(String name, RequestStreamHandler handler) {
        gateway.register(name, handler, () -> new LocalContext(name, 512, 30_000));
    }

    /** Creates the state machine from the pattern's generated definition; returns its ARN. */
    String stateMachine(String name, String topicArn, int approvalTimeoutSeconds) {
        String definition = WorkflowDefinition.render(targets(topicArn, approvalTimeoutSeconds));
        return aws.sfn.createStateMachine(b -> b.name(name).definition(definition)
                .roleArn("arn:aws:iam::" + ACCOUNT + ":role/edp-dev-workflow")).stateMachineArn();
    }

    static WorkflowDefinition.Targets targets(String topicArn, int approvalTimeoutSeconds) {
        return new WorkflowDefinition.Targets("aws", functionArn(VALIDATE), functionArn(PROCESS_ORDER),
                functionArn(RESERVE_INVENTORY), functionArn(HANDLE_ERROR), topicArn, DomainOnMoto.BUS,
                approvalTimeoutSeconds);
    }

    static String functionArn(String name) {
        return "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + name;
    }

    /**
     * Starts an execution with the "Workflow Triggered" event the trigger rule delivered, as EventBridge's Step
     * Functions target does (the whole event is the input).
     */
    String startFromTrigger(DomainOnMoto domain, String stateMachineArn, String executionName) {
        List<Message> triggers = domain.resources.drain(domain.workflowTriggers);
        if (triggers.size() != 1) {
            throw new IllegalStateException("expected one Workflow Triggered event on the trigger rule, got " + triggers.size());
        }
        return aws.sfn.startExecution(b -> b.stateMachineArn(stateMachineArn).name(executionName)
                .input(triggers.get(0).body())).executionArn();
    }

    /** Waits for the execution to stop running (a deadline, not a timing assertion). */
    DescribeExecutionResponse awaitEnd(String executionArn) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            DescribeExecutionResponse execution = aws.sfn.describeExecution(b -> b.executionArn(executionArn));
            if (execution.status() != ExecutionStatus.RUNNING) {
                return execution;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("execution still running after " + PATIENCE + "; history: "
                        + history(executionArn).stream().map(e -> e.typeAsString()).toList());
            }
            Thread.sleep(100);
        }
    }

    List<HistoryEvent> history(String executionArn) {
        List<HistoryEvent> events = new ArrayList<>();
        aws.sfn.getExecutionHistoryPaginator(b -> b.executionArn(executionArn).maxResults(1000))
                .forEach(page -> events.addAll(page.events()));
        return events;
    }

    /** The names of the states the execution entered, in order. */
    List<String> enteredStates(String executionArn) {
        return history(executionArn).stream().filter(e -> e.stateEnteredEventDetails() != null)
                .map(e -> e.stateEnteredEventDetails().name()).toList();
    }

    @Override
    public void close() {
        moto.close();
        gateway.close();
    }
}
