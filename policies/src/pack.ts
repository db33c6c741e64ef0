/**
 * The pack: one list of policies. The CrossGuard entry point (index.ts) and the offline runner (`./edp check`,
 * check/) both take this list, so what CI gates on is exactly what `pulumi preview --policy-pack` enforces.
 */
import type { EnforcementLevel } from "@pulumi/policy";
import type { EdpPolicy } from "./lib/policy-kit";
import { accessPolicies } from "./policies/access";
import { cloudwatchPolicies } from "./policies/cloudwatch";
import { dynamodbPolicies } from "./policies/dynamodb";
import { eventbridgePolicies } from "./policies/eventbridge";
import { firehosePolicies } from "./policies/firehose";
import { iamPolicies } from "./policies/iam";
import { kmsPolicies } from "./policies/kms";
import { lambdaPolicies } from "./policies/lambda";
import { namingPolicies } from "./policies/naming";
import { queueSemanticsPolicies } from "./policies/queue-semantics";
import { resourcePolicies } from "./policies/resource-policies";
import { s3Policies } from "./policies/s3";
import { schedulerPolicies } from "./policies/scheduler";
import { snsPolicies } from "./policies/sns";
import { sqsPolicies } from "./policies/sqs";
import { stepfunctionsPolicies } from "./policies/stepfunctions";

export const PACK_NAME = "edp-event-driven";

/** The level of a policy that sets none (each EDP policy sets its own). */
export const PACK_ENFORCEMENT_LEVEL: EnforcementLevel = "mandatory";

export const policies: EdpPolicy[] = [
    ...sqsPolicies,
    ...snsPolicies,
    ...dynamodbPolicies,
    ...kmsPolicies,
    ...lambdaPolicies,
    ...eventbridgePolicies,
    ...schedulerPolicies,
    ...stepfunctionsPolicies,
    ...firehosePolicies,
    ...s3Policies,
    ...iamPolicies,
    ...cloudwatchPolicies,
    ...queueSemanticsPolicies,
    ...resourcePolicies,
    ...accessPolicies,
    ...namingPolicies,
];
