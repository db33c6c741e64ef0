/**
 * The cost-report (CUR) pipeline: {@link dev.edp.runtime.cur.CurIngestHandler} reads each uploaded report as a
 * stream ({@link dev.edp.runtime.cur.CurReader}), sums unblended cost exactly per usage day, account and service,
 * records the file's totals so that redelivery and retries never double-count ({@link dev.edp.runtime.cur.CostLedger}),
 * writes a curated copy ({@link dev.edp.runtime.cur.CuratedCopy}), and notifies success, errors and anomalies
 * ({@link dev.edp.runtime.cur.AnomalyRule}).
 */
package dev.edp.runtime.cur;
