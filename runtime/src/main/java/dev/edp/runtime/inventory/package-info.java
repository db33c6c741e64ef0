/**
 * Seed 003's inventory processor and the workflow's reservations: stock changes are DynamoDB transactions with
 * conditions, so stock never goes negative, a reservation above stock is rejected (and announced), and an event
 * applied twice changes nothing.
 */
package dev.edp.runtime.inventory;
