package dev.edp.sandbox.deploy.services;

import dev.edp.sandbox.deploy.PendingResource;
import dev.edp.sandbox.deploy.Placed;
import dev.edp.sandbox.deploy.ResourceCreator;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.Tag;

import java.util.Set;

/** The pattern key and its alias, on the emulator's KMS. */
public final class KmsResources implements ResourceCreator {

    static final String KEY = "aws:kms/key:Key";
    static final String ALIAS = "aws:kms/alias:Alias";

    private final KmsClient kms;

    public KmsResources(KmsClient kms) {
        this.kms = kms;
    }

    @Override
    public Set<String> types() {
        return Set.of(KEY, ALIAS);
    }

    @Override
    public Placed create(PendingResource r) {
        if (r.type().equals(KEY)) {
            KeyMetadata key = kms.createKey(b -> b.description(r.string("description"))
                    .policy(r.string("policy"))
                    .tags(r.tags().entrySet().stream()
                            .map(t -> Tag.builder().tagKey(t.getKey()).tagValue(t.getValue()).build()).toList()))
                    .keyMetadata();
            if (r.flag("enableKeyRotation")) {
                kms.enableKeyRotation(b -> b.keyId(key.keyId()));
            }
            r.put("keyId", key.keyId());
            r.put("arn", key.arn());
            return Placed.onEmulator(key.keyId());
        }
        String alias = r.mockId();
        kms.createAlias(b -> b.aliasName(alias).targetKeyId(r.required("targetKeyId")));
        return Placed.onEmulator(alias);
    }
}
