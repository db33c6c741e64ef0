package dev.edp.provider;

import com.pulumi.provider.internal.ComponentProvider;
import com.pulumi.provider.internal.Metadata;
import com.pulumi.provider.internal.Provider;
import com.pulumi.provider.internal.models.ConstructRequest;
import com.pulumi.provider.internal.models.ConstructResponse;
import com.pulumi.provider.internal.models.GetSchemaRequest;
import com.pulumi.provider.internal.models.GetSchemaResponse;
import dev.edp.pattern.EventDrivenPattern;

import java.util.concurrent.CompletableFuture;

/**
 * The {@code edp} resource provider: {@code Construct} is the Java SDK's own ({@link ComponentProvider}: the
 * request's properties deserialized into the Args, then the component's constructor); {@code GetSchema} serves
 * {@link PackageSchema}, the SDK's inferred schema with what a user of another language needs added (descriptions
 * from the javadoc, no static fields, reference inputs not plain).
 */
public final class EdpProvider implements Provider {

    /** The package name: the first part of every type token ({@code edp:index:EventDrivenPattern}). */
    public static final String PACKAGE = "edp";

    private final Metadata metadata;
    private final ComponentProvider components;

    public EdpProvider(String version) {
        this.metadata = new Metadata(PACKAGE, version, "EDP");
        this.components = new ComponentProvider(metadata, EventDrivenPattern.class.getPackage());
    }

    @Override
    public CompletableFuture<GetSchemaResponse> getSchema(GetSchemaRequest request) {
        return CompletableFuture.completedFuture(new GetSchemaResponse(PackageSchema.of(metadata).toJson()));
    }

    @Override
    public CompletableFuture<ConstructResponse> construct(ConstructRequest request) {
        return components.construct(request);
    }
}
