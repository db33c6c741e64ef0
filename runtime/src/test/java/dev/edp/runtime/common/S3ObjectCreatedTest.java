package dev.edp.runtime.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3ObjectCreatedTest {

    private static final String AWS_EVENT = """
            {"version":"0","id":"17793124-05d4-b198-2fde-7ededc63b103","detail-type":"Object Created","source":"aws.s3",
             "account":"111122223333","time":"2021-11-12T00:00:00Z","region":"ca-central-1",
             "resources":["arn:aws:s3:::amzn-s3-demo-bucket1"],
             "detail":{"version":"0","bucket":{"name":"amzn-s3-demo-bucket1"},
                       "object":{"key":"cur/report 1.csv","size":5,"etag":"b1946ac92492d2347c6235b4d2611184",
                                 "version-id":"IYV3p45BT0ac8hjHg1houSdS1a.Mro8e","sequencer":"617f08299329d189"},
                       "request-id":"N4N7GDK58NMKJ12R","requester":"123456789012","reason":"PutObject"}}
            """;

    @Test
    void readsAwsDocumentedEvent() {
        S3ObjectCreated event = S3ObjectCreated.parse(AWS_EVENT);

        assertThat(event.eventId()).isEqualTo("17793124-05d4-b198-2fde-7ededc63b103");
        assertThat(event.uri()).isEqualTo("s3://amzn-s3-demo-bucket1/cur/report 1.csv");
        assertThat(event.size()).isEqualTo(5);
        assertThat(event.etag()).isEqualTo("b1946ac92492d2347c6235b4d2611184");
        assertThat(event.versionId()).contains("IYV3p45BT0ac8hjHg1houSdS1a.Mro8e");
        assertThat(event.sequencer()).contains("617f08299329d189");
    }

    @Test
    void motosSpellingAndUnversionedNullAreAccepted() {
        String moto = AWS_EVENT.replace("\"etag\"", "\"eTag\"").replace("\"IYV3p45BT0ac8hjHg1houSdS1a.Mro8e\"", "\"null\"");

        S3ObjectCreated event = S3ObjectCreated.parse(moto);

        assertThat(event.etag()).isEqualTo("b1946ac92492d2347c6235b4d2611184");
        assertThat(event.versionId()).isEmpty();
    }

    @Test
    void errorsNameTheField() {
        assertThatThrownBy(() -> S3ObjectCreated.parse("not json")).hasMessageStartingWith("event is not JSON");
        assertThatThrownBy(() -> S3ObjectCreated.parse(AWS_EVENT.replace("Object Created", "Object Deleted")))
                .hasMessageContaining("detail-type 'Object Deleted'");
        assertThatThrownBy(() -> S3ObjectCreated.parse(AWS_EVENT.replace("\"key\":\"cur/report 1.csv\",", "")))
                .hasMessage("field detail.object.key is missing or not a string");
        assertThatThrownBy(() -> S3ObjectCreated.parse(AWS_EVENT.replace("\"size\":5", "\"size\":\"big\"")))
                .hasMessage("field detail.object.size is missing or not a number");
    }
}
