package dev.edp.sandbox.deploy;

import dev.edp.sandbox.bus.ForwardTaps;
import dev.edp.sandbox.deploy.services.CloudWatchResources;
import dev.edp.sandbox.deploy.services.SchedulerResources;
import dev.edp.sandbox.deploy.services.DynamoDbResources;
import dev.edp.sandbox.deploy.services.EventBridgeResources;
import dev.edp.sandbox.deploy.services.FirehoseResources;
import dev.edp.sandbox.deploy.services.IamResources;
import dev.edp.sandbox.deploy.services.KmsResources;
import dev.edp.sandbox.deploy.services.LambdaResources;
import dev.edp.sandbox.deploy.services.LogsResources;
import dev.edp.sandbox.deploy.services.S3Resources;
import dev.edp.sandbox.deploy.services.SchemaRegistryResources;
import dev.edp.sandbox.deploy.services.SnsResources;
import dev.edp.sandbox.deploy.services.SqsResources;
import dev.edp.sandbox.deploy.services.StepFunctionsResources;
import dev.edp.sandbox.functions.FunctionCode;
import dev.edp.sandbox.emulator.EmulatorClients;
import dev.edp.sandbox.program.StackFiles;
import dev.edp.sandbox.program.StackProgram;
import dev.edp.testing.MockedProgram;
import dev.edp.testing.MotoServer;
import dev.edp.testing.ResourceGraph;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deploys a stack onto the emulator: runs the program (the one behind {@code pulumi up}, any Pulumi Java program)
 * with its stack's {@code Pulumi.<stack>.yaml}, under Pulumi's mock engine, with
 * {@link EmulatorMocks}: every resource is created on moto (or placed in the sandbox, or listed as not emulated)
 * as the engine registers it, in dependency order.
 */
public final class LocalDeploy {

    private LocalDeploy() {
    }

    /** The deployed stack: its graph (inputs with the emulator's real values), its exports, and where each went. */
    public record DeployedStack(StackFiles files, Path projectDir, ResourceGraph graph, Map<String, Object> exports,
                                Deployment deployment, ForwardTaps taps) {
    }

    /**
     * Deploys; function code archives are resolved against the program's project directory, as Pulumi resolves them.
     *
     * @param aws              clients signed by the deploying identity
     * @param sandboxPrincipal the identity every role's trust policy admits on the emulator (the sandbox assumes the
     *                         roles for the services that would)
     */
    public static DeployedStack deploy(StackProgram program, EmulatorClients aws, String sandboxPrincipal) {
        StackFiles files = program.files();
        Path projectDir = program.projectDir();
        Deployment deployment = new Deployment();
        ForwardTaps taps = new ForwardTaps(aws.sqs());
        List<ResourceCreator> creators = List.of(
                new KmsResources(aws.kms()),
                new SqsResources(aws.sqs(), aws.endpoint()),
                new SnsResources(aws.sns()),
                new EventBridgeResources(aws.events(), taps, deployment),
                new DynamoDbResources(aws.dynamo()),
                new S3Resources(aws.s3(), aws.region()),
                new StepFunctionsResources(aws.sfn()),
                new FirehoseResources(aws.firehose()),
                new LogsResources(aws.logs()),
                new IamResources(aws.iam(), sandboxPrincipal),
                new CloudWatchResources(),
                new LambdaResources(new FunctionCode(projectDir)),
                new SchemaRegistryResources(),
                new SchedulerResources());
        EmulatorMocks mocks = new EmulatorMocks(MotoServer.ACCOUNT, aws.region(), creators, deployment);
        MockedProgram.Run run = program.run(mocks);
        Throwable failure = run.failure();
        if (failure != null) {
            throw new IllegalStateException("deploying stack " + files.stack() + " onto the emulator failed: "
                    + rootMessage(failure), failure);
        }
        StandInBuckets.create(run.graph(), aws.s3(), deployment);
        Map<String, Object> exports = new LinkedHashMap<>();
        run.exports().keySet().forEach(name -> exports.put(name, run.export(name)));
        return new DeployedStack(files, projectDir, run.graph(), exports, deployment, taps);
    }

    private static String rootMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && !(t instanceof EmulatorMocks.DeployException)) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
