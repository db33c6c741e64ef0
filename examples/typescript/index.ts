// The shop's event-driven backbone from TypeScript: EDP's bus with two consumers and an alarm subscription.
// Type-checked against the SDK generated from the edp package schema by ./edp test (tools/pulumi/check-package.sh).
import * as pulumi from "@pulumi/pulumi";
import * as edp from "@edp-dev/edp";

const config = new pulumi.Config("shop");

const shop = new edp.EventDrivenPattern("shop", {
    environment: config.get("environment") ?? "dev",
    // Every function runs the shop's handlers jar unless it brings its own code.
    functionDefaults: { code: new pulumi.asset.FileArchive("../shop-handlers/target/shop-handlers.jar") },
    consumers: [
        {
            name: "billing",
            description: "Issues invoices for paid orders",
            eventPattern: JSON.stringify({ source: ["shop.orders"], "detail-type": ["Order Paid"] }),
            // Values of a set are the package's enums (plain strings such as "table:write" type-check too).
            grants: [edp.PatternGrant.TableWrite, edp.PatternGrant.NotificationsPublish],
            function: { handler: "com.example.shop.billing.InvoiceHandler::handleRequest", memoryMb: 1024 },
        },
        {
            name: "audit-log",
            kind: edp.ConsumerKind.Function,
            eventPattern: JSON.stringify({ source: ["shop.orders"] }),
            function: {
                code: new pulumi.asset.FileArchive("./audit"),
                runtime: "python3.12",
                handler: "audit.handler",
            },
            retryAttempts: 2,
        },
    ],
    subscriptions: [{ topic: edp.PatternTopic.Alarms, protocol: edp.SubscriptionProtocol.Email, endpoint: config.require("oncallEmail") }],
    alarms: { lambdaErrors: 5 },
});

export const busName = shop.busName;
export const queueUrls = shop.queueUrls;
