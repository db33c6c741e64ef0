/**
 * The runtime of seed 004's workflow: the state machine's Lambda tasks (validate the input, process the order,
 * reserve its items, handle an error) and the consumer of "Approval Decided" that ends the approval wait. The tasks
 * read the state as JSON and return JSON ({@link dev.edp.runtime.workflow.WorkflowTask}); an exception becomes the
 * task's error in the execution history, named after its class.
 */
package dev.edp.runtime.workflow;
