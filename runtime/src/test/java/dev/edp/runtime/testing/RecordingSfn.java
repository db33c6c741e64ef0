package dev.edp.runtime.testing;

import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SendTaskFailureRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskFailureResponse;
import software.amazon.awssdk.services.sfn.model.SendTaskSuccessRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskSuccessResponse;

import java.util.ArrayList;
import java.util.List;

/** A Step Functions client that keeps the callbacks it is sent; {@link #refuse} makes it answer as for a dead token. */
public final class RecordingSfn implements SfnClient {

    public final List<Object> callbacks = new ArrayList<>();
    private RuntimeException refusal;

    public void refuse(RuntimeException refusal) {
        this.refusal = refusal;
    }

    @Override
    public SendTaskSuccessResponse sendTaskSuccess(SendTaskSuccessRequest request) {
        callbacks.add(request);
        if (refusal != null) {
            throw refusal;
        }
        return SendTaskSuccessResponse.builder().build();
    }

    @Override
    public SendTaskFailureResponse sendTaskFailure(SendTaskFailureRequest request) {
        callbacks.add(request);
        if (refusal != null) {
            throw refusal;
        }
        return SendTaskFailureResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return "states";
    }

    @Override
    public void close() {
    }
}
