package dev.edp.sandbox.deploy.services;

import dev.edp.sandbox.deploy.PendingResource;
import dev.edp.sandbox.deploy.Placed;
import dev.edp.sandbox.deploy.ResourceCreator;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

import java.util.Set;

/** Roles and their inline policies: stored with the documents the stack writes; moto does not enforce them. */
public final class IamResources implements ResourceCreator {

    static final String ROLE = "aws:iam/role:Role";
    static final String ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";

    private final IamClient iam;

    public IamResources(IamClient iam) {
        this.iam = iam;
    }

    @Override
    public Set<String> types() {
        return Set.of(ROLE, ROLE_POLICY);
    }

    @Override
    public Placed create(PendingResource r) {
        if (r.type().equals(ROLE_POLICY)) {
            String role = r.required("role");
            String name = r.name();
            iam.putRolePolicy(b -> b.roleName(role).policyName(name).policyDocument(r.required("policy")));
            r.put("name", name);
            return Placed.onEmulator(role + ":" + name, "stored; moto does not enforce IAM");
        }
        String name = r.name();
        Role role = iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(r.required("assumeRolePolicy"))
                .description(r.string("description")).path(r.string("path"))
                .tags(r.tags().entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build())
                        .toList())).role();
        r.put("name", name);
        r.put("arn", role.arn());
        r.put("uniqueId", role.roleId());
        return Placed.onEmulator(name, "stored; moto does not enforce IAM");
    }
}
