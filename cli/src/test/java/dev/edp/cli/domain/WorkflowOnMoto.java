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
import dev.edp.reference.workflow.OrderWorkflow;
import dev.edp.testing.GraphResource;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The workflow's state machine on moto's Step Functions interpreter, its Lambda tasks running the real handlers, on
 * the domain's deployed graph ({@link DomainOnMoto}, which deploys the order workflow as the pattern does).
 *
 * <p>The sandbox's moto runs state machines (its account turns {@code stepfunctions.execute_state_machine} on) and
 * sends every task through {@code localhost:$MOTO_PORT}, the sandbox endpoint, a {@link LambdaGateway}, which runs
 * the four task handlers registered here in this JVM, under the deployed task functions' names, and forwards the SNS
 * (approval request) and EventBridge (PublishResult) calls back to moto. A test's state machine is the pattern's
 * generated definition over the deployed task functions, topic and bus, with the approval timeout the test needs
 * (the pattern admits 60 s at least; the timeout test wants 2 s), and the deployed state machine's role.
 */
final class WorkflowOnMoto {

    static final String VALIDATE = OrderWorkflow.VALIDATE;
    static final String PROCESS_ORDER = OrderWorkflow.PROCESS_ORDER;
    static final String RESERVE_INVENTORY = OrderWorkflow.RESERVE_INVENTORY;
    static final String HANDLE_ERROR = OrderWorkflow.HANDLE_ERROR;
    static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String STATE_MACHINE = "aws:sfn/stateMachine:StateMachine";
    private static final Pattern FUNCTION_ARN = Pattern.compile("arn:aws:lambda:[^\"]+:function:([^\":]+)");

    final LambdaGateway gateway;
    final MotoClients aws;
    private final DomainOnMoto domain;
    private final Map<String, String> taskArns = new HashMap<>();
    private final String roleArn;
    private int machines;

    WorkflowOnMoto(DomainOnMoto domain) {
        this.domain = domain;
        gateway = domain.pattern.sandbox().account().endpoint();
        aws = domain.aws;
        GraphResource deployed = domain.pattern.sandbox().stack().graph().ofType(STATE_MACHINE).stream()
                .findFirst().orElseThrow(() -> new IllegalStateException("no state machine deployed"));
        roleArn = deployed.string("roleArn");
        Matcher arns = FUNCTION_ARN.matcher(deployed.string("definition"));
        while (arns.find()) {
            for (String task : List.of(VALIDATE, PROCESS_ORDER, RESERVE_INVENTORY, HANDLE_ERROR)) {
                if (arns.group(1).contains("-" + task + "-")) { // <component>-<task>-fn-<suffix>
                    taskArns.put(task, arns.group());
                }
            }
        }
        if (taskArns.size() != 4) {
            throw new IllegalStateException("the deployed definition names tasks " + taskArns.keySet());
        }
    }

    /** The next test's start: the account's data gone, the invocations forgotten. */
    void reset() {
        gateway.clearInvocations();
        domain.clear();
    }

    /** Registers the real task handlers, wired to the domain's table and topic. */
    void registerTasks(DomainOnMoto domain) {
        register(VALIDATE, new ValidateInputHandler(domain.task(VALIDATE)));
        register(PROCESS_ORDER, new ProcessOrderHandler(domain.task(PROCESS_ORDER), aws.dynamo));
        register(RESERVE_INVENTORY, new ReserveInventoryHandler(domain.task(RESERVE_INVENTORY), aws.dynamo));
        register(HANDLE_ERROR, new HandleErrorHandler(domain.task(HANDLE_ERROR), aws.dynamo, aws.sns));
    }

    private void register(String task, RequestStreamHandler handler) {
        gateway.register(functionName(task), handler, () -> new LocalContext(functionName(task), 512, 30_000));
    }

    /** The task's invocations so far. */
    List<String> invocations(String task) {
        return gateway.invocations(functionName(task));
    }

    private String functionName(String task) {
        Matcher name = FUNCTION_ARN.matcher(taskArns.get(task));
        return name.find() ? name.group(1) : task;
    }

    /** Creates a state machine (its name made unique: the account lives for the class) from the pattern's generated definition; returns its ARN. */
    String stateMachine(String name, String topicArn, int approvalTimeoutSeconds) {
        String definition = WorkflowDefinition.render(new WorkflowDefinition.Targets("aws", taskArns.get(VALIDATE),
                taskArns.get(PROCESS_ORDER), taskArns.get(RESERVE_INVENTORY), taskArns.get(HANDLE_ERROR), topicArn,
                domain.bus, approvalTimeoutSeconds));
        String unique = name + "-" + (++machines);
        return aws.sfn.createStateMachine(b -> b.name(unique).definition(definition).roleArn(roleArn)).stateMachineArn();
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
}
