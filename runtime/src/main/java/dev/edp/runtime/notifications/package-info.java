/** Seed 003's notification processor: "Notification Sent" events fanned out on the notifications topic. */
package dev.edp.runtime.notifications;
