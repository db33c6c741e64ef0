/**
 * The event contracts at run time: {@link dev.edp.runtime.events.EventSchemas} parses an EventBridge event and
 * validates it against the JSON Schema of its detail-type (the files of edp-events), so a handler only ever sees an
 * {@link dev.edp.runtime.events.EventEnvelope} that matches its contract, and a bad event fails with an
 * {@link dev.edp.runtime.events.InvalidEventException} that names the field.
 */
package dev.edp.runtime.events;
