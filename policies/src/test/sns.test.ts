import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AWS } from "../lib/types";
import { snsTopicCustomerKey, snsTopicTlsOnly } from "../policies/sns";
import { doc, tlsDeny } from "./helpers/documents";
import { GraphBuilder } from "./helpers/graph-builder";
import { runOnGraph, runOnResource, single } from "./helpers/harness";

describe("sns-topic-customer-kms-key", () => {
    test("passes a topic with a customer key", async () => {
        assert.deepEqual(await runOnResource(snsTopicCustomerKey, single(AWS.topic, { kmsMasterKeyId: "alias/edp-orders" })), []);
    });
    test("flags an unencrypted topic and alias/aws/sns", async () => {
        assert.match((await runOnResource(snsTopicCustomerKey, single(AWS.topic, {}, "alarms")))[0],
            /aws:sns\/topic:Topic "alarms" is not encrypted with a customer managed KMS key \(no KMS key is set\)/);
        assert.match((await runOnResource(snsTopicCustomerKey, single(AWS.topic, { kmsMasterKeyId: "arn:aws:kms:us-east-1:1:alias/aws/sns" })))[0],
            /is an AWS managed key/);
    });
});

describe("sns-topic-tls-only", () => {
    function topicWithPolicy(statement?: Record<string, unknown>) {
        const g = new GraphBuilder("test");
        const t = g.add(AWS.topic, "alarms", {});
        if (statement) {
            g.add(AWS.topicPolicy, "alarms-policy", { arn: t.arn, policy: doc(statement) }, { arn: [t] });
        }
        return g;
    }
    test("passes a topic policy with the TLS-only deny", async () => {
        assert.deepEqual(await runOnGraph(snsTopicTlsOnly, topicWithPolicy(tlsDeny("sns"))), []);
    });
    test("flags a topic without a policy, and one whose deny is for another service", async () => {
        assert.match((await runOnGraph(snsTopicTlsOnly, topicWithPolicy()))[0].message, /"alarms" has no resource policy.*TopicPolicy/);
        assert.match((await runOnGraph(snsTopicTlsOnly, topicWithPolicy(tlsDeny("sqs"))))[0].message, /has no TLS-only deny/);
    });
    test("links by value when the policy names the topic's ARN literally", async () => {
        const g = new GraphBuilder("test");
        g.add(AWS.topic, "alarms", { name: "alarms", arn: "arn:aws:sns:us-east-1:123456789012:alarms" });
        g.add(AWS.topicPolicy, "alarms-policy", { arn: "arn:aws:sns:us-east-1:123456789012:alarms", policy: doc(tlsDeny("sns")) });
        assert.deepEqual(await runOnGraph(snsTopicTlsOnly, g), []);
    });
});
