package dev.edp.pattern.storage;

import com.pulumi.core.Output;

/** A bucket the pattern uses, whether it created it or was given its name. */
public record BucketRef(Output<String> name, Output<String> arn) {

    /** Objects in the bucket: {@code <arn>/*}. */
    public Output<String> objectsArn() {
        return arn.applyValue(a -> a + "/*");
    }
}
