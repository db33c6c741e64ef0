package dev.edp.provider;

import com.pulumi.core.internal.Internal;
import com.pulumi.provider.internal.Metadata;
import com.pulumi.provider.internal.Provider;
import com.pulumi.provider.internal.models.ConstructRequest;
import com.pulumi.provider.internal.models.ConstructResponse;
import com.pulumi.provider.internal.models.GetSchemaRequest;
import com.pulumi.provider.internal.models.GetSchemaResponse;
import com.pulumi.provider.internal.properties.PropertyValue;
import com.pulumi.provider.internal.properties.PropertyValueSerializer;
import dev.edp.pattern.EventDrivenPattern;
import dev.edp.pattern.EventDrivenPatternArgs;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code edp} resource provider. {@code GetSchema} serves {@link PackageSchema}: the SDK's inferred schema with
 * what a user of another language needs added (descriptions from the javadoc, no static fields, reference inputs not
 * plain). {@code Construct} builds {@link EventDrivenPattern} from the request's properties ({@link WireArgs}: the
 * SDK's own reading, but for the maps it cannot read), under the engine's options, and returns its outputs.
 */
public final class EdpProvider implements Provider {

    /** The package name: the first part of every type token ({@code edp:index:EventDrivenPattern}). */
    public static final String PACKAGE = "edp";

    private final Metadata metadata;

    public EdpProvider(String version) {
        this.metadata = new Metadata(PACKAGE, version, "EDP");
    }

    @Override
    public CompletableFuture<GetSchemaResponse> getSchema(GetSchemaRequest request) {
        return CompletableFuture.completedFuture(new GetSchemaResponse(PackageSchema.of(metadata).toJson()));
    }

    @Override
    public CompletableFuture<ConstructResponse> construct(ConstructRequest request) {
        if (!EventDrivenPattern.TYPE.equals(request.getType())) {
            throw new IllegalArgumentException("unknown resource type " + request.getType() + ": package "
                    + PACKAGE + " has " + EventDrivenPattern.TYPE);
        }
        EventDrivenPatternArgs args = WireArgs.deserialize(request.getInputs(), EventDrivenPatternArgs.class);
        EventDrivenPattern component = new EventDrivenPattern(request.getName(), args, request.getOptions());
        Map<String, PropertyValue> state = PropertyValueSerializer.stateFromComponentResource(component);
        return Internal.of(component.urn()).getValueNullable()
                .thenApply(urn -> new ConstructResponse(urn, state, new HashMap<>()));
    }
}
