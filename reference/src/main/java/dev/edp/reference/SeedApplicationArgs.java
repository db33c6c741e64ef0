package dev.edp.reference;

import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import dev.edp.reference.workflow.OrderWorkflowArgs;

import javax.annotation.Nullable;
import java.util.Optional;

/** Which parts of the seeds' application to deploy, and how. */
public final class SeedApplicationArgs extends ResourceArgs {

    /** Path of EDP's runtime jar, every function's code. Default {@value SeedApplication#DEFAULT_JAR}. */
    @Import(name = "runtimeJar")
    private @Nullable String runtimeJar;

    /** Deploy the order, inventory and notification processors (and, with the workflow, the approval processor). Default true. */
    @Import(name = "includeSeedConsumers")
    private @Nullable Boolean includeSeedConsumers;

    /** The order workflow. */
    @Import(name = "workflow")
    private @Nullable OrderWorkflowArgs workflow;

    /** The cost-report pipeline. */
    @Import(name = "curIngest")
    private @Nullable CostReportArgs curIngest;

    private SeedApplicationArgs() {
    }

    public Optional<String> runtimeJar() { return Optional.ofNullable(runtimeJar); }
    public Optional<Boolean> includeSeedConsumers() { return Optional.ofNullable(includeSeedConsumers); }
    public OrderWorkflowArgs workflow() { return workflow == null ? OrderWorkflowArgs.builder().build() : workflow; }
    public CostReportArgs curIngest() { return curIngest == null ? CostReportArgs.builder().build() : curIngest; }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private final SeedApplicationArgs args = new SeedApplicationArgs();

        public Builder runtimeJar(@Nullable String v) { args.runtimeJar = v; return this; }
        public Builder includeSeedConsumers(@Nullable Boolean v) { args.includeSeedConsumers = v; return this; }
        public Builder workflow(@Nullable OrderWorkflowArgs v) { args.workflow = v; return this; }
        public Builder curIngest(@Nullable CostReportArgs v) { args.curIngest = v; return this; }

        public SeedApplicationArgs build() { return args; }
    }
}
