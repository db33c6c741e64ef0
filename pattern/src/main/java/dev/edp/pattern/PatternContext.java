package dev.edp.pattern;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.edp.pattern.config.PatternSettings;

import java.util.List;
import java.util.Map;

/**
 * What every concern class needs to create its resources: the component they are parented to, the resolved
 * settings, names, tags, and where the stack runs (account, region, partition, read once from the provider).
 */
public final class PatternContext {

    private final ComponentResource parent;
    private final PatternSettings settings;
    private final Output<String> accountId;
    private final Output<String> region;
    private final Output<String> partition;

    PatternContext(ComponentResource parent, PatternSettings settings) {
        this.parent = parent;
        this.settings = settings;
        InvokeOptions invoke = new InvokeOptions(parent, null, null);
        this.accountId = AwsFunctions.getCallerIdentity(com.pulumi.aws.inputs.GetCallerIdentityArgs.Empty, invoke)
                .applyValue(r -> r.accountId());
        this.region = AwsFunctions.getRegion(com.pulumi.aws.inputs.GetRegionArgs.Empty, invoke)
                .applyValue(r -> r.name());
        this.partition = AwsFunctions.getPartition(com.pulumi.aws.inputs.GetPartitionArgs.Empty, invoke)
                .applyValue(r -> r.partition());
    }

    public PatternSettings settings() {
        return settings;
    }

    /** A child resource's logical name: the component's name, then what the resource is. */
    public String name(String... parts) {
        return settings.name() + "-" + String.join("-", parts);
    }

    /** Options every child takes: parented to the component, so names, providers and deletion follow it. */
    public CustomResourceOptions options() {
        return CustomResourceOptions.builder().parent(parent).build();
    }

    public CustomResourceOptions options(Resource... dependsOn) {
        return CustomResourceOptions.builder().parent(parent).dependsOn(List.of(dependsOn)).build();
    }

    /**
     * A physical name for the few resources Pulumi cannot auto-name (the dashboard's name and the X-Ray resource
     * policy's are required inputs): {@code <project>-<stack>-<component>-<purpose>}, so two stacks of one
     * environment (dev-alice, dev-bob), or two projects' stacks, in one account never overwrite each other. Only
     * letters, digits, '-' and '_' (what both services accept); cut to {@code maxLength} with a hash of the whole
     * kept at the end, so a long name stays unique.
     */
    public String stackUniqueName(String purpose, int maxLength) {
        var deployment = com.pulumi.deployment.Deployment.getInstance();
        String full = String.join("-", deployment.getProjectName(), deployment.getStackName(), settings.name(),
                purpose).replaceAll("[^A-Za-z0-9_-]", "-");
        if (full.length() <= maxLength) {
            return full;
        }
        String hash = Integer.toHexString(full.hashCode() & 0x7fffffff);
        return full.substring(0, maxLength - hash.length() - 1) + "-" + hash;
    }

    public Map<String, String> tags() {
        return settings.tags();
    }

    public Output<String> accountId() {
        return accountId;
    }

    public Output<String> region() {
        return region;
    }

    public Output<String> partition() {
        return partition;
    }

    /** {@code arn:<partition>:<service>:<region>:<account>:<rest>} */
    public Output<String> arn(String service, String rest) {
        return Output.format("arn:%s:%s:%s:%s:%s", partition, service, region, accountId, rest);
    }

    /** The account's root principal, {@code arn:<partition>:iam::<account>:root}. */
    public Output<String> accountRoot() {
        return Output.format("arn:%s:iam::%s:root", partition, accountId);
    }
}
