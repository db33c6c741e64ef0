"""Enriches a partner upload: invoked asynchronously by EventBridge with the "Object Created" event's detail.

Raising makes Lambda retry (retryAttempts) and then send the event with its error to the consumer's DLQ.
"""
import json
import os


def handler(detail, context):
    bucket = detail["bucket"]["name"]
    key = detail["object"]["key"]
    if not key.endswith(".json"):
        raise ValueError(f"not a JSON upload: s3://{bucket}/{key}")
    if detail["object"].get("size", 0) == 0:
        raise ValueError(f"an empty upload: s3://{bucket}/{key}")
    print(json.dumps({"level": "INFO", "message": "enriching", "bucket": bucket, "key": key,
                      "size": detail["object"]["size"], "table": os.environ.get("EDP_TABLE_NAME")}))
    return {"bucket": bucket, "key": key}
