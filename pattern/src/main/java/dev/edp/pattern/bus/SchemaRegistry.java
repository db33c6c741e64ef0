package dev.edp.pattern.bus;

import com.pulumi.aws.schemas.Discoverer;
import com.pulumi.aws.schemas.DiscovererArgs;
import com.pulumi.aws.schemas.Registry;
import com.pulumi.aws.schemas.RegistryArgs;
import com.pulumi.aws.schemas.Schema;
import com.pulumi.aws.schemas.SchemaArgs;
import dev.edp.pattern.PatternContext;
import dev.edp.pattern.config.PatternSettings.SchemaSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The schema registry of the bus: the user's event types, registered as JSON Schema Draft 4 (AWS keeps a new
 * version whenever the content changes), and a discoverer that records what producers really send.
 */
public final class SchemaRegistry {

    private final Optional<Registry> registry;
    private final Optional<Discoverer> discoverer;
    private final List<Schema> schemas;

    private SchemaRegistry(Optional<Registry> registry, Optional<Discoverer> discoverer, List<Schema> schemas) {
        this.registry = registry;
        this.discoverer = discoverer;
        this.schemas = schemas;
    }

    public static SchemaRegistry create(PatternContext ctx, EventBusResources bus) {
        if (!ctx.settings().bus().schemaRegistry()) {
            return new SchemaRegistry(Optional.empty(), Optional.empty(), List.of());
        }
        Registry registry = new Registry(ctx.name("schemas"), RegistryArgs.builder()
                .description("Event types of the EDP " + ctx.settings().name() + " bus")
                .tags(ctx.tags())
                .build(), ctx.options());
        Optional<Discoverer> discoverer = Optional.empty();
        if (ctx.settings().bus().schemaDiscovery()) {
            discoverer = Optional.of(new Discoverer(ctx.name("schema-discoverer"), DiscovererArgs.builder()
                    .sourceArn(bus.arn())
                    .description("Discovers the schemas of events on the EDP bus")
                    .tags(ctx.tags())
                    .build(), ctx.options()));
        }
        List<Schema> schemas = new ArrayList<>();
        for (SchemaSettings schema : ctx.settings().bus().schemas()) {
            schemas.add(new Schema(ctx.name("schema", slug(schema.name())), SchemaArgs.builder()
                    .registryName(registry.name())
                    .name(schema.name())
                    .type("JSONSchemaDraft4")
                    .content(schema.content())
                    .description(schema.description())
                    .tags(ctx.tags())
                    .build(), ctx.options()));
        }
        return new SchemaRegistry(Optional.of(registry), discoverer, schemas);
    }

    /** A schema's name as part of a logical name: {@code orders@OrderCreated} → {@code orders-ordercreated}. */
    static String slug(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    public Optional<Registry> registry() {
        return registry;
    }

    public Optional<Discoverer> discoverer() {
        return discoverer;
    }

    public List<Schema> schemas() {
        return schemas;
    }
}
