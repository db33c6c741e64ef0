package dev.edp.pattern.table;

import com.pulumi.aws.dynamodb.Table;
import com.pulumi.aws.dynamodb.TableArgs;
import com.pulumi.aws.dynamodb.inputs.TableAttributeArgs;
import com.pulumi.aws.dynamodb.inputs.TablePointInTimeRecoveryArgs;
import com.pulumi.aws.dynamodb.inputs.TableServerSideEncryptionArgs;
import com.pulumi.aws.dynamodb.inputs.TableTtlArgs;
import com.pulumi.core.Output;
import dev.edp.pattern.PatternContext;
import dev.edp.pattern.config.PatternSettings.TableSettings;

/**
 * The single DynamoDB table every consumer shares (single-table design): string keys {@code pk} and {@code sk},
 * on-demand capacity, TTL, point-in-time recovery, SSE with the pattern key; deletion protection in prod.
 * The key design of each consumer's items is documented in runtime/README.md.
 */
public final class StateTable {

    public static final String PARTITION_KEY = "pk";
    public static final String SORT_KEY = "sk";

    private final Table table;

    private StateTable(Table table) {
        this.table = table;
    }

    public static StateTable create(PatternContext ctx, Output<String> keyArn) {
        TableSettings settings = ctx.settings().table();
        var args = TableArgs.builder()
                .billingMode("PAY_PER_REQUEST")
                .hashKey(PARTITION_KEY)
                .rangeKey(SORT_KEY)
                .attributes(
                        TableAttributeArgs.builder().name(PARTITION_KEY).type("S").build(),
                        TableAttributeArgs.builder().name(SORT_KEY).type("S").build())
                .ttl(TableTtlArgs.builder().attributeName(settings.ttlAttribute()).enabled(true).build())
                .pointInTimeRecovery(TablePointInTimeRecoveryArgs.builder().enabled(true).build())
                .serverSideEncryption(TableServerSideEncryptionArgs.builder().enabled(true).kmsKeyArn(keyArn).build())
                .deletionProtectionEnabled(settings.deletionProtection())
                .tags(ctx.tags());
        if (settings.streamEnabled()) {
            args.streamEnabled(true).streamViewType("NEW_AND_OLD_IMAGES");
        }
        return new StateTable(new Table(ctx.name("table"), args.build(), ctx.options()));
    }

    public Table table() {
        return table;
    }

    public Output<String> name() {
        return table.name();
    }

    public Output<String> arn() {
        return table.arn();
    }
}
