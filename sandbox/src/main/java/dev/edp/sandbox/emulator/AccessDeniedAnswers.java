package dev.edp.sandbox.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * moto answers a refused request (IAM enforced) with an XML error in the query protocol's shape, whatever the
 * service's protocol. A client of a JSON-protocol service (DynamoDB, SQS, EventBridge, Step Functions, Firehose,
 * KMS, CloudWatch Logs) cannot read it and reports only "HTTP 403", losing who was refused what. AWS answers those
 * services with a JSON error: {@code 400 {"__type": "AccessDeniedException", "message": "User: ... is not authorized
 * to perform: dynamodb:PutItem ..."}}; this class turns moto's answer into that, so the handler's log shows the
 * refused action as it would on AWS.
 */
final class AccessDeniedAnswers {

    private static final Pattern CODE = Pattern.compile("<Code>([^<]+)</Code>");
    private static final Pattern MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The answer the client gets: its status, content type and body. */
    record Answer(int status, String contentType, byte[] body) {
    }

    private AccessDeniedAnswers() {
    }

    /**
     * The JSON form of moto's XML refusal, for a JSON-protocol request ({@code X-Amz-Target} set); empty when the
     * answer is not one.
     */
    static Optional<Answer> asJson(String target, int status, byte[] body) {
        if (target == null || status != 403 || body.length == 0) {
            return Optional.empty();
        }
        String xml = new String(body, StandardCharsets.UTF_8);
        Matcher code = CODE.matcher(xml);
        if (!xml.startsWith("<?xml") && !xml.startsWith("<") || !code.find()) {
            return Optional.empty();
        }
        Matcher message = MESSAGE.matcher(xml);
        String type = code.group(1).equals("AccessDenied") ? "AccessDeniedException" : code.group(1);
        Map<String, String> error = new LinkedHashMap<>();
        error.put("__type", type);
        error.put("message", message.find() ? unescape(message.group(1)) : type);
        try {
            return Optional.of(new Answer(400, "application/x-amz-json-1.0", JSON.writeValueAsBytes(error)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unescape(String xml) {
        return xml.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }
}
