package dev.edp.reference;

import com.pulumi.asset.FileArchive;
import dev.edp.pattern.EventDrivenPatternArgs;
import dev.edp.pattern.config.Problems;
import dev.edp.pattern.inputs.BucketArgs;
import dev.edp.pattern.inputs.BusArgs;
import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.pattern.inputs.FileSourceArgs;
import dev.edp.pattern.inputs.FunctionArgs;
import dev.edp.pattern.inputs.SchemaArgs;
import dev.edp.reference.workflow.OrderWorkflow;

import java.util.ArrayList;
import java.util.List;

/**
 * The seeds' application, written on the pattern's public API only: the domain consumers, the order workflow
 * and its approvals, the cost-report pipeline, and the seed event schemas. {@link #addTo} puts them into a
 * pattern's Args beside whatever else the program configures (its own consumers, file sources, schemas); the
 * runtime jar becomes the default code of every function that brings none. A program consumer named like a seed
 * consumer changes only the fields it sets ({@link Overlay}), {@code enabled: false} leaves it out.
 */
public final class SeedApplication {

    /** Where {@code mvn package} writes the runtime jar, relative to the project root. */
    public static final String DEFAULT_JAR = "runtime/target/edp-runtime-lambda.jar";

    /** What one part of the application adds to the pattern's Args. */
    public record Parts(List<ConsumerArgs> consumers, List<FileSourceArgs> fileSources, List<BucketArgs> buckets,
                        List<SchemaArgs> schemas) {
    }

    private SeedApplication() {
    }

    /** Every part {@code args} turns on; problems in {@code args} go to {@code problems}. */
    public static Parts parts(SeedApplicationArgs args, Problems problems) {
        List<ConsumerArgs> consumers = new ArrayList<>();
        List<FileSourceArgs> fileSources = new ArrayList<>();
        List<BucketArgs> buckets = new ArrayList<>();
        boolean domain = args.includeSeedConsumers().orElse(true);
        boolean workflow = args.workflow().enabled().orElse(true);
        if (domain) {
            consumers.addAll(SeedConsumers.domain());
        }
        if (workflow) {
            if (domain) {
                consumers.add(SeedConsumers.approvals(OrderWorkflow.NAME));
            }
            consumers.add(OrderWorkflow.consumer(args.workflow(), problems));
        }
        if (args.curIngest().enabled().orElse(true)) {
            Parts cur = CostReportPipeline.parts(args.curIngest(), problems);
            consumers.addAll(cur.consumers());
            fileSources.addAll(cur.fileSources());
            buckets.addAll(cur.buckets());
        }
        return new Parts(consumers, fileSources, buckets, SeedSchemas.schemas());
    }

    /**
     * {@code pattern} with the application added: its consumers first (then the program's own), its file
     * sources, buckets and schemas beside the program's, and the runtime jar as the code of every function
     * that brings none ({@code functionDefaults.code} unless the program set code itself).
     */
    public static EventDrivenPatternArgs addTo(EventDrivenPatternArgs pattern, SeedApplicationArgs args,
                                               Problems problems) {
        Parts parts = parts(args, problems);
        FunctionArgs defaults = pattern.functionDefaults();
        FunctionArgs.Builder withCode = copy(defaults);
        if (defaults.code().isEmpty() && defaults.codeS3Bucket().isEmpty()) {
            withCode.code(new FileArchive(args.runtimeJar().orElse(DEFAULT_JAR)));
        }
        BusArgs bus = pattern.bus();
        List<SchemaArgs> schemas = new ArrayList<>(parts.schemas());
        schemas.addAll(bus.schemas());
        return EventDrivenPatternArgs.builder()
                .environment(pattern.environment())
                .key(pattern.key())
                .bus(BusArgs.builder()
                        .existingBusName(bus.existingBusName().orElse(null))
                        .producerAccountIds(bus.producerAccountIds().orElse(null))
                        .archive(bus.archive().orElse(null))
                        .archiveRetentionDays(bus.archiveRetentionDays().orElse(null))
                        .schemaRegistry(bus.schemaRegistry().orElse(null))
                        .schemaDiscovery(bus.schemaDiscovery().orElse(null))
                        .encryptWithPatternKey(bus.encryptWithPatternKey().orElse(null))
                        .schemas(schemas)
                        .build())
                .table(pattern.table())
                .subscriptions(pattern.subscriptions())
                .consumers(Overlay.consumers(parts.consumers(), pattern.consumers()))
                .fileSources(concat(parts.fileSources(), pattern.fileSources()))
                .buckets(concat(parts.buckets(), pattern.buckets()))
                .schedules(pattern.schedules())
                .functionDefaults(withCode.build())
                .queueDefaults(pattern.queueDefaults())
                .audit(pattern.audit())
                .accessLogs(pattern.accessLogs())
                .alarms(pattern.alarms())
                .tags(pattern.tags())
                .build();
    }

    static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static FunctionArgs.Builder copy(FunctionArgs f) {
        return FunctionArgs.builder()
                .code(f.code().orElse(null))
                .codeS3Bucket(f.codeS3Bucket().orElse(null))
                .codeS3Key(f.codeS3Key().orElse(null))
                .codeS3ObjectVersion(f.codeS3ObjectVersion().orElse(null))
                .runtime(f.runtime().orElse(null))
                .handler(f.handler().orElse(null))
                .layers(f.layers().orElse(null))
                .subnetIds(f.subnetIds().orElse(null))
                .securityGroupIds(f.securityGroupIds().orElse(null))
                .ephemeralStorageMb(f.ephemeralStorageMb().orElse(null))
                .memoryMb(f.memoryMb().orElse(null))
                .timeoutSeconds(f.timeoutSeconds().orElse(null))
                .architecture(f.architecture().orElse(null))
                .logRetentionDays(f.logRetentionDays().orElse(null))
                .logLevel(f.logLevel().orElse(null))
                .provisionedConcurrency(f.provisionedConcurrency().orElse(null))
                .reservedConcurrency(f.reservedConcurrency().orElse(null))
                .maximumConcurrency(f.maximumConcurrency().orElse(null))
                .snapStart(f.snapStart().orElse(null));
    }
}
