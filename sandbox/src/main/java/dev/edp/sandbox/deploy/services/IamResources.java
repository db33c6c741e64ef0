package dev.edp.sandbox.deploy.services;

import dev.edp.sandbox.deploy.PendingResource;
import dev.edp.sandbox.deploy.Placed;
import dev.edp.sandbox.deploy.ResourceCreator;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

import java.util.Set;

/**
 * Roles and their inline policies, stored on moto (which enforces them: see {@code emulator.EmulatedAccount}) as
 * moto can evaluate them ({@link PoliciesOnMoto}): identity policies by action (and by resource for SQS and S3),
 * trust policies admitting the sandbox, which assumes each function's role as Lambda would.
 */
public final class IamResources implements ResourceCreator {

    static final String ROLE = "aws:iam/role:Role";
    static final String ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";

    private final IamClient iam;
    private final String sandboxPrincipal;

    /** @param sandboxPrincipal the ARN of the identity that assumes the roles for the services (the administrator) */
    public IamResources(IamClient iam, String sandboxPrincipal) {
        this.iam = iam;
        this.sandboxPrincipal = sandboxPrincipal;
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
            iam.putRolePolicy(b -> b.roleName(role).policyName(name)
                    .policyDocument(PoliciesOnMoto.identityPolicy(r.required("policy"))));
            r.put("name", name);
            return Placed.onEmulator(role + ":" + name, "enforced by action (and resource for SQS and S3)");
        }
        String name = r.name();
        Role role = iam.createRole(b -> b.roleName(name)
                .assumeRolePolicyDocument(PoliciesOnMoto.trustPolicy(r.required("assumeRolePolicy"), sandboxPrincipal))
                .description(r.string("description")).path(r.string("path"))
                .tags(r.tags().entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build())
                        .toList())).role();
        r.put("name", name);
        r.put("arn", role.arn());
        r.put("uniqueId", role.roleId());
        return Placed.onEmulator(name, "assumed by the sandbox for its functions");
    }
}
