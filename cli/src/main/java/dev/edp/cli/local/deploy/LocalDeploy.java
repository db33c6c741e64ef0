package dev.edp.cli.local.deploy;

import dev.edp.cli.local.bus.ForwardTaps;
import dev.edp.cli.local.deploy.services.CloudWatchResources;
import dev.edp.cli.local.deploy.services.DynamoDbResources;
import dev.edp.cli.local.deploy.services.EventBridgeResources;
import dev.edp.cli.local.deploy.services.FirehoseResources;
import dev.edp.cli.local.deploy.services.IamResources;
import dev.edp.cli.local.deploy.services.KmsResources;
import dev.edp.cli.local.deploy.services.LambdaResources;
import dev.edp.cli.local.deploy.services.LogsResources;
import dev.edp.cli.local.deploy.services.S3Resources;
import dev.edp.cli.local.deploy.services.SchemaRegistryResources;
import dev.edp.cli.local.deploy.services.SnsResources;
import dev.edp.cli.local.deploy.services.SqsResources;
import dev.edp.cli.local.deploy.services.StepFunctionsResources;
import dev.edp.cli.local.functions.FunctionCode;
import dev.edp.cli.local.sandbox.EmulatorClients;
import dev.edp.cli.synth.StackFiles;
import dev.edp.cli.synth.Synth;
import dev.edp.testing.MotoServer;
import dev.edp.testing.ResourceGraph;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deploys a stack onto the emulator: runs the real stack program ({@code EdpStack.define}, the program behind
 * {@code pulumi up}) with the stack's {@code Pulumi.<stack>.yaml}, under Pulumi's mock engine, with
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

    /** Deploys; function code archives are resolved against {@code projectDir}, as Pulumi resolves them. */
    public static DeployedStack deploy(StackFiles files, Path projectDir, EmulatorClients aws) {
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
                new IamResources(aws.iam()),
                new CloudWatchResources(),
                new LambdaResources(new FunctionCode(projectDir)),
                new SchemaRegistryResources());
        EmulatorMocks mocks = new EmulatorMocks(MotoServer.ACCOUNT, aws.region(), creators, deployment);
        Synth.Result result = Synth.run(files, mocks);
        Throwable failure = result.run().failure();
        if (failure != null) {
            throw new IllegalStateException("deploying stack " + files.stack() + " onto the emulator failed: "
                    + rootMessage(failure), failure);
        }
        Map<String, Object> exports = new LinkedHashMap<>();
        result.run().exports().keySet().forEach(name -> exports.put(name, result.run().export(name)));
        return new DeployedStack(result.files(), projectDir, result.graph(), exports, deployment, taps);
    }

    private static String rootMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && !(t instanceof EmulatorMocks.DeployException)) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
