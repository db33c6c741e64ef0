"""The shop's event-driven backbone from Python: EDP's bus with two consumers and an alarm subscription.

Run by ./edp test under Pulumi's Python mocks (tools/pulumi/check-package.sh), with the SDK generated from the edp
package schema: the program must build, and register one edp:index:EventDrivenPattern with these inputs.
"""
import json

import pulumi
import pulumi_edp as edp

config = pulumi.Config("shop")

shop = edp.EventDrivenPattern(
    "shop",
    environment=config.get("environment") or "dev",
    function_defaults=edp.FunctionArgs(
        code=pulumi.FileArchive("../shop-handlers/target/shop-handlers.jar"),
    ),
    consumers=[
        edp.ConsumerArgs(
            name="billing",
            description="Issues invoices for paid orders",
            event_pattern=json.dumps({"source": ["shop.orders"], "detail-type": ["Order Paid"]}),
            grants=[edp.PatternGrant.TABLE_WRITE, edp.PatternGrant.NOTIFICATIONS_PUBLISH],
            function=edp.FunctionArgs(handler="com.example.shop.billing.InvoiceHandler::handleRequest", memory_mb=1024),
        ),
        edp.ConsumerArgs(
            name="audit-log",
            kind=edp.ConsumerKind.FUNCTION,
            event_pattern=json.dumps({"source": ["shop.orders"]}),
            function=edp.FunctionArgs(code=pulumi.FileArchive("./audit"), runtime="python3.12", handler="audit.handler"),
            retry_attempts=2,
        ),
    ],
    subscriptions=[edp.SubscriptionArgs(topic=edp.PatternTopic.ALARMS, protocol=edp.SubscriptionProtocol.EMAIL,
                                        endpoint=config.require("oncallEmail"))],
    alarms=edp.AlarmsArgs(lambda_errors=5),
)

pulumi.export("busName", shop.bus_name)
pulumi.export("queueUrls", shop.queue_urls)
