package dev.edp.sandbox.deploy.services;

import dev.edp.sandbox.deploy.PendingResource;
import dev.edp.sandbox.deploy.Placed;
import dev.edp.sandbox.deploy.ResourceCreator;

import java.util.Set;

/** The schema registry, its schemas and the discoverer: moto has no EventBridge Schemas API. */
public final class SchemaRegistryResources implements ResourceCreator {

    @Override
    public Set<String> types() {
        return Set.of("aws:schemas/registry:Registry", "aws:schemas/schema:Schema", "aws:schemas/discoverer:Discoverer");
    }

    @Override
    public Placed create(PendingResource r) {
        return Placed.notEmulated(r.mockId(), "moto has no EventBridge Schemas API");
    }
}
