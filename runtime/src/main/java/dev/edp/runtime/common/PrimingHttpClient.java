package dev.edp.runtime.common;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/**
 * The transport of SnapStart priming's clients ({@link AwsClients#forPriming}): it sends nothing anywhere and answers
 * every request with an empty success, so a handler's real business step can run on the seed example before the
 * snapshot (marshalling, signing, the SDK's pipeline and the step's own code all loaded and run once) without a side
 * effect on any resource. JSON protocols (DynamoDB, Step Functions) get {@code {}}; SNS's query protocol gets an
 * empty {@code PublishResponse}; an S3 {@code GET} gets the object body it was given (a made-up report), any other S3
 * call an empty XML result. Never used outside priming: the clients that do the work keep the real transport.
 */
final class PrimingHttpClient implements SdkHttpClient {

    private static final byte[] S3_RESULT = "<DeleteResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>"
            .getBytes(StandardCharsets.UTF_8);

    private final byte[] objectBody;

    PrimingHttpClient(byte[] objectBody) {
        this.objectBody = objectBody.clone();
    }

    private static final byte[] JSON = "{}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SNS = ("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
            + "<MessageId>00000000-0000-0000-0000-000000000000</MessageId></PublishResult><ResponseMetadata>"
            + "<RequestId>priming</RequestId></ResponseMetadata></PublishResponse>").getBytes(StandardCharsets.UTF_8);

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        // S3 by the signature's scope (".../us-east-1/s3/aws4_request"), not by the host: with AWS_ENDPOINT_URL in the
        // process environment (an emulator, the cold-start benchmark) the SDK points these clients at its host too, and
        // a report body answered with JSON made the rehearsal fail at its first S3 read without a word.
        boolean s3 = request.httpRequest().firstMatchingHeader("Authorization")
                .map(authorization -> authorization.contains("/s3/aws4_request")).orElse(false);
        boolean query = request.httpRequest().firstMatchingHeader("Content-Type")
                .map(type -> type.startsWith("application/x-www-form-urlencoded")).orElse(false);
        byte[] body = s3 ? (request.httpRequest().method() == software.amazon.awssdk.http.SdkHttpMethod.GET ? objectBody : S3_RESULT)
                : query ? SNS : JSON;
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(200)
                                .putHeader("Content-Type", s3 || query ? "text/xml" : "application/x-amz-json-1.0")
                                .putHeader("Content-Length", Integer.toString(body.length))
                                .putHeader("x-amzn-RequestId", "priming").build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                        .build();
            }

            @Override
            public void abort() {
                // nothing in flight
            }
        };
    }

    @Override
    public void close() {
        // nothing to release
    }
}
