package dev.edp.pattern.table;

import com.pulumi.aws.dynamodb.Table;
import com.pulumi.aws.dynamodb.TableArgs;
import com.pulumi.aws.dynamodb.inputs.TableAttributeArgs;
import com.pulumi.aws.dynamodb.inputs.TableGlobalSecondaryIndexArgs;
import com.pulumi.aws.dynamodb.inputs.TablePointInTimeRecoveryArgs;
import com.pulumi.aws.dynamodb.inputs.TableServerSideEncryptionArgs;
import com.pulumi.aws.dynamodb.inputs.TableTtlArgs;
import com.pulumi.core.Output;
import dev.edp.pattern.PatternContext;
import dev.edp.pattern.config.PatternSettings.TableIndex;
import dev.edp.pattern.config.PatternSettings.TableKey;
import dev.edp.pattern.config.PatternSettings.TableSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DynamoDB table consumers share: on-demand, TTL, point-in-time recovery, SSE with the pattern key, deletion
 * protection in prod; keys {@code pk}/{@code sk} unless configured, with the configured global secondary indexes.
 * Or an existing table by name, which the pattern only grants access to.
 */
public final class StateTable {

    private final Optional<Table> table;
    private final Output<String> name;
    private final Output<String> arn;

    private StateTable(Optional<Table> table, Output<String> name, Output<String> arn) {
        this.table = table;
        this.name = name;
        this.arn = arn;
    }

    /** The table, or empty when {@code table.enabled} is false. */
    public static Optional<StateTable> create(PatternContext ctx, Output<String> keyArn) {
        TableSettings settings = ctx.settings().table();
        if (!settings.enabled()) {
            return Optional.empty();
        }
        if (settings.existingTableName().isPresent()) {
            Output<String> name = settings.existingTableName().get();
            return Optional.of(new StateTable(Optional.empty(), name,
                    name.apply(n -> ctx.arn("dynamodb", "table/" + n))));
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attribute(attributes, settings.partitionKey());
        settings.sortKey().ifPresent(k -> attribute(attributes, k));
        List<TableGlobalSecondaryIndexArgs> indexes = new ArrayList<>();
        for (TableIndex index : settings.globalSecondaryIndexes()) {
            attribute(attributes, index.partitionKey());
            index.sortKey().ifPresent(k -> attribute(attributes, k));
            var gsi = TableGlobalSecondaryIndexArgs.builder()
                    .name(index.name())
                    .hashKey(index.partitionKey().name())
                    .projectionType(index.projectionType());
            index.sortKey().ifPresent(k -> gsi.rangeKey(k.name()));
            if (!index.nonKeyAttributes().isEmpty()) {
                gsi.nonKeyAttributes(index.nonKeyAttributes());
            }
            indexes.add(gsi.build());
        }
        List<TableAttributeArgs> attributeArgs = new ArrayList<>();
        attributes.forEach((n, t) -> attributeArgs.add(TableAttributeArgs.builder().name(n).type(t).build()));
        var args = TableArgs.builder()
                .billingMode("PAY_PER_REQUEST")
                .hashKey(settings.partitionKey().name())
                .attributes(attributeArgs)
                .ttl(TableTtlArgs.builder().attributeName(settings.ttlAttribute()).enabled(true).build())
                .pointInTimeRecovery(TablePointInTimeRecoveryArgs.builder().enabled(true).build())
                .serverSideEncryption(TableServerSideEncryptionArgs.builder().enabled(true).kmsKeyArn(keyArn).build())
                .deletionProtectionEnabled(settings.deletionProtection())
                .tags(ctx.tags());
        settings.sortKey().ifPresent(k -> args.rangeKey(k.name()));
        if (!indexes.isEmpty()) {
            args.globalSecondaryIndexes(indexes);
        }
        if (settings.streamEnabled()) {
            args.streamEnabled(true).streamViewType("NEW_AND_OLD_IMAGES");
        }
        Table table = new Table(ctx.name("table"), args.build(), ctx.options());
        return Optional.of(new StateTable(Optional.of(table), table.name(), table.arn()));
    }

    /** DynamoDB wants each key attribute declared once. */
    private static void attribute(Map<String, String> attributes, TableKey key) {
        attributes.putIfAbsent(key.name(), key.type());
    }

    /** The table the pattern created; empty when it uses an existing one. */
    public Optional<Table> table() {
        return table;
    }

    public Output<String> name() {
        return name;
    }

    public Output<String> arn() {
        return arn;
    }

    /** The table's indexes, for grants: {@code <table arn>/index/*}. */
    public Output<String> indexesArn() {
        return arn.applyValue(a -> a + "/index/*");
    }
}
